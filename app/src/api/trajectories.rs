//! Trajectories: reading them (the desk, a trajectory page) and running them (create, edit,
//! draft and publish the rules of play, change them later through a new version).

use crate::error::AppError;
use crate::model::trajectories::*;
use leptos::prelude::*;

/// A trajectory with its rules of play. Drafts exist only for the municipality's staff; for
/// anyone else they are not found, so a draft's existence is not given away.
#[server(endpoint = "get_trajectory")]
pub async fn get_trajectory(municipality: String, id: i32) -> Result<TrajectoryDetail, AppError> {
    use crate::server::{context, trajectories};
    let state = context::app_state()?;
    let session = context::session().await?;
    let actor = context::current_account(&state, &session).await?.map(|(_, actor)| actor);
    let found = context::municipality_named(&state, &municipality).await?;
    trajectories::trajectory_detail(&state, actor.as_ref(), &found, id).await.map_err(context::answer_with)
}

/// The desk's list: public trajectories, filtered and one page at a time, with the open, upcoming
/// and recently reported ones first. Unknown filter values are ignored rather than refused, so an
/// old bookmarked link still shows something useful.
#[server(endpoint = "list_trajectories")]
pub async fn list_trajectories(
    municipality: String,
    #[server(default)] q: String,
    #[server(default)] area: String,
    #[server(default)] theme: String,
    #[server(default)] level: String,
    #[server(default)] stage: String,
    #[server(default)] page: String,
) -> Result<DeskPage, AppError> {
    use crate::server::{context, trajectories};
    let state = context::app_state()?;
    let found = context::municipality_named(&state, &municipality).await?;
    trajectories::desk_page(&state, &found, &DeskFilters { q, area, theme, level, stage, page }).await
}

/// Every trajectory of a municipality, drafts included, for the staff who run them.
#[server(endpoint = "list_managed_trajectories")]
pub async fn list_managed_trajectories(municipality: String) -> Result<Vec<TrajectorySummary>, AppError> {
    use crate::server::{context, trajectories};
    let signed_in = context::signed_in().await?;
    trajectories::managed_list(&signed_in, &municipality).await.map_err(context::answer_with)
}
