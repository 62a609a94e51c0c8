//! A server and its database at start: servers that start together after an upgrade migrate the
//! database once, a server that does not migrate refuses a schema that is behind it, and the
//! connection settings hold.

use crate::common::{fresh_database, TempDir};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};
use server::schema;

async fn database() -> (TempDir, String, sea_orm::DatabaseConnection) {
    let dir = std::env::temp_dir().join(format!("samenspraak-schema-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let (url, db) = fresh_database(&dir).await;
    (TempDir(dir), url, db)
}

async fn applied_rows(db: &sea_orm::DatabaseConnection) -> i64 {
    let sql = Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS n FROM seaql_migrations");
    db.query_one_raw(sql).await.unwrap().unwrap().try_get("", "n").unwrap()
}

#[tokio::test]
async fn servers_starting_together_migrate_the_database_once() {
    let (_dir, url, db) = database().await;
    // Four servers, each with its own connections, start at the same moment.
    let mut starts = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let url = url.clone();
        starts.spawn(async move {
            let own = server::db::connect(&url).await.unwrap();
            schema::migrate(&own).await
        });
    }
    let applied: Vec<usize> = starts.join_all().await.into_iter().map(Result::unwrap).collect();
    let all = Migrator::migrations().len();
    assert_eq!(applied.iter().sum::<usize>(), all, "{applied:?}");
    assert_eq!(applied.iter().filter(|n| **n == all).count(), 1, "one server did all the work: {applied:?}");
    assert_eq!(applied_rows(&db).await, i64::try_from(all).unwrap());
    assert!(schema::state(&db).await.unwrap().is_current());
}

#[tokio::test]
async fn a_server_that_does_not_migrate_refuses_a_schema_behind_it() {
    let (_dir, _, db) = database().await;
    let refused = schema::ensure_current(&db).await.unwrap_err();
    assert!(refused.contains("samenspraak migrate up"), "{refused}");
    schema::migrate(&db).await.unwrap();
    assert_eq!(schema::ensure_current(&db).await, Ok(()));
    Migrator::down(&db, Some(1)).await.unwrap();
    let last = Migrator::migrations().last().unwrap().name().to_owned();
    let refused = schema::ensure_current(&db).await.unwrap_err();
    assert!(refused.contains("1 migration(s)") && refused.contains(&last), "{refused}");
    assert_eq!(schema::migrate(&db).await, Ok(1));
    assert_eq!(schema::ensure_current(&db).await, Ok(()));
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_version_is_served_as_it_is() {
    let (_dir, _, db) = database().await;
    schema::migrate(&db).await.unwrap();
    let future = "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000099_from_the_future', 0)";
    db.execute_unprepared(future).await.unwrap();
    // During a rolling upgrade the previous version keeps serving (and restarting).
    assert_eq!(schema::ensure_current(&db).await, Ok(()));
    assert_eq!(schema::migrate(&db).await, Ok(0));
    // Behind and ahead at once is not a state any version made: refused, nothing changed.
    let last = Migrator::migrations().last().unwrap().name().to_owned();
    db.execute_unprepared(&format!("DELETE FROM seaql_migrations WHERE version = '{last}'")).await.unwrap();
    let refused = schema::migrate(&db).await.unwrap_err();
    assert!(refused.contains("does not know") && refused.contains(&last), "{refused}");
    assert_eq!(schema::state(&db).await.unwrap().pending, [last]);
}

#[tokio::test]
async fn postgres_ends_a_statement_past_the_statement_timeout() {
    let (_dir, url, _) = database().await;
    if !url.starts_with("postgres") {
        return; // SQLite has no statement timeout; its writers wait under the busy timeout.
    }
    let settings = server::config::DatabaseSettings { pool_size: 2, statement_timeout_secs: 1 };
    let db = server::db::connect_with(&url, settings).await.unwrap();
    let error = db.execute_unprepared("SELECT pg_sleep(3)").await.unwrap_err();
    assert!(error.to_string().contains("statement timeout"), "{error}");
    // The connection is usable again at once.
    db.execute_unprepared("SELECT 1").await.unwrap();
    let unlimited = server::config::DatabaseSettings { pool_size: 2, statement_timeout_secs: 0 };
    let db = server::db::connect_with(&url, unlimited).await.unwrap();
    db.execute_unprepared("SELECT pg_sleep(1.2)").await.unwrap();
}
