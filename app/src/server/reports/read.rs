//! Reading published versions of a report. Who wrote an input is looked up here, at reading
//! time, and only for inputs written online under a display name: a deleted account's input then
//! reads as "inwoner" without the frozen report changing.

use crate::domain::consultations::Channel;
use crate::domain::reports::{Disposition, InputRef, ItemKind, PAGE_SIZE};
use crate::error::AppResult;
use crate::model::reports::{LineAuthor, ReportAnswerView, ReportLine, VersionSummary};
use crate::server::context::internal;
use crate::server::entities::{input, report, report_answer, report_item, user};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Every published version of a trajectory's report, oldest first.
pub async fn versions(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<report::Model>> {
    report::Entity::find()
        .filter(report::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(report::Column::Version)
        .all(db)
        .await
        .map_err(internal)
}

pub async fn answers(db: &impl ConnectionTrait, report_id: i32) -> AppResult<Vec<report_answer::Model>> {
    report_answer::Entity::find()
        .filter(report_answer::Column::ReportId.eq(report_id))
        .order_by_asc(report_answer::Column::Number)
        .all(db)
        .await
        .map_err(internal)
}

/// Which lines of a version to show.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub activity: Option<i32>,
    /// Only the lines whose answer has this disposition.
    pub disposition: Option<Disposition>,
}

fn filtered(report_id: i32, filter: &ItemFilter) -> sea_orm::Select<report_item::Entity> {
    let mut query = report_item::Entity::find().filter(report_item::Column::ReportId.eq(report_id));
    if let Some(activity) = filter.activity {
        query = query.filter(report_item::Column::ActivityId.eq(activity));
    }
    if let Some(disposition) = filter.disposition {
        query = query.filter(
            report_item::Column::AnswerNumber.in_subquery(
                Query::select()
                    .column(report_answer::Column::Number)
                    .from(report_answer::Entity)
                    .and_where(report_answer::Column::ReportId.eq(report_id))
                    .and_where(report_answer::Column::Disposition.eq(disposition.as_str()))
                    .to_owned(),
            ),
        );
    }
    query.order_by_asc(report_item::Column::Position)
}

/// The answers with these numbers (those of the lines on a page).
pub async fn answers_numbered(
    db: &impl ConnectionTrait,
    report_id: i32,
    numbers: &[i32],
) -> AppResult<Vec<report_answer::Model>> {
    report_answer::Entity::find()
        .filter(report_answer::Column::ReportId.eq(report_id))
        .filter(report_answer::Column::Number.is_in(numbers.to_vec()))
        .order_by_asc(report_answer::Column::Number)
        .all(db)
        .await
        .map_err(internal)
}

/// One page of a version's lines, and how many there are in all.
pub async fn items_page(
    db: &impl ConnectionTrait,
    report_id: i32,
    filter: &ItemFilter,
    page: u64,
) -> AppResult<(Vec<report_item::Model>, u64)> {
    let paginator = filtered(report_id, filter).paginate(db, PAGE_SIZE);
    let total = paginator.num_items().await.map_err(internal)?;
    let items = paginator.fetch_page(crate::domain::paging::index(page)).await.map_err(internal)?;
    Ok((items, total))
}

/// Every line of a version (the open data, the printed report).
pub async fn all_items(db: &impl ConnectionTrait, report_id: i32) -> AppResult<Vec<report_item::Model>> {
    filtered(report_id, &ItemFilter::default()).all(db).await.map_err(internal)
}

/// The line about one input in a version, for the link in the mail.
pub async fn item_of(
    db: &impl ConnectionTrait,
    report_id: i32,
    reference: InputRef,
) -> AppResult<Option<report_item::Model>> {
    let query = report_item::Entity::find().filter(report_item::Column::ReportId.eq(report_id));
    let query = match reference {
        InputRef::Input(id) => query.filter(report_item::Column::InputId.eq(id)),
        InputRef::Case(id) => query.filter(report_item::Column::CaseId.eq(id)),
    };
    query.one(db).await.map_err(internal)
}

/// The display names of the authors who wrote these lines online under their name, by input
/// number. An account deleted since is simply not found.
pub async fn author_names(db: &impl ConnectionTrait, items: &[report_item::Model]) -> AppResult<HashMap<i32, String>> {
    let ids: Vec<i32> = items.iter().filter(|i| i.author_shown).filter_map(|i| i.input_id).collect();
    let mut names = HashMap::new();
    for chunk in ids.chunks(400) {
        let rows: Vec<(i32, String)> = input::Entity::find()
            .select_only()
            .column(input::Column::Id)
            .column(user::Column::DisplayName)
            .join(JoinType::InnerJoin, input_author())
            .filter(input::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await
            .map_err(internal)?;
        names.extend(rows);
    }
    Ok(names)
}

fn input_author() -> sea_orm::RelationDef {
    input::Entity::belongs_to(user::Entity).from(input::Column::AuthorId).to(user::Column::Id).into()
}

/// The answer a published version gives, as readers see it.
pub fn answer_view(a: &report_answer::Model) -> ReportAnswerView {
    ReportAnswerView {
        number: a.number,
        disposition: Disposition::parse(&a.disposition).unwrap_or(Disposition::NotAdopted),
        reason: a.reason.clone(),
        group_title: a.group_title.clone(),
        fixed_item: a.fixed_item.clone(),
        forwarded_to: a.forwarded_to.clone(),
        forwarded_trajectory_id: a.forwarded_trajectory_id,
    }
}

/// One line of a published version, with its author as readers may see them (`names` holds the
/// display names of online authors who chose to be named).
pub fn line(item: &report_item::Model, names: &HashMap<i32, String>) -> ReportLine {
    let channel = Channel::parse(&item.channel).unwrap_or(Channel::Online);
    let author = match item.input_id.and_then(|id| names.get(&id)) {
        Some(name) if item.author_shown => LineAuthor::Named(name.clone()),
        _ if channel != Channel::Online => LineAuthor::Via(channel),
        _ => LineAuthor::Resident,
    };
    ReportLine {
        position: item.position,
        key: item.input_id.map(|id| format!("i{id}")).or(item.case_id.map(|id| format!("c{id}"))),
        kind: ItemKind::parse(&item.kind).unwrap_or(ItemKind::Comment),
        channel,
        activity_title: item.activity_title.clone(),
        area: item.area_name.clone(),
        received_on: item.received_on,
        author,
        body: item.body.clone(),
        answer_number: item.answer_number,
    }
}

/// The summaries of a trajectory's published versions, oldest first.
pub fn version_summaries(versions: &[report::Model]) -> Vec<VersionSummary> {
    versions
        .iter()
        .map(|r| VersionSummary {
            version: r.version,
            published_on: r.published_on,
            late: crate::domain::reports::published_late(r.published_on, r.promised_on),
            correction_reason: r.correction_reason.clone(),
        })
        .collect()
}

/// A public trajectory's published report: version `version`, or the newest.
pub struct Chosen {
    pub trajectory: crate::server::trajectories::Loaded,
    /// Every published version, oldest first.
    pub versions: Vec<report::Model>,
    pub report: report::Model,
    pub contents: crate::model::reports::ReportContents,
}

/// Not found unless the trajectory is public and has that version.
pub async fn chosen_version(
    db: &impl ConnectionTrait,
    municipality: crate::domain::tenancy::MunicipalityId,
    trajectory: i32,
    version: Option<i32>,
) -> AppResult<Chosen> {
    use crate::error::AppError;
    let trajectory =
        crate::server::trajectories::find(db, municipality, crate::domain::trajectories::TrajectoryId(trajectory))
            .await?
            .filter(|t| t.status.is_public())
            .ok_or(AppError::NotFound)?;
    let versions = versions(db, trajectory.row.id).await?;
    let report = match version {
        Some(n) => versions.iter().find(|r| r.version == n),
        None => versions.last(),
    }
    .cloned()
    .ok_or(AppError::NotFound)?;
    let contents = serde_json::from_str(&report.contents).map_err(internal)?;
    Ok(Chosen { trajectory, versions, report, contents })
}

/// What one published version says apart from its lines, for the open data: the version and
/// every answer (by number). The lines follow a batch at a time ([`lines_after`]), so a report of
/// ten thousand inputs is never held in memory whole.
pub struct ReportHead {
    pub chosen: Chosen,
    pub answers: std::collections::BTreeMap<i32, ReportAnswerView>,
}

#[tracing::instrument(skip_all, fields(trajectory = trajectory))]
pub async fn report_head(
    db: &impl ConnectionTrait,
    municipality: crate::domain::tenancy::MunicipalityId,
    trajectory: i32,
    version: Option<i32>,
) -> AppResult<ReportHead> {
    let chosen = chosen_version(db, municipality, trajectory, version).await?;
    let answers = answers(db, chosen.report.id).await?.iter().map(|a| (a.number, answer_view(a))).collect();
    Ok(ReportHead { chosen, answers })
}

/// Up to `limit` lines of a version after the one at `position`, in order. A published version
/// never changes, so reading it in batches gives the same lines as reading it at once.
pub async fn lines_after(
    db: &impl ConnectionTrait,
    report_id: i32,
    position: i32,
    limit: u64,
) -> AppResult<Vec<ReportLine>> {
    let items = filtered(report_id, &ItemFilter::default())
        .filter(report_item::Column::Position.gt(position))
        .limit(limit)
        .all(db)
        .await
        .map_err(internal)?;
    let names = author_names(db, &items).await?;
    Ok(items.iter().map(|i| line(i, &names)).collect())
}
