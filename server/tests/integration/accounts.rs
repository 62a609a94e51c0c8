use crate::common::smtp_sink::SmtpSink;
use crate::common::{password_of, TestApp};
use app::server::entities::{outbox_message, session};
use app::server::mail::Sender;
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

const PASSWORD: &str = "zomeravond aan zee";

fn register_form<'a>(email: &'a str, name: &'a str, password: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("email", email), ("display_name", name), ("password", password), ("birth_date", ""), ("area_id", "")]
}

/// Mail bodies may be quoted-printable; undo the soft line breaks and the escaped '='.
fn decode(mail: &str) -> String {
    mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
}

fn token_from(mail: &str) -> String {
    let text = decode(mail);
    let start = text.find("token=").expect("link with token") + "token=".len();
    text[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

async fn deliver(app: &TestApp, sink: &SmtpSink) -> usize {
    let sender = Sender::new(&sink.url(), "Samenspraak <noreply@samenspraak.test>").unwrap();
    sender.send_due(&app.db, &app.state.clock).await.unwrap()
}

#[tokio::test]
async fn register_verify_log_in_and_log_out() {
    let (app, _) = TestApp::seeded().await;
    let sink = SmtpSink::start().await;

    let reply = app.call("register", &register_form("Anne@Example.nl", "Anne", PASSWORD), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.location().as_deref(), Some("/registreren/klaar"));

    assert_eq!(deliver(&app, &sink).await, 1);
    let mails = sink.all();
    assert!(mails[0].contains("anne@example.nl"), "sent to the lower-cased address");
    let token = token_from(&mails[0]);
    assert_eq!(token.len(), 64);

    // The link opens a page with a button; only the POST uses the token, and only once.
    let page = app.get(&format!("/e-mail-bevestigen?token={token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(app.call("verify_email", &[("token", &token)], None).await.status, StatusCode::OK);
    let again = app.call("verify_email", &[("token", &token)], None).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("TokenInvalid"));

    let cookie = app.log_in("anne@example.nl", PASSWORD).await;
    let me = app.call("current_account", &[], Some(&cookie)).await.json();
    assert_eq!(me["display_name"], "Anne");
    assert_eq!(me["email_verified"], true);
    assert_eq!(app.get("/account", Some(&cookie)).await.status, StatusCode::OK);

    assert_eq!(app.call("log_out", &[], Some(&cookie)).await.status, StatusCode::OK);
    // The old cookie no longer works: the session is gone on the server.
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.json(), serde_json::Value::Null);
    // Left: only the registration's session, which remembers where the mail went.
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn after_registering_the_page_knows_where_the_mail_went_and_sends_it_again() {
    let (app, _) = TestApp::seeded().await;
    let sink = SmtpSink::start().await;
    let mut form = register_form("bert@example.nl", "Bert", PASSWORD);
    form.push(("next", "/duinwijk/raadplegingen/1"));
    let reply = app.call("register", &form, None).await;
    assert_eq!(reply.location().as_deref(), Some("/registreren/klaar"), "the address never goes in the URL");
    let browser = reply.session_cookie().expect("a session remembers the registration");
    let waiting = app.call("pending_registration", &[], Some(&browser)).await.json();
    assert_eq!(waiting["email"], "bert@example.nl");
    assert_eq!(waiting["next"], "/duinwijk/raadplegingen/1");
    let page = app.get("/registreren/klaar", Some(&browser)).await;
    assert!(page.body.contains("bert@example.nl") && page.body.contains("Stuur de e-mail opnieuw"));

    let again = app.call("resend_confirmation", &[], Some(&browser)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(deliver(&app, &sink).await, 2, "the first mail and the second");
    let second = token_from(&sink.all()[1]);
    assert_eq!(app.call("verify_email", &[("token", &second)], None).await.status, StatusCode::OK);
    // Once confirmed, sending again says there is an account, as for any taken address.
    app.call("resend_confirmation", &[], Some(&browser)).await;
    deliver(&app, &sink).await;
    assert!(decode(&sink.all()[2]).contains("Er bestaat al een account"));

    // Another browser, and a next that leads off the site, get nothing.
    assert_eq!(app.call("pending_registration", &[], None).await.json(), serde_json::Value::Null);
    assert_eq!(app.call("resend_confirmation", &[], None).await.status, StatusCode::NOT_FOUND);
    let mut away = register_form("carla@example.nl", "Carla", PASSWORD);
    away.push(("next", "https://elders.example/"));
    let browser = app.call("register", &away, None).await.session_cookie().unwrap();
    assert_eq!(app.call("pending_registration", &[], Some(&browser)).await.json()["next"], serde_json::Value::Null);
}

#[tokio::test]
async fn a_taken_address_gets_the_same_answer_and_its_owner_a_mail() {
    let (app, _) = TestApp::seeded().await;
    let sink = SmtpSink::start().await;
    let fresh = app.call("register", &register_form("nieuw@example.nl", "Nieuw", PASSWORD), None).await;
    let taken = app.call("register", &register_form("inwoner@duinwijk.example", "Iemand", PASSWORD), None).await;
    assert_eq!(
        (fresh.status, fresh.body.clone(), fresh.location()),
        (taken.status, taken.body.clone(), taken.location())
    );
    assert_eq!(deliver(&app, &sink).await, 2);
    let to_owner = sink.all().into_iter().find(|m| m.contains("inwoner@duinwijk.example")).unwrap();
    assert!(decode(&to_owner).contains("Er bestaat al een account"));
}

#[tokio::test]
async fn invalid_registration_names_each_field_and_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let form = [
        ("email", "anne-at-example"),
        ("display_name", "  "),
        ("password", "kort"),
        ("birth_date", "2099-01-01"),
        ("area_id", "999"),
    ];
    let reply = app.call("register", &form, None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = reply.json();
    let fields: Vec<&str> =
        error["Validation"]["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "display_name", "password", "birth_date", "area_id"]);
    let values = error["Validation"]["values"].to_string();
    assert!(values.contains("anne-at-example"));
    assert!(!values.contains("kort"), "passwords are never echoed");
    assert_eq!(outbox_message::Entity::find().count(&app.db).await.unwrap(), 0, "nothing half-written");
}

#[tokio::test]
async fn without_javascript_errors_come_back_to_the_form_with_the_typed_text() {
    let app = TestApp::new().await;
    let form = [
        ("email", "anne@example.nl"),
        ("display_name", "Anne"),
        ("password", "welkom123456"),
        ("birth_date", ""),
        ("area_id", ""),
    ];
    let reply = app.post_form("register", &form, "/registreren", None).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = reply.location().unwrap();
    assert!(location.starts_with("http://127.0.0.1:3000/registreren?"), "{location}");
    assert!(!location.contains("anne"), "what was typed stays out of the address: {location}");
    let path = location.trim_start_matches("http://127.0.0.1:3000");
    // The typed text waits in the session the refusal started.
    let page = app.get(path, reply.session_cookie().as_deref()).await;
    assert!(page.body.contains("te makkelijk te raden"), "{}", page.body);
    assert!(page.body.contains(r#"value="anne@example.nl""#));
    assert!(page.body.contains(r#"aria-invalid="true""#));
}

#[tokio::test]
async fn wrong_password_and_unknown_account_look_the_same() {
    let (app, _) = TestApp::seeded().await;
    let wrong = app
        .call(
            "log_in",
            &[("email", "inwoner@duinwijk.example"), ("password", "niet mijn wachtwoord"), ("next", "")],
            None,
        )
        .await;
    let unknown = app
        .call(
            "log_in",
            &[("email", "niemand@duinwijk.example"), ("password", "niet mijn wachtwoord"), ("next", "")],
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!((wrong.status, wrong.body.clone()), (unknown.status, unknown.body.replace("niemand", "inwoner")));
}

#[tokio::test]
async fn the_session_id_changes_at_login_and_next_stays_local() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@polderveen.example";
    let password = password_of(&accounts, email);
    // A visitor with a session already (chose a language, say) gets a new id at login.
    let before = app.call("log_in", &[("email", email), ("password", "fout fout fout"), ("next", "")], None).await;
    let planted = before.session_cookie();
    let reply = app
        .call("log_in", &[("email", email), ("password", password), ("next", "//evil.example")], planted.as_deref())
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.location().as_deref(), Some("/account"));
    assert_ne!(reply.session_cookie(), planted);
    // Staff without a page to return to land on their work, not on their account settings.
    let desk = "loket@duinwijk.example";
    let staff =
        app.call("log_in", &[("email", desk), ("password", password_of(&accounts, desk)), ("next", "")], None).await;
    assert_eq!(staff.location().as_deref(), Some("/beheer"));
    let local = app.call("log_in", &[("email", email), ("password", password), ("next", "/duinwijk")], None).await;
    assert_eq!(local.location().as_deref(), Some("/duinwijk"));
}

#[tokio::test]
async fn session_cookie_is_http_only_and_lax() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let reply =
        app.call("log_in", &[("email", email), ("password", password_of(&accounts, email)), ("next", "")], None).await;
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn guessing_a_password_is_throttled_with_retry_after() {
    let (app, _) = TestApp::seeded().await;
    let mut statuses = Vec::new();
    for _ in 0..11 {
        let reply = app
            .call(
                "log_in",
                &[("email", "inwoner@duinwijk.example"), ("password", "geraden wachtwoord"), ("next", "")],
                None,
            )
            .await;
        statuses.push(reply.status);
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(reply.headers.contains_key("retry-after"));
        }
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count(), 10);
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn the_registration_page_and_the_initiatives_register_keep_their_own_titles() {
    // Both once used one translation key, and the registration page said "Initiatieven van inwoners".
    let (app, _) = TestApp::seeded().await;
    let page = app.get("/registreren", None).await;
    assert!(page.body.contains("<h1>Account maken</h1>"), "{}", page.body);
    let register = app.get("/duinwijk/initiatieven", None).await;
    assert!(register.body.contains("<h1>Initiatieven van inwoners</h1>"));
}

#[tokio::test]
async fn the_logins_one_address_may_make_at_once_are_configurable() {
    let app = TestApp::with_env(&[("LOGINS_PER_ADDRESS", "3")]).await;
    server::seed::seed_world(&app.db).await.unwrap();
    let mut statuses = Vec::new();
    // Different accounts, one address: only the address's limit can stop these.
    for who in ["inwoner", "loket", "beheerder", "moderator"] {
        let email = format!("{who}@duinwijk.example");
        let reply =
            app.call("log_in", &[("email", &email), ("password", "niet het wachtwoord"), ("next", "")], None).await;
        statuses.push(reply.status);
    }
    assert_eq!(statuses[..3], [StatusCode::UNPROCESSABLE_ENTITY; 3]);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn display_names_are_escaped_wherever_shown() {
    let app = TestApp::new().await;
    let name = "Anne \"de\" O'Brien & co";
    let reply = app.call("register", &register_form("anne@example.nl", name, PASSWORD), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let cookie = app.log_in("anne@example.nl", PASSWORD).await;
    let page = app.get("/account", Some(&cookie)).await;
    assert!(
        page.body.contains("Anne &quot;de&quot; O&#39;Brien &amp; co")
            || page.body.contains("Anne \"de\" O'Brien &amp; co"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("& co\""));
}

/// The subjects of the mail waiting for `address`, oldest first.
async fn subjects_for(app: &TestApp, address: &str) -> Vec<String> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(address))
        .order_by_asc(outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.subject)
        .collect()
}

#[tokio::test]
async fn mail_comes_in_the_language_the_person_chose_on_the_site() {
    let (app, _) = TestApp::seeded().await;
    // Registering with the site in English: the confirmation is in English.
    let english = Some("i18n_pref_locale=en");
    let reply = app.call("register", &register_form("emma@example.nl", "Emma", PASSWORD), english).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(subjects_for(&app, "emma@example.nl").await, ["Confirm your e-mail address"]);
    // Without a choice, in Dutch.
    app.call("register", &register_form("daan@example.nl", "Daan", PASSWORD), None).await;
    assert_eq!(subjects_for(&app, "daan@example.nl").await, ["Bevestig je e-mailadres"]);
    // Someone who switches the site to English while signed in gets later mail in English,
    // even from a browser that never chose.
    let token = {
        let mail = outbox_message::Entity::find().all(&app.db).await.unwrap();
        let body = &mail.iter().find(|m| m.recipient == "daan@example.nl").unwrap().body_text;
        token_from(body)
    };
    app.call("verify_email", &[("token", &token)], None).await;
    let signed_in = app.log_in("daan@example.nl", PASSWORD).await;
    let switched = app.get("/taal/en?next=/account", Some(&signed_in)).await;
    assert_eq!(switched.location().as_deref(), Some("/account"));
    app.call("request_password_reset", &[("email", "daan@example.nl")], None).await;
    let subjects = subjects_for(&app, "daan@example.nl").await;
    assert_eq!(subjects.last().map(String::as_str), Some("Choose a new password"), "{subjects:?}");
    // And back to Dutch.
    app.get("/taal/nl?next=/account", Some(&signed_in)).await;
    app.call("request_password_reset", &[("email", "daan@example.nl")], None).await;
    assert_eq!(subjects_for(&app, "daan@example.nl").await.last().map(String::as_str), Some("Nieuw wachtwoord kiezen"));
}
