use crate::common::{password_of, TestApp};
use app::server::entities::session;
use app::server::tokens::{self, Purpose};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

#[tokio::test]
async fn a_reset_request_looks_the_same_for_known_and_unknown_addresses() {
    let (app, _) = TestApp::seeded().await;
    let known = app.call("request_password_reset", &[("email", "inwoner@duinwijk.example")], None).await;
    let unknown = app.call("request_password_reset", &[("email", "niemand@duinwijk.example")], None).await;
    assert_eq!(
        (known.status, known.body.clone(), known.location()),
        (unknown.status, unknown.body.clone(), unknown.location())
    );
    assert_eq!(known.location().as_deref(), Some("/wachtwoord-vergeten/verstuurd"));
}

#[tokio::test]
async fn reset_links_expire_within_the_hour() {
    let (app, _) = TestApp::seeded().await;
    let account = app::server::accounts::find_by_email(
        &app.db,
        &app::domain::accounts::Email::parse("inwoner@duinwijk.example").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let an_hour_ago = chrono::Utc::now() - chrono::Duration::minutes(61);
    let old = tokens::issue(&app.db, account.id, Purpose::ResetPassword, None, an_hour_ago).await.unwrap();
    let reply = app.call("reset_password", &[("token", &old), ("password", "een gloednieuw wachtwoord")], None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("TokenInvalid"));
    // A token for another purpose does not reset a password either.
    let verify = tokens::issue(&app.db, account.id, Purpose::VerifyEmail, None, chrono::Utc::now()).await.unwrap();
    let reply =
        app.call("reset_password", &[("token", &verify), ("password", "een gloednieuw wachtwoord")], None).await;
    assert!(reply.body.contains("TokenInvalid"));
}

#[tokio::test]
async fn reset_requests_are_throttled_per_account() {
    let (app, _) = TestApp::seeded().await;
    let mut last = StatusCode::OK;
    for _ in 0..4 {
        last = app.call("request_password_reset", &[("email", "inwoner@duinwijk.example")], None).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_active() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let cookie = app.log_in(email, password_of(&accounts, email)).await;
    let row = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    data["signed_in_at"] = serde_json::json!(chrono::Utc::now().timestamp() - 13 * 3600);
    let mut active: session::ActiveModel = row.into();
    active.data = Set(data.to_string());
    active.update(&app.db).await.unwrap();
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json(), serde_json::Value::Null);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@polderveen.example";
    let password = password_of(&accounts, email);
    let laptop = app.log_in(email, password).await;
    let phone = app.log_in(email, password).await;
    let form = [("current_password", password), ("new_password", "een ander lang wachtwoord")];
    let reply = app.call("change_password", &form, Some(&laptop)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let laptop_now = reply.session_cookie().expect("the session continues under a new id");
    assert_ne!(laptop_now, laptop);
    assert_eq!(app.call("current_account", &[], Some(&phone)).await.json(), serde_json::Value::Null);
    assert_eq!(app.call("current_account", &[], Some(&laptop)).await.json(), serde_json::Value::Null);
    assert_eq!(app.call("current_account", &[], Some(&laptop_now)).await.json()["email"], email);

    let wrong = app
        .call(
            "change_password",
            &[("current_password", "fout"), ("new_password", "nog een wachtwoord")],
            Some(&laptop_now),
        )
        .await;
    assert!(wrong.body.contains("PasswordIncorrect"), "{}", wrong.body);
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_the_site_is_served_over_https() {
    let app = TestApp::with_env(&[("PUBLIC_URL", "https://praatmee.example")]).await;
    let accounts = server::seed::seed_demo(&app.db).await.unwrap();
    let language = app.get("/taal/en?next=/", None).await;
    assert!(language.headers["set-cookie"].to_str().unwrap().contains("Secure"));

    let email = "inwoner@duinwijk.example";
    let form = [("email", email), ("password", password_of(&accounts, email)), ("next", "")];
    let request = axum::http::Request::post("/api/log_in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://praatmee.example")
        .body(axum::body::Body::from(crate::common::encode(&form)))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test]
async fn the_display_name_can_be_changed_and_is_checked() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let cookie = app.log_in(email, password_of(&accounts, email)).await;
    let bad = app.call("change_display_name", &[("display_name", "   ")], Some(&cookie)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app.call("change_display_name", &[("display_name", "Sam de Vries")], Some(&cookie)).await;
    assert_eq!(ok.location().as_deref(), Some("/account?gewijzigd=naam"));
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json()["display_name"], "Sam de Vries");
}

#[tokio::test]
async fn a_new_email_address_counts_only_once_confirmed_and_the_old_one_is_told() {
    let (app, accounts) = TestApp::seeded().await;
    let sink = crate::common::smtp_sink::SmtpSink::start().await;
    let email = "inwoner@duinwijk.example";
    let password = password_of(&accounts, email);
    let cookie = app.log_in(email, password).await;
    let wrong =
        app.call("change_email", &[("new_email", "sam@example.nl"), ("current_password", "fout")], Some(&cookie)).await;
    assert!(wrong.body.contains("PasswordIncorrect"));
    let reply = app
        .call("change_email", &[("new_email", "Sam@Example.nl"), ("current_password", password)], Some(&cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json()["email"], email, "not yet changed");

    let sender = app::server::mail::Sender::new(&sink.url(), "Samenspraak <noreply@samenspraak.test>").unwrap();
    assert_eq!(sender.send_due(&app.db, &app.state.clock).await.unwrap(), 2);
    let mails = sink.all();
    assert!(mails.iter().any(|m| m.contains(email) && m.contains("Je e-mailadres wordt veranderd")));
    let to_new = mails.iter().find(|m| m.contains("sam@example.nl")).unwrap();
    let text = to_new.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let start = text.find("token=").unwrap() + "token=".len();
    let token: String = text[start..].chars().take_while(char::is_ascii_hexdigit).collect();

    assert_eq!(app.call("confirm_email_change", &[("token", &token)], None).await.status, StatusCode::OK);
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json()["email"], "sam@example.nl");
    let again = app.call("confirm_email_change", &[("token", &token)], None).await;
    assert!(again.body.contains("TokenInvalid"));
}

/// Moves a session's own clock: when it signed in and last moved its idle expiry (`ago` seconds
/// back), and when the store lets it expire.
async fn age_session(app: &TestApp, signed_in_ago: i64, slid_ago: i64, expires_in: i64) {
    let row = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    let now = chrono::Utc::now();
    let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    data["signed_in_at"] = serde_json::json!(now.timestamp() - signed_in_ago);
    data["slid_at"] = serde_json::json!(now.timestamp() - slid_ago);
    let mut active: session::ActiveModel = row.into();
    active.data = Set(data.to_string());
    active.expires_at = Set(now + chrono::Duration::seconds(expires_in));
    active.update(&app.db).await.unwrap();
}

async fn expires_in(app: &TestApp) -> i64 {
    let row = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    (row.expires_at - chrono::Utc::now()).num_seconds()
}

#[tokio::test]
async fn the_idle_timeout_slides_while_someone_is_active_without_a_write_per_request() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let cookie = app.log_in(email, password_of(&accounts, email)).await;
    // 50 minutes of activity later: ten minutes left, the expiry last moved 50 minutes ago.
    age_session(&app, 50 * 60, 50 * 60, 10 * 60).await;
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json()["email"], email);
    assert!(expires_in(&app).await > 59 * 60, "a request moves the idle expiry forward");
    // A minute later nothing needs writing: the expiry stays where it is.
    age_session(&app, 51 * 60, 60, 59 * 60).await;
    let before = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json()["email"], email);
    let after = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(before, after, "no write on every request");
    // An hour without requests: the session has ended.
    age_session(&app, 2 * 3600, 3600, -1).await;
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json(), serde_json::Value::Null);
}

#[tokio::test]
async fn an_active_session_still_ends_twelve_hours_after_sign_in() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let cookie = app.log_in(email, password_of(&accounts, email)).await;
    age_session(&app, 11 * 3600 + 50 * 60, 60, 59 * 60).await;
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json()["email"], email);
    age_session(&app, 12 * 3600 + 1, 60, 59 * 60).await;
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json(), serde_json::Value::Null);
}

/// The store never brings back a session that was deleted: a request that loaded it before the
/// logout (or before a password change ended it) saves it afterwards.
#[tokio::test]
async fn saving_a_session_never_brings_back_one_that_was_deleted() {
    use app::server::session_store::DbSessionStore;
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;
    let (app, _) = TestApp::seeded().await;
    let store = DbSessionStore::new(app.db.clone());
    let mut record = Record {
        id: Id::default(),
        data: [("user_id".to_owned(), serde_json::json!(1))].into_iter().collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    store.create(&mut record).await.unwrap();
    let loaded = store.load(&record.id).await.unwrap().unwrap();
    store.delete(&record.id).await.unwrap();
    store.save(&loaded).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none(), "a logout stays a logout");
    store.create(&mut record).await.unwrap();
    let loaded = store.load(&record.id).await.unwrap().unwrap();
    DbSessionStore::end_sessions_of(&app.db, 1).await.unwrap();
    store.save(&loaded).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none(), "ended sessions stay ended");
}

/// A logout while the same session's other requests are under way (each of them moving the idle
/// expiry, so each saves the session afterwards) stays a logout.
#[tokio::test]
async fn a_logout_is_not_undone_by_requests_of_the_same_session() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    for _ in 0..5 {
        let cookie = app.log_in(email, password_of(&accounts, email)).await;
        age_session(&app, 30 * 60, 30 * 60, 30 * 60).await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..50 {
            let function = if i == 25 { "log_out" } else { "current_account" };
            let (router, request) = (app.router.clone(), crate::common::call_request(function, &[], Some(&cookie)));
            tasks.spawn(async move { tower::ServiceExt::oneshot(router, request).await.unwrap().status() });
        }
        for status in tasks.join_all().await {
            assert!(status.is_success() || status.is_redirection(), "{status}");
        }
        assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json(), serde_json::Value::Null);
        assert_eq!(session::Entity::find().all(&app.db).await.unwrap().len(), 0, "no session row came back");
    }
}

/// Every reset link of an account stops working once one is used or the password is changed.
#[tokio::test]
async fn using_a_reset_link_or_changing_the_password_ends_the_other_links() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let account = app::server::accounts::find_by_email(&app.db, &app::domain::accounts::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    let older = tokens::issue(&app.db, account.id, Purpose::ResetPassword, None, now).await.unwrap();
    let newer = tokens::issue(&app.db, account.id, Purpose::ResetPassword, None, now).await.unwrap();
    let used = app.call("reset_password", &[("token", &newer), ("password", "een gloednieuw wachtwoord")], None).await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.body);
    let reply = app.call("reset_password", &[("token", &older), ("password", "nog een ander wachtwoord")], None).await;
    assert!(reply.body.contains("TokenInvalid"), "the older link: {}", reply.body);

    let pending = tokens::issue(&app.db, account.id, Purpose::ResetPassword, None, chrono::Utc::now()).await.unwrap();
    let cookie = app.log_in(email, "een gloednieuw wachtwoord").await;
    let form = [("current_password", "een gloednieuw wachtwoord"), ("new_password", "een zelf gekozen wachtwoord")];
    assert_eq!(app.call("change_password", &form, Some(&cookie)).await.status, StatusCode::OK);
    let reply =
        app.call("reset_password", &[("token", &pending), ("password", "een wachtwoord van de aanvaller")], None).await;
    assert!(reply.body.contains("TokenInvalid"), "a link sent before the change: {}", reply.body);
    let _ = accounts;
}

/// Sends a login from a given client address.
async fn log_in_from(app: &TestApp, ip: &str, email: &str, password: &str) -> crate::common::Reply {
    let mut request =
        crate::common::call_request("log_in", &[("email", email), ("password", password), ("next", "")], None);
    let address: std::net::SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extensions_mut().insert(axum::extract::ConnectInfo(address));
    app.send(request).await
}

#[tokio::test]
async fn a_stranger_guessing_cannot_lock_the_owner_out() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    for _ in 0..10 {
        let reply = log_in_from(&app, "198.51.100.7", email, "een verkeerde gok").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    }
    let locked = log_in_from(&app, "198.51.100.7", email, password_of(&accounts, email)).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "the stranger's address is stopped");
    assert!(locked.headers.contains_key(http::header::RETRY_AFTER));
    let owner = log_in_from(&app, "203.0.113.20", email, password_of(&accounts, email)).await;
    assert_eq!(owner.status, StatusCode::OK, "the owner signs in from home: {}", owner.body);
}

/// Locked out (by one's own typing or a stranger's), the login page says what the owner can do,
/// also without JavaScript.
#[tokio::test]
async fn the_login_page_says_what_to_do_when_logins_are_locked() {
    let (app, _) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    for _ in 0..10 {
        log_in_from(&app, "198.51.100.8", email, "nog een verkeerde gok").await;
    }
    let mut request = crate::common::call_request("log_in", &[("email", email), ("password", "x"), ("next", "")], None);
    *request.headers_mut() = {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded".parse().unwrap());
        headers.insert(http::header::ACCEPT, "text/html".parse().unwrap());
        headers.insert(http::header::ORIGIN, crate::common::ORIGIN.parse().unwrap());
        headers.insert(http::header::REFERER, format!("{}/inloggen", crate::common::ORIGIN).parse().unwrap());
        headers
    };
    let address: std::net::SocketAddr = "198.51.100.8:40000".parse().unwrap();
    request.extensions_mut().insert(axum::extract::ConnectInfo(address));
    let refused = app.send(request).await;
    assert!(refused.status.is_redirection(), "{} {}", refused.status, refused.body);
    let location = refused.location().unwrap();
    let page = app.get(location.strip_prefix(crate::common::ORIGIN).unwrap_or(&location), None).await;
    assert!(page.body.contains("Er is te vaak een verkeerd wachtwoord geprobeerd"), "{}", page.body);
    assert!(page.body.contains("Wachtwoord vergeten"), "the way back in is named");
}
