//! Leaving: a person deletes their own account. Afterwards no text column of any table holds
//! their e-mail address or display name (scanned table by table, SQLite and PostgreSQL), what
//! they wrote stays as "Inwoner" (or is withdrawn where still open, if they chose so), their
//! desk case keeps its history without contact details, and a confirmation reaches the old
//! address and then leaves the outbox too.

use crate::common::smtp_sink::SmtpSink;
use crate::common::{password_of, TestApp};
use crate::consultations::{comment, open_consultation, view, DESK};
use crate::trajectories::{lead_session, Session};
use app::server::entities::{audit_event, desk_case, input, outbox_message};
use app::server::mail::Sender;
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement};

const RESIDENT: &str = "inwoner@duinwijk.example";
/// A name nothing else in the seeded world carries, so finding it anywhere means it was kept.
const NAME: &str = "Quirijn Zandvoort-Vertrekker";

/// Every table and column of the database, as the database itself lists them.
async fn columns(db: &impl ConnectionTrait) -> Vec<(String, String)> {
    let backend = db.get_database_backend();
    let rows = match backend {
        DbBackend::Sqlite => {
            let tables = db
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                ))
                .await
                .unwrap();
            let mut found = Vec::new();
            for table in tables {
                let table: String = table.try_get_by_index(0).unwrap();
                let info = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("SELECT name FROM pragma_table_info('{table}')"),
                    ))
                    .await
                    .unwrap();
                for column in info {
                    found.push((table.clone(), column.try_get_by_index::<String>(0).unwrap()));
                }
            }
            found
        }
        _ => db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c \
                 JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema \
                 WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'",
            ))
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.try_get_by_index(0).unwrap(), r.try_get_by_index(1).unwrap()))
            .collect(),
    };
    assert!(rows.len() > 100, "every table is listed: {}", rows.len());
    rows
}

/// The places (`table.column`) where `needle` is found, in any case, in any column's text.
async fn found_in_database(db: &impl ConnectionTrait, needle: &str) -> Vec<String> {
    let backend = db.get_database_backend();
    let mut places = Vec::new();
    for (table, column) in columns(db).await {
        let sql = format!(
            "SELECT COUNT(*) FROM \"{table}\" WHERE LOWER(CAST(\"{column}\" AS TEXT)) LIKE {}",
            if backend == DbBackend::Sqlite { "?" } else { "$1" }
        );
        let pattern = format!("%{}%", needle.to_lowercase());
        let row =
            db.query_one_raw(Statement::from_sql_and_values(backend, sql, [pattern.into()])).await.unwrap().unwrap();
        let count: i64 = row.try_get_by_index(0).unwrap();
        if count > 0 {
            places.push(format!("{table}.{column}"));
        }
    }
    places
}

/// Confirms the password again, which opens deleting the account for ten minutes.
async fn confirm(app: &TestApp, cookie: &str, password: &str) {
    let confirmed = app.call("confirm_password", &[("password", password)], Some(cookie)).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
}

/// A resident with a distinctive name who commented, brought an initiative to the desk, got a
/// message from the desk and asked for a password reset: mail, tokens and contact details.
async fn resident_with_history(s: &Session) -> (String, String, String) {
    let app = &s.app;
    let (_, consultation) = open_consultation(s).await;
    let me = app.log_in(RESIDENT, password_of(&s.accounts, RESIDENT)).await;
    let renamed = app.call("change_display_name", &[("display_name", NAME)], Some(&me)).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    comment(app, &consultation, &me, &[("body", "Graag meer bomen langs de kade.")]).await;
    let form = app.call("get_initiative_form", &[("municipality", "duinwijk")], Some(&me)).await.json();
    let token = form["submission_token"].as_str().unwrap().to_owned();
    let area = form["areas"][1]["id"].as_i64().unwrap().to_string();
    let fields = crate::desk::initiative_form(&token, &area, &[("title", "Bankjes aan de kade")]);
    let case = app.call("submit_initiative", &fields, Some(&me)).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.body);
    let case = case.body.trim().to_owned();
    let desk = app.log_in(DESK, password_of(&s.accounts, DESK)).await;
    let page = app.call("get_desk_case", &[("municipality", "duinwijk"), ("id", &case)], Some(&desk)).await.json();
    let token = page["case"]["submission_token"].as_str().unwrap().to_owned();
    let fields = [
        ("municipality", "duinwijk"),
        ("id", case.as_str()),
        ("submission_token", token.as_str()),
        ("body", "Dank je wel! Waar precies aan de kade?"),
        ("then", "ask"),
    ];
    let asked = app.call("message_initiator", &fields, Some(&desk)).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let reset = app.call("request_password_reset", &[("email", RESIDENT)], None).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    (me, consultation, case)
}

#[tokio::test]
async fn a_deleted_account_leaves_no_trace_of_its_address_or_name_and_its_input_stays() {
    let s = lead_session().await;
    let app = &s.app;
    let (me, consultation, case) = resident_with_history(&s).await;
    for needle in [RESIDENT, NAME] {
        assert!(!found_in_database(&app.db, needle).await.is_empty(), "the scan finds {needle} before");
    }

    let unconfirmed = app.call("delete_account", &[], Some(&me)).await;
    assert_eq!(unconfirmed.status, StatusCode::FORBIDDEN, "{}", unconfirmed.body);
    let wrong = app.call("confirm_password", &[("password", "niet-mijn-wachtwoord")], Some(&me)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert_eq!(app.call("delete_account", &[], Some(&me)).await.status, StatusCode::FORBIDDEN);
    assert!(!found_in_database(&app.db, RESIDENT).await.is_empty(), "a wrong password deletes nothing");

    confirm(app, &me, password_of(&s.accounts, RESIDENT)).await;
    let deleted = app.call("delete_account", &[], Some(&me)).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let after = app.call("current_account", &[], Some(&me)).await;
    assert_eq!(after.json(), serde_json::Value::Null, "the session ended with the account");

    // The confirmation waits in the outbox for the old address, and is gone once sent.
    let waiting = outbox_message::Entity::find().all(&app.db).await.unwrap();
    let goodbye: Vec<_> = waiting.iter().filter(|m| m.recipient == RESIDENT).collect();
    assert_eq!(goodbye.len(), 1, "only the confirmation is left for the address");
    assert!(goodbye[0].subject.contains("verwijderd") && !goodbye[0].body_text.contains(NAME));
    let sink = SmtpSink::start().await;
    let sender = Sender::new(&sink.url(), &app.config.mail_from).unwrap();
    while sender.send_due(&app.db, &app.state.clock).await.unwrap() > 0 {}
    assert!(sink.all().iter().any(|m| m.contains(RESIDENT) && m.contains("verwijderd")), "the confirmation was sent");

    for needle in [RESIDENT, NAME] {
        let places = found_in_database(&app.db, needle).await;
        assert!(places.is_empty(), "{needle} is still in {places:?}");
    }

    // The comment stays, without a name; the case keeps its history without contact details.
    let discussion = view(app, &consultation, None).await;
    let text = discussion.to_string();
    assert!(text.contains("Graag meer bomen langs de kade."), "the comment stays");
    assert!(text.contains("Removed"), "shown as a resident whose account is gone: {text}");
    let case = desk_case::Entity::find_by_id(case.parse::<i32>().unwrap()).one(&app.db).await.unwrap().unwrap();
    assert_eq!((case.initiator_id, case.contact_email.clone(), case.contact_name.clone()), (None, None, None));
    let page = app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await;
    assert!(page.body.contains("Inwoner (account verwijderd)"));
    let audit = audit_event::Entity::find().filter(audit_event::Column::Action.eq("delete_account")).all(&app.db).await;
    assert_eq!(audit.unwrap().len(), 1, "the deletion is in the audit log, without the person");
}

#[tokio::test]
async fn comments_where_participation_is_open_are_withdrawn_when_chosen() {
    let s = lead_session().await;
    let app = &s.app;
    let (_, consultation) = open_consultation(&s).await;
    let me = app.log_in(RESIDENT, password_of(&s.accounts, RESIDENT)).await;
    comment(app, &consultation, &me, &[("body", "Trek deze in als ik vertrek.")]).await;
    confirm(app, &me, password_of(&s.accounts, RESIDENT)).await;
    let deleted = app.call("delete_account", &[("withdraw_open", "on")], Some(&me)).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let row = input::Entity::find()
        .filter(input::Column::Body.eq("Trek deze in als ik vertrek."))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.status.as_str(), row.author_id), ("withdrawn", None));
    let mail = outbox_message::Entity::find().filter(outbox_message::Column::Recipient.eq(RESIDENT)).all(&app.db).await;
    assert!(mail.unwrap()[0].body_text.contains("1 reactie(s)"), "the confirmation says what was withdrawn");
}

/// Fifty deletions of one account at once: one deletes it, one confirmation, one audit entry;
/// the others are refused without harm.
#[tokio::test]
async fn deleting_an_account_fifty_times_at_once_deletes_it_once() {
    let (app, accounts): (TestApp, _) = TestApp::seeded().await;
    let me = app.log_in(RESIDENT, password_of(&accounts, RESIDENT)).await;
    confirm(&app, &me, password_of(&accounts, RESIDENT)).await;
    let replies = app.call_in_parallel(50, "delete_account", &[], Some(&me)).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| [200, 401].contains(s)), "{statuses:?}");
    let mail = outbox_message::Entity::find().filter(outbox_message::Column::Recipient.eq(RESIDENT)).all(&app.db).await;
    assert_eq!(mail.unwrap().len(), 1);
    let audit = audit_event::Entity::find().filter(audit_event::Column::Action.eq("delete_account")).all(&app.db).await;
    assert_eq!(audit.unwrap().len(), 1);
}
