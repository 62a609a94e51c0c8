//! Bringing an initiative in: a case number at once and a confirming e-mail, one case per
//! submission token however many requests arrive, refusals that keep what was typed, and a desk
//! officer entering one for someone at the counter.

use super::*;
use crate::trajectories::fields;
use app::domain::working_days::deadline;
use app::server::entities::{audit_event, desk_case};
use chrono::Datelike;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn a_resident_gets_a_case_number_at_once_and_a_mail_confirming_it() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[]).await;
    let case = d.mine(&resident, &id).await.json();
    let today = app::server::clock::today();
    assert_eq!(case["number"], format!("DU-{}-0001", today.year()));
    assert_eq!(case["status"], "Received");
    assert_eq!(case["received_on"], today.to_string());
    assert_eq!(case["acknowledge_by"], deadline(today, 2, &[]).unwrap().to_string(), "default norm: 2 working days");
    assert_eq!(case["answer_by"], deadline(today, 10, &[]).unwrap().to_string(), "default norm: 10 working days");
    assert_eq!(case["support_asked"], serde_json::json!(["advice", "fund"]));
    let mails = d.outbox().await;
    let (to, text) = mails.last().unwrap();
    assert_eq!(to, RESIDENT);
    assert!(text.contains(&format!("DU-{}-0001", today.year())), "{text}");
    assert!(text.contains(&format!("/account/zaken/{id}")), "{text}");
    // The account page lists it; the next case gets the next number.
    let list = d.app.call("list_my_cases", &[], Some(&resident)).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let second = d.case(&resident, &[("title", "Bankje bij de bushalte"), ("kind", "idea")]).await;
    assert_eq!(d.mine(&resident, &second).await.json()["number"], format!("DU-{}-0002", today.year()));
    let audited =
        audit_event::Entity::find().filter(audit_event::Column::Action.eq("submit_initiative")).count(&d.app.db).await;
    assert_eq!(audited.unwrap(), 2);
}

#[tokio::test]
async fn fifty_identical_requests_at_once_make_one_case() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let token = d.form(Some(&resident)).await["submission_token"].as_str().unwrap().to_owned();
    let area = d.area().await;
    let form = initiative_form(&token, &area, &[("title", "Dubbel geklikt")]);
    let replies = d.app.call_in_parallel(50, "submit_initiative", &form, Some(&resident)).await;
    let ids: std::collections::HashSet<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body.trim().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1, "every request is answered with the same case");
    let stored = desk_case::Entity::find().count(&d.app.db).await.unwrap();
    assert_eq!(stored, 1);
    let mails = d.outbox().await.into_iter().filter(|(_, t)| t.contains("Dubbel geklikt")).count();
    assert_eq!(mails, 1, "one confirmation");
    // The number was not used up by the refused duplicates.
    let next = d.case(&resident, &[("title", "Het volgende")]).await;
    assert!(d.mine(&resident, &next).await.json()["number"].as_str().unwrap().ends_with("-0002"));
}

#[tokio::test]
async fn bad_input_is_refused_at_its_field_and_comes_back_as_typed() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let long = "x".repeat(5001);
    let reply = d
        .submit(
            &resident,
            &[("kind", "petitie"), ("title", "  "), ("description", &long), ("area", "99999"), ("support[]", "geld")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    let mut refused = fields(&reply);
    refused.sort();
    assert_eq!(refused, ["area", "description", "kind", "support", "title"]);
    assert!(reply.body.contains("petitie") && reply.body.contains(&long[..100]), "what was typed comes back");
    assert_eq!(desk_case::Entity::find().count(&d.app.db).await.unwrap(), 0, "nothing stored");
    // A made-up token is refused as well, with the text kept.
    let area = d.area().await;
    let reply = d.submit_with(&resident, "1.abc.def", &area, &[]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("Buurtmoestuin Oosthoek"));
}

#[tokio::test]
async fn whether_an_initiative_is_public_is_asked_never_assumed() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    for unanswered in ["", "misschien"] {
        let reply = d.submit(&resident, &[("public", unanswered)]).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
        assert_eq!(fields(&reply), ["public"]);
    }
    assert_eq!(desk_case::Entity::find().count(&d.app.db).await.unwrap(), 0, "nothing stored");
    let kept = d.submit(&resident, &[("public", "nee")]).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let row = desk_case::Entity::find().one(&d.app.db).await.unwrap().unwrap();
    assert!(!row.public, "kept from the public register as chosen");
}

#[tokio::test]
async fn signing_in_comes_first_and_only_the_desk_enters_for_someone_else() {
    let d = Desk::new().await;
    let area = d.area().await;
    let anonymous = d.app.call("submit_initiative", &initiative_form("x", &area, &[]), None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(d.form(None).await["submission_token"].is_null(), "no token without an account");

    let resident = d.log_in(RESIDENT).await;
    let pretending = d.submit(&resident, &[("on_behalf", "1"), ("channel", "counter"), ("contact_name", "X")]).await;
    assert_eq!(pretending.status, StatusCode::FORBIDDEN);

    let desk = d.log_in(DESK).await;
    assert_eq!(d.form(Some(&desk)).await["may_enter_for_others"], true);
    let missing = d.submit(&desk, &[("on_behalf", "1"), ("channel", "phone")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut refused = fields(&missing);
    refused.sort();
    assert_eq!(refused, ["contact_email", "contact_name"], "a name and a way to answer");

    let entered = d.at_counter(&desk).await;
    assert_eq!(entered.status, StatusCode::OK, "{}", entered.body);
    let id = entered.body.trim().to_owned();
    let row = desk_case::Entity::find_by_id(id.parse::<i32>().unwrap()).one(&d.app.db).await.unwrap().unwrap();
    assert_eq!((row.channel.as_str(), row.initiator_id, row.public), ("counter", None, false));
    assert!(row.entered_by.is_some());
    let case = d.at_desk(&desk, &id).await;
    assert_eq!(case["contact"]["name"], "Mevrouw De Vries");
    assert_eq!(case["contact"]["has_account"], false);
    let mails = d.outbox().await;
    assert!(mails.iter().any(|(to, _)| to == "devries@voorbeeld.example"), "the confirmation goes to her");
}

#[tokio::test]
async fn residents_see_only_their_own_cases_and_desks_only_their_municipality() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[("public", "nee")]).await;
    let other = d.log_in(OTHER_RESIDENT).await;
    assert_eq!(d.mine(&other, &id).await.status, StatusCode::NOT_FOUND);
    assert_eq!(d.mine(&resident, &id).await.status, StatusCode::OK);
    let reply =
        d.app.call("reply_to_desk", &[("case", &id), ("submission_token", "x"), ("body", "Ik")], Some(&other)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    let other_desk = d.log_in(OTHER_DESK).await;
    let reply = d.app.call("get_desk_case", &[("municipality", "duinwijk"), ("id", &id)], Some(&other_desk)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "Polderveen's desk does not work Duinwijk's cases");
    let reply = d.app.call("get_desk_case", &[("municipality", "polderveen"), ("id", &id)], Some(&other_desk)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "nor finds them through its own municipality");
    let reply = d.app.call("list_desk_queue", &[("municipality", "duinwijk")], Some(&resident)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let lead = d.log_in("projectleider@duinwijk.example").await;
    let reply = d.app.call("list_desk_queue", &[("municipality", "duinwijk")], Some(&lead)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "project leads do not work the desk");
}
