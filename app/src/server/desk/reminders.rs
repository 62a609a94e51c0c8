//! Reminders about deadlines: when a case's deadline is near (today or the next working day) or
//! has passed without the step it asks for, its owner and the desk's coordinator get one e-mail
//! of each kind. The `desk_alerts` primary key makes "once" hold however often this runs and
//! however many servers run it.

use super::settings;
use crate::domain::working_days::deadline;
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{desk_alert, desk_case, municipality, role_grant, user};
use crate::server::letters::{Deadline, Language, Letter};
use crate::server::mail;
use crate::server::unique::insert_unless_duplicate;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    AcknowledgeNear,
    AcknowledgePassed,
    AnswerNear,
    AnswerPassed,
}

impl Reminder {
    pub fn as_str(self) -> &'static str {
        match self {
            Reminder::AcknowledgeNear => "acknowledge_near",
            Reminder::AcknowledgePassed => "acknowledge_passed",
            Reminder::AnswerNear => "answer_near",
            Reminder::AnswerPassed => "answer_passed",
        }
    }

    /// The deadline this reminder is about, as a letter tells it.
    fn deadline(self, by: NaiveDate) -> Deadline {
        match self {
            Reminder::AcknowledgeNear => Deadline::AcknowledgeSoon(by),
            Reminder::AcknowledgePassed => Deadline::AcknowledgeLate(by),
            Reminder::AnswerNear => Deadline::AnswerSoon(by),
            Reminder::AnswerPassed => Deadline::AnswerLate(by),
        }
    }
}

/// The reminders a case is due on `today`; `near` is the next working day.
pub fn due(case: &desk_case::Model, today: NaiveDate, near: NaiveDate) -> Vec<(Reminder, NaiveDate)> {
    let mut due = Vec::new();
    if case.acknowledged_on.is_none() {
        let by = case.acknowledge_by;
        if today > by {
            due.push((Reminder::AcknowledgePassed, by));
        } else if by <= near {
            due.push((Reminder::AcknowledgeNear, by));
        }
    }
    if let (None, Some(by)) = (case.answered_on, case.answer_by) {
        if today > by {
            due.push((Reminder::AnswerPassed, by));
        } else if by <= near {
            due.push((Reminder::AnswerNear, by));
        }
    }
    due
}

/// Sends the reminders due at `now`; returns how many went out.
pub async fn send_due(db: &DatabaseConnection, public_url: &str, now: chrono::DateTime<Utc>) -> AppResult<usize> {
    let today = crate::server::clock::dutch_day(now);
    let near = deadline(today, 1, &[]).unwrap_or(today);
    let cases = desk_case::Entity::find()
        .filter(super::queue::unfinished())
        .filter(
            Condition::any()
                .add(desk_case::Column::AcknowledgedOn.is_null().and(desk_case::Column::AcknowledgeBy.lte(near)))
                .add(desk_case::Column::AnsweredOn.is_null().and(desk_case::Column::AnswerBy.lte(near))),
        )
        .all(db)
        .await
        .map_err(internal)?;
    let mut sent = 0;
    for case in cases {
        for (reminder, by) in due(&case, today, near) {
            let txn = crate::server::writes::begin_write(db).await.map_err(internal)?;
            let alert = desk_alert::ActiveModel {
                case_id: Set(case.id),
                kind: Set(reminder.as_str().to_owned()),
                sent_at: Set(now),
            };
            if insert_unless_duplicate(&txn, alert).await?.is_none() {
                txn.rollback().await.map_err(internal)?;
                continue;
            }
            let slug = municipality::Entity::find_by_id(case.municipality_id)
                .one(&txn)
                .await
                .map_err(internal)?
                .map(|m| m.slug)
                .unwrap_or_default();
            let link = format!("{public_url}/beheer/{slug}/loket/zaken/{}", case.id);
            let letter = Letter::DeskDeadline {
                number: &case.number,
                title: &case.title,
                deadline: reminder.deadline(by),
                link: &link,
            };
            for (to, language) in recipients(&txn, &case).await? {
                mail::send(&txn, &to, language, &letter, None).await?;
                sent += 1;
            }
            txn.commit().await.map_err(internal)?;
        }
    }
    Ok(sent)
}

/// The owner and the coordinator; when neither is known, every desk officer of the municipality,
/// so a reminder never goes nowhere. Each in their own language.
async fn recipients(db: &impl sea_orm::ConnectionTrait, case: &desk_case::Model) -> AppResult<Vec<(String, Language)>> {
    let coordinator = settings::of(db, case.municipality_id).await?.coordinator_id;
    let mut ids: Vec<i32> = case.owner_id.into_iter().chain(coordinator).collect();
    if ids.is_empty() {
        ids = role_grant::Entity::find()
            .filter(role_grant::Column::MunicipalityId.eq(case.municipality_id))
            .filter(role_grant::Column::Role.eq("desk_officer"))
            .all(db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|g| g.user_id)
            .collect();
    }
    ids.sort_unstable();
    ids.dedup();
    let accounts = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await.map_err(internal)?;
    Ok(accounts.into_iter().map(|a| (a.email, Language::of(a.locale.as_deref()))).collect())
}
