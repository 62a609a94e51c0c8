//! The Samenspraak server: configuration, the router with its security layers, background
//! workers and the command line. `build_router` is what both `serve` and the tests use.

/// What the server logs unless RUST_LOG says otherwise: requests by path and the application's
/// own events, never SQL statements with their values (those would show, one after the other,
/// who voted and what was counted; the secret-ballot tests log with this filter), nor the
/// warnings of the HTML parser that sanitises Markdown (any resident can make it warn).
pub const LOG_FILTER: &str = "info,sqlx=warn,sea_orm=warn,html5ever=error";

pub mod attachments;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo_cluster;
pub mod demo_consultations;
pub mod demo_desk;
pub mod demo_polls;
pub mod demo_reports;
pub mod demo_trajectories;
pub mod form_flash;
pub mod hostile_text;
pub mod metrics;
pub mod open_data;
pub mod own_data;
pub mod page_cache;
pub mod routes;
pub mod schema;
pub mod security;
pub mod seed;
pub mod spliced_gzip;
pub mod transport;
pub mod workers;

use app::server::session_store::DbSessionStore;
use app::server::state::{AppState, Settings};
use app::server::throttle::Throttle;
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sea_orm::DatabaseConnection;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeFile;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::Key;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Requests larger than this are refused before a handler sees them.
const BODY_LIMIT: usize = 1024 * 1024;

pub fn leptos_options(config: &config::Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(config.site.output_name.clone())
        .site_root(config.site.site_root.clone())
        .site_pkg_dir(config.site.site_pkg_dir.clone())
        .site_addr(config.site.site_addr)
        .build()
}

pub fn app_state(db: DatabaseConnection, config: &config::Config) -> AppState {
    AppState {
        db,
        leptos_options: leptos_options(config),
        settings: Arc::new(Settings {
            public_url: config.public_url.clone(),
            production: config.is_production(),
            form_key: app::server::submission::derive_key(&config.session_secret),
            trusted_proxies: config.trusted_proxies.clone(),
            metrics_token: config.metrics_token.clone(),
            page_cache_bytes: u64::from(config.page_cache_mb) * 1024 * 1024,
        }),
        throttle: Arc::new(Throttle::new(
            config.logins_per_address,
            app::server::throttle::derive_key(&config.session_secret),
        )),
        mail_queued: Arc::new(tokio::sync::Notify::new()),
        clock: app::server::clock::Clock::system(),
        reads: Arc::new(app::server::versioned_reads::VersionedReads::new(config.page_cache_mb > 0)),
    }
}

/// The app's page routes, generated once per process. While leptos generates them it switches off
/// resource loading through a process-wide flag, so generating them again while another router is
/// rendering a page (several routers in one process, as in the tests) would leave that page
/// waiting forever for data that is never fetched.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build_router(state: AppState, session_secret: &[u8]) -> Router {
    metrics::handle();
    let routes = page_routes();
    let options = state.leptos_options.clone();
    let stylesheet = app::server::front_end::front_end_files(&options).stylesheet.clone();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(security::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(state.settings.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(app::domain::sessions::IDLE_TIMEOUT_SECS)))
        .with_signed(Key::from(session_secret));

    // Uploads have their own, larger body limit; everything else keeps the small one.
    let uploads = Router::new()
        .route("/{municipality}/raadplegingen/{id}/bijlagen", axum::routing::post(attachments::upload))
        // axum's own 2 MB default for multipart gives way to this route's limit.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(attachments::UPLOAD_BODY_LIMIT));
    let mut pages = Router::new();
    for (path, file) in transport::public_files(&options.site_root) {
        pages = pages.route_service(&path, ServeFile::new(file));
    }
    let router = pages
        .route("/healthz", get(routes::ready))
        .route("/healthz/live", get(routes::live))
        .route("/healthz/ready", get(routes::ready))
        .route("/metrics", get(metrics::scrape))
        .route("/api/v1/municipalities", get(open_data::municipalities))
        .route("/api/v1/{municipality}/trajectories", get(open_data::trajectories::list))
        .route("/api/v1/{municipality}/trajectories.atom", get(open_data::trajectories::feed))
        .route("/api/v1/{municipality}/trajectories/{id}", get(open_data::trajectories::detail))
        .route("/api/v1/{municipality}/trajectories/{id}/report", get(open_data::reports::report))
        .route("/api/v1/{municipality}/trajectories/{id}/report.csv", get(open_data::reports::report_csv))
        .route("/api/v1/{municipality}/consultations/{id}/comments", get(open_data::consultations::comments))
        .route("/api/v1/{municipality}/polls/{id}/results", get(open_data::polls::results))
        .route("/api/v1/{municipality}/polls/{id}/results.csv", get(open_data::polls::results_csv))
        .route("/api/v1/{municipality}/initiatives", get(open_data::desk::initiatives))
        .route("/api/v1/{municipality}/desk/norms", get(open_data::desk::norms))
        .route("/afmelden/{key}", axum::routing::post(routes::one_click_unsubscribe))
        .route("/taal/{locale}", get(routes::switch_language))
        .route("/account/mijn-gegevens.json", get(own_data::download))
        .route("/{municipality}/huisstijl.css", get(routes::house_style))
        .route("/{municipality}/bijlagen/{id}/{name}", get(attachments::download))
        .nest_service("/pkg", transport::front_end(&options.site_root))
        .leptos_routes_with_context(&state, routes, || (), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(uploads)
        // Layers run from the last added (outermost) to the first.
        .layer(axum::middleware::from_fn(security::malformed_calls_are_400))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::enforce_access_table))
        .layer(axum::middleware::from_fn_with_state(state.clone(), form_flash::keep_typed_text))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::refuse_cross_site));
    // Inside the security headers, which give each request its CSP nonce; outside the sessions,
    // which a copy served to someone without one never needs.
    let router = match page_cache::PageCache::new(state.settings.page_cache_bytes) {
        Some(cache) => router.layer(axum::middleware::from_fn_with_state((state.clone(), cache), page_cache::serve)),
        None => router,
    };
    router
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::security_headers))
        .layer(transport::compression())
        .layer(CatchPanicLayer::custom(move |_| security::panic_response(&stylesheet)))
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::server::client_address::resolve))
        .layer(axum::middleware::from_fn(app::server::request_memo::attach))
        .layer(axum::middleware::from_fn(within_request))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &http::Request<axum::body::Body>| {
                    // Path only: query strings can hold tokens or e-mail addresses.
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
                })
                // A failure is logged once, with its cause, where it happens (`context::internal`,
                // the panic handler); the status line stays for debugging.
                .on_failure(tower_http::trace::DefaultOnFailure::new().level(tracing::Level::DEBUG)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Router layers run after routing, so this one still sees the route's template.
        .layer(axum::middleware::from_fn(metrics::record))
        .with_state(state)
}

/// The rest of the request runs knowing its id (see `context::within_request`).
async fn within_request(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    app::server::context::within_request(id, next.run(request)).await
}

/// Waits for ctrl-c or SIGTERM, for a graceful shutdown: in-flight requests finish.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// How often background housekeeping runs.
pub const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(300);
