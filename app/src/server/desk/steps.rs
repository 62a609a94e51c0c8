//! What the desk does with a case: move it along its steps, give it to a colleague, write to the
//! initiator, keep an internal note. The initiator hears of each step by e-mail.

use super::cases::{self, StepChanges};
use super::{conversation, officers, tell_initiator, walk_to, Working};
use crate::domain::desk::CaseStatus;
use crate::domain::initiatives::check_message;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::server::audit::{self, AuditEntry};
use crate::server::context::internal;
use crate::server::entities::{desk_case, trajectory};
use crate::server::letters::CaseNews;
use crate::server::submission::{self, Claim, Submit};
use crate::server::writes::begin_write;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn record(
    txn: &impl sea_orm::ConnectionTrait,
    working: &Working,
    action: &'static str,
    details: String,
) -> AppResult<()> {
    let entry = AuditEntry {
        municipality: Some(working.municipality_id.0),
        actor: Some(working.me()),
        action,
        details,
        at: working.signed_in.state.clock.now(),
    };
    audit::record(txn, entry).await
}

/// Moves case `row` on to `to` (acknowledged, in progress, closed, or forwarded to the trajectory
/// `forward_to` names). The steps in between are taken too.
#[tracing::instrument(skip_all, fields(case = row.id, to))]
pub async fn move_case(working: &Working, row: &desk_case::Model, to: &str, forward_to: &str) -> AppResult<CaseStatus> {
    let state = &working.signed_in.state;
    let target = CaseStatus::parse(to)
        .filter(|t| {
            matches!(t, CaseStatus::Acknowledged | CaseStatus::InProgress | CaseStatus::Closed | CaseStatus::Forwarded)
        })
        .ok_or_else(|| AppError::refused("to", Problem::ChoiceInvalid))?;
    let forwarded = if target == CaseStatus::Forwarded {
        let id = forward_to.trim().parse::<i32>().map_err(|_| AppError::refused("trajectory", Problem::Required))?;
        let found = trajectory::Entity::find_by_id(id)
            .filter(trajectory::Column::MunicipalityId.eq(working.municipality_id.0))
            .one(&state.db)
            .await
            .map_err(internal)?
            .ok_or_else(|| AppError::refused("trajectory", Problem::ChoiceInvalid))?;
        Some(found)
    } else {
        None
    };
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let changes = StepChanges { owner: None, forwarded_to: forwarded.as_ref().map(|t| t.id) };
    let Some(moved) = walk_to(&txn, row, target, changes, working.me(), state.clock.now()).await? else {
        return Err(AppError::refused("to", Problem::StepNotAllowed));
    };
    let forward_link = forwarded
        .as_ref()
        .map(|t| format!("{}/{}/trajecten/{}", state.settings.public_url, working.municipality.slug, t.id));
    let news = match target {
        CaseStatus::Acknowledged => CaseNews::Acknowledged { title: &moved.title, answer_by: moved.answer_by },
        CaseStatus::InProgress => CaseNews::InProgress { title: &moved.title },
        CaseStatus::Closed => CaseNews::Closed { title: &moved.title },
        _ => CaseNews::Forwarded {
            title: &moved.title,
            trajectory: forwarded.as_ref().map(|t| t.title.as_str()).unwrap_or_default(),
            link: forward_link.as_deref().unwrap_or_default(),
        },
    };
    tell_initiator(&txn, working, &moved, news).await?;
    record(&txn, working, "move_desk_case", format!("desk case {} to {}", moved.number, target.as_str())).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(target)
}

/// Gives case `row` to the desk officer `owner` names; a case not yet in progress is taken in
/// progress. Conflict for a finished case, or one a colleague moved meanwhile.
#[tracing::instrument(skip_all, fields(case = row.id))]
pub async fn assign_case(working: &Working, row: &desk_case::Model, owner: &str) -> AppResult<()> {
    let state = &working.signed_in.state;
    let officers = officers(&state.db, working.municipality_id.0).await?;
    let problem = if owner.trim().is_empty() { Problem::Required } else { Problem::ChoiceInvalid };
    let owner_id = owner
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|o| officers.iter().any(|(id, _)| id == o))
        .ok_or_else(|| AppError::refused("owner", problem))?;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let status = cases::status_of(row);
    if matches!(status, CaseStatus::Received | CaseStatus::Acknowledged) {
        let changes = StepChanges { owner: Some(owner_id), forwarded_to: None };
        if walk_to(&txn, row, CaseStatus::InProgress, changes, working.me(), now).await?.is_none() {
            return Err(AppError::Conflict);
        }
    } else if status.is_finished() {
        return Err(AppError::Conflict);
    } else {
        cases::set_owner(&txn, row.id, owner_id, now).await?;
    }
    record(&txn, working, "assign_desk_case", format!("desk case {} given to account {owner_id}", row.number)).await?;
    txn.commit().await.map_err(internal)
}

/// What the desk writes to the initiator, and what it does with the case then.
pub struct DeskMessage<'a> {
    pub submission_token: &'a str,
    pub body: &'a str,
    /// "" (only a message), "ask" (wait for their answer: the clock stands still) or "answer"
    /// (the substantive answer).
    pub then: &'a str,
}

/// Sends the initiator of case `row` a message, by e-mail and on their case page. The same form
/// sent twice sends it once.
#[tracing::instrument(skip_all, fields(case = row.id))]
pub async fn message_initiator(working: &Working, row: &desk_case::Model, message: &DeskMessage<'_>) -> AppResult<()> {
    let state = &working.signed_in.state;
    let now = state.clock.now();
    if !submission::verify(&state.settings.form_key, working.me(), message.submission_token, now.timestamp()) {
        return Err(AppError::refused("body", Problem::FormExpired));
    }
    let text = check_message(message.body).map_err(|p| AppError::refused("body", p))?;
    let target = match message.then {
        "" => None,
        "ask" => Some(CaseStatus::WaitingForInitiator),
        "answer" => Some(CaseStatus::Answered),
        _ => return Err(AppError::refused("then", Problem::ChoiceInvalid)),
    };
    if cases::status_of(row).is_finished() {
        return Err(AppError::refused("body", Problem::StepNotAllowed));
    }
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let key = submission::key(message.submission_token, &format!("desk-message:{}", row.id));
    let Some(_) = conversation::add_message(&txn, row.id, true, working.me(), &text, Some(key), now).await? else {
        // The same form again: the first one stands.
        return Ok(());
    };
    let mut current = row.clone();
    if let Some(target) = target {
        match walk_to(&txn, row, target, StepChanges::default(), working.me(), now).await? {
            Some(moved) => current = moved,
            None => return Err(AppError::refused("then", Problem::StepNotAllowed)),
        }
    }
    let news = match target {
        Some(CaseStatus::WaitingForInitiator) => CaseNews::Question { text: &text },
        Some(CaseStatus::Answered) => CaseNews::Answer { text: &text },
        _ => CaseNews::Message { text: &text },
    };
    tell_initiator(&txn, working, &current, news).await?;
    let then = target.map(|t| format!(", now {}", t.as_str())).unwrap_or_default();
    record(&txn, working, "message_initiator", format!("message on desk case {}{then}", row.number)).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// An internal note on case `row`, for colleagues at the desk only. The same form sent twice
/// keeps one note.
#[tracing::instrument(skip_all, fields(case = row.id))]
pub async fn add_note(working: &Working, row: &desk_case::Model, note: &str, submission_token: &str) -> AppResult<()> {
    let state = &working.signed_in.state;
    let text = check_message(note).map_err(|problem| AppError::refused("note", problem))?;
    let target = format!("desk_note:{}", row.id);
    let submit = Submit::verified(state, working.me(), submission_token, &target)
        .ok_or_else(|| AppError::refused("note", Problem::FormExpired))?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let note = conversation::add_note(&txn, row.id, working.me(), &text, state.clock.now()).await?;
    // A repeat leaves the first note as the only one.
    if submit.claim(&txn, note).await? == Claim::First {
        txn.commit().await.map_err(internal)?;
    }
    Ok(())
}
