//! Open data about the participation desk: `GET /api/v1/{municipality}/initiatives` (the public
//! register: title, area, status, supports, dates; never who brought an initiative in or how to
//! reach them) and `GET /api/v1/{municipality}/desk/norms` (the norms and the published figures).

use super::{answer, municipality};
use app::server::desk;
use app::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A share in tenths of a percent as a number with one decimal (87.5), or null without cases.
fn percentage(per_mille: Option<u64>) -> Option<f64> {
    per_mille.map(|p| p as f64 / 10.0)
}

pub async fn initiatives(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let rows = match desk::register::all_public(&state.db, m.id).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let items: Vec<_> = rows
        .iter()
        .map(|row| {
            json!({
                "id": row.id,
                "case_number": row.number,
                "kind": row.kind,
                "title": row.title,
                "description": row.description,
                "area": row.area_id.and_then(|id| m.areas.iter().find(|a| a.id == id)).map(|a| a.slug.clone()),
                "support_asked": row.support_asked.split(',').filter(|s| !s.is_empty()).collect::<Vec<_>>(),
                "status": row.status,
                "supports": row.supports,
                "received_on": row.received_on,
                "acknowledged_on": row.acknowledged_on,
                "answered_on": row.answered_on,
                "on_council_list_since": row.council_listed_on,
                "url": format!("{}/{}/initiatieven/{}", state.settings.public_url, m.slug, row.id),
            })
        })
        .collect();
    Json(json!({"municipality": m.slug, "initiatives": items})).into_response()
}

pub async fn norms(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let today = state.clock.today();
    let found = (desk::settings::of(&state.db, m.id).await, desk::figures::per_quarter(&state.db, m.id, today).await);
    let (settings, figures) = match found {
        (Ok(settings), Ok(figures)) => (settings, figures),
        (Err(error), _) | (_, Err(error)) => return answer(error),
    };
    Json(json!({
        "municipality": m.slug,
        "norms": {
            "acknowledge_within_working_days": settings.norm.acknowledge_within,
            "answer_within_working_days": settings.norm.answer_within,
            "working_days": "Monday to Friday, except Dutch public holidays (Algemene termijnenwet), Europe/Amsterdam",
        },
        "support_threshold": settings.support_threshold,
        "quarters": figures.iter().map(|q| json!({
            "year": q.year,
            "quarter": q.quarter,
            "cases": q.cases,
            "acknowledged_in_time_percentage": percentage(q.acknowledged_in_time),
            "acknowledgements_counted": q.acknowledgements_counted,
            "answered_in_time_percentage": percentage(q.answered_in_time),
            "answers_counted": q.answers_counted,
        })).collect::<Vec<_>>(),
    }))
    .into_response()
}
