//! Managing one's own account: forgotten password, new password, display name, e-mail address.

use crate::error::AppError;
use leptos::prelude::*;

/// Mails a reset link when the address has an account. The answer is the same either way, so
/// nobody can find out which addresses are registered.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::domain::validation::FieldError;
    use crate::server::letters::{Language, Letter};
    use crate::server::throttle::Guarded;
    use crate::server::{accounts, context, mail, tokens};

    let state = context::app_state()?;
    if let Err(wait) = state.throttle.check(Guarded::PasswordReset, &context::client_ip(), Some(email.trim())) {
        return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
    }
    let parsed = Email::parse(&email).map_err(|problem| {
        context::answer_with(AppError::validation(vec![FieldError::new("email", problem)], &[("email", &email)]))
    })?;
    if let Some(account) = accounts::find_by_email(&state.db, &parsed).await? {
        let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
        let secret = tokens::issue(&txn, account.id, tokens::Purpose::ResetPassword, None, chrono::Utc::now()).await?;
        let link = format!("{}/wachtwoord-herstellen?token={secret}", state.settings.public_url);
        let letter = Letter::ResetPassword { name: &account.display_name, link: &link };
        mail::send(&txn, parsed.as_str(), Language::of(account.locale.as_deref()), &letter, None).await?;
        txn.commit().await.map_err(context::internal)?;
        state.mail_queued.notify_one();
    }
    leptos_axum::redirect("/wachtwoord-vergeten/verstuurd");
    Ok(())
}

/// Sets a new password with the token from the reset mail, and ends every session of the account.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::domain::password_policy::check_new_password;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::session_store::DbSessionStore;
    use crate::server::{accounts, context, passwords, tokens};

    let state = context::app_state()?;
    // Check the password before using up the token, so a weak choice can simply be corrected.
    if let Err(problem) = check_new_password(&password, &[]) {
        return Err(context::answer_with(AppError::validation(vec![FieldError::new("password", problem)], &[])));
    }
    let hash = passwords::hash_password(password).await?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let Some(redeemed) = tokens::redeem(&txn, &token, tokens::Purpose::ResetPassword, chrono::Utc::now()).await? else {
        return Err(context::answer_with(AppError::validation(
            vec![FieldError::new("token", Problem::TokenInvalid)],
            &[],
        )));
    };
    accounts::set_password(&txn, redeemed.user_id, hash).await?;
    txn.commit().await.map_err(context::internal)?;
    DbSessionStore::end_sessions_of(&state.db, redeemed.user_id).await.map_err(context::internal)?;
    tracing::info!(event = "password_reset", user_id = redeemed.user_id, "password reset");
    leptos_axum::redirect("/inloggen?hersteld=1");
    Ok(())
}

/// Changes the password (the current one is required) and ends all other sessions.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::domain::password_policy::check_new_password;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::session_store::DbSessionStore;
    use crate::server::{accounts, context, passwords};

    let context::SignedIn { state, session, account, .. } = context::signed_in().await?;
    if let Err(wait) =
        state.throttle.check(crate::server::throttle::Guarded::LogIn, &context::client_ip(), Some(&account.email))
    {
        return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
    }
    if !passwords::verify_password(current_password, Some(account.password_hash.clone())).await? {
        return Err(context::answer_with(AppError::validation(
            vec![FieldError::new("current_password", Problem::PasswordIncorrect)],
            &[],
        )));
    }
    if let Err(problem) = check_new_password(&new_password, &[&account.email]) {
        return Err(context::answer_with(AppError::validation(vec![FieldError::new("new_password", problem)], &[])));
    }
    let hash = passwords::hash_password(new_password).await?;
    accounts::set_password(&state.db, account.id, hash).await?;
    // Every session of the account ends; this one continues under a new id.
    DbSessionStore::end_sessions_of(&state.db, account.id).await.map_err(context::internal)?;
    session.cycle_id().await.map_err(context::internal)?;
    tracing::info!(event = "password_changed", user_id = account.id, "password changed");
    leptos_axum::redirect("/account?gewijzigd=wachtwoord");
    Ok(())
}

#[server(endpoint = "change_display_name")]
pub async fn change_display_name(display_name: String) -> Result<(), AppError> {
    use crate::domain::accounts::DisplayName;
    use crate::domain::validation::FieldError;
    use crate::server::{accounts, context};

    let context::SignedIn { state, account, .. } = context::signed_in().await?;
    let name = DisplayName::parse(&display_name).map_err(|problem| {
        context::answer_with(AppError::validation(
            vec![FieldError::new("display_name", problem)],
            &[("display_name", &display_name)],
        ))
    })?;
    accounts::set_display_name(&state.db, account.id, &name).await?;
    leptos_axum::redirect("/account?gewijzigd=naam");
    Ok(())
}

/// The birth date and area eligibility is checked against (both optional): a youth panel, a
/// poll for one area. Changing them counts from the next vote or comment on.
#[server(endpoint = "change_personal_details")]
pub async fn change_personal_details(
    #[server(default)] birth_date: String,
    #[server(default)] area_id: String,
) -> Result<(), AppError> {
    use crate::domain::accounts::parse_birth_date;
    use crate::domain::validation::{Checks, Problem};
    use crate::server::entities::user;
    use crate::server::{context, tenancy};
    use sea_orm::{ActiveModelTrait, Set};

    let context::SignedIn { state, account, .. } = context::signed_in().await?;
    let mut checks = Checks::new();
    let born = checks.field("birth_date", parse_birth_date(&birth_date, crate::server::clock::today()));
    let area = match area_id.trim() {
        "" => Some(None),
        id => match id.parse::<i32>() {
            Ok(id) if tenancy::area_exists(&state.db, id).await? => Some(Some(id)),
            _ => {
                checks.add("area_id", Problem::UnknownArea);
                None
            }
        },
    };
    let (Some(born), Some(area), true) = (born, area, checks.is_empty()) else {
        return Err(context::answer_with(AppError::validation(
            checks.into_errors(),
            &[("birth_date", &birth_date), ("area_id", &area_id)],
        )));
    };
    user::ActiveModel { id: Set(account.id), birth_date: Set(born), area_id: Set(area), ..Default::default() }
        .update(&state.db)
        .await
        .map_err(context::internal)?;
    leptos_axum::redirect("/account?gewijzigd=over-jou");
    Ok(())
}

/// Starts an e-mail change: a link goes to the new address, and only after it is confirmed does
/// the address change. The old address is told, so a hijacker cannot change it silently.
#[server(endpoint = "change_email")]
pub async fn change_email(new_email: String, current_password: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::change_email(&signed_in, &new_email, &current_password).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/account?gewijzigd=e-mail-verstuurd");
    Ok(())
}

/// Confirms the new address with the token from the mail sent to it.
#[server(endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    accounts::confirm_email_change(&context::app_state()?, &token).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/account?gewijzigd=e-mail");
    Ok(())
}
