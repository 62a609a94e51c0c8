//! When open data fails inside (the database refuses, a stored report does not read), the reader
//! gets a JSON error with one id and no details, and that id is the request's own: the one in the
//! `x-request-id` header and on the one log line that tells the operator what went wrong.

use crate::common::{Captured, TestApp};
use http::StatusCode;
use sea_orm::ConnectionTrait;
use std::sync::OnceLock;

/// Everything logged at error level in this test binary, with the spans it happened in.
fn captured_log() -> Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::Layer;
        let log = Captured::default();
        let writer = log.clone();
        let errors_in_their_spans =
            tracing_subscriber::filter::filter_fn(|meta| meta.is_span() || *meta.level() == tracing::Level::ERROR);
        let layer = tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .with_filter(errors_in_their_spans);
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
            .expect("no other test sets a global subscriber");
        log
    })
    .clone()
}

/// Asks `path`, expects an internal error, and checks what the reader and the log got.
async fn fails_once_with_the_request_id(app: &TestApp, path: &str, cause: &str) {
    let log = captured_log();
    let reply = app.get(path, None).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}: {}", reply.body);
    let request_id = reply.headers["x-request-id"].to_str().unwrap().to_owned();
    let body = reply.json();
    assert_eq!(body["error"], "internal", "{path}");
    assert_eq!(body["correlation_id"], request_id.as_str(), "{path}: the reader quotes the request's own id");
    assert_eq!(body.as_object().unwrap().len(), 2, "{path}: nothing else is told: {body}");
    assert!(!reply.body.contains(cause), "{path}: no details for the reader: {}", reply.body);

    let text = log.text();
    let lines: Vec<&str> = text.lines().filter(|line| line.contains(&request_id)).collect();
    assert_eq!(lines.len(), 1, "{path}: logged once, not {}: {lines:#?}", lines.len());
    let line = lines[0];
    assert!(line.contains("internal error"), "{line}");
    assert!(line.contains(&format!("request_id={request_id}")), "in the request's span: {line}");
    assert!(line.contains(&format!("correlation_id={request_id}")), "{line}");
    assert!(line.contains(cause), "the operator reads the cause: {line}");
}

#[tokio::test]
async fn a_report_that_does_not_read_is_an_internal_error_logged_once_with_the_request_id() {
    let app = TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    let list = app.get("/api/v1/duinwijk/trajectories?stage=reported", None).await.json();
    let reported = list["trajectories"][0]["id"].as_i64().expect("a reported demo trajectory");
    // A published report is frozen by a trigger; to play a report this version cannot read (one
    // written by a later version, say), the guard goes first.
    let unguard = match app.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "DROP TRIGGER reports_frozen ON reports",
        _ => "DROP TRIGGER reports_frozen_update",
    };
    app.db.execute_unprepared(unguard).await.unwrap();
    app.db.execute_unprepared("UPDATE reports SET contents = 'geen JSON'").await.unwrap();

    for format in ["report", "report.csv"] {
        let path = format!("/api/v1/duinwijk/trajectories/{reported}/{format}");
        fails_once_with_the_request_id(&app, &path, "expected value").await;
    }
}

#[tokio::test]
async fn a_database_failure_is_an_internal_error_logged_once_with_the_request_id() {
    let app = TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    app.db.execute_unprepared("ALTER TABLE desk_cases RENAME TO desk_cases_elsewhere").await.unwrap();

    fails_once_with_the_request_id(&app, "/api/v1/duinwijk/initiatives", "desk_cases").await;
}
