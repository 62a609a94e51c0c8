//! Retention that runs: once a day (on one of the app servers) personal data whose period in
//! `domain::retention::TABLE` has passed is deleted or made anonymous. Every step is a plain
//! conditional update or delete, so running it twice does nothing more than once.

use crate::domain::desk::CaseStatus;
use crate::domain::retention::{due_before, trajectory_data_due, Data, Period, TABLE};
use crate::server::entities::{desk_case, housekeeping_run, input, outbox_message, report, rules_of_play, user};
use crate::server::writes::begin_write;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// What one run removed or made anonymous, counted (never who).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub unconfirmed_accounts: u64,
    pub sent_mails: u64,
    pub offline_contact_details: u64,
    pub closed_case_contact_details: u64,
}

const JOB: &str = "retention";

/// Runs the retention steps when no app server has run them in the last day; `None` when
/// another did (or this one did already).
pub async fn run_daily(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Option<Removed>, DbErr> {
    if !claim_today(db, now).await? {
        return Ok(None);
    }
    run(db, now).await.map(Some)
}

/// Every step, now. Each in a transaction of its own, so a long one holds no other back.
pub async fn run(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Removed, DbErr> {
    let period = |data: Data| TABLE.iter().find(|k| k.what == data).map(|k| k.period);
    let removed = Removed {
        unconfirmed_accounts: match period(Data::UnconfirmedAccounts).and_then(|p| due_before(p, now)) {
            Some(before) => remove_unconfirmed_accounts(db, before).await?,
            None => 0,
        },
        sent_mails: match period(Data::SentMail).and_then(|p| due_before(p, now)) {
            Some(before) => remove_sent_mail(db, before).await?,
            None => 0,
        },
        offline_contact_details: match period(Data::ContactDetailsOfOfflineInput) {
            Some(Period::RulesOfPlay) => anonymise_reported_trajectories(db, now).await?,
            _ => 0,
        },
        closed_case_contact_details: match period(Data::ContactDetailsOfClosedCases).and_then(|p| due_before(p, now)) {
            Some(before) => forget_closed_case_contacts(db, before).await?,
            None => 0,
        },
    };
    Ok(removed)
}

/// Marks the job as run today; false when it already ran in the last day (here or on another
/// server). The row is made once; after that the conditional update decides, atomically.
async fn claim_today(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let long_ago = DateTime::<Utc>::UNIX_EPOCH;
    housekeeping_run::Entity::insert(housekeeping_run::ActiveModel {
        job: Set(JOB.to_owned()),
        last_run_at: Set(long_ago),
    })
    .on_conflict_do_nothing_on([housekeeping_run::Column::Job])
    .exec(db)
    .await?;
    let claimed = housekeeping_run::Entity::update_many()
        .col_expr(housekeeping_run::Column::LastRunAt, Expr::value(now))
        .filter(housekeeping_run::Column::Job.eq(JOB))
        .filter(housekeeping_run::Column::LastRunAt.lte(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Registrations nobody confirmed: the account and all hanging on it.
async fn remove_unconfirmed_accounts(db: &DatabaseConnection, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let txn = begin_write(db).await?;
    let done = user::Entity::delete_many()
        .filter(user::Column::EmailVerifiedAt.is_null())
        .filter(user::Column::IsPlatformAdmin.eq(false))
        .filter(user::Column::CreatedAt.lt(before))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(done.rows_affected)
}

/// Mail sent long enough ago: what it said reached its reader.
async fn remove_sent_mail(db: &DatabaseConnection, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let txn = begin_write(db).await?;
    let done = outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::SentAt.is_not_null())
        .filter(outbox_message::Column::SentAt.lt(before))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(done.rows_affected)
}

/// Names and contact details of input staff entered, in trajectories whose report was first
/// published longer ago than their rules of play said the data would be kept. The input itself
/// stays (it is in the report); it reads as from an anonymous resident from then on.
async fn anonymise_reported_trajectories(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    // The first publication of each trajectory's report, with the rules it was made under.
    let mut first: HashMap<i32, (DateTime<Utc>, i32)> = HashMap::new();
    for r in report::Entity::find().all(db).await? {
        let entry = first.entry(r.trajectory_id).or_insert((r.published_at, r.rules_id));
        if r.published_at < entry.0 {
            *entry = (r.published_at, r.rules_id);
        }
    }
    let rules: HashMap<i32, Option<i32>> = rules_of_play::Entity::find()
        .filter(rules_of_play::Column::Id.is_in(first.values().map(|(_, rules)| *rules)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.retention_months))
        .collect();
    let due: Vec<i32> = first
        .iter()
        .filter(|(_, (published, rules_id))| {
            trajectory_data_due(Some(*published), rules.get(rules_id).copied().flatten(), now)
        })
        .map(|(trajectory, _)| *trajectory)
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let txn = begin_write(db).await?;
    let done = input::Entity::update_many()
        .col_expr(input::Column::Contact, Expr::value(Option::<String>::None))
        .col_expr(input::Column::OnBehalfName, Expr::value(Option::<String>::None))
        .col_expr(input::Column::ContactConsent, Expr::value(false))
        .filter(input::Column::TrajectoryId.is_in(due))
        .filter(
            Condition::any()
                .add(input::Column::Contact.is_not_null())
                .add(input::Column::OnBehalfName.is_not_null())
                .add(input::Column::ContactConsent.eq(true)),
        )
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(done.rows_affected)
}

/// Contact details of desk cases closed (or taken up in a trajectory) long enough ago; the case
/// and its history stay.
async fn forget_closed_case_contacts(db: &DatabaseConnection, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let txn = begin_write(db).await?;
    let closed = Condition::all()
        .add(desk_case::Column::Status.is_in([CaseStatus::Closed.as_str(), CaseStatus::Forwarded.as_str()]))
        .add(desk_case::Column::UpdatedAt.lt(before));
    let forgotten = forget_case_contacts(&txn, closed).await?;
    txn.commit().await?;
    Ok(forgotten)
}

/// Removes the contact name, e-mail address and phone number of the desk cases `which` selects
/// (here by age, and when their initiator leaves); returns how many cases still had any.
pub async fn forget_case_contacts(db: &impl ConnectionTrait, which: Condition) -> Result<u64, DbErr> {
    let done = desk_case::Entity::update_many()
        .col_expr(desk_case::Column::ContactName, Expr::value(Option::<String>::None))
        .col_expr(desk_case::Column::ContactEmail, Expr::value(Option::<String>::None))
        .col_expr(desk_case::Column::ContactPhone, Expr::value(Option::<String>::None))
        .filter(which)
        .filter(
            Condition::any()
                .add(desk_case::Column::ContactName.is_not_null())
                .add(desk_case::Column::ContactEmail.is_not_null())
                .add(desk_case::Column::ContactPhone.is_not_null()),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
