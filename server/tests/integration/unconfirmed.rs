//! Acts that count need a confirmed e-mail address: votes, supports of comments and initiatives,
//! and comments that are public at once. Whoever can make up addresses could otherwise vote and
//! support as often as they like. A comment in a pre-moderated consultation waits for a moderator
//! anyway and may be written; the page says what to do where the button would be.

use crate::common::{Reply, TestApp};
use crate::consultations::{add_consultation, on_comment, published, user_id};
use crate::polls::{add_poll, ballot, trajectory, view as poll_view, vote_with};
use crate::trajectories::lead_session;
use app::server::entities::user;
use http::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

const NEW: &str = "nieuw@duinwijk.example";
const PASSWORD: &str = "een lang nieuw wachtwoord";

async fn unconfirmed_account(app: &TestApp) -> String {
    let areas = app.call("list_areas", &[], None).await.json();
    let area = areas[0]["areas"][0]["id"].as_i64().unwrap().to_string();
    let form = [
        ("email", NEW),
        ("display_name", "Nieuweling"),
        ("password", PASSWORD),
        ("birth_date", ""),
        ("area_id", area.as_str()),
    ];
    let reply = app.call("register", &form, None).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{}", reply.body);
    app.log_in(NEW, PASSWORD).await
}

fn token_for(app: &TestApp, user: i32) -> String {
    app::server::submission::issue(&app.state.settings.form_key, user, chrono::Utc::now().timestamp())
}

async fn comment_with(app: &TestApp, consultation: &str, cookie: &str, token: &str, body: &str) -> Reply {
    let form =
        [("municipality", "duinwijk"), ("consultation", consultation), ("submission_token", token), ("body", body)];
    app.call("post_comment", &form, Some(cookie)).await
}

#[tokio::test]
async fn votes_supports_and_public_comments_wait_for_a_confirmed_address() {
    let s = lead_session().await;
    let cookie = unconfirmed_account(&s.app).await;
    let me = user_id(&s.app, NEW).await;

    // A comment that would be public at once: the page says why there is no form.
    let open = published(&s, "Plein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = add_consultation(&s, &open, &[]).await;
    let page = crate::consultations::view(&s.app, &consultation, Some(&cookie)).await;
    assert_eq!(page["may_comment"], serde_json::json!({"NotEligible": "EmailUnconfirmed"}), "{page}");
    assert!(page["submission_token"].is_null());
    assert_eq!(page["must_confirm_email"], true);
    let refused = comment_with(&s.app, &consultation, &cookie, &token_for(&s.app, me), "Mijn mening.").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&cookie)).await.body;
    assert!(html.contains("Bevestig eerst je e-mailadres"), "said where the form would be");

    // A supporter of someone else's comment.
    let resident = s.log_in(crate::consultations::RESIDENT).await;
    let other = crate::consultations::comment(&s.app, &consultation, &resident, &[("body", "Meer bomen.")]).await;
    let support_other = (consultation.as_str(), other.as_str());
    let support = [("support", "true")];
    assert_eq!(
        on_comment(&s.app, "support_comment", support_other, &support, &cookie).await.status,
        StatusCode::FORBIDDEN
    );
    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&cookie)).await.body;
    assert!(html.contains("Steunen kan als je je e-mailadres hebt bevestigd"), "said where the button would be");

    // A pre-moderated consultation: the comment waits for a moderator and may be written.
    let moderated = add_consultation(&s, &open, &[("pre_moderation", "on")]).await;
    let token = crate::consultations::token(&s.app, &moderated, &cookie).await;
    assert_eq!(comment_with(&s.app, &moderated, &cookie, &token, "Graag een bankje.").await.status, StatusCode::OK);

    // A vote.
    let polls = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &polls, &[]).await;
    let view = poll_view(&s.app, &poll, Some(&cookie)).await;
    assert_eq!(view["may_vote"], serde_json::json!({"NotEligible": "EmailUnconfirmed"}), "{view}");
    let cast = vote_with(&s.app, &poll, &cookie, &token_for(&s.app, me), &ballot(&view, 0, "")).await;
    assert_ne!(cast.status, StatusCode::OK, "{}", cast.body);
    assert_eq!(crate::polls::voter_rows(&s.app, &poll).await, 0);

    // An initiative's support.
    let form = s.app.call("get_initiative_form", &[("municipality", "duinwijk")], Some(&resident)).await.json();
    let (token, area) =
        (form["submission_token"].as_str().unwrap(), form["areas"][1]["id"].as_i64().unwrap().to_string());
    let submitted =
        s.app.call("submit_initiative", &crate::desk::initiative_form(token, &area, &[]), Some(&resident)).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let case = submitted.body.trim().to_owned();
    let support_case = [("municipality", "duinwijk"), ("id", case.as_str()), ("support", "1")];
    assert_eq!(s.app.call("support_initiative", &support_case, Some(&cookie)).await.status, StatusCode::FORBIDDEN);
    let html = s.app.get(&format!("/duinwijk/initiatieven/{case}"), Some(&cookie)).await.body;
    assert!(html.contains("Steunen kan als je je e-mailadres hebt bevestigd"), "said where the button would be");

    // Once the address is confirmed, all of it counts.
    let account = user::Entity::find_by_id(me).one(&s.app.db).await.unwrap().unwrap();
    let mut row: user::ActiveModel = account.into();
    row.email_verified_at = Set(Some(chrono::Utc::now()));
    row.update(&s.app.db).await.unwrap();
    let view = poll_view(&s.app, &poll, Some(&cookie)).await;
    assert_eq!(view["may_vote"], "Yes");
    let token = view["submission_token"].as_str().unwrap().to_owned();
    assert_eq!(vote_with(&s.app, &poll, &cookie, &token, &ballot(&view, 0, "")).await.status, StatusCode::OK);
    assert_eq!(on_comment(&s.app, "support_comment", support_other, &support, &cookie).await.status, StatusCode::OK);
    let supported = s.app.call("support_initiative", &support_case, Some(&cookie)).await;
    assert!(supported.status.is_success() || supported.status.is_redirection(), "{}", supported.body);
    let token = crate::consultations::token(&s.app, &consultation, &cookie).await;
    assert_eq!(comment_with(&s.app, &consultation, &cookie, &token, "Nu telt het.").await.status, StatusCode::OK);
}
