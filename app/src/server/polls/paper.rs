//! Votes cast on paper or at a meeting: staff enter them as counted totals, each batch once
//! however often its form arrives, and take a wrong batch back out of the totals with a reason
//! (it stays listed, marked, and the audit log keeps who did it). The demo data enters its paper
//! votes through `insert_paper_batch` too.

use super::Reading;
use crate::domain::consultations::Channel;
use crate::domain::trajectories::{parse_date, required_text};
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::polls::PaperVotesForm;
use crate::server::audit::{self, AuditEntry};
use crate::server::clock;
use crate::server::context::internal;
use crate::server::entities::{poll_paper_batch, poll_paper_count, poll_paper_withdrawal};
use crate::server::submission::{Claim, Submit};
use crate::server::unique::insert_unless_duplicate;
use crate::server::writes::begin_write;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// A counted batch as it is stored: votes per option of the poll's single-choice questions.
pub struct NewPaperBatch {
    pub activity_id: i32,
    pub channel: Channel,
    pub description: String,
    pub counted_on: NaiveDate,
    pub entered_by: Option<i32>,
    pub entered_at: DateTime<Utc>,
    /// (question id, option id, votes)
    pub counts: Vec<(i32, i32, i32)>,
}

/// Stores a batch with its counts; the id of the batch.
pub async fn insert_paper_batch(db: &impl ConnectionTrait, new: &NewPaperBatch) -> AppResult<i32> {
    let batch = poll_paper_batch::ActiveModel {
        activity_id: Set(new.activity_id),
        channel: Set(new.channel.as_str().to_owned()),
        description: Set(new.description.clone()),
        counted_on: Set(new.counted_on),
        entered_by: Set(new.entered_by),
        created_at: Set(new.entered_at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    for (question_id, option_id, n) in &new.counts {
        poll_paper_count::ActiveModel {
            batch_id: Set(batch.id),
            question_id: Set(*question_id),
            option_id: Set(*option_id),
            count: Set(*n),
        }
        .insert(db)
        .await
        .map_err(internal)?;
    }
    Ok(batch.id)
}

/// Checks the form against the poll: a channel other than online, a description, a day from the
/// poll's opening until today, and whole numbers of votes.
fn checked(reading: &Reading, by: i32, form: &PaperVotesForm, today: NaiveDate) -> Result<NewPaperBatch, Checks> {
    let found = &reading.found;
    let mut checks = Checks::new();
    let channel = checks.field(
        "channel",
        Channel::parse(form.channel.trim()).filter(|c| *c != Channel::Online).ok_or(Problem::ChoiceInvalid),
    );
    let description = checks.field("description", required_text(&form.description, 200));
    let counted_on = checks.field(
        "counted_on",
        parse_date(&form.counted_on).and_then(|day| {
            if day > today {
                Err(Problem::DateInFuture)
            } else if day < clock::dutch_day(found.poll.opens_at) {
                Err(Problem::ReceivedOutsideWindow)
            } else {
                Ok(day)
            }
        }),
    );
    let mut counts = Vec::new();
    for row in found.questions.iter().filter(|q| q.question.kind == "single") {
        for option in &row.options {
            let raw = form.count.get(&option.id.to_string()).map(|v| v.trim()).unwrap_or_default();
            if raw.is_empty() {
                continue;
            }
            let number =
                raw.parse::<u32>().ok().filter(|n| *n <= 1_000_000).ok_or(Problem::NumberInvalid { max: 1_000_000 });
            if let Some(n) = checks.field(&format!("count[{}]", option.id), number) {
                if n > 0 {
                    counts.push((row.question.id, option.id, n as i32));
                }
            }
        }
    }
    if checks.is_empty() && counts.is_empty() {
        checks.add("description", Problem::Required);
    }
    match (channel, description, counted_on, checks.is_empty()) {
        (Some(channel), Some(description), Some(counted_on), true) => Ok(NewPaperBatch {
            activity_id: found.activity.id,
            channel,
            description,
            counted_on,
            entered_by: Some(by),
            entered_at: reading.state.clock.now(),
            counts,
        }),
        _ => Err(checks),
    }
}

/// Enters a batch of paper votes for staff member `by`. The same form sent twice counts once.
#[tracing::instrument(skip_all, fields(poll = reading.found.activity.id))]
pub async fn enter_paper_votes(reading: &Reading, by: i32, form: &PaperVotesForm) -> AppResult<()> {
    let state = &reading.state;
    let checked = checked(reading, by, form, state.clock.today());
    let target = format!("paper:{}", reading.found.activity.id);
    let submit = Submit::verified(state, by, &form.submission_token, &target);
    let (batch, submit) = match (checked, submit) {
        (Ok(batch), Some(submit)) => (batch, submit),
        (checked, submit) => {
            let mut checks = checked.err().unwrap_or_default();
            if submit.is_none() {
                checks.add("description", Problem::FormExpired);
            }
            return Err(AppError::validation_of(checks.into_errors(), Vec::new()));
        }
    };
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let batch_id = insert_paper_batch(&txn, &batch).await?;
    if let Claim::Repeat { .. } = submit.claim(&txn, batch_id).await? {
        // The same form again: the first submit's batch is counted, this one is not.
        return Ok(());
    }
    let votes: i32 = batch.counts.iter().map(|c| c.2).sum();
    let details = format!(
        "paper votes batch {batch_id} for poll {} ({}, \"{}\", {votes} votes)",
        batch.activity_id,
        batch.channel.as_str(),
        batch.description
    );
    let entry = AuditEntry {
        municipality: Some(reading.municipality_id.0),
        actor: Some(by),
        action: "enter_paper_votes",
        details,
        at: state.clock.now(),
    };
    audit::record(&txn, entry).await?;
    txn.commit().await.map_err(internal)
}

/// Takes batch `batch` out of the poll's totals with the reason, for staff member `by`;
/// withdrawing it again changes nothing. NotFound for a batch of another poll.
#[tracing::instrument(skip_all, fields(poll = reading.found.activity.id, batch))]
pub async fn withdraw_paper_votes(reading: &Reading, by: i32, batch: i32, reason: &str) -> AppResult<()> {
    let db = &reading.state.db;
    let found = paper_batch(db, reading.found.activity.id, batch).await?.ok_or(AppError::NotFound)?;
    let field = format!("reason[{batch}]");
    let reason = required_text(reason, 500).map_err(|problem| AppError::refused(&field, problem))?;
    let txn = begin_write(db).await.map_err(internal)?;
    if withdraw_paper_batch(&txn, found.id, by, &reason, reading.state.clock.now()).await? {
        let details =
            format!("paper votes batch {} for poll {} withdrawn: \"{reason}\"", found.id, reading.found.activity.id);
        let entry = AuditEntry {
            municipality: Some(reading.municipality_id.0),
            actor: Some(by),
            action: "withdraw_paper_votes",
            details,
            at: reading.state.clock.now(),
        };
        audit::record(&txn, entry).await?;
    }
    txn.commit().await.map_err(internal)
}

/// A batch of votes staff entered from paper or a meeting: its counts, and the withdrawal when
/// it was taken out of the totals.
#[derive(Debug, Clone)]
pub struct PaperBatch {
    pub batch: poll_paper_batch::Model,
    pub counts: Vec<poll_paper_count::Model>,
    pub withdrawal: Option<poll_paper_withdrawal::Model>,
}

impl PaperBatch {
    pub fn counts_in_totals(&self) -> bool {
        self.withdrawal.is_none()
    }
}

/// The batches staff entered from paper or meetings, withdrawn ones included, in the order they
/// were counted.
pub async fn paper(db: &impl ConnectionTrait, activity_id: i32) -> AppResult<Vec<PaperBatch>> {
    let batches = poll_paper_batch::Entity::find()
        .filter(poll_paper_batch::Column::ActivityId.eq(activity_id))
        .order_by_asc(poll_paper_batch::Column::CountedOn)
        .order_by_asc(poll_paper_batch::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let ids: Vec<i32> = batches.iter().map(|b| b.id).collect();
    let counts = poll_paper_count::Entity::find()
        .filter(poll_paper_count::Column::BatchId.is_in(ids.clone()))
        .all(db)
        .await
        .map_err(internal)?;
    let withdrawals = poll_paper_withdrawal::Entity::find()
        .filter(poll_paper_withdrawal::Column::BatchId.is_in(ids))
        .all(db)
        .await
        .map_err(internal)?;
    Ok(batches
        .into_iter()
        .map(|batch| PaperBatch {
            counts: counts.iter().filter(|c| c.batch_id == batch.id).cloned().collect(),
            withdrawal: withdrawals.iter().find(|w| w.batch_id == batch.id).cloned(),
            batch,
        })
        .collect())
}

/// One batch of paper votes of this poll, without its counts.
pub async fn paper_batch(
    db: &impl ConnectionTrait,
    activity_id: i32,
    batch_id: i32,
) -> AppResult<Option<poll_paper_batch::Model>> {
    poll_paper_batch::Entity::find_by_id(batch_id)
        .filter(poll_paper_batch::Column::ActivityId.eq(activity_id))
        .one(db)
        .await
        .map_err(internal)
}

/// Takes a batch of paper votes out of the totals, keeping it listed with when, by whom and why.
/// False when it was withdrawn already (the first withdrawal and its reason stand).
pub async fn withdraw_paper_batch<C>(
    txn: &C,
    batch_id: i32,
    by: i32,
    reason: &str,
    at: DateTime<Utc>,
) -> AppResult<bool>
where
    C: TransactionTrait + ConnectionTrait,
{
    let row = poll_paper_withdrawal::ActiveModel {
        batch_id: Set(batch_id),
        withdrawn_at: Set(at),
        withdrawn_by: Set(Some(by)),
        reason: Set(reason.to_owned()),
    };
    Ok(insert_unless_duplicate(txn, row).await?.is_some())
}
