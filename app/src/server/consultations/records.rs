//! A consultation as stored: finding it through its municipality, the activities of a trajectory,
//! and creating or changing one with its sections.

use crate::domain::consultations::{ConsultationDraft, InputStatus};
use crate::domain::tenancy::MunicipalityId;
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{activity, consultation_section, input, trajectory_phase};
use crate::server::trajectories::Loaded;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::{HashMap, HashSet};

pub const KIND: &str = "consultation";

/// A consultation with the trajectory and phase it belongs to.
pub struct Found {
    pub activity: activity::Model,
    pub trajectory: Loaded,
    pub phase: trajectory_phase::Model,
    pub sections: Vec<consultation_section::Model>,
}

impl Found {
    /// The section a form names (its id), None for the whole plan (empty); a section of another
    /// consultation is refused.
    pub fn section_named(&self, raw: &str) -> Result<Option<i32>, crate::domain::validation::Problem> {
        match raw.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<i32>()
                .ok()
                .filter(|id| self.sections.iter().any(|s| s.id == *id))
                .map(Some)
                .ok_or(crate::domain::validation::Problem::ChoiceInvalid),
        }
    }
}

pub async fn find(db: &impl ConnectionTrait, municipality: MunicipalityId, id: i32) -> AppResult<Option<Found>> {
    let Some(crate::server::activities::Placed { activity, trajectory, phase }) =
        crate::server::activities::find(db, municipality, id, KIND).await?
    else {
        return Ok(None);
    };
    let sections = consultation_section::Entity::find()
        .filter(consultation_section::Column::ActivityId.eq(activity.id))
        .order_by_asc(consultation_section::Column::Position)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(Some(Found { activity, trajectory, phase, sections }))
}

/// An activity of a trajectory as listed on its page and in open data.
pub struct Listed {
    pub activity: activity::Model,
    pub phase: trajectory_phase::Model,
    pub visible_comments: u64,
}

/// The trajectory's activities as stored, oldest first.
pub async fn activities_of(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<activity::Model>> {
    activity::Entity::find()
        .filter(activity::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await
        .map_err(internal)
}

/// The trajectory's activities in the order of their phases.
pub async fn for_trajectory(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<Listed>> {
    let activities = activities_of(db, trajectory_id).await?;
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let phases: HashMap<i32, trajectory_phase::Model> = trajectory_phase::Entity::find()
        .filter(trajectory_phase::Column::TrajectoryId.eq(trajectory_id))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let counts: HashMap<i32, i64> = input::Entity::find()
        .select_only()
        .column(input::Column::ActivityId)
        .column_as(input::Column::Id.count(), "n")
        .filter(input::Column::TrajectoryId.eq(trajectory_id))
        // Counted as the discussion's heading counts them: comments that can be read (not the
        // replies under them, not placeholders of hidden or withdrawn ones).
        .filter(input::Column::ParentId.is_null())
        .filter(input::Column::Status.eq(InputStatus::Visible.as_str()))
        .group_by(input::Column::ActivityId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|(activity, n)| activity.map(|a| (a, n)))
        .collect();
    let mut listed: Vec<Listed> = activities
        .into_iter()
        .filter_map(|activity| {
            let phase = phases.get(&activity.phase_id)?.clone();
            let visible_comments = counts.get(&activity.id).copied().unwrap_or(0).max(0) as u64;
            Some(Listed { activity, phase, visible_comments })
        })
        .collect();
    listed.sort_by_key(|l| (l.phase.position, l.activity.id));
    Ok(listed)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    phase_id: i32,
    draft: &ConsultationDraft,
    created_by: i32,
    now: DateTime<Utc>,
) -> AppResult<i32> {
    let row = crate::server::activities::insert(
        db,
        crate::server::activities::NewActivity {
            trajectory_id,
            phase_id,
            kind: KIND,
            title: &draft.title,
            intro: &draft.intro,
            pre_moderation: draft.pre_moderation,
            created_by,
            created_at: now,
        },
    )
    .await?;
    save_sections(db, row.id, draft, &[]).await?;
    Ok(row.id)
}

/// Sections of the stored consultation that the draft drops but residents already commented on;
/// those cannot go (their comments would lose what they are about).
pub async fn sections_in_use(
    db: &impl ConnectionTrait,
    found: &Found,
    draft: &ConsultationDraft,
) -> AppResult<Vec<i32>> {
    let kept: HashSet<i32> = draft.sections.iter().filter_map(|s| s.id).collect();
    let dropped: Vec<i32> = found.sections.iter().map(|s| s.id).filter(|id| !kept.contains(id)).collect();
    if dropped.is_empty() {
        return Ok(Vec::new());
    }
    input::Entity::find()
        .select_only()
        .column(input::Column::SectionId)
        .filter(input::Column::SectionId.is_in(dropped))
        .distinct()
        .into_tuple::<Option<i32>>()
        .all(db)
        .await
        .map(|ids| ids.into_iter().flatten().collect())
        .map_err(internal)
}

pub async fn update(
    db: &impl ConnectionTrait,
    found: &Found,
    phase_id: i32,
    draft: &ConsultationDraft,
    now: DateTime<Utc>,
) -> AppResult<()> {
    activity::ActiveModel {
        id: Set(found.activity.id),
        phase_id: Set(phase_id),
        title: Set(draft.title.clone()),
        intro: Set(draft.intro.clone()),
        pre_moderation: Set(draft.pre_moderation),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    save_sections(db, found.activity.id, draft, &found.sections).await
}

/// Updates sections that keep their id, adds new ones, removes the rest (the caller has made sure
/// nobody commented on those).
async fn save_sections(
    db: &impl ConnectionTrait,
    activity_id: i32,
    draft: &ConsultationDraft,
    stored: &[consultation_section::Model],
) -> AppResult<()> {
    let stored_ids: HashSet<i32> = stored.iter().map(|s| s.id).collect();
    let mut kept = HashSet::new();
    for (position, section) in draft.sections.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        match section.id.filter(|id| stored_ids.contains(id)) {
            Some(id) => {
                kept.insert(id);
                consultation_section::ActiveModel {
                    id: Set(id),
                    position: Set(position),
                    title: Set(section.title.clone()),
                    body: Set(section.body.clone()),
                    ..Default::default()
                }
                .update(db)
                .await
                .map_err(internal)?;
            }
            None => {
                consultation_section::ActiveModel {
                    activity_id: Set(activity_id),
                    position: Set(position),
                    title: Set(section.title.clone()),
                    body: Set(section.body.clone()),
                    ..Default::default()
                }
                .insert(db)
                .await
                .map_err(internal)?;
            }
        }
    }
    let dropped: Vec<i32> = stored_ids.difference(&kept).copied().collect();
    if !dropped.is_empty() {
        consultation_section::Entity::delete_many()
            .filter(consultation_section::Column::Id.is_in(dropped))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// Refuses with NotFound; a shorthand for the many "not here" answers.
pub fn not_found() -> AppError {
    crate::server::context::answer_with(AppError::NotFound)
}
