//! Residents' own initiatives, ideas and questions at the participation desk: bringing one in (or
//! a desk officer doing so for someone at the counter, by phone or by letter), following one's own
//! cases with their deadlines and messages, answering the desk, and the public register where
//! other residents support initiatives. What the desk does with a case is in `api::desk`.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::desk::CaseStatus;
use crate::error::AppError;
pub use crate::model::initiatives::*;
#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;

/// What the form to bring in an initiative needs.
#[server(endpoint = "get_initiative_form")]
pub async fn get_initiative_form(municipality: String) -> Result<InitiativeFormPage, AppError> {
    use crate::domain::roles::can_work_desk;
    use crate::server::{context, desk, submission};
    let reader = context::reader(&municipality).await?;
    let settings = desk::settings::of(&reader.state.db, reader.municipality_id.0).await?;
    let token = reader
        .account
        .as_ref()
        .map(|a| submission::issue(&reader.state.settings.form_key, a.id, Utc::now().timestamp()));
    Ok(InitiativeFormPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        areas: reader.municipality.areas.clone(),
        submission_token: token,
        reader_area: reader.account.as_ref().and_then(|a| a.area_id),
        may_enter_for_others: reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)),
        norm: crate::server::desk::views::norm_view(settings.norm),
    })
}

/// Brings an initiative, idea or question to the municipality's desk. With `on_behalf` set, a
/// desk officer enters it for someone helped at the counter, by phone or by letter. The same
/// `submission_token` never makes two cases.
#[server(endpoint = "submit_initiative")]
pub async fn submit_initiative(
    municipality: String,
    #[server(flatten)] form: InitiativeSubmission,
) -> Result<i32, AppError> {
    use crate::server::{context, desk};
    let reader = context::reader(&municipality).await?;
    let account = reader.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let submitted = desk::submit_initiative(&reader, &account, &form)
        .await
        .map_err(|error| context::answer_with(error.refilled(form.typed())))?;
    let case = submitted.case.id;
    if form.for_someone_else() {
        leptos_axum::redirect(&format!("/beheer/{}/loket/zaken/{case}?ingevoerd=1", reader.municipality.slug));
    } else {
        leptos_axum::redirect(&format!("/account/zaken/{case}?ontvangen=1"));
    }
    Ok(case)
}

/// The reader's own cases, newest first.
#[server(endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<Vec<MyCase>, AppError> {
    use crate::server::{context, desk};
    let signed_in = context::signed_in().await?;
    Ok(desk::cases::of_initiator(&signed_in.state.db, signed_in.account.id)
        .await?
        .into_iter()
        .map(|row| MyCase {
            id: row.id,
            status: desk::cases::status_of(&row),
            number: row.number,
            title: row.title,
            received_on: row.received_on,
        })
        .collect())
}

/// One of the reader's own cases; anyone else's is not found.
#[server(endpoint = "get_my_case")]
pub async fn get_my_case(id: i32) -> Result<CaseView, AppError> {
    use crate::server::{clock, context, desk, submission, tenancy};
    let signed_in = context::signed_in().await?;
    let db = &signed_in.state.db;
    let row = desk::cases::find_own(db, signed_in.account.id, id).await?.ok_or_else(desk::not_found)?;
    let m = tenancy::find_by_id(db, row.municipality_id).await?.ok_or_else(desk::not_found)?;
    let token = submission::issue(&signed_in.state.settings.form_key, signed_in.account.id, Utc::now().timestamp());
    crate::server::desk::views::case_view(db, &m, &row, clock::today(), Some(token)).await
}

/// The initiator answers the desk. When the desk was waiting for them, the clock runs again.
#[server(endpoint = "reply_to_desk")]
pub async fn reply_to_desk(case: i32, submission_token: String, body: String) -> Result<(), AppError> {
    use crate::domain::initiatives::check_message;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::desk::{self, cases::StepChanges};
    use crate::server::{context, submission};

    let signed_in = context::signed_in().await?;
    let state = &signed_in.state;
    let account = &signed_in.account;
    let row = desk::cases::find_own(&state.db, account.id, case).await?.ok_or_else(desk::not_found)?;
    let typed = vec![("body".to_owned(), body.clone())];
    let refuse = |problem: Problem| {
        context::answer_with(AppError::validation_of(vec![FieldError::new("body", problem)], typed.clone()))
    };
    let now = Utc::now();
    if !submission::verify(&state.settings.form_key, account.id, &submission_token, now.timestamp()) {
        return Err(refuse(Problem::FormExpired));
    }
    let text = check_message(&body).map_err(refuse)?;
    if desk::cases::status_of(&row).is_finished() {
        return Err(refuse(Problem::StepNotAllowed));
    }
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let key = submission::key(&submission_token, &format!("case:{case}"));
    if desk::conversation::add_message(&txn, row.id, false, account.id, &text, Some(key), now).await?.is_none() {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("/account/zaken/{case}?verstuurd=1#berichten"));
        return Ok(());
    }
    if desk::cases::status_of(&row) == CaseStatus::WaitingForInitiator {
        desk::cases::take_step(&txn, &row, CaseStatus::InProgress, StepChanges::default(), Some(account.id), now)
            .await?;
    }
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/account/zaken/{case}?verstuurd=1#berichten"));
    Ok(())
}

/// The public register of the municipality's initiatives, with the council's list, the norms
/// and the published figures.
#[server(endpoint = "get_register")]
pub async fn get_register(
    municipality: String,
    #[server(default)] sort: String,
    #[server(default)] page: String,
) -> Result<RegisterPage, AppError> {
    use crate::domain::consultations::page_count;
    use crate::domain::initiatives::PAGE_SIZE;
    use crate::server::desk::{self, register::RegisterOrder};
    use crate::server::{clock, context};
    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let m = &reader.municipality;
    let most_supported = sort == "steun";
    let order = if most_supported { RegisterOrder::MostSupported } else { RegisterOrder::Newest };
    let page = crate::domain::paging::page_number(&page);
    let (rows, total) = desk::register::page(db, m.id, order, page).await?;
    let settings = desk::settings::of(db, m.id).await?;
    let council = desk::register::council_list(db, m.id).await?;
    Ok(RegisterPage {
        municipality_slug: m.slug.clone(),
        municipality_name: m.name.clone(),
        items: rows.iter().map(|r| crate::server::desk::views::register_item(m, r)).collect(),
        total,
        page,
        pages: page_count(total, PAGE_SIZE),
        most_supported,
        council_list: council.iter().map(|r| crate::server::desk::views::register_item(m, r)).collect(),
        support_threshold: settings.support_threshold,
        norm: crate::server::desk::views::norm_view(settings.norm),
        figures: desk::figures::per_quarter(db, m.id, clock::today()).await?,
    })
}

/// A public initiative; a case that is not public is not found.
#[server(endpoint = "get_public_initiative")]
pub async fn get_public_initiative(municipality: String, id: i32) -> Result<PublicInitiative, AppError> {
    use crate::domain::initiatives::SupportKind;
    use crate::server::{context, desk};
    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let row =
        desk::cases::find(db, reader.municipality_id.0, id).await?.filter(|c| c.public).ok_or_else(desk::not_found)?;
    let may_support = match &reader.account {
        None => MaySupport::SignIn,
        Some(a) if row.initiator_id == Some(a.id) => MaySupport::Own,
        Some(a) if !a.email_confirmed() => MaySupport::ConfirmEmail,
        Some(a) => MaySupport::Yes { supported: desk::register::supported_by(db, row.id, a.id).await? },
    };
    let settings = desk::settings::of(db, reader.municipality_id.0).await?;
    Ok(PublicInitiative {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        item: crate::server::desk::views::register_item(&reader.municipality, &row),
        description: row.description.clone(),
        support_asked: SupportKind::split(&row.support_asked).iter().map(|k| k.as_str().to_owned()).collect(),
        may_support,
        support_threshold: settings.support_threshold,
    })
}

/// Supports a public initiative (`support` = "1") or takes the support back. One support per
/// person; not on one's own initiative.
#[server(endpoint = "support_initiative")]
pub async fn support_initiative(municipality: String, id: i32, support: String) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let reader = context::reader(&municipality).await?;
    desk::support_initiative(&reader, id, support == "1").await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/initiatieven/{id}#steun", reader.municipality.slug));
    Ok(())
}
