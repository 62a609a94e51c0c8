//! Answering every input, and the report on what was done with it.
//!
//! The working copy: `input_answers` holds the answers a project lead gives (a disposition and a
//! reason), each for one input or for a group of similar inputs; `input_answer_items` says which
//! inputs (rows of `inputs`) or desk cases (ideas, forwarded initiatives) an answer covers, each
//! at most once. The working copy can be revised at any time; the public never reads it.
//!
//! The published report: `reports` (one row per version, with the decision, the figures and what
//! was asked as they stood that day), `report_answers` and `report_items` (every input with the
//! number of its answer). They are written once, when a version is published, and database
//! triggers refuse any later change or removal, whatever path it comes by: a correction is a new
//! version. Report items keep the input's number and text but never a name or an account: who
//! wrote an input is looked up when the report is read, so deleting an account later anonymises
//! its input without touching the frozen report.

use crate::m20261122_000001_create_tenancy::Municipalities;
use crate::m20261122_000002_create_accounts::Users;
use crate::m20261122_000005_create_trajectories::{RulesOfPlay, Trajectories};
use crate::m20261122_000006_create_consultations::{foreign_key, Inputs};
use crate::m20261122_000008_create_desk::DeskCases;
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};
use ForeignKeyAction::{Cascade, Restrict, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InputAnswers {
    Table,
    Id,
    MunicipalityId,
    TrajectoryId,
    Disposition,
    Reason,
    GroupTitle,
    RulesId,
    FixedItem,
    ForwardedTo,
    ForwardedTrajectoryId,
    AnsweredBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum InputAnswerItems {
    Table,
    Id,
    AnswerId,
    TrajectoryId,
    InputId,
    CaseId,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    MunicipalityId,
    TrajectoryId,
    Version,
    RulesId,
    PublishedAt,
    PublishedOn,
    PromisedOn,
    CorrectionReason,
    Decision,
    DecidedBy,
    DecidedOn,
    CouncilDecisionUrl,
    Contents,
    ItemCount,
}

#[derive(DeriveIden)]
enum ReportAnswers {
    Table,
    ReportId,
    Number,
    Disposition,
    Reason,
    GroupTitle,
    FixedItem,
    ForwardedTo,
    ForwardedTrajectoryId,
}

#[derive(DeriveIden)]
enum ReportItems {
    Table,
    ReportId,
    Position,
    AnswerNumber,
    InputId,
    CaseId,
    Kind,
    Channel,
    ActivityId,
    ActivityTitle,
    AreaName,
    ReceivedOn,
    Body,
    AuthorShown,
}

const FROZEN_TABLES: [&str; 3] = ["reports", "report_answers", "report_items"];

fn sqlite_freeze(table: &str) -> [String; 2] {
    [
        format!(
            "CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
             BEGIN SELECT RAISE(ABORT, 'a published report is frozen'); END"
        ),
        format!(
            "CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table}
             BEGIN SELECT RAISE(ABORT, 'a published report is frozen'); END"
        ),
    ]
}

const POSTGRES_FREEZE_FUNCTION: &str = "CREATE FUNCTION refuse_report_change() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION 'a published report is frozen'; END; $$ LANGUAGE plpgsql";

fn postgres_freeze(table: &str) -> String {
    format!(
        "CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table}
         FOR EACH ROW EXECUTE FUNCTION refuse_report_change()"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InputAnswers::Table)
                    .col(pk_auto(InputAnswers::Id))
                    .col(integer(InputAnswers::MunicipalityId))
                    .col(integer(InputAnswers::TrajectoryId))
                    .col(string_len(InputAnswers::Disposition, 24))
                    .col(text(InputAnswers::Reason))
                    .col(string_len_null(InputAnswers::GroupTitle, 160))
                    // "Outside the scope" points at a numbered fixed item of a version of the
                    // rules of play in force (frozen, so the pointer stays true).
                    .col(integer_null(InputAnswers::RulesId))
                    .col(integer_null(InputAnswers::FixedItem))
                    .col(string_len_null(InputAnswers::ForwardedTo, 200))
                    .col(integer_null(InputAnswers::ForwardedTrajectoryId))
                    .col(integer_null(InputAnswers::AnsweredBy))
                    .col(timestamp_with_time_zone(InputAnswers::CreatedAt))
                    .col(timestamp_with_time_zone(InputAnswers::UpdatedAt))
                    .foreign_key(&mut foreign_key(
                        (InputAnswers::Table, InputAnswers::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswers::Table, InputAnswers::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswers::Table, InputAnswers::RulesId),
                        (RulesOfPlay::Table, RulesOfPlay::Id),
                        Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswers::Table, InputAnswers::ForwardedTrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswers::Table, InputAnswers::AnsweredBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("input_answers_trajectory")
                    .table(InputAnswers::Table)
                    .col(InputAnswers::TrajectoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InputAnswerItems::Table)
                    .col(pk_auto(InputAnswerItems::Id))
                    .col(integer(InputAnswerItems::AnswerId))
                    .col(integer(InputAnswerItems::TrajectoryId))
                    // Exactly one of the two is set; each input or case has at most one answer.
                    .col(integer_null(InputAnswerItems::InputId).unique_key())
                    .col(integer_null(InputAnswerItems::CaseId).unique_key())
                    .check(
                        Expr::col(InputAnswerItems::InputId)
                            .is_null()
                            .ne(Expr::col(InputAnswerItems::CaseId).is_null()),
                    )
                    .foreign_key(&mut foreign_key(
                        (InputAnswerItems::Table, InputAnswerItems::AnswerId),
                        (InputAnswers::Table, InputAnswers::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswerItems::Table, InputAnswerItems::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswerItems::Table, InputAnswerItems::InputId),
                        (Inputs::Table, Inputs::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputAnswerItems::Table, InputAnswerItems::CaseId),
                        (DeskCases::Table, DeskCases::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("input_answer_items_answer", InputAnswerItems::AnswerId),
            ("input_answer_items_trajectory", InputAnswerItems::TrajectoryId),
        ] {
            manager
                .create_index(Index::create().name(name).table(InputAnswerItems::Table).col(column).to_owned())
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(pk_auto(Reports::Id))
                    .col(integer(Reports::MunicipalityId))
                    .col(integer(Reports::TrajectoryId))
                    .col(integer(Reports::Version))
                    .col(integer(Reports::RulesId))
                    .col(timestamp_with_time_zone(Reports::PublishedAt))
                    .col(date(Reports::PublishedOn))
                    .col(date_null(Reports::PromisedOn))
                    .col(text_null(Reports::CorrectionReason))
                    .col(text(Reports::Decision))
                    .col(string_len(Reports::DecidedBy, 200))
                    .col(date_null(Reports::DecidedOn))
                    .col(string_len_null(Reports::CouncilDecisionUrl, 500))
                    // What was asked, who took part and the poll results as they stood that day
                    // (JSON; counts and titles only).
                    .col(text(Reports::Contents))
                    .col(integer(Reports::ItemCount))
                    .foreign_key(&mut foreign_key(
                        (Reports::Table, Reports::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Reports::Table, Reports::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Reports::Table, Reports::RulesId),
                        (RulesOfPlay::Table, RulesOfPlay::Id),
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("reports_trajectory_version")
                    .table(Reports::Table)
                    .col(Reports::TrajectoryId)
                    .col(Reports::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportAnswers::Table)
                    .col(integer(ReportAnswers::ReportId))
                    .col(integer(ReportAnswers::Number))
                    .col(string_len(ReportAnswers::Disposition, 24))
                    .col(text(ReportAnswers::Reason))
                    .col(string_len_null(ReportAnswers::GroupTitle, 160))
                    .col(text_null(ReportAnswers::FixedItem))
                    .col(string_len_null(ReportAnswers::ForwardedTo, 200))
                    .col(integer_null(ReportAnswers::ForwardedTrajectoryId))
                    .primary_key(Index::create().col(ReportAnswers::ReportId).col(ReportAnswers::Number))
                    .foreign_key(&mut foreign_key(
                        (ReportAnswers::Table, ReportAnswers::ReportId),
                        (Reports::Table, Reports::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportItems::Table)
                    .col(integer(ReportItems::ReportId))
                    .col(integer(ReportItems::Position))
                    .col(integer(ReportItems::AnswerNumber))
                    // The input's or case's number, without a foreign key: the report outlives
                    // whatever happens to the working records.
                    .col(integer_null(ReportItems::InputId))
                    .col(integer_null(ReportItems::CaseId))
                    .col(string_len(ReportItems::Kind, 16))
                    .col(string_len(ReportItems::Channel, 16))
                    .col(integer_null(ReportItems::ActivityId))
                    .col(string_len(ReportItems::ActivityTitle, 160))
                    .col(string_len_null(ReportItems::AreaName, 120))
                    .col(date(ReportItems::ReceivedOn))
                    .col(text(ReportItems::Body))
                    // Whether the author's display name may be shown (they wrote it online under
                    // it); the name itself is looked up when read, never stored here.
                    .col(boolean(ReportItems::AuthorShown))
                    .primary_key(Index::create().col(ReportItems::ReportId).col(ReportItems::Position))
                    .foreign_key(&mut foreign_key(
                        (ReportItems::Table, ReportItems::ReportId),
                        (Reports::Table, Reports::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [("report_items_input", ReportItems::InputId), ("report_items_case", ReportItems::CaseId)]
        {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(ReportItems::Table)
                        .col(ReportItems::ReportId)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        let conn = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            conn.execute_unprepared(POSTGRES_FREEZE_FUNCTION).await?;
            for table in FROZEN_TABLES {
                conn.execute_unprepared(&postgres_freeze(table)).await?;
            }
        } else {
            for table in FROZEN_TABLES {
                for statement in sqlite_freeze(table) {
                    conn.execute_unprepared(&statement).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        // The triggers go first: dropping the tables would otherwise be a refused delete.
        for table in FROZEN_TABLES {
            if manager.get_database_backend() == DatabaseBackend::Postgres {
                conn.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_frozen ON {table}")).await?;
            } else {
                conn.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_frozen_update")).await?;
                conn.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_frozen_delete")).await?;
            }
        }
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            conn.execute_unprepared("DROP FUNCTION IF EXISTS refuse_report_change()").await?;
        }
        for table in [
            ReportItems::Table.into_iden(),
            ReportAnswers::Table.into_iden(),
            Reports::Table.into_iden(),
            InputAnswerItems::Table.into_iden(),
            InputAnswers::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
