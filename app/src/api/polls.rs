//! Polls: reading a poll, voting, and its results. Who may vote is decided on the server inside
//! the transaction that counts the ballot, from the rules of play in force and the poll's own
//! narrowing (areas, an age band on the closing day, or a panel).
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::polls::*;
use leptos::prelude::*;
use std::collections::HashMap;

/// A poll: its questions, whether the reader may vote (and why not), and the results when they
/// are public (staff of the municipality see them all along).
#[server(endpoint = "get_poll")]
pub async fn get_poll(municipality: String, id: i32) -> Result<PollView, AppError> {
    use crate::server::polls;
    polls::poll_view(&polls::reading(&municipality, id).await?).await
}

/// Casts (or, where the poll allows, changes) the reader's ballot. Form fields per question:
/// `choice[q]` (single choice), `pick[q][option]` (multiple choice), `scale[q]`,
/// `rank[q][option]` (the place of each option, 1 is first) and `open[q]`.
#[server(endpoint = "cast_vote")]
pub async fn cast_vote(
    municipality: String,
    poll: i32,
    submission_token: String,
    #[server(default)] choice: HashMap<String, String>,
    #[server(default)] pick: HashMap<String, HashMap<String, String>>,
    #[server(default)] scale: HashMap<String, String>,
    #[server(default)] rank: HashMap<String, HashMap<String, String>>,
    #[server(default)] open: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::polls::{self, Voted};
    use crate::server::{context, submission};

    let reading = polls::reading(&municipality, poll).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let form = BallotForm { choice, pick, scale, rank, open };
    let refill = |error: AppError| context::answer_with(error.refilled(form.typed()));
    let now = reading.state.clock.now().timestamp();
    if !submission::verify(&reading.state.settings.form_key, account.id, &submission_token, now) {
        return Err(refill(AppError::validation_of(vec![FieldError::new("ballot", Problem::FormExpired)], Vec::new())));
    }
    let key = submission::key(&submission_token, &format!("poll:{}", reading.found.activity.id));
    // Counted now or counted before (the same form twice): either way the vote stands.
    let _: Voted = polls::cast_vote(&reading, account.id, &key, &form).await.map_err(refill)?;
    leptos_axum::redirect(&format!("{}?gestemd=1#stem", reading.page_path()));
    Ok(())
}
