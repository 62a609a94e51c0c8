//! Security layers applied to every response and request: headers with a per-response CSP nonce,
//! refusal of cross-site state-changing requests, and the access table's deny-by-default check.

use app::domain::access::{is_server_function_path, page_access, server_function_access, Access};
use app::error::AppError;
use app::server::context::{current_account_in, CspNonce};
use app::server::front_end::front_end_files;
use app::server::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{header, HeaderValue, Method, StatusCode};
use rand::RngCore;
use tower_sessions::Session;

/// Sets the security headers. The CSP allows scripts only from this site and the one inline
/// hydration script that carries this response's nonce; WASM needs 'wasm-unsafe-eval'.
pub async fn security_headers(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let nonce = hex::encode(bytes);
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let personal = may_depend_on_who_is_signed_in(request.uri().path()) && carries_session(&request);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    cache_policy(headers, personal);
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    // A response with a stricter policy of its own (a downloaded attachment) keeps it.
    if let (false, Ok(value)) = (headers.contains_key(header::CONTENT_SECURITY_POLICY), HeaderValue::from_str(&csp)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // same-origin keeps the Referer that form posts without JavaScript are sent back to, and
    // tells other sites nothing.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if state.settings.production {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

/// Whether a response may differ by who asks: everything but the built front end, the site's
/// static files, the open data and the health check.
fn may_depend_on_who_is_signed_in(path: &str) -> bool {
    !(path.starts_with("/pkg/")
        || path.starts_with("/api/v1/")
        || matches!(path, "/favicon.svg" | "/robots.txt" | "/healthz"))
}

fn carries_session(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| cookies.split(';').any(is_session_cookie))
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "samenspraak_sessie";

/// Whether a `name=value` pair (of a Cookie or Set-Cookie header) is the session cookie.
pub fn is_session_cookie(pair: &str) -> bool {
    pair.trim_start().strip_prefix(SESSION_COOKIE).is_some_and(|rest| rest.starts_with('='))
}

/// A page or answer made for someone signed in (their account, their case, every staff page) is
/// never stored by the browser or a cache on the way (`no-store`): on a shared computer the back
/// button or a proxy would otherwise show it to the next person. A response that starts a
/// session is personal too. Pages for anyone say that they vary with the cookie, so a cache never
/// hands a signed-in person's page to someone else or the other way round.
fn cache_policy(headers: &mut http::HeaderMap, personal: bool) {
    let starts_session =
        headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).any(is_session_cookie);
    if personal || starts_session {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if personal
        || starts_session
        || headers.get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"))
    {
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    }
}

/// Refuses a state-changing request sent by another site (CSRF), for forms with and without
/// JavaScript alike. Browsers send Origin on every POST; it must be this site (as named in
/// PUBLIC_URL or as the request's own Host). Without Origin, Sec-Fetch-Site decides; a request
/// with neither does not come from a browser and carries no ambient authority worth forging.
pub async fn refuse_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(&request, &state.settings.public_url) {
        return next.run(request).await;
    }
    tracing::warn!(event = "cross_site_request_refused", path = %request.uri().path(), "refused");
    (StatusCode::FORBIDDEN, "Dit verzoek kwam van een andere website en is geweigerd.").into_response()
}

fn is_same_origin(request: &Request, public_url: &str) -> bool {
    let headers = request.headers();
    let origin_host = |origin: &str| origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/').to_owned());
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if origin == "null" {
            return false;
        }
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        return origin.trim_end_matches('/') == public_url
            || (host.is_some() && origin_host(origin).as_deref() == host);
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("same-origin") | Some("none") | None => true,
        Some(_) => false,
    }
}

/// Deny by default: a server function that is not in the access table does not exist, and the
/// table's minimum (signed in, staff, platform administrator) is enforced before the function
/// runs. Restricted pages send people who are not signed in to the login page.
pub async fn enforce_access_table(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let is_server_fn = is_server_function_path(&path);
    let required = if is_server_fn {
        match server_function_access(&path) {
            Some(access) => access,
            None => return server_fn_refusal(StatusCode::NOT_FOUND, &AppError::NotFound),
        }
    } else {
        page_access(&path)
    };
    if matches!(required, Access::Public | Access::Anonymous) {
        return next.run(request).await;
    }
    let actor = match request.extensions().get::<Session>() {
        Some(session) => {
            current_account_in(&state, session, request.extensions().get()).await.ok().flatten().map(|(_, actor)| actor)
        }
        None => None,
    };
    let allowed = match (&actor, required) {
        (None, _) => None,
        (Some(_), Access::SignedIn) => Some(true),
        (Some(a), Access::Staff) => Some(a.is_staff_anywhere()),
        (Some(a), Access::PlatformAdmin) => Some(a.platform_admin),
        (Some(_), Access::Public | Access::Anonymous) => Some(true),
    };
    match allowed {
        Some(true) => next.run(request).await,
        Some(false) if is_server_fn => server_fn_refusal(StatusCode::FORBIDDEN, &AppError::Forbidden),
        Some(false) => forbidden_page(&front_end_files(&state.leptos_options).stylesheet),
        None if is_server_fn => server_fn_refusal(StatusCode::UNAUTHORIZED, &AppError::Unauthenticated),
        None => {
            let next_path = urlencoding_path(&path);
            Redirect::to(&format!("/inloggen?next={next_path}")).into_response()
        }
    }
}

/// The error a server function would have returned, so the front end shows it like any other.
fn server_fn_refusal(status: StatusCode, error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A complete, accessible page for answers given before Leptos runs (a refusal, a panic): it
/// cannot use the app's layout, but keeps the language, title, landmarks and stylesheet.
fn plain_page(status: StatusCode, stylesheet: &str, title: &str, body: &str) -> Response {
    let page = format!(
        r#"<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Samenspraak</title><link rel="stylesheet" href="{stylesheet}"></head>
<body><header class="site-header"><div class="site-header__inner"><a class="site-header__name" href="/">Samenspraak</a></div></header>
<main class="page"><h1>{title}</h1><p>{body}</p><p><a href="/">Naar de startpagina</a></p></main></body></html>"#
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

fn forbidden_page(stylesheet: &str) -> Response {
    plain_page(
        StatusCode::FORBIDDEN,
        stylesheet,
        "Geen toegang",
        "Je hebt geen toegang tot deze pagina. Denk je dat dit niet klopt? Vraag dan de beheerder van je gemeente om de juiste rol.",
    )
}

/// Paths are ours and already URL-safe except for the characters a query value cannot hold.
fn urlencoding_path(path: &str) -> String {
    path.replace('%', "%25").replace('&', "%26").replace('?', "%3F").replace('#', "%23")
}

/// The answer to a panic: a page with no internals. The request id in the response header and
/// in the log line (the request span) ties the two together.
/// `stylesheet` is the front end's stylesheet, found when the router was built.
pub fn panic_response(stylesheet: &str) -> Response<Body> {
    tracing::error!("a request handler panicked");
    plain_page(StatusCode::INTERNAL_SERVER_ERROR, stylesheet, "Er ging iets mis", "Probeer het later nog eens.")
}

/// A server function call that fails before our code runs (missing or malformed arguments) is
/// answered by the framework with status 500. It is the caller's mistake, so it becomes a 400.
pub async fn malformed_calls_are_400(request: Request, next: Next) -> Response {
    let is_server_fn = is_server_function_path(request.uri().path());
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if bytes.as_ref() == br#""Request""# {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
