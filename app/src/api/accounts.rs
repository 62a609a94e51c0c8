//! Registering, verifying the e-mail address, logging in and out.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the page header and account page need to know about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub display_name: String,
    /// Only ever sent to the account itself.
    pub email: String,
    pub email_verified: bool,
    pub platform_admin: bool,
    pub staff: bool,
    /// What eligibility uses; only ever sent to the account itself.
    pub birth_date: Option<chrono::NaiveDate>,
    pub area_id: Option<i32>,
}

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
) -> Result<(), AppError> {
    use crate::domain::accounts::{parse_birth_date, DisplayName, Email};
    use crate::domain::password_policy::check_new_password;
    use crate::domain::tenancy::AreaId;
    use crate::domain::validation::{Checks, Problem};
    use crate::server::throttle::Guarded;
    use crate::server::{accounts, context, mail, passwords, tenancy, tokens};
    use sea_orm::TransactionTrait;

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
    let txn = state.db.begin().await.map_err(context::internal)?;
    let new_account = accounts::NewAccount {
        email: email_ok.clone(),
        display_name: name_ok,
        password_hash: hash,
        birth_date: birth_ok,
        area,
        platform_admin: false,
        verified: false,
    };
    let public_url = &state.settings.public_url;
    match accounts::create(&txn, new_account).await? {
        Some(account) => {
            let secret =
                tokens::issue(&txn, account.id, tokens::Purpose::VerifyEmail, None, chrono::Utc::now()).await?;
            let body = format!(
                "Hallo {name},\n\nJe hebt een account gemaakt op Samenspraak. Bevestig je e-mailadres met deze link:\n\n{public_url}/e-mail-bevestigen?token={secret}\n\nDe link werkt 3 dagen. Heb jij geen account gemaakt? Dan hoef je niets te doen.\n",
                name = account.display_name
            );
            mail::enqueue(
                &txn,
                mail::Mail { to: email_ok.as_str(), subject: "Bevestig je e-mailadres", body, unsubscribe_url: None },
            )
            .await?;
        }
        None => {
            let body = format!(
                "Hallo,\n\nIemand probeerde een account op Samenspraak te maken met dit e-mailadres. Er bestaat al een account met dit adres.\n\nWas jij dit? Log dan in via {public_url}/inloggen. Weet je je wachtwoord niet meer? Vraag dan een nieuw wachtwoord aan.\n\nWas jij dit niet? Dan hoef je niets te doen.\n"
            );
            mail::enqueue(
                &txn,
                mail::Mail { to: email_ok.as_str(), subject: "Je hebt al een account", body, unsubscribe_url: None },
            )
            .await?;
        }
    }
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    leptos_axum::redirect("/registreren/klaar");
    Ok(())
}

/// Confirms an e-mail address with the token from the link. This is a POST behind a button on the
/// page the link opens, because mail scanners open links and would otherwise use up the token.
#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::{accounts, context, tokens};
    use sea_orm::TransactionTrait;

    let state = context::app_state()?;
    let txn = state.db.begin().await.map_err(context::internal)?;
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
    leptos_axum::redirect(safe_next(&next, "/account"));
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
