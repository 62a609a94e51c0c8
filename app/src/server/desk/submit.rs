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
use crate::server::mail::{self, Mail};
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
        if let Err(wait) = state.throttle.check_posting(by.id) {
            return Err(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) });
        }
    }
    if let Some(to) = conversation::initiator_address(&txn, &case).await? {
        let receipt = receipt(&reader.municipality.name, &case, &state.settings.public_url);
        mail::enqueue(&txn, Mail { to: &to, subject: &receipt.0, body: receipt.1, unsubscribe_url: None }).await?;
    }
    let action = if for_someone_else { "enter_initiative_for_someone" } else { "submit_initiative" };
    let details = format!("desk case {} ({})", case.number, case.kind);
    let entry = AuditEntry { municipality: Some(reader.municipality_id.0), actor: Some(by.id), action, details };
    audit::record(&txn, entry).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(Submitted { case, new: true })
}

/// The receipt: subject and body.
fn receipt(municipality: &str, case: &desk_case::Model, public_url: &str) -> (String, String) {
    let link = if case.initiator_id.is_some() {
        format!("Volg je zaak: {}\n\n", views::case_link(public_url, case.id))
    } else {
        String::new()
    };
    let body = format!(
        "Hallo,\n\nHet participatieloket van {municipality} heeft je {kind} \"{title}\" ontvangen.\n\
         Je zaaknummer is {number}.\n\n\
         Wat je kunt verwachten:\n\
         - uiterlijk {ack} laten we weten wie je zaak oppakt;\n\
         - uiterlijk {answer} krijg je een inhoudelijk antwoord.\n\
         Vragen wij jou iets, dan staat de klok stil tot je antwoordt.\n\n{link}\
         Met vriendelijke groet,\nHet participatieloket van {municipality}\n",
        kind = kind_word(&case.kind),
        title = case.title,
        number = case.number,
        ack = case.acknowledge_by.format("%d-%m-%Y"),
        answer = case.answer_by.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default(),
    );
    (format!("Ontvangen: {} ({})", case.title, case.number), body)
}

/// The Dutch word for a kind of case, in mail.
fn kind_word(kind: &str) -> &'static str {
    match kind {
        "idea" => "idee",
        "question" => "vraag",
        _ => "initiatief",
    }
}
