use crate::common::{encode, TestApp, ORIGIN};
use axum::body::Body;
use http::{header, Request, StatusCode};

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (app, _) = TestApp::seeded().await;
    for path in ["/", "/duinwijk", "/healthz", "/api/v1/municipalities", "/bestaat-niet"] {
        let reply = app.get(path, None).await;
        let h = &reply.headers;
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(h.contains_key("x-request-id"), "{path}");
        assert!(!h.contains_key("strict-transport-security"), "no HSTS outside production");
    }
}

#[tokio::test]
async fn inline_scripts_carry_the_nonce_of_their_own_response() {
    let (app, _) = TestApp::seeded().await;
    let first = app.get("/", None).await;
    let second = app.get("/", None).await;
    let nonce_of = |csp: &str| csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
    let (n1, n2) = (
        nonce_of(first.headers["content-security-policy"].to_str().unwrap()),
        nonce_of(second.headers["content-security-policy"].to_str().unwrap()),
    );
    assert_ne!(n1, n2, "a fresh nonce per response");
    // Leptos also writes an empty <script></script>, which runs nothing.
    let scripts = first.body.matches("<script").count() - first.body.matches("<script></script>").count();
    let with_nonce = first.body.matches(&format!("nonce=\"{n1}\"")).count();
    assert!(scripts > 0);
    assert!(with_nonce >= scripts, "{scripts} scripts, {with_nonce} with nonce: {}", first.body);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let (app, accounts) = TestApp::seeded().await;
    let password = crate::common::password_of(&accounts, "inwoner@duinwijk.example");
    let form = encode(&[("email", "inwoner@duinwijk.example"), ("password", password), ("next", "")]);
    let post = |origin: Option<&str>, fetch_site: Option<&str>| {
        let mut request = Request::post("/api/log_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.body(Body::from(form.clone())).unwrap()
    };
    assert_eq!(app.send(post(Some("https://evil.example"), None)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.send(post(Some("null"), None)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.send(post(None, Some("cross-site"))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.send(post(Some(ORIGIN), None)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unlisted_server_functions_do_not_exist_and_restricted_ones_need_a_session() {
    let app = TestApp::new().await;
    assert_eq!(app.call("drop_everything", &[], None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("log_out", &[], None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn restricted_pages_send_visitors_to_the_login_page() {
    let app = TestApp::new().await;
    let reply = app.get("/account", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location().as_deref(), Some("/inloggen?next=/account"));
}

#[tokio::test]
async fn oversized_requests_are_refused_before_any_handler() {
    let app = TestApp::new().await;
    let big = "x".repeat(2 * 1024 * 1024);
    let request = Request::post("/api/log_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_LENGTH, big.len() + 20)
        .body(Body::from(format!("email={big}&password=x&next=")))
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn malformed_server_function_calls_get_a_clean_400() {
    let app = TestApp::new().await;
    let reply = app.call("log_in", &[("email", "x")], None).await;
    assert_eq!(reply.status.as_u16() / 100, 4, "{}", reply.body);
    assert!(!reply.body.contains("panicked"));
}

#[tokio::test]
async fn a_refused_page_is_a_complete_page() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let cookie = app.log_in(email, crate::common::password_of(&accounts, email)).await;
    let reply = app.get("/beheer", Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains(r#"<html lang="nl">"#) && reply.body.contains("<main") && reply.body.contains("<h1>"));
}

/// Pages for someone signed in are never stored by the browser or a cache on the way; pages for
/// anyone say they vary with the cookie; static files and open data are left to cache.
#[tokio::test]
async fn personal_pages_are_not_stored() {
    let (app, accounts) = TestApp::seeded().await;
    let resident =
        app.log_in("inwoner@duinwijk.example", crate::common::password_of(&accounts, "inwoner@duinwijk.example")).await;
    let desk =
        app.log_in("loket@duinwijk.example", crate::common::password_of(&accounts, "loket@duinwijk.example")).await;
    for (path, cookie) in [
        ("/account", &resident),
        ("/duinwijk", &resident),
        ("/", &resident),
        ("/beheer/duinwijk/loket", &desk),
        ("/beheer", &desk),
    ] {
        let reply = app.get(path, Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
    }
    let call = app.call("current_account", &[], Some(&resident)).await;
    assert_eq!(call.headers[header::CACHE_CONTROL], "no-store", "server functions answer personally");
    let login = app
        .call(
            "log_in",
            &[
                ("email", "inwoner@duinwijk.example"),
                ("password", crate::common::password_of(&accounts, "inwoner@duinwijk.example")),
                ("next", ""),
            ],
            None,
        )
        .await;
    assert_eq!(login.headers[header::CACHE_CONTROL], "no-store", "the answer that starts a session");

    let anonymous = app.get("/duinwijk", None).await;
    assert!(anonymous.headers.get(header::CACHE_CONTROL).is_none(), "a page for anyone may be kept");
    assert!(anonymous.headers.get_all(header::VARY).iter().any(|v| v == "Cookie"), "but only for anyone");
    let open_data = app.get("/api/v1/duinwijk/trajectories", Some(&resident)).await;
    assert!(open_data.headers.get(header::CACHE_CONTROL).is_none(), "open data is the same for everyone");
}
