//! Every staff form that creates something counts once: fifty identical submits at once (a
//! double click, an impatient reload, a proxy that retries) make one thing, one audit line and at
//! most one e-mail, and every one of them is answered as the first was. A form without a valid
//! token is refused with what was typed, and nothing is made.

use crate::common::{Reply, TestApp};
use crate::consultations::{published, DESK, RESIDENT};
use crate::desk::Desk;
use crate::panels::{create_panel, ADMIN};
use crate::polls::{open_days, poll_form};
use crate::trajectories::{details, lead_session};
use app::server::entities::{activity, audit_event, desk_note, outbox_message, panel_invitation, trajectory};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// One form sent fifty times at once with one token; every reply must be a success with the
/// same answer (the id of what was made).
async fn fifty_times(app: &TestApp, function: &str, form: &[(&str, &str)], cookie: &str) -> Vec<Reply> {
    let token = app.submission_token(cookie).await;
    let mut form = form.to_vec();
    form.push(("submission_token", &token));
    let replies = app.call_in_parallel(50, function, &form, Some(cookie)).await;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::OK, "{function}: {}", reply.body);
        assert_eq!(reply.body, replies[0].body, "{function}: every repeat answers with the first's result");
    }
    replies
}

async fn audit_lines(app: &TestApp, action: &str) -> u64 {
    audit_event::Entity::find().filter(audit_event::Column::Action.eq(action)).count(&app.db).await.unwrap()
}

async fn activities_titled(app: &TestApp, title: &str) -> u64 {
    activity::Entity::find().filter(activity::Column::Title.eq(title)).count(&app.db).await.unwrap()
}

#[tokio::test]
async fn trajectories_polls_consultations_and_ideas_activities_are_made_once() {
    let s = lead_session().await;
    let app = &s.app;
    fifty_times(app, "create_trajectory", &details("Eén keer aangemaakt", &[]), &s.lead).await;
    let made = trajectory::Entity::find()
        .filter(trajectory::Column::Title.eq("Eén keer aangemaakt"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(made, 1);
    assert_eq!(audit_lines(app, "create_trajectory").await, 1);

    let trajectory = published(&s, "Herinrichting Dorpsplein", ("2026-01-05", "2099-12-31"), &[]).await;
    let days = open_days();
    let poll = poll_form(&trajectory, &[("title", "Een peiling, één keer")], &days);
    fifty_times(app, "create_poll", &poll, &s.lead).await;
    assert_eq!(activities_titled(app, "Een peiling, één keer").await, 1);
    assert_eq!(audit_lines(app, "create_poll").await, 1);

    let consultation = [
        ("municipality", "duinwijk"),
        ("trajectory", trajectory.as_str()),
        ("title", "Een raadpleging, één keer"),
        ("phase", "0"),
        ("section_title[0]", "Bomen"),
        ("section_body[0]", "Twaalf nieuwe bomen."),
    ];
    fifty_times(app, "create_consultation", &consultation, &s.lead).await;
    assert_eq!(activities_titled(app, "Een raadpleging, één keer").await, 1);
    assert_eq!(audit_lines(app, "create_consultation").await, 1);

    let ideas = [
        ("municipality", "duinwijk"),
        ("trajectory", trajectory.as_str()),
        ("title", "Ideeën, één keer"),
        ("phase", "0"),
    ];
    fifty_times(app, "create_ideas_activity", &ideas, &s.lead).await;
    assert_eq!(activities_titled(app, "Ideeën, één keer").await, 1);
    assert_eq!(audit_lines(app, "create_ideas_activity").await, 1);

    // Two forms opened in two tabs are two trajectories: each render has its own token.
    for _ in 0..2 {
        let reply = app.call_signed("create_trajectory", &details("Twee tabbladen", &[]), &s.lead).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let two = trajectory::Entity::find().filter(trajectory::Column::Title.eq("Twee tabbladen")).count(&app.db);
    assert_eq!(two.await.unwrap(), 2);
}

#[tokio::test]
async fn a_panel_invitation_is_made_and_mailed_once() {
    let s = lead_session().await;
    let admin = s.log_in(ADMIN).await;
    let panel = create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let invite = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("email", "eenmaal@voorbeeld.nl")];
    fifty_times(&s.app, "invite_to_panel", &invite, &admin).await;
    let mails = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq("eenmaal@voorbeeld.nl"))
        .count(&s.app.db)
        .await
        .unwrap();
    assert_eq!(mails, 1, "one invitation mail");
    assert_eq!(panel_invitation::Entity::find().count(&s.app.db).await.unwrap(), 1, "one code");
    assert_eq!(audit_lines(&s.app, "invite_to_panel").await, 1);
}

#[tokio::test]
async fn printed_panel_codes_are_made_once() {
    let s = lead_session().await;
    let admin = s.log_in(ADMIN).await;
    let panel = create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let token = s.app.submission_token(&admin).await;
    let form = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("count", "5"), ("submission_token", &token)];
    let replies = s.app.call_in_parallel(50, "make_panel_codes", &form, Some(&admin)).await;
    let mut sets = 0;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let codes: Vec<String> = serde_json::from_str(&reply.body).unwrap();
        assert!(codes.is_empty() || codes.len() == 5, "{codes:?}");
        sets += usize::from(!codes.is_empty());
    }
    assert_eq!(sets, 1, "one answer carries the codes; the repeats carry none");
    assert_eq!(panel_invitation::Entity::find().count(&s.app.db).await.unwrap(), 5);
    assert_eq!(audit_lines(&s.app, "make_panel_codes").await, 1);
}

#[tokio::test]
async fn a_desk_note_is_added_once_and_the_next_one_is_added_too() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let id = d.case(&resident, &[]).await;
    let token = d.at_desk(&desk, &id).await["case"]["submission_token"].as_str().unwrap().to_owned();
    let form =
        [("municipality", "duinwijk"), ("id", id.as_str()), ("submission_token", &token), ("note", "Eerst bellen.")];
    for reply in d.app.call_in_parallel(50, "add_desk_note", &form, Some(&desk)).await {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert_eq!(desk_note::Entity::find().count(&d.app.db).await.unwrap(), 1);
    // The page that comes back carries a new token: the next note is a note of its own, even
    // with the same words.
    assert_eq!(d.note(&desk, &id, "Eerst bellen.").await.status, StatusCode::OK);
    assert_eq!(desk_note::Entity::find().count(&d.app.db).await.unwrap(), 2);
    // The message form shares the page's token, but not its key: a message after a note with
    // the same token is still sent.
    let message = d
        .desk_call(&desk, "message_initiator", &id, &[("submission_token", &token), ("body", "Hallo"), ("then", "")])
        .await;
    assert_eq!(message.status, StatusCode::OK, "{}", message.body);
}

#[tokio::test]
async fn a_staff_form_without_a_valid_token_makes_nothing_and_keeps_what_was_typed() {
    let s = lead_session().await;
    let app = &s.app;
    let resident = s.log_in(RESIDENT).await;
    let someone_elses = app.submission_token(&resident).await;
    let forged = format!("{}.{}.{}", chrono::Utc::now().timestamp(), "ab".repeat(12), "0".repeat(32));
    for token in ["", "geen-token", forged.as_str(), someone_elses.as_str()] {
        let mut form = details("Zonder geldig formulier", &[]);
        form.push(("submission_token", token));
        let refused = app.call("create_trajectory", &form, Some(&s.lead)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{token}");
        assert_eq!(refused.json()["Validation"]["errors"][0]["field"], "title");
        assert_eq!(refused.json()["Validation"]["errors"][0]["problem"], "FormExpired");
        assert!(refused.body.contains("Zonder geldig formulier"), "what was typed comes back");
    }
    let made =
        trajectory::Entity::find().filter(trajectory::Column::Title.eq("Zonder geldig formulier")).count(&app.db);
    assert_eq!(made.await.unwrap(), 0);
    // Tokens are only handed to people who are signed in.
    assert_eq!(app.call("new_submission_token", &[], None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn housekeeping_forgets_sent_forms_once_their_tokens_have_expired() {
    use app::server::entities::form_submission;
    let s = lead_session().await;
    fifty_times(&s.app, "create_trajectory", &details("Eergisteren", &[]), &s.lead).await;
    let before = form_submission::Entity::find().all(&s.app.db).await.unwrap();
    assert_eq!(before.len(), 1, "fifty sends, one claim");
    // Three days later (the lead signs in again: sessions end too) another form is sent.
    s.app.state.clock.advance(chrono::Duration::days(3));
    let lead = s.log_in(crate::trajectories::LEAD).await;
    fifty_times(&s.app, "create_trajectory", &details("Vandaag", &[]), &lead).await;
    server::workers::forget_old_submissions(&s.app.state).await;
    let left = form_submission::Entity::find().all(&s.app.db).await.unwrap();
    assert_eq!(left.len(), 1, "today's stays: {left:?}");
    assert_ne!(left[0].key, before[0].key, "the one from three days ago is gone");
}
