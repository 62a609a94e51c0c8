//! Consultations through the real router, by concept: the discussion (threads, supports, open
//! data, mail), posting (one comment per submission token, refusals that keep the text, the
//! window, eligibility, the rate limit), the safety of comments (nobody touches another person's
//! comment, markup never runs) and editing a consultation. The helpers here serve the moderation,
//! offline-input and attachment tests too.

mod discussion;
mod editing;
mod posting;
mod safety;

use crate::common::{Reply, TestApp};
use crate::trajectories::{complete_card, Session};
use app::server::entities::user;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub(crate) const RESIDENT: &str = "inwoner@duinwijk.example";
pub(crate) const YOUNG: &str = "jongere@duinwijk.example";
pub(crate) const OTHER_LEAD: &str = "projectleider@polderveen.example";
pub(crate) const DESK: &str = "loket@duinwijk.example";

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
    let reply = s.app.call_signed("create_consultation", &form, &s.lead).await;
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

/// Calls a server function about one comment (`edit_comment`, `support_comment`, …) with its own
/// fields besides the comment's address.
pub(crate) async fn on_comment(
    app: &TestApp,
    function: &str,
    (consultation, comment): (&str, &str),
    extra: &[(&str, &str)],
    cookie: &str,
) -> Reply {
    let mut form = vec![("municipality", "duinwijk"), ("consultation", consultation), ("comment", comment)];
    form.extend_from_slice(extra);
    app.call(function, &form, Some(cookie)).await
}

pub(crate) fn section_id(view: &serde_json::Value, index: usize) -> String {
    view["sections"][index]["id"].as_i64().unwrap().to_string()
}

pub(crate) async fn user_id(app: &TestApp, email: &str) -> i32 {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(&app.db).await.unwrap().unwrap().id
}

pub(crate) const XSS: &[&str] = &[
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">klik</a>",
];
