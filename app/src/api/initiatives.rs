//! Residents' own initiatives, ideas and questions at the participation desk: bringing one in (or
//! a desk officer doing so for someone at the counter, by phone or by letter), following one's own
//! cases with their deadlines and messages, answering the desk, and the public register where
//! other residents support initiatives. What the desk does with a case is in `api::desk`.
use crate::error::AppError;
use crate::model::initiatives::*;
use leptos::prelude::*;

/// What the form to bring in an initiative needs.
#[server(endpoint = "get_initiative_form")]
pub async fn get_initiative_form(municipality: String) -> Result<InitiativeFormPage, AppError> {
    use crate::server::{context, desk};
    desk::initiative_form(&context::reader(&municipality).await?).await
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
    desk::my_cases(&context::signed_in().await?).await
}

/// One of the reader's own cases; anyone else's is not found.
#[server(endpoint = "get_my_case")]
pub async fn get_my_case(id: i32) -> Result<CaseView, AppError> {
    use crate::server::{context, desk};
    desk::my_case(&context::signed_in().await?, id).await
}

/// The initiator answers the desk. When the desk was waiting for them, the clock runs again.
#[server(endpoint = "reply_to_desk")]
pub async fn reply_to_desk(case: i32, submission_token: String, body: String) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let signed_in = context::signed_in().await?;
    desk::reply_to_desk(&signed_in, case, &submission_token, &body).await.map_err(context::answer_with)?;
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
    use crate::server::{context, desk};
    desk::register_page(&context::reader(&municipality).await?, &sort, &page).await
}

/// A public initiative; a case that is not public is not found.
#[server(endpoint = "get_public_initiative")]
pub async fn get_public_initiative(municipality: String, id: i32) -> Result<PublicInitiative, AppError> {
    use crate::server::{context, desk};
    desk::public_initiative(&context::reader(&municipality).await?, id).await
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
