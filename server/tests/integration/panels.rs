//! Panels through the real router: administrators create them and hand out codes, residents
//! join with a code and leave again, and a poll limited to a panel lets in its members only, as
//! of the moment the ballot is counted.

use crate::common::TestApp;
use crate::consultations::{user_id, RESIDENT, YOUNG};
use crate::polls::{add_poll, ballot, trajectory, view, vote, vote_with, voter_rows};
use crate::trajectories::{fields, lead_session, Session};
use app::server::entities::outbox_message;
use http::StatusCode;
use sea_orm::EntityTrait;

pub(crate) const ADMIN: &str = "beheerder@duinwijk.example";

pub(crate) async fn create_panel(s: &Session, admin: &str, name: &str) -> String {
    let form = [
        ("municipality", "duinwijk"),
        ("name", name),
        ("description", "Jongeren denken mee over hun buurt."),
        ("min_age", "12"),
        ("max_age", "23"),
        ("term_starts_on", "2025-09-01"),
        ("term_ends_on", ""),
    ];
    let reply = s.app.call("save_panel", &form, Some(admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body.trim().to_owned()
}

async fn codes(app: &TestApp, admin: &str, panel: &str, count: &str) -> Vec<String> {
    let reply = app
        .call_signed("make_panel_codes", &[("municipality", "duinwijk"), ("panel", panel), ("count", count)], admin)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn join(app: &TestApp, cookie: &str, code: &str) -> crate::common::Reply {
    app.call("join_panel", &[("municipality", "duinwijk"), ("code", code)], Some(cookie)).await
}

#[tokio::test]
async fn administrators_keep_panels_of_their_own_municipality() {
    let s = lead_session().await;
    let admin = s.log_in(ADMIN).await;
    let panel = create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let form = [("municipality", "duinwijk"), ("name", "Jongerenpanel Duinwijk"), ("term_starts_on", "2025-09-01")];
    let twice = s.app.call("save_panel", &form, Some(&admin)).await;
    assert_eq!(fields(&twice), ["name"], "{}", twice.body);
    assert!(twice.body.contains("NameTaken"));
    let bad = s
        .app
        .call(
            "save_panel",
            &[
                ("municipality", "duinwijk"),
                ("name", "X"),
                ("min_age", "23"),
                ("max_age", "12"),
                ("term_starts_on", ""),
            ],
            Some(&admin),
        )
        .await;
    let mut problems = fields(&bad);
    problems.sort();
    assert_eq!(problems, ["max_age", "term_starts_on"]);
    // A project lead, or another municipality's administrator, cannot.
    assert_eq!(s.app.call("save_panel", &form, Some(&s.lead)).await.status, StatusCode::FORBIDDEN);
    let other = s.log_in("beheerder@polderveen.example").await;
    let peek = s.app.call("get_panel", &[("municipality", "duinwijk"), ("id", &panel)], Some(&other)).await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN);
    let theirs = s.app.call("get_panel", &[("municipality", "polderveen"), ("id", &panel)], Some(&other)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "another municipality's panel is not found");
    let detail = s.app.call("get_panel", &[("municipality", "duinwijk"), ("id", &panel)], Some(&admin)).await.json();
    assert_eq!(detail["panel"]["max_age"], 23);
}

#[tokio::test]
async fn residents_join_with_a_single_use_code_that_fits_their_age() {
    let s = lead_session().await;
    let admin = s.log_in(ADMIN).await;
    let panel = create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let made = codes(&s.app, &admin, &panel, "3").await;
    assert_eq!(made.len(), 3);
    assert!(made.iter().all(|c| c.len() == 9 && c.chars().nth(4) == Some('-')), "{made:?}");
    let young = s.log_in(YOUNG).await;
    // Typed the way people type codes from paper.
    let typed = made[0].to_lowercase().replace('-', " ");
    let joined = join(&s.app, &young, &typed).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    assert!(joined.body.contains("Jongerenpanel Duinwijk"));
    // The new member is told which panel (the panel has no poll yet); someone else learns
    // nothing about it.
    let welcome = s.app.call("panel_welcome", &[("municipality", "duinwijk"), ("panel", &panel)], Some(&young)).await;
    assert_eq!(welcome.status, StatusCode::OK, "{}", welcome.body);
    assert_eq!(welcome.json()["name"], "Jongerenpanel Duinwijk");
    assert_eq!(welcome.json()["open_polls"], serde_json::json!([]));
    let outsider = s.log_in(RESIDENT).await;
    let peek = s.app.call("panel_welcome", &[("municipality", "duinwijk"), ("panel", &panel)], Some(&outsider)).await;
    assert_eq!(peek.status, StatusCode::NOT_FOUND);
    let again = join(&s.app, &young, &made[1]).await;
    assert!(again.body.contains("AlreadyInPanel"), "{}", again.body);
    // A used code does not work twice.
    let resident = s.log_in(RESIDENT).await;
    let used = join(&s.app, &resident, &made[0]).await;
    assert_eq!(fields(&used), ["code"]);
    assert!(used.body.contains("InvitationInvalid"));
    assert!(join(&s.app, &resident, "ABCD-EFGH").await.body.contains("InvitationInvalid"), "a made-up code");
    // The panel is for 12 to 23: without a birth date, or too old, the code stays unused.
    assert!(join(&s.app, &resident, &made[1]).await.body.contains("BirthDateNeeded"));
    // The resident fills in their birth date on the account page (a wrong one is refused first).
    let bad = s
        .app
        .call("change_personal_details", &[("birth_date", "2999-01-01"), ("area_id", "999999")], Some(&resident))
        .await;
    let mut problems = fields(&bad);
    problems.sort();
    assert_eq!(problems, ["area_id", "birth_date"]);
    let saved =
        s.app.call("change_personal_details", &[("birth_date", "1980-06-01"), ("area_id", "")], Some(&resident)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let me = s.app.call("current_account", &[], Some(&resident)).await.json();
    assert_eq!((me["birth_date"].as_str(), me["area_id"].as_i64()), (Some("1980-06-01"), None));
    assert!(join(&s.app, &resident, &made[1]).await.body.contains("OutsidePanelAges"));
    let detail = s.app.call("get_panel", &[("municipality", "duinwijk"), ("id", &panel)], Some(&admin)).await.json();
    assert_eq!((detail["open_codes"].as_i64(), detail["used_codes"].as_i64()), (Some(2), Some(1)));
    assert_eq!(detail["members"][0]["display_name"], "Noor");
    assert_eq!(detail["members"][0]["added_by_staff"], false);
    assert!(!detail.to_string().contains("@duinwijk.example"), "no e-mail addresses of members");
    // Leaving is always possible, and shows on the account page.
    let mine = s.app.call("list_my_panels", &[], Some(&young)).await.json();
    assert_eq!(mine[0]["name"], "Jongerenpanel Duinwijk");
    assert_eq!(s.app.call("leave_panel", &[("panel", &panel)], Some(&young)).await.status, StatusCode::OK);
    assert_eq!(s.app.call("list_my_panels", &[], Some(&young)).await.json(), serde_json::json!([]));
}

#[tokio::test]
async fn staff_invite_by_e_mail_and_add_or_remove_members() {
    let s = lead_session().await;
    let admin = s.log_in(ADMIN).await;
    let panel = create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let invite = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("email", "nieuw@voorbeeld.nl")];
    assert_eq!(s.app.call_signed("invite_to_panel", &invite, &admin).await.status, StatusCode::OK);
    let mail = outbox_message::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.recipient == "nieuw@voorbeeld.nl")
        .unwrap();
    assert!(mail.body_text.contains("/duinwijk/panel-aanmelden?code="), "{}", mail.body_text);
    let add = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("email", YOUNG)];
    assert_eq!(s.app.call("add_panel_member", &add, Some(&admin)).await.status, StatusCode::OK);
    let twice = s.app.call("add_panel_member", &add, Some(&admin)).await;
    assert!(twice.body.contains("AlreadyInPanel"));
    let unknown = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("email", "niemand@voorbeeld.nl")];
    assert_eq!(fields(&s.app.call("add_panel_member", &unknown, Some(&admin)).await), ["email"]);
    let young_id = user_id(&s.app, YOUNG).await.to_string();
    let end = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("member", young_id.as_str())];
    assert_eq!(s.app.call("end_panel_membership", &end, Some(&admin)).await.status, StatusCode::OK);
    let detail = s.app.call("get_panel", &[("municipality", "duinwijk"), ("id", &panel)], Some(&admin)).await.json();
    assert_eq!(detail["panel"]["members"], 0);
    assert!(detail["members"][0]["ends_on"].is_string(), "history stays");
}

#[tokio::test]
async fn a_panel_poll_lets_in_members_only_as_of_the_moment_of_counting() {
    let s = lead_session().await;
    let admin = s.log_in(ADMIN).await;
    let panel = create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("eligibility", "panel"), ("eligible_panel", panel.as_str())]).await;
    let young = s.log_in(YOUNG).await;
    let page = view(&s.app, &poll, Some(&young)).await;
    assert_eq!(page["may_vote"]["NotEligible"]["NotInPanel"], "Jongerenpanel Duinwijk");
    let code = codes(&s.app, &admin, &panel, "1").await.remove(0);
    assert_eq!(join(&s.app, &young, &code).await.status, StatusCode::OK);
    let page = view(&s.app, &poll, Some(&young)).await;
    assert_eq!(page["may_vote"], "Yes");
    // Leaves the panel between loading the page and voting: refused.
    let token = page["submission_token"].as_str().unwrap().to_owned();
    assert_eq!(s.app.call("leave_panel", &[("panel", &panel)], Some(&young)).await.status, StatusCode::OK);
    let late = vote_with(&s.app, &poll, &young, &token, &ballot(&page, 0, "")).await;
    assert_eq!(late.status, StatusCode::FORBIDDEN);
    assert_eq!(voter_rows(&s.app, &poll).await, 0);
    // Back in (added by staff), the vote counts.
    let add = [("municipality", "duinwijk"), ("panel", panel.as_str()), ("email", YOUNG)];
    assert_eq!(s.app.call("add_panel_member", &add, Some(&admin)).await.status, StatusCode::OK);
    assert_eq!(vote(&s.app, &poll, &young, &ballot(&page, 0, "")).await.status, StatusCode::OK);
    // A member of the panel who is not a resident of the rules' areas would still be refused:
    // the rules of play and the poll's narrowing both apply (see voting.rs); here the rules
    // invite everyone.
    assert_eq!(page["who"][0], "Everyone");
}

#[tokio::test]
async fn the_rules_of_play_can_only_name_a_panel_the_municipality_has() {
    let s = lead_session().await;
    let id = s.create("Skatebaan Noordduin", &[]).await;
    let mut card = crate::trajectories::complete_card(&id);
    card.retain(|(k, _)| *k != "eligibility");
    card.push(("eligibility", "panel"));
    card.push(("eligible_panel", " jongerenpanel  duinwijk"));
    let refused = s.app.call("save_rules", &card, Some(&s.lead)).await;
    assert_eq!(fields(&refused), ["eligible_panel"], "{}", refused.body);
    assert!(refused.body.contains("UnknownPanel"));
    let admin = s.log_in(ADMIN).await;
    create_panel(&s, &admin, "Jongerenpanel Duinwijk").await;
    let saved = s.app.call("save_rules", &card, Some(&s.lead)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let trajectory =
        s.app.call("get_trajectory", &[("municipality", "duinwijk"), ("id", &id)], Some(&s.lead)).await.json();
    assert_eq!(
        trajectory["rules"]["rules"]["eligibility"]["Panel"], "Jongerenpanel Duinwijk",
        "stored under the panel's own name"
    );
}
