//! Putting a poll in a trajectory phase: a project lead writes the questions, sets when voting
//! opens and closes (Dutch clock), when results are shown, whether the ballot is secret or may be
//! changed, and whom the poll is for beyond the rules of play.

use crate::error::AppError;
use crate::model::poll_editing::*;
use leptos::prelude::*;

#[server(endpoint = "get_poll_editor")]
pub async fn get_poll_editor(municipality: String, trajectory: i32) -> Result<PollEditor, AppError> {
    use crate::server::{polls, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    polls::poll_editor(&editing, &editing.trajectory(trajectory).await?).await
}

/// A stored poll in the editor, with what the editor offers.
#[server(endpoint = "get_poll_for_editing")]
pub async fn get_poll_for_editing(municipality: String, id: i32) -> Result<(PollEditor, PollInitial), AppError> {
    use crate::server::{context, polls, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    polls::poll_for_editing(&editing, id).await.map_err(context::answer_with)
}

/// Adds a poll to a phase (`phase` is the phase's position, 0-based) of a trajectory.
#[server(endpoint = "create_poll")]
pub async fn create_poll(
    municipality: String,
    trajectory: i32,
    #[server(flatten)] form: PollForm,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::server::{context, polls, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    let id = polls::create_poll(&editing, trajectory, &form, &submission_token).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/peilingen/{id}", editing.municipality.slug));
    Ok(id)
}

/// Changes a poll nobody voted in yet; once votes are counted its questions and rules stay as
/// they were voted on (refused with `PollHasVotes`).
#[server(endpoint = "update_poll")]
pub async fn update_poll(municipality: String, id: i32, #[server(flatten)] form: PollForm) -> Result<(), AppError> {
    use crate::server::{context, polls, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    polls::update_poll(&editing, id, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/peilingen/{id}?opgeslagen=1", editing.municipality.slug));
    Ok(())
}
