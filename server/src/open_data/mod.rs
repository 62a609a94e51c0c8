//! Open data about trajectories: JSON under `/api/v1/{municipality}/trajectories` and an Atom
//! feed of new trajectories. The field names and values here are a published interface (see the
//! README): stable strings, never the names of Rust types, and no personal data of residents.

use app::domain::rules_of_play::Eligibility;
use app::domain::tenancy::{AreaId, MunicipalityId};
use app::domain::trajectories::{stage, stage_of_span, Status, TrajectoryId};
use app::error::AppError;
use app::model::tenancy::MunicipalityDetail;
use app::model::trajectories::DeskFilters;
use app::server::trajectories::{self, Loaded, StoredRules, PAGE_SIZE};
use app::server::{markdown, state::AppState, tenancy};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use http::{header, StatusCode};
use serde_json::{json, Value};

pub mod consultations;
pub mod csv_file;
pub mod desk;
pub mod polls;
pub mod reports;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"error": "not_found"}))).into_response()
}

/// The answer to a failed lookup. An internal failure was logged where it happened, inside this
/// request's span (so with its request id); the reader gets its correlation id and no details.
fn answer(error: AppError) -> Response {
    match error {
        AppError::NotFound => not_found(),
        AppError::Internal { correlation_id } => {
            let body = json!({"error": "internal", "correlation_id": correlation_id});
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
        other => {
            let status = StatusCode::from_u16(other.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(json!({"error": "refused"}))).into_response()
        }
    }
}

/// A failure outside the use cases (stored JSON that does not read, a CSV that cannot be
/// written): logged once, here.
fn failed(error: impl std::fmt::Display) -> Response {
    answer(app::server::context::internal(error))
}

async fn municipality(state: &AppState, slug: &str) -> Result<MunicipalityDetail, Response> {
    match tenancy::find_by_slug(&state.db, slug).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(not_found()),
        Err(error) => Err(answer(error)),
    }
}

fn area_slugs(m: &MunicipalityDetail, ids: &[AreaId]) -> Vec<String> {
    m.areas.iter().filter(|a| ids.iter().any(|id| id.0 == a.id)).map(|a| a.slug.clone()).collect()
}

fn rules_json(m: &MunicipalityDetail, stored: &StoredRules) -> Value {
    let rules = &stored.rules;
    let eligibility = rules.eligibility.as_ref().map(|e| match e {
        Eligibility::Everyone => json!({"kind": "everyone"}),
        Eligibility::Areas(ids) => json!({"kind": "areas", "areas": area_slugs(m, ids)}),
        Eligibility::AgeBand { min, max } => json!({"kind": "age_band", "min_age": min, "max_age": max}),
        Eligibility::Panel(name) => json!({"kind": "panel", "panel": name}),
    });
    json!({
        "version": stored.version,
        "in_force_since": stored.frozen_at,
        "change_reason": stored.change_reason,
        "level": rules.level.map(|l| l.as_str()),
        "municipality_role": rules.municipality_role,
        "open_for_input": rules.open_for_input,
        "fixed_items": rules.fixed_items.iter().enumerate().map(|(i, item)| json!({
            "number": i + 1, "what": item.what, "why": item.why,
        })).collect::<Vec<_>>(),
        "decision_maker": rules.decision_maker,
        "decision_date": rules.decision_date,
        "weighing": rules.weighing,
        "eligibility": eligibility,
        "report_date": rules.report_date,
        "personal_data": rules.personal_data,
        "retention_months": rules.retention_months,
    })
}

fn page_url(state: &AppState, slug: &str, id: i32) -> String {
    format!("{}/{slug}/trajecten/{id}", state.settings.public_url)
}

/// `GET /api/v1/{municipality}/trajectories`: public trajectories, newest first, 20 a page,
/// with the same filters as the desk.
pub async fn trajectories(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<DeskFilters>,
) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (desk, page) = trajectories::desk_query(&m, &query);
    let today = state.clock.today();
    let (rows, total) = match trajectories::list_public(&state.db, MunicipalityId(m.id), &desk, today, page).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let items: Vec<Value> = rows
        .into_iter()
        .map(|t| {
            let status = Status::parse(&t.row.status).unwrap_or(Status::Draft);
            json!({
                "id": t.row.id,
                "title": t.row.title,
                "summary": t.row.summary,
                "url": page_url(&state, &m.slug, t.row.id),
                "stage": stage_of_span(status, t.row.starts_on, t.row.ends_on, today).as_str(),
                "level": t.row.level,
                "areas": t.area_names,
                "themes": t.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                "starts_on": t.row.starts_on,
                "ends_on": t.row.ends_on,
                "published_at": t.row.published_at,
            })
        })
        .collect();
    Json(json!({
        "municipality": m.slug,
        "page": page,
        "pages": total.div_ceil(PAGE_SIZE).max(1),
        "total": total,
        "trajectories": items,
    }))
    .into_response()
}

async fn public_trajectory(state: &AppState, m: &MunicipalityDetail, id: i32) -> Result<Loaded, Response> {
    match trajectories::find(&state.db, MunicipalityId(m.id), TrajectoryId(id)).await {
        Ok(Some(t)) if t.status.is_public() => Ok(t),
        Ok(_) => Err(not_found()),
        Err(error) => Err(answer(error)),
    }
}

/// `GET /api/v1/{municipality}/trajectories/{id}`: one public trajectory with its phases and
/// every version of its rules of play.
pub async fn trajectory(State(state): State<AppState>, Path((slug, id)): Path<(String, i32)>) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let t = match public_trajectory(&state, &m, id).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    let today = state.clock.today();
    let versions: Vec<Value> = t.rules.iter().filter(|r| r.frozen_at.is_some()).map(|r| rules_json(&m, r)).collect();
    let activities = match consultations::activities_json(&state, &m.slug, t.row.id, t.status).await {
        Ok(activities) => activities,
        Err(response) => return response,
    };
    Json(json!({
        "id": t.row.id,
        "municipality": m.slug,
        "title": t.row.title,
        "summary": t.row.summary,
        "body_html": markdown::to_safe_html(&t.row.body),
        "url": page_url(&state, &m.slug, t.row.id),
        "stage": stage(t.status, &t.phases, today).as_str(),
        "areas": area_slugs(&m, &t.areas),
        "themes": t.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "phases": t.phases.iter().map(|p| json!({"name": p.name, "starts_on": p.starts_on, "ends_on": p.ends_on})).collect::<Vec<_>>(),
        "contact": {"name": t.row.contact_name, "email": t.row.contact_email, "phone": t.row.contact_phone},
        "published_at": t.row.published_at,
        "rules_of_play": versions.last(),
        "rules_of_play_versions": versions,
        "activities": activities,
    }))
    .into_response()
}

/// `GET /api/v1/{municipality}/trajectories.atom`: the 50 most recently published trajectories,
/// as an Atom feed (RFC 4287) that feed readers find through the municipality's pages.
pub async fn feed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let rows = match trajectories::recently_published(&state.db, MunicipalityId(m.id), 50).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let base = &state.settings.public_url;
    let moment = |at: chrono::DateTime<Utc>| FixedDateTime::from(at);
    let link = |rel: &str, href: String| Link { rel: rel.to_owned(), href, ..Default::default() };
    let author = Person { name: m.name.clone(), ..Default::default() };
    let entries: Vec<Entry> = rows
        .iter()
        .map(|row| {
            let url = page_url(&state, &m.slug, row.id);
            Entry {
                title: Text::plain(row.title.clone()),
                id: url.clone(),
                links: vec![link("alternate", url)],
                published: Some(moment(row.published_at.unwrap_or(row.created_at))),
                updated: moment(row.updated_at),
                authors: vec![author.clone()],
                summary: Some(Text::plain(row.summary.clone())),
                ..Default::default()
            }
        })
        .collect();
    let updated = rows.iter().filter_map(|r| r.published_at).max().unwrap_or_else(|| state.clock.now());
    let feed = Feed {
        title: Text::plain(format!("{}: participatietrajecten", m.name)),
        id: format!("{base}/{}", m.slug),
        links: vec![
            link("alternate", format!("{base}/{}", m.slug)),
            link("self", format!("{base}/api/v1/{}/trajectories.atom", m.slug)),
        ],
        updated: moment(updated),
        authors: vec![author],
        entries,
        ..Default::default()
    };
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string()).into_response()
}
