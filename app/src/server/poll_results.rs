//! A poll's results from its counts: per option the online and paper votes with their share, a
//! scale's distribution and mean, a ranking's points, and breakdowns by age band and area that
//! show only groups of at least ten voters.

use super::entities::poll_tally;
use super::polls::{Found, PaperBatch, QuestionRow};
use crate::domain::consultations::Channel;
use crate::domain::polls::{ranking_points, scale_mean_tenths, shown_groups, tally};
use crate::domain::shares::per_mille;
use crate::model::polls::{
    Breakdown, GroupResult, OptionResult, PaperBatchView, PaperWithdrawalView, PollResults, QuestionResult, ScaleResult,
};
use crate::model::tenancy::AreaSummary;
use std::collections::BTreeMap;

/// The counts of one poll, looked up by key.
struct Counts(BTreeMap<(i32, i32, i32, String), u64>);

impl Counts {
    fn new(tallies: &[poll_tally::Model]) -> Self {
        Counts(
            tallies
                .iter()
                .map(|t| ((t.question_id, t.option_id, t.value, t.breakdown.clone()), t.count.max(0) as u64))
                .collect(),
        )
    }

    fn get(&self, question: i32, option: i32, value: i32, breakdown: &str) -> u64 {
        self.0.get(&(question, option, value, breakdown.to_owned())).copied().unwrap_or(0)
    }

    /// The groups of one dimension (`age`, `area`) with counts for this question.
    fn groups(&self, question: i32, dimension: &str) -> BTreeMap<String, u64> {
        let prefix = format!("{dimension}:");
        self.0
            .iter()
            .filter(|((q, o, v, b), _)| *q == question && *o == 0 && *v == 0 && b.starts_with(&prefix))
            .map(|((_, _, _, b), n)| (b[prefix.len()..].to_owned(), *n))
            .collect()
    }
}

/// Online ballots counted so far.
pub fn ballots(tallies: &[poll_tally::Model]) -> u64 {
    Counts::new(tallies).get(0, 0, 0, "")
}

fn breakdown(counts: &Counts, row: &QuestionRow, dimension: &str, areas: &[AreaSummary]) -> Breakdown {
    let groups = counts.groups(row.question.id, dimension);
    // Against the online answers: paper votes carry no age or area.
    let answered_online = counts.get(row.question.id, 0, 0, "");
    let (shown, smaller_groups_left_out) = shown_groups(&groups, answered_online);
    let label = |key: &str| match dimension {
        "area" => areas
            .iter()
            .find(|a| key.parse::<i32>().is_ok_and(|id| id == a.id))
            .map(|a| a.name.clone())
            .unwrap_or_else(|| key.to_owned()),
        _ => key.to_owned(),
    };
    Breakdown {
        dimension: dimension.to_owned(),
        groups: shown
            .into_iter()
            .map(|(key, answered)| GroupResult {
                label: label(&key),
                answered,
                options: row
                    .options
                    .iter()
                    .map(|o| {
                        let n = counts.get(row.question.id, o.id, 0, &format!("{dimension}:{key}"));
                        (o.id, n, per_mille(n, answered))
                    })
                    .collect(),
            })
            .collect(),
        smaller_groups_left_out,
    }
}

fn question_result(
    counts: &Counts,
    row: &QuestionRow,
    paper: &BTreeMap<(i32, i32), u64>,
    areas: &[AreaSummary],
) -> QuestionResult {
    let q = row.question.id;
    let answered = counts.get(q, 0, 0, "");
    let paper_of = |option: i32| paper.get(&(q, option)).copied().unwrap_or(0);
    let paper_answered: u64 = row.options.iter().map(|o| paper_of(o.id)).sum();
    let option_ids: Vec<i32> = row.options.iter().map(|o| o.id).collect();
    let mut options = Vec::new();
    let mut scale = Vec::new();
    let mut mean_tenths = None;
    let mut breakdowns = Vec::new();
    match row.question.kind.as_str() {
        "single" | "multiple" => {
            let totals: BTreeMap<i32, u64> =
                option_ids.iter().map(|o| (*o, counts.get(q, *o, 0, "") + paper_of(*o))).collect();
            let shares = tally(&option_ids, &totals, answered + paper_answered);
            options = row
                .options
                .iter()
                .zip(shares)
                .map(|(o, share)| OptionResult {
                    id: o.id,
                    label: o.label.clone(),
                    online: counts.get(q, o.id, 0, ""),
                    paper: paper_of(o.id),
                    total: share.count,
                    per_mille: share.per_mille,
                    points: 0,
                    first_places: 0,
                })
                .collect();
            breakdowns = ["age", "area"].iter().map(|d| breakdown(counts, row, d, areas)).collect();
        }
        "ranking" => {
            let ranks: BTreeMap<(i32, i32), u64> = counts
                .0
                .iter()
                .filter(|((qq, o, v, b), _)| *qq == q && *o != 0 && *v > 0 && b.is_empty())
                .map(|((_, o, v, _), n)| ((*o, *v), *n))
                .collect();
            options = row
                .options
                .iter()
                .zip(ranking_points(&option_ids, &ranks))
                .map(|(o, (_, points, first_places))| OptionResult {
                    id: o.id,
                    label: o.label.clone(),
                    online: first_places,
                    paper: 0,
                    total: first_places,
                    per_mille: per_mille(first_places, answered),
                    points,
                    first_places,
                })
                .collect();
        }
        "scale" => {
            let top = row.question.scale_max.unwrap_or(5);
            let values: BTreeMap<i32, u64> = (1..=top).map(|v| (v, counts.get(q, 0, v, ""))).collect();
            mean_tenths = scale_mean_tenths(&values);
            scale = values
                .into_iter()
                .map(|(value, count)| ScaleResult { value, count, per_mille: per_mille(count, answered) })
                .collect();
        }
        _ => {}
    }
    QuestionResult {
        id: q,
        prompt: row.question.prompt.clone(),
        kind: row.question.kind.clone(),
        answered,
        paper_answered,
        options,
        scale,
        mean_tenths,
        breakdowns,
    }
}

pub fn assemble(
    found: &Found,
    tallies: &[poll_tally::Model],
    paper: &[PaperBatch],
    areas: &[AreaSummary],
) -> PollResults {
    let counts = Counts::new(tallies);
    let mut paper_totals: BTreeMap<(i32, i32), u64> = BTreeMap::new();
    for batch in paper.iter().filter(|b| b.counts_in_totals()) {
        for c in &batch.counts {
            *paper_totals.entry((c.question_id, c.option_id)).or_default() += c.count.max(0) as u64;
        }
    }
    PollResults {
        ballots: counts.get(0, 0, 0, ""),
        questions: found.questions.iter().map(|row| question_result(&counts, row, &paper_totals, areas)).collect(),
        paper: paper.iter().map(paper_batch_view).collect(),
    }
}

pub fn paper_batch_view(paper: &PaperBatch) -> PaperBatchView {
    let batch = &paper.batch;
    // Per question the votes add up to the ballots counted; the largest question is the best
    // count of ballots in the batch.
    let mut per_question: BTreeMap<i32, u64> = BTreeMap::new();
    for c in &paper.counts {
        *per_question.entry(c.question_id).or_default() += c.count.max(0) as u64;
    }
    PaperBatchView {
        id: batch.id,
        channel: Channel::parse(&batch.channel).unwrap_or(Channel::Meeting),
        description: batch.description.clone(),
        counted_on: batch.counted_on,
        votes: per_question.values().copied().max().unwrap_or(0),
        withdrawn: paper
            .withdrawal
            .as_ref()
            .map(|w| PaperWithdrawalView { on: super::clock::dutch_day(w.withdrawn_at), reason: w.reason.clone() }),
    }
}
