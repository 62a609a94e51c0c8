//! A person's own data: the overview (after confirming the password) and the confirmation.

use crate::error::AppError;
use crate::model::own_data::OwnDataPage;
use leptos::prelude::*;

/// "Mijn gegevens": everything kept about the signed-in person, or first the question for the
/// password.
#[server(endpoint = "get_own_data")]
pub async fn get_own_data() -> Result<OwnDataPage, AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::own_data_page(&signed_in).await.map_err(context::answer_with)
}

/// Confirms the password again, which shows one's own data for ten minutes.
#[server(endpoint = "confirm_password")]
pub async fn confirm_password(password: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::confirm_password(&signed_in, &context::client_ip(), &password).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/account/mijn-gegevens");
    Ok(())
}
