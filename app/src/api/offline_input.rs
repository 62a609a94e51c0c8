//! Input from every channel ("digitaal waar het kan, persoonlijk waar het moet"): a desk officer or
//! project lead enters what came in at the counter, by phone, letter, e-mail or at a meeting, on
//! behalf of a resident. From then on it is input like any other: in the discussion with its
//! channel, open to moderation, answered in the report.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::offline_input::*;
use leptos::prelude::*;

/// What the entry form needs: the sections, the trajectory's meetings, the dates input may have
/// come in on, and a submission token.
#[server(endpoint = "get_offline_entry")]
pub async fn get_offline_entry(municipality: String, consultation: i32) -> Result<OfflineEntry, AppError> {
    use crate::server::{consultations, context, submission};

    let reading = consultations::reading(&municipality, consultation).await?;
    consultations::check_may_enter(&reading).map_err(context::answer_with)?;
    let account = reading.account.as_ref().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let found = &reading.found;
    let meetings = consultations::meetings(&reading.state.db, found.trajectory.row.id).await?;
    Ok(OfflineEntry {
        municipality_slug: reading.municipality.slug.clone(),
        consultation: found.activity.id,
        title: found.activity.title.clone(),
        sections: found.sections.iter().map(|s| (s.id, s.title.clone())).collect(),
        meetings: meetings.into_iter().map(|m| MeetingView { id: m.id, title: m.title, held_on: m.held_on }).collect(),
        opens_on: found.phase.starts_on,
        closes_on: found.phase.ends_on,
        today: reading.state.clock.today(),
        submission_token: submission::token_for(&reading.state, account.id),
    })
}

/// Stores input received offline, with who entered it. A meeting can be chosen from the
/// trajectory's meetings or made here; the form then comes back with that meeting chosen, so a
/// meeting's outcomes are entered one after another.
#[server(endpoint = "enter_offline_input")]
pub async fn enter_offline_input(
    municipality: String,
    consultation: i32,
    #[server(flatten)] form: OfflineInputForm,
) -> Result<i32, AppError> {
    use crate::domain::consultations::Channel;
    use crate::server::{consultations, context};
    let reading = consultations::reading(&municipality, consultation).await?;
    let account = reading.account.as_ref().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let stored = consultations::enter_offline_input(&reading, account.id, &form)
        .await
        .map_err(|error| context::answer_with(error.refilled(form.typed())))?;
    // A meeting's outcomes are entered one after another: the form comes back with it chosen.
    let again = match (Channel::parse(&stored.channel), stored.meeting_id) {
        (Some(Channel::Meeting), Some(m)) => format!("&vergadering={m}"),
        _ => String::new(),
    };
    let slug = &reading.municipality.slug;
    leptos_axum::redirect(&format!("/{slug}/raadplegingen/{consultation}/invoeren?ingevoerd={}{again}", stored.id));
    Ok(stored.id)
}
