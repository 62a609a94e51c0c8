//! Polls through the real router, by concept: voting (the editor, ballots of every kind of
//! question, bad ballots refused whole, the window to the second, eligibility narrowed per poll
//! and checked again when the ballot is counted, changing a ballot), secrecy (nothing links a
//! secret ballot to its voter), results (live or after closing, paper votes apart, breakdowns,
//! open data) and many voters at once.

mod concurrency;
mod paper;
mod results;
mod secrecy;
mod voting;

use crate::common::{Reply, TestApp};
use crate::trajectories::Session;
use chrono::{Duration, Utc};
use http::StatusCode;

pub(crate) use crate::consultations::{published, user_id, RESIDENT, YOUNG};

/// Dutch dates relative to today, as the editor's date fields send them.
pub(crate) fn day_from_today(days: i64) -> String {
    (app::server::clock::today() + Duration::days(days)).format("%Y-%m-%d").to_string()
}

/// A published trajectory running from last year to far ahead, to put polls in.
pub(crate) async fn trajectory(s: &Session, card: &[(&str, &str)]) -> String {
    published(s, "Speelplek Duinpark", ("2025-01-05", "2099-12-31"), card).await
}

/// The poll form with five questions, one of each kind, open since yesterday for a month with
/// live results; `extra` replaces or adds fields.
pub(crate) fn poll_form<'a>(
    trajectory: &'a str,
    extra: &[(&'a str, &'a str)],
    days: &'a (String, String),
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("municipality", "duinwijk"),
        ("trajectory", trajectory),
        ("title", "Welke speelplek kiezen we?"),
        ("intro", "Kies mee uit **drie** ontwerpen."),
        ("phase", "0"),
        ("opens_on", days.0.as_str()),
        ("opens_time", "09:00"),
        ("closes_on", days.1.as_str()),
        ("closes_time", "17:00"),
        ("results", "live"),
        ("question_prompt[0]", "Welk ontwerp kies je?"),
        ("question_kind[0]", "single"),
        ("question_options[0]", "Bos\nWater\nRuimte"),
        ("question_max[0]", ""),
        ("question_required[]", "0"),
        ("question_prompt[1]", "Wat wil je er nog meer bij?"),
        ("question_kind[1]", "multiple"),
        ("question_options[1]", "Bankjes\nSchaduw\nWaterpomp"),
        ("question_max[1]", "2"),
        ("question_required[]", "1"),
        ("question_prompt[2]", "Hoe blij ben je met het plan?"),
        ("question_kind[2]", "scale"),
        ("question_options[2]", ""),
        ("question_max[2]", "5"),
        ("question_required[]", "2"),
        ("question_prompt[3]", "Zet de toestellen in volgorde"),
        ("question_kind[3]", "ranking"),
        ("question_options[3]", "Glijbaan\nSchommel\nKlimrek"),
        ("question_max[3]", ""),
        ("question_required[]", "3"),
        ("question_prompt[4]", "Heb je nog een idee?"),
        ("question_kind[4]", "open"),
        ("question_options[4]", ""),
        ("question_max[4]", ""),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}

pub(crate) fn open_days() -> (String, String) {
    (day_from_today(-1), day_from_today(30))
}

pub(crate) async fn add_poll(s: &Session, trajectory: &str, extra: &[(&str, &str)]) -> String {
    let days = open_days();
    let reply = s.app.call_signed("create_poll", &poll_form(trajectory, extra, &days), &s.lead).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body.trim().to_owned()
}

pub(crate) async fn view(app: &TestApp, poll: &str, cookie: Option<&str>) -> serde_json::Value {
    let reply = app.call("get_poll", &[("municipality", "duinwijk"), ("id", poll)], cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// The ids of a question and of its options, by position.
pub(crate) fn ids(view: &serde_json::Value, question: usize) -> (String, Vec<String>) {
    let q = &view["questions"][question];
    let options = q["options"].as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap().to_string()).collect();
    (q["id"].as_i64().unwrap().to_string(), options)
}

/// A complete ballot for the five-question poll: option `pick` of the single choice, the first
/// two of the multiple choice, scale value 4, the ranking in reverse, and an open answer.
pub(crate) fn ballot(view: &serde_json::Value, pick: usize, open: &str) -> Vec<(String, String)> {
    let (q0, o0) = ids(view, 0);
    let (q1, o1) = ids(view, 1);
    let (q2, _) = ids(view, 2);
    let (q3, o3) = ids(view, 3);
    let (q4, _) = ids(view, 4);
    let mut form = vec![
        (format!("choice[{q0}]"), o0[pick].clone()),
        (format!("pick[{q1}][{}]", o1[0]), "on".to_owned()),
        (format!("pick[{q1}][{}]", o1[1]), "on".to_owned()),
        (format!("scale[{q2}]"), "4".to_owned()),
        (format!("open[{q4}]"), open.to_owned()),
    ];
    let n = o3.len();
    form.extend(o3.iter().enumerate().map(|(i, o)| (format!("rank[{q3}][{o}]"), (n - i).to_string())));
    form
}

/// Casts a ballot with a fresh token from the page.
pub(crate) async fn vote(app: &TestApp, poll: &str, cookie: &str, ballot: &[(String, String)]) -> Reply {
    let token = view(app, poll, Some(cookie)).await["submission_token"].as_str().unwrap().to_owned();
    vote_with(app, poll, cookie, &token, ballot).await
}

pub(crate) async fn vote_with(
    app: &TestApp,
    poll: &str,
    cookie: &str,
    token: &str,
    ballot: &[(String, String)],
) -> Reply {
    let mut form: Vec<(&str, &str)> = vec![("municipality", "duinwijk"), ("poll", poll), ("submission_token", token)];
    form.extend(ballot.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    app.call("cast_vote", &form, Some(cookie)).await
}

pub(crate) async fn voter_rows(app: &TestApp, poll: &str) -> usize {
    use app::server::entities::poll_voter;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    poll_voter::Entity::find()
        .filter(poll_voter::Column::ActivityId.eq(poll.parse::<i32>().unwrap()))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

pub(crate) async fn tally_rows(app: &TestApp, poll: &str) -> Vec<app::server::entities::poll_tally::Model> {
    app::server::polls::tallies(&app.db, poll.parse().unwrap()).await.unwrap()
}

/// Changes an account's birth date behind the application's back, as if corrected elsewhere.
pub(crate) async fn set_birth_date(app: &TestApp, email: &str, (year, month, day): (i32, u32, u32)) {
    use app::server::entities::user;
    use sea_orm::{ActiveModelTrait, Set};
    user::ActiveModel {
        id: Set(user_id(app, email).await),
        birth_date: Set(chrono::NaiveDate::from_ymd_opt(year, month, day)),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
}
