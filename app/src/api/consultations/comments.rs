//! What residents do with comments: post (a comment or a reply), edit or take back their own,
//! support and report.

use super::*;

/// Posts a comment on the plan (`section` empty) or on one section, or a reply to a comment
/// (`parent`). The same `submission_token` and target never make two comments.
#[server(endpoint = "post_comment")]
pub async fn post_comment(
    municipality: String,
    consultation: i32,
    #[server(flatten)] form: CommentForm,
) -> Result<i32, AppError> {
    use crate::server::{consultations, context};
    let reading = consultations::reading(&municipality, consultation).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let posted = consultations::post_comment(&reading, &account, &form)
        .await
        .map_err(|error| context::answer_with(error.refilled(form.typed())))?;
    let id = posted.comment.id;
    // A reply shows under its comment, in the view the person replied in; a new comment shows
    // first in the discussion's usual order (newest first, on its first page).
    let landing = match form.parent_id() {
        Some(_) => reading.back_to_comment(Some("geplaatst"), id),
        None => format!("{}?geplaatst={id}#reactie-{id}", reading.page_path()),
    };
    leptos_axum::redirect(&landing);
    Ok(id)
}

/// Changes the text of one's own comment while the consultation is open; the page says
/// "bewerkt" from then on. In a pre-moderated consultation the new text waits for a moderator.
#[server(endpoint = "edit_comment")]
pub async fn edit_comment(municipality: String, consultation: i32, comment: i32, body: String) -> Result<(), AppError> {
    use crate::server::{consultations, context};
    let reading = consultations::reading(&municipality, consultation).await?;
    consultations::edit_comment(&reading, comment, &body).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&reading.back_to_comment(Some("bewerkt"), comment));
    Ok(())
}

/// Takes back one's own comment: a placeholder stays, so replies keep their place.
#[server(endpoint = "withdraw_comment")]
pub async fn withdraw_comment(municipality: String, consultation: i32, comment: i32) -> Result<(), AppError> {
    use crate::server::{consultations, context};
    let reading = consultations::reading(&municipality, consultation).await?;
    consultations::withdraw_comment(&reading, comment).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&reading.back_to_comment(Some("ingetrokken"), comment));
    Ok(())
}

/// Supports a comment, or takes the support back. One support per person; not on one's own.
#[server(endpoint = "support_comment")]
pub async fn support_comment(
    municipality: String,
    consultation: i32,
    comment: i32,
    support: bool,
) -> Result<(), AppError> {
    use crate::server::{consultations, context};
    let reading = consultations::reading(&municipality, consultation).await?;
    consultations::support_comment(&reading, comment, support).await.map_err(context::answer_with)?;
    let done = if support { "gesteund" } else { "steun-ingetrokken" };
    leptos_axum::redirect(&reading.back_to_comment(Some(done), comment));
    Ok(())
}

/// Tells the moderators a comment breaks the house rules, with a reason.
#[server(endpoint = "report_comment")]
pub async fn report_comment(
    municipality: String,
    consultation: i32,
    comment: i32,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::{consultations, context};
    let reading = consultations::reading(&municipality, consultation).await?;
    consultations::report_comment(&reading, comment, &reason).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&reading.back_to_comment(Some("gemeld"), comment));
    Ok(())
}
