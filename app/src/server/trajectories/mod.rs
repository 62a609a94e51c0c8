//! Database access for trajectories, their phases, areas and themes, and the versions of their
//! rules of play. Every function takes the municipality the request is about, so a trajectory of
//! another municipality is simply not found. Split by concept: the trajectory itself (here), its
//! phases, its rules of play, and the lists the desk and the feed show.

mod card;
mod desk;
mod details;
mod editing;
mod listing;
mod phases;
mod rules;
mod view;

pub use card::{amend_rules, change_status, publish_trajectory, save_rules};
pub use desk::{desk_page, desk_query, managed_list, public_page, PublicPage};
pub use details::{create_trajectory, update_trajectory};
pub use editing::{editing, Editing, Made};
pub use listing::*;
use phases::save_phases;
pub use phases::{dropped_phases_in_use, phase_id_at, phase_ids};
pub use rules::*;
use rules::{empty_rules, load_rules};
pub use view::{phases, summary, trajectory_detail, version};

use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::{Phase, Status, Theme, TrajectoryId};
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{rules_of_play, trajectory, trajectory_area, trajectory_phase, trajectory_theme};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The editable parts of a trajectory, already checked.
pub struct Details {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub areas: Vec<AreaId>,
    pub themes: Vec<Theme>,
    pub phases: Vec<Phase>,
}

/// A trajectory with everything that belongs to it; `rules` holds every version, oldest first.
pub struct Loaded {
    pub row: trajectory::Model,
    pub status: Status,
    pub phases: Vec<Phase>,
    pub areas: Vec<AreaId>,
    pub themes: Vec<Theme>,
    pub rules: Vec<StoredRules>,
}

impl Loaded {
    pub fn current_rules(&self) -> Option<&StoredRules> {
        self.rules.last()
    }
}

pub async fn find(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: TrajectoryId,
) -> AppResult<Option<Loaded>> {
    let Some(row) = trajectory::Entity::find_by_id(id.0)
        .filter(trajectory::Column::MunicipalityId.eq(municipality.0))
        .one(db)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    let status = Status::parse(&row.status).ok_or_else(|| internal(format!("unknown status {}", row.status)))?;
    let phases = trajectory_phase::Entity::find()
        .filter(trajectory_phase::Column::TrajectoryId.eq(row.id))
        .order_by_asc(trajectory_phase::Column::Position)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| Phase { name: p.name, starts_on: p.starts_on, ends_on: p.ends_on })
        .collect();
    let areas = trajectory_area::Entity::find()
        .filter(trajectory_area::Column::TrajectoryId.eq(row.id))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|a| AreaId(a.area_id))
        .collect();
    let mut themes: Vec<Theme> = trajectory_theme::Entity::find()
        .filter(trajectory_theme::Column::TrajectoryId.eq(row.id))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|t| Theme::parse(&t.theme))
        .collect();
    themes.sort();
    let rules = load_rules(db, row.id).await?;
    Ok(Some(Loaded { row, status, phases, areas, themes, rules }))
}

fn phase_span(phases: &[Phase]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (phases.iter().map(|p| p.starts_on).min(), phases.iter().map(|p| p.ends_on).max())
}

/// A new draft trajectory with an empty draft card (version 1).
pub async fn insert(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    details: &Details,
    created_by: i32,
    now: DateTime<Utc>,
) -> AppResult<TrajectoryId> {
    let (starts_on, ends_on) = phase_span(&details.phases);
    let row = trajectory::ActiveModel {
        municipality_id: Set(municipality.0),
        title: Set(details.title.clone()),
        summary: Set(details.summary.clone()),
        body: Set(details.body.clone()),
        contact_name: Set(details.contact_name.clone()),
        contact_email: Set(details.contact_email.clone()),
        contact_phone: Set(details.contact_phone.clone()),
        status: Set(Status::Draft.as_str().to_owned()),
        level: Set(None),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    save_phases(db, row.id, &details.phases).await?;
    replace_areas_and_themes(db, row.id, details).await?;
    let draft = rules_of_play::ActiveModel {
        trajectory_id: Set(row.id),
        version: Set(1),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..empty_rules()
    };
    draft.insert(db).await.map_err(internal)?;
    Ok(TrajectoryId(row.id))
}

pub async fn update_details(
    db: &impl ConnectionTrait,
    id: TrajectoryId,
    details: &Details,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (starts_on, ends_on) = phase_span(&details.phases);
    trajectory::ActiveModel {
        id: Set(id.0),
        title: Set(details.title.clone()),
        summary: Set(details.summary.clone()),
        body: Set(details.body.clone()),
        contact_name: Set(details.contact_name.clone()),
        contact_email: Set(details.contact_email.clone()),
        contact_phone: Set(details.contact_phone.clone()),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    save_phases(db, id.0, &details.phases).await?;
    trajectory_area::Entity::delete_many()
        .filter(trajectory_area::Column::TrajectoryId.eq(id.0))
        .exec(db)
        .await
        .map_err(internal)?;
    trajectory_theme::Entity::delete_many()
        .filter(trajectory_theme::Column::TrajectoryId.eq(id.0))
        .exec(db)
        .await
        .map_err(internal)?;
    replace_areas_and_themes(db, id.0, details).await
}

async fn replace_areas_and_themes(db: &impl ConnectionTrait, id: i32, details: &Details) -> AppResult<()> {
    for area in &details.areas {
        trajectory_area::ActiveModel { trajectory_id: Set(id), area_id: Set(area.0) }
            .insert(db)
            .await
            .map_err(internal)?;
    }
    for theme in &details.themes {
        trajectory_theme::ActiveModel { trajectory_id: Set(id), theme: Set(theme.as_str().to_owned()) }
            .insert(db)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// Moves a trajectory from one status to another, only if it still has the status the caller saw.
pub async fn move_status(
    db: &impl ConnectionTrait,
    id: TrajectoryId,
    from: Status,
    to: Status,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let moved = trajectory::Entity::update_many()
        .col_expr(trajectory::Column::Status, Expr::value(to.as_str()))
        .col_expr(trajectory::Column::UpdatedAt, Expr::value(now))
        .filter(trajectory::Column::Id.eq(id.0))
        .filter(trajectory::Column::Status.eq(from.as_str()))
        .exec(db)
        .await
        .map_err(internal)?;
    if moved.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict)
    }
}
