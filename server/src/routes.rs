//! Plain axum routes beside the Leptos pages: liveness and readiness, the language switch and the
//! house-style stylesheet of a municipality.

use app::domain::navigation::safe_next;
use app::server::{state::AppState, tenancy};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use http::{header, HeaderValue, StatusCode};
use serde_json::json;

/// `/healthz/live`: 200 while the process answers at all; for a supervisor deciding on a restart
/// (a database that is down is no reason to restart the app server).
pub async fn live() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

/// `/healthz/ready` (and `/healthz`): 200 when the database answers, 503 otherwise; for the load
/// balancer deciding where to send requests.
pub async fn ready(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({"status": "ok", "database": "ok"}))).into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "unavailable", "database": "unreachable"})))
                .into_response()
        }
    }
}

#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// `GET /taal/{nl|en}?next=/path`: remembers the chosen language in a cookie and goes back.
/// A plain link, so it works without JavaScript. A signed-in person's account remembers it too,
/// so their mail comes in that language.
pub async fn switch_language(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(locale): Path<String>,
    Query(query): Query<NextQuery>,
) -> Response {
    let next = query.next.unwrap_or_default();
    let target = safe_next(&next, "/").to_owned();
    if !matches!(locale.as_str(), "nl" | "en") {
        return Redirect::to(&target).into_response();
    }
    if let Ok(Some((account, _))) = app::server::context::current_account(&state, &session).await {
        let language = app::server::letters::Language::of(Some(&locale));
        if let Err(error) = app::server::accounts::set_language(&state.db, account.id, language).await {
            // The cookie still holds the choice for the site; only mail stays in the old language.
            tracing::warn!(%error, "could not keep the chosen language on the account");
        }
    }
    let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
    let cookie = format!("i18n_pref_locale={locale}; Path=/; Max-Age=31536000; SameSite=Lax{secure}");
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `GET /{municipality}/huisstijl.css`: the municipality's colours as CSS custom properties.
pub async fn house_style(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match tenancy::find_by_slug(&state.db, &slug).await {
        Ok(Some(m)) => {
            // Colours were validated as #rrggbb when stored, so they are safe inside CSS.
            let css =
                format!(":root {{ --colour-primary: {}; --colour-accent: {}; }}\n", m.primary_colour, m.accent_colour);
            ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=300")], css)
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `POST /afmelden/{key}`: the one-click unsubscribe that mail programs send (RFC 8058) from the
/// List-Unsubscribe header. The page at the same address does the same with a button.
pub async fn one_click_unsubscribe(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    match app::server::follows::unsubscribe(&state.db, &key).await {
        Ok(true) => (StatusCode::OK, "Afgemeld.\n").into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
