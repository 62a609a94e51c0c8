//! The participation desk through the real router: bringing in initiatives (one case per
//! submission token, refusals that keep what was typed, entering one for someone at the counter),
//! the desk's handling with the clock (steps, pauses, the queue's filters, reminders), internal
//! notes that never leave the desk, and the public register with supports, the council's list,
//! the norms and the open data.

mod handling;
mod ideas;
mod privacy;
mod register;
mod submitting;

use crate::common::{password_of, Reply, TestApp};
use http::StatusCode;

pub(crate) const RESIDENT: &str = "inwoner@duinwijk.example";
pub(crate) const OTHER_RESIDENT: &str = "jongere@duinwijk.example";
pub(crate) const DESK: &str = "loket@duinwijk.example";
pub(crate) const ADMIN: &str = "beheerder@duinwijk.example";
pub(crate) const OTHER_DESK: &str = "loket@polderveen.example";

pub(crate) struct Desk {
    pub app: TestApp,
    pub accounts: Vec<server::seed::CreatedAccount>,
}

impl Desk {
    pub async fn new() -> Self {
        let (app, accounts) = TestApp::seeded().await;
        Desk { app, accounts }
    }

    pub async fn log_in(&self, email: &str) -> String {
        self.app.log_in(email, password_of(&self.accounts, email)).await
    }

    pub async fn form(&self, cookie: Option<&str>) -> serde_json::Value {
        let reply = self.app.call("get_initiative_form", &[("municipality", "duinwijk")], cookie).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    /// The id of one of Duinwijk's areas.
    pub async fn area(&self) -> String {
        self.form(None).await["areas"][1]["id"].as_i64().unwrap().to_string()
    }

    /// Sends the form with a fresh token, the given fields replacing the defaults.
    pub async fn submit(&self, cookie: &str, extra: &[(&str, &str)]) -> Reply {
        let token = self.form(Some(cookie)).await["submission_token"].as_str().unwrap().to_owned();
        let area = self.area().await;
        self.submit_with(cookie, &token, &area, extra).await
    }

    pub async fn submit_with(&self, cookie: &str, token: &str, area: &str, extra: &[(&str, &str)]) -> Reply {
        let form = initiative_form(token, area, extra);
        self.app.call("submit_initiative", &form, Some(cookie)).await
    }

    /// An initiative a desk officer enters for Mevrouw De Vries, who came to the counter and left
    /// her e-mail address (not public).
    pub async fn at_counter(&self, desk: &str) -> Reply {
        let contact = [
            ("on_behalf", "1"),
            ("channel", "counter"),
            ("contact_name", "Mevrouw De Vries"),
            ("contact_email", "devries@voorbeeld.example"),
            ("public", "nee"),
        ];
        self.submit(desk, &contact).await
    }

    /// Submits and returns the new case's id.
    pub async fn case(&self, cookie: &str, extra: &[(&str, &str)]) -> String {
        let reply = self.submit(cookie, extra).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body.trim().to_owned()
    }

    pub async fn mine(&self, cookie: &str, id: &str) -> Reply {
        self.app.call("get_my_case", &[("id", id)], Some(cookie)).await
    }

    pub async fn at_desk(&self, cookie: &str, id: &str) -> serde_json::Value {
        let reply = self.app.call("get_desk_case", &[("municipality", "duinwijk"), ("id", id)], Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    pub async fn desk_call(&self, cookie: &str, function: &str, id: &str, extra: &[(&str, &str)]) -> Reply {
        let mut form = vec![("municipality", "duinwijk"), ("id", id)];
        form.extend_from_slice(extra);
        self.app.call(function, &form, Some(cookie)).await
    }

    /// An internal note, with a fresh token from the case page.
    pub async fn note(&self, cookie: &str, id: &str, body: &str) -> Reply {
        let token = self.at_desk(cookie, id).await["case"]["submission_token"].as_str().unwrap().to_owned();
        self.desk_call(cookie, "add_desk_note", id, &[("submission_token", &token), ("note", body)]).await
    }

    /// A message from the desk, with a fresh token from the case page.
    pub async fn message(&self, cookie: &str, id: &str, body: &str, then: &str) -> Reply {
        let token = self.at_desk(cookie, id).await["case"]["submission_token"].as_str().unwrap().to_owned();
        self.desk_call(cookie, "message_initiator", id, &[("submission_token", &token), ("body", body), ("then", then)])
            .await
    }

    pub async fn queue(&self, cookie: &str, filters: &[(&str, &str)]) -> serde_json::Value {
        let mut form = vec![("municipality", "duinwijk")];
        form.extend_from_slice(filters);
        let reply = self.app.call("list_desk_queue", &form, Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    pub async fn outbox(&self) -> Vec<(String, String)> {
        use sea_orm::{EntityTrait, QueryOrder};
        app::server::entities::outbox_message::Entity::find()
            .order_by_asc(app::server::entities::outbox_message::Column::Id)
            .all(&self.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.recipient, format!("{}\n{}", m.subject, m.body_text)))
            .collect()
    }
}

pub(crate) fn initiative_form<'a>(
    token: &'a str,
    area: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("municipality", "duinwijk"),
        ("submission_token", token),
        ("kind", "initiative"),
        ("title", "Buurtmoestuin Oosthoek"),
        ("description", "We willen met tien buren een moestuin beginnen op het braakliggende veld."),
        ("area", area),
        ("support[]", "advice"),
        ("support[]", "fund"),
        ("public", "ja"),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}
