//! Registering, verifying the e-mail address, logging in and out.

use crate::error::AppError;
use crate::model::accounts::*;
use leptos::prelude::*;

#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
    use crate::server::context;
    let state = context::app_state()?;
    let session = context::session().await?;
    Ok(context::current_account(&state, &session).await?.map(|(account, actor)| AccountSummary {
        display_name: account.display_name,
        email: account.email,
        email_verified: account.email_verified_at.is_some(),
        platform_admin: actor.platform_admin,
        staff: actor.is_staff_anywhere(),
        birth_date: account.birth_date,
        area_id: account.area_id,
    }))
}

/// Creates an account and mails a verification link. To avoid telling strangers which addresses
/// have an account, an address that is already registered gets the same answer on screen; its
/// owner is told by e-mail instead.
#[server(endpoint = "register")]
pub async fn register(#[server(flatten)] form: RegistrationForm) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let (state, session) = (context::app_state()?, context::session().await?);
    accounts::register(&state, &session, &context::client_ip(), &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/registreren/klaar");
    Ok(())
}

/// Where the confirmation mail of the registration in this browser went, and where the person
/// came from: for the page after registering. None when nobody registered here.
#[server(endpoint = "pending_registration")]
pub async fn pending_registration() -> Result<Option<WaitingRegistration>, AppError> {
    use crate::server::{accounts, context};
    accounts::pending_registration(&context::session().await?).await
}

/// Sends the confirmation mail of this browser's registration again: a new link while the address
/// is unconfirmed, the "you already have an account" mail otherwise, so the screen says the same
/// either way. Counted with registrations by the same throttle.
#[server(endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let (state, session) = (context::app_state()?, context::session().await?);
    accounts::resend_confirmation(&state, &session, &context::client_ip()).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/registreren/klaar?opnieuw=1");
    Ok(())
}

/// Confirms an e-mail address with the token from the link. This is a POST behind a button on the
/// page the link opens, because mail scanners open links and would otherwise use up the token.
#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    accounts::verify_email(&context::app_state()?, &token).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/inloggen?bevestigd=1");
    Ok(())
}

#[server(endpoint = "log_in")]
pub async fn log_in(#[server(flatten)] form: LogInForm) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let (state, session) = (context::app_state()?, context::session().await?);
    let signed_in =
        accounts::log_in(&state, &session, &context::client_ip(), &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&signed_in.landing);
    Ok(())
}

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::server::context;
    let session = context::session().await?;
    // Deletes the session from the store, so a copied cookie stops working too.
    session.flush().await.map_err(context::internal)?;
    leptos_axum::redirect("/");
    Ok(())
}
