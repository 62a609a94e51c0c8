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
    assert_eq!(sender.send_due(&app.db).await.unwrap(), 2);
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
