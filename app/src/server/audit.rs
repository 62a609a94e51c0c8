//! Writing to the audit log, always inside the transaction of the action it records, so an action
//! without its log line cannot happen.

use super::context::internal;
use super::entities::audit_event;
use crate::error::AppResult;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

pub struct AuditEntry<'a> {
    pub municipality: Option<i32>,
    pub actor: Option<i32>,
    /// A stable verb_noun, e.g. `grant_role`.
    pub action: &'a str,
    /// What was done, in words a colleague understands; no passwords or tokens.
    pub details: String,
    /// When, on the application's clock.
    pub at: chrono::DateTime<chrono::Utc>,
}

pub async fn record(db: &impl ConnectionTrait, entry: AuditEntry<'_>) -> AppResult<()> {
    audit_event::ActiveModel {
        municipality_id: Set(entry.municipality),
        actor_user_id: Set(entry.actor),
        action: Set(entry.action.to_owned()),
        details: Set(entry.details),
        created_at: Set(entry.at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(())
}

/// What a member of staff did in their municipality.
pub async fn staff_did(
    db: &impl ConnectionTrait,
    municipality: i32,
    actor: i32,
    action: &str,
    details: String,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    record(db, AuditEntry { municipality: Some(municipality), actor: Some(actor), action, details, at }).await
}
