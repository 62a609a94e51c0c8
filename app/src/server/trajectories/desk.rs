//! The desk's list of public trajectories, as the site and open data both read it, and the
//! staff's list of all of them.

use super::{highlights, list_public, summary, DeskQuery, PAGE_SIZE};
use crate::domain::paging::page_number;
use crate::domain::rules_of_play::ParticipationLevel;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::{Stage, Theme};
use crate::error::{AppError, AppResult};
use crate::model::tenancy::MunicipalityDetail;
use crate::model::trajectories::{DeskFilters, DeskPage, TrajectorySummary};
use crate::server::context::SignedIn;
use crate::server::state::AppState;

/// The longest search text looked for; more is cut off.
const SEARCH_MAX: usize = 100;

/// The filters as a query, and the page asked for.
pub fn desk_query(municipality: &MunicipalityDetail, filters: &DeskFilters) -> (DeskQuery, u64) {
    let area = municipality.areas.iter().find(|a| a.slug == filters.area).map(|a| AreaId(a.id));
    let text = filters.q.trim();
    let query = DeskQuery {
        text: (!text.is_empty()).then(|| text.chars().take(SEARCH_MAX).collect()),
        area,
        theme: Theme::parse(&filters.theme),
        level: ParticipationLevel::parse(&filters.level),
        stage: Stage::parse(&filters.stage).filter(|s| *s != Stage::Draft),
    };
    (query, page_number(&filters.page))
}

/// One page of the public trajectories that match the filters, as the desk and the open data
/// list them.
pub struct PublicPage {
    pub query: DeskQuery,
    pub results: Vec<TrajectorySummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

pub async fn public_page(
    state: &AppState,
    municipality: &MunicipalityDetail,
    filters: &DeskFilters,
) -> AppResult<PublicPage> {
    let (query, page) = desk_query(municipality, filters);
    let today = state.clock.today();
    let (rows, total) = list_public(&state.db, MunicipalityId(municipality.id), &query, today, page).await?;
    Ok(PublicPage {
        results: rows.into_iter().map(|t| summary(t, today)).collect(),
        query,
        total,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
    })
}

/// The desk: public trajectories, filtered, a page at a time, with the open, upcoming and
/// recently reported ones above the unfiltered first page.
pub async fn desk_page(
    state: &AppState,
    municipality: &MunicipalityDetail,
    filters: &DeskFilters,
) -> AppResult<DeskPage> {
    let PublicPage { query, results, total, page, pages } = public_page(state, municipality, filters).await?;
    let unfiltered = query.text.is_none()
        && query.area.is_none()
        && query.theme.is_none()
        && query.level.is_none()
        && query.stage.is_none()
        && page == 1;
    let today = state.clock.today();
    let highlights = if unfiltered {
        highlights(&state.db, MunicipalityId(municipality.id), today)
            .await?
            .into_iter()
            .map(|t| summary(t, today))
            .collect()
    } else {
        Vec::new()
    };
    Ok(DeskPage { highlights, results, total, page, pages })
}

/// Every trajectory of a municipality, drafts included, for its staff.
pub async fn managed_list(signed_in: &SignedIn, municipality: &str) -> AppResult<Vec<TrajectorySummary>> {
    let state = &signed_in.state;
    let found = crate::server::context::municipality_named(state, municipality).await?;
    let id = MunicipalityId(found.id);
    if !signed_in.actor.is_staff_of(id) {
        return Err(AppError::Forbidden);
    }
    let today = state.clock.today();
    Ok(super::list_all(&state.db, id).await?.into_iter().map(|t| summary(t, today)).collect())
}
