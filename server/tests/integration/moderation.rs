//! Moderation through the real router: reports, the queue, hiding with a public reason, restoring,
//! unfounded reports, pre-moderation; only moderators of the comment's own municipality; every
//! decision in an audit log nobody can change; house rules by the administrator only; markup in
//! reasons and house rules never runs.

use crate::common::TestApp;
use crate::consultations::{comment, on_comment, open_consultation, view, XSS};
use crate::trajectories::{fields, lead_session};
use app::server::entities::{audit_event, input_report};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

const RESIDENT: &str = "inwoner@duinwijk.example";
const YOUNG: &str = "jongere@duinwijk.example";
const MODERATOR: &str = "moderator@duinwijk.example";
const OTHER_MODERATOR: &str = "moderator@polderveen.example";
const ADMIN: &str = "beheerder@duinwijk.example";

async fn moderate(app: &TestApp, cookie: &str, comment: &str, decision: &str, reason: &str) -> crate::common::Reply {
    app.call(
        "moderate_comment",
        &[("municipality", "duinwijk"), ("comment", comment), ("decision", decision), ("reason", reason)],
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn a_reported_comment_is_hidden_with_a_public_reason_and_logged() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    let rude = comment(&s.app, &consultation, &resident, &[("body", "Jullie zijn allemaal idioten.")]).await;
    let reply = comment(&s.app, &consultation, &young, &[("body", "Dat hoeft niet zo."), ("parent", &rude)]).await;

    let report = s
        .app
        .call(
            "report_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &rude), ("reason", XSS[0])],
            Some(&young),
        )
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let empty = s
        .app
        .call(
            "report_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &rude), ("reason", " ")],
            Some(&young),
        )
        .await;
    assert_eq!(fields(&empty), [format!("report_reason[{rude}]")]);

    let moderator = s.log_in(MODERATOR).await;
    let queue = s.app.call("list_moderation_queue", &[("municipality", "duinwijk")], Some(&moderator)).await.json();
    assert_eq!(queue[0]["comment"].as_i64().unwrap().to_string(), rude);
    assert_eq!(queue[0]["reports"][0]["reason"], XSS[0]);
    let page = s.app.get("/beheer/duinwijk/moderatie", Some(&moderator)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Jullie zijn allemaal idioten."));
    assert!(!page.body.contains("<script>document"), "a report's reason is text");

    let no_reason = moderate(&s.app, &moderator, &rude, "hide", "").await;
    assert_eq!(fields(&no_reason), [format!("hide_reason[{rude}]")], "hiding needs a reason");
    let hidden = moderate(&s.app, &moderator, &rude, "hide", XSS[1]).await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);

    let v = view(&s.app, &consultation, None).await;
    let placeholder = &v["discussion"]["comments"][0];
    assert_eq!(placeholder["status"], "Hidden");
    assert!(placeholder["body"].is_null());
    assert_eq!(placeholder["hidden_reason"], XSS[1]);
    assert_eq!(placeholder["replies"][0]["id"].as_i64().unwrap().to_string(), reply, "the thread stays readable");
    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    assert!(html.contains("verborgen door de moderator"));
    assert!(!html.contains("idioten"), "the hidden text is gone from the page");
    assert!(!html.contains("<img src=x"), "the reason is text");
    let open_data = s.app.get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments"), None).await.body;
    assert!(!open_data.contains("idioten"));
    assert!(open_data.contains("\"status\":\"hidden\""));

    let reports = input_report::Entity::find().all(&s.app.db).await.unwrap();
    assert_eq!(reports[0].status, "upheld");
    let log = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("moderate_comment"))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert!(
        log[0].details.contains(&format!("hide comment {rude}")) && log[0].details.contains("onerror"),
        "who, what and why: {}",
        log[0].details
    );
    let log_page = s.app.get("/beheer/duinwijk/logboek", Some(&s.lead)).await;
    assert_eq!(log_page.status, StatusCode::OK);
    assert!(log_page.body.contains("moderate_comment"));
    assert!(!log_page.body.contains("<img src=x"));
    assert!(!s.app.get("/beheer/duinwijk/logboek", Some(&resident)).await.body.contains("moderate_comment"));
    assert_eq!(
        s.app.call("list_audit_log", &[("municipality", "duinwijk")], Some(&resident)).await.status,
        StatusCode::FORBIDDEN
    );

    // Nobody can change the log, whatever path they take: the database refuses.
    assert!(s.app.db.execute_unprepared("UPDATE audit_events SET details = 'niets gebeurd'").await.is_err());
    assert!(s.app.db.execute_unprepared("DELETE FROM audit_events").await.is_err());

    let restored = moderate(&s.app, &moderator, &rude, "restore", "").await;
    assert_eq!(restored.status, StatusCode::OK);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["comments"][0]["status"], "Visible");
}

#[tokio::test]
async fn only_moderators_of_the_comments_municipality_moderate() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let target = comment(&s.app, &consultation, &resident, &[("body", "Gewone reactie.")]).await;
    for email in [RESIDENT, "projectleider@duinwijk.example", "loket@duinwijk.example", OTHER_MODERATOR] {
        let cookie = s.log_in(email).await;
        let reply = moderate(&s.app, &cookie, &target, "hide", "Weg ermee").await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{email}");
        let queue = s.app.call("list_moderation_queue", &[("municipality", "duinwijk")], Some(&cookie)).await;
        assert_eq!(queue.status, StatusCode::FORBIDDEN, "{email}");
    }
    // The moderator of Polderveen, through Polderveen's own address, does not find it at all.
    let other = s.log_in(OTHER_MODERATOR).await;
    let through_own = s
        .app
        .call(
            "moderate_comment",
            &[("municipality", "polderveen"), ("comment", &target), ("decision", "hide"), ("reason", "Weg")],
            Some(&other),
        )
        .await;
    assert_eq!(through_own.status, StatusCode::NOT_FOUND);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["comments"][0]["status"], "Visible");
    // A municipal administrator may moderate too.
    let admin = s.log_in(ADMIN).await;
    assert_eq!(moderate(&s.app, &admin, &target, "hide", "Test").await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_unfounded_report_leaves_the_comment_and_closes_the_report() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    let target = comment(&s.app, &consultation, &resident, &[("body", "Ik ben het er niet mee eens.")]).await;
    s.app
        .call(
            "report_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("comment", &target),
                ("reason", "Niet leuk"),
            ],
            Some(&young),
        )
        .await;
    let lead_report = s
        .app
        .call(
            "report_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("comment", &target),
                ("reason", "Ook gemeld"),
            ],
            Some(&s.lead),
        )
        .await;
    assert_eq!(lead_report.status, StatusCode::OK);
    let told: Vec<_> = app::server::entities::outbox_message::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject == "Een reactie is gemeld")
        .collect();
    assert_eq!(told.len(), 1, "the moderator hears of the first report only");
    assert_eq!(told[0].recipient, MODERATOR);
    let moderator = s.log_in(MODERATOR).await;
    assert_eq!(moderate(&s.app, &moderator, &target, "unfounded", "").await.status, StatusCode::OK);
    assert!(input_report::Entity::find().all(&s.app.db).await.unwrap().iter().all(|r| r.status == "unfounded"));
    let queue = s.app.call("list_moderation_queue", &[("municipality", "duinwijk")], Some(&moderator)).await.json();
    assert_eq!(queue.as_array().unwrap().len(), 0);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["comments"][0]["status"], "Visible");
    assert_eq!(
        moderate(&s.app, &moderator, &target, "restore", "").await.status,
        StatusCode::CONFLICT,
        "nothing to restore"
    );
}

#[tokio::test]
async fn house_rules_are_written_by_the_administrator_and_linked_from_the_form() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let form_page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await.body;
    assert!(form_page.contains("href=\"/duinwijk/huisregels\""));
    let default = s.app.get("/duinwijk/huisregels", None).await;
    assert_eq!(default.status, StatusCode::OK);
    assert!(default.body.contains("Blijf bij het onderwerp"));

    let text = format!("## Onze regels\n\nWees aardig. {}", XSS[0]);
    for email in ["projectleider@duinwijk.example", MODERATOR, RESIDENT] {
        let cookie = s.log_in(email).await;
        let refused = s
            .app
            .call("save_house_rules", &[("municipality", "duinwijk"), ("house_rules", &text)], Some(&cookie))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
    }
    let admin = s.log_in(ADMIN).await;
    let saved =
        s.app.call("save_house_rules", &[("municipality", "duinwijk"), ("house_rules", &text)], Some(&admin)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let page = s.app.get("/duinwijk/huisregels", None).await.body;
    assert!(page.contains("Wees aardig"));
    assert!(!page.contains("<script>document"));
    assert!(!s.app.get("/polderveen/huisregels", None).await.body.contains("Wees aardig"), "per municipality");
}

#[tokio::test]
async fn pre_moderated_comments_wait_in_the_queue_until_approved() {
    let s = lead_session().await;
    let trajectory = crate::consultations::published(&s, "Plein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = crate::consultations::add_consultation(&s, &trajectory, &[("pre_moderation", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    let waiting = comment(&s.app, &consultation, &resident, &[("body", "Wacht even.")]).await;
    let moderator = s.log_in(MODERATOR).await;
    let queue = s.app.call("list_moderation_queue", &[("municipality", "duinwijk")], Some(&moderator)).await.json();
    assert_eq!(queue[0]["status"], "Pending");
    assert_eq!(moderate(&s.app, &moderator, &waiting, "approve", "").await.status, StatusCode::OK);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["total"], 1);
}

/// An approved comment changed by its author goes back to the moderator before anyone else reads
/// the new text; in a consultation without pre-moderation an edit shows at once.
#[tokio::test]
async fn an_edit_of_an_approved_comment_waits_for_the_moderator_again() {
    let s = lead_session().await;
    let trajectory = crate::consultations::published(&s, "Plein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = crate::consultations::add_consultation(&s, &trajectory, &[("pre_moderation", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    let moderator = s.log_in(MODERATOR).await;
    let approved = comment(&s.app, &consultation, &resident, &[("body", "Een nette reactie.")]).await;
    assert_eq!(moderate(&s.app, &moderator, &approved, "approve", "").await.status, StatusCode::OK);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["total"], 1);

    let changed = [("body", "Iets heel anders, na de goedkeuring.")];
    let edited = on_comment(&s.app, "edit_comment", (&consultation, &approved), &changed, &resident).await;
    assert_eq!(edited.status, StatusCode::OK);
    let public = view(&s.app, &consultation, None).await;
    assert_eq!(public["discussion"]["total"], 0, "the new text is not public: {public}");
    assert!(!public.to_string().contains("Iets heel anders"));
    let queue = s.app.call("list_moderation_queue", &[("municipality", "duinwijk")], Some(&moderator)).await.json();
    assert!(queue.to_string().contains("Iets heel anders"), "{queue}");
    assert_eq!(moderate(&s.app, &moderator, &approved, "approve", "").await.status, StatusCode::OK);
    assert!(view(&s.app, &consultation, None).await.to_string().contains("Iets heel anders"));

    let (_, open) = crate::consultations::open_consultation(&s).await;
    let mine = comment(&s.app, &open, &resident, &[("body", "Eerste versie.")]).await;
    let edited = on_comment(&s.app, "edit_comment", (&open, &mine), &[("body", "Tweede versie.")], &resident).await;
    assert_eq!(edited.status, StatusCode::OK);
    assert!(view(&s.app, &open, None).await.to_string().contains("Tweede versie."));
}
