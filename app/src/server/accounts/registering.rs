//! Registering: the account is made and its address confirmed by a link. An address that already
//! has an account gets the same answer on screen, and its owner is told by e-mail instead, so
//! strangers cannot learn which addresses have an account.

use super::{create, find_by_email, mark_verified, set_language, NewAccount};
use crate::domain::accounts::{parse_birth_date, DisplayName, Email};
use crate::domain::password_policy::check_new_password;
use crate::domain::tenancy::AreaId;
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::accounts::{RegistrationForm, WaitingRegistration};
use crate::server::context::{self, internal};
use crate::server::entities::user;
use crate::server::letters::{Language, Letter};
use crate::server::state::AppState;
use crate::server::throttle::Guarded;
use crate::server::writes::begin_write;
use crate::server::{mail, passwords, tenancy, tokens};
use sea_orm::ConnectionTrait;
use tower_sessions::Session;

/// The address someone just registered with in this browser, and where they came from.
const SESSION_EMAIL: &str = "registered_email";
const SESSION_NEXT: &str = "registered_next";

/// Registers from `client` (throttled per address): a new account gets a confirmation link, an
/// address with an account gets the "you already have one" mail. The session remembers the
/// address (never the address bar) for the page after, which says the same in both cases.
#[tracing::instrument(skip_all)]
pub async fn register(state: &AppState, session: &Session, client: &str, form: &RegistrationForm) -> AppResult<()> {
    // The turn first: a registration answered "busy" must not count against the address.
    let turn = passwords::hashing_turn().await?;
    state.throttle.check(&state.db, state.clock.now(), Guarded::Register, client, None).await?;
    let new_account = check(state, form).await?;
    let email = new_account.email.clone();
    // Hash before looking the address up, so both outcomes cost the same time.
    let password_hash = passwords::hash_password_in(turn, form.password.clone()).await?;
    let new_account = NewAccount { password_hash, ..new_account };
    let txn = begin_write(&state.db).await.map_err(internal)?;
    match create(&txn, new_account).await? {
        Some(mut account) => {
            if let Some(language) = context::chosen_language() {
                set_language(&txn, account.id, language).await?;
                account.locale = Some(language.code().to_owned());
            }
            mail_link(&txn, state, &account).await?
        }
        None => match find_by_email(&txn, &email).await? {
            Some(account) => mail_already_registered(&txn, state, &account).await?,
            None => return Err(internal("an address both taken and not found")),
        },
    }
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    session.insert(SESSION_EMAIL, email.as_str()).await.map_err(internal)?;
    let next = crate::domain::navigation::safe_next(form.next.trim(), "").to_owned();
    session.insert(SESSION_NEXT, next).await.map_err(internal)
}

/// The form checked field by field; the account still lacks its password hash.
async fn check(state: &AppState, form: &RegistrationForm) -> AppResult<NewAccount> {
    let today = state.clock.today();
    let mut checks = Checks::new();
    let email = checks.field("email", Email::parse(&form.email));
    let display_name = checks.field("display_name", DisplayName::parse(&form.display_name));
    checks.field("password", check_new_password(&form.password, &[form.email.trim()]));
    let birth_date = checks.field("birth_date", parse_birth_date(&form.birth_date, today));
    let area = match form.area_id.trim() {
        "" => None,
        id => match id.parse::<i32>() {
            Ok(id) if tenancy::area_exists(&state.db, id).await? => Some(AreaId(id)),
            _ => {
                checks.add("area_id", Problem::UnknownArea);
                None
            }
        },
    };
    match (email, display_name, birth_date) {
        (Some(email), Some(display_name), Some(birth_date)) if checks.is_empty() => Ok(NewAccount {
            email,
            display_name,
            password_hash: String::new(),
            birth_date,
            area,
            platform_admin: false,
            verified: false,
            created_at: state.clock.now(),
        }),
        _ => Err(AppError::validation_of(checks.into_errors(), form.typed())),
    }
}

/// Where the confirmation mail of this browser's registration went, and where the person came
/// from; None when nobody registered here.
pub async fn pending_registration(session: &Session) -> AppResult<Option<WaitingRegistration>> {
    let email: Option<String> = session.get(SESSION_EMAIL).await.map_err(internal)?;
    let next: Option<String> = session.get(SESSION_NEXT).await.map_err(internal)?;
    Ok(email.map(|email| WaitingRegistration { email, next: next.filter(|n| !n.is_empty()) }))
}

/// Sends the confirmation mail of this browser's registration again: a new link while the
/// address is unconfirmed, the "you already have an account" mail otherwise, so the screen says
/// the same either way. Counted with registrations by the same throttle.
#[tracing::instrument(skip_all)]
pub async fn resend_confirmation(state: &AppState, session: &Session, client: &str) -> AppResult<()> {
    let Some(raw) = session.get::<String>(SESSION_EMAIL).await.map_err(internal)? else {
        return Err(AppError::NotFound);
    };
    state.throttle.check(&state.db, state.clock.now(), Guarded::Register, client, None).await?;
    let email = Email::parse(&raw).map_err(|_| AppError::NotFound)?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    match find_by_email(&txn, &email).await? {
        Some(account) if !account.email_confirmed() => mail_link(&txn, state, &account).await?,
        Some(account) => mail_already_registered(&txn, state, &account).await?,
        // The account was deleted since: nobody to tell, and the screen says the same.
        None => {}
    }
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Confirms an e-mail address with the token from the link.
#[tracing::instrument(skip_all)]
pub async fn verify_email(state: &AppState, token: &str) -> AppResult<()> {
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let Some(redeemed) = tokens::redeem(&txn, token, tokens::Purpose::VerifyEmail, state.clock.now()).await? else {
        return Err(AppError::refused("token", Problem::TokenInvalid));
    };
    mark_verified(&txn, redeemed.user_id, state.clock.now()).await?;
    txn.commit().await.map_err(internal)
}

/// A new account: the link that confirms its address.
async fn mail_link(db: &impl ConnectionTrait, state: &AppState, account: &user::Model) -> AppResult<()> {
    let secret = tokens::issue(db, account.id, tokens::Purpose::VerifyEmail, None, state.clock.now()).await?;
    let link = format!("{}/e-mail-bevestigen?token={secret}", state.settings.public_url);
    let letter = Letter::ConfirmAddress { name: &account.display_name, link: &link };
    mail::send(db, &account.email, Language::of(account.locale.as_deref()), &letter, None).await
}

/// An address that already has an account: its owner is told, nobody else.
async fn mail_already_registered(db: &impl ConnectionTrait, state: &AppState, account: &user::Model) -> AppResult<()> {
    let sign_in = format!("{}/inloggen", state.settings.public_url);
    let letter = Letter::AlreadyRegistered { sign_in: &sign_in };
    mail::send(db, &account.email, Language::of(account.locale.as_deref()), &letter, None).await
}
