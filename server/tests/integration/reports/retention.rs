//! Retention after the report: the names and contact details of people whose input staff entered
//! go the number of months after the report's first publication that the rules of play promised;
//! the input and the report stay, reading as from an anonymous resident.

use super::*;
use app::server::entities::{input, report, rules_of_play};
use sea_orm::sea_query::Expr;

async fn named_inputs(w: &World) -> usize {
    input::Entity::find()
        .filter(input::Column::TrajectoryId.eq(w.parking))
        .all(&w.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.on_behalf_name.is_some() || i.contact.is_some() || i.contact_consent)
        .count()
}

#[tokio::test]
async fn names_and_contact_details_of_offline_input_go_when_the_rules_of_play_said() {
    let w = World::new().await;
    // The demo's phone call, as staff note one: with the caller's name and number, and their
    // consent to be told what became of it.
    let call = input::Entity::find()
        .filter(input::Column::TrajectoryId.eq(w.parking))
        .filter(input::Column::Channel.eq("phone"))
        .one(&w.app.db)
        .await
        .unwrap()
        .expect("the demo has a phone call");
    input::Entity::update_many()
        .col_expr(input::Column::OnBehalfName, Expr::value("Mevrouw Bakker"))
        .col_expr(input::Column::Contact, Expr::value("06-12345678"))
        .col_expr(input::Column::ContactConsent, Expr::value(true))
        .filter(input::Column::Id.eq(call.id))
        .exec(&w.app.db)
        .await
        .unwrap();
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "not_adopted"), ("reason", "Nee.")]).await;
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);
    let before = w.report(&[("page", "alle")]).await;
    assert_eq!(named_inputs(&w).await, 1);
    let published = report::Entity::find().filter(report::Column::TrajectoryId.eq(w.parking)).one(&w.app.db).await;
    let rules = rules_of_play::Entity::find_by_id(published.unwrap().unwrap().rules_id).one(&w.app.db).await;
    let months = rules.unwrap().unwrap().retention_months.expect("the demo's rules state a period");

    let clock = &w.app.state.clock;
    clock.advance(chrono::Duration::days(i64::from(months) * 30 - 5));
    app::server::retention::run(&w.app.db, clock.now()).await.unwrap();
    assert!(named_inputs(&w).await > 0, "kept until the period is over");
    clock.advance(chrono::Duration::days(i64::from(months) / 2 + 10));
    let removed = app::server::retention::run(&w.app.db, clock.now()).await.unwrap();
    assert!(removed.offline_contact_details > 0);
    assert_eq!(named_inputs(&w).await, 0, "no name or contact detail left");
    let again = app::server::retention::run(&w.app.db, clock.now()).await.unwrap();
    assert_eq!(again.offline_contact_details, 0, "a second run finds nothing more");

    let after = w.report(&[("page", "alle")]).await;
    assert_eq!(after["item_count"], before["item_count"], "the report keeps every input");
    assert!(!after.to_string().contains("Mevrouw Bakker"), "and reads without her name");
}
