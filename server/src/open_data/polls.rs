//! Open data about polls: `GET /api/v1/{municipality}/polls/{id}/results` (JSON) and
//! `.../results.csv`, once the results are public (live polls while open, the others after
//! closing). Counts only: no voter appears in them, whatever the poll's secrecy.

use super::{answer, csv_file, municipality, not_found};
use app::domain::shares::percentage;
use app::domain::tenancy::MunicipalityId;
use app::model::polls::{PollResults, QuestionResult};
use app::server::poll_results;
use app::server::polls::{self, Found};
use app::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::StatusCode;
use serde_json::{json, Value};

pub fn poll_url(state: &AppState, slug: &str, id: i32) -> String {
    format!("{}/{slug}/peilingen/{id}", state.settings.public_url)
}

/// The poll and its results, or the response that says why not (404, or 403 before they are
/// public).
async fn public_results(state: &AppState, slug: &str, id: i32) -> Result<(Found, PollResults), Response> {
    let m = municipality(state, slug).await?;
    let found = match polls::find(&state.db, MunicipalityId(m.id), id).await {
        Ok(Some(found)) if found.trajectory.status.is_public() => found,
        Ok(_) => return Err(not_found()),
        Err(error) => return Err(answer(error)),
    };
    if !found.results_shown().public(found.window(state.clock.now()), found.poll.secret) {
        let body = json!({"error": "results_not_public_yet", "public_from": found.poll.closes_at});
        return Err((StatusCode::FORBIDDEN, Json(body)).into_response());
    }
    let tallies = polls::tallies(&state.db, found.activity.id).await.map_err(answer)?;
    let paper = polls::paper(&state.db, found.activity.id).await.map_err(answer)?;
    let results = poll_results::assemble(&found, &tallies, &paper, &m.areas);
    Ok((found, results))
}

fn question_json(q: &QuestionResult) -> Value {
    json!({
        "id": q.id,
        "question": q.prompt,
        "kind": q.kind,
        "answered_online": q.answered,
        "answered_on_paper": q.paper_answered,
        "mean": q.mean_tenths.map(|m| m as f64 / 10.0),
        "options": q.options.iter().map(|o| json!({
            "id": o.id,
            "label": o.label,
            "online": o.online,
            "paper": o.paper,
            "total": o.total,
            "percentage": percentage(o.per_mille),
            "points": (q.kind == "ranking").then_some(o.points),
            "first_places": (q.kind == "ranking").then_some(o.first_places),
        })).collect::<Vec<_>>(),
        "scale": q.scale.iter().map(|s| json!({
            "value": s.value, "count": s.count, "percentage": percentage(s.per_mille),
        })).collect::<Vec<_>>(),
        "breakdowns": q.breakdowns.iter().map(|b| json!({
            "dimension": b.dimension,
            "groups": b.groups.iter().map(|g| json!({
                "group": g.label,
                "voters": g.answered,
                "options": g.options.iter().map(|(id, n, pm)| json!({
                    "id": id, "count": n, "percentage": percentage(*pm),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "smaller_groups_left_out": b.smaller_groups_left_out,
        })).collect::<Vec<_>>(),
    })
}

/// `GET /api/v1/{municipality}/polls/{id}/results`
pub async fn results(State(state): State<AppState>, Path((slug, id)): Path<(String, i32)>) -> Response {
    let (found, results) = match public_results(&state, &slug, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    Json(json!({
        "poll": found.activity.id,
        "title": found.activity.title,
        "url": poll_url(&state, &slug, found.activity.id),
        "trajectory": found.trajectory.row.id,
        "opens_at": found.poll.opens_at,
        "closes_at": found.poll.closes_at,
        "closed": found.window(state.clock.now()) == app::domain::polls::PollWindow::Closed,
        "secret": found.poll.secret,
        "ballots_online": results.ballots,
        "questions": results.questions.iter().map(question_json).collect::<Vec<_>>(),
        "paper": results.paper.iter().map(|b| json!({
            "channel": b.channel.as_str(),
            "description": b.description,
            "counted_on": b.counted_on,
            "votes": b.votes,
            // A withdrawn batch no longer counts in the totals; it stays listed with why.
            "withdrawn": b.withdrawn.as_ref().map(|w| json!({ "on": w.on, "reason": w.reason })),
        })).collect::<Vec<_>>(),
    }))
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
