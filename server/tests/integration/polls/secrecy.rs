use super::*;
use crate::common::Captured;
use crate::trajectories::lead_session;
use app::server::entities::{audit_event, input, poll_voter};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

/// Everything stored about a poll's votes, as text: each row of every table that has one.
async fn stored_text(app: &TestApp, poll: &str) -> String {
    let backend = app.db.get_database_backend();
    let mut text = String::new();
    for table in ["poll_voters", "poll_tallies", "inputs", "audit_events", "outbox_messages"] {
        let sql = format!("SELECT * FROM {table}");
        for row in app.db.query_all_raw(Statement::from_string(backend, sql)).await.unwrap() {
            text.push_str(&format!("{table}: {row:?}\n"));
        }
    }
    text.push_str(&view(app, poll, None).await.to_string());
    text
}

#[tokio::test]
async fn nothing_links_a_secret_ballot_to_its_voter() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("secret", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(page["secret"], true);
    let unique_answer = "Een geheime wens: een kabelbaan";
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 2, unique_answer)).await.status, StatusCode::OK);
    assert_eq!(vote(&s.app, &poll, &young, &ballot(&page, 0, "")).await.status, StatusCode::OK);
    // That both voted is stored, with the day only and no choices.
    let voters = poll_voter::Entity::find()
        .filter(poll_voter::Column::ActivityId.eq(poll.parse::<i32>().unwrap()))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(voters.len(), 2);
    assert!(voters.iter().all(|v| v.ballot.is_none()), "a secret poll keeps no choices with the voter");
    // The choices exist only as counts.
    let tallies = tally_rows(&s.app, &poll).await;
    assert!(tallies.iter().all(|t| t.count >= 1));
    // The open answer is an input without author and without the moment of voting.
    let answers = input::Entity::find()
        .filter(input::Column::ActivityId.eq(poll.parse::<i32>().unwrap()))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].author_id, None);
    assert_eq!(answers[0].created_at, app::server::clock::start_of_dutch_day(app::server::clock::today()));
    assert_eq!(answers[0].submission_key, None);
    // No voter's id, name or e-mail appears next to a choice anywhere: not in the stored rows
    // besides the voter rows themselves, not in the audit log, not in mail, not on the page.
    let resident_id = user_id(&s.app, RESIDENT).await;
    let everything = stored_text(&s.app, &poll).await;
    for line in everything.lines().filter(|l| !l.starts_with("poll_voters:")) {
        assert!(!line.contains("Inwoner") && !line.contains(RESIDENT), "{line}");
        if line.contains(unique_answer) {
            assert!(!line.contains(&format!("author_id\": Int(Some({resident_id}))")), "{line}");
        }
    }
    let audit = audit_event::Entity::find().all(&s.app.db).await.unwrap();
    assert!(audit.iter().all(|e| !e.action.contains("vote")), "voting is not logged per person");
    // The page does not even tell the voter what they chose.
    let mine = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(mine["voted"], true);
    assert_eq!(mine["my_answers"], serde_json::Value::Null);
    // A secret ballot cannot be changed: that would need to know which ballot is whose.
    let again = vote(&s.app, &poll, &resident, &ballot(&page, 0, "")).await;
    assert!(again.body.contains("AlreadyVoted"), "{}", again.body);
}

#[tokio::test]
async fn voter_rows_are_not_kept_in_the_order_people_voted() {
    let s = lead_session().await;
    if s.app.db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
        // PostgreSQL keeps heap order; see the note on the migration. Nothing there is ordered
        // by an id or a moment either.
        return;
    }
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("secret", "on")]).await;
    // The account created last votes first.
    let young = s.log_in(YOUNG).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&young)).await;
    assert_eq!(vote(&s.app, &poll, &young, &ballot(&page, 0, "")).await.status, StatusCode::OK);
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 1, "")).await.status, StatusCode::OK);
    let backend = s.app.db.get_database_backend();
    let rows = s
        .app
        .db
        .query_all_raw(Statement::from_string(backend, "SELECT user_id FROM poll_voters".to_owned()))
        .await
        .unwrap();
    let order: Vec<i32> = rows.iter().map(|r| r.try_get::<i32>("", "user_id").unwrap()).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "stored by account, not by time of voting");
    let no_rowid =
        s.app.db.query_all_raw(Statement::from_string(backend, "SELECT rowid FROM poll_voters".to_owned())).await;
    assert!(no_rowid.is_err(), "a WITHOUT ROWID table has no hidden insertion counter");
}

/// Which log lines a request produces is process-wide state (the subscriber, the callsite
/// cache), which the other tests running in this binary change at any moment. So the vote is
/// cast in a process of its own, whose only subscriber is the one under test.
#[test]
fn no_log_line_says_who_cast_a_secret_ballot_or_what_it_was() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "polls::secrecy::a_secret_vote_logged_in_a_process_of_its_own"])
        .args(["--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("the test binary runs again");
    let printed = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{printed}");
    assert!(printed.contains("1 passed"), "the vote was cast and its log read: {printed}");
}

const CHILD: &str = "SAMENSPRAAK_LOG_SECRECY_PROCESS";

#[tokio::test]
#[ignore = "run by no_log_line_says_who_cast_a_secret_ballot_or_what_it_was, in a process of its own"]
async fn a_secret_vote_logged_in_a_process_of_its_own() {
    assert!(std::env::var_os(CHILD).is_some(), "only in the process that no_log_line_says… starts");
    // Everything the application and the HTTP layer log, down to trace level, with SQL kept out as
    // the server's default filter keeps it out; the only subscriber of this process.
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(format!(
            "{},tower_http=trace,app=trace,server=trace",
            server::LOG_FILTER
        )))
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the first subscriber of this process");
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("secret", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    let resident_id = user_id(&s.app, RESIDENT).await;
    captured.clear();
    let secret_wish = "Een geheime wens: een reuzenrad";
    let reply = vote(&s.app, &poll, &resident, &ballot(&page, 2, secret_wish)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let log = captured.text();
    assert!(log.contains("cast_vote"), "the request itself is logged, by path: {log}");
    let (_, options) = ids(&page, 0);
    for line in log.lines() {
        assert!(!line.contains(RESIDENT) && !line.contains(secret_wish), "{line}");
        assert!(!line.contains(&format!("user_id={resident_id}")), "{line}");
        assert!(!line.contains("INSERT") && !line.contains(&format!("choice[{}]", options[2])), "{line}");
    }
}
