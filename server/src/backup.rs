//! Backing up a running installation and restoring it into a fresh one.
//!
//! SQLite: `VACUUM INTO` writes a consistent copy of the database while the server keeps
//! serving (it reads one snapshot; writers go on in the WAL). PostgreSQL: `pg_dump` (custom
//! format) takes one consistent snapshot too, and `pg_restore` loads it into an empty database in
//! one transaction. Attachments and sessions live in the database, so the copy is everything.
//! Restoring refuses a target that is not empty, and ends with an integrity check.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::path::Path;
use std::process::Command;

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// The file of a `sqlite://path?mode=rwc` URL.
fn sqlite_path(url: &str) -> Option<&str> {
    url.strip_prefix("sqlite://").map(|rest| rest.split('?').next().unwrap_or(rest)).filter(|p| !p.is_empty())
}

/// PostgreSQL's client programs: from PG_BIN when set (a directory), else from PATH.
fn pg_program(name: &str) -> std::path::PathBuf {
    match std::env::var_os("PG_BIN") {
        Some(dir) => Path::new(&dir).join(name),
        None => name.into(),
    }
}

fn run(mut command: Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("{what}: cannot start it: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed: {}", String::from_utf8_lossy(&output.stderr).trim()))
    }
}

/// Writes a consistent copy of the database at `url` to `to` (which must not exist yet), while
/// the installation keeps running.
pub async fn back_up(db: &DatabaseConnection, url: &str, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!("{} exists already; a backup never overwrites", to.display()));
    }
    if is_sqlite(url) {
        let target = to.to_str().ok_or("the backup path must be UTF-8")?.replace('\'', "''");
        db.execute_unprepared(&format!("VACUUM INTO '{target}'")).await.map_err(|e| format!("VACUUM INTO: {e}"))?;
        return Ok(());
    }
    let mut dump = Command::new(pg_program("pg_dump"));
    dump.args(["--format=custom", "--no-owner", "--no-privileges", "--file"]).arg(to).arg("--dbname").arg(url);
    tokio::task::spawn_blocking(move || run(dump, "pg_dump")).await.map_err(|e| e.to_string())?
}

/// Loads the backup `from` into the empty database at `url` and checks the result.
pub async fn restore(from: &Path, url: &str) -> Result<DatabaseConnection, String> {
    if !from.is_file() {
        return Err(format!("{} is not a backup file", from.display()));
    }
    if is_sqlite(url) {
        let path = sqlite_path(url).ok_or("DATABASE_URL names no SQLite file")?;
        if Path::new(path).exists() {
            return Err(format!("{path} exists already; restore into a fresh installation"));
        }
        if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(from, path).map_err(|e| format!("copying the backup to {path}: {e}"))?;
    } else {
        let db = crate::db::connect(url).await.map_err(|e| format!("database: {e}"))?;
        let tables = db
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Postgres,
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()",
            ))
            .await
            .map_err(|e| e.to_string())?
            .map_or(Ok(0), |row| row.try_get::<i64>("", "n"))
            .map_err(|e| e.to_string())?;
        db.close().await.ok();
        if tables > 0 {
            return Err("the target database is not empty; restore into a fresh database".into());
        }
        let mut load = Command::new(pg_program("pg_restore"));
        load.args(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname"])
            .arg(url)
            .arg(from);
        tokio::task::spawn_blocking(move || run(load, "pg_restore")).await.map_err(|e| e.to_string())??;
    }
    let db = crate::db::connect(url).await.map_err(|e| format!("database: {e}"))?;
    check_integrity(&db).await?;
    Ok(db)
}

/// The database is whole: SQLite's own checks (pages, indexes, foreign keys) pass, and the
/// schema is the one this version serves.
pub async fn check_integrity(db: &DatabaseConnection) -> Result<(), String> {
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        let integrity = Statement::from_string(DatabaseBackend::Sqlite, "PRAGMA integrity_check");
        let rows = db.query_all_raw(integrity).await.map_err(|e| e.to_string())?;
        let verdict: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
        if verdict != ["ok"] {
            return Err(format!("integrity check: {}", verdict.join("; ")));
        }
        let dangling = Statement::from_string(DatabaseBackend::Sqlite, "PRAGMA foreign_key_check");
        let rows = db.query_all_raw(dangling).await.map_err(|e| e.to_string())?;
        if !rows.is_empty() {
            return Err(format!("integrity check: {} rows refer to rows that are missing", rows.len()));
        }
    }
    crate::schema::ensure_current(db).await
}
