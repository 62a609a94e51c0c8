//! Votes counted on paper or at a meeting: entered by staff as totals, shown apart, counted once
//! however often the form arrives, and withdrawn with a reason when they were wrong.

use super::*;
use crate::trajectories::{fields, lead_session};
use app::server::entities::{poll_paper_batch, poll_paper_withdrawal};
use sea_orm::{EntityTrait, PaginatorTrait};

/// A poll with one online vote, and the paper-vote form for its first question.
struct PaperPoll {
    s: Session,
    poll: String,
    bos: String,
    water: String,
}

impl PaperPoll {
    async fn new() -> Self {
        let s = lead_session().await;
        let trajectory = trajectory(&s, &[]).await;
        let poll = add_poll(&s, &trajectory, &[]).await;
        let resident = s.log_in(RESIDENT).await;
        let page = view(&s.app, &poll, Some(&resident)).await;
        assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 0, "")).await.status, StatusCode::OK);
        let (_, options) = ids(&page, 0);
        let (bos, water) = (format!("count[{}]", options[0]), format!("count[{}]", options[1]));
        PaperPoll { s, poll, bos, water }
    }

    fn form<'a>(&'a self, channel: &'a str, count_bos: &'a str, today: &'a str) -> Vec<(&'a str, &'a str)> {
        vec![
            ("municipality", "duinwijk"),
            ("poll", &self.poll),
            ("channel", channel),
            ("description", "Stembus in het buurthuis"),
            ("counted_on", today),
            (&self.bos, count_bos),
            (&self.water, "3"),
        ]
    }

    async fn results(&self) -> serde_json::Value {
        view(&self.s.app, &self.poll, None).await["results"].clone()
    }

    async fn batches(&self) -> u64 {
        poll_paper_batch::Entity::find().count(&self.s.app.db).await.unwrap()
    }
}

#[tokio::test]
async fn paper_votes_are_entered_by_staff_and_shown_apart() {
    let p = PaperPoll::new().await;
    let s = &p.s;
    let today = day_from_today(0);
    let resident = s.log_in(RESIDENT).await;
    // Residents cannot; bad numbers and an online channel are refused next to their field.
    let by_resident = s.app.call_signed("enter_paper_votes", &p.form("letter", "5", &today), &resident).await;
    assert_eq!(by_resident.status, StatusCode::FORBIDDEN);
    let refused = s.app.call_signed("enter_paper_votes", &p.form("online", "vijf", &today), &s.lead).await;
    let mut problems = fields(&refused);
    problems.sort();
    assert_eq!(problems, ["channel".to_owned(), p.bos.clone()]);
    let desk = s.log_in(crate::consultations::DESK).await;
    let entered = s.app.call_signed("enter_paper_votes", &p.form("letter", "5", &today), &desk).await;
    assert_eq!(entered.status, StatusCode::OK, "{}", entered.body);
    let results = p.results().await;
    let bos_row = &results["questions"][0]["options"][0];
    assert_eq!(
        (bos_row["online"].as_i64(), bos_row["paper"].as_i64(), bos_row["total"].as_i64()),
        (Some(1), Some(5), Some(6))
    );
    assert_eq!(results["questions"][0]["paper_answered"], 8);
    assert_eq!(bos_row["per_mille"], 667, "6 of 9");
    assert_eq!(results["ballots"], 1, "paper votes are not online ballots");
    assert_eq!(results["paper"][0]["channel"], "Letter");
    assert_eq!(results["paper"][0]["votes"], 8);
    let audit = s.app.call("list_audit_log", &[("municipality", "duinwijk")], Some(&s.lead)).await;
    assert!(audit.body.contains("enter_paper_votes"), "recorded with who entered them");
}

#[tokio::test]
async fn a_batch_of_paper_votes_counts_once_however_often_its_form_arrives() {
    let p = PaperPoll::new().await;
    let s = &p.s;
    let today = day_from_today(0);
    let token = s.app.submission_token(&s.lead).await;
    let mut form = p.form("meeting", "5", &today);
    form.push(("submission_token", &token));
    let replies = s.app.call_in_parallel(50, "enter_paper_votes", &form, Some(&s.lead)).await;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::OK, "every repeat is answered as the first: {}", reply.body);
    }
    assert_eq!(p.batches().await, 1);
    let results = p.results().await;
    assert_eq!(results["questions"][0]["options"][0]["paper"], 5);
    assert_eq!(results["paper"].as_array().unwrap().len(), 1);
    let audit = s.app.call("list_audit_log", &[("municipality", "duinwijk")], Some(&s.lead)).await;
    assert_eq!(audit.body.matches("paper votes batch").count(), 1, "{}", audit.body);

    // The next form on the page has a token of its own: a second meeting is a second batch.
    assert_eq!(s.app.call_signed("enter_paper_votes", &form[..form.len() - 1], &s.lead).await.status, StatusCode::OK);
    assert_eq!(p.batches().await, 2);

    // Without a token, with a made-up one, or with someone else's, nothing is stored and the
    // form comes back with what was typed.
    let desk = s.log_in(crate::consultations::DESK).await;
    let theirs = s.app.submission_token(&desk).await;
    let forged = format!("{}.{}", chrono::Utc::now().timestamp(), "0".repeat(57));
    for bad in [None, Some(forged.as_str()), Some(theirs.as_str())] {
        let mut form = p.form("meeting", "5", &today);
        if let Some(token) = bad {
            form.push(("submission_token", token));
        }
        let refused = s.app.call("enter_paper_votes", &form, Some(&s.lead)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.json()["Validation"]["errors"][0]["problem"], "FormExpired");
        assert!(refused.body.contains("Stembus in het buurthuis"), "typed text comes back");
    }
    assert_eq!(p.batches().await, 2);
}

#[tokio::test]
async fn a_wrong_batch_is_withdrawn_with_a_reason_and_stays_listed() {
    let p = PaperPoll::new().await;
    let s = &p.s;
    let today = day_from_today(0);
    for count in ["5", "7"] {
        let entered = s.app.call_signed("enter_paper_votes", &p.form("meeting", count, &today), &s.lead).await;
        assert_eq!(entered.status, StatusCode::OK, "{}", entered.body);
    }
    let list = |cookie: String| {
        let app = &s.app;
        let poll = p.poll.clone();
        async move { app.call("list_paper_votes", &[("municipality", "duinwijk"), ("poll", &poll)], Some(&cookie)).await }
    };
    let listed = list(s.lead.clone()).await.json();
    let wrong = listed[1]["id"].as_i64().unwrap().to_string();
    assert_eq!(listed[1]["votes"], 10);
    let reason_field = format!("reason[{wrong}]");
    let withdraw = |reason: &'static str| {
        vec![
            ("municipality".to_owned(), "duinwijk".to_owned()),
            ("poll".to_owned(), p.poll.clone()),
            ("batch".to_owned(), wrong.clone()),
            (reason_field.clone(), reason.to_owned()),
        ]
    };
    let send = |form: Vec<(String, String)>, cookie: String| {
        let app = &s.app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call("withdraw_paper_votes", &form, Some(&cookie)).await
        }
    };
    // Residents may neither see the list nor withdraw; a withdrawal needs a reason.
    let resident = s.log_in(RESIDENT).await;
    assert_eq!(list(resident.clone()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(send(withdraw("Dubbel"), resident).await.status, StatusCode::FORBIDDEN);
    let without = send(withdraw("   "), s.lead.clone()).await;
    assert_eq!(fields(&without), std::slice::from_ref(&reason_field));
    // A batch of another poll is not found through this one.
    let mut sideways = withdraw("Dubbel");
    sideways[2].1 = "999999".to_owned();
    assert_eq!(send(sideways, s.lead.clone()).await.status, StatusCode::NOT_FOUND);

    // Fifty clicks at once withdraw it once: the first reason stands, one line in the audit log.
    let form = withdraw("Twee keer ingevoerd: dezelfde stembus");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for reply in s.app.call_in_parallel(50, "withdraw_paper_votes", &form, Some(&s.lead)).await {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert_eq!(poll_paper_withdrawal::Entity::find().count(&s.app.db).await.unwrap(), 1);
    let again = send(withdraw("Een andere reden"), s.lead.clone()).await;
    assert_eq!(again.status, StatusCode::OK, "withdrawing again changes nothing");
    let audit = s.app.call("list_audit_log", &[("municipality", "duinwijk")], Some(&s.lead)).await;
    assert_eq!(audit.body.matches("withdraw_paper_votes").count(), 1, "{}", audit.body);
    assert!(audit.body.contains("Twee keer ingevoerd: dezelfde stembus"));
    assert!(!audit.body.contains("Een andere reden"));

    // Out of the totals, still in the list, marked with the day and the reason, for everyone.
    let results = p.results().await;
    let bos = &results["questions"][0]["options"][0];
    assert_eq!((bos["paper"].as_i64(), bos["total"].as_i64()), (Some(5), Some(6)));
    assert_eq!(results["questions"][0]["paper_answered"], 8);
    assert_eq!(results["paper"].as_array().unwrap().len(), 2);
    assert_eq!(results["paper"][0]["withdrawn"], serde_json::Value::Null);
    assert_eq!(results["paper"][1]["withdrawn"]["reason"], "Twee keer ingevoerd: dezelfde stembus");
    assert_eq!(results["paper"][1]["withdrawn"]["on"], today);
    let open_data = s.app.get(&format!("/api/v1/duinwijk/polls/{}/results", p.poll), None).await;
    assert!(open_data.body.contains("Twee keer ingevoerd"), "{}", open_data.body);
    let page = s.app.get(&format!("/duinwijk/peilingen/{}", p.poll), None).await;
    assert!(page.body.contains("Ingetrokken op"), "the public page says so in words");
    assert!(page.body.contains("Twee keer ingevoerd: dezelfde stembus"));
    let csv = s.app.get(&format!("/api/v1/duinwijk/polls/{}/results.csv", p.poll), None).await;
    let water_line = csv.body.lines().find(|l| l.contains(",Water,")).unwrap_or_default().to_owned();
    assert!(water_line.contains(",0,3,3,"), "the CSV counts the one batch left: {}", csv.body);
}
