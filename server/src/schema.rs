//! The database schema at start: applied once even when several servers start together after
//! an upgrade, and never served when it is behind the code.
//!
//! Migrations run inside one transaction that first takes a lock: PostgreSQL's transaction-level
//! advisory lock, SQLite's write lock (`BEGIN IMMEDIATE`). A server that starts meanwhile waits
//! for it, then finds nothing left to do. Both databases roll back DDL with the transaction, so
//! a migration that fails halfway leaves the schema as it was.

use app::server::writes::begin_write;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// The advisory lock that migrations hold on PostgreSQL (any fixed number; "SMSP").
const MIGRATION_LOCK: i64 = 0x534d_5350;

/// How long a server waits for another server's migrations (SQLite answers "busy" after its
/// busy timeout; the attempt is repeated until this has passed).
const MIGRATION_WAIT: Duration = Duration::from_secs(300);

/// Where the database's schema stands against this version of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaState {
    /// Migrations of this version not yet applied, in order.
    pub pending: Vec<String>,
    /// Applied migrations this version does not know: a newer version migrated the database.
    pub unknown: Vec<String>,
}

impl SchemaState {
    pub fn is_current(&self) -> bool {
        self.pending.is_empty()
    }
}

/// Reads the applied migrations without changing anything (an empty database has none).
pub async fn state(db: &impl ConnectionTrait) -> Result<SchemaState, DbErr> {
    // Asked first: on PostgreSQL a failed query would spoil the transaction it runs in.
    let applied: BTreeSet<String> = if has_migration_table(db).await? {
        let sql = Statement::from_string(db.get_database_backend(), "SELECT version FROM seaql_migrations");
        let rows = db.query_all_raw(sql).await?;
        rows.iter().map(|row| row.try_get::<String>("", "version")).collect::<Result<_, _>>()?
    } else {
        BTreeSet::new()
    };
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let pending = known.iter().filter(|name| !applied.contains(*name)).cloned().collect();
    let unknown = applied.iter().filter(|name| !known.contains(name)).cloned().collect();
    Ok(SchemaState { pending, unknown })
}

async fn has_migration_table(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let sql = match db.get_database_backend() {
        DatabaseBackend::Postgres => "SELECT 1 AS found FROM information_schema.tables WHERE table_name = 'seaql_migrations' AND table_schema = current_schema()",
        _ => "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'",
    };
    Ok(db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?.is_some())
}

/// Applies the pending migrations, one server at a time; returns how many this call applied.
/// A database migrated by a newer version is left alone (servers of the previous version keep
/// running during a rolling upgrade); one that is both behind and ahead is refused.
pub async fn migrate(db: &DatabaseConnection) -> Result<usize, String> {
    let started = Instant::now();
    loop {
        match migrate_once(db).await {
            Err(error) if is_busy(&error) && started.elapsed() < MIGRATION_WAIT => {
                tracing::info!("another server is migrating the database: waiting");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            other => return other.map_err(|e| format!("migrations: {e}")),
        }
    }
}

async fn migrate_once(db: &DatabaseConnection) -> Result<usize, DbErr> {
    let txn = begin_write(db).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        let lock = format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})");
        txn.execute_unprepared(&lock).await?;
    }
    let before = state(&txn).await?;
    if before.pending.is_empty() {
        if !before.unknown.is_empty() {
            tracing::warn!(unknown = ?before.unknown, "the database was migrated by a newer version; serving it as it is");
        }
        return Ok(0);
    }
    if !before.unknown.is_empty() {
        return Err(DbErr::Custom(format!(
            "the database has migrations this version does not know ({}) and lacks some it does ({}): \
             restore a backup or run the version that made it",
            before.unknown.join(", "),
            before.pending.join(", ")
        )));
    }
    Migrator::up(&txn, None).await?;
    txn.commit().await?;
    tracing::info!(applied = before.pending.len(), "database migrated");
    Ok(before.pending.len())
}

fn is_busy(error: &DbErr) -> bool {
    let text = error.to_string();
    text.contains("database is locked") || text.contains("database is busy") || text.contains("SQLITE_BUSY")
}

/// For `serve` when it does not migrate: refuses a schema that is behind this version, naming
/// what is missing and how to apply it.
pub async fn ensure_current(db: &impl ConnectionTrait) -> Result<(), String> {
    let state = state(db).await.map_err(|e| format!("database schema: {e}"))?;
    if !state.unknown.is_empty() {
        tracing::warn!(unknown = ?state.unknown, "the database was migrated by a newer version; serving it as it is");
    }
    if state.is_current() {
        return Ok(());
    }
    Err(format!(
        "the database schema is behind this version: {} migration(s) to apply, starting with {}. \
         Run `samenspraak migrate up` first (or start with MIGRATE_ON_START=true)",
        state.pending.len(),
        state.pending[0]
    ))
}
