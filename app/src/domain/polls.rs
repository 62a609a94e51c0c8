//! Polls (issue 5, groundwork): the kinds of questions, checking a ballot against them, when a
//! poll takes ballots, and counting results with small groups kept out of breakdowns. Pure: the
//! server stores ballots inside the transaction that checks eligibility; this decides what a
//! valid ballot is.

use super::validation::{Checks, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

pub const OPEN_ANSWER_MAX: usize = 2_000;
/// Breakdowns by age band or area show only groups of at least this many voters.
pub const SMALLEST_GROUP: u64 = 10;

/// One question of a poll. Options are identified by their stored id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Exactly one option.
    Single { options: Vec<i32> },
    /// Up to `max` options (at least one).
    Multiple { options: Vec<i32>, max: u8 },
    /// A whole number from 1 to `max` (5 or 10).
    Scale { max: u8 },
    /// Every option in an order of preference, each once.
    Ranking { options: Vec<i32> },
    /// Free text; becomes an input record the report answers.
    Open,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i32,
    pub kind: QuestionKind,
    /// An unanswered optional question is fine; an open question is always optional.
    pub required: bool,
}

/// What a voter sent for one question, as text from the form (so nothing typed is lost).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInput {
    /// Chosen option ids (one for single choice, several for multiple choice, in order for ranking).
    pub options: Vec<String>,
    /// The scale value or the open answer.
    pub text: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Single(i32),
    Multiple(Vec<i32>),
    Scale(u8),
    Ranking(Vec<i32>),
    Open(String),
}

fn option_ids(raw: &[String], known: &[i32]) -> Result<Vec<i32>, Problem> {
    raw.iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| r.trim().parse::<i32>().ok().filter(|id| known.contains(id)).ok_or(Problem::ChoiceInvalid))
        .collect()
}

/// Checks one answer; Ok(None) for an optional question left blank.
pub fn check_answer(question: &Question, input: &AnswerInput) -> Result<Option<Answer>, Problem> {
    let blank = input.options.iter().all(|o| o.trim().is_empty()) && input.text.trim().is_empty();
    if blank {
        return if question.required && question.kind != QuestionKind::Open {
            Err(Problem::Required)
        } else {
            Ok(None)
        };
    }
    match &question.kind {
        QuestionKind::Single { options } => match option_ids(&input.options, options)?.as_slice() {
            [one] => Ok(Some(Answer::Single(*one))),
            _ => Err(Problem::ChoiceInvalid),
        },
        QuestionKind::Multiple { options, max } => {
            let chosen = option_ids(&input.options, options)?;
            let distinct: HashSet<_> = chosen.iter().collect();
            if distinct.len() != chosen.len() {
                Err(Problem::ChoiceInvalid)
            } else if chosen.len() > usize::from(*max) {
                Err(Problem::TooMany { max: u32::from(*max) })
            } else {
                Ok(Some(Answer::Multiple(chosen)))
            }
        }
        QuestionKind::Scale { max } => input
            .text
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|v| (1..=*max).contains(v))
            .map(|v| Some(Answer::Scale(v)))
            .ok_or(Problem::NumberInvalid { max: u32::from(*max) }),
        QuestionKind::Ranking { options } => {
            let order = option_ids(&input.options, options)?;
            let distinct: HashSet<_> = order.iter().collect();
            if order.len() == options.len() && distinct.len() == order.len() {
                Ok(Some(Answer::Ranking(order)))
            } else {
                Err(Problem::RankingIncomplete)
            }
        }
        QuestionKind::Open => {
            let text = input.text.trim();
            if text.chars().count() > OPEN_ANSWER_MAX {
                Err(Problem::TooLong { max: OPEN_ANSWER_MAX as u32 })
            } else {
                Ok(Some(Answer::Open(text.to_owned())))
            }
        }
    }
}

/// Checks a whole ballot: every problem tied to its question (`answer[12]`), nothing stored
/// unless all of it is right.
pub fn check_ballot(questions: &[Question], inputs: &BTreeMap<i32, AnswerInput>) -> Result<Vec<(i32, Answer)>, Checks> {
    let mut checks = Checks::new();
    let mut answers = Vec::new();
    for question in questions {
        let input = inputs.get(&question.id).cloned().unwrap_or_default();
        if let Some(Some(answer)) = checks.field(&format!("answer[{}]", question.id), check_answer(question, &input)) {
            answers.push((question.id, answer));
        }
    }
    // Answers to questions the poll does not have mean a tampered or outdated form.
    if let Some(unknown) = inputs.keys().find(|id| !questions.iter().any(|q| q.id == **id)) {
        checks.add(&format!("answer[{unknown}]"), Problem::ChoiceInvalid);
    }
    if checks.is_empty() {
        Ok(answers)
    } else {
        Err(checks)
    }
}

/// Whether a poll takes ballots now. It opens at `opens_at` and closes at `closes_at`: a ballot
/// at exactly the closing moment is too late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PollWindow {
    NotYetOpen,
    Open,
    Closed,
}

pub fn poll_window(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, now: DateTime<Utc>) -> PollWindow {
    if now < opens_at {
        PollWindow::NotYetOpen
    } else if now < closes_at {
        PollWindow::Open
    } else {
        PollWindow::Closed
    }
}

/// One row of a result: an option's count and its share in tenths of a percent (so 33.3% is
/// 333), of the ballots that answered the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionResult {
    pub option: i32,
    pub count: u64,
    pub per_mille: u64,
}

/// Counts per option, in the options' order, as shares of `answered` (the voters who answered).
pub fn tally(options: &[i32], counts: &BTreeMap<i32, u64>, answered: u64) -> Vec<OptionResult> {
    options
        .iter()
        .map(|option| {
            let count = counts.get(option).copied().unwrap_or(0);
            let per_mille = (count * 1000 + answered / 2).checked_div(answered).unwrap_or(0);
            OptionResult { option: *option, count, per_mille }
        })
        .collect()
}

/// The groups of a breakdown (age bands, areas) that may be published, out of `total` voters who
/// answered, and whether any group with voters was left out.
///
/// A group is shown only with at least `SMALLEST_GROUP` voters. That alone is not enough: the
/// totals are published too, so the voters left out (the small groups together, and voters
/// without an area or age) are the total minus the shown groups. When they are fewer than
/// `SMALLEST_GROUP`, that difference would give away how a small group voted (the only voter of
/// an area, say). Then the smallest shown groups are left out as well, until the voters left out
/// are none or at least `SMALLEST_GROUP`.
pub fn shown_groups(groups: &BTreeMap<String, u64>, total: u64) -> (Vec<(String, u64)>, bool) {
    let mut shown: Vec<(String, u64)> =
        groups.iter().filter(|(_, n)| **n >= SMALLEST_GROUP).map(|(g, n)| (g.clone(), *n)).collect();
    let left_out = |shown: &[(String, u64)]| total.saturating_sub(shown.iter().map(|(_, n)| n).sum::<u64>());
    while (1..SMALLEST_GROUP).contains(&left_out(&shown)) && !shown.is_empty() {
        // The smallest first: it says the least; ties by name, so the answer never varies.
        let smallest = shown.iter().enumerate().min_by_key(|(_, (g, n))| (*n, g.clone())).map(|(i, _)| i);
        if let Some(i) = smallest {
            shown.remove(i);
        }
    }
    let hidden_any = left_out(&shown) > 0;
    (shown, hidden_any)
}

pub const PROMPT_MAX: usize = 300;
pub const OPTION_MAX: usize = 200;
pub const MAX_QUESTIONS: usize = 10;
pub const MAX_OPTIONS: usize = 12;

/// Whether a kind of question has options to choose from.
pub fn has_options(kind: &str) -> bool {
    matches!(kind, "single" | "multiple" | "ranking")
}

/// When results are public: while voting (`live`) or only once the poll has closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultsShown {
    Live,
    AfterClose,
}

impl ResultsShown {
    pub fn as_str(self) -> &'static str {
        match self {
            ResultsShown::Live => "live",
            ResultsShown::AfterClose => "after_close",
        }
    }

    pub fn parse(s: &str) -> Option<ResultsShown> {
        [ResultsShown::Live, ResultsShown::AfterClose].into_iter().find(|r| r.as_str() == s)
    }

    /// Whether everyone may see the results now. A poll that has not opened has none to show.
    /// A secret poll shows its results only once it has closed, whatever was chosen: live
    /// results, read before and after someone votes, would say how that person voted.
    pub fn public(self, window: PollWindow, secret: bool) -> bool {
        match (self, window) {
            (_, PollWindow::Closed) => true,
            (ResultsShown::Live, PollWindow::Open) => !secret,
            _ => false,
        }
    }
}

/// One question as typed into the poll editor. Options come one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    pub prompt: String,
    pub kind: String,
    pub options: String,
    /// The most options a multiple-choice question allows, or the top of a scale (5 or 10).
    pub max: String,
    pub required: bool,
}

/// A question as the editor accepted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    pub prompt: String,
    pub kind: String,
    pub options: Vec<String>,
    pub max_choices: Option<u8>,
    pub scale_max: Option<u8>,
    pub required: bool,
}

/// Checks the questions of the poll editor: blank rows are skipped, at least one question,
/// every problem on its own field (`question_prompt[1]`, `question_options[1]`, `question_max[1]`).
pub fn check_questions(checks: &mut Checks, inputs: &[QuestionInput]) -> Vec<QuestionDraft> {
    use super::trajectories::required_text;
    let mut drafts = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if input.prompt.trim().is_empty() && input.options.trim().is_empty() {
            continue;
        }
        let prompt = checks.field(&format!("question_prompt[{i}]"), required_text(&input.prompt, PROMPT_MAX));
        let kind = input.kind.trim();
        let options: Vec<String> =
            input.options.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        let options_field = format!("question_options[{i}]");
        let max_field = format!("question_max[{i}]");
        let (mut max_choices, mut scale_max) = (None, None);
        match kind {
            "single" | "multiple" | "ranking" => {
                if options.len() < 2 {
                    checks.add(&options_field, Problem::TooFewOptions { min: 2 });
                } else if options.len() > MAX_OPTIONS {
                    checks.add(&options_field, Problem::TooMany { max: MAX_OPTIONS as u32 });
                } else if options.iter().any(|o| o.chars().count() > OPTION_MAX) {
                    checks.add(&options_field, Problem::TooLong { max: OPTION_MAX as u32 });
                } else if options.iter().enumerate().any(|(n, o)| options[..n].contains(o)) {
                    checks.add(&options_field, Problem::OptionTwice);
                }
                if kind == "multiple" {
                    let most = options.len().clamp(2, MAX_OPTIONS) as u32;
                    match input.max.trim().parse::<u32>() {
                        Ok(max) if (1..=most).contains(&max) => max_choices = Some(max as u8),
                        _ if input.max.trim().is_empty() => checks.add(&max_field, Problem::Required),
                        _ => checks.add(&max_field, Problem::NumberInvalid { max: most }),
                    }
                }
            }
            "scale" => match input.max.trim() {
                "5" => scale_max = Some(5),
                "10" => scale_max = Some(10),
                _ => checks.add(&max_field, Problem::ChoiceInvalid),
            },
            "open" => {}
            _ => checks.add(&format!("question_kind[{i}]"), Problem::ChoiceInvalid),
        }
        if let Some(prompt) = prompt {
            drafts.push(QuestionDraft {
                prompt,
                kind: kind.to_owned(),
                options: if has_options(kind) { options } else { Vec::new() },
                max_choices,
                scale_max,
                required: input.required && kind != "open",
            });
        }
    }
    if drafts.is_empty() && checks.is_empty() {
        checks.add("question_prompt[0]", Problem::Required);
    }
    if drafts.len() > MAX_QUESTIONS {
        checks.add("question_prompt[0]", Problem::TooMany { max: MAX_QUESTIONS as u32 });
    }
    drafts
}

/// Checks the opening and closing moment; `moment` turns a Dutch date and clock time into UTC
/// (and knows about the hour that does not exist in spring).
pub fn check_moments(
    checks: &mut Checks,
    (opens_on, opens_time): (&str, &str),
    (closes_on, closes_time): (&str, &str),
    moment: impl Fn(&str, &str) -> Result<DateTime<Utc>, Problem>,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let opens = checks.field("opens_on", moment(opens_on, opens_time));
    let closes = checks.field("closes_on", moment(closes_on, closes_time));
    match (opens, closes) {
        (Some(opens), Some(closes)) if closes > opens => Some((opens, closes)),
        (Some(_), Some(_)) => {
            checks.add("closes_on", Problem::EndsBeforeStart);
            None
        }
        _ => None,
    }
}

/// Age bands for breakdowns, wide enough that groups reach ten voters, narrow enough to tell
/// young people apart (the youth panels are 12–23).
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=15 => "0-15",
        16..=17 => "16-17",
        18..=23 => "18-23",
        24..=34 => "24-34",
        35..=49 => "35-49",
        50..=66 => "50-66",
        _ => "67+",
    }
}

/// One count to add for a ballot: ballots (question 0), a question answered (option and value
/// 0), an option chosen, a scale value, or an option at a rank (value = rank, 1 is first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TallyKey {
    pub question: i32,
    pub option: i32,
    pub value: i32,
    /// Empty for the total; `age:16-17` or `area:3` for a group.
    pub breakdown: String,
}

/// The groups a voter counts in besides the total, from what they told us (nothing is counted
/// for what they did not tell).
pub fn voter_groups(age_band: Option<&str>, area: Option<i32>) -> Vec<String> {
    let mut groups = Vec::new();
    if let Some(band) = age_band {
        groups.push(format!("age:{band}"));
    }
    if let Some(area) = area {
        groups.push(format!("area:{area}"));
    }
    groups
}

/// Every count one ballot adds. Choices of single- and multiple-choice questions are also counted
/// per group, for the breakdowns; scales, rankings and open answers only in total.
pub fn tally_keys(answers: &[(i32, Answer)], groups: &[String]) -> Vec<TallyKey> {
    let all: Vec<&str> = std::iter::once("").chain(groups.iter().map(String::as_str)).collect();
    let key = |question: i32, option: i32, value: i32, breakdown: &str| TallyKey {
        question,
        option,
        value,
        breakdown: breakdown.to_owned(),
    };
    let mut keys: Vec<TallyKey> = all.iter().map(|b| key(0, 0, 0, b)).collect();
    for (question, answer) in answers {
        let q = *question;
        match answer {
            Answer::Single(option) => {
                keys.extend(all.iter().flat_map(|b| [key(q, 0, 0, b), key(q, *option, 0, b)]));
            }
            Answer::Multiple(options) => {
                for b in &all {
                    keys.push(key(q, 0, 0, b));
                    keys.extend(options.iter().map(|o| key(q, *o, 0, b)));
                }
            }
            Answer::Scale(value) => keys.extend([key(q, 0, 0, ""), key(q, 0, i32::from(*value), "")]),
            Answer::Ranking(order) => {
                keys.push(key(q, 0, 0, ""));
                keys.extend(order.iter().enumerate().map(|(rank, o)| key(q, *o, rank as i32 + 1, "")));
            }
            Answer::Open(_) => keys.push(key(q, 0, 0, "")),
        }
    }
    keys
}

/// A ranking as the form sends it, each option with its place (`rank[q][option] = 2`), as the
/// options in order. Err when the places are not 1, 2, 3, … each used once (two options both
/// second, one left without a place); all places left empty is no answer.
pub fn order_from_ranks<S: std::hash::BuildHasher>(
    ranks: &std::collections::HashMap<String, String, S>,
) -> Result<Vec<String>, RankingIncomplete> {
    if ranks.values().all(|v| v.trim().is_empty()) {
        return Ok(Vec::new());
    }
    let mut placed: Vec<(usize, &String)> = Vec::new();
    for (option, place) in ranks {
        let place = place.trim().parse::<usize>().map_err(|_| RankingIncomplete)?;
        placed.push((place, option));
    }
    placed.sort();
    if placed.iter().enumerate().all(|(i, (place, _))| *place == i + 1) {
        Ok(placed.into_iter().map(|(_, o)| o.clone()).collect())
    } else {
        Err(RankingIncomplete)
    }
}

/// A ranking whose places are not 1, 2, 3, … each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingIncomplete;

/// A ranking's result per option: Borda points (last place 1, first place n) and first places.
pub fn ranking_points(options: &[i32], ranks: &BTreeMap<(i32, i32), u64>) -> Vec<(i32, u64, u64)> {
    let n = options.len() as u64;
    options
        .iter()
        .map(|option| {
            let points =
                (1..=n).map(|rank| ranks.get(&(*option, rank as i32)).copied().unwrap_or(0) * (n + 1 - rank)).sum();
            (*option, points, ranks.get(&(*option, 1)).copied().unwrap_or(0))
        })
        .collect()
}

/// The mean of a scale in tenths (3.7 is 37), None without answers.
pub fn scale_mean_tenths(values: &BTreeMap<i32, u64>) -> Option<u64> {
    let answered: u64 = values.values().sum();
    let total: u64 = values.iter().map(|(v, n)| (*v).max(0) as u64 * n).sum();
    (answered > 0).then(|| (total * 10 + answered / 2) / answered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn answer(options: &[&str], text: &str) -> AnswerInput {
        AnswerInput { options: options.iter().map(|s| (*s).to_owned()).collect(), text: text.to_owned() }
    }

    fn question(id: i32, kind: QuestionKind) -> Question {
        Question { id, kind, required: true }
    }

    #[test]
    fn single_choice_needs_exactly_one_known_option() {
        let q = question(1, QuestionKind::Single { options: vec![10, 11, 12] });
        assert_eq!(check_answer(&q, &answer(&["11"], "")), Ok(Some(Answer::Single(11))));
        assert_eq!(check_answer(&q, &answer(&["99"], "")), Err(Problem::ChoiceInvalid), "unknown option");
        assert_eq!(check_answer(&q, &answer(&["10", "11"], "")), Err(Problem::ChoiceInvalid), "two options");
        assert_eq!(check_answer(&q, &answer(&["abc"], "")), Err(Problem::ChoiceInvalid));
        assert_eq!(check_answer(&q, &answer(&[], "")), Err(Problem::Required));
    }

    #[test]
    fn multiple_choice_keeps_to_its_maximum_and_counts_each_option_once() {
        let q = question(2, QuestionKind::Multiple { options: vec![1, 2, 3, 4], max: 2 });
        assert_eq!(check_answer(&q, &answer(&["1", "3"], "")), Ok(Some(Answer::Multiple(vec![1, 3]))));
        assert_eq!(check_answer(&q, &answer(&["1", "2", "3"], "")), Err(Problem::TooMany { max: 2 }));
        assert_eq!(check_answer(&q, &answer(&["1", "1"], "")), Err(Problem::ChoiceInvalid));
    }

    #[test]
    fn a_scale_value_stays_within_its_scale() {
        let q = question(3, QuestionKind::Scale { max: 5 });
        assert_eq!(check_answer(&q, &answer(&[], "5")), Ok(Some(Answer::Scale(5))));
        for bad in ["0", "6", "-1", "3.5", "veel"] {
            assert_eq!(check_answer(&q, &answer(&[], bad)), Err(Problem::NumberInvalid { max: 5 }), "{bad}");
        }
    }

    #[test]
    fn a_ranking_orders_every_option_exactly_once() {
        let q = question(4, QuestionKind::Ranking { options: vec![7, 8, 9] });
        assert_eq!(check_answer(&q, &answer(&["9", "7", "8"], "")), Ok(Some(Answer::Ranking(vec![9, 7, 8]))));
        assert_eq!(check_answer(&q, &answer(&["9", "9", "8"], "")), Err(Problem::RankingIncomplete), "duplicates");
        assert_eq!(check_answer(&q, &answer(&["9", "8"], "")), Err(Problem::RankingIncomplete), "one missing");
    }

    #[test]
    fn an_open_answer_is_optional_and_limited() {
        let q = question(5, QuestionKind::Open);
        assert_eq!(check_answer(&q, &answer(&[], "  ")), Ok(None));
        assert_eq!(check_answer(&q, &answer(&[], "Meer schaduw")), Ok(Some(Answer::Open("Meer schaduw".into()))));
        assert_eq!(check_answer(&q, &answer(&[], &"x".repeat(2_001))), Err(Problem::TooLong { max: 2_000 }));
    }

    #[test]
    fn a_ballot_is_stored_whole_or_not_at_all() {
        let questions =
            [question(1, QuestionKind::Single { options: vec![10, 11] }), question(2, QuestionKind::Scale { max: 10 })];
        let mut inputs = BTreeMap::new();
        inputs.insert(1, answer(&["10"], ""));
        inputs.insert(2, answer(&[], "11"));
        let fields: Vec<String> =
            check_ballot(&questions, &inputs).unwrap_err().into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["answer[2]"]);
        inputs.insert(2, answer(&[], "7"));
        assert_eq!(check_ballot(&questions, &inputs).unwrap(), vec![(1, Answer::Single(10)), (2, Answer::Scale(7))]);
        inputs.insert(3, answer(&["1"], ""));
        assert!(check_ballot(&questions, &inputs).is_err(), "an answer to a question the poll does not have");
    }

    #[test]
    fn the_closing_moment_itself_is_too_late() {
        let opens = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let closes = Utc.with_ymd_and_hms(2026, 3, 29, 22, 0, 0).unwrap();
        let second = chrono::Duration::seconds(1);
        assert_eq!(poll_window(opens, closes, opens - second), PollWindow::NotYetOpen);
        assert_eq!(poll_window(opens, closes, opens), PollWindow::Open);
        assert_eq!(poll_window(opens, closes, closes - second), PollWindow::Open);
        assert_eq!(poll_window(opens, closes, closes), PollWindow::Closed);
    }

    #[test]
    fn shares_are_rounded_per_mille_and_small_groups_stay_hidden() {
        let mut counts = BTreeMap::new();
        counts.insert(1, 1);
        counts.insert(2, 2);
        let rows = tally(&[1, 2, 3], &counts, 3);
        assert_eq!(rows.iter().map(|r| r.per_mille).collect::<Vec<_>>(), [333, 667, 0]);
        assert_eq!(tally(&[1], &BTreeMap::new(), 0)[0].per_mille, 0, "no ballots, no division by zero");
        let mut groups = BTreeMap::new();
        groups.insert("12-15".to_owned(), 14);
        groups.insert("16-18".to_owned(), 9);
        groups.insert("19-23".to_owned(), 0);
        let (shown, hidden) = shown_groups(&groups, 33);
        assert_eq!(shown, [("12-15".to_owned(), 14)]);
        assert!(hidden, "the group of 9 is folded into \"fewer than 10\" with 10 voters without an age");
        // Only these two groups: 23 minus 14 would give the 9 away, so 14 goes too.
        let (shown, hidden) = shown_groups(&groups, 23);
        assert_eq!(shown, []);
        assert!(hidden);
    }
    fn typed(prompt: &str, kind: &str, options: &str, max: &str) -> QuestionInput {
        QuestionInput {
            prompt: prompt.into(),
            kind: kind.into(),
            options: options.into(),
            max: max.into(),
            required: true,
        }
    }

    #[test]
    fn the_editor_checks_each_question_by_its_kind() {
        let mut checks = Checks::new();
        let drafts = check_questions(
            &mut checks,
            &[
                typed("Welk ontwerp?", "single", "Bos\nWater\n\n", ""),
                typed("", "single", "", ""),
                typed("Hoe blij?", "scale", "", "10"),
                typed("Ideeën?", "open", "", ""),
            ],
        );
        assert!(checks.is_empty());
        assert_eq!(drafts.len(), 3, "the blank row is skipped");
        assert_eq!(drafts[0].options, ["Bos", "Water"]);
        assert_eq!(drafts[1].scale_max, Some(10));
        assert!(!drafts[2].required, "an open question is always optional");
        let mut checks = Checks::new();
        check_questions(
            &mut checks,
            &[
                typed("Eén optie", "single", "Bos", ""),
                typed("Kies", "multiple", "A\nB\nC", "4"),
                typed("Schaal", "scale", "", "7"),
                typed("Dubbel", "ranking", "A\nA", ""),
                typed("Raar", "poll", "", ""),
            ],
        );
        let problems: Vec<(String, Problem)> = checks.into_errors().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            problems,
            [
                ("question_options[0]".to_owned(), Problem::TooFewOptions { min: 2 }),
                ("question_max[1]".to_owned(), Problem::NumberInvalid { max: 3 }),
                ("question_max[2]".to_owned(), Problem::ChoiceInvalid),
                ("question_options[3]".to_owned(), Problem::OptionTwice),
                ("question_kind[4]".to_owned(), Problem::ChoiceInvalid),
            ]
        );
        let mut checks = Checks::new();
        assert!(check_questions(&mut checks, &[typed(" ", "single", "", "")]).is_empty());
        assert_eq!(checks.into_errors()[0].field, "question_prompt[0]", "a poll needs a question");
    }

    #[test]
    fn closing_must_come_after_opening() {
        let moment = |day: &str, time: &str| {
            chrono::NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M")
                .map(|t| t.and_utc())
                .map_err(|_| Problem::DateInvalid)
        };
        let mut checks = Checks::new();
        assert!(check_moments(&mut checks, ("2026-12-01", "09:00"), ("2026-12-08", "17:00"), moment).is_some());
        assert!(check_moments(&mut checks, ("2026-12-01", "09:00"), ("2026-12-01", "09:00"), moment).is_none());
        assert!(check_moments(&mut checks, ("morgen", "09:00"), ("2026-12-01", "09:00"), moment).is_none());
        let fields: Vec<String> = checks.into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["closes_on", "opens_on"]);
    }

    #[test]
    fn results_are_public_live_or_after_closing_as_chosen() {
        assert!(ResultsShown::Live.public(PollWindow::Open, false));
        assert!(!ResultsShown::Live.public(PollWindow::Open, true), "a secret poll: only after closing");
        assert!(ResultsShown::Live.public(PollWindow::Closed, true));
        assert!(!ResultsShown::AfterClose.public(PollWindow::Open, false));
        assert!(ResultsShown::AfterClose.public(PollWindow::Closed, false));
        assert!(!ResultsShown::Live.public(PollWindow::NotYetOpen, false));
    }

    #[test]
    fn a_ballot_counts_once_in_total_and_once_per_group_for_choices() {
        let answers = vec![
            (1, Answer::Single(10)),
            (2, Answer::Multiple(vec![20, 21])),
            (3, Answer::Scale(4)),
            (4, Answer::Ranking(vec![41, 40])),
            (5, Answer::Open("Meer bankjes".into())),
        ];
        let groups = voter_groups(Some("16-17"), None);
        let keys = tally_keys(&answers, &groups);
        let has = |q: i32, o: i32, v: i32, b: &str| {
            keys.iter().filter(|k| k.question == q && k.option == o && k.value == v && k.breakdown == b).count()
        };
        assert_eq!((has(0, 0, 0, ""), has(0, 0, 0, "age:16-17")), (1, 1), "the ballot itself");
        assert_eq!((has(1, 10, 0, ""), has(1, 10, 0, "age:16-17"), has(1, 0, 0, "")), (1, 1, 1));
        assert_eq!((has(2, 20, 0, ""), has(2, 21, 0, "age:16-17"), has(2, 0, 0, "")), (1, 1, 1));
        assert_eq!((has(3, 0, 4, ""), has(3, 0, 4, "age:16-17")), (1, 0), "scales only in total");
        assert_eq!((has(4, 41, 1, ""), has(4, 40, 2, "")), (1, 1), "ranks start at 1");
        assert_eq!(has(5, 0, 0, ""), 1, "an open answer counts as answered");
        let unique: HashSet<&TallyKey> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "no count is added twice");
    }

    #[test]
    fn a_ranking_form_needs_each_place_once() {
        let ranks = |pairs: &[(&str, &str)]| -> std::collections::HashMap<String, String> {
            pairs.iter().map(|(o, p)| ((*o).to_owned(), (*p).to_owned())).collect()
        };
        assert_eq!(
            order_from_ranks(&ranks(&[("7", "2"), ("8", "1"), ("9", "3")])),
            Ok(vec!["8".into(), "7".into(), "9".into()])
        );
        assert_eq!(
            order_from_ranks(&ranks(&[("7", "1"), ("8", "1"), ("9", "3")])),
            Err(RankingIncomplete),
            "two firsts"
        );
        assert_eq!(
            order_from_ranks(&ranks(&[("7", "1"), ("8", ""), ("9", "2")])),
            Err(RankingIncomplete),
            "one without a place"
        );
        assert_eq!(order_from_ranks(&ranks(&[("7", ""), ("8", "")])), Ok(vec![]), "not answered");
    }

    #[test]
    fn rankings_score_borda_points_and_scales_a_mean() {
        let mut ranks = BTreeMap::new();
        ranks.insert((1, 1), 3); // option 1 first three times
        ranks.insert((2, 2), 3);
        ranks.insert((2, 1), 1);
        ranks.insert((1, 2), 1);
        assert_eq!(ranking_points(&[1, 2], &ranks), [(1, 7, 3), (2, 5, 1)]);
        let mut values = BTreeMap::new();
        values.insert(3, 1);
        values.insert(4, 2);
        assert_eq!(scale_mean_tenths(&values), Some(37));
        assert_eq!(scale_mean_tenths(&BTreeMap::new()), None);
        assert_eq!((age_band(15), age_band(16), age_band(23), age_band(80)), ("0-15", "16-17", "18-23", "67+"));
    }

    /// The subtraction attack, tried on every way to split up to 49 voters over three groups and
    /// voters without a group: when any group is shown, the voters left out are none or at least
    /// ten, so no small group can be worked out from the total.
    #[test]
    fn no_small_group_can_be_worked_out_from_the_total() {
        for a in 0..=20u64 {
            for b in 0..=12u64 {
                for c in 0..=12u64 {
                    for without_group in [0u64, 1, 3, 9, 10] {
                        let groups: BTreeMap<String, u64> =
                            [("a".to_owned(), a), ("b".to_owned(), b), ("c".to_owned(), c)].into_iter().collect();
                        let total = a + b + c + without_group;
                        let (shown, hidden) = shown_groups(&groups, total);
                        let left_out = total - shown.iter().map(|(_, n)| n).sum::<u64>();
                        // With no group shown nothing is subtracted: the total is all there is.
                        assert!(
                            shown.is_empty() || !(1..SMALLEST_GROUP).contains(&left_out),
                            "{groups:?} of {total}: {shown:?}"
                        );
                        assert!(shown.iter().all(|(_, n)| *n >= SMALLEST_GROUP));
                        assert_eq!(hidden, left_out > 0);
                    }
                }
            }
        }
    }
}
