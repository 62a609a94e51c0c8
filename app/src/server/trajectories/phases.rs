//! The phases of a trajectory. Rows are kept when a lead edits them (see `match_phases`), so
//! the activities placed in a phase stay with it.

use crate::domain::trajectories::{match_phases, Phase, TrajectoryId};
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{activity, trajectory_phase};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

async fn stored_phases(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<(i32, Phase)>> {
    Ok(trajectory_phase::Entity::find()
        .filter(trajectory_phase::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(trajectory_phase::Column::Position)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| (p.id, Phase { name: p.name, starts_on: p.starts_on, ends_on: p.ends_on }))
        .collect())
}

/// The stored ids of a trajectory's phases, in their order (forms name a phase by position).
pub async fn phase_ids(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<i32>> {
    Ok(stored_phases(db, trajectory_id).await?.into_iter().map(|(id, _)| id).collect())
}

/// The stored id of the phase at a position (as the editor lists them).
pub async fn phase_id_at(db: &impl ConnectionTrait, trajectory_id: i32, position: usize) -> AppResult<i32> {
    stored_phases(db, trajectory_id)
        .await?
        .get(position)
        .map(|(id, _)| *id)
        .ok_or_else(|| crate::server::context::answer_with(AppError::Request))
}

/// The names of stored phases an edit would remove although an activity runs in them.
pub async fn dropped_phases_in_use(
    db: &impl ConnectionTrait,
    id: TrajectoryId,
    phases: &[Phase],
) -> AppResult<Vec<String>> {
    let stored = stored_phases(db, id.0).await?;
    let (_, dropped) = match_phases(&stored, phases);
    if dropped.is_empty() {
        return Ok(Vec::new());
    }
    let in_use: Vec<i32> = activity::Entity::find()
        .select_only()
        .column(activity::Column::PhaseId)
        .filter(activity::Column::PhaseId.is_in(dropped))
        .into_tuple::<i32>()
        .all(db)
        .await
        .map_err(internal)?;
    Ok(stored.into_iter().filter(|(id, _)| in_use.contains(id)).map(|(_, p)| p.name).collect())
}

/// Updates the phases in place (see `match_phases`), so activities keep their phase.
pub(super) async fn save_phases(db: &impl ConnectionTrait, trajectory_id: i32, phases: &[Phase]) -> AppResult<()> {
    let stored = stored_phases(db, trajectory_id).await?;
    let (matched, dropped) = match_phases(&stored, phases);
    if !dropped.is_empty() {
        trajectory_phase::Entity::delete_many()
            .filter(trajectory_phase::Column::Id.is_in(dropped))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    for (position, (phase, row)) in phases.iter().zip(matched).enumerate() {
        let mut model = trajectory_phase::ActiveModel {
            trajectory_id: Set(trajectory_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            name: Set(phase.name.clone()),
            starts_on: Set(phase.starts_on),
            ends_on: Set(phase.ends_on),
            ..Default::default()
        };
        match row {
            Some(id) => {
                model.id = Set(id);
                model.update(db).await.map_err(internal)?;
            }
            None => {
                model.insert(db).await.map_err(internal)?;
            }
        }
    }
    Ok(())
}
