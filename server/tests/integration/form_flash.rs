//! A form refused without JavaScript comes back filled in, while what was typed never travels in
//! an address: only the field errors and an id do, and the text waits in the person's session.

use crate::common::{TestApp, ORIGIN};
use crate::consultations::{add_consultation, published};
use crate::trajectories::lead_session;
use app::domain::navigation::TYPED_TEXT_PARAMETER;
use http::StatusCode;

const EMAIL: &str = "nieuw.persoon+proef@voorbeeld.example";
const NAME: &str = "Jantje Vermeulen";
const BIRTH_DATE: &str = "2001-02-03";

/// Every way a typed value could show in an address: as typed, form-encoded, percent-encoded.
fn assert_not_in(address: &str, typed: &str) {
    let form_encoded: String = form_urlencoded::byte_serialize(typed.as_bytes()).collect();
    let percent_encoded = form_encoded.replace('+', "%20");
    for shown in [typed, &form_encoded, &percent_encoded] {
        assert!(!address.contains(shown), "{shown:?} travels in the address {address}");
    }
}

fn local(location: &str) -> String {
    location.strip_prefix(ORIGIN).unwrap_or(location).to_owned()
}

#[tokio::test]
async fn a_refused_registration_comes_back_filled_in_without_anything_typed_in_the_address() {
    let (app, _) = TestApp::seeded().await;
    let form = [
        ("email", EMAIL),
        ("display_name", NAME),
        ("password", "kort"),
        ("birth_date", BIRTH_DATE),
        ("area_id", ""),
        ("next", ""),
    ];
    let refused = app.post_form("register", &form, "/registreren", None).await;
    assert!(refused.status.is_redirection(), "{} {}", refused.status, refused.body);
    let location = refused.location().unwrap();
    for typed in [EMAIL, NAME, BIRTH_DATE, "kort"] {
        assert_not_in(&location, typed);
    }
    assert!(location.contains(&format!("{TYPED_TEXT_PARAMETER}=")), "{location}");
    assert!(location.contains("__err="), "the field errors still travel: {location}");
    let cookie = refused.session_cookie().expect("a session keeps the typed text of someone not signed in");

    let page = app.get(&local(&location), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    for typed in [EMAIL, NAME, BIRTH_DATE] {
        assert!(page.body.contains(&format!("value=\"{typed}\"")), "{typed} comes back in its field");
    }
    assert!(!page.body.contains("value=\"kort\""), "a password never comes back");
    assert!(page.body.contains("aria-invalid=\"true\""), "the refused field is marked");

    // Someone who finds the address (in a proxy's log) sees the errors, not what was typed.
    let stranger = app.get(&local(&location), None).await;
    assert_eq!(stranger.status, StatusCode::OK);
    assert!(stranger.body.contains("aria-invalid=\"true\""));
    for typed in [EMAIL, NAME, BIRTH_DATE] {
        assert!(!stranger.body.contains(typed), "{typed} is shown to another browser");
    }

    // Another app server, sharing the database and the clock, finds it too.
    let other = app.another_server();
    let again = other.get(&local(&location), Some(&cookie)).await;
    assert!(again.body.contains(&format!("value=\"{EMAIL}\"")), "another server puts the text back");

    // A quarter of an hour later it is gone.
    app.state.clock.advance(chrono::Duration::minutes(16));
    let later = app.get(&local(&location), Some(&cookie)).await;
    assert_eq!(later.status, StatusCode::OK);
    assert!(!later.body.contains(EMAIL), "the typed text expires");
    assert!(later.body.contains("aria-invalid=\"true\""), "the errors stay in the address");
}

#[tokio::test]
async fn a_section_text_of_twenty_thousand_characters_comes_back_whole() {
    let s = lead_session().await;
    let trajectory = published(&s, "Herinrichting Dorpsplein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = add_consultation(&s, &trajectory, &[]).await;
    let editor = format!("/duinwijk/raadplegingen/{consultation}/bewerken");
    let view =
        s.app.call("get_consultation", &[("municipality", "duinwijk"), ("id", &consultation)], Some(&s.lead)).await;
    let section = view.json()["sections"][0]["id"].to_string();
    // Exactly the most a section may hold, with characters that need encoding in an address.
    let long = "Een plein voor iedereen — bomen & bankjes, 100% groen. ".repeat(400);
    let long: String = long.chars().take(app::domain::consultations::SECTION_BODY_MAX).collect();
    let form = [
        ("municipality", "duinwijk"),
        ("id", consultation.as_str()),
        ("title", ""),
        ("intro", "Wat vind je ervan?"),
        ("phase", "0"),
        ("pre_moderation", ""),
        ("section_id[0]", section.as_str()),
        ("section_title[0]", "Bomen en groen"),
        ("section_body[0]", long.as_str()),
    ];
    let refused = s.app.post_form("update_consultation", &form, &editor, Some(&s.lead)).await;
    assert!(refused.status.is_redirection(), "{} {}", refused.status, refused.body);
    let location = refused.location().unwrap();
    assert!(location.len() < 1_000, "the address stays short: {} characters", location.len());
    assert_not_in(&location, "Wat vind je ervan?");
    let page = s.app.get(&local(&location), Some(&s.lead)).await;
    assert_eq!(page.status, StatusCode::OK);
    let document = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse("textarea").unwrap();
    let texts: Vec<String> = document.select(&selector).map(|t| t.text().collect()).collect();
    assert!(texts.iter().any(|t| t.trim() == long.trim()), "the section text comes back whole");
    assert!(page.body.contains("aria-invalid=\"true\""));

    // A later, accepted save leaves no id of the old refusal in the address it goes to.
    let mut accepted = form.to_vec();
    accepted.retain(|(k, _)| *k != "title");
    accepted.push(("title", "Reageer op het ontwerp"));
    let saved = s.app.post_form("update_consultation", &accepted, &local(&location), Some(&s.lead)).await;
    assert!(saved.status.is_redirection(), "{} {}", saved.status, saved.body);
    let next = saved.location().unwrap();
    assert!(!next.contains(TYPED_TEXT_PARAMETER) && !next.contains("__err"), "{next}");
}
