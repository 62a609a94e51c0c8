//! "Ideas" activities inside a trajectory: a project lead opens one in a phase; while the phase
//! runs, residents (whom the rules of play invite) bring ideas in the same way they bring them to
//! the desk. Each idea becomes a desk case with a case number, a clock and an answer; the public
//! ones are listed on the activity's page, where others support them.

use crate::error::AppError;
use crate::model::ideas::*;
use leptos::prelude::*;

/// The page of an ideas activity.
#[server(endpoint = "get_ideas")]
pub async fn get_ideas(municipality: String, id: i32) -> Result<IdeasView, AppError> {
    use crate::server::{context, desk};
    desk::ideas_page(&context::reader(&municipality).await?, id).await.map_err(context::answer_with)
}

/// Opens an ideas activity in a phase (`phase` is the phase's position, 0-based).
#[server(endpoint = "create_ideas_activity")]
pub async fn create_ideas_activity(
    municipality: String,
    trajectory: i32,
    #[server(flatten)] form: IdeasActivityForm,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::server::{context, desk, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    let id = desk::create_ideas_activity(&editing, trajectory, &form, &submission_token)
        .await
        .map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/ideeen/{id}", editing.municipality.slug));
    Ok(id)
}
