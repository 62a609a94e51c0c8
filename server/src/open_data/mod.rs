//! Open data: JSON and CSV under `/api/v1/{municipality}/…` and an Atom feed of new trajectories.
//! Each endpoint calls the use case its page calls and serialises a typed answer declared beside
//! it. The field names and values are a published interface (see the README, and the snapshot
//! tests that hold them): stable strings, never the names of Rust types, and no personal data of
//! residents.

use app::error::AppError;
use app::model::tenancy::MunicipalityDetail;
use app::server::{state::AppState, tenancy};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::StatusCode;
use serde::Serialize;

pub mod batched;
pub mod consultations;
pub mod csv_file;
pub mod desk;
pub mod polls;
pub mod reports;
pub mod trajectories;

/// What a refused request gets: a stable `error` code, and for an internal failure the id to
/// quote to the municipality (the request's id, as in its `x-request-id` header and its log).
#[derive(Serialize)]
struct Refusal {
    error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    correlation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_from: Option<chrono::DateTime<chrono::Utc>>,
}

impl Refusal {
    fn of(error: &'static str) -> Self {
        Self { error, correlation_id: None, public_from: None }
    }
}

fn refused(status: StatusCode, refusal: Refusal) -> Response {
    (status, Json(refusal)).into_response()
}

fn not_found() -> Response {
    refused(StatusCode::NOT_FOUND, Refusal::of("not_found"))
}

/// The answer to a failed use case. An internal failure was logged where it happened, inside this
/// request's span (so with its request id); the reader gets that id and no details.
fn answer(error: AppError) -> Response {
    match error {
        AppError::NotFound => not_found(),
        AppError::Internal { correlation_id } => refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            Refusal { correlation_id: Some(correlation_id), ..Refusal::of("internal") },
        ),
        other => {
            let status = StatusCode::from_u16(other.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            refused(status, Refusal::of("refused"))
        }
    }
}

/// A failure outside the use cases (stored JSON that does not read, a CSV that cannot be
/// written): logged once, here.
fn failed(error: impl std::fmt::Display + 'static) -> Response {
    answer(app::server::context::internal(error))
}

async fn municipality(state: &AppState, slug: &str) -> Result<MunicipalityDetail, Response> {
    match tenancy::find_by_slug(&state.db, slug).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(not_found()),
        Err(error) => Err(answer(error)),
    }
}

/// The public address of a page of the site, from its path.
fn site_url(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.settings.public_url)
}

/// `GET /api/v1/municipalities`: every municipality on this installation, by slug and name.
pub async fn municipalities(State(state): State<AppState>) -> Response {
    match tenancy::list(&state.db).await {
        Ok(list) => Json(list).into_response(),
        Err(error) => answer(error),
    }
}
