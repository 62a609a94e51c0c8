//! Database access for the attachments of a consultation. Files live in the database, so a
//! backup of the database is a backup of everything, on SQLite and PostgreSQL alike.

use super::context::internal;
use super::entities::attachment;
use crate::domain::attachments::FileKind;
use crate::error::AppResult;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

/// An attachment without its content, for lists.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: i32,
    pub file_name: String,
    pub kind: FileKind,
    pub size_bytes: i32,
}

pub async fn list(db: &impl ConnectionTrait, activity_id: i32) -> AppResult<Vec<Listed>> {
    Ok(attachment::Entity::find()
        .select_only()
        .column(attachment::Column::Id)
        .column(attachment::Column::FileName)
        .column(attachment::Column::ContentType)
        .column(attachment::Column::SizeBytes)
        .filter(attachment::Column::ActivityId.eq(activity_id))
        .order_by_asc(attachment::Column::Id)
        .into_tuple::<(i32, String, String, i32)>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|(id, file_name, content_type, size_bytes)| {
            Some(Listed { id, file_name, kind: FileKind::from_detected(&content_type)?, size_bytes })
        })
        .collect())
}

pub async fn count(db: &impl ConnectionTrait, activity_id: i32) -> AppResult<usize> {
    attachment::Entity::find()
        .filter(attachment::Column::ActivityId.eq(activity_id))
        .count(db)
        .await
        .map(|n| n as usize)
        .map_err(internal)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    activity_id: i32,
    file_name: &str,
    kind: FileKind,
    content: Vec<u8>,
    created_by: i32,
    now: chrono::DateTime<Utc>,
) -> AppResult<i32> {
    let row = attachment::ActiveModel {
        activity_id: Set(activity_id),
        file_name: Set(file_name.to_owned()),
        content_type: Set(kind.content_type().to_owned()),
        size_bytes: Set(i32::try_from(content.len()).unwrap_or(i32::MAX)),
        content: Set(content),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(row.id)
}

/// One attachment with its content.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> AppResult<Option<attachment::Model>> {
    attachment::Entity::find_by_id(id).one(db).await.map_err(internal)
}

pub async fn remove(db: &impl ConnectionTrait, activity_id: i32, id: i32) -> AppResult<bool> {
    let result = attachment::Entity::delete_many()
        .filter(attachment::Column::Id.eq(id))
        .filter(attachment::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(result.rows_affected == 1)
}
