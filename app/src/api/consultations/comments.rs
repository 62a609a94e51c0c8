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

/// A comment of this consultation (NotFound for one of another consultation or municipality),
/// and the signed-in reader (Unauthenticated without one).
#[cfg(feature = "ssr")]
async fn comment_here(
    reading: &crate::server::consultations::Reading,
    comment: i32,
) -> Result<(crate::server::entities::input::Model, &crate::server::entities::user::Model), AppError> {
    use crate::server::{consultations, context};
    let account = reading.account.as_ref().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let row = consultations::find_input(&reading.state.db, reading.municipality_id, comment)
        .await?
        .filter(|c| c.activity_id == Some(reading.found.activity.id))
        .ok_or_else(consultations::not_found)?;
    Ok((row, account))
}

/// The reader's own comment, for editing or taking back while the consultation is open.
#[cfg(feature = "ssr")]
async fn own_comment(
    reading: &crate::server::consultations::Reading,
    comment: i32,
) -> Result<crate::server::entities::input::Model, AppError> {
    use crate::server::context;
    let (row, account) = comment_here(reading, comment).await?;
    if row.author_id != Some(account.id) || row.channel != Channel::Online.as_str() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    if !matches!(reading.window(), Window::Open { .. }) {
        return Err(context::answer_with(AppError::Conflict));
    }
    if !matches!(InputStatus::parse(&row.status), Some(InputStatus::Visible | InputStatus::Pending)) {
        return Err(context::answer_with(AppError::Conflict));
    }
    Ok(row)
}

/// Changes the text of one's own comment while the consultation is open; the page says
/// "bewerkt" from then on. In a pre-moderated consultation the new text waits for a moderator.
#[server(endpoint = "edit_comment")]
pub async fn edit_comment(municipality: String, consultation: i32, comment: i32, body: String) -> Result<(), AppError> {
    use crate::domain::consultations::check_comment;
    use crate::domain::validation::FieldError;
    use crate::server::{consultations, context};

    let reading = crate::server::consultations::reading(&municipality, consultation).await?;
    let row = own_comment(&reading, comment).await?;
    let field = format!("edit_body[{comment}]");
    let text = check_comment(&body).map_err(|problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new(&field, problem)],
            vec![(field.clone(), body.clone())],
        ))
    })?;
    let status = crate::domain::consultations::status_of_new_text(reading.found.activity.pre_moderation, row.official);
    consultations::edit_body(&reading.state.db, row.id, &text, status).await?;
    leptos_axum::redirect(&reading.back_to_comment(Some("bewerkt"), row.id));
    Ok(())
}

/// Takes back one's own comment: a placeholder stays, so replies keep their place.
#[server(endpoint = "withdraw_comment")]
pub async fn withdraw_comment(municipality: String, consultation: i32, comment: i32) -> Result<(), AppError> {
    use crate::server::consultations;

    let reading = crate::server::consultations::reading(&municipality, consultation).await?;
    let row = own_comment(&reading, comment).await?;
    consultations::set_status(&reading.state.db, row.id, InputStatus::Withdrawn, None, None).await?;
    leptos_axum::redirect(&reading.back_to_comment(Some("ingetrokken"), row.id));
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

    let reading = crate::server::consultations::reading(&municipality, consultation).await?;
    let (row, account) = comment_here(&reading, comment).await?;
    if row.status != InputStatus::Visible.as_str() {
        return Err(consultations::not_found());
    }
    if row.author_id == Some(account.id) || !account.email_confirmed() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    consultations::set_support(&reading.state.db, row.id, account.id, support).await?;
    leptos_axum::redirect(
        &reading.back_to_comment(Some(if support { "gesteund" } else { "steun-ingetrokken" }), row.id),
    );
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
    use crate::domain::consultations::check_reason;
    use crate::domain::validation::FieldError;
    use crate::server::{consultations, context};

    let reading = crate::server::consultations::reading(&municipality, consultation).await?;
    let (row, account) = comment_here(&reading, comment).await?;
    let field = format!("report_reason[{comment}]");
    let reason = check_reason(&reason).map_err(|problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new(&field, problem)],
            vec![(field.clone(), reason.clone())],
        ))
    })?;
    let txn = crate::server::writes::begin_write(&reading.state.db).await.map_err(context::internal)?;
    if consultations::report(&txn, row.id, account.id, &reason).await? {
        crate::server::notifications::tell_moderators_about_report(
            &txn,
            &reading.state.settings,
            reading.municipality_id.0,
            &reading.municipality.slug,
            &row,
        )
        .await?;
    }
    txn.commit().await.map_err(context::internal)?;
    reading.state.mail_queued.notify_one();
    leptos_axum::redirect(&reading.back_to_comment(Some("gemeld"), row.id));
    Ok(())
}
