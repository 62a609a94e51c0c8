//! Consultations through the real router: a lead puts a plan up in sections, residents comment,
//! reply and support; the window and the rules of play decide who may post; one comment per
//! submission token, also under 50 identical requests at once; nothing typed is lost on an error;
//! nobody touches another person's comment; markup in comments never runs; open data shows no
//! personal data.

use crate::common::{Reply, TestApp};
use crate::trajectories::{complete_card, details, fields, lead_session, Session};
use app::server::entities::{area, input, user};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

const RESIDENT: &str = "inwoner@duinwijk.example";
const YOUNG: &str = "jongere@duinwijk.example";
const OTHER_LEAD: &str = "projectleider@polderveen.example";
const DESK: &str = "loket@duinwijk.example";

/// A published trajectory with one phase (dates given) and the card's eligibility overridden.
pub(crate) async fn published(s: &Session, title: &str, phase: (&str, &str), card: &[(&str, &str)]) -> String {
    let id = s.create(title, &[("phase_starts_on[0]", phase.0), ("phase_ends_on[0]", phase.1)]).await;
    let mut form = complete_card(&id);
    for (key, value) in card {
        form.retain(|(k, _)| k != key || key.ends_with("[]"));
        form.push((key, value));
    }
    let saved = s.app.call("save_rules", &form, Some(&s.lead)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let published = s.app.call("publish_trajectory", &[("municipality", "duinwijk"), ("id", &id)], Some(&s.lead)).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    id
}

pub(crate) async fn add_consultation(s: &Session, trajectory: &str, extra: &[(&str, &str)]) -> String {
    let mut form = vec![
        ("municipality", "duinwijk"),
        ("trajectory", trajectory),
        ("title", "Reageer op het ontwerp"),
        ("intro", "Wat vind je van het **ontwerp**?"),
        ("phase", "0"),
        ("section_title[0]", "Bomen en groen"),
        ("section_body[0]", "Er komen **twaalf** nieuwe bomen."),
        ("section_title[1]", "Spelen"),
        ("section_body[1]", "Een speelplek voor kinderen tot 12 jaar."),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    let reply = s.app.call("create_consultation", &form, Some(&s.lead)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body.trim().to_owned()
}

pub(crate) async fn open_consultation(s: &Session) -> (String, String) {
    let trajectory = published(s, "Herinrichting Dorpsplein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = add_consultation(s, &trajectory, &[]).await;
    (trajectory, consultation)
}

pub(crate) async fn view(app: &TestApp, consultation: &str, cookie: Option<&str>) -> serde_json::Value {
    let reply = app.call("get_consultation", &[("municipality", "duinwijk"), ("id", consultation)], cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub(crate) async fn token(app: &TestApp, consultation: &str, cookie: &str) -> String {
    view(app, consultation, Some(cookie)).await["submission_token"]
        .as_str()
        .unwrap_or_else(|| panic!("a token for someone who may comment"))
        .to_owned()
}

pub(crate) async fn post(app: &TestApp, consultation: &str, cookie: &str, extra: &[(&str, &str)]) -> Reply {
    let token = token(app, consultation, cookie).await;
    let mut form =
        vec![("municipality", "duinwijk"), ("consultation", consultation), ("submission_token", token.as_str())];
    form.extend_from_slice(extra);
    app.call("post_comment", &form, Some(cookie)).await
}

pub(crate) async fn comment(app: &TestApp, consultation: &str, cookie: &str, extra: &[(&str, &str)]) -> String {
    let reply = post(app, consultation, cookie, extra).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body.trim().to_owned()
}

pub(crate) fn section_id(view: &serde_json::Value, index: usize) -> String {
    view["sections"][index]["id"].as_i64().unwrap().to_string()
}

#[tokio::test]
async fn residents_comment_on_a_section_reply_and_support_and_staff_answers_officially() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;

    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<strong>twaalf</strong>"), "sections are rendered Markdown");
    assert!(page.body.contains("Plaats reactie"), "the comment form is there");
    let trajectory_page = s.app.get(&format!("/duinwijk/trajecten/{trajectory}"), None).await;
    assert!(trajectory_page.body.contains(&format!("/duinwijk/raadplegingen/{consultation}")));

    let v = view(&s.app, &consultation, Some(&resident)).await;
    let trees = section_id(&v, 0);
    let first = comment(
        &s.app,
        &consultation,
        &resident,
        &[("body", "Graag meer schaduw."), ("section", &trees), ("show_area", "on")],
    )
    .await;
    let reply =
        comment(&s.app, &consultation, &young, &[("body", "Eens, en een waterpunt."), ("parent", &first)]).await;
    // A reply to a reply lands under the same top-level comment: one level of threading.
    let nested = comment(&s.app, &consultation, &resident, &[("body", "Goed idee!"), ("parent", &reply)]).await;
    let official =
        comment(&s.app, &consultation, &s.lead, &[("body", "Dank, we nemen het mee."), ("parent", &first)]).await;

    for _ in 0..2 {
        let supported = s
            .app
            .call(
                "support_comment",
                &[
                    ("municipality", "duinwijk"),
                    ("consultation", &consultation),
                    ("comment", &first),
                    ("support", "true"),
                ],
                Some(&young),
            )
            .await;
        assert_eq!(supported.status, StatusCode::OK, "{}", supported.body);
    }
    let own = s
        .app
        .call(
            "support_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &first), ("support", "true")],
            Some(&resident),
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "no support for one's own comment");

    let v = view(&s.app, &consultation, Some(&young)).await;
    let top = &v["discussion"]["comments"][0];
    assert_eq!(top["id"].as_i64().unwrap().to_string(), first);
    assert_eq!(top["section"], "Bomen en groen");
    assert_eq!(top["supports"], 1, "supporting twice counts once");
    assert_eq!(top["supported"], true);
    assert!(top["area"].is_string(), "the author chose to show their area");
    let replies: Vec<String> =
        top["replies"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap().to_string()).collect();
    assert_eq!(replies, [reply.clone(), nested, official.clone()]);
    assert_eq!(top["replies"][2]["official"], true);
    assert_eq!(top["replies"][0]["official"], false);
    assert_eq!(v["sections"][0]["comments"], 1);

    let taken_back = s
        .app
        .call(
            "support_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &first), ("support", "false")],
            Some(&young),
        )
        .await;
    assert_eq!(taken_back.status, StatusCode::OK);
    let v = view(&s.app, &consultation, Some(&young)).await;
    assert_eq!(v["discussion"]["comments"][0]["supports"], 0);

    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    assert!(html.contains("Reactie van de gemeente"), "official answers are marked");
    let answered: Vec<_> = app::server::entities::outbox_message::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.starts_with("Antwoord van de gemeente"))
        .collect();
    assert_eq!(answered.len(), 1, "only the author of the answered comment hears of it");
    assert_eq!(answered[0].recipient, RESIDENT);
    assert!(answered[0].body_text.contains(&format!("#reactie-{first}")));
    assert!(html.contains("Log in om te reageren"), "visitors are told how to take part");
}

#[tokio::test]
async fn fifty_identical_requests_at_once_make_one_comment() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let token = token(&s.app, &consultation, &resident).await;
    let form = [
        ("municipality", "duinwijk"),
        ("consultation", consultation.as_str()),
        ("submission_token", token.as_str()),
        ("body", "Dubbel geklikt."),
    ];
    let replies = s.app.call_in_parallel(50, "post_comment", &form, Some(&resident)).await;
    let ids: std::collections::HashSet<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body.trim().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1, "every request is answered with the same comment");
    let stored =
        input::Entity::find().filter(input::Column::Body.eq("Dubbel geklikt.")).count(&s.app.db).await.unwrap();
    assert_eq!(stored, 1);
    // A new page load brings a new token: the next comment is a new one.
    comment(&s.app, &consultation, &resident, &[("body", "Dubbel geklikt.")]).await;
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 2);
}

#[tokio::test]
async fn a_refused_comment_comes_back_with_its_text_and_the_reason() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;

    let empty = post(&s.app, &consultation, &resident, &[("body", "   ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&empty), ["body"]);
    assert_eq!(empty.json()["Validation"]["errors"][0]["problem"], "Required");

    let long = "Heel lang verhaal. ".repeat(300);
    let too_long = post(&s.app, &consultation, &resident, &[("body", &long)]).await;
    assert_eq!(too_long.json()["Validation"]["errors"][0]["problem"]["TooLong"]["max"], 5000);
    let kept = too_long.json()["Validation"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|pair| pair[0] == "body" && pair[1] == long.as_str());
    assert!(kept, "the text typed comes back");

    let reply_error = post(&s.app, &consultation, &resident, &[("body", ""), ("parent", "999999")]).await;
    assert_eq!(fields(&reply_error), ["reply_body[999999]"], "a reply's error belongs to its own form");

    let forged = s
        .app
        .call(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("submission_token", "1.abc.def"),
                ("body", "Hallo"),
            ],
            Some(&resident),
        )
        .await;
    assert_eq!(forged.json()["Validation"]["errors"][0]["problem"], "TokenInvalid");
    let young = s.log_in(YOUNG).await;
    let someone_elses = token(&s.app, &consultation, &young).await;
    let borrowed = s
        .app
        .call(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("submission_token", &someone_elses),
                ("body", "Hallo"),
            ],
            Some(&resident),
        )
        .await;
    assert_eq!(borrowed.json()["Validation"]["errors"][0]["problem"], "TokenInvalid", "a token is for one person");
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 0, "nothing was stored");

    // Without JavaScript the browser is sent back to the page, with the error to show there.
    let token = token(&s.app, &consultation, &resident).await;
    let page = format!("/duinwijk/raadplegingen/{consultation}");
    let no_js = s
        .app
        .post_form(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("submission_token", &token),
                ("body", "Zonder JavaScript."),
            ],
            &page,
            Some(&resident),
        )
        .await;
    assert!(no_js.status.is_redirection(), "{}", no_js.status);
    assert!(no_js.location().unwrap().contains("#reactie-"), "{:?}", no_js.location());
}

#[tokio::test]
async fn commenting_follows_the_phase_window() {
    let s = lead_session().await;
    let closed = published(&s, "Parkeren Centrum", ("2026-01-05", "2026-02-01"), &[]).await;
    let upcoming = published(&s, "Strandopgang", ("2099-01-01", "2099-12-31"), &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let windows = [
        (closed, ["Reageren kon tot en met", "1 februari 2026"]),
        (upcoming, ["Reageren kan vanaf", "1 januari 2099"]),
    ];
    for (trajectory, texts) in windows {
        let consultation = add_consultation(&s, &trajectory, &[]).await;
        let v = view(&s.app, &consultation, Some(&resident)).await;
        assert!(v["submission_token"].is_null(), "no form, no token");
        let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await;
        for text in texts {
            assert!(page.body.contains(text), "{text}");
        }
        let token = app::server::submission::issue(
            &s.app.state.settings.form_key,
            user_id(&s.app, RESIDENT).await,
            chrono::Utc::now().timestamp(),
        );
        let late = s
            .app
            .call(
                "post_comment",
                &[
                    ("municipality", "duinwijk"),
                    ("consultation", &consultation),
                    ("submission_token", &token),
                    ("body", "Te laat?"),
                ],
                Some(&resident),
            )
            .await;
        assert_eq!(late.json()["Validation"]["errors"][0]["problem"], "ConsultationClosed");
        assert!(late.body.contains("Te laat?"), "the text is kept");
    }
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 0);
}

pub(crate) async fn user_id(app: &TestApp, email: &str) -> i32 {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(&app.db).await.unwrap().unwrap().id
}

#[tokio::test]
async fn the_rules_of_play_decide_who_may_comment_at_the_moment_of_posting() {
    let s = lead_session().await;
    let resident_area = user::Entity::find()
        .filter(user::Column::Email.eq(RESIDENT))
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap()
        .area_id
        .unwrap();
    let other_area = area::Entity::find()
        .filter(area::Column::Id.ne(resident_area))
        .filter(area::Column::MunicipalityId.eq(1))
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let by_area = published(
        &s,
        "Groenstrook",
        ("2026-01-05", "2099-12-31"),
        &[("eligibility", "areas"), ("eligible_areas[]", &other_area)],
    )
    .await;
    let youth = published(
        &s,
        "Speeltuin",
        ("2026-01-05", "2099-12-31"),
        &[("eligibility", "age_band"), ("eligible_min_age", "8"), ("eligible_max_age", "18")],
    )
    .await;
    let by_area = add_consultation(&s, &by_area, &[]).await;
    let youth = add_consultation(&s, &youth, &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;

    let v = view(&s.app, &by_area, Some(&resident)).await;
    assert_eq!(v["may_comment"]["NotEligible"], "OtherArea");
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{by_area}"), Some(&resident)).await;
    assert!(page.body.contains("Volgens je account woon je ergens anders"), "the reason in plain words");

    let adult = view(&s.app, &youth, Some(&resident)).await;
    assert_eq!(adult["may_comment"]["NotEligible"], "AgeUnknown");
    comment(&s.app, &youth, &young, &[("body", "Een kabelbaan graag!")]).await;

    // Eligible when the page loaded, no longer when posting: the server decides at that moment.
    let token = token(&s.app, &youth, &young).await;
    let young_id = user_id(&s.app, YOUNG).await;
    s.app
        .db
        .execute_unprepared(&format!("UPDATE users SET birth_date = '1990-01-01' WHERE id = {young_id}"))
        .await
        .unwrap();
    let refused = s
        .app
        .call(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &youth),
                ("submission_token", &token),
                ("body", "Nog een idee"),
            ],
            Some(&young),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Staff answer whoever the rules invite.
    comment(&s.app, &by_area, &s.lead, &[("body", "Welkom allemaal.")]).await;
}

#[tokio::test]
async fn nobody_edits_or_takes_back_another_persons_comment() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    let mine = comment(&s.app, &consultation, &resident, &[("body", "Mijn reactie.")]).await;

    let base = [("municipality", "duinwijk"), ("consultation", consultation.as_str()), ("comment", mine.as_str())];
    let mut edit = base.to_vec();
    edit.push(("body", "Overgenomen!"));
    assert_eq!(s.app.call("edit_comment", &edit, Some(&young)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.app.call("edit_comment", &edit, Some(&s.lead)).await.status,
        StatusCode::FORBIDDEN,
        "staff do not rewrite residents"
    );
    assert_eq!(s.app.call("withdraw_comment", &base, Some(&young)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(s.app.call("edit_comment", &edit, None).await.status, StatusCode::UNAUTHORIZED);
    // Through another municipality's address the comment does not exist.
    let mut elsewhere = edit.clone();
    elsewhere[0] = ("municipality", "polderveen");
    assert_eq!(s.app.call("edit_comment", &elsewhere, Some(&resident)).await.status, StatusCode::NOT_FOUND);

    let mut own_edit = base.to_vec();
    own_edit.push(("body", "Mijn reactie, aangevuld."));
    assert_eq!(s.app.call("edit_comment", &own_edit, Some(&resident)).await.status, StatusCode::OK);
    assert_eq!(s.app.call("withdraw_comment", &base, Some(&resident)).await.status, StatusCode::OK);
    let v = view(&s.app, &consultation, None).await;
    let placeholder = &v["discussion"]["comments"][0];
    assert_eq!(placeholder["status"], "Withdrawn");
    assert!(placeholder["body"].is_null(), "a taken-back text is not shown");

    let other_lead = s.log_in(OTHER_LEAD).await;
    let trajectory = v["trajectory_id"].as_i64().unwrap().to_string();
    let foreign = s
        .app
        .call(
            "create_consultation",
            &[
                ("municipality", "duinwijk"),
                ("trajectory", &trajectory),
                ("title", "X"),
                ("phase", "0"),
                ("section_title[0]", "A"),
                ("section_body[0]", "B"),
            ],
            Some(&other_lead),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let desk = s.log_in(DESK).await;
    let update = s
        .app
        .call(
            "update_consultation",
            &[
                ("municipality", "duinwijk"),
                ("id", &consultation),
                ("title", "X"),
                ("phase", "0"),
                ("section_title[0]", "A"),
                ("section_body[0]", "B"),
            ],
            Some(&desk),
        )
        .await;
    assert_eq!(update.status, StatusCode::FORBIDDEN, "desk officers do not edit plans");
}

pub(crate) const XSS: &[&str] = &[
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">klik</a>",
];

#[tokio::test]
async fn markup_in_comments_and_replies_is_shown_as_text() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    for attack in XSS {
        let id = comment(&s.app, &consultation, &resident, &[("body", attack)]).await;
        comment(&s.app, &consultation, &young, &[("body", attack), ("parent", &id)]).await;
    }
    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    for needle in ["<script>document", "<img src=x", "<svg onload", "<a href=\"javascript:"] {
        assert!(!html.contains(needle), "{needle} must not reach the page as markup");
    }
    assert!(html.contains("&lt;script&gt;document.title"), "the text itself is shown");
}

#[tokio::test]
async fn sections_with_comments_and_phases_with_consultations_cannot_be_removed() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let v = view(&s.app, &consultation, Some(&s.lead)).await;
    let (trees, play) = (section_id(&v, 0), section_id(&v, 1));
    comment(&s.app, &consultation, &resident, &[("body", "Meer bomen."), ("section", &trees)]).await;

    let without_trees = s
        .app
        .call(
            "update_consultation",
            &[
                ("municipality", "duinwijk"),
                ("id", &consultation),
                ("title", "Ontwerp"),
                ("phase", "0"),
                ("section_id[0]", &play),
                ("section_title[0]", "Spelen"),
                ("section_body[0]", "Tekst"),
            ],
            Some(&s.lead),
        )
        .await;
    assert_eq!(without_trees.json()["Validation"]["errors"][0]["problem"], "SectionHasComments");
    let reworded = s
        .app
        .call(
            "update_consultation",
            &[
                ("municipality", "duinwijk"),
                ("id", &consultation),
                ("title", "Ontwerp"),
                ("phase", "0"),
                ("section_id[0]", &trees),
                ("section_title[0]", "Bomen"),
                ("section_body[0]", "Nu vijftien bomen."),
            ],
            Some(&s.lead),
        )
        .await;
    assert_eq!(reworded.status, StatusCode::OK, "{}", reworded.body);
    let v = view(&s.app, &consultation, None).await;
    assert_eq!(v["sections"].as_array().unwrap().len(), 1);
    assert_eq!(section_id(&v, 0), trees, "the section kept its identity and its comment");
    assert_eq!(v["sections"][0]["comments"], 1);

    // Renaming and re-dating the phase keeps the consultation in it; removing it is refused.
    let mut renamed =
        details("Herinrichting Dorpsplein", &[("phase_name[0]", "Reageren"), ("phase_starts_on[0]", "2026-02-01")]);
    renamed.push(("id", &trajectory));
    assert_eq!(s.app.call("update_trajectory", &renamed, Some(&s.lead)).await.status, StatusCode::OK);
    assert_eq!(view(&s.app, &consultation, None).await["phase_name"], "Reageren");
    let mut replaced = details(
        "Herinrichting Dorpsplein",
        &[("phase_name[0]", "Iets anders"), ("phase_starts_on[0]", "2010-01-01"), ("phase_ends_on[0]", "2010-02-01")],
    );
    replaced.push(("id", &trajectory));
    replaced.push(("phase_name[1]", "Nog iets"));
    replaced.push(("phase_starts_on[1]", "2011-01-01"));
    replaced.push(("phase_ends_on[1]", "2011-02-01"));
    let kept = s.app.call("update_trajectory", &replaced, Some(&s.lead)).await;
    assert_eq!(kept.status, StatusCode::OK, "paired in order, the phase is kept: {}", kept.body);
    // Two phases stored now; keeping only the other one would drop the consultation's phase.
    let v = view(&s.app, &consultation, None).await;
    assert_eq!(v["phase_name"], "Iets anders");
    let mut one = details(
        "Herinrichting Dorpsplein",
        &[("phase_name[0]", "Nog iets"), ("phase_starts_on[0]", "2011-01-01"), ("phase_ends_on[0]", "2011-02-01")],
    );
    one.push(("id", &trajectory));
    let refused = s.app.call("update_trajectory", &one, Some(&s.lead)).await;
    assert_eq!(refused.json()["Validation"]["errors"][0]["problem"], "PhaseHasActivity");
}

#[tokio::test]
async fn posting_is_limited_but_a_retry_never_is() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    for i in 0..10 {
        comment(&s.app, &consultation, &resident, &[("body", &format!("Reactie {i}"))]).await;
    }
    let limited = post(&s.app, &consultation, &resident, &[("body", "Nog één")]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key(http::header::RETRY_AFTER));
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 10, "the refused comment was not stored");
}

#[tokio::test]
async fn with_pre_moderation_only_the_author_and_moderators_see_a_new_comment() {
    let s = lead_session().await;
    let trajectory = published(&s, "Herinrichting Dorpsplein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = add_consultation(&s, &trajectory, &[("pre_moderation", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    comment(&s.app, &consultation, &resident, &[("body", "Wacht op de moderator.")]).await;
    assert_eq!(view(&s.app, &consultation, Some(&resident)).await["discussion"]["total"], 1);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["total"], 0);
    let moderator = s.log_in("moderator@duinwijk.example").await;
    assert_eq!(view(&s.app, &consultation, Some(&moderator)).await["discussion"]["comments"][0]["status"], "Pending");
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await;
    assert!(page.body.contains("wacht op controle"));
}

#[tokio::test]
async fn open_data_lists_activities_and_pages_through_comments_without_personal_data() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    for i in 0..20 {
        // Accounts may post ten at once; alternate between two to stay within the limit.
        let who = if i % 2 == 0 { &resident } else { &young };
        comment(&s.app, &consultation, who, &[("body", &format!("Reactie {i}"))]).await;
    }
    let gone = comment(&s.app, &consultation, &s.lead, &[("body", "Weg ermee")]).await;
    s.app
        .call(
            "withdraw_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &gone)],
            Some(&s.lead),
        )
        .await;

    let detail = s.app.get(&format!("/api/v1/duinwijk/trajectories/{trajectory}"), None).await.json();
    let activity = &detail["activities"][0];
    assert_eq!(activity["kind"], "consultation");
    assert_eq!(activity["window"]["state"], "open");
    assert_eq!(activity["visible_comments"], 20);
    assert!(activity["url"].as_str().unwrap().ends_with(&format!("/duinwijk/raadplegingen/{consultation}")));

    let first = s.app.get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments"), None).await;
    assert_eq!(first.status, StatusCode::OK);
    let json = first.json();
    assert_eq!(json["total"], 21);
    assert_eq!(json["pages"], 2);
    assert_eq!(json["comments"].as_array().unwrap().len(), 20);
    assert_eq!(json["comments"][0]["status"], "withdrawn");
    assert!(json["comments"][0]["text"].is_null());
    assert_eq!(json["comments"][1]["author"], "Noor");
    let target = json["comments"][19]["id"].to_string();
    let form = [
        ("municipality", "duinwijk"),
        ("consultation", consultation.as_str()),
        ("comment", target.as_str()),
        ("support", "true"),
    ];
    let supported = s.app.call("support_comment", &form, Some(&s.lead)).await;
    assert_eq!(supported.status, StatusCode::OK, "{}", supported.body);
    let by_support = s
        .app
        .get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments?sort=meeste-steun"), None)
        .await
        .json();
    assert_eq!(by_support["comments"][0]["id"], json["comments"][19]["id"], "the supported comment comes first");
    let odd = s
        .app
        .get(&format!("/duinwijk/raadplegingen/{consultation}?sorteer=meeste-steun&onderdeel=x&pagina=-3"), None)
        .await;
    assert_eq!(odd.status, StatusCode::OK, "odd addresses still show the discussion");
    let second = s
        .app
        .get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments?page=2&sort=oudste"), None)
        .await
        .json();
    assert_eq!(second["comments"].as_array().unwrap().len(), 1);
    assert!(!first.body.contains("@duinwijk.example") && !second.to_string().contains("@"), "no e-mail addresses");
    assert_eq!(
        s.app.get(&format!("/api/v1/polderveen/consultations/{consultation}/comments"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn everyone_who_gave_input_hears_when_the_rules_of_play_change() {
    use app::server::entities::outbox_message;
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    comment(&s.app, &consultation, &resident, &[("body", "Ik doe mee.")]).await;
    comment(&s.app, &consultation, &resident, &[("body", "Nog iets.")]).await;
    let mut change = complete_card(&trajectory);
    change.retain(|(k, _)| *k != "weighing");
    change.push(("weighing", "Argumenten tellen; bij gelijke argumenten telt het aantal."));
    change.push(("change_reason", "We leggen beter uit hoe we wegen."));
    assert_eq!(s.app.call("amend_rules", &change, Some(&s.lead)).await.status, StatusCode::OK);
    let mails: Vec<_> = outbox_message::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.recipient == RESIDENT && m.subject.starts_with("Spelregels veranderd"))
        .collect();
    assert_eq!(mails.len(), 1, "one mail, however many comments");
    assert!(mails[0].body_text.contains("We leggen beter uit hoe we wegen."));
}
