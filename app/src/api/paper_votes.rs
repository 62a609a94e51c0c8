//! Votes cast on paper or at a meeting: staff enter them as counted totals, each batch once
//! however often its form arrives, and take a wrong batch back out of the totals with a reason
//! (it stays listed, marked, and the audit log keeps who did it).

use crate::error::AppError;
use crate::model::polls::PaperBatchView;
use leptos::prelude::*;
use std::collections::HashMap;

/// The batches entered for a poll, withdrawn ones included: for staff who enter paper votes,
/// also while a secret poll's results are not shown yet.
#[server(endpoint = "list_paper_votes")]
pub async fn list_paper_votes(municipality: String, poll: i32) -> Result<Vec<PaperBatchView>, AppError> {
    use crate::server::{context, poll_results, polls};
    let reading = polls::reading(&municipality, poll).await?;
    if reading.account.is_none() {
        return Err(context::answer_with(AppError::Unauthenticated));
    }
    if !reading.can_enter_paper() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let paper = polls::paper(&reading.state.db, reading.found.activity.id).await?;
    Ok(paper.iter().map(poll_results::paper_batch_view).collect())
}

/// Votes cast on paper or at a meeting, entered as counted totals per option of the poll's
/// single-choice questions (`count[option]`), with the channel and the day they were counted.
#[server(endpoint = "enter_paper_votes")]
pub async fn enter_paper_votes(
    municipality: String,
    poll: i32,
    #[server(default)] submission_token: String,
    #[server(default)] channel: String,
    #[server(default)] description: String,
    #[server(default)] counted_on: String,
    #[server(default)] count: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::server::{context, polls};
    let reading = polls::reading(&municipality, poll).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    if !reading.can_enter_paper() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    // The counts per option are a nested map, which a flattened form struct cannot carry.
    let form = crate::model::polls::PaperVotesForm { submission_token, channel, description, counted_on, count };
    polls::enter_paper_votes(&reading, account.id, &form)
        .await
        .map_err(|error| context::answer_with(error.refilled(form.typed())))?;
    leptos_axum::redirect(&format!("{}?papier=1#uitslag", reading.page_path()));
    Ok(())
}

/// Takes a batch of paper votes out of the poll's totals, with the reason (`reason[batch]`, so
/// each batch's form on the page has its own field); withdrawing it again changes nothing.
#[server(endpoint = "withdraw_paper_votes")]
pub async fn withdraw_paper_votes(
    municipality: String,
    poll: i32,
    batch: i32,
    #[server(default)] reason: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::server::{context, polls};
    let reading = polls::reading(&municipality, poll).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    if !reading.can_enter_paper() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let field = format!("reason[{batch}]");
    let reason = reason.get(&batch.to_string()).cloned().unwrap_or_default();
    polls::withdraw_paper_votes(&reading, account.id, batch, &reason)
        .await
        .map_err(|error| context::answer_with(error.refilled(vec![(field, reason.clone())])))?;
    leptos_axum::redirect(&format!("{}/papieren-stemmen?ingetrokken={batch}", reading.page_path()));
    Ok(())
}
