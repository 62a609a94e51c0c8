//! Retention that runs, with the app's clock moved instead of waiting: registrations never
//! confirmed go after a week, sent mail after a month, contact details of closed desk cases after
//! a year; once a day, by one app server only. (After-the-report retention: `reports::retention`.)

use crate::common::TestApp;
use app::domain::retention::{CLOSED_CASE_CONTACT_MONTHS, SENT_MAIL_DAYS, UNCONFIRMED_ACCOUNT_DAYS};
use app::server::entities::{desk_case, outbox_message, user};
use app::server::mail::Sender;
use app::server::retention::{run, run_daily};
use chrono::Duration;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const NEW: &str = "nooit-bevestigd@voorbeeld.example";

async fn exists(app: &TestApp, email: &str) -> bool {
    user::Entity::find().filter(user::Column::Email.eq(email)).count(&app.db).await.unwrap() == 1
}

#[tokio::test]
async fn registrations_never_confirmed_go_after_a_week_and_confirmed_accounts_stay() {
    let (app, _) = TestApp::seeded().await;
    let form = [
        ("email", NEW),
        ("display_name", "Nooit Bevestigd"),
        ("password", "een lange zin als wachtwoord"),
        ("birth_date", ""),
        ("area_id", ""),
        ("next", ""),
    ];
    assert_eq!(app.call("register", &form, None).await.status, StatusCode::OK);
    let accounts = user::Entity::find().count(&app.db).await.unwrap();
    app.state.clock.advance(Duration::days(UNCONFIRMED_ACCOUNT_DAYS) - Duration::hours(1));
    assert_eq!(run(&app.db, app.state.clock.now()).await.unwrap().unconfirmed_accounts, 0);
    assert!(exists(&app, NEW).await, "a week to confirm");
    app.state.clock.advance(Duration::hours(2));
    assert_eq!(run(&app.db, app.state.clock.now()).await.unwrap().unconfirmed_accounts, 1);
    assert!(!exists(&app, NEW).await);
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), accounts - 1, "only that one");
}

#[tokio::test]
async fn sent_mail_goes_after_a_month_and_mail_not_yet_sent_stays() {
    let (app, _) = TestApp::seeded().await;
    let reset = app.call("request_password_reset", &[("email", "inwoner@duinwijk.example")], None).await;
    assert_eq!(reset.status, StatusCode::OK);
    let sink = crate::common::smtp_sink::SmtpSink::start().await;
    let sender = Sender::new(&sink.url(), &app.config.mail_from).unwrap();
    while sender.send_due(&app.db, &app.state.clock).await.unwrap() > 0 {}
    // A mail queued later, to an address whose server is down: never sent, so kept to retry.
    app::server::mail::enqueue(
        &app.db,
        app::server::mail::Mail {
            to: "later@voorbeeld.example",
            subject: "Nog niet verstuurd",
            body: "…".into(),
            unsubscribe_url: None,
            erase_when_sent: false,
        },
    )
    .await
    .unwrap();
    let sent = || outbox_message::Entity::find().filter(outbox_message::Column::SentAt.is_not_null()).count(&app.db);
    assert!(sent().await.unwrap() > 0);
    app.state.clock.advance(Duration::days(SENT_MAIL_DAYS) - Duration::hours(1));
    assert_eq!(run(&app.db, app.state.clock.now()).await.unwrap().sent_mails, 0);
    app.state.clock.advance(Duration::hours(2));
    assert!(run(&app.db, app.state.clock.now()).await.unwrap().sent_mails > 0);
    assert_eq!(sent().await.unwrap(), 0);
    let waiting = outbox_message::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].recipient, "later@voorbeeld.example");
}

#[tokio::test]
async fn contact_details_of_a_closed_case_go_a_year_after_it_closed() {
    let d = crate::desk::Desk::new().await;
    let desk = d.log_in(crate::desk::DESK).await;
    let entered = d.at_counter(&desk).await;
    assert_eq!(entered.status, StatusCode::OK, "{}", entered.body);
    let closed = entered.body.trim().to_owned();
    let open = d
        .submit(
            &desk,
            &[
                ("on_behalf", "1"),
                ("channel", "phone"),
                ("contact_name", "Meneer Jansen"),
                ("contact_email", "j@voorbeeld.example"),
            ],
        )
        .await;
    let open = open.body.trim().to_owned();
    let moved = d.desk_call(&desk, "move_desk_case", &closed, &[("to", "closed")]).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let case = |id: &str| {
        let id = id.parse::<i32>().unwrap();
        let db = d.app.db.clone();
        async move { desk_case::Entity::find_by_id(id).one(&db).await.unwrap().unwrap() }
    };
    let clock = &d.app.state.clock;
    clock.advance(Duration::days(i64::from(CLOSED_CASE_CONTACT_MONTHS) * 30));
    run(&d.app.db, clock.now()).await.unwrap();
    assert!(case(&closed).await.contact_name.is_some(), "a year is counted in months");
    clock.advance(Duration::days(10));
    assert_eq!(run(&d.app.db, clock.now()).await.unwrap().closed_case_contact_details, 1);
    let gone = case(&closed).await;
    assert_eq!((gone.contact_name, gone.contact_email, gone.contact_phone), (None, None, None));
    assert_eq!(gone.title, "Buurtmoestuin Oosthoek", "the case itself stays");
    assert!(case(&open).await.contact_name.is_some(), "an open case keeps its way to answer");
}

/// Several app servers: each day one of them runs the job; the others see it ran.
#[tokio::test]
async fn the_daily_run_happens_once_a_day_whichever_server_gets_there_first() {
    let app = TestApp::new().await;
    let other = app.another_server();
    let now = app.state.clock.now();
    let (first, second) = tokio::join!(run_daily(&app.db, now), run_daily(&other.db, now));
    let ran = [first.unwrap().is_some(), second.unwrap().is_some()];
    assert_eq!(ran.iter().filter(|r| **r).count(), 1, "{ran:?}");
    app.state.clock.advance(Duration::hours(23));
    assert!(run_daily(&other.db, app.state.clock.now()).await.unwrap().is_none(), "not twice in a day");
    app.state.clock.advance(Duration::hours(2));
    assert!(run_daily(&other.db, app.state.clock.now()).await.unwrap().is_some(), "the next day again");
}
