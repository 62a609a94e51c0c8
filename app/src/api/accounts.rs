//! Registering, verifying the e-mail address, logging in and out.

use crate::error::AppError;
pub use crate::model::accounts::*;
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
pub async fn register(
    email: String,
    display_name: String,
    password: String,
    birth_date: String,
    area_id: String,
    /// Where the person was before registering, to lead them back once they are in.
    #[server(default)]
    next: String,
) -> Result<(), AppError> {
    use crate::domain::accounts::{parse_birth_date, DisplayName, Email};
    use crate::domain::password_policy::check_new_password;
    use crate::domain::tenancy::AreaId;
    use crate::domain::validation::{Checks, Problem};
    use crate::server::throttle::Guarded;
    use crate::server::{accounts, context, passwords, tenancy};

    let state = context::app_state()?;
    if let Err(wait) = state.throttle.check(Guarded::Register, &context::client_ip(), None) {
        return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
    }
    let today = chrono::Utc::now().date_naive();
    let mut checks = Checks::new();
    let parsed_email = checks.field("email", Email::parse(&email));
    let parsed_name = checks.field("display_name", DisplayName::parse(&display_name));
    checks.field("password", check_new_password(&password, &[email.trim()]));
    let parsed_birth = checks.field("birth_date", parse_birth_date(&birth_date, today));
    let area = match area_id.trim() {
        "" => None,
        id => match id.parse::<i32>() {
            Ok(id) if tenancy::area_exists(&state.db, id).await? => Some(AreaId(id)),
            _ => {
                checks.add("area_id", Problem::UnknownArea);
                None
            }
        },
    };
    let (Some(email_ok), Some(name_ok), Some(birth_ok), true) =
        (parsed_email, parsed_name, parsed_birth, checks.is_empty())
    else {
        let typed = [
            ("email", email.as_str()),
            ("display_name", &display_name),
            ("birth_date", &birth_date),
            ("area_id", &area_id),
        ];
        return Err(context::answer_with(AppError::validation(checks.into_errors(), &typed)));
    };

    // Hash before looking the address up, so both outcomes cost the same time.
    let hash = passwords::hash_password(password).await?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let new_account = accounts::NewAccount {
        email: email_ok.clone(),
        display_name: name_ok,
        password_hash: hash,
        birth_date: birth_ok,
        area,
        platform_admin: false,
        verified: false,
    };
    match accounts::create(&txn, new_account).await? {
        Some(account) => confirmation::mail_link(&txn, &state, &account).await?,
        None => confirmation::mail_already_registered(&txn, &state, &email_ok).await?,
    }
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    // The next page says where the mail went and can send it again; the address stays in the
    // session (never in the address bar), and is the same answer whether or not it was new.
    let session = context::session().await?;
    session.insert(confirmation::SESSION_EMAIL, email_ok.as_str()).await.map_err(context::internal)?;
    let next = crate::domain::navigation::safe_next(next.trim(), "").to_owned();
    session.insert(confirmation::SESSION_NEXT, next).await.map_err(context::internal)?;
    leptos_axum::redirect("/registreren/klaar");
    Ok(())
}

/// The mails that confirm an address, for registering and for sending again.
#[cfg(feature = "ssr")]
mod confirmation {
    use crate::domain::accounts::Email;
    use crate::error::AppResult;
    use crate::server::entities::user;
    use crate::server::state::AppState;
    use crate::server::{mail, tokens};
    use sea_orm::ConnectionTrait;

    /// The address someone just registered with, and where they came from.
    pub const SESSION_EMAIL: &str = "registered_email";
    pub const SESSION_NEXT: &str = "registered_next";

    /// A new account: the link that confirms its address.
    pub async fn mail_link(db: &impl ConnectionTrait, state: &AppState, account: &user::Model) -> AppResult<()> {
        let secret = tokens::issue(db, account.id, tokens::Purpose::VerifyEmail, None, chrono::Utc::now()).await?;
        let body = format!(
            "Hallo {name},\n\nJe hebt een account gemaakt op Samenspraak. Bevestig je e-mailadres met deze link:\n\n{url}/e-mail-bevestigen?token={secret}\n\nDe link werkt 3 dagen. Heb jij geen account gemaakt? Dan hoef je niets te doen.\n",
            name = account.display_name,
            url = state.settings.public_url,
        );
        mail::enqueue(
            db,
            mail::Mail { to: &account.email, subject: "Bevestig je e-mailadres", body, unsubscribe_url: None },
        )
        .await
    }

    /// An address that already has a confirmed account: its owner is told, nobody else.
    pub async fn mail_already_registered(db: &impl ConnectionTrait, state: &AppState, email: &Email) -> AppResult<()> {
        let body = format!(
            "Hallo,\n\nIemand probeerde een account op Samenspraak te maken met dit e-mailadres. Er bestaat al een account met dit adres.\n\nWas jij dit? Log dan in via {}/inloggen. Weet je je wachtwoord niet meer? Vraag dan een nieuw wachtwoord aan.\n\nWas jij dit niet? Dan hoef je niets te doen.\n",
            state.settings.public_url
        );
        mail::enqueue(
            db,
            mail::Mail { to: email.as_str(), subject: "Je hebt al een account", body, unsubscribe_url: None },
        )
        .await
    }
}

/// Where the confirmation mail of the registration in this browser went, and where the person
/// came from: for the page after registering. None when nobody registered here.
#[server(endpoint = "pending_registration")]
pub async fn pending_registration() -> Result<Option<WaitingRegistration>, AppError> {
    use crate::server::context;
    let session = context::session().await?;
    let email: Option<String> = session.get(confirmation::SESSION_EMAIL).await.map_err(context::internal)?;
    let next: Option<String> = session.get(confirmation::SESSION_NEXT).await.map_err(context::internal)?;
    Ok(email.map(|email| WaitingRegistration { email, next: next.filter(|n| !n.is_empty()) }))
}

/// Sends the confirmation mail of this browser's registration again: a new link while the address
/// is unconfirmed, the "you already have an account" mail otherwise, so the screen says the same
/// either way. Counted with registrations by the same throttle.
#[server(endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::server::throttle::Guarded;
    use crate::server::{accounts, context};

    let state = context::app_state()?;
    let session = context::session().await?;
    let Some(raw) = session.get::<String>(confirmation::SESSION_EMAIL).await.map_err(context::internal)? else {
        return Err(context::answer_with(AppError::NotFound));
    };
    if let Err(wait) = state.throttle.check(Guarded::Register, &context::client_ip(), None) {
        return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
    }
    let email = Email::parse(&raw).map_err(|_| context::answer_with(AppError::NotFound))?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    match accounts::find_by_email(&txn, &email).await? {
        Some(account) if !account.email_confirmed() => confirmation::mail_link(&txn, &state, &account).await?,
        _ => confirmation::mail_already_registered(&txn, &state, &email).await?,
    }
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    leptos_axum::redirect("/registreren/klaar?opnieuw=1");
    Ok(())
}

/// Confirms an e-mail address with the token from the link. This is a POST behind a button on the
/// page the link opens, because mail scanners open links and would otherwise use up the token.
#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::{accounts, context, tokens};

    let state = context::app_state()?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let Some(redeemed) = tokens::redeem(&txn, &token, tokens::Purpose::VerifyEmail, chrono::Utc::now()).await? else {
        return Err(context::answer_with(AppError::validation(
            vec![FieldError::new("token", Problem::TokenInvalid)],
            &[],
        )));
    };
    accounts::mark_verified(&txn, redeemed.user_id).await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect("/inloggen?bevestigd=1");
    Ok(())
}

#[server(endpoint = "log_in")]
pub async fn log_in(email: String, password: String, next: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::domain::navigation::safe_next;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::context::{self, SESSION_SIGNED_IN_AT, SESSION_USER};
    use crate::server::throttle::Guarded;
    use crate::server::{accounts, passwords};

    let state = context::app_state()?;
    if let Err(wait) = state.throttle.check(Guarded::LogIn, &context::client_ip(), Some(email.trim())) {
        return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
    }
    let typed = [("email", email.as_str()), ("next", next.as_str())];
    let invalid = || {
        context::answer_with(AppError::validation(vec![FieldError::new("email", Problem::CredentialsInvalid)], &typed))
    };
    let account = match Email::parse(&email) {
        Ok(parsed) => accounts::find_by_email(&state.db, &parsed).await?,
        Err(_) => None,
    };
    // Verify against a dummy hash when there is no account: same answer, same time.
    let matches = passwords::verify_password(password, account.as_ref().map(|a| a.password_hash.clone())).await?;
    let Some(account) = account.filter(|_| matches) else {
        tracing::info!(event = "login_failed", "login failed");
        return Err(invalid());
    };
    let session = context::session().await?;
    // A new id at sign-in, so an id planted before login is worthless afterwards.
    session.cycle_id().await.map_err(context::internal)?;
    session.insert(SESSION_USER, account.id).await.map_err(context::internal)?;
    session.insert(SESSION_SIGNED_IN_AT, chrono::Utc::now().timestamp()).await.map_err(context::internal)?;
    tracing::info!(event = "login", user_id = account.id, "signed in");
    // Without a page to return to, staff land on their work (the administration overview with
    // their municipalities' desks, queues and trajectories), residents on their account.
    let is_staff =
        accounts::load_actor(&state.db, account.id).await?.is_some_and(|(_, actor)| actor.is_staff_anywhere());
    leptos_axum::redirect(safe_next(&next, if is_staff { "/beheer" } else { "/account" }));
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
