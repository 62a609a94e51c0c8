//! Connecting to the database. SQLite runs in WAL mode with synchronous=FULL, foreign keys on and
//! a busy timeout, so an acknowledged write survives a crash and writers wait instead of failing.
//! PostgreSQL ends statements that run past the configured timeout.

use crate::config::DatabaseSettings;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Connects with the default settings for the URL.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, DatabaseSettings::defaults_for(url)).await
}

pub async fn connect_with(url: &str, settings: DatabaseSettings) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    let statement_timeout = format!("{}s", settings.statement_timeout_secs);
    options
        .sqlx_logging(false)
        .max_connections(settings.pool_size)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_postgres_opts(move |o| {
            if settings.statement_timeout_secs == 0 {
                o
            } else {
                o.options([("statement_timeout", statement_timeout.as_str())])
            }
        })
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    if let Some(path) = url.strip_prefix("sqlite://").map(|rest| rest.split('?').next().unwrap_or(rest)) {
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
        }
    }
    Database::connect(options).await
}
