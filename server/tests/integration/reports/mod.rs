//! Answering every input and publishing the report, through the real router on the demo world:
//! the closed parking trajectory (comments, a phone call, open poll answers) is answered one by
//! one and in a group, publication is refused while anything is open, the published version is
//! frozen by the database, a correction is a new version with a reason, and the report shows
//! authors only as they chose to be shown.

mod answering;
mod open_data;
mod publication;
mod retention;

use crate::common::{password_of, Reply, TestApp};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;

const LEAD: &str = "projectleider@duinwijk.example";
const RESIDENT: &str = "inwoner@duinwijk.example";
const FOLLOWER: &str = "jongere@duinwijk.example";
const OTHER_LEAD: &str = "projectleider@polderveen.example";
const PARKING: &str = "Parkeren in Duinwijk-Centrum";

struct World {
    app: TestApp,
    accounts: Vec<server::seed::CreatedAccount>,
    parking: i32,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let accounts = server::seed::seed_demo(&app.db).await.unwrap();
        let parking = trajectory_named(&app, PARKING).await;
        World { app, accounts, parking }
    }

    async fn log_in(&self, email: &str) -> String {
        self.app.log_in(email, password_of(&self.accounts, email)).await
    }

    async fn call(&self, cookie: Option<&str>, function: &str, extra: &[(&str, &str)]) -> Reply {
        let id = self.parking.to_string();
        let mut form = vec![("municipality", "duinwijk"), ("trajectory", id.as_str())];
        form.extend_from_slice(extra);
        self.app.call(function, &form, cookie).await
    }

    async fn answering(&self, cookie: &str, extra: &[(&str, &str)]) -> Value {
        let reply = self.call(Some(cookie), "get_answering", extra).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    /// Every input key of the trajectory, over all pages.
    async fn all_keys(&self, cookie: &str) -> Vec<String> {
        let first = self.answering(cookie, &[]).await;
        let pages = first["pages"].as_u64().unwrap();
        let mut keys = Vec::new();
        for page in 1..=pages {
            let p = page.to_string();
            for row in self.answering(cookie, &[("page", &p)]).await["rows"].as_array().unwrap() {
                keys.push(row["key"].as_str().unwrap().to_owned());
            }
        }
        keys
    }

    async fn answer(&self, cookie: &str, keys: &[String], fields: &[(&str, &str)]) -> Reply {
        let mut form: Vec<(&str, &str)> = keys.iter().map(|k| ("chosen[]", k.as_str())).collect();
        form.extend_from_slice(fields);
        self.call(Some(cookie), "answer_inputs", &form).await
    }

    async fn publish(&self, cookie: &str, extra: &[(&str, &str)]) -> Reply {
        let mut form = vec![
            ("decision", "Het college stelt de parkeerregels vast, met laden en lossen tot 14.00 uur."),
            ("decided_by", "College van B&W"),
            ("decided_on", "2026-10-01"),
            ("council_decision_url", "https://duinwijk.raadsinformatie.nl/besluit/2026-42"),
        ];
        for (k, v) in extra {
            form.retain(|(key, _)| key != k);
            form.push((k, v));
        }
        self.call(Some(cookie), "publish_report", &form).await
    }

    async fn report(&self, extra: &[(&str, &str)]) -> Value {
        let reply = self.call(None, "get_report", extra).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }
}

async fn trajectory_named(app: &TestApp, title: &str) -> i32 {
    use app::server::entities::trajectory;
    trajectory::Entity::find().filter(trajectory::Column::Title.eq(title)).one(&app.db).await.unwrap().unwrap().id
}

fn field_problem(reply: &Reply, field: &str) -> Value {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    let body = reply.json();
    body["Validation"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == field)
        .map(|e| e["problem"].clone())
        .unwrap_or_else(|| panic!("no problem at {field}: {body}"))
}

async fn outbox(app: &TestApp) -> Vec<(String, String)> {
    use sea_orm::{EntityTrait, QueryOrder};
    app::server::entities::outbox_message::Entity::find()
        .order_by_asc(app::server::entities::outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.recipient, format!("{}\n{}", m.subject, m.body_text)))
        .collect()
}
