//! The lists of trajectories: the desk's filtered, paged list, its highlights, the feed, and
//! everything of a municipality for its staff.

use crate::domain::rules_of_play::ParticipationLevel;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::{Stage, Status, Theme};
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{area, trajectory, trajectory_area, trajectory_theme};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

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
        .offset(crate::domain::paging::offset(page, PAGE_SIZE))
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
