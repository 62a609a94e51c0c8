//! What any form needs from the server before it is sent.

use crate::error::AppError;
use leptos::prelude::*;

/// A fresh submission token for the signed-in person, for a form that creates something: its
/// submit then counts once however often it arrives (see `server::submission`).
#[server(endpoint = "new_submission_token")]
pub async fn new_submission_token() -> Result<String, AppError> {
    use crate::server::{context, submission};
    let signed_in = context::signed_in().await?;
    Ok(submission::token_for(&signed_in.state, signed_in.account.id))
}
