//! The desk as the person who brings something in sees it: the form, their own cases with their
//! deadlines and messages, and answering the desk.

use super::cases::{self, StepChanges};
use super::views::{case_view, norm_view};
use super::{conversation, not_found, settings};
use crate::domain::desk::CaseStatus;
use crate::domain::initiatives::check_message;
use crate::domain::roles::can_work_desk;
use crate::domain::validation::{FieldError, Problem};
use crate::error::{AppError, AppResult};
use crate::model::initiatives::{CaseView, InitiativeFormPage, MyCase};
use crate::server::context::{internal, Reader, SignedIn};
use crate::server::writes::begin_write;
use crate::server::{submission, tenancy};

/// The form an initiative, idea or question is brought in with, with the desk's promise; the
/// token to send it with only for someone signed in.
pub async fn initiative_form(reader: &Reader) -> AppResult<InitiativeFormPage> {
    let settings = settings::of(&reader.state.db, reader.municipality_id.0).await?;
    Ok(InitiativeFormPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        areas: reader.municipality.areas.clone(),
        submission_token: reader.account.as_ref().map(|a| submission::token_for(&reader.state, a.id)),
        reader_area: reader.account.as_ref().and_then(|a| a.area_id),
        may_enter_for_others: reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)),
        norm: norm_view(settings.norm),
    })
}

/// The cases the signed-in person brought in, newest first.
pub async fn my_cases(signed_in: &SignedIn) -> AppResult<Vec<MyCase>> {
    let rows = cases::of_initiator(&signed_in.state.db, signed_in.account.id).await?;
    Ok(rows
        .into_iter()
        .map(|row| MyCase {
            id: row.id,
            status: cases::status_of(&row),
            number: row.number,
            title: row.title,
            received_on: row.received_on,
        })
        .collect())
}

/// One of the signed-in person's own cases; anyone else's is not found.
#[tracing::instrument(skip_all, fields(case = id))]
pub async fn my_case(signed_in: &SignedIn, id: i32) -> AppResult<CaseView> {
    let db = &signed_in.state.db;
    let row = cases::find_own(db, signed_in.account.id, id).await?.ok_or_else(not_found)?;
    let m = tenancy::find_by_id(db, row.municipality_id).await?.ok_or_else(not_found)?;
    let token = submission::token_for(&signed_in.state, signed_in.account.id);
    case_view(db, &m, &row, signed_in.state.clock.today(), Some(token)).await
}

/// The initiator answers the desk; when the desk was waiting for them, its clock runs again. The
/// same `submission_token` never adds the message twice. A refusal keeps what was typed.
#[tracing::instrument(skip_all, fields(case = case))]
pub async fn reply_to_desk(signed_in: &SignedIn, case: i32, submission_token: &str, body: &str) -> AppResult<()> {
    let (state, account) = (&signed_in.state, &signed_in.account);
    let row = cases::find_own(&state.db, account.id, case).await?.ok_or_else(not_found)?;
    let refuse = |problem: Problem| {
        AppError::validation_of(vec![FieldError::new("body", problem)], vec![("body".to_owned(), body.to_owned())])
    };
    let now = state.clock.now();
    if !submission::verify(&state.settings.form_key, account.id, submission_token, now.timestamp()) {
        return Err(refuse(Problem::FormExpired));
    }
    let text = check_message(body).map_err(refuse)?;
    if cases::status_of(&row).is_finished() {
        return Err(refuse(Problem::StepNotAllowed));
    }
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let key = submission::key(submission_token, &format!("case:{case}"));
    if conversation::add_message(&txn, row.id, false, account.id, &text, Some(key), now).await?.is_none() {
        // Sent before (a second click): the first one stands.
        return txn.rollback().await.map_err(internal);
    }
    if cases::status_of(&row) == CaseStatus::WaitingForInitiator {
        cases::take_step(&txn, &row, CaseStatus::InProgress, StepChanges::default(), Some(account.id), now).await?;
    }
    txn.commit().await.map_err(internal)
}
