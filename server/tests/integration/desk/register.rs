//! The public register: supports (one per person, not on one's own), the threshold that puts an
//! initiative on the council's list, the norms an administrator sets, and the published figures.

use super::*;
use crate::trajectories::fields;
use app::server::entities::desk_case;
use sea_orm::EntityTrait;

async fn support(d: &Desk, cookie: &str, id: &str, on: bool) -> Reply {
    let form = [("municipality", "duinwijk"), ("id", id), ("support", if on { "1" } else { "0" })];
    d.app.call("support_initiative", &form, Some(cookie)).await
}

async fn supports(d: &Desk, id: &str) -> (i32, Option<chrono::NaiveDate>) {
    let row = desk_case::Entity::find_by_id(id.parse::<i32>().unwrap()).one(&d.app.db).await.unwrap().unwrap();
    (row.supports, row.council_listed_on)
}

#[tokio::test]
async fn supports_count_once_and_the_threshold_puts_an_initiative_on_the_councils_list() {
    let d = Desk::new().await;
    let admin = d.log_in(ADMIN).await;
    let saved = d
        .app
        .call(
            "save_desk_settings",
            &[
                ("municipality", "duinwijk"),
                ("acknowledge_within", "2"),
                ("answer_within", "10"),
                ("support_threshold", "2"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[]).await;
    let hidden = d.case(&resident, &[("public", "nee")]).await;

    assert_eq!(support(&d, &resident, &id, true).await.status, StatusCode::FORBIDDEN, "not one's own");
    let other = d.log_in(OTHER_RESIDENT).await;
    assert_eq!(support(&d, &other, &hidden, true).await.status, StatusCode::NOT_FOUND, "not a hidden one");
    assert_eq!(support(&d, &other, &id, true).await.status, StatusCode::OK);
    assert_eq!(support(&d, &other, &id, true).await.status, StatusCode::OK, "a second click changes nothing");
    assert_eq!(supports(&d, &id).await, (1, None));
    let page = d.app.call("get_public_initiative", &[("municipality", "duinwijk"), ("id", &id)], Some(&other)).await;
    assert_eq!(page.json()["may_support"]["Yes"]["supported"], true);

    let third = d.log_in("jongere2@duinwijk.example").await;
    assert_eq!(support(&d, &third, &id, true).await.status, StatusCode::OK);
    let (count, listed) = supports(&d, &id).await;
    assert_eq!((count, listed), (2, Some(app::server::clock::today())), "the threshold of 2 is reached");
    let register = d.app.call("get_register", &[("municipality", "duinwijk")], None).await.json();
    assert_eq!(register["council_list"][0]["id"].to_string(), id);
    assert_eq!(register["support_threshold"], 2);

    assert_eq!(support(&d, &third, &id, false).await.status, StatusCode::OK);
    let (count, listed) = supports(&d, &id).await;
    assert_eq!(count, 1);
    assert!(listed.is_some(), "once on the council's list, it stays there");
    let anonymous = support(&d, "", &id, true).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn administrators_set_the_norms_and_new_cases_follow_them() {
    let d = Desk::new().await;
    let desk = d.log_in(DESK).await;
    let form = |a: &'static str, b: &'static str, t: &'static str| {
        vec![("municipality", "duinwijk"), ("acknowledge_within", a), ("answer_within", b), ("support_threshold", t)]
    };
    let refused = d.app.call("save_desk_settings", &form("3", "15", ""), Some(&desk)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "desk officers work under the norms, administrators set them");
    let admin = d.log_in(ADMIN).await;
    let bad = d.app.call("save_desk_settings", &form("0", "x", "-1"), Some(&admin)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut refused = fields(&bad);
    refused.sort();
    assert_eq!(refused, ["acknowledge_within", "answer_within", "support_threshold"]);
    let reversed = d.app.call("save_desk_settings", &form("5", "3", ""), Some(&admin)).await;
    assert_eq!(fields(&reversed), ["answer_within"]);
    let saved = d.app.call("save_desk_settings", &form("3", "15", "100"), Some(&admin)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let norms = d.app.get("/api/v1/duinwijk/desk/norms", None).await.json();
    assert_eq!(norms["norms"]["acknowledge_within_working_days"], 3);
    assert_eq!(norms["norms"]["answer_within_working_days"], 15);
    assert_eq!(norms["support_threshold"], 100);
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[]).await;
    let case = d.mine(&resident, &id).await.json();
    let today = app::server::clock::today();
    use app::domain::working_days::deadline;
    assert_eq!(case["acknowledge_by"], deadline(today, 3, &[]).unwrap().to_string());
    assert_eq!(case["answer_by"], deadline(today, 15, &[]).unwrap().to_string());
    let norms = d.app.get("/api/v1/duinwijk/desk/norms", None).await.json();
    assert_eq!(norms["quarters"][0]["cases"], 1);
    assert!(norms["quarters"][0]["acknowledged_in_time_percentage"].is_null(), "still running: not counted yet");
}

#[tokio::test]
async fn the_figures_count_what_was_met_per_quarter() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let on_time = d.case(&resident, &[("title", "Op tijd")]).await;
    let late = d.case(&resident, &[("title", "Te laat")]).await;
    d.desk_call(&desk, "move_desk_case", &on_time, &[("to", "acknowledged")]).await;
    let long_ago = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    super::handling::received_on(&d, &late, long_ago).await;
    let norms = d.app.get("/api/v1/duinwijk/desk/norms", None).await.json();
    let quarters = norms["quarters"].as_array().unwrap();
    let q3 = quarters.iter().find(|q| q["year"] == 2026 && q["quarter"] == 3).unwrap();
    assert_eq!(q3["cases"], 1);
    assert_eq!(q3["acknowledged_in_time_percentage"], 0.0, "never acknowledged, long overdue");
    assert_eq!(q3["answered_in_time_percentage"], 0.0);
    let now = quarters.iter().find(|q| q["quarter"] != 3 || q["year"] != 2026).unwrap();
    assert_eq!(now["acknowledged_in_time_percentage"], 100.0, "{norms}");
    let register = d.app.call("get_register", &[("municipality", "duinwijk")], None).await.json();
    assert!(register["figures"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn the_demo_desks_have_cases_in_every_state_and_published_figures() {
    let app = crate::common::TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    let rows = desk_case::Entity::find().all(&app.db).await.unwrap();
    for status in ["received", "acknowledged", "in_progress", "waiting", "answered", "closed", "forwarded"] {
        assert!(rows.iter().any(|c| c.status == status), "no demo case is {status}");
    }
    let today = app::server::clock::today();
    let overdue = rows.iter().filter(|c| c.acknowledged_on.is_none() && c.acknowledge_by < today).count();
    assert!(overdue >= 1, "some demo cases are past the norm");
    let norms = app.get("/api/v1/polderveen/desk/norms", None).await.json();
    let quarters = norms["quarters"].as_array().unwrap();
    assert!(quarters.len() >= 3, "{norms}");
    assert!(quarters.iter().any(|q| q["answered_in_time_percentage"].as_f64().is_some_and(|p| p > 0.0 && p < 100.0)));
    let register = app.get("/polderveen/initiatieven", None).await;
    assert!(register.body.contains("Buurtmoestuin Oosthoek"));
    assert!(register.body.contains("Groenstrook Weidebuurt zelf onderhouden"));
    let listed = rows.iter().find(|c| c.title == "Buurtmoestuin Oosthoek").unwrap();
    assert!(listed.council_listed_on.is_some(), "31 supports pass the threshold of 25");
}

#[tokio::test]
async fn the_registers_open_data_pages_through_every_public_initiative_once() {
    let d = Desk::new().await;
    use sea_orm::{ColumnTrait, QueryFilter};
    server::demo_desk::seed_load(&d.app.db, "duinwijk", 80).await.unwrap();
    let public = desk_case::Entity::find().filter(desk_case::Column::Public.eq(true)).all(&d.app.db).await.unwrap();
    for sort in ["", "supports"] {
        let first = d.app.get(&format!("/api/v1/duinwijk/initiatives?sort={sort}"), None).await.json();
        assert_eq!(first["total"], public.len(), "{first}");
        let pages = first["pages"].as_u64().unwrap();
        assert_eq!(pages, (public.len() as u64).div_ceil(25));
        let mut seen = Vec::new();
        for page in 1..=pages {
            let list = d.app.get(&format!("/api/v1/duinwijk/initiatives?sort={sort}&page={page}"), None).await.json();
            assert_eq!(list["page"], page);
            let items = list["initiatives"].as_array().unwrap();
            assert!(items.len() <= 25 && !items.is_empty());
            seen.extend(items.iter().map(|i| (i["id"].as_i64().unwrap(), i["supports"].as_i64().unwrap())));
        }
        let mut ids: Vec<i64> = seen.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), public.len(), "every public initiative once ({sort})");
        if sort == "supports" {
            assert!(seen.windows(2).all(|w| w[0].1 >= w[1].1), "the most supported first");
        }
    }
}
