//! Helpers that server functions use to reach the request: state, session, signed-in actor,
//! client address, and turning unexpected failures into a logged `AppError::Internal`.

use super::accounts;
use super::entities::user;
use super::state::AppState;
use crate::domain::roles::Actor;
use crate::error::{AppError, AppResult};
use leptos::prelude::*;
use tower_sessions::Session;

/// Session key holding the signed-in account's id.
pub const SESSION_USER: &str = "user_id";
/// Session key holding when the person signed in (unix seconds), for the absolute timeout.
pub const SESSION_SIGNED_IN_AT: &str = "signed_in_at";
/// Session key holding when the idle expiry was last moved forward (unix seconds).
pub const SESSION_SLID_AT: &str = "slid_at";
/// Session key holding the browser and system named at sign-in ("Firefox op Android"), for the
/// person's list of their sessions.
pub const SESSION_DEVICE: &str = "device";
/// Session key holding when the person last confirmed their password (unix seconds), which
/// opens their own data for a while (`domain::sessions::confirmation_is_fresh`).
pub const SESSION_CONFIRMED_AT: &str = "confirmed_at";

/// Logs an unexpected failure with a fresh correlation id and returns the error the person sees:
/// only that id, never the details.
pub fn internal<E: std::fmt::Display + 'static>(error: E) -> AppError {
    if (&error as &dyn std::any::Any).downcast_ref::<sea_orm::DbErr>().is_some_and(database_overloaded) {
        tracing::warn!(%error, "database busy: answered 503 with Retry-After");
        return AppError::Busy { retry_after_secs: DATABASE_BUSY_RETRY_AFTER_SECS };
    }
    let correlation_id = correlation_id();
    tracing::error!(%correlation_id, %error, "internal error");
    AppError::Internal { correlation_id }
}

/// How long someone is asked to wait when the database was too busy for their request.
const DATABASE_BUSY_RETRY_AFTER_SECS: u64 = 1;

/// The database is there, but every connection stayed in use past the pool's wait, or SQLite's
/// one write lock stayed taken past its busy timeout (its busy handler is not a queue: under a
/// long burst an early waiter can lose to later ones every time). That is a burst larger than the
/// server takes at once, not a fault: the person is asked to try again (503 with Retry-After),
/// and the submission token every form carries makes a form sent again count once.
fn database_overloaded(error: &sea_orm::DbErr) -> bool {
    use sea_orm::{sqlx, ConnAcquireErr, DbErr, RuntimeErr};
    let sqlx_error = match error {
        DbErr::ConnectionAcquire(ConnAcquireErr::Timeout) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e,
        DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx_error.as_ref() {
        sqlx::Error::PoolTimedOut => true,
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes (low byte).
        sqlx::Error::Database(e) if e.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() => {
            e.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| matches!(c & 0xff, 5 | 6))
        }
        _ => false,
    }
}

tokio::task_local! {
    /// The id of the request being answered, for everything that runs inside its task.
    static REQUEST_ID: String;
}

/// Runs `work` (the rest of a request) knowing the request's id, so that a failure logged
/// anywhere below gives the reader the id that the `x-request-id` response header and the
/// request's log span carry, also outside Leptos (open data, uploads).
pub async fn within_request<F: std::future::Future>(request_id: String, work: F) -> F::Output {
    REQUEST_ID.scope(request_id, work).await
}

/// The id of the current request (set by the request-id layer), or a new one outside a request.
pub fn correlation_id() -> String {
    REQUEST_ID
        .try_with(Clone::clone)
        .ok()
        .or_else(|| {
            // Leptos may render on other tasks than the request's; its context has the request.
            use_context::<http::request::Parts>()
                .and_then(|parts| parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned))
        })
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string())
}

/// The page a form was sent from (browsers send it with same-origin forms; see the
/// Referrer-Policy in `security.rs`), to send the person back to the view they acted in.
pub fn referer() -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_owned))
}

/// The request's User-Agent header, if any.
pub fn user_agent() -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned))
}

/// The value of the request's cookie `name`, if it sent one.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('=').map(str::to_owned))
}

/// Adds a `Set-Cookie` header (a whole cookie string) to the response being rendered.
pub fn set_response_cookie(cookie: &str) {
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(cookie))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The language the person chose on the site (the language switch's cookie); None when they
/// never chose, which means Dutch.
pub fn chosen_language() -> Option<crate::server::letters::Language> {
    request_cookie("i18n_pref_locale").map(|locale| crate::server::letters::Language::of(Some(locale.trim())))
}

pub fn app_state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))
}

pub async fn session() -> AppResult<Session> {
    leptos_axum::extract::<Session>().await.map_err(internal)
}

/// The address of the client's own machine, as far as trusted proxies vouch for it (see
/// `client_address`); set for every request that came in over a socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The address throttling is keyed on: the client's address, "unknown" for a request that did
/// not come over a socket (the tests' in-process calls).
pub fn client_ip() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().map(|address| address.0.to_string()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The signed-in account and what it may act as, or None. Ends sessions past their absolute
/// lifetime or whose account is gone, and keeps an active session alive (see `session_clock`).
pub async fn current_account(state: &AppState, session: &Session) -> AppResult<Option<(user::Model, Actor)>> {
    current_account_in(state, session, super::request_memo::current().as_ref()).await
}

/// [`current_account`] for code outside Leptos' context (middleware), with the request's memo.
pub async fn current_account_in(
    state: &AppState,
    session: &Session,
    memo: Option<&super::request_memo::RequestMemo>,
) -> AppResult<Option<(user::Model, Actor)>> {
    use crate::domain::sessions::{session_clock, SessionClock};
    let Some(user_id) = session.get::<i32>(SESSION_USER).await.map_err(internal)? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SESSION_SIGNED_IN_AT).await.map_err(internal)?.unwrap_or(0);
    let slid_at = session.get::<i64>(SESSION_SLID_AT).await.map_err(internal)?;
    let now = state.clock.now().timestamp();
    match session_clock(now, signed_in_at, slid_at) {
        SessionClock::Ended => {
            session.flush().await.map_err(internal)?;
            return Ok(None);
        }
        // A changed session is saved after the response with a new idle expiry.
        SessionClock::Slide => session.insert(SESSION_SLID_AT, now).await.map_err(internal)?,
        SessionClock::Keep => {}
    }
    let load = || state.reads.accounts.read(memo, &state.db, user_id, || accounts::load_actor(&state.db, user_id));
    let loaded = match memo {
        Some(memo) => memo.account(user_id, load).await?,
        None => load().await?,
    };
    match loaded {
        Some(found) => Ok(Some(found)),
        None => {
            session.flush().await.map_err(internal)?;
            Ok(None)
        }
    }
}

/// What a server function for signed-in people starts from.
pub struct SignedIn {
    pub state: AppState,
    pub session: Session,
    pub account: user::Model,
    pub actor: Actor,
}

/// The request's state, session and signed-in account; Unauthenticated (401) without one.
pub async fn signed_in() -> AppResult<SignedIn> {
    let state = app_state()?;
    let session = session().await?;
    let (account, actor) =
        current_account(&state, &session).await?.ok_or_else(|| answer_with(AppError::Unauthenticated))?;
    Ok(SignedIn { state, session, account, actor })
}

/// Whoever opens one of a municipality's pages, signed in or not.
pub struct Reader {
    pub state: AppState,
    pub account: Option<user::Model>,
    pub actor: Option<Actor>,
    pub municipality: crate::model::tenancy::MunicipalityDetail,
    pub municipality_id: crate::domain::tenancy::MunicipalityId,
}

impl Reader {
    /// Whether the reader may see what a trajectory holds: a draft only its municipality's staff.
    pub fn may_see(&self, trajectory: &super::trajectories::Loaded) -> bool {
        trajectory.status.is_public() || self.actor.as_ref().is_some_and(|a| a.is_staff_of(self.municipality_id))
    }
}

/// The request's state, the reader (if signed in) and the named municipality (404 without one).
pub async fn reader(municipality: &str) -> AppResult<Reader> {
    let state = app_state()?;
    let session = session().await?;
    let (account, actor) = match current_account(&state, &session).await? {
        Some((account, actor)) => (Some(account), Some(actor)),
        None => (None, None),
    };
    let found = municipality_named(&state, municipality).await?;
    let municipality_id = crate::domain::tenancy::MunicipalityId(found.id);
    Ok(Reader { state, account, actor, municipality: found, municipality_id })
}

/// The municipality a request names by slug; NotFound (404) when there is none.
pub async fn municipality_named(state: &AppState, slug: &str) -> AppResult<crate::model::tenancy::MunicipalityDetail> {
    municipality_by_slug(state, slug).await?.ok_or_else(|| answer_with(AppError::NotFound))
}

/// The municipality with `slug`, if there is one; looked up once per request (the header and
/// the page both ask).
pub async fn municipality_by_slug(
    state: &AppState,
    slug: &str,
) -> AppResult<Option<crate::model::tenancy::MunicipalityDetail>> {
    let memo = super::request_memo::current();
    let find = || {
        let kept = &state.reads.municipalities;
        kept.read(memo.as_ref(), &state.db, slug.to_owned(), || super::tenancy::find_by_slug(&state.db, slug))
    };
    match &memo {
        Some(memo) => memo.municipality(slug, find).await,
        None => find().await,
    }
}

/// Sets the HTTP status of a server function's error response, so clients and tests see 4xx
/// instead of a generic 500, and adds Retry-After to a 429 or 503.
pub fn answer_with(error: AppError) -> AppError {
    // A form posted without JavaScript is redirected back to its page with the error in the
    // URL; a status set here would replace that redirect.
    let plain_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
    });
    if plain_form_post {
        return error;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(error.status_code()) {
            response.set_status(status);
        }
        if let AppError::RateLimited { retry_after_secs } | AppError::Busy { retry_after_secs } = &error {
            if let Ok(value) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.insert_header(http::header::RETRY_AFTER, value);
            }
        }
    }
    error
}

/// The CSP nonce of this response, put into the request by the server's security layer.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// Hands the request's nonce to Leptos, which puts it on the hydration script and every other
/// inline script it writes, so the CSP needs no 'unsafe-inline'.
pub fn provide_csp_nonce() {
    if let Some(nonce) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, Database, DbErr};

    #[test]
    fn a_pool_that_stays_full_is_busy_and_other_failures_are_internal() {
        let busy = internal(DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout));
        assert_eq!(busy, AppError::Busy { retry_after_secs: DATABASE_BUSY_RETRY_AFTER_SECS });
        assert!(matches!(internal(DbErr::Custom("broken".into())), AppError::Internal { .. }));
        assert!(matches!(internal("not a database error"), AppError::Internal { .. }));
    }

    #[tokio::test]
    async fn sqlites_write_lock_held_past_the_busy_timeout_is_busy() {
        let dir = std::env::temp_dir().join(format!("samenspraak-busy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("busy.db").display());
        // One connection, so that BEGIN and ROLLBACK run on the same one.
        let holder =
            Database::connect(sea_orm::ConnectOptions::new(url.clone()).max_connections(1).to_owned()).await.unwrap();
        holder.execute_unprepared("CREATE TABLE IF NOT EXISTS t (x INTEGER)").await.unwrap();
        holder.execute_unprepared("BEGIN IMMEDIATE").await.unwrap();
        let mut options = sea_orm::ConnectOptions::new(url);
        options.map_sqlx_sqlite_opts(|o| o.busy_timeout(std::time::Duration::from_millis(50)));
        let waiter = Database::connect(options).await.unwrap();
        let refused = waiter.execute_unprepared("BEGIN IMMEDIATE").await.unwrap_err();
        assert!(matches!(internal(refused), AppError::Busy { .. }));
        holder.execute_unprepared("ROLLBACK").await.unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }
}
