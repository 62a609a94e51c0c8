//! Signing in with an e-mail address and a password.

use super::{actor_of, find_by_email, set_language};
use crate::domain::accounts::Email;
use crate::domain::navigation::safe_next;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::model::accounts::LogInForm;
use crate::server::context::{self, internal, SESSION_SIGNED_IN_AT, SESSION_USER};
use crate::server::passwords;
use crate::server::state::AppState;
use crate::server::throttle::Guarded;
use tower_sessions::Session;

/// Where a person who just signed in goes next.
pub struct Landing {
    pub landing: String,
}

/// Signs in from `client` (throttled per address and per account). A wrong address and a wrong
/// password get the same answer in the same time. The session gets a new id, so an id planted
/// before sign-in is worthless afterwards.
#[tracing::instrument(skip_all)]
pub async fn log_in(state: &AppState, session: &Session, client: &str, form: &LogInForm) -> AppResult<Landing> {
    // The turn first: an attempt answered "busy" must not use up one of the person's tries.
    let turn = passwords::hashing_turn().await?;
    state.throttle.check(&state.db, state.clock.now(), Guarded::LogIn, client, Some(form.email.trim())).await?;
    let account = match Email::parse(&form.email) {
        Ok(parsed) => find_by_email(&state.db, &parsed).await?,
        Err(_) => None,
    };
    // Verify against a dummy hash when there is no account: same answer, same time.
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    let matches = passwords::verify_password_in(turn, form.password.clone(), hash).await?;
    let Some(account) = account.filter(|_| matches) else {
        tracing::info!(event = "login_failed", "login failed");
        let typed = vec![("email".to_owned(), form.email.clone()), ("next".to_owned(), form.next.clone())];
        return Err(AppError::refused("email", Problem::CredentialsInvalid).refilled(typed));
    };
    session.cycle_id().await.map_err(internal)?;
    session.insert(SESSION_USER, account.id).await.map_err(internal)?;
    session.insert(SESSION_SIGNED_IN_AT, state.clock.now().timestamp()).await.map_err(internal)?;
    if let Some(device) = context::user_agent().as_deref().and_then(crate::domain::sessions::device_of) {
        session.insert(context::SESSION_DEVICE, device).await.map_err(internal)?;
    }
    tracing::info!(event = "login", user_id = account.id, "signed in");
    if let Some(language) = context::chosen_language().filter(|l| Some(l.code()) != account.locale.as_deref()) {
        set_language(&state.db, account.id, language).await?;
    }
    // Without a page to return to, staff land on their work (the administration overview with
    // their municipalities' desks, queues and trajectories), residents on their account.
    let is_staff = actor_of(&state.db, &account).await?.is_staff_anywhere();
    Ok(Landing { landing: safe_next(&form.next, if is_staff { "/beheer" } else { "/account" }).to_owned() })
}
