//! Moderation: the house rules every comment form links to, the queue where a municipality's
//! moderators handle reported and waiting comments, and the audit log staff can read. Every
//! moderation decision is written to the audit log in the same transaction, with its reason.

use crate::error::AppError;
use crate::model::moderation::*;
use leptos::prelude::*;

#[server(endpoint = "get_house_rules")]
pub async fn get_house_rules(municipality: String) -> Result<HouseRules, AppError> {
    crate::server::moderation::house_rules_page(&municipality).await
}

/// The municipality's administrator writes its house rules (Markdown).
#[server(endpoint = "save_house_rules")]
pub async fn save_house_rules(municipality: String, house_rules: String) -> Result<(), AppError> {
    use crate::domain::roles::can_edit_house_style;
    use crate::server::{context, moderation};
    let editing = moderation::moderating(&municipality, can_edit_house_style).await?;
    moderation::save_house_rules_text(&editing, &house_rules).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/huisregels?opgeslagen=ja", editing.municipality.slug));
    Ok(())
}

/// Reported comments and comments waiting under pre-moderation, for the municipality's moderators.
#[server(endpoint = "list_moderation_queue")]
pub async fn list_moderation_queue(municipality: String) -> Result<Vec<QueueItem>, AppError> {
    use crate::domain::roles::can_moderate;
    use crate::server::moderation;
    moderation::moderation_queue(&moderation::moderating(&municipality, can_moderate).await?).await
}

/// Hides, restores or approves a comment, or marks its reports unfounded. Hiding needs a reason
/// everyone can read; every decision goes into the audit log with who, what and why.
#[server(endpoint = "moderate_comment")]
pub async fn moderate_comment(
    municipality: String,
    comment: i32,
    decision: String,
    #[server(default)] reason: String,
    #[server(default)] back_to: String,
) -> Result<(), AppError> {
    use crate::domain::roles::can_moderate;
    use crate::server::{context, moderation};
    let moderating = moderation::moderating(&municipality, can_moderate).await?;
    let back = moderation::moderate_comment(&moderating, comment, &decision, &reason, &back_to)
        .await
        .map_err(context::answer_with)?;
    leptos_axum::redirect(&back);
    Ok(())
}

/// The municipality's audit log, for its staff: read-only, newest first.
#[server(endpoint = "list_audit_log")]
pub async fn list_audit_log(municipality: String, #[server(default)] page: String) -> Result<AuditPage, AppError> {
    use crate::server::moderation;
    let staff = moderation::moderating(&municipality, |actor, m| actor.is_staff_of(m)).await?;
    moderation::audit_log(&staff, &page).await
}
