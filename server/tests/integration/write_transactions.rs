//! Write transactions open with `BEGIN IMMEDIATE` on SQLite, so a use case may read before it
//! writes. With a deferred `BEGIN`, a transaction that read and then finds that another one
//! wrote in the meantime fails at once with SQLITE_BUSY: the pattern of "count, then insert the
//! next number" below fails that way for most of the 50.

use crate::common::TestApp;
use app::server::writes::begin_write;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::time::Duration;

async fn count_then_insert(db: DatabaseConnection) -> Result<i64, sea_orm::DbErr> {
    let txn = begin_write(&db).await?;
    let backend = txn.get_database_backend();
    let row = txn
        .query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM write_probe"))
        .await?
        .ok_or_else(|| sea_orm::DbErr::Custom("no count".into()))?;
    let seen: i64 = row.try_get("", "n")?;
    // Give the other transactions every chance to write between this one's read and its write.
    tokio::time::sleep(Duration::from_millis(2)).await;
    txn.execute_raw(Statement::from_sql_and_values(backend, insert_sql(backend), [seen.into()])).await?;
    txn.commit().await?;
    Ok(seen)
}

fn insert_sql(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "INSERT INTO write_probe (n) VALUES ($1)",
        _ => "INSERT INTO write_probe (n) VALUES (?)",
    }
}

#[tokio::test]
async fn fifty_transactions_that_read_before_they_write_all_commit() {
    let app = TestApp::new().await;
    app.db.execute_unprepared("CREATE TABLE write_probe (n BIGINT NOT NULL)").await.unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        tasks.spawn(count_then_insert(app.db.clone()));
    }
    let results = tasks.join_all().await;
    let failed: Vec<String> = results.iter().filter_map(|r| r.as_ref().err().map(ToString::to_string)).collect();
    assert!(failed.is_empty(), "{} of 50 failed, e.g. {:?}", failed.len(), failed.first());
    if app.db.get_database_backend() == DbBackend::Sqlite {
        // On SQLite the transactions ran one after the other: each counted every one before it.
        let mut seen: Vec<i64> = results.into_iter().map(Result::unwrap).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..50).collect::<Vec<i64>>());
    }
}
