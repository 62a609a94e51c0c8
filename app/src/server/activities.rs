//! What every kind of activity (a consultation, a poll) shares: it is found through its
//! municipality, so another municipality's activity is simply not found, and it always comes with
//! its trajectory and the phase it sits in.

use super::context::internal;
use super::entities::{activity, trajectory_phase};
use super::trajectories::{self, Loaded};
use crate::domain::tenancy::MunicipalityId;
use crate::domain::trajectories::TrajectoryId;
use crate::error::AppResult;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// An activity with the trajectory and phase it belongs to.
pub struct Placed {
    pub activity: activity::Model,
    pub trajectory: Loaded,
    pub phase: trajectory_phase::Model,
}

/// The activity of this kind with this id in one of the municipality's trajectories.
pub async fn find(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: i32,
    kind: &str,
) -> AppResult<Option<Placed>> {
    let Some(activity) =
        activity::Entity::find_by_id(id).filter(activity::Column::Kind.eq(kind)).one(db).await.map_err(internal)?
    else {
        return Ok(None);
    };
    let Some(trajectory) = trajectories::find(db, municipality, TrajectoryId(activity.trajectory_id)).await? else {
        return Ok(None);
    };
    let phase = trajectory_phase::Entity::find_by_id(activity.phase_id)
        .one(db)
        .await
        .map_err(internal)?
        .ok_or_else(|| internal(format!("activity {} without its phase", activity.id)))?;
    Ok(Some(Placed { activity, trajectory, phase }))
}

/// What every new activity starts with.
pub struct NewActivity<'a> {
    pub trajectory_id: i32,
    pub phase_id: i32,
    pub kind: &'a str,
    pub title: &'a str,
    pub intro: &'a str,
    pub pre_moderation: bool,
    pub created_by: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// Stores a new activity row; the kind's own tables are filled by its module.
pub async fn insert(db: &impl ConnectionTrait, new: NewActivity<'_>) -> AppResult<activity::Model> {
    let now = new.created_at;
    activity::ActiveModel {
        trajectory_id: Set(new.trajectory_id),
        phase_id: Set(new.phase_id),
        kind: Set(new.kind.to_owned()),
        title: Set(new.title.to_owned()),
        intro: Set(new.intro.to_owned()),
        pre_moderation: Set(new.pre_moderation),
        created_by: Set(Some(new.created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)
}
