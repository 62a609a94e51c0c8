//! One number that changes whenever anything shown to the public changes.
//!
//! App servers keep rendered public pages in memory (`server::page_cache`) and serve them again
//! only while this number is the same. It is raised by triggers on every table whose rows end up
//! on a public page, so no write path (a use case, a background job, the command line, a
//! statement typed into a console) can change such a page without every server noticing.
//! The tables in [`UNVERSIONED`] are left out: nothing of them appears on a public page.
//!
//! On PostgreSQL the trigger is deferred to the commit and raises the number once per
//! transaction: the row lock is taken last, so it cannot take part in a deadlock and is held only
//! while committing; and a reader never sees the new number before the data it stands for.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose rows never appear on a page that is the same for everyone.
pub const UNVERSIONED: &[&str] = &[
    "seaql_migrations",
    "content_version",
    "sessions",
    "account_tokens",
    "outbox_messages",
    "audit_events",
    "form_submissions",
    "throttle_buckets",
];

/// The tables of this migration's time whose changes change public pages.
const VERSIONED: &[&str] = &[
    "municipalities",
    "areas",
    "users",
    "role_grants",
    "trajectories",
    "trajectory_areas",
    "trajectory_themes",
    "trajectory_phases",
    "rules_of_play",
    "rules_of_play_areas",
    "rules_of_play_fixed_items",
    "follows",
    "activities",
    "consultation_sections",
    "attachments",
    "meetings",
    "inputs",
    "input_supports",
    "input_reports",
    "panels",
    "panel_members",
    "panel_invitations",
    "polls",
    "poll_areas",
    "poll_questions",
    "poll_options",
    "poll_voters",
    "poll_tallies",
    "poll_paper_batches",
    "poll_paper_counts",
    "poll_paper_withdrawals",
    "desk_settings",
    "desk_counters",
    "desk_cases",
    "desk_case_steps",
    "desk_messages",
    "desk_notes",
    "desk_case_supports",
    "desk_alerts",
    "input_answers",
    "input_answer_items",
    "reports",
    "report_answers",
    "report_items",
];

/// Makes every change to `table` raise the content version. A later migration that adds a table
/// shown to the public calls this for it (a test fails for a table that is neither versioned nor
/// in [`UNVERSIONED`]).
pub async fn version_changes_of<C: ConnectionTrait>(db: &C, table: &str) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "CREATE CONSTRAINT TRIGGER content_changes AFTER INSERT OR UPDATE OR DELETE ON \"{table}\" \
                 DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_version()"
            ))
            .await?;
        }
        _ => {
            for operation in ["INSERT", "UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER \"content_changes_{table}_{op}\" AFTER {operation} ON \"{table}\" \
                     BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END",
                    op = operation.to_lowercase()
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// Takes `table` out of the content version again (the inverse of [`version_changes_of`]).
pub async fn no_version_changes_of<C: ConnectionTrait>(db: &C, table: &str) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!("DROP TRIGGER content_changes ON \"{table}\"")).await?;
        }
        _ => {
            for op in ["insert", "update", "delete"] {
                db.execute_unprepared(&format!("DROP TRIGGER \"content_changes_{table}_{op}\"")).await?;
            }
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // `changed_in` is the PostgreSQL transaction that last raised the number.
        db.execute_unprepared(
            "CREATE TABLE content_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL, changed_in BIGINT)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO content_version (id, version) VALUES (1, 0)").await?;
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION raise_content_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN \
                   UPDATE content_version SET version = version + 1, changed_in = txid_current() \
                   WHERE id = 1 AND changed_in IS DISTINCT FROM txid_current(); \
                   RETURN NULL; \
                 END $$",
            )
            .await?;
        }
        for table in VERSIONED {
            version_changes_of(db, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in VERSIONED {
            no_version_changes_of(db, table).await?;
        }
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION raise_content_version()").await?;
        }
        db.execute_unprepared("DROP TABLE content_version").await?;
        Ok(())
    }
}
