//! `GET /account/mijn-gegevens.json`: a person's own data as a file to keep (AVG article 20),
//! the same as the "Mijn gegevens" page shows, after the same fresh confirmation of the password.

use app::error::AppError;
use app::server::accounts;
use app::server::context::{current_account, SignedIn};
use app::server::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::{header, StatusCode};
use tower_sessions::Session;

const PAGE: &str = "/account/mijn-gegevens";

pub async fn download(State(state): State<AppState>, session: Session) -> Response {
    let (account, actor) = match current_account(&state, &session).await {
        Ok(Some(found)) => found,
        Ok(None) => return Redirect::to(&format!("/inloggen?next={PAGE}")).into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let signed_in = SignedIn { state, session, account, actor };
    match accounts::own_data_download(&signed_in).await {
        Ok(data) => {
            let Ok(body) = serde_json::to_vec_pretty(&data) else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            let name =
                format!("attachment; filename=\"samenspraak-mijn-gegevens-{}.json\"", data.made_at.format("%Y-%m-%d"));
            (
                [
                    (header::CONTENT_TYPE, "application/json; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, name),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                body,
            )
                .into_response()
        }
        // Not confirmed (lately): the page asks for the password, then offers the download.
        Err(AppError::Forbidden) => Redirect::to(PAGE).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
