//! Changing the account's e-mail address: the new address confirms with a link, the old one is
//! told, so a stolen session cannot quietly take the account over.

use super::set_email;
use crate::domain::accounts::Email;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::server::context::{internal, SignedIn};
use crate::server::letters::{Language, Letter};
use crate::server::state::AppState;
use crate::server::throttle::Guarded;
use crate::server::writes::begin_write;
use crate::server::{mail, passwords, tokens};

/// Asks to move the account to `new_email`, with the current password (throttled from `client`
/// like signing in, so a stolen session cannot guess it); mails a link to the new address and a
/// warning to the old one.
#[tracing::instrument(skip_all, fields(user = signed_in.account.id))]
pub async fn change_email(
    signed_in: &SignedIn,
    client: &str,
    new_email: &str,
    current_password: &str,
) -> AppResult<()> {
    let (state, account) = (&signed_in.state, &signed_in.account);
    let typed = || vec![("new_email".to_owned(), new_email.to_owned())];
    let email = Email::parse(new_email).map_err(|problem| AppError::refused("new_email", problem).refilled(typed()))?;
    let turn = passwords::hashing_turn().await?;
    state.throttle.check(&state.db, state.clock.now(), Guarded::LogIn, client, Some(&account.email)).await?;
    if !passwords::verify_password_in(turn, current_password.to_owned(), Some(account.password_hash.clone())).await? {
        return Err(AppError::refused("current_password", Problem::PasswordIncorrect).refilled(typed()));
    }
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let new_address = Some(email.as_str().to_owned());
    let secret = tokens::issue(&txn, account.id, tokens::Purpose::ChangeEmail, new_address, state.clock.now()).await?;
    let (url, name) = (&state.settings.public_url, &account.display_name);
    let language = Language::of(account.locale.as_deref());
    let link = format!("{url}/e-mail-wijzigen?token={secret}");
    mail::send(&txn, email.as_str(), language, &Letter::ConfirmNewAddress { name, link: &link }, None).await?;
    let reset = format!("{url}/wachtwoord-vergeten");
    mail::send(&txn, &account.email, language, &Letter::AddressChanging { name, reset: &reset }, None).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Confirms the new address with the token from the mail sent to it; refused when the token is
/// spent or old, or when the address has meanwhile become another account's.
#[tracing::instrument(skip_all)]
pub async fn confirm_email_change(state: &AppState, token: &str) -> AppResult<()> {
    let invalid = || AppError::refused("token", Problem::TokenInvalid);
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let redeemed =
        tokens::redeem(&txn, token, tokens::Purpose::ChangeEmail, state.clock.now()).await?.ok_or_else(invalid)?;
    let email = redeemed.new_email.as_deref().and_then(|e| Email::parse(e).ok()).ok_or_else(invalid)?;
    if !set_email(&txn, redeemed.user_id, &email, state.clock.now()).await? {
        return Err(AppError::refused("token", Problem::EmailTaken));
    }
    txn.commit().await.map_err(internal)
}
