//! `/metrics`: for the operator only, labelled by route template, never by what a path holds.

use crate::common::{call_request, TestApp};
use http::{header, Request, StatusCode};

const TOKEN: &str = "een-lang-geheim-voor-de-monitoring-0123456789";

async fn scrape(app: &TestApp, token: Option<&str>) -> crate::common::Reply {
    let mut request = Request::get("/metrics");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.send(request.body(axum::body::Body::empty()).unwrap()).await
}

/// The value of the sample `name{labels}` (labels as rendered, in order), 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines().find_map(|line| line.strip_prefix(series)?.trim().parse().ok()).unwrap_or(0.0)
}

#[tokio::test]
async fn without_a_token_configured_there_are_no_metrics() {
    let app = TestApp::new().await;
    assert_eq!(scrape(&app, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(scrape(&app, Some(TOKEN)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_token_opens_the_metrics() {
    let app = TestApp::with_env(&[("METRICS_TOKEN", TOKEN)]).await;
    for wrong in [None, Some("raden"), Some(&TOKEN[..TOKEN.len() - 1])] {
        let refused = scrape(&app, wrong).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{wrong:?}");
        assert!(!refused.body.contains("samenspraak_"), "{wrong:?}");
    }
    assert_eq!(scrape(&app, Some(TOKEN)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn requests_are_counted_by_route_template_and_status() {
    let app = TestApp::with_env(&[("METRICS_TOKEN", TOKEN)]).await;
    server::seed::seed_world(&app.db).await.unwrap();
    let live = r#"samenspraak_http_requests_total{route="/healthz/live",method="GET",status="200"}"#;
    let before = sample(&scrape(&app, Some(TOKEN)).await.body, live);
    for _ in 0..3 {
        app.get("/healthz/live", None).await;
    }
    // A page whose path names a municipality and a made-up trajectory.
    app.get("/duinwijk/trajecten/999999", None).await;
    let text = scrape(&app, Some(TOKEN)).await.body;
    // Other tests in this process count too: at least these three.
    assert!(sample(&text, live) >= before + 3.0, "{text}");
    assert!(
        text.contains("samenspraak_http_request_duration_seconds_bucket{route=\"/healthz/live\",le=\"0.005\"}"),
        "{text}"
    );
    assert!(!text.contains("/999999") && !text.contains("route=\"/duinwijk"), "paths never become labels: {text}");
    assert!(text.contains("route=\"/{municipality}/trajecten/{id}\""), "{text}");
    assert!(text.contains("samenspraak_db_connections{state=\"in_use\"}"), "{text}");
    assert_eq!(sample(&text, "samenspraak_outbox_unsent"), 0.0);
}

#[tokio::test]
async fn the_outbox_backlog_and_throttled_answers_show() {
    let app = TestApp::with_env(&[("METRICS_TOKEN", TOKEN)]).await;
    server::seed::seed_world(&app.db).await.unwrap();
    let form = [
        ("email", "nieuw@example.nl"),
        ("display_name", "Nieuw"),
        ("password", "een lang wachtwoord hier"),
        ("birth_date", ""),
        ("area_id", ""),
    ];
    let registered = app.send(call_request("register", &form, None)).await;
    assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
    let text = scrape(&app, Some(TOKEN)).await.body;
    assert_eq!(sample(&text, "samenspraak_outbox_unsent"), 1.0, "the confirmation mail waits: {text}");

    let bucket = r#"samenspraak_throttled_total{bucket="log_in account+address"}"#;
    let before = sample(&text, bucket);
    for _ in 0..11 {
        let form = [("email", "inwoner@duinwijk.example"), ("password", "geraden wachtwoord"), ("next", "")];
        app.send(call_request("log_in", &form, None)).await;
    }
    let text = scrape(&app, Some(TOKEN)).await.body;
    assert!(sample(&text, bucket) > before, "{text}");
    assert!(!text.contains("inwoner"), "{text}");
}
