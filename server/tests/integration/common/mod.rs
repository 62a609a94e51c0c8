//! Test harness: the real router, driven in-process against a fresh database per test. SQLite by
//! default; with TEST_POSTGRES_URL set (scripts/with-postgres.sh does that) every test gets its
//! own database in the throwaway PostgreSQL cluster.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod smtp_sink;

use app::server::state::AppState;
use axum::body::Body;
use axum::Router;
use http::{header, HeaderMap, Request, StatusCode};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use server::config::Config;
use std::path::PathBuf;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub db: DatabaseConnection,
    pub config: Config,
    _dir: std::sync::Arc<TempDir>,
}

/// A directory removed when the test ends.
pub struct TempDir(pub PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The session cookie this reply sets, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| server::security::is_session_cookie(c))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
    }

    /// The cookie `name` this reply sets, as `name=value`.
    pub fn cookie_set(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.strip_prefix(name).is_some_and(|rest| rest.starts_with('=')))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
    }

    pub fn location(&self) -> Option<String> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }
}

/// A fresh, migrated, empty database: SQLite in a temp dir, or a new PostgreSQL database.
pub async fn fresh_database(dir: &std::path::Path) -> (String, DatabaseConnection) {
    let url = match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            let admin = sea_orm::Database::connect(&admin_url).await.expect("connect to test cluster");
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create database");
            admin.close().await.ok();
            format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0)
        }
        Err(_) => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
    };
    let db = server::db::connect(&url).await.expect("connect");
    (url, db)
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_env(&[]).await
    }

    /// A test app with some configuration variables set differently.
    pub async fn with_env(overrides: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("samenspraak-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let (url, db) = fresh_database(&dir).await;
        Migrator::up(&db, None).await.expect("migrations");
        let mut vars = vec![("DATABASE_URL", url), ("PUBLIC_URL", ORIGIN.to_owned()), ("APP_ENV", "test".to_owned())];
        for (name, value) in overrides {
            vars.retain(|(k, _)| k != name);
            vars.push((name, (*value).to_owned()));
        }
        let config = Config::from_lookup(|k| vars.iter().find(|(name, _)| *name == k).map(|(_, v)| v.clone()), &dir)
            .expect("config");
        let state = server::app_state(db.clone(), &config);
        let router = server::build_router(state.clone(), &config.session_secret);
        Self { router, state, db, config, _dir: std::sync::Arc::new(TempDir(dir)) }
    }

    /// A second app server on the same database, as behind a load balancer: its own router and
    /// state (nothing in memory shared), the same configuration and, so tests can move time for
    /// both, the same clock.
    pub fn another_server(&self) -> Self {
        let state = AppState { clock: self.state.clock.clone(), ..server::app_state(self.db.clone(), &self.config) };
        let router = server::build_router(state.clone(), &self.config.session_secret);
        Self { router, state, db: self.db.clone(), config: self.config.clone(), _dir: self._dir.clone() }
    }

    /// Another app server on the same database and clock that keeps no copies of pages: what a
    /// page is when made fresh.
    pub fn uncached(&self) -> Self {
        let config = Config { page_cache_mb: 0, ..self.config.clone() };
        let state = AppState { clock: self.state.clock.clone(), ..server::app_state(self.db.clone(), &config) };
        let router = server::build_router(state.clone(), &config.session_secret);
        Self { router, state, db: self.db.clone(), config, _dir: self._dir.clone() }
    }

    /// An app server on another database `db` at `url` (a restored copy), with this one's
    /// configuration and clock.
    pub fn serving(&self, db: DatabaseConnection, url: &str) -> Self {
        let config = Config { database_url: url.to_owned(), ..self.config.clone() };
        let state = AppState { clock: self.state.clock.clone(), ..server::app_state(db.clone(), &config) };
        let router = server::build_router(state.clone(), &config.session_secret);
        Self { router, state, db, config, _dir: self._dir.clone() }
    }

    /// A test app with the demo municipalities and accounts loaded (no trajectories).
    pub async fn seeded() -> (Self, Vec<server::seed::CreatedAccount>) {
        let app = Self::new().await;
        let accounts = server::seed::seed_world(&app.db).await.expect("seed");
        (app, accounts)
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.expect("body");
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A GET as a browser sends it.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(path).header(header::ACCEPT, "text/html,application/xhtml+xml,*/*");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Calls a server function the way the hydrated front end does (JSON answer).
    pub async fn call(&self, function: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.send(call_request(function, form, cookie)).await
    }

    /// A fresh submission token for the signed-in person, as a form's page gets one.
    pub async fn submission_token(&self, cookie: &str) -> String {
        let reply = self.call("new_submission_token", &[], Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::OK, "new_submission_token: {}", reply.body);
        reply.json().as_str().expect("a token").to_owned()
    }

    /// Submits a form the way its page does: with a fresh submission token.
    pub async fn call_signed(&self, function: &str, form: &[(&str, &str)], cookie: &str) -> Reply {
        let token = self.submission_token(cookie).await;
        let mut signed = form.to_vec();
        signed.push(("submission_token", &token));
        self.call(function, &signed, Some(cookie)).await
    }

    /// Sends the same call `times` times at once, each on its own task, and returns every reply.
    pub async fn call_in_parallel(
        &self,
        times: usize,
        function: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Vec<Reply> {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..times {
            let (router, request) = (self.router.clone(), call_request(function, form, cookie));
            tasks.spawn(async move {
                let response = router.oneshot(request).await.expect("router answers");
                let (status, headers) = (response.status(), response.headers().clone());
                let bytes = axum::body::to_bytes(response.into_body(), 1024 * 1024).await.expect("body");
                Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
            });
        }
        tasks.join_all().await
    }

    /// Posts a form the way a browser without JavaScript does (HTML accepted, Referer set).
    pub async fn post_form(&self, function: &str, form: &[(&str, &str)], referer: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::ORIGIN, ORIGIN)
            .header(header::REFERER, format!("{ORIGIN}{referer}"));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(encode(form))).unwrap()).await
    }

    /// Logs in and returns the session cookie.
    pub async fn log_in(&self, email: &str, password: &str) -> String {
        let reply = self.call("log_in", &[("email", email), ("password", password), ("next", "")], None).await;
        assert_eq!(reply.status, StatusCode::OK, "login failed: {}", reply.body);
        reply.session_cookie().expect("session cookie after login")
    }
}

/// A server-function call as the hydrated front end sends it.
pub fn call_request(function: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(encode(form))).unwrap()
}

pub fn encode(form: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish()
}

pub fn password_of<'a>(accounts: &'a [server::seed::CreatedAccount], email: &str) -> &'a str {
    &accounts.iter().find(|a| a.email == email).expect("seeded account").password
}

/// A log writer the test can read back.
#[derive(Clone, Default)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
