//! Open data about the participation desk: `GET /api/v1/{municipality}/initiatives` (the public
//! register: title, area, status, supports, dates; never who brought an initiative in or how to
//! reach them) and `GET /api/v1/{municipality}/desk/norms` (the norms and the published figures).

use super::{answer, municipality, site_url};
use app::domain::consultations::page_count;
use app::domain::desk::QuarterFigures;
use app::domain::initiatives::PAGE_SIZE;
use app::domain::paging::page_number;
use app::server::desk;
use app::server::desk::register::RegisterOrder;
use app::server::entities::desk_case;
use app::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Serialize)]
struct Register {
    municipality: String,
    page: u64,
    pages: u64,
    total: u64,
    initiatives: Vec<Initiative>,
}

/// A case in the public register: only what its page shows everyone.
#[derive(Serialize)]
struct Initiative {
    id: i32,
    case_number: String,
    kind: String,
    title: String,
    description: String,
    area: Option<String>,
    support_asked: Vec<String>,
    status: String,
    supports: i32,
    received_on: NaiveDate,
    acknowledged_on: Option<NaiveDate>,
    answered_on: Option<NaiveDate>,
    on_council_list_since: Option<NaiveDate>,
    url: String,
}

impl Initiative {
    fn of(case: desk_case::Model, area: Option<String>, url: String) -> Self {
        Self {
            id: case.id,
            case_number: case.number,
            kind: case.kind,
            title: case.title,
            description: case.description,
            area,
            support_asked: case.support_asked.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            status: case.status,
            supports: case.supports,
            received_on: case.received_on,
            acknowledged_on: case.acknowledged_on,
            answered_on: case.answered_on,
            on_council_list_since: case.council_listed_on,
            url,
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct RegisterQuery {
    /// Read like a page in an address: anything that is not a page number is the first page.
    page: Option<String>,
    /// `supports`: the most supported first; otherwise the newest first.
    sort: Option<String>,
}

/// `GET /api/v1/{municipality}/initiatives?page=&sort=`: the public register, 25 a page, the
/// newest first (or the most supported, `sort=supports`), as its page lists them.
pub async fn initiatives(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<RegisterQuery>,
) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let order = match query.sort.as_deref() {
        Some("supports") => RegisterOrder::MostSupported,
        _ => RegisterOrder::Newest,
    };
    let page = page_number(query.page.as_deref().unwrap_or_default());
    let (cases, total) = match desk::register::page(&state.db, m.id, order, page).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let initiatives = cases
        .into_iter()
        .map(|case| {
            let area = case.area_id.and_then(|id| m.areas.iter().find(|a| a.id == id)).map(|a| a.slug.clone());
            let url = site_url(&state, &format!("/{}/initiatieven/{}", m.slug, case.id));
            Initiative::of(case, area, url)
        })
        .collect();
    let pages = page_count(total, PAGE_SIZE);
    Json(Register { municipality: m.slug, page, pages, total, initiatives }).into_response()
}

#[derive(Serialize)]
struct Norms {
    municipality: String,
    norms: Norm,
    support_threshold: Option<u32>,
    quarters: Vec<Quarter>,
}

#[derive(Serialize)]
struct Norm {
    acknowledge_within_working_days: u32,
    answer_within_working_days: u32,
    working_days: &'static str,
}

#[derive(Serialize)]
struct Quarter {
    year: i32,
    quarter: u32,
    cases: u64,
    /// With one decimal (87.5), or null without cases to count.
    acknowledged_in_time_percentage: Option<f64>,
    acknowledgements_counted: u64,
    answered_in_time_percentage: Option<f64>,
    answers_counted: u64,
}

impl Quarter {
    fn of(q: &QuarterFigures) -> Self {
        let percentage = |per_mille: Option<u64>| per_mille.map(app::domain::shares::percentage);
        Self {
            year: q.year,
            quarter: q.quarter,
            cases: q.cases,
            acknowledged_in_time_percentage: percentage(q.acknowledged_in_time),
            acknowledgements_counted: q.acknowledgements_counted,
            answered_in_time_percentage: percentage(q.answered_in_time),
            answers_counted: q.answers_counted,
        }
    }
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
    Json(Norms {
        municipality: m.slug,
        norms: Norm {
            acknowledge_within_working_days: settings.norm.acknowledge_within,
            answer_within_working_days: settings.norm.answer_within,
            working_days: "Monday to Friday, except Dutch public holidays (Algemene termijnenwet), Europe/Amsterdam",
        },
        support_threshold: settings.support_threshold,
        quarters: figures.iter().map(Quarter::of).collect(),
    })
    .into_response()
}
