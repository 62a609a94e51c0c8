//! What residents do with a comment once it is there: edit or take back their own, support
//! someone else's, and report one that breaks the house rules.

use super::{edit_body, find_input, not_found, report, set_status, set_support, Reading};
use crate::domain::consultations::{check_comment, check_reason, status_of_new_text, Channel, InputStatus, Window};
use crate::domain::validation::{FieldError, Problem};
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{input, user};
use crate::server::notifications::tell_moderators_about_report;
use crate::server::writes::begin_write;

/// A comment of this consultation (not found for one of another consultation or municipality),
/// and the signed-in reader.
async fn comment_here(reading: &Reading, comment: i32) -> AppResult<(input::Model, &user::Model)> {
    let account = reading.account.as_ref().ok_or(AppError::Unauthenticated)?;
    let row = find_input(&reading.state.db, reading.municipality_id, comment)
        .await?
        .filter(|c| c.activity_id == Some(reading.found.activity.id))
        .ok_or_else(not_found)?;
    Ok((row, account))
}

/// The reader's own comment, written online, while the consultation is open and the comment
/// still shows (or waits for a moderator).
async fn own_comment(reading: &Reading, comment: i32) -> AppResult<input::Model> {
    let (row, account) = comment_here(reading, comment).await?;
    if row.author_id != Some(account.id) || row.channel != Channel::Online.as_str() {
        return Err(AppError::Forbidden);
    }
    if !matches!(reading.window(), Window::Open { .. }) {
        return Err(AppError::Conflict);
    }
    if !matches!(InputStatus::parse(&row.status), Some(InputStatus::Visible | InputStatus::Pending)) {
        return Err(AppError::Conflict);
    }
    Ok(row)
}

/// A refusal of one comment's field (`edit_body[7]`), keeping what was typed.
fn refused(field: String, problem: Problem, typed: &str) -> AppError {
    AppError::validation_of(vec![FieldError::new(&field, problem)], vec![(field, typed.to_owned())])
}

/// Changes the text of one's own comment; the page says "bewerkt" from then on. In a
/// pre-moderated consultation the new text waits for a moderator.
#[tracing::instrument(skip_all, fields(comment = comment))]
pub async fn edit_comment(reading: &Reading, comment: i32, body: &str) -> AppResult<()> {
    let row = own_comment(reading, comment).await?;
    let text = check_comment(body).map_err(|problem| refused(format!("edit_body[{comment}]"), problem, body))?;
    let status = status_of_new_text(reading.found.activity.pre_moderation, row.official);
    edit_body(&reading.state.db, row.id, &text, status, reading.state.clock.now()).await
}

/// Takes back one's own comment: a placeholder stays, so replies keep their place.
#[tracing::instrument(skip_all, fields(comment = comment))]
pub async fn withdraw_comment(reading: &Reading, comment: i32) -> AppResult<()> {
    let row = own_comment(reading, comment).await?;
    set_status(&reading.state.db, row.id, InputStatus::Withdrawn, None, None, reading.state.clock.now()).await
}

/// Supports a visible comment (`supports` true) or takes the support back. One support per
/// person, with a confirmed address; not on one's own.
#[tracing::instrument(skip_all, fields(comment = comment))]
pub async fn support_comment(reading: &Reading, comment: i32, supports: bool) -> AppResult<()> {
    let (row, account) = comment_here(reading, comment).await?;
    if row.status != InputStatus::Visible.as_str() {
        return Err(not_found());
    }
    if row.author_id == Some(account.id) || !account.email_confirmed() {
        return Err(AppError::Forbidden);
    }
    set_support(&reading.state.db, row.id, account.id, supports, reading.state.clock.now()).await
}

/// Tells the moderators a comment breaks the house rules, with a reason; once per person while
/// their report is open.
#[tracing::instrument(skip_all, fields(comment = comment))]
pub async fn report_comment(reading: &Reading, comment: i32, reason: &str) -> AppResult<()> {
    let (row, account) = comment_here(reading, comment).await?;
    let checked =
        check_reason(reason).map_err(|problem| refused(format!("report_reason[{comment}]"), problem, reason))?;
    let state = &reading.state;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    if report(&txn, row.id, account.id, &checked, state.clock.now()).await? {
        let slug = &reading.municipality.slug;
        tell_moderators_about_report(&txn, &state.settings, reading.municipality_id.0, slug, &row).await?;
    }
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}
