//! "Mijn gegevens": everything kept about a person, on the page and as a download, only after a
//! fresh confirmation of the password, and nothing of anyone else (two residents of one
//! municipality, one of another).

use crate::common::{password_of, TestApp};
use crate::consultations::{comment, open_consultation, YOUNG};
use crate::trajectories::lead_session;
use http::{header, StatusCode};

const RESIDENT: &str = "inwoner@duinwijk.example";
const ELSEWHERE: &str = "inwoner@polderveen.example";
const DOWNLOAD: &str = "/account/mijn-gegevens.json";

/// Brings an initiative to a municipality's desk; returns its title.
async fn initiative(app: &TestApp, cookie: &str, municipality: &str, title: &str) {
    let form = app.call("get_initiative_form", &[("municipality", municipality)], Some(cookie)).await.json();
    let token = form["submission_token"].as_str().unwrap().to_owned();
    let area = form["areas"][1]["id"].as_i64().unwrap().to_string();
    let fields = [
        ("municipality", municipality),
        ("submission_token", token.as_str()),
        ("kind", "initiative"),
        ("title", title),
        ("description", "Met tien buren een moestuin op het braakliggende veld."),
        ("area", area.as_str()),
        ("support[]", "advice"),
        ("public", "ja"),
    ];
    let reply = app.call("submit_initiative", &fields, Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn download(app: &TestApp, cookie: &str) -> crate::common::Reply {
    app.get(DOWNLOAD, Some(cookie)).await
}

#[tokio::test]
async fn own_data_shows_everything_of_oneself_and_nothing_of_anyone_else() {
    let s = lead_session().await;
    let app = &s.app;
    let (_, consultation) = open_consultation(&s).await;
    let me = app.log_in(RESIDENT, password_of(&s.accounts, RESIDENT)).await;
    let young = app.log_in(YOUNG, password_of(&s.accounts, YOUNG)).await;
    let elsewhere = app.log_in(ELSEWHERE, password_of(&s.accounts, ELSEWHERE)).await;
    comment(app, &consultation, &me, &[("body", "MIJN-REACTIE: meer bankjes in de schaduw")]).await;
    comment(app, &consultation, &young, &[("body", "ANDERMANS-REACTIE: een skatebaan")]).await;
    initiative(app, &me, "duinwijk", "MIJN-INITIATIEF Buurtmoestuin").await;
    initiative(app, &elsewhere, "polderveen", "ANDERMANS-INITIATIEF Polderpad").await;

    // Without a fresh confirmation: the page asks for the password and the download sends there.
    let view = app.call("get_own_data", &[], Some(&me)).await;
    assert_eq!(view.json(), serde_json::json!("ConfirmFirst"), "{}", view.body);
    let refused = download(app, &me).await;
    assert!(refused.status.is_redirection(), "{}", refused.status);
    assert_eq!(refused.location().as_deref(), Some("/account/mijn-gegevens"));
    assert!(!refused.body.contains("MIJN-REACTIE"));
    let anonymous = app.get(DOWNLOAD, None).await;
    assert!(anonymous.location().unwrap_or_default().starts_with("/inloggen"), "{:?}", anonymous.location());

    // A wrong password opens nothing.
    let wrong = app.call("confirm_password", &[("password", "niet-mijn-wachtwoord")], Some(&me)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert_eq!(app.call("get_own_data", &[], Some(&me)).await.json(), serde_json::json!("ConfirmFirst"));

    let confirmed = app.call("confirm_password", &[("password", password_of(&s.accounts, RESIDENT))], Some(&me)).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let file = download(app, &me).await;
    assert_eq!(file.status, StatusCode::OK);
    let disposition = file.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(file.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let data = file.json();
    assert_eq!(data["account"]["email"], RESIDENT);
    assert_eq!(data["inputs"].as_array().unwrap().len(), 1, "{data:#}");
    assert_eq!(data["inputs"][0]["body"], "MIJN-REACTIE: meer bankjes in de schaduw");
    assert_eq!(data["inputs"][0]["activity"], "Reageer op het ontwerp");
    assert_eq!(data["desk_cases"].as_array().unwrap().len(), 1);
    assert_eq!(data["desk_cases"][0]["title"], "MIJN-INITIATIEF Buurtmoestuin");
    let sessions = data["sessions"].as_array().unwrap();
    assert!(sessions.iter().any(|s| s["this_session"] == true), "{sessions:#?}");
    for other in ["ANDERMANS", YOUNG, ELSEWHERE, "projectleider@"] {
        assert!(!file.body.contains(other), "{other} is in my download");
    }

    // The page shows the same, made on the server.
    let page = app.get("/account/mijn-gegevens", Some(&me)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("MIJN-REACTIE") && page.body.contains("MIJN-INITIATIEF"));
    assert!(page.body.contains(DOWNLOAD));
    assert!(!page.body.contains("ANDERMANS"));

    // The other municipality's resident sees only their own, even with my confirmation fresh.
    let theirs =
        app.call("confirm_password", &[("password", password_of(&s.accounts, ELSEWHERE))], Some(&elsewhere)).await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
    let their_file = download(app, &elsewhere).await;
    assert_eq!(their_file.status, StatusCode::OK);
    assert_eq!(their_file.json()["account"]["email"], ELSEWHERE);
    assert!(their_file.body.contains("ANDERMANS-INITIATIEF"));
    assert!(!their_file.body.contains("MIJN-") && !their_file.body.contains(RESIDENT));

    // Ten minutes on, the confirmation has run out.
    app.state.clock.advance(chrono::Duration::minutes(11));
    let later = download(app, &me).await;
    assert!(later.status.is_redirection(), "{}", later.status);
}

/// Each session says which device it was signed in from, so one the person does not recognise
/// stands out; its id (the key to it) is never shown.
#[tokio::test]
async fn sessions_name_the_device_they_were_signed_in_from() {
    let (app, accounts) = TestApp::seeded().await;
    let request = http::Request::post("/api/log_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, crate::common::ORIGIN)
        .header(header::USER_AGENT, "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")
        .body(axum::body::Body::from(crate::common::encode(&[
            ("email", RESIDENT),
            ("password", password_of(&accounts, RESIDENT)),
            ("next", ""),
        ])))
        .unwrap();
    let phone = app.send(request).await.session_cookie().unwrap();
    let _laptop = app.log_in(RESIDENT, password_of(&accounts, RESIDENT)).await;
    let confirmed = app.call("confirm_password", &[("password", password_of(&accounts, RESIDENT))], Some(&phone)).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let data = download(&app, &phone).await.json();
    let sessions = data["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{sessions:#?}");
    let this = sessions.iter().find(|s| s["this_session"] == true).unwrap();
    assert_eq!(this["device"], "Firefox op Android");
    assert!(this["signed_in_at"].is_string());
    let data = serde_json::to_string(&data).unwrap();
    assert!(!data.contains(phone.split('=').nth(1).unwrap()), "a session's id is never shown");
}
