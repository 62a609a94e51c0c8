//! Putting a plan up for consultation: a project lead adds a consultation to a phase of a
//! trajectory, with the plan in sections, and edits it later. Sections residents already
//! commented on can be reworded but not removed.

use crate::error::AppError;
use crate::model::consultations::ConsultationForm;
use leptos::prelude::*;

/// Adds a consultation to a phase (`phase` is the phase's position, 0-based) of a trajectory.
#[server(endpoint = "create_consultation")]
pub async fn create_consultation(
    municipality: String,
    trajectory: i32,
    #[server(flatten)] form: ConsultationForm,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::server::{consultations, context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    let id = consultations::create_consultation(&editing, trajectory, &form, &submission_token)
        .await
        .map_err(context::answer_with)?;
    leptos_axum::redirect(&page_path(&editing.municipality.slug, id));
    Ok(id)
}

/// Changes a consultation: its texts, sections, phase and pre-moderation.
#[server(endpoint = "update_consultation")]
pub async fn update_consultation(
    municipality: String,
    id: i32,
    #[server(flatten)] form: ConsultationForm,
) -> Result<(), AppError> {
    use crate::server::{consultations, context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    consultations::update_consultation(&editing, id, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=ja", page_path(&editing.municipality.slug, id)));
    Ok(())
}

/// Removes an attachment from a consultation.
#[server(endpoint = "remove_attachment")]
pub async fn remove_attachment(municipality: String, consultation: i32, attachment: i32) -> Result<(), AppError> {
    use crate::server::{consultations, context, trajectories};
    let editing = trajectories::editing(&municipality).await?;
    consultations::remove_attachment(&editing, consultation, attachment).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}/bewerken#bijlagen", page_path(&editing.municipality.slug, consultation)));
    Ok(())
}

#[cfg(feature = "ssr")]
fn page_path(slug: &str, id: i32) -> String {
    format!("/{slug}/raadplegingen/{id}")
}
