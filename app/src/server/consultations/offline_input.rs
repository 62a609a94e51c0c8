//! Input from every channel ("digitaal waar het kan, persoonlijk waar het moet"): a desk officer
//! or project lead enters what came in at the counter, by phone, letter, e-mail or at a meeting,
//! on behalf of a resident. From then on it is input like any other.

use super::{insert_comment, insert_meeting, meetings, NewComment, Reading};
use crate::domain::consultations::{check_offline, InputStatus, MeetingChoice};
use crate::domain::trajectories::Status;
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::offline_input::OfflineInputForm;
use crate::server::audit::{self, AuditEntry};
use crate::server::context::internal;
use crate::server::entities::input;
use crate::server::submission;
use crate::server::writes::begin_write;

/// May `reading`'s reader enter input for others here? Not in a trajectory still in draft.
pub fn check_may_enter(reading: &Reading) -> AppResult<()> {
    match (reading.account.is_some(), reading.can_enter_for_others()) {
        (false, _) => Err(AppError::Unauthenticated),
        (true, false) => Err(AppError::Forbidden),
        _ if reading.found.trajectory.status == Status::Draft => Err(AppError::Conflict),
        _ => Ok(()),
    }
}

/// Stores input received offline, entered by staff member `by`. A meeting can be chosen from the
/// trajectory's meetings or made here. The same form sent twice stores it once.
#[tracing::instrument(skip_all, fields(consultation = reading.found.activity.id))]
pub async fn enter_offline_input(reading: &Reading, by: i32, form: &OfflineInputForm) -> AppResult<input::Model> {
    check_may_enter(reading)?;
    let found = &reading.found;
    let state = &reading.state;
    let db = &state.db;
    let meeting_ids: Vec<i32> = meetings(db, found.trajectory.row.id).await?.iter().map(|m| m.id).collect();
    let mut checks = Checks::new();
    let (opens, closes) = (found.phase.starts_on, found.phase.ends_on);
    let checked = check_offline(&mut checks, &form.offline(), opens, closes, state.clock.today(), &meeting_ids);
    let section = checks.field("section", found.section_named(&form.section));
    let now = state.clock.now().timestamp();
    if !submission::verify(&state.settings.form_key, by, &form.submission_token, now) {
        checks.add("body", Problem::FormExpired);
    }
    let (Some(input), Some(section), true) = (checked, section, checks.is_empty()) else {
        return Err(AppError::validation_of(checks.into_errors(), Vec::new()));
    };
    let txn = begin_write(db).await.map_err(internal)?;
    let meeting_id = match &input.meeting {
        None => None,
        Some(MeetingChoice::Existing(id)) => Some(*id),
        Some(MeetingChoice::New { title, held_on }) => {
            Some(insert_meeting(&txn, found.trajectory.row.id, title, *held_on, by, state.clock.now()).await?)
        }
    };
    let comment = NewComment {
        section_id: section,
        channel: input.channel,
        on_behalf_name: input.name.clone(),
        contact_consent: input.contact_consent,
        contact: input.contact.clone(),
        entered_by: Some(by),
        received_on: Some(input.received_on),
        meeting_id,
        body: input.body.clone(),
        status: InputStatus::Visible,
        submission_key: submission::key(&form.submission_token, "offline"),
        ..NewComment::online(reading)
    };
    let (stored, new) = insert_comment(&txn, comment).await?;
    if !new {
        // The same form again: the meeting made the first time is already there.
        return Ok(stored);
    }
    let details = format!(
        "input {} received {} on {} entered for consultation {}",
        stored.id,
        input.channel.as_str(),
        input.received_on,
        found.activity.id
    );
    let entry = AuditEntry {
        municipality: Some(reading.municipality_id.0),
        actor: Some(by),
        action: "enter_offline_input",
        details,
        at: state.clock.now(),
    };
    audit::record(&txn, entry).await?;
    txn.commit().await.map_err(internal)?;
    Ok(stored)
}
