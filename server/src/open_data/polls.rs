//! Open data about polls: `GET /api/v1/{municipality}/polls/{id}/results` (JSON) and
//! `.../results.csv`, once the results are public (live polls while open, the others after
//! closing). Counts only: no voter appears in them, whatever the poll's secrecy.

use super::{answer, csv_file, municipality, refused, site_url, Refusal};
use app::domain::polls::PollWindow;
use app::domain::shares::percentage;
use app::model::polls::{PaperBatchView, PollResults, QuestionResult};
use app::server::polls::{self, Found, PublicResults};
use app::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use http::StatusCode;
use serde::Serialize;

/// The poll and its results, or the response that says why not (404, or 403 before they are
/// public).
async fn public_results(state: &AppState, slug: &str, id: i32) -> Result<(Found, PollResults), Response> {
    let m = municipality(state, slug).await?;
    match polls::public_results(state, &m, id).await.map_err(answer)? {
        PublicResults::Shown { found, results } => Ok((*found, results)),
        PublicResults::NotYet { public_from } => Err(refused(
            StatusCode::FORBIDDEN,
            Refusal { public_from: Some(public_from), ..Refusal::of("results_not_public_yet") },
        )),
    }
}

#[derive(Serialize)]
struct Results {
    poll: i32,
    title: String,
    url: String,
    trajectory: i32,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    closed: bool,
    secret: bool,
    ballots_online: u64,
    questions: Vec<Question>,
    paper: Vec<PaperBatch>,
}

#[derive(Serialize)]
struct Question {
    id: i32,
    question: String,
    kind: String,
    answered_online: u64,
    answered_on_paper: u64,
    mean: Option<f64>,
    options: Vec<Answer>,
    scale: Vec<ScaleValue>,
    breakdowns: Vec<Breakdown>,
}

#[derive(Serialize)]
struct Answer {
    id: i32,
    label: String,
    online: u64,
    paper: u64,
    total: u64,
    percentage: f64,
    /// For a ranking only.
    points: Option<u64>,
    first_places: Option<u64>,
}

#[derive(Serialize)]
struct ScaleValue {
    value: i32,
    count: u64,
    percentage: f64,
}

#[derive(Serialize)]
struct Breakdown {
    dimension: String,
    groups: Vec<Group>,
    smaller_groups_left_out: bool,
}

#[derive(Serialize)]
struct Group {
    group: String,
    voters: u64,
    options: Vec<GroupAnswer>,
}

#[derive(Serialize)]
struct GroupAnswer {
    id: i32,
    count: u64,
    percentage: f64,
}

#[derive(Serialize)]
struct PaperBatch {
    channel: &'static str,
    description: String,
    counted_on: NaiveDate,
    votes: u64,
    /// A withdrawn batch no longer counts in the totals; it stays listed with why.
    withdrawn: Option<Withdrawal>,
}

#[derive(Serialize)]
struct Withdrawal {
    on: NaiveDate,
    reason: String,
}

impl Question {
    fn of(q: QuestionResult) -> Self {
        let ranking = q.kind == "ranking";
        let options = q.options.into_iter().map(|o| Answer {
            id: o.id,
            label: o.label,
            online: o.online,
            paper: o.paper,
            total: o.total,
            percentage: percentage(o.per_mille),
            points: ranking.then_some(o.points),
            first_places: ranking.then_some(o.first_places),
        });
        let scale =
            q.scale.iter().map(|s| ScaleValue { value: s.value, count: s.count, percentage: percentage(s.per_mille) });
        let breakdowns = q.breakdowns.into_iter().map(|b| Breakdown {
            dimension: b.dimension,
            groups: b
                .groups
                .into_iter()
                .map(|g| Group {
                    group: g.label,
                    voters: g.answered,
                    options: g
                        .options
                        .iter()
                        .map(|&(id, count, per_mille)| GroupAnswer { id, count, percentage: percentage(per_mille) })
                        .collect(),
                })
                .collect(),
            smaller_groups_left_out: b.smaller_groups_left_out,
        });
        Self {
            id: q.id,
            question: q.prompt,
            kind: q.kind,
            answered_online: q.answered,
            answered_on_paper: q.paper_answered,
            mean: q.mean_tenths.map(|m| m as f64 / 10.0),
            options: options.collect(),
            scale: scale.collect(),
            breakdowns: breakdowns.collect(),
        }
    }
}

impl PaperBatch {
    fn of(b: PaperBatchView) -> Self {
        Self {
            channel: b.channel.as_str(),
            description: b.description,
            counted_on: b.counted_on,
            votes: b.votes,
            withdrawn: b.withdrawn.map(|w| Withdrawal { on: w.on, reason: w.reason }),
        }
    }
}

/// `GET /api/v1/{municipality}/polls/{id}/results`
pub async fn results(State(state): State<AppState>, Path((slug, id)): Path<(String, i32)>) -> Response {
    let (found, results) = match public_results(&state, &slug, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let poll = found.activity.id;
    Json(Results {
        poll,
        title: found.activity.title.clone(),
        url: site_url(&state, &format!("/{slug}/peilingen/{poll}")),
        trajectory: found.trajectory.row.id,
        opens_at: found.poll.opens_at,
        closes_at: found.poll.closes_at,
        closed: found.window(state.clock.now()) == PollWindow::Closed,
        secret: found.poll.secret,
        ballots_online: results.ballots,
        questions: results.questions.into_iter().map(Question::of).collect(),
        paper: results.paper.into_iter().map(PaperBatch::of).collect(),
    })
    .into_response()
}

/// `GET /api/v1/{municipality}/polls/{id}/results.csv`: one row per answer of every question.
pub async fn results_csv(State(state): State<AppState>, Path((slug, id)): Path<(String, i32)>) -> Response {
    let (found, results) = match public_results(&state, &slug, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let header = ["question_id", "question", "kind", "answer", "online", "paper", "total", "percentage", "points"];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for q in &results.questions {
        let base = |answer: String| vec![q.id.to_string(), q.prompt.clone(), q.kind.clone(), answer];
        match q.kind.as_str() {
            "scale" => rows.extend(q.scale.iter().map(|s| {
                let mut row = base(s.value.to_string());
                row.extend([
                    s.count.to_string(),
                    "0".into(),
                    s.count.to_string(),
                    format!("{:.1}", percentage(s.per_mille)),
                    String::new(),
                ]);
                row
            })),
            "open" => {
                let mut row = base(String::new());
                row.extend([q.answered.to_string(), "0".into(), q.answered.to_string(), String::new(), String::new()]);
                rows.push(row);
            }
            kind => rows.extend(q.options.iter().map(|o| {
                let mut row = base(o.label.clone());
                let points = if kind == "ranking" { o.points.to_string() } else { String::new() };
                row.extend([
                    o.online.to_string(),
                    o.paper.to_string(),
                    o.total.to_string(),
                    format!("{:.1}", percentage(o.per_mille)),
                    points,
                ]);
                row
            })),
        }
    }
    csv_file::download(&format!("peiling-{}-uitslag.csv", found.activity.id), &header, rows)
}
