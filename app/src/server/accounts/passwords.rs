//! Forgetting, resetting and changing a password. Each ends the account's other sessions, so a
//! password someone else learnt stops working everywhere.

use super::{find_by_email, set_password};
use crate::domain::accounts::Email;
use crate::domain::password_policy::check_new_password;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::server::context::{internal, SignedIn};
use crate::server::letters::{Language, Letter};
use crate::server::session_store::DbSessionStore;
use crate::server::state::AppState;
use crate::server::throttle::Guarded;
use crate::server::writes::begin_write;
use crate::server::{mail, passwords, tokens};

/// Mails a reset link when the address has an account; the answer on screen is the same either
/// way, so nobody learns which addresses have one. Throttled per address and per account.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(state: &AppState, client: &str, email: &str) -> AppResult<()> {
    state.throttle.check(&state.db, state.clock.now(), Guarded::PasswordReset, client, Some(email.trim())).await?;
    let typed = vec![("email".to_owned(), email.to_owned())];
    let parsed = Email::parse(email).map_err(|problem| AppError::refused("email", problem).refilled(typed))?;
    let Some(account) = find_by_email(&state.db, &parsed).await? else {
        return Ok(());
    };
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let secret = tokens::issue(&txn, account.id, tokens::Purpose::ResetPassword, None, state.clock.now()).await?;
    let link = format!("{}/wachtwoord-herstellen?token={secret}", state.settings.public_url);
    let letter = Letter::ResetPassword { name: &account.display_name, link: &link };
    mail::send(&txn, parsed.as_str(), Language::of(account.locale.as_deref()), &letter, None).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Sets a new password with the token from the reset mail, and ends every session of the account.
#[tracing::instrument(skip_all)]
pub async fn reset_password(state: &AppState, token: &str, password: &str) -> AppResult<()> {
    // Check the password before using up the token, so a weak choice can simply be corrected.
    check_new_password(password, &[]).map_err(|problem| AppError::refused("password", problem))?;
    let hash = passwords::hash_password(password.to_owned()).await?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let Some(redeemed) = tokens::redeem(&txn, token, tokens::Purpose::ResetPassword, state.clock.now()).await? else {
        return Err(AppError::refused("token", Problem::TokenInvalid));
    };
    set_password(&txn, redeemed.user_id, hash, state.clock.now()).await?;
    txn.commit().await.map_err(internal)?;
    DbSessionStore::end_sessions_of(&state.db, redeemed.user_id).await.map_err(internal)?;
    tracing::info!(event = "password_reset", user_id = redeemed.user_id, "password reset");
    Ok(())
}

/// Changes the password (the current one is required, throttled like signing in) and ends every
/// session of the account; this one continues under a new id.
#[tracing::instrument(skip_all, fields(user = signed_in.account.id))]
pub async fn change_password(signed_in: &SignedIn, client: &str, current: &str, new: &str) -> AppResult<()> {
    let (state, account) = (&signed_in.state, &signed_in.account);
    let turn = passwords::hashing_turn().await?;
    state.throttle.check(&state.db, state.clock.now(), Guarded::LogIn, client, Some(&account.email)).await?;
    if !passwords::verify_password_in(turn, current.to_owned(), Some(account.password_hash.clone())).await? {
        return Err(AppError::refused("current_password", Problem::PasswordIncorrect));
    }
    check_new_password(new, &[&account.email]).map_err(|problem| AppError::refused("new_password", problem))?;
    let hash = passwords::hash_password(new.to_owned()).await?;
    set_password(&state.db, account.id, hash, state.clock.now()).await?;
    DbSessionStore::end_sessions_of(&state.db, account.id).await.map_err(internal)?;
    signed_in.session.cycle_id().await.map_err(internal)?;
    tracing::info!(event = "password_changed", user_id = account.id, "password changed");
    Ok(())
}
