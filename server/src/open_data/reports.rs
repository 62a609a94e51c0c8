//! Open data about reports: `GET /api/v1/{municipality}/trajectories/{id}/report` (JSON, the
//! newest version or `?version=N`) and `.../report.csv` (one row per input). Never personal data:
//! an author is a display name only where they wrote online under it, otherwise "inwoner"; input
//! staff entered is known by its channel; a case its initiator kept from the public has no text.

use super::{answer, csv_file, failed, municipality, not_found, page_url, public_trajectory, rules_json};
use app::domain::reports::{published_late, Shown};
use app::model::reports::{LineAuthor, ReportAnswerView, ReportContents, ReportLine};
use app::model::tenancy::MunicipalityDetail;
use app::server::entities::report;
use app::server::reports::read;
use app::server::reports::read::{answer_view, line};
use app::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;

#[derive(serde::Deserialize, Default)]
pub struct VersionQuery {
    version: Option<i32>,
}

/// Everything one version holds, read once for either format.
struct Published {
    m: MunicipalityDetail,
    trajectory: app::server::trajectories::Loaded,
    versions: Vec<report::Model>,
    report: report::Model,
    contents: ReportContents,
    answers: HashMap<i32, ReportAnswerView>,
    lines: Vec<ReportLine>,
}

async fn published(state: &AppState, slug: &str, id: i32, version: Option<i32>) -> Result<Published, Response> {
    let m = municipality(state, slug).await?;
    let trajectory = public_trajectory(state, &m, id).await?;
    let versions = read::versions(&state.db, id).await.map_err(answer)?;
    let report = match version {
        Some(n) => versions.iter().find(|r| r.version == n),
        None => versions.last(),
    }
    .cloned()
    .ok_or_else(not_found)?;
    let contents: ReportContents = serde_json::from_str(&report.contents).map_err(failed)?;
    let answers =
        read::answers(&state.db, report.id).await.map_err(answer)?.iter().map(|a| (a.number, answer_view(a))).collect();
    let items = read::all_items(&state.db, report.id).await.map_err(answer)?;
    let names = read::author_names(&state.db, &items).await.map_err(answer)?;
    let lines = items.iter().map(|i| line(i, &names)).collect();
    Ok(Published { m, trajectory, versions, report, contents, answers, lines })
}

fn shown(s: Shown) -> Value {
    match s {
        Shown::Exactly(n) => json!({"exactly": n}),
        Shown::FewerThan(n) => json!({"fewer_than": n}),
        Shown::Hidden => json!({"hidden": true}),
    }
}

fn author(a: &LineAuthor) -> String {
    match a {
        LineAuthor::Named(name) => name.clone(),
        LineAuthor::Resident | LineAuthor::Via(_) => "inwoner".to_owned(),
    }
}

fn report_url(state: &AppState, slug: &str, id: i32) -> String {
    format!("{}/verslag", page_url(state, slug, id))
}

/// `GET /api/v1/{municipality}/trajectories/{id}/report`
pub async fn report(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i32)>,
    Query(query): Query<VersionQuery>,
) -> Response {
    let p = match published(&state, &slug, id, query.version).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let r = &p.report;
    let rules = p.trajectory.rules.iter().find(|v| v.id == r.rules_id).map(|v| rules_json(&p.m, v));
    let participation = &p.contents.participation;
    let mut answers: Vec<&ReportAnswerView> = p.answers.values().collect();
    answers.sort_by_key(|a| a.number);
    Json(json!({
        "trajectory": {"id": id, "title": p.trajectory.row.title, "url": page_url(&state, &slug, id)},
        "url": report_url(&state, &slug, id),
        "version": r.version,
        "versions": p.versions.iter().map(|v| json!({
            "version": v.version,
            "published_on": v.published_on,
            "correction_reason": v.correction_reason,
        })).collect::<Vec<_>>(),
        "published_on": r.published_on,
        "promised_on": r.promised_on,
        "late": published_late(r.published_on, r.promised_on),
        "correction_reason": r.correction_reason,
        "decision": {
            "text": r.decision,
            "decided_by": r.decided_by,
            "decided_on": r.decided_on,
            "council_decision_url": r.council_decision_url,
        },
        "rules_of_play": rules,
        "asked": p.contents.asked.iter().map(|a| json!({
            "activity": a.id, "kind": a.kind, "title": a.title, "phase": a.phase,
        })).collect::<Vec<_>>(),
        "participation": {
            "people_online": participation.people_online.map(shown),
            "inputs_by_channel": participation.inputs_by_channel.iter()
                .map(|(c, n)| json!({"channel": c.as_str(), "inputs": shown(*n)})).collect::<Vec<_>>(),
            "people_by_area": participation.people_by_area.iter()
                .map(|(a, n)| json!({"area": a, "people": shown(*n)})).collect::<Vec<_>>(),
            "people_by_age_band": participation.people_by_age.iter()
                .map(|(b, n)| json!({"age_band": b.as_str(), "people": shown(*n)})).collect::<Vec<_>>(),
            "ballots_online": participation.ballots_online,
            "ballots_paper": participation.ballots_paper,
        },
        "polls": p.contents.polls.iter().map(|poll| json!({
            "poll": poll.activity_id,
            "title": poll.title,
            "ballots_online": poll.results.ballots,
            "questions": poll.results.questions.iter().map(|q| json!({
                "question": q.prompt,
                "kind": q.kind,
                "options": q.options.iter().map(|o| json!({
                    "label": o.label, "total": o.total, "percentage": app::domain::shares::percentage(o.per_mille),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "hidden_by_moderation": p.contents.hidden_by_moderation,
        "dispositions": p.contents.dispositions.iter().map(|(d, n)| json!({"disposition": d.as_str(), "inputs": n})).collect::<Vec<_>>(),
        "answers": answers.iter().map(|a| json!({
            "number": a.number,
            "disposition": a.disposition.as_str(),
            "reason": a.reason,
            "group": a.group_title,
            "fixed_item": a.fixed_item,
            "forwarded_to": a.forwarded_to,
        })).collect::<Vec<_>>(),
        "inputs": p.lines.iter().map(|l| json!({
            "number": l.position,
            "kind": l.kind.as_str(),
            "channel": l.channel.as_str(),
            "activity": l.activity_title,
            "area": l.area,
            "received_on": l.received_on,
            "author": author(&l.author),
            "text": l.body,
            "answer": l.answer_number,
        })).collect::<Vec<_>>(),
    }))
    .into_response()
}

/// `GET /api/v1/{municipality}/trajectories/{id}/report.csv`: one row per input with its answer.
pub async fn report_csv(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i32)>,
    Query(query): Query<VersionQuery>,
) -> Response {
    let p = match published(&state, &slug, id, query.version).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let header_row = [
        "version",
        "number",
        "kind",
        "channel",
        "activity",
        "area",
        "received_on",
        "author",
        "text",
        "answer",
        "group",
        "disposition",
        "reason",
        "fixed_item",
        "forwarded_to",
    ];
    let rows = p.lines.iter().map(|l| {
        let a = p.answers.get(&l.answer_number);
        vec![
            p.report.version.to_string(),
            l.position.to_string(),
            l.kind.as_str().to_owned(),
            l.channel.as_str().to_owned(),
            l.activity_title.clone(),
            l.area.clone().unwrap_or_default(),
            l.received_on.to_string(),
            author(&l.author),
            l.body.clone(),
            l.answer_number.to_string(),
            a.and_then(|a| a.group_title.clone()).unwrap_or_default(),
            a.map(|a| a.disposition.as_str().to_owned()).unwrap_or_default(),
            a.map(|a| a.reason.clone()).unwrap_or_default(),
            a.and_then(|a| a.fixed_item.clone()).unwrap_or_default(),
            a.and_then(|a| a.forwarded_to.clone()).unwrap_or_default(),
        ]
    });
    csv_file::download(&format!("verslag-traject-{id}-versie-{}.csv", p.report.version), &header_row, rows)
}
