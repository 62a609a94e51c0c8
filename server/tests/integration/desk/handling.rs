//! The desk at work: acknowledging, asking the initiator (the clock stands still until they
//! answer), answering, closing, forwarding; the queue's filters on the derived deadlines; and the
//! reminders about deadlines, each sent once.

use super::*;
use app::domain::working_days::{deadline, is_working_day};
use app::server::entities::{desk_case, desk_case_step};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};

/// The working day `n` working days before today.
fn working_days_ago(n: u32) -> NaiveDate {
    let mut day = app::server::clock::today();
    let mut left = n;
    while left > 0 {
        day = day.pred_opt().unwrap();
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// Moves a case (and its first step) back to an earlier day and derives its deadlines again.
pub(crate) async fn received_on(d: &Desk, id: &str, day: NaiveDate) {
    let id: i32 = id.parse().unwrap();
    desk_case::Entity::update_many()
        .col_expr(desk_case::Column::ReceivedOn, Expr::value(day))
        .filter(desk_case::Column::Id.eq(id))
        .exec(&d.app.db)
        .await
        .unwrap();
    desk_case_step::Entity::update_many()
        .col_expr(desk_case_step::Column::TakenOn, Expr::value(day))
        .filter(desk_case_step::Column::CaseId.eq(id))
        .exec(&d.app.db)
        .await
        .unwrap();
    app::server::desk::cases::rederive(&d.app.db, id).await.unwrap();
}

#[tokio::test]
async fn a_case_goes_through_its_steps_and_the_clock_stands_still_while_the_desk_waits() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let id = d.case(&resident, &[]).await;
    let today = app::server::clock::today();

    let acknowledged = d.desk_call(&desk, "move_desk_case", &id, &[("to", "acknowledged")]).await;
    assert_eq!(acknowledged.status, StatusCode::OK, "{}", acknowledged.body);
    let case = d.mine(&resident, &id).await.json();
    assert_eq!(case["status"], "Acknowledged");
    assert_eq!(case["acknowledged_on"], today.to_string());
    assert!(d.outbox().await.iter().any(|(to, t)| to == RESIDENT && t.contains("bekeken")));

    let asked = d.message(&desk, &id, "Hoeveel buren doen mee?", "ask").await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let case = d.mine(&resident, &id).await.json();
    assert_eq!(case["status"], "WaitingForInitiator");
    assert!(case["answer_by"].is_null(), "the clock stands still: {case}");
    assert_eq!(case["messages"][0]["body"], "Hoeveel buren doen mee?");
    assert_eq!(case["messages"][0]["from_desk"], true);
    assert_eq!(
        d.at_desk(&desk, &id).await["owner"][1],
        "Medewerker loket Duinwijk",
        "asking took the case in progress with its asker"
    );
    let (to, text) = d.outbox().await.pop().unwrap();
    assert_eq!(to, RESIDENT);
    assert!(text.contains("Hoeveel buren doen mee?"), "{text}");

    let token = case["submission_token"].as_str().unwrap().to_owned();
    let answered = d
        .app
        .call(
            "reply_to_desk",
            &[("case", &id), ("submission_token", &token), ("body", "Twaalf buren.")],
            Some(&resident),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    let case = d.mine(&resident, &id).await.json();
    assert_eq!(case["status"], "InProgress", "the answer sets the clock going again");
    // Asked and answered on the same day: that day still counts, so the deadline is unchanged.
    assert_eq!(case["answer_by"], deadline(today, 10, &[]).unwrap().to_string());

    let answer = d.message(&desk, &id, "Goed plan. We dragen 500 euro bij uit het initiatievenfonds.", "answer").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let closed = d.desk_call(&desk, "move_desk_case", &id, &[("to", "closed")]).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    let case = d.mine(&resident, &id).await.json();
    assert_eq!(case["status"], "Closed");
    assert_eq!(case["answered_on"], today.to_string());
    let steps: Vec<_> = case["steps"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert_eq!(
        steps,
        ["Received", "Acknowledged", "InProgress", "WaitingForInitiator", "InProgress", "Answered", "Closed"]
    );
    let bodies: Vec<_> = case["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies.len(), 3);
    assert_eq!(case["messages"][1]["author"], "Sam");

    // A closed case takes no more steps or answers.
    let again = d.desk_call(&desk, "move_desk_case", &id, &[("to", "in_progress")]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    let late = d.message(&desk, &id, "Nog iets", "").await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_pause_over_a_weekend_moves_the_answer_deadline() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let id = d.case(&resident, &[]).await;
    let asked = d.message(&desk, &id, "Welk veld bedoel je?", "ask").await;
    assert_eq!(asked.status, StatusCode::OK);
    // Received and asked on Thursday 5 November 2026; answered on Tuesday 10 November.
    let thursday = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let tuesday = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    received_on(&d, &id, thursday).await;
    let token = d.mine(&resident, &id).await.json()["submission_token"].as_str().unwrap().to_owned();
    d.app
        .call(
            "reply_to_desk",
            &[("case", &id), ("submission_token", &token), ("body", "Het veld achter de school.")],
            Some(&resident),
        )
        .await;
    // The answer (the last step) came on the Tuesday.
    let n: i32 = id.parse().unwrap();
    let last = app::server::desk::cases::steps(&d.app.db, n).await.unwrap().pop().unwrap();
    assert_eq!(last.status, "in_progress");
    desk_case_step::Entity::update_many()
        .col_expr(desk_case_step::Column::TakenOn, Expr::value(tuesday))
        .filter(desk_case_step::Column::Id.eq(last.id))
        .exec(&d.app.db)
        .await
        .unwrap();
    app::server::desk::cases::rederive(&d.app.db, n).await.unwrap();
    let case = d.mine(&resident, &id).await.json();
    // Without the pause: Thursday + 10 working days = Thursday 19 November. The clock stood
    // still from Thursday to Monday: Friday and Monday do not count (the weekend never does), so
    // the answer is due two working days later.
    assert_eq!(deadline(thursday, 10, &[]).unwrap().to_string(), "2026-11-19");
    assert_eq!(case["answer_by"], "2026-11-23", "{case}");
}

#[tokio::test]
async fn the_queue_filters_on_status_owner_area_and_deadlines() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let fresh = d.case(&resident, &[("title", "Vers binnen")]).await;
    let late = d.case(&resident, &[("title", "Te laat")]).await;
    let due = d.case(&resident, &[("title", "Bijna")]).await;
    let done = d.case(&resident, &[("title", "Klaar")]).await;
    received_on(&d, &late, working_days_ago(5)).await;
    // Acknowledged in time; the answer is due within two working days.
    received_on(&d, &due, working_days_ago(9)).await;
    let n: i32 = due.parse().unwrap();
    desk_case::Entity::update_many()
        .col_expr(desk_case::Column::AcknowledgedOn, Expr::value(working_days_ago(9)))
        .filter(desk_case::Column::Id.eq(n))
        .exec(&d.app.db)
        .await
        .unwrap();
    d.message(&desk, &done, "Dank je, dit is geregeld.", "answer").await;
    d.desk_call(&desk, "move_desk_case", &done, &[("to", "closed")]).await;

    let titles = |queue: &serde_json::Value| -> Vec<String> {
        queue["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect()
    };
    let open = d.queue(&desk, &[]).await;
    assert_eq!(titles(&open), ["Bijna", "Te laat", "Vers binnen"], "open cases, oldest first");
    assert_eq!(open["overdue_total"], 1);
    assert_eq!(open["items"][1]["overdue"], true);
    assert_eq!(open["items"][0]["overdue"], false);
    assert_eq!(titles(&d.queue(&desk, &[("due", "te-laat")]).await), ["Te laat"]);
    assert_eq!(titles(&d.queue(&desk, &[("due", "binnenkort")]).await), ["Bijna", "Vers binnen"]);
    assert_eq!(titles(&d.queue(&desk, &[("status", "closed")]).await), ["Klaar"]);
    assert_eq!(d.queue(&desk, &[("status", "alle")]).await["total"], 4);
    assert_eq!(titles(&d.queue(&desk, &[("owner", "ik")]).await), Vec::<String>::new(), "closed: not open");
    assert_eq!(titles(&d.queue(&desk, &[("owner", "niemand")]).await), ["Bijna", "Te laat", "Vers binnen"]);
    let officers = d.queue(&desk, &[]).await["officers"].clone();
    let kim = officers.as_array().unwrap().iter().find(|o| o[1] == "Medewerker loket Duinwijk").unwrap()[0].to_string();
    let assigned = d.desk_call(&desk, "assign_desk_case", &fresh, &[("owner", &kim)]).await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_eq!(titles(&d.queue(&desk, &[("owner", "ik")]).await), ["Vers binnen"]);
    assert_eq!(d.at_desk(&desk, &fresh).await["case"]["status"], "InProgress");
    assert_eq!(d.queue(&desk, &[("area", "noordduin")]).await["total"], 3, "the open cases are in Noordduin");
    assert_eq!(d.queue(&desk, &[("area", "zeedorp")]).await["total"], 0);
    let refused = d.desk_call(&desk, "assign_desk_case", &fresh, &[("owner", "999999")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "only the desk's people");
}

#[tokio::test]
async fn reminders_about_deadlines_go_out_once() {
    use app::server::desk::reminders::send_due;
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[("title", "Vergeten zaak")]).await;
    received_on(&d, &id, working_days_ago(12)).await;
    let now = d.app.state.clock.now();
    let before = d.outbox().await.len();
    let sent = send_due(&d.app.db, "http://localhost", now).await.unwrap();
    assert!(sent >= 2, "acknowledgement and answer passed: {sent}");
    let mails = d.outbox().await.split_off(before);
    assert!(mails.iter().all(|(to, _)| to == DESK), "nobody owns it and there is no coordinator: the desk officers");
    assert!(mails.iter().any(|(_, t)| t.contains("niet op tijd bevestigd")));
    assert!(mails.iter().any(|(_, t)| t.contains("Het antwoord is te laat")));
    assert_eq!(send_due(&d.app.db, "http://localhost", now).await.unwrap(), 0, "once");
}

#[tokio::test]
async fn forwarding_names_a_trajectory_of_the_municipality() {
    let s = crate::trajectories::lead_session().await;
    let trajectory = s.create_published("Groen in de wijk", &[], "meedenken").await;
    let d = Desk { app: s.app, accounts: s.accounts };
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let id = d.case(&resident, &[]).await;
    let case = d.at_desk(&desk, &id).await;
    assert!(case["trajectories"].as_array().unwrap().iter().any(|t| t[0].as_i64() == trajectory.parse().ok()));
    let missing = d.desk_call(&desk, "move_desk_case", &id, &[("to", "forwarded")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let forwarded =
        d.desk_call(&desk, "move_desk_case", &id, &[("to", "forwarded"), ("trajectory", &trajectory)]).await;
    assert_eq!(forwarded.status, StatusCode::OK, "{}", forwarded.body);
    let case = d.mine(&resident, &id).await.json();
    assert_eq!(case["status"], "Forwarded");
    assert_eq!(case["forwarded_to"][1], "Groen in de wijk");
    assert!(d.outbox().await.iter().any(|(to, t)| to == RESIDENT && t.contains(&format!("/trajecten/{trajectory}"))));
}

/// Every page of a filter of the queue, one after another, lists each case it finds once, oldest
/// first, as the database orders them (cases received on the same day and moment included).
#[tokio::test]
async fn the_queue_pages_through_every_case_once_in_order() {
    let d = Desk::new().await;
    let desk = d.log_in(DESK).await;
    server::demo_desk::seed_load(&d.app.db, "duinwijk", 120).await.unwrap();
    let municipality = app::server::entities::municipality::Entity::find()
        .filter(app::server::entities::municipality::Column::Slug.eq("duinwijk"))
        .one(&d.app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    for (filters, status) in [(vec![("status", "alle")], None), (vec![("status", "closed")], Some("closed"))] {
        let expected: Vec<String> = desk_case::Entity::find()
            .filter(desk_case::Column::MunicipalityId.eq(municipality))
            .apply_if(status, |q, s| q.filter(desk_case::Column::Status.eq(s)))
            .order_by_asc(desk_case::Column::ReceivedOn)
            .order_by_asc(desk_case::Column::ReceivedAt)
            .order_by_asc(desk_case::Column::Id)
            .all(&d.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.number)
            .collect();
        let first = d.queue(&desk, &filters).await;
        assert_eq!(first["total"], expected.len() as u64, "{filters:?}");
        let pages = first["pages"].as_u64().unwrap();
        assert!(status.is_some() || pages >= 4, "enough cases for several pages: {pages}");
        let mut listed = Vec::new();
        for page in 1..=pages {
            let p = page.to_string();
            let mut with_page = filters.clone();
            with_page.push(("page", &p));
            let queue = d.queue(&desk, &with_page).await;
            listed.extend(queue["items"].as_array().unwrap().iter().map(|i| i["number"].as_str().unwrap().to_owned()));
        }
        assert_eq!(listed, expected, "{filters:?}");
    }
}
