//! The desk's side of a case: the queue with its filters, taking a case on, moving it along its
//! steps, messages to the initiator (by e-mail through the outbox, and on the case page),
//! internal notes the initiator never sees, and the municipality's norms and threshold.
use crate::error::AppError;
use crate::model::desk::*;
use leptos::prelude::*;

/// The desk's queue: open cases by default, the oldest first, filtered as the address says.
#[server(endpoint = "list_desk_queue")]
pub async fn list_desk_queue(
    municipality: String,
    #[server(default)] status: String,
    #[server(default)] area: String,
    #[server(default)] owner: String,
    #[server(default)] due: String,
    #[server(default)] page: String,
) -> Result<QueuePage, AppError> {
    use crate::server::desk;
    let filters = QueueFilters { status, area, owner, due };
    desk::queue_page(&desk::working(&municipality).await?, filters, &page).await
}

/// A case with everything the desk needs: the conversation, the notes, the contact details.
#[server(endpoint = "get_desk_case")]
pub async fn get_desk_case(municipality: String, id: i32) -> Result<DeskCase, AppError> {
    use crate::server::{context, desk};
    desk::desk_case_page(&desk::working(&municipality).await?, id).await.map_err(context::answer_with)
}

/// Moves a case on: acknowledge, take in progress, close, or forward to a trajectory (then
/// `trajectory` names it). The initiator hears of each step by e-mail.
#[server(endpoint = "move_desk_case")]
pub async fn move_desk_case(
    municipality: String,
    id: i32,
    to: String,
    #[server(default)] trajectory: String,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    let moved = desk::move_case(&working, &row, &to, &trajectory)
        .await
        .map_err(|error| context::answer_with(error.refilled(vec![("trajectory".to_owned(), trajectory.clone())])))?;
    // The page says what the step did, at the top where it opens.
    leptos_axum::redirect(&format!("{}?stap={}", working.case_path(row.id), moved.as_str()));
    Ok(())
}

/// Gives a case to a desk officer; a case not yet in progress is taken in progress.
#[server(endpoint = "assign_desk_case")]
pub async fn assign_desk_case(municipality: String, id: i32, owner: String) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    desk::assign_case(&working, &row, &owner)
        .await
        .map_err(|error| context::answer_with(error.refilled(vec![("owner".to_owned(), owner.clone())])))?;
    leptos_axum::redirect(&format!("{}?toegewezen=1", working.case_path(row.id)));
    Ok(())
}

/// Sends the initiator a message (by e-mail and on their case page). `then` = "ask" waits for
/// their answer (the clock stands still); "answer" gives the substantive answer.
#[server(endpoint = "message_initiator")]
pub async fn message_initiator(
    municipality: String,
    id: i32,
    submission_token: String,
    body: String,
    #[server(default)] then: String,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    let message = desk::DeskMessage { submission_token: &submission_token, body: &body, then: &then };
    let typed = vec![("body".to_owned(), body.clone()), ("then".to_owned(), then.clone())];
    desk::message_initiator(&working, &row, &message)
        .await
        .map_err(|error| context::answer_with(error.refilled(typed)))?;
    leptos_axum::redirect(&format!("{}#berichten", working.case_path(row.id)));
    Ok(())
}

/// An internal note on a case: for colleagues at the desk only.
#[server(endpoint = "add_desk_note")]
pub async fn add_desk_note(
    municipality: String,
    id: i32,
    note: String,
    #[server(default)] submission_token: String,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    let typed = vec![("note".to_owned(), note.clone())];
    desk::add_note(&working, &row, &note, &submission_token)
        .await
        .map_err(|error| context::answer_with(error.refilled(typed)))?;
    leptos_axum::redirect(&format!("{}#notities", working.case_path(row.id)));
    Ok(())
}

#[server(endpoint = "get_desk_settings")]
pub async fn get_desk_settings(municipality: String) -> Result<DeskSettingsPage, AppError> {
    use crate::server::{context, desk};
    desk::settings_page(&desk::working(&municipality).await?).await.map_err(context::answer_with)
}

/// Sets the desk's norms (for cases that come in from now on), the support threshold and the
/// coordinator who hears about deadlines.
#[server(endpoint = "save_desk_settings")]
pub async fn save_desk_settings(
    municipality: String,
    #[server(flatten)] form: DeskSettingsForm,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    desk::save_settings(&working, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/beheer/{}/loket/instellingen?opgeslagen=1", working.municipality.slug));
    Ok(())
}
