//! The desk's list of public trajectories, as the site and open data both read it.

use super::{highlights, list_public, summary, DeskQuery, PAGE_SIZE};
use crate::domain::paging::page_number;
use crate::domain::rules_of_play::ParticipationLevel;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::{Stage, Theme};
use crate::error::AppResult;
use crate::model::tenancy::MunicipalityDetail;
use crate::model::trajectories::{DeskFilters, DeskPage};
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

/// The desk: public trajectories, filtered, a page at a time, with the open, upcoming and
/// recently reported ones above the unfiltered first page.
pub async fn desk_page(
    state: &AppState,
    municipality: &MunicipalityDetail,
    filters: &DeskFilters,
) -> AppResult<DeskPage> {
    let id = MunicipalityId(municipality.id);
    let (query, page) = desk_query(municipality, filters);
    let today = state.clock.today();
    let (rows, total) = list_public(&state.db, id, &query, today, page).await?;
    let unfiltered = query.text.is_none()
        && query.area.is_none()
        && query.theme.is_none()
        && query.level.is_none()
        && query.stage.is_none()
        && page == 1;
    let highlights = if unfiltered { highlights(&state.db, id, today).await? } else { Vec::new() };
    Ok(DeskPage {
        highlights: highlights.into_iter().map(|t| summary(t, today)).collect(),
        results: rows.into_iter().map(|t| summary(t, today)).collect(),
        total,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
    })
}
