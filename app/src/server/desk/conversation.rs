//! The conversation between desk and initiator, and the desk's internal notes. Notes live in a
//! table of their own that only the desk's pages read: the initiator's page, the open data and
//! every e-mail are built from `messages`, which cannot contain a note.

use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{desk_case, desk_message, desk_note, user};
use crate::server::letters::Language;
use crate::server::unique::insert_unless_duplicate;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// A message with its author's display name (staff appear as the desk).
#[derive(Debug, Clone)]
pub struct Message {
    pub row: desk_message::Model,
    pub author_name: Option<String>,
}

/// Adds a message; None when the same form was sent before (the first one stands).
pub async fn add_message(
    db: &(impl ConnectionTrait + TransactionTrait),
    case: i32,
    from_desk: bool,
    author: i32,
    body: &str,
    submission_key: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<Option<desk_message::Model>> {
    let row = desk_message::ActiveModel {
        case_id: Set(case),
        from_desk: Set(from_desk),
        author_id: Set(Some(author)),
        body: Set(body.to_owned()),
        submission_key: Set(submission_key),
        created_at: Set(now),
        ..Default::default()
    };
    insert_unless_duplicate(db, row).await
}

pub async fn messages(db: &impl ConnectionTrait, case: i32) -> AppResult<Vec<Message>> {
    let rows = desk_message::Entity::find()
        .filter(desk_message::Column::CaseId.eq(case))
        .order_by_asc(desk_message::Column::Id)
        .find_also_related(user::Entity)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(rows.into_iter().map(|(row, author)| Message { row, author_name: author.map(|a| a.display_name) }).collect())
}

pub async fn add_note(
    db: &impl ConnectionTrait,
    case: i32,
    author: i32,
    body: &str,
    now: DateTime<Utc>,
) -> AppResult<i32> {
    let note = desk_note::ActiveModel {
        case_id: Set(case),
        author_id: Set(Some(author)),
        body: Set(body.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(note.id)
}

/// The desk's notes on a case with their authors' names; for desk pages only.
pub async fn notes(db: &impl ConnectionTrait, case: i32) -> AppResult<Vec<(desk_note::Model, Option<String>)>> {
    let rows = desk_note::Entity::find()
        .filter(desk_note::Column::CaseId.eq(case))
        .order_by_asc(desk_note::Column::Id)
        .find_also_related(user::Entity)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(rows.into_iter().map(|(note, author)| (note, author.map(|a| a.display_name))).collect())
}

/// Where mail about a case goes: the initiator's account, or the address the desk noted for
/// someone without one. None when there is neither (a phone number only: the desk calls).
pub async fn initiator_address(
    db: &impl ConnectionTrait,
    case: &desk_case::Model,
) -> AppResult<Option<(String, Language)>> {
    if let Some(id) = case.initiator_id {
        let account = user::Entity::find_by_id(id).one(db).await.map_err(internal)?;
        if let Some(account) = account {
            return Ok(Some((account.email, Language::of(account.locale.as_deref()))));
        }
    }
    // Someone helped at the counter without an account: in Dutch.
    Ok(case.contact_email.clone().map(|address| (address, Language::Dutch)))
}
