//! Database access for trajectories, their phases, areas and themes, and the versions of their
//! rules of play. Every function takes the municipality the request is about, so a trajectory of
//! another municipality is simply not found.

use super::context::internal;
use super::entities::{
    activity, area, rules_of_play, rules_of_play_area, rules_of_play_fixed_item, trajectory, trajectory_area,
    trajectory_phase, trajectory_theme,
};
use crate::domain::rules_of_play::{Eligibility, FixedItem, ParticipationLevel, RulesOfPlay};
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::{match_phases, Phase, Stage, Status, Theme, TrajectoryId};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

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

/// One stored version of the rules of play.
pub struct StoredRules {
    pub id: i32,
    pub version: i32,
    pub rules: RulesOfPlay,
    pub change_reason: Option<String>,
    pub frozen_at: Option<DateTime<Utc>>,
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

async fn load_rules(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<StoredRules>> {
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

fn phase_span(phases: &[Phase]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (phases.iter().map(|p| p.starts_on).min(), phases.iter().map(|p| p.ends_on).max())
}

/// A new draft trajectory with an empty draft card (version 1).
pub async fn insert(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    details: &Details,
    created_by: i32,
) -> AppResult<TrajectoryId> {
    let now = Utc::now();
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

fn empty_rules() -> rules_of_play::ActiveModel {
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

pub async fn update_details(db: &impl ConnectionTrait, id: TrajectoryId, details: &Details) -> AppResult<()> {
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
        updated_at: Set(Utc::now()),
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

/// The stored id of the phase at a position (as the editor lists them).
pub async fn phase_id_at(db: &impl ConnectionTrait, trajectory_id: i32, position: usize) -> AppResult<i32> {
    stored_phases(db, trajectory_id)
        .await?
        .get(position)
        .map(|(id, _)| *id)
        .ok_or_else(|| super::context::answer_with(AppError::Request))
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
async fn save_phases(db: &impl ConnectionTrait, trajectory_id: i32, phases: &[Phase]) -> AppResult<()> {
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
pub async fn publish(db: &impl ConnectionTrait, id: TrajectoryId, draft: &StoredRules) -> AppResult<()> {
    let now = Utc::now();
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

/// Moves a trajectory from one status to another, only if it still has the status the caller saw.
pub async fn move_status(db: &impl ConnectionTrait, id: TrajectoryId, from: Status, to: Status) -> AppResult<()> {
    let moved = trajectory::Entity::update_many()
        .col_expr(trajectory::Column::Status, Expr::value(to.as_str()))
        .col_expr(trajectory::Column::UpdatedAt, Expr::value(Utc::now()))
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

/// A new version of the rules of play of a published trajectory, in force from now.
pub async fn add_version(
    db: &sea_orm::DatabaseTransaction,
    id: TrajectoryId,
    next_version: i32,
    rules: &RulesOfPlay,
    reason: &str,
    created_by: i32,
) -> AppResult<()> {
    let now = Utc::now();
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
    let inserted = super::unique::insert_unless_duplicate(db, row).await?.ok_or(AppError::Conflict)?;
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

/// What a resident asks of the desk's list.
#[derive(Debug, Clone, Default)]
pub struct DeskQuery {
    pub text: Option<String>,
    pub area: Option<AreaId>,
    pub theme: Option<Theme>,
    pub level: Option<ParticipationLevel>,
    pub stage: Option<Stage>,
}

pub const PAGE_SIZE: u64 = 20;

/// One row of the desk's list, with its areas and themes.
pub struct ListedTrajectory {
    pub row: trajectory::Model,
    pub area_names: Vec<String>,
    pub themes: Vec<Theme>,
}

fn stage_condition(stage: Stage, today: NaiveDate) -> Condition {
    use trajectory::Column as C;
    let published = C::Status.eq(Status::Published.as_str());
    match stage {
        Stage::Draft => Condition::all().add(C::Status.eq(Status::Draft.as_str())),
        Stage::Upcoming => Condition::all().add(published).add(C::StartsOn.gt(today)),
        Stage::Open => Condition::all()
            .add(published)
            .add(Condition::any().add(C::StartsOn.is_null()).add(C::StartsOn.lte(today)))
            .add(Condition::any().add(C::EndsOn.is_null()).add(C::EndsOn.gte(today))),
        Stage::Closed => Condition::any()
            .add(C::Status.eq(Status::Closed.as_str()))
            .add(Condition::all().add(published).add(C::EndsOn.lt(today))),
        Stage::Reported => Condition::all().add(C::Status.eq(Status::Reported.as_str())),
        Stage::Archived => Condition::all().add(C::Status.eq(Status::Archived.as_str())),
    }
}

/// The public trajectories of a municipality that match the query, newest first, one page.
pub async fn list_public(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    query: &DeskQuery,
    today: NaiveDate,
    page: u64,
) -> AppResult<(Vec<ListedTrajectory>, u64)> {
    use trajectory::Column as C;
    let mut select = trajectory::Entity::find()
        .filter(C::MunicipalityId.eq(municipality.0))
        .filter(C::Status.ne(Status::Draft.as_str()));
    if let Some(text) = query.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        // Lower-cased on both sides: SQLite's LIKE ignores case only for ASCII, PostgreSQL's not at all.
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        select = select.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(C::Title))).like(pattern.as_str()))
                .add(Expr::expr(Func::lower(Expr::col(C::Summary))).like(pattern.as_str())),
        );
    }
    if let Some(area) = query.area {
        select = select.filter(
            C::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(trajectory_area::Column::TrajectoryId)
                    .from(trajectory_area::Entity)
                    .and_where(trajectory_area::Column::AreaId.eq(area.0))
                    .to_owned(),
            ),
        );
    }
    if let Some(theme) = query.theme {
        select = select.filter(
            C::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(trajectory_theme::Column::TrajectoryId)
                    .from(trajectory_theme::Entity)
                    .and_where(trajectory_theme::Column::Theme.eq(theme.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(level) = query.level {
        select = select.filter(C::Level.eq(level.as_str()));
    }
    if let Some(stage) = query.stage {
        select = select.filter(stage_condition(stage, today));
    }
    let total = select.clone().count(db).await.map_err(internal)?;
    let rows = select
        .order_by_desc(C::StartsOn)
        .order_by_desc(C::Id)
        .limit(PAGE_SIZE)
        .offset(page.saturating_sub(1) * PAGE_SIZE)
        .all(db)
        .await
        .map_err(internal)?;
    Ok((with_parts(db, rows).await?, total))
}

/// The trajectories the desk puts first: open and upcoming ones, then the latest reported.
pub async fn highlights(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    today: NaiveDate,
) -> AppResult<Vec<ListedTrajectory>> {
    use trajectory::Column as C;
    let current = trajectory::Entity::find()
        .filter(C::MunicipalityId.eq(municipality.0))
        .filter(Condition::any().add(stage_condition(Stage::Open, today)).add(stage_condition(Stage::Upcoming, today)))
        .order_by_asc(C::StartsOn)
        .limit(6)
        .all(db)
        .await
        .map_err(internal)?;
    let reported = trajectory::Entity::find()
        .filter(C::MunicipalityId.eq(municipality.0))
        .filter(C::Status.eq(Status::Reported.as_str()))
        .order_by_desc(C::UpdatedAt)
        .limit(3)
        .all(db)
        .await
        .map_err(internal)?;
    with_parts(db, current.into_iter().chain(reported).collect()).await
}

/// The most recently published trajectories that are still public, for the feed.
pub async fn recently_published(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    limit: u64,
) -> AppResult<Vec<trajectory::Model>> {
    trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(municipality.0))
        .filter(trajectory::Column::Status.ne(Status::Draft.as_str()))
        .filter(trajectory::Column::PublishedAt.is_not_null())
        .order_by_desc(trajectory::Column::PublishedAt)
        .limit(limit)
        .all(db)
        .await
        .map_err(internal)
}

/// Drafts and everything else of a municipality, for its staff.
pub async fn list_all(db: &impl ConnectionTrait, municipality: MunicipalityId) -> AppResult<Vec<ListedTrajectory>> {
    let rows = trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(municipality.0))
        .order_by_desc(trajectory::Column::UpdatedAt)
        .all(db)
        .await
        .map_err(internal)?;
    with_parts(db, rows).await
}

async fn with_parts(db: &impl ConnectionTrait, rows: Vec<trajectory::Model>) -> AppResult<Vec<ListedTrajectory>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut areas: HashMap<i32, Vec<String>> = HashMap::new();
    let links = trajectory_area::Entity::find()
        .filter(trajectory_area::Column::TrajectoryId.is_in(ids.clone()))
        .all(db)
        .await
        .map_err(internal)?;
    let names: HashMap<i32, String> = area::Entity::find()
        .filter(area::Column::Id.is_in(links.iter().map(|l| l.area_id).collect::<Vec<_>>()))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    for link in links {
        if let Some(name) = names.get(&link.area_id) {
            areas.entry(link.trajectory_id).or_default().push(name.clone());
        }
    }
    let mut themes: HashMap<i32, Vec<Theme>> = HashMap::new();
    for t in trajectory_theme::Entity::find()
        .filter(trajectory_theme::Column::TrajectoryId.is_in(ids))
        .all(db)
        .await
        .map_err(internal)?
    {
        if let Some(theme) = Theme::parse(&t.theme) {
            themes.entry(t.trajectory_id).or_default().push(theme);
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut area_names = areas.remove(&row.id).unwrap_or_default();
            area_names.sort();
            let mut themes = themes.remove(&row.id).unwrap_or_default();
            themes.sort();
            ListedTrajectory { row, area_names, themes }
        })
        .collect())
}

fn escape_like(text: &str) -> String {
    // No ESCAPE clause is portable enough here, so wildcards typed by a resident are dropped.
    text.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect()
}
