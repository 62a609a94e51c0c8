//! What someone typed in a refused form stays on the server.
//!
//! A form posted without JavaScript that is refused is redirected back to its page by server_fn,
//! with the error in the address (`__err`): the field errors and, so the page can fill the form
//! in again, everything that was typed. That put e-mail addresses, phone numbers, birth dates and
//! comments of thousands of characters into browser history and proxy logs, and past a proxy's
//! limit on the length of an address the redirect failed and the text was lost.
//!
//! So this layer, inside the sessions, takes the typed values out of the redirect and keeps them
//! in the person's session for [`KEEP_FOR_MINUTES`] under a random id; the address carries only
//! the field errors and that id ([`TYPED_TEXT_PARAMETER`]). When the page is asked for with the
//! id, the layer puts the values back into the request before the page sees it, so every form
//! comes back filled in exactly as before. Someone else with the address (from a log) has no such
//! session and sees the errors only. A session on PostgreSQL is shared by every app server, so
//! the page may be served by another server than the one that refused the form.

use app::domain::navigation::TYPED_TEXT_PARAMETER;
use app::error::AppError;
use app::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;
use http::{header, HeaderValue, Method, Uri};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// How long typed text is kept: long enough to correct a form, short enough that a shared
/// computer does not hold it for the next person.
pub const KEEP_FOR_MINUTES: i64 = 15;
/// How many refused forms one session keeps at once (several tabs); the oldest goes first.
const KEPT_PER_SESSION: usize = 5;
const SESSION_KEY: &str = "typed_text";

/// The typed values of one refused form.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    id: String,
    /// Unix seconds on the app's clock after which it is gone.
    until: i64,
    values: Vec<(String, String)>,
}

pub async fn keep_typed_text(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        if let Some(uri) = with_typed_text_put_back(&state, &session, request.uri()).await {
            *request.uri_mut() = uri;
        }
        return next.run(request).await;
    }
    let mut response = next.run(request).await;
    if response.status().is_redirection() {
        let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        if let Some(location) = location {
            let kept_apart = typed_text_kept_apart(&state, &session, &location).await;
            if let Some(value) = kept_apart.and_then(|l| HeaderValue::from_str(&l).ok()) {
                response.headers_mut().insert(header::LOCATION, value);
            }
        }
    }
    response
}

/// The redirect's address without the typed values (kept in the session instead), or `None`
/// when it carries none and has no stale id of an earlier refusal either.
async fn typed_text_kept_apart(state: &AppState, session: &Session, location: &str) -> Option<String> {
    let (before, query, fragment) = split_address(location);
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let stale = pairs.iter().any(|(k, _)| k == TYPED_TEXT_PARAMETER);
    pairs.retain(|(k, _)| k != TYPED_TEXT_PARAMETER);
    let refused = pairs.iter_mut().find(|(k, _)| k == "__err").and_then(|(_, encoded)| {
        let AppError::Validation { errors, values } = decode(encoded)? else { return None };
        if values.is_empty() {
            return None;
        }
        *encoded = encode(&AppError::Validation { errors, values: Vec::new() })?;
        Some(values)
    });
    match refused {
        Some(values) => {
            let id = random_id();
            if let Err(error) = keep(state, session, &id, values).await {
                // Without a place to keep them the typed values are lost, never sent along.
                tracing::warn!(%error, "could not keep the text of a refused form");
            } else {
                pairs.push((TYPED_TEXT_PARAMETER.to_owned(), id));
            }
        }
        None if !stale => return None,
        None => {}
    }
    Some(join_address(before, &pairs, fragment))
}

/// The page's address with the kept values put back into its `__err`, when this session kept
/// them under the id the address names.
async fn with_typed_text_put_back(state: &AppState, session: &Session, uri: &Uri) -> Option<Uri> {
    let query = uri.query()?;
    if !query.contains(TYPED_TEXT_PARAMETER) {
        return None;
    }
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let id = pairs.iter().find(|(k, _)| k == TYPED_TEXT_PARAMETER).map(|(_, v)| v.clone())?;
    let values = kept_values(state, session, &id).await?;
    let (_, encoded) = pairs.iter_mut().find(|(k, _)| k == "__err")?;
    let AppError::Validation { errors, .. } = decode(encoded)? else { return None };
    *encoded = encode(&AppError::Validation { errors, values })?;
    join_address(uri.path(), &pairs, "").parse().ok()
}

async fn keep(
    state: &AppState,
    session: &Session,
    id: &str,
    values: Vec<(String, String)>,
) -> Result<(), tower_sessions::session::Error> {
    let now = state.clock.now().timestamp();
    let mut kept: Vec<Kept> = session.get(SESSION_KEY).await?.unwrap_or_default();
    kept.retain(|k| k.until > now);
    kept.push(Kept { id: id.to_owned(), until: now + KEEP_FOR_MINUTES * 60, values });
    let surplus = kept.len().saturating_sub(KEPT_PER_SESSION);
    kept.drain(..surplus);
    session.insert(SESSION_KEY, kept).await
}

/// The values kept under `id`, if still there; what has expired is removed on the way.
async fn kept_values(state: &AppState, session: &Session, id: &str) -> Option<Vec<(String, String)>> {
    let now = state.clock.now().timestamp();
    let mut kept: Vec<Kept> = session.get(SESSION_KEY).await.ok().flatten()?;
    let found = kept.iter().find(|k| k.id == id && k.until > now).map(|k| k.values.clone());
    let before = kept.len();
    kept.retain(|k| k.until > now);
    if kept.len() != before {
        let stored = if kept.is_empty() {
            session.remove::<Vec<Kept>>(SESSION_KEY).await.map(|_| ())
        } else {
            session.insert(SESSION_KEY, kept).await
        };
        if let Err(error) = stored {
            tracing::warn!(%error, "could not remove expired text of refused forms");
        }
    }
    found
}

fn decode(encoded: &str) -> Option<AppError> {
    serde_json::from_slice(&URL_SAFE.decode(encoded).ok()?).ok()
}

fn encode(error: &AppError) -> Option<String> {
    Some(URL_SAFE.encode(serde_json::to_vec(error).ok()?))
}

fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// An address cut into what comes before its query, the query and the fragment.
fn split_address(address: &str) -> (&str, &str, &str) {
    let (rest, fragment) = address.split_once('#').map_or((address, ""), |(r, f)| (r, f));
    let (before, query) = rest.split_once('?').unwrap_or((rest, ""));
    (before, query, fragment)
}

fn join_address(before: &str, pairs: &[(String, String)], fragment: &str) -> String {
    let mut address = before.to_owned();
    if !pairs.is_empty() {
        address.push('?');
        address.push_str(&form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish());
    }
    if !fragment.is_empty() {
        address.push('#');
        address.push_str(fragment);
    }
    address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_cut_and_joined_again_unchanged() {
        let address = "https://x.nl/a/b?pagina=2&zoek=a%20b#reactie-3";
        let (before, query, fragment) = split_address(address);
        assert_eq!((before, query, fragment), ("https://x.nl/a/b", "pagina=2&zoek=a%20b", "reactie-3"));
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        assert_eq!(join_address(before, &pairs, fragment), "https://x.nl/a/b?pagina=2&zoek=a+b#reactie-3");
        assert_eq!(join_address("/a", &[], ""), "/a");
    }
}
