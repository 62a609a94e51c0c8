//! The versions of a trajectory's rules of play: the draft card, publishing it, and new
//! versions of a card in force (frozen by the database once in force).

use crate::domain::rules_of_play::{Eligibility, FixedItem, ParticipationLevel, RulesOfPlay};
use crate::domain::tenancy::AreaId;
use crate::domain::trajectories::{Status, TrajectoryId};
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{rules_of_play, rules_of_play_area, rules_of_play_fixed_item, trajectory};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// One stored version of the rules of play.
pub struct StoredRules {
    pub id: i32,
    pub version: i32,
    pub rules: RulesOfPlay,
    pub change_reason: Option<String>,
    pub frozen_at: Option<DateTime<Utc>>,
}

pub(super) async fn load_rules(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<StoredRules>> {
    let versions = rules_of_play::Entity::find()
        .filter(rules_of_play::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(rules_of_play::Column::Version)
        .all(db)
        .await
        .map_err(internal)?;
    let ids: Vec<i32> = versions.iter().map(|v| v.id).collect();
    let mut items: HashMap<i32, Vec<FixedItem>> = HashMap::new();
    for item in rules_of_play_fixed_item::Entity::find()
        .filter(rules_of_play_fixed_item::Column::RulesId.is_in(ids.clone()))
        .order_by_asc(rules_of_play_fixed_item::Column::Position)
        .all(db)
        .await
        .map_err(internal)?
    {
        items.entry(item.rules_id).or_default().push(FixedItem { what: item.what, why: item.why });
    }
    let mut areas: HashMap<i32, Vec<AreaId>> = HashMap::new();
    for row in rules_of_play_area::Entity::find()
        .filter(rules_of_play_area::Column::RulesId.is_in(ids))
        .order_by_asc(rules_of_play_area::Column::AreaId)
        .all(db)
        .await
        .map_err(internal)?
    {
        areas.entry(row.rules_id).or_default().push(AreaId(row.area_id));
    }
    Ok(versions
        .into_iter()
        .map(|v| {
            let eligibility = match v.eligibility.as_deref() {
                Some("everyone") => Some(Eligibility::Everyone),
                Some("areas") => Some(Eligibility::Areas(areas.remove(&v.id).unwrap_or_default())),
                Some("age_band") => match (v.eligible_min_age, v.eligible_max_age) {
                    (Some(min), Some(max)) => Some(Eligibility::AgeBand {
                        min: u8::try_from(min).unwrap_or(0),
                        max: u8::try_from(max).unwrap_or(u8::MAX),
                    }),
                    _ => None,
                },
                Some("panel") => v.eligible_panel.clone().map(Eligibility::Panel),
                _ => None,
            };
            StoredRules {
                id: v.id,
                version: v.version,
                rules: RulesOfPlay {
                    level: v.level.as_deref().and_then(ParticipationLevel::parse),
                    municipality_role: v.municipality_role,
                    open_for_input: v.open_for_input,
                    fixed_items: items.remove(&v.id).unwrap_or_default(),
                    decision_maker: v.decision_maker,
                    decision_date: v.decision_date,
                    weighing: v.weighing,
                    eligibility,
                    report_date: v.report_date,
                    personal_data: v.personal_data,
                    retention_months: v.retention_months.and_then(|m| u16::try_from(m).ok()),
                },
                change_reason: v.change_reason,
                frozen_at: v.frozen_at,
            }
        })
        .collect())
}

pub(super) fn empty_rules() -> rules_of_play::ActiveModel {
    rules_of_play::ActiveModel {
        level: Set(None),
        municipality_role: Set(String::new()),
        open_for_input: Set(String::new()),
        decision_maker: Set(String::new()),
        decision_date: Set(None),
        weighing: Set(String::new()),
        eligibility: Set(None),
        eligible_min_age: Set(None),
        eligible_max_age: Set(None),
        eligible_panel: Set(None),
        report_date: Set(None),
        personal_data: Set(String::new()),
        retention_months: Set(None),
        change_reason: Set(None),
        frozen_at: Set(None),
        ..Default::default()
    }
}

fn rules_columns(rules: &RulesOfPlay) -> rules_of_play::ActiveModel {
    let (min, max, panel) = match &rules.eligibility {
        Some(Eligibility::AgeBand { min, max }) => (Some(i32::from(*min)), Some(i32::from(*max)), None),
        Some(Eligibility::Panel(name)) => (None, None, Some(name.clone())),
        _ => (None, None, None),
    };
    rules_of_play::ActiveModel {
        level: Set(rules.level.map(|l| l.as_str().to_owned())),
        municipality_role: Set(rules.municipality_role.clone()),
        open_for_input: Set(rules.open_for_input.clone()),
        decision_maker: Set(rules.decision_maker.clone()),
        decision_date: Set(rules.decision_date),
        weighing: Set(rules.weighing.clone()),
        eligibility: Set(rules.eligibility.as_ref().map(|e| e.kind().to_owned())),
        eligible_min_age: Set(min),
        eligible_max_age: Set(max),
        eligible_panel: Set(panel),
        report_date: Set(rules.report_date),
        personal_data: Set(rules.personal_data.clone()),
        retention_months: Set(rules.retention_months.map(i32::from)),
        ..Default::default()
    }
}

async fn insert_rule_parts(db: &impl ConnectionTrait, rules_id: i32, rules: &RulesOfPlay) -> AppResult<()> {
    for (position, item) in rules.fixed_items.iter().enumerate() {
        rules_of_play_fixed_item::ActiveModel {
            rules_id: Set(rules_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            what: Set(item.what.clone()),
            why: Set(item.why.clone()),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(internal)?;
    }
    if let Some(Eligibility::Areas(areas)) = &rules.eligibility {
        for area in areas {
            rules_of_play_area::ActiveModel { rules_id: Set(rules_id), area_id: Set(area.0) }
                .insert(db)
                .await
                .map_err(internal)?;
        }
    }
    Ok(())
}

/// Overwrites the draft card. Only a version that is not frozen can be overwritten: the update is
/// conditional, and the database triggers refuse it as well.
pub async fn save_draft_rules(db: &impl ConnectionTrait, draft: &StoredRules, rules: &RulesOfPlay) -> AppResult<()> {
    let changed = rules_of_play::Entity::update_many()
        .set(rules_columns(rules))
        .filter(rules_of_play::Column::Id.eq(draft.id))
        .filter(rules_of_play::Column::FrozenAt.is_null())
        .exec(db)
        .await
        .map_err(internal)?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    rules_of_play_fixed_item::Entity::delete_many()
        .filter(rules_of_play_fixed_item::Column::RulesId.eq(draft.id))
        .exec(db)
        .await
        .map_err(internal)?;
    rules_of_play_area::Entity::delete_many()
        .filter(rules_of_play_area::Column::RulesId.eq(draft.id))
        .exec(db)
        .await
        .map_err(internal)?;
    insert_rule_parts(db, draft.id, rules).await
}

/// Freezes the draft card and makes the trajectory public.
pub async fn publish(
    db: &impl ConnectionTrait,
    id: TrajectoryId,
    draft: &StoredRules,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let frozen = rules_of_play::Entity::update_many()
        .col_expr(rules_of_play::Column::FrozenAt, Expr::value(now))
        .filter(rules_of_play::Column::Id.eq(draft.id))
        .filter(rules_of_play::Column::FrozenAt.is_null())
        .exec(db)
        .await
        .map_err(internal)?;
    let published = trajectory::Entity::update_many()
        .col_expr(trajectory::Column::Status, Expr::value(Status::Published.as_str()))
        .col_expr(trajectory::Column::Level, Expr::value(draft.rules.level.map(|l| l.as_str())))
        .col_expr(trajectory::Column::PublishedAt, Expr::value(now))
        .col_expr(trajectory::Column::UpdatedAt, Expr::value(now))
        .filter(trajectory::Column::Id.eq(id.0))
        .filter(trajectory::Column::Status.eq(Status::Draft.as_str()))
        .exec(db)
        .await
        .map_err(internal)?;
    // Two leads pressing "publish" at once: the second finds nothing left to publish.
    if frozen.rows_affected != 1 || published.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// A new version of the rules of play of a published trajectory, in force from now.
pub async fn add_version(
    db: &sea_orm::DatabaseTransaction,
    id: TrajectoryId,
    next_version: i32,
    rules: &RulesOfPlay,
    reason: &str,
    created_by: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let row = rules_of_play::ActiveModel {
        trajectory_id: Set(id.0),
        version: Set(next_version),
        change_reason: Set(Some(reason.to_owned())),
        frozen_at: Set(None),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..rules_columns(rules)
    };
    // The unique (trajectory, version) index turns a simultaneous second change into an error
    // instead of two versions with the same number.
    let inserted = crate::server::unique::insert_unless_duplicate(db, row).await?.ok_or(AppError::Conflict)?;
    insert_rule_parts(db, inserted.id, rules).await?;
    rules_of_play::Entity::update_many()
        .col_expr(rules_of_play::Column::FrozenAt, Expr::value(now))
        .filter(rules_of_play::Column::Id.eq(inserted.id))
        .exec(db)
        .await
        .map_err(internal)?;
    trajectory::Entity::update_many()
        .col_expr(trajectory::Column::Level, Expr::value(rules.level.map(|l| l.as_str())))
        .col_expr(trajectory::Column::UpdatedAt, Expr::value(now))
        .filter(trajectory::Column::Id.eq(id.0))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}
