//! Bringing an initiative, idea or question to the desk: the case gets its number and its clock,
//! the initiator a receipt that says when they hear from the desk.

use super::cases::{self, NewCase};
use super::{conversation, ideas, settings, views};
use crate::domain::initiatives::check_initiative;
use crate::domain::roles::can_work_desk;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::model::initiatives::InitiativeSubmission;
use crate::server::audit::{self, AuditEntry};
use crate::server::context::{internal, Reader};
use crate::server::entities::{desk_case, user};
use crate::server::letters::{CaseKind, Letter};
use crate::server::mail;
use crate::server::submission;
use crate::server::writes::begin_write;

/// The case a submission made, or the one the same form made before.
pub struct Submitted {
    pub case: desk_case::Model,
    pub new: bool,
}

/// Brings `by`'s initiative in at the desk of `reader`'s municipality (or, with `on_behalf`,
/// enters someone else's when `by` works the desk). The same submission token never makes two
/// cases.
#[tracing::instrument(skip_all, fields(municipality = reader.municipality_id.0))]
pub async fn submit_initiative(reader: &Reader, by: &user::Model, form: &InitiativeSubmission) -> AppResult<Submitted> {
    let for_someone_else = form.for_someone_else();
    if for_someone_else && !reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)) {
        return Err(AppError::Forbidden);
    }
    // An idea brought in inside a trajectory's "ideas" activity: while it is open, by whom the
    // rules of play invite.
    let in_activity = match form.activity.trim() {
        "" => None,
        raw => Some(ideas::open_ideas_activity(reader, raw).await?),
    };
    let state = &reader.state;
    let now = state.clock.now();
    if !submission::verify(&state.settings.form_key, by.id, &form.submission_token, now.timestamp()) {
        return Err(AppError::refused("title", Problem::FormExpired));
    }
    let activity_id = in_activity.transpose().map_err(|problem| AppError::refused("title", problem))?;
    let areas: Vec<i32> = reader.municipality.areas.iter().map(|a| a.id).collect();
    let initiative = check_initiative(&form.initiative(), &areas)
        .map_err(|checks| AppError::validation_of(checks.into_errors(), Vec::new()))?;
    let settings = settings::of(&state.db, reader.municipality_id.0).await?;
    let key = submission::key(&form.submission_token, "desk");
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let new_case = NewCase {
        municipality_id: reader.municipality_id.0,
        municipality_slug: &reader.municipality.slug,
        initiative: &initiative,
        initiator_id: (!for_someone_else).then_some(by.id),
        entered_by: for_someone_else.then_some(by.id),
        activity_id,
        submission_key: key.clone(),
        norm: settings.norm,
        now,
    };
    let Some(case) = cases::submit(&txn, new_case).await? else {
        // The same form was sent before: the case that one made.
        drop(txn);
        let existing = cases::find_by_key(&state.db, &key).await?.ok_or(AppError::NotFound)?;
        return Ok(Submitted { case: existing, new: false });
    };
    if !for_someone_else {
        // Only new cases count against the limit, so a retried request is never refused.
        state.throttle.check_posting(&txn, now, by.id).await?;
    }
    if let Some((to, language)) = conversation::initiator_address(&txn, &case).await? {
        let link = views::case_link(&state.settings.public_url, case.id);
        let receipt = Letter::CaseReceived {
            municipality: &reader.municipality.name,
            kind: CaseKind::parse(&case.kind),
            title: &case.title,
            number: &case.number,
            acknowledge_by: case.acknowledge_by,
            answer_by: case.answer_by,
            follow: case.initiator_id.is_some().then_some(link.as_str()),
        };
        mail::send(&txn, &to, language, &receipt, None).await?;
    }
    let action = if for_someone_else { "enter_initiative_for_someone" } else { "submit_initiative" };
    let details = format!("desk case {} ({})", case.number, case.kind);
    let entry =
        AuditEntry { municipality: Some(reader.municipality_id.0), actor: Some(by.id), action, details, at: now };
    audit::record(&txn, entry).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(Submitted { case, new: true })
}
