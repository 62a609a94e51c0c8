//! Every paged list, as a page, as a server function and as open data, answers page numbers that
//! make no sense (0, negative, past the end, past what a number can hold, not a number) with a
//! page of the list: never a panic, a hang or a stack trace.

use crate::common::{password_of, TestApp};
use app::server::entities::{consultation_section, trajectory};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::Duration;

/// A server function's form.
type Form<'a> = Vec<(&'a str, &'a str)>;

const ODD_PAGES: &[&str] = &[
    "0",
    "-1",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999",
    "abc",
    "1e9",
    " ",
    "2.5",
];

async fn trajectory_named(app: &TestApp, title: &str) -> i32 {
    trajectory::Entity::find().filter(trajectory::Column::Title.eq(title)).one(&app.db).await.unwrap().unwrap().id
}

#[tokio::test]
async fn every_paged_list_takes_any_page_number() {
    let app = TestApp::new().await;
    let accounts = server::seed::seed_demo(&app.db).await.unwrap();
    let log_in = |email: &'static str| {
        let app = &app;
        let password = password_of(&accounts, email).to_owned();
        async move { app.log_in(email, &password).await }
    };
    let admin = log_in("beheerder@duinwijk.example").await;
    let desk = log_in("loket@duinwijk.example").await;
    let lead = log_in("projectleider@duinwijk.example").await;
    let festival = trajectory_named(&app, "Zomerfestival op het strand").await.to_string();
    let parking = trajectory_named(&app, "Parkeren in Duinwijk-Centrum").await.to_string();
    let consultation =
        consultation_section::Entity::find().one(&app.db).await.unwrap().unwrap().activity_id.to_string();

    let pages: Vec<(String, Option<&str>)> = vec![
        ("/duinwijk?pagina=".into(), None),
        ("/duinwijk/initiatieven?pagina=".into(), None),
        (format!("/duinwijk/raadplegingen/{consultation}?pagina="), None),
        (format!("/duinwijk/trajecten/{festival}/verslag?pagina="), None),
        ("/beheer/duinwijk/loket?pagina=".into(), Some(&desk)),
        ("/beheer/duinwijk/logboek?pagina=".into(), Some(&admin)),
        (format!("/duinwijk/trajecten/{parking}/antwoorden?pagina="), Some(&lead)),
        ("/api/v1/duinwijk/trajectories?page=".into(), None),
        (format!("/api/v1/duinwijk/consultations/{consultation}/comments?page="), None),
        ("/api/v1/duinwijk/initiatives?page=".into(), None),
    ];
    for (path, cookie) in &pages {
        for odd in ODD_PAGES {
            let url = format!("{path}{}", odd.replace(' ', "+"));
            let reply = tokio::time::timeout(Duration::from_secs(30), app.get(&url, *cookie))
                .await
                .unwrap_or_else(|_| panic!("{url} hangs"));
            assert_eq!(reply.status, StatusCode::OK, "{url}: {}", &reply.body[..reply.body.len().min(400)]);
            assert!(!reply.body.contains("panicked"), "{url}");
        }
    }

    let calls: Vec<(&str, Form, Option<&str>)> = vec![
        ("list_trajectories", vec![("municipality", "duinwijk")], None),
        ("get_register", vec![("municipality", "duinwijk")], None),
        ("get_consultation", vec![("municipality", "duinwijk"), ("id", &consultation)], None),
        ("get_report", vec![("municipality", "duinwijk"), ("trajectory", &festival)], None),
        ("list_desk_queue", vec![("municipality", "duinwijk")], Some(&desk)),
        ("list_audit_log", vec![("municipality", "duinwijk")], Some(&admin)),
        ("get_answering", vec![("municipality", "duinwijk"), ("trajectory", &parking)], Some(&lead)),
    ];
    for (function, form, cookie) in &calls {
        for odd in ODD_PAGES {
            let mut form = form.clone();
            form.push(("page", odd));
            let reply = tokio::time::timeout(Duration::from_secs(30), app.call(function, &form, *cookie))
                .await
                .unwrap_or_else(|_| panic!("{function} page {odd} hangs"));
            assert_eq!(reply.status, StatusCode::OK, "{function} page {odd:?}: {}", reply.body);
            let page = page_in(&reply.json());
            assert!(page.is_some_and(|p| p >= 1), "{function} page {odd:?} answers page {page:?}");
        }
    }
}

/// The page number an answer says it shows, wherever it sits in it.
fn page_in(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Object(map) => {
            map.get("page").and_then(|p| p.as_u64()).or_else(|| map.values().find_map(page_in))
        }
        _ => None,
    }
}
