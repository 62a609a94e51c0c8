//! The meetings of a trajectory, where staff enter what was said as input.

use crate::error::AppResult;
use crate::server::context::internal;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The meetings of a trajectory, newest first.
pub async fn meetings(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
) -> AppResult<Vec<crate::server::entities::meeting::Model>> {
    use crate::server::entities::meeting;
    meeting::Entity::find()
        .filter(meeting::Column::TrajectoryId.eq(trajectory_id))
        .order_by_desc(meeting::Column::HeldOn)
        .all(db)
        .await
        .map_err(internal)
}

pub async fn insert_meeting(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    title: &str,
    held_on: chrono::NaiveDate,
    created_by: i32,
    now: DateTime<Utc>,
) -> AppResult<i32> {
    use crate::server::entities::meeting;
    let row = meeting::ActiveModel {
        trajectory_id: Set(trajectory_id),
        title: Set(title.to_owned()),
        held_on: Set(held_on),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(row.id)
}
