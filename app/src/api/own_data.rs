//! A person's own data: the overview (after confirming the password), the confirmation, and
//! leaving (deleting the account).

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

/// Confirms the password again, which opens one's own data and deleting the account for ten
/// minutes; then back to `then` (a page of one's own account).
#[server(endpoint = "confirm_password")]
pub async fn confirm_password(password: String, #[server(default)] then: String) -> Result<(), AppError> {
    use crate::domain::navigation::safe_next;
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::confirm_password(&signed_in, &context::client_ip(), &password).await.map_err(context::answer_with)?;
    let own_page = if then.starts_with("/account/") { safe_next(&then, OWN_DATA) } else { OWN_DATA };
    leptos_axum::redirect(own_page);
    Ok(())
}

#[cfg(feature = "ssr")]
const OWN_DATA: &str = "/account/mijn-gegevens";

/// The page for deleting one's account: whether the password was confirmed lately.
#[server(endpoint = "get_leave_page")]
pub async fn get_leave_page() -> Result<bool, AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    accounts::confirmed_recently(&signed_in).await.map_err(context::answer_with)
}

/// Deletes the signed-in person's account (after a fresh confirmation of the password);
/// `withdraw_open` ("on") also withdraws their comments where participation is still open.
#[server(endpoint = "delete_account")]
pub async fn delete_account(#[server(default)] withdraw_open: String) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let signed_in = context::signed_in().await?;
    let withdraw = matches!(withdraw_open.as_str(), "on" | "true");
    accounts::delete_account(&signed_in, withdraw).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/account-verwijderd");
    Ok(())
}
