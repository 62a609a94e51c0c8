//! Running a trajectory: create and edit it, draft its rules of play, publish it once the card is
//! complete, and change the card of a published trajectory only through a new, dated version with
//! a reason. Only project leads and administrators of the trajectory's own municipality may.

use crate::error::AppError;
use crate::model::trajectories::{RulesForm, TrajectoryForm};
use leptos::prelude::*;

/// Opens a new trajectory as a draft, with an empty rules-of-play card to fill in next.
#[server(endpoint = "create_trajectory")]
pub async fn create_trajectory(
    municipality: String,
    #[server(flatten)] form: TrajectoryForm,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::server::{context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    let id = trajectories::create_trajectory(&editing, &form, &submission_token).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&editing.editor_path(id));
    Ok(id)
}

/// Changes title, texts, contact, areas, themes and phases. Allowed until the trajectory is
/// archived; the rules of play are not touched here.
#[server(endpoint = "update_trajectory")]
pub async fn update_trajectory(
    municipality: String,
    id: i32,
    #[server(flatten)] form: TrajectoryForm,
) -> Result<(), AppError> {
    use crate::server::{context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    trajectories::update_trajectory(&editing, id, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=gegevens", editing.editor_path(id)));
    Ok(())
}

/// Saves the draft rules of play. Incomplete is fine; what is filled in must make sense. Once
/// the trajectory is published this is refused: a change is then a new version (`amend_rules`).
#[server(endpoint = "save_rules")]
pub async fn save_rules(municipality: String, id: i32, #[server(flatten)] form: RulesForm) -> Result<(), AppError> {
    use crate::server::{context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    trajectories::save_rules(&editing, id, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=spelregels", editing.editor_path(id)));
    Ok(())
}

/// Publishes a draft whose rules of play are complete, and freezes the card. An incomplete card
/// is refused with every missing part named.
#[server(endpoint = "publish_trajectory")]
pub async fn publish_trajectory(municipality: String, id: i32) -> Result<(), AppError> {
    use crate::server::{context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    trajectories::publish_trajectory(&editing, id).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/trajecten/{id}", editing.municipality.slug));
    Ok(())
}

/// Changes the rules of play of a published trajectory: a new version, in force from now, with
/// the reason stated. The earlier versions stay as they were and stay visible.
#[server(endpoint = "amend_rules")]
pub async fn amend_rules(
    municipality: String,
    id: i32,
    #[server(default)] change_reason: String,
    #[server(flatten)] form: RulesForm,
) -> Result<(), AppError> {
    use crate::server::{context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    trajectories::amend_rules(&editing, id, &form, &change_reason).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/trajecten/{id}#spelregels", editing.municipality.slug));
    Ok(())
}

/// Closes a published trajectory early (`to` = closed) or archives a public one (`to` = archived).
#[server(endpoint = "change_trajectory_status")]
pub async fn change_trajectory_status(municipality: String, id: i32, to: String) -> Result<(), AppError> {
    use crate::server::{context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    trajectories::change_status(&editing, id, &to).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=status", editing.editor_path(id)));
    Ok(())
}
