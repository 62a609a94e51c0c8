//! Managing one's own account: forgotten password, new password, display name, e-mail address.

use crate::error::AppError;
use leptos::prelude::*;

/// Mails a reset link when the address has an account. The answer is the same either way, so
/// nobody can find out which addresses are registered.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let state = context::app_state()?;
    accounts::request_password_reset(&state, &context::client_ip(), &email).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/wachtwoord-vergeten/verstuurd");
    Ok(())
}

/// Sets a new password with the token from the reset mail, and ends every session of the account.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    accounts::reset_password(&context::app_state()?, &token, &password).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/inloggen?hersteld=1");
    Ok(())
}

/// Changes the password (the current one is required) and ends all other sessions.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::change_password(&signed_in, &context::client_ip(), &current_password, &new_password)
        .await
        .map_err(context::answer_with)?;
    leptos_axum::redirect("/account?gewijzigd=wachtwoord");
    Ok(())
}

#[server(endpoint = "change_display_name")]
pub async fn change_display_name(display_name: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::change_display_name(&signed_in, &display_name).await.map_err(context::answer_with)?;
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
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::change_personal_details(&signed_in, &birth_date, &area_id).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/account?gewijzigd=over-jou");
    Ok(())
}

/// Starts an e-mail change: a link goes to the new address, and only after it is confirmed does
/// the address change. The old address is told, so a hijacker cannot change it silently.
#[server(endpoint = "change_email")]
pub async fn change_email(new_email: String, current_password: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::change_email(&signed_in, &context::client_ip(), &new_email, &current_password)
        .await
        .map_err(context::answer_with)?;
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
