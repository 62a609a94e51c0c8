//! Input from every channel through the real router: a desk officer enters a phone call, a letter
//! and a meeting's outcomes; they show with their channel, contact details never leave the
//! municipality, and only desk officers and leads of the municipality may enter them.

use crate::common::{Reply, TestApp};
use crate::consultations::{open_consultation, view, XSS};
use crate::trajectories::{fields, lead_session};
use app::server::entities::{input, meeting};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const DESK: &str = "loket@duinwijk.example";

async fn enter(app: &TestApp, consultation: &str, cookie: &str, extra: &[(&str, &str)]) -> Reply {
    let entry = app
        .call("get_offline_entry", &[("municipality", "duinwijk"), ("consultation", consultation)], Some(cookie))
        .await;
    assert_eq!(entry.status, StatusCode::OK, "{}", entry.body);
    let entry = entry.json();
    let today = entry["today"].as_str().unwrap().to_owned();
    let token = entry["submission_token"].as_str().unwrap().to_owned();
    let mut form = vec![
        ("municipality", "duinwijk"),
        ("consultation", consultation),
        ("submission_token", token.as_str()),
        ("channel", "phone"),
        ("received_on", today.as_str()),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    app.call("enter_offline_input", &form, Some(cookie)).await
}

#[tokio::test]
async fn a_phone_call_appears_with_its_channel_and_without_contact_details() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let desk = s.log_in(DESK).await;
    let anonymous = enter(&s.app, &consultation, &desk, &[("body", "Belde over de bankjes: graag met leuning.")]).await;
    assert_eq!(anonymous.status, StatusCode::OK, "{}", anonymous.body);
    let named = enter(
        &s.app,
        &consultation,
        &desk,
        &[
            ("channel", "letter"),
            ("name", "mevrouw De Vries <script>document.title='x'</script>"),
            ("contact_consent", "on"),
            ("contact", "06-12345678"),
            ("body", XSS[1]),
        ],
    )
    .await;
    assert_eq!(named.status, StatusCode::OK, "{}", named.body);

    let v = view(&s.app, &consultation, None).await;
    let comments = v["discussion"]["comments"].as_array().unwrap();
    assert_eq!(comments[0]["channel"], "Letter");
    assert_eq!(comments[0]["author"]["Named"], "mevrouw De Vries <script>document.title='x'</script>");
    assert_eq!(comments[1]["channel"], "Phone");
    assert_eq!(comments[1]["author"], "Anonymous");
    assert!(comments[1]["received_on"].is_string());
    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    assert!(html.contains("Binnengekomen") && html.contains("telefonisch"), "shown with its channel");
    assert!(html.contains("Inwoner (anoniem)"));
    assert!(!html.contains("<img src=x"), "entered text is text too");
    assert!(!html.contains("<script>document.title"), "and so is the name");
    let open_data = s.app.get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments"), None).await.body;
    for body in [&html, &open_data, &v.to_string()] {
        assert!(!body.contains("06-12345678"), "contact details stay with the municipality");
    }
    let stored =
        input::Entity::find().filter(input::Column::Channel.eq("letter")).one(&s.app.db).await.unwrap().unwrap();
    assert_eq!(stored.contact.as_deref(), Some("06-12345678"));
    assert!(stored.entered_by.is_some() && stored.author_id.is_none(), "who entered it is kept");
}

#[tokio::test]
async fn a_meetings_outcomes_are_entered_as_several_inputs_of_one_meeting() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let first = enter(
        &s.app,
        &consultation,
        &s.lead,
        &[
            ("channel", "meeting"),
            ("meeting_title", "Buurtavond 12 maart"),
            ("meeting_held_on", "2026-03-12"),
            ("body", "Tafel 1: meer groen."),
        ],
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let meeting = meeting::Entity::find().one(&s.app.db).await.unwrap().unwrap();
    let second = enter(
        &s.app,
        &consultation,
        &s.lead,
        &[("channel", "meeting"), ("meeting", &meeting.id.to_string()), ("body", "Tafel 2: minder auto's.")],
    )
    .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(meeting::Entity::find().count(&s.app.db).await.unwrap(), 1);
    assert_eq!(
        input::Entity::find().filter(input::Column::MeetingId.eq(meeting.id)).count(&s.app.db).await.unwrap(),
        2
    );
    let v = view(&s.app, &consultation, None).await;
    assert_eq!(v["discussion"]["comments"][0]["meeting"], "Buurtavond 12 maart");

    let missing = enter(&s.app, &consultation, &s.lead, &[("channel", "meeting"), ("body", "Tafel 3")]).await;
    assert_eq!(fields(&missing), ["meeting_title", "meeting_held_on"]);
    let future = enter(&s.app, &consultation, &s.lead, &[("received_on", "2098-01-01"), ("body", "Later")]).await;
    assert_eq!(fields(&future), ["received_on"]);
    assert!(future.body.contains("Later"), "what was typed comes back");
}

#[tokio::test]
async fn only_desk_officers_and_leads_of_the_municipality_enter_input() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    for email in [
        "inwoner@duinwijk.example",
        "moderator@duinwijk.example",
        "raadslid@duinwijk.example",
        "loket@polderveen.example",
    ] {
        let cookie = s.log_in(email).await;
        let entry = s
            .app
            .call("get_offline_entry", &[("municipality", "duinwijk"), ("consultation", &consultation)], Some(&cookie))
            .await;
        assert_eq!(entry.status, StatusCode::FORBIDDEN, "{email}");
        let posted = s
            .app
            .call(
                "enter_offline_input",
                &[
                    ("municipality", "duinwijk"),
                    ("consultation", &consultation),
                    ("submission_token", "x"),
                    ("channel", "phone"),
                    ("received_on", "2026-03-01"),
                    ("body", "Hallo"),
                ],
                Some(&cookie),
            )
            .await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 0);
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}/invoeren"), None).await;
    assert!(page.status.is_redirection() || page.status == StatusCode::OK);
}
