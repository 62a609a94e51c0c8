//! Who the client is behind the reverse proxy, and throttles that all app servers share.
//!
//! Requests here come "over a socket" (the router's `ConnectInfo`, as `serve` gives it), from a
//! chosen peer address, with or without `X-Forwarded-For`.

use crate::common::{call_request, TestApp};
use axum::extract::ConnectInfo;
use axum::Router;
use http::StatusCode;
use std::net::SocketAddr;
use tower::ServiceExt;

const ACCOUNT: &str = "inwoner@duinwijk.example";

/// A wrong password for `email`, sent to `router` from `peer` with the given forwarded-for.
async fn guess(router: &Router, peer: &str, forwarded_for: Option<&str>, email: &str) -> StatusCode {
    let mut request =
        call_request("log_in", &[("email", email), ("password", "geraden wachtwoord"), ("next", "")], None);
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    if let Some(hops) = forwarded_for {
        request.headers_mut().insert("x-forwarded-for", hops.parse().unwrap());
    }
    router.clone().oneshot(request).await.unwrap().status()
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forwarded_for_header_changes_nothing() {
    let app = TestApp::with_env(&[("LOGINS_PER_ADDRESS", "3")]).await;
    // A stopped clock: however slow the machine, no token comes back while the test runs.
    app.state.clock.set(chrono::Utc::now());
    server::seed::seed_world(&app.db).await.unwrap();
    let mut statuses = Vec::new();
    for (i, who) in ["inwoner", "loket", "beheerder", "moderator"].iter().enumerate() {
        // A fresh made-up address every time: if it were believed, no limit would ever bite.
        let forged = format!("198.51.100.{i}");
        statuses.push(guess(&app.router, "203.0.113.5", Some(&forged), &format!("{who}@duinwijk.example")).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Another machine is not held up by it.
    assert_eq!(guess(&app.router, "203.0.113.6", None, ACCOUNT).await, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn behind_a_trusted_proxy_every_resident_is_their_own_client() {
    let app = TestApp::with_env(&[("LOGINS_PER_ADDRESS", "3"), ("TRUSTED_PROXIES", "127.0.0.1, ::1")]).await;
    // A stopped clock: however slow the machine, no token comes back while the test runs.
    app.state.clock.set(chrono::Utc::now());
    server::seed::seed_world(&app.db).await.unwrap();
    // Twelve tries through the proxy from four homes: three each, all heard.
    for home in ["198.51.100.1", "198.51.100.2", "2001:db8:5::1", "203.0.113.9"] {
        for who in ["loket", "beheerder", "moderator"] {
            let status = guess(&app.router, "127.0.0.1", Some(home), &format!("{who}@duinwijk.example")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{home} {who}");
        }
    }
    // The fourth from one home is over that home's limit, not the municipality's.
    assert_eq!(guess(&app.router, "127.0.0.1", Some("198.51.100.1"), ACCOUNT).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(guess(&app.router, "127.0.0.1", Some("198.51.100.3"), ACCOUNT).await, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_header_forged_through_the_proxy_or_past_it_is_not_believed() {
    let app = TestApp::with_env(&[("LOGINS_PER_ADDRESS", "3"), ("TRUSTED_PROXIES", "127.0.0.1")]).await;
    // A stopped clock: however slow the machine, no token comes back while the test runs.
    app.state.clock.set(chrono::Utc::now());
    server::seed::seed_world(&app.db).await.unwrap();
    for (i, who) in ["loket", "beheerder", "moderator"].iter().enumerate() {
        // The attacker sends a made-up first hop; the proxy appends the real address.
        let hops = format!("10.9.9.{i}, 203.0.113.7");
        let status = guess(&app.router, "127.0.0.1", Some(&hops), &format!("{who}@duinwijk.example")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        guess(&app.router, "127.0.0.1", Some("10.9.9.9, 203.0.113.7"), ACCOUNT).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Going around the proxy, straight to the server, with the header of someone else's home:
    // the server counts the socket (the attacker), not the home.
    let app2 = TestApp::with_env(&[("LOGINS_PER_ADDRESS", "3"), ("TRUSTED_PROXIES", "127.0.0.1")]).await;
    app2.state.clock.set(chrono::Utc::now());
    server::seed::seed_world(&app2.db).await.unwrap();
    for _ in 0..3 {
        guess(&app2.router, "203.0.113.66", Some("198.51.100.1"), ACCOUNT).await;
    }
    assert_eq!(
        guess(&app2.router, "203.0.113.66", Some("198.51.100.77"), ACCOUNT).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(guess(&app2.router, "127.0.0.1", Some("198.51.100.1"), ACCOUNT).await, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn two_app_servers_share_the_limit_on_one_account_from_one_address() {
    let (app, _) = TestApp::seeded().await;
    // A stopped clock: however slow the machine, no token comes back while the test runs.
    app.state.clock.set(chrono::Utc::now());
    let other = app.another_server().router;
    // Ten guesses, alternating servers: each server alone has seen only five.
    for i in 0..10 {
        let router = if i % 2 == 0 { &app.router } else { &other };
        assert_eq!(guess(router, "203.0.113.5", None, ACCOUNT).await, StatusCode::UNPROCESSABLE_ENTITY, "{i}");
    }
    assert_eq!(guess(&other, "203.0.113.5", None, ACCOUNT).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(guess(&app.router, "203.0.113.5", None, ACCOUNT).await, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn two_app_servers_share_the_limit_on_one_account_from_many_addresses() {
    let app = TestApp::with_env(&[("TRUSTED_PROXIES", "127.0.0.1")]).await;
    // A stopped clock: however slow the machine, no token comes back while the test runs.
    app.state.clock.set(chrono::Utc::now());
    server::seed::seed_world(&app.db).await.unwrap();
    let other = app.another_server().router;
    for i in 0..100 {
        let router = if i % 2 == 0 { &app.router } else { &other };
        let home = format!("10.0.{}.{}", i / 10, i % 10);
        assert_eq!(guess(router, "127.0.0.1", Some(&home), ACCOUNT).await, StatusCode::UNPROCESSABLE_ENTITY, "{i}");
    }
    assert_eq!(guess(&other, "127.0.0.1", Some("10.1.0.1"), ACCOUNT).await, StatusCode::TOO_MANY_REQUESTS);
    // Another account is not locked by it.
    let status = guess(&app.router, "127.0.0.1", Some("10.1.0.1"), "loket@duinwijk.example").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_throttled_address_may_try_again_when_its_wait_is_over() {
    let (app, _) = TestApp::seeded().await;
    // A stopped clock: however slow the machine, no time passes but what the test moves.
    app.state.clock.set(chrono::Utc::now());
    for _ in 0..10 {
        guess(&app.router, "203.0.113.5", None, ACCOUNT).await;
    }
    let refused = app
        .send({
            let mut request =
                call_request("log_in", &[("email", ACCOUNT), ("password", "geraden wachtwoord"), ("next", "")], None);
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>("203.0.113.5:1".parse().unwrap()));
            request
        })
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = refused.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    app.state.clock.advance(chrono::Duration::seconds(wait - 1));
    assert_eq!(guess(&app.router, "203.0.113.5", None, ACCOUNT).await, StatusCode::TOO_MANY_REQUESTS);
    app.state.clock.advance(chrono::Duration::seconds(1));
    assert_eq!(guess(&app.router, "203.0.113.5", None, ACCOUNT).await, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Every question for the password of a signed-in person is throttled like signing in, so a
/// stolen session cannot be used to guess it: changing the e-mail address or the password, and
/// the confirmation that opens one's own data and deleting the account.
#[tokio::test]
async fn a_signed_in_person_s_password_cannot_be_guessed_through_any_form() {
    let cases: [(&str, &[(&str, &str)]); 3] = [
        ("change_email", &[("new_email", "ander@voorbeeld.example")]),
        ("change_password", &[("new_password", "een heel nieuw wachtwoord")]),
        ("confirm_password", &[]),
    ];
    for (function, extra) in cases {
        let (app, accounts) = TestApp::seeded().await;
        // A stopped clock: however slow the machine, no token comes back while the test runs.
        app.state.clock.set(chrono::Utc::now());
        let cookie = app.log_in(ACCOUNT, crate::common::password_of(&accounts, ACCOUNT)).await;
        let field = if function == "confirm_password" { "password" } else { "current_password" };
        let mut statuses = Vec::new();
        for _ in 0..12 {
            let mut form = extra.to_vec();
            form.push((field, "geraden wachtwoord"));
            statuses.push(app.call(function, &form, Some(&cookie)).await.status.as_u16());
        }
        let first_refusal =
            statuses.iter().position(|s| *s == 429).unwrap_or_else(|| panic!("{function}: {statuses:?}"));
        assert!(statuses[..first_refusal].iter().all(|s| *s == 422), "{function}: {statuses:?}");
        assert!(statuses[first_refusal..].iter().all(|s| *s == 429), "{function}: {statuses:?}");
        // While throttled, the right password does not get through either.
        let mut form = extra.to_vec();
        form.push((field, crate::common::password_of(&accounts, ACCOUNT)));
        assert_eq!(app.call(function, &form, Some(&cookie)).await.status, StatusCode::TOO_MANY_REQUESTS, "{function}");
    }
}
