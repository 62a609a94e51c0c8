//! Cases and their steps. A case is numbered when it comes in; every step is stored with its
//! Dutch day, and the deadline columns on the case are derived from the steps in the same
//! transaction (never typed in), so the queue can filter on them.

use crate::domain::desk::case_number;
use crate::domain::desk::{CaseStatus, Clock, ServiceNorm, Step};
use crate::domain::initiatives::{case_prefix, Initiative, SupportKind};
use crate::error::AppResult;
use crate::server::clock::dutch_day;
use crate::server::context::internal;
use crate::server::entities::{desk_case, desk_case_step, desk_counter};
use crate::server::unique::insert_unless_duplicate;
use chrono::{DateTime, Datelike, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// Who brought the case in, and how.
pub struct NewCase<'a> {
    pub municipality_id: i32,
    pub municipality_slug: &'a str,
    pub initiative: &'a Initiative,
    /// The account that follows the case; None for someone helped without an account.
    pub initiator_id: Option<i32>,
    pub entered_by: Option<i32>,
    pub activity_id: Option<i32>,
    pub submission_key: String,
    pub norm: ServiceNorm,
    pub now: DateTime<Utc>,
}

/// Hands out the next case number of the municipality's year. This is the transaction's first
/// write, so on SQLite the write lock is taken before anything is read, and on PostgreSQL the
/// counter's row lock puts concurrent submissions in line.
async fn next_number(db: &(impl ConnectionTrait + TransactionTrait), municipality: i32, year: i32) -> AppResult<i32> {
    let bump = || {
        desk_counter::Entity::update_many()
            .col_expr(desk_counter::Column::LastNumber, Expr::col(desk_counter::Column::LastNumber).add(1))
            .filter(desk_counter::Column::MunicipalityId.eq(municipality))
            .filter(desk_counter::Column::Year.eq(year))
    };
    if bump().exec(db).await.map_err(internal)?.rows_affected == 0 {
        let first =
            desk_counter::ActiveModel { municipality_id: Set(municipality), year: Set(year), last_number: Set(1) };
        if insert_unless_duplicate(db, first).await?.is_some() {
            return Ok(1);
        }
        // Someone else started the year a moment ago.
        bump().exec(db).await.map_err(internal)?;
    }
    let counter = desk_counter::Entity::find_by_id((municipality, year)).one(db).await.map_err(internal)?;
    Ok(counter.map_or(1, |c| c.last_number))
}

/// Stores a new case with its first step. None when a case with the same submission key exists:
/// the caller rolls back and shows that one.
pub async fn submit(
    db: &(impl ConnectionTrait + TransactionTrait),
    new: NewCase<'_>,
) -> AppResult<Option<desk_case::Model>> {
    let received_on = dutch_day(new.now);
    let number = next_number(db, new.municipality_id, received_on.year()).await?;
    let initiative = new.initiative;
    let clock = Clock::of(received_on, &[], new.norm);
    let (contact_name, contact_email, contact_phone, channel) = match &initiative.on_behalf {
        Some(o) => {
            (Some(o.name.clone()), o.email.as_ref().map(|e| e.as_str().to_owned()), o.phone.clone(), o.channel.as_str())
        }
        None => (None, None, None, "online"),
    };
    let row = desk_case::ActiveModel {
        municipality_id: Set(new.municipality_id),
        number: Set(case_number(&case_prefix(new.municipality_slug), received_on.year(), number as u32)),
        kind: Set(initiative.kind.as_str().to_owned()),
        title: Set(initiative.title.clone()),
        description: Set(initiative.description.clone()),
        area_id: Set(initiative.area_id),
        support_asked: Set(SupportKind::join(&initiative.support)),
        public: Set(initiative.public),
        initiator_id: Set(new.initiator_id),
        contact_name: Set(contact_name),
        contact_email: Set(contact_email),
        contact_phone: Set(contact_phone),
        channel: Set(channel.to_owned()),
        entered_by: Set(new.entered_by),
        activity_id: Set(new.activity_id),
        forwarded_to: Set(None),
        status: Set(CaseStatus::Received.as_str().to_owned()),
        owner_id: Set(None),
        received_at: Set(new.now),
        received_on: Set(received_on),
        acknowledge_within: Set(new.norm.acknowledge_within as i32),
        answer_within: Set(new.norm.answer_within as i32),
        acknowledged_on: Set(None),
        answered_on: Set(None),
        acknowledge_by: Set(clock.acknowledge_by),
        answer_by: Set(clock.answer_by),
        supports: Set(0),
        council_listed_on: Set(None),
        submission_key: Set(Some(new.submission_key)),
        updated_at: Set(new.now),
        ..Default::default()
    };
    let Some(case) = insert_unless_duplicate(db, row).await? else {
        return Ok(None);
    };
    record_step(db, case.id, CaseStatus::Received, new.entered_by.or(new.initiator_id), new.now).await?;
    Ok(Some(case))
}

async fn record_step(
    db: &impl ConnectionTrait,
    case: i32,
    to: CaseStatus,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    desk_case_step::ActiveModel {
        case_id: Set(case),
        status: Set(to.as_str().to_owned()),
        taken_on: Set(dutch_day(now)),
        taken_at: Set(now),
        taken_by: Set(by),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn find_by_key(db: &impl ConnectionTrait, key: &str) -> AppResult<Option<desk_case::Model>> {
    desk_case::Entity::find().filter(desk_case::Column::SubmissionKey.eq(key)).one(db).await.map_err(internal)
}

pub async fn find(db: &impl ConnectionTrait, municipality: i32, id: i32) -> AppResult<Option<desk_case::Model>> {
    desk_case::Entity::find_by_id(id)
        .filter(desk_case::Column::MunicipalityId.eq(municipality))
        .one(db)
        .await
        .map_err(internal)
}

/// A case of this account; anyone else's is not found.
pub async fn find_own(db: &impl ConnectionTrait, user: i32, id: i32) -> AppResult<Option<desk_case::Model>> {
    desk_case::Entity::find_by_id(id).filter(desk_case::Column::InitiatorId.eq(user)).one(db).await.map_err(internal)
}

/// The cases an account brought in, newest first.
pub async fn of_initiator(db: &impl ConnectionTrait, user: i32) -> AppResult<Vec<desk_case::Model>> {
    desk_case::Entity::find()
        .filter(desk_case::Column::InitiatorId.eq(user))
        .order_by_desc(desk_case::Column::ReceivedAt)
        .all(db)
        .await
        .map_err(internal)
}

pub async fn steps(db: &impl ConnectionTrait, case: i32) -> AppResult<Vec<desk_case_step::Model>> {
    desk_case_step::Entity::find()
        .filter(desk_case_step::Column::CaseId.eq(case))
        .order_by_asc(desk_case_step::Column::Id)
        .all(db)
        .await
        .map_err(internal)
}

pub fn status_of(case: &desk_case::Model) -> CaseStatus {
    CaseStatus::parse(&case.status).unwrap_or(CaseStatus::Received)
}

pub fn norm_of(case: &desk_case::Model) -> ServiceNorm {
    ServiceNorm {
        acknowledge_within: u32::try_from(case.acknowledge_within).unwrap_or(2),
        answer_within: u32::try_from(case.answer_within).unwrap_or(10),
    }
}

/// The clock of a case from its stored steps.
pub fn clock_of(case: &desk_case::Model, steps: &[desk_case_step::Model]) -> Clock {
    let steps: Vec<Step> =
        steps.iter().filter_map(|s| CaseStatus::parse(&s.status).map(|to| Step { to, on: s.taken_on })).collect();
    Clock::of(case.received_on, &steps, norm_of(case))
}

/// What a step changes besides the status.
#[derive(Debug, Clone, Copy, Default)]
pub struct StepChanges {
    pub owner: Option<i32>,
    pub forwarded_to: Option<i32>,
}

/// Moves a case one step on. The status is changed with a conditional update as the transaction's
/// first write: when a colleague moved the case a moment ago, nothing happens and Ok(None) says
/// so. The deadline columns are derived again from all steps.
pub async fn take_step(
    db: &impl ConnectionTrait,
    case: &desk_case::Model,
    to: CaseStatus,
    changes: StepChanges,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<Option<desk_case::Model>> {
    let from = status_of(case);
    if !from.may_move_to(to) {
        return Ok(None);
    }
    let mut update = desk_case::Entity::update_many()
        .col_expr(desk_case::Column::Status, Expr::value(to.as_str()))
        .col_expr(desk_case::Column::UpdatedAt, Expr::value(now))
        .filter(desk_case::Column::Id.eq(case.id))
        .filter(desk_case::Column::Status.eq(from.as_str()));
    if let Some(owner) = changes.owner {
        update = update.col_expr(desk_case::Column::OwnerId, Expr::value(owner));
    }
    if let Some(trajectory) = changes.forwarded_to {
        update = update.col_expr(desk_case::Column::ForwardedTo, Expr::value(trajectory));
    }
    if update.exec(db).await.map_err(internal)?.rows_affected == 0 {
        return Ok(None);
    }
    record_step(db, case.id, to, by, now).await?;
    rederive(db, case.id).await.map(Some)
}

/// Derives the deadline columns of a case from its steps and stores them.
pub async fn rederive(db: &impl ConnectionTrait, case: i32) -> AppResult<desk_case::Model> {
    let row = desk_case::Entity::find_by_id(case).one(db).await.map_err(internal)?.ok_or_else(super::not_found)?;
    let clock = clock_of(&row, &steps(db, case).await?);
    let mut active: desk_case::ActiveModel = row.into();
    active.acknowledged_on = Set(clock.acknowledged_on);
    active.answered_on = Set(clock.answered_on);
    active.acknowledge_by = Set(clock.acknowledge_by);
    active.answer_by = Set(clock.answer_by);
    active.update(db).await.map_err(internal)
}

/// Gives a case to a desk officer without moving it (it is already in progress).
pub async fn set_owner(db: &impl ConnectionTrait, case: i32, owner: i32, now: DateTime<Utc>) -> AppResult<()> {
    desk_case::Entity::update_many()
        .col_expr(desk_case::Column::OwnerId, Expr::value(owner))
        .col_expr(desk_case::Column::UpdatedAt, Expr::value(now))
        .filter(desk_case::Column::Id.eq(case))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}
