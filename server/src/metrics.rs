//! What an operator scrapes: `/metrics` in Prometheus' text format, behind a bearer token.
//!
//! Requests are counted by route template (never the path itself: `/duinwijk/trajecten/12` is
//! `/{municipality}/trajecten/{id}`, so the number of series stays bounded and no resident's
//! address or token ends up in a label) and method and status, with a latency histogram per
//! route. The database pool and the outbox are read at scrape time. The use cases count their
//! own events (mail sent, jobs run, throttled and busy answers) with the `metrics` facade.

use app::server::entities::outbox_message;
use app::server::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, StatusCode};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::fmt::Write;
use std::sync::OnceLock;
use std::time::Instant;

/// Request latency buckets, in seconds: from a cached page to a slow report.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The process's recorder, installed once (several routers in one process share it).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full("samenspraak_http_request_duration_seconds".into()), &LATENCY_BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed; /metrics shows only what this one sees");
        }
        keep_up(handle.clone());
        handle
    })
}

/// How often the recorded latencies are folded into their buckets.
const UPKEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// The recorder keeps every latency recorded, one by one, until they are folded into the
/// histogram's buckets, which only a scrape or an upkeep does (the exporter's own `install`
/// starts this, `build_recorder` does not). Without it a server nobody scrapes grows with every
/// request it answers. A thread of its own, so it runs whatever runtime (or test) first asked for
/// the recorder, for as long as the process.
fn keep_up(handle: PrometheusHandle) {
    let started = std::thread::Builder::new().name(UPKEEP_THREAD.to_owned()).spawn(move || loop {
        std::thread::sleep(UPKEEP_EVERY);
        handle.run_upkeep();
    });
    if let Err(error) = started {
        tracing::warn!(%error, "metrics: no upkeep thread; latencies are folded in at each scrape only");
    }
}

const UPKEEP_THREAD: &str = "metrics-upkeep";

/// Counts every request by route template, method and status, and times it.
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("samenspraak_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("samenspraak_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: only with `Authorization: Bearer <METRICS_TOKEN>`; without a configured token
/// the address does not exist (404), with a wrong one 401.
pub async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.settings.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|given| constant_time_eq(given.trim().as_bytes(), expected.as_bytes())) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    let handle = handle();
    handle.run_upkeep();
    let mut text = handle.render();
    // Read now, from this server's own pool and the shared outbox.
    pool_gauges(&state, &mut text);
    if let Err(error) = outbox_gauges(&state, &mut text).await {
        tracing::warn!(%error, "metrics: could not read the outbox");
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], text)
        .into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn gauge(text: &mut String, name: &str, help: &str, samples: &[(&str, f64)]) {
    let _ = writeln!(text, "# HELP {name} {help}\n# TYPE {name} gauge");
    for (labels, value) in samples {
        let _ = writeln!(text, "{name}{labels} {value}");
    }
}

fn pool_gauges(state: &AppState, text: &mut String) {
    let (size, idle) = match state.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = state.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = state.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    let idle = u32::try_from(idle).unwrap_or(size);
    let samples = [("{state=\"in_use\"}", f64::from(size.saturating_sub(idle))), ("{state=\"idle\"}", f64::from(idle))];
    gauge(text, "samenspraak_db_connections", "Open database connections of this server", &samples);
}

async fn outbox_gauges(state: &AppState, text: &mut String) -> Result<(), sea_orm::DbErr> {
    let unsent = outbox_message::Entity::find().filter(outbox_message::Column::SentAt.is_null());
    let count = unsent.clone().count(&state.db).await?;
    let oldest = unsent.order_by_asc(outbox_message::Column::CreatedAt).one(&state.db).await?;
    let age = oldest.map_or(0.0, |m| (state.clock.now() - m.created_at).num_milliseconds().max(0) as f64 / 1000.0);
    gauge(text, "samenspraak_outbox_unsent", "Mails waiting to be sent", &[("", count as f64)]);
    gauge(text, "samenspraak_outbox_oldest_unsent_seconds", "Age of the oldest mail waiting", &[("", age)]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The latencies of a server nobody scrapes are folded in all the same.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_recorder_is_kept_up_by_a_thread_of_its_own() {
        handle();
        let names = || -> Vec<String> {
            std::fs::read_dir("/proc/self/task")
                .unwrap()
                .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
                .map(|name| name.trim().to_owned())
                .collect()
        };
        // A new thread gives itself its name as it starts: wait for that, not for a moment.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !names().iter().any(|name| name == UPKEEP_THREAD) {
            assert!(std::time::Instant::now() < deadline, "threads: {:?}", names());
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
