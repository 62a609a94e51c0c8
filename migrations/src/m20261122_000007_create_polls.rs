//! Panels (a youth panel, a residents' panel) with their memberships and invitations, and polls:
//! an activity of kind `poll` with its settings, questions, options, who voted, the counted
//! results and the totals of paper or meeting votes entered by staff.
//!
//! Secrecy is a property of the schema. `poll_voters` records that a person voted (and, only for
//! polls that are not secret, what they chose, so they can see and change it); the results live in
//! `poll_tallies` as counts per option and group, never as one row per ballot. So there is no
//! ballot row that a voter row could be joined to, whatever the order, id or time. On SQLite both
//! tables are `WITHOUT ROWID`, stored in key order rather than in the order people voted.

use crate::m20261122_000001_create_tenancy::{Areas, Municipalities};
use crate::m20261122_000002_create_accounts::Users;
use crate::m20261122_000006_create_consultations::{foreign_key, Activities};
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::sea_query::SqliteQueryBuilder;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Panels {
    Table,
    Id,
    MunicipalityId,
    Name,
    Description,
    MinAge,
    MaxAge,
    TermStartsOn,
    TermEndsOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PanelMembers {
    Table,
    Id,
    PanelId,
    UserId,
    StartsOn,
    EndsOn,
    AddedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PanelInvitations {
    Table,
    Id,
    PanelId,
    CodeHash,
    Email,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedBy,
    UsedAt,
}

#[derive(DeriveIden)]
enum Polls {
    Table,
    ActivityId,
    OpensAt,
    ClosesAt,
    Results,
    Secret,
    Changeable,
    Eligibility,
    MinAge,
    MaxAge,
    PanelId,
}

#[derive(DeriveIden)]
enum PollAreas {
    Table,
    ActivityId,
    AreaId,
}

#[derive(DeriveIden)]
enum PollQuestions {
    Table,
    Id,
    ActivityId,
    Position,
    Prompt,
    Kind,
    MaxChoices,
    ScaleMax,
    Required,
}

#[derive(DeriveIden)]
enum PollOptions {
    Table,
    Id,
    QuestionId,
    Position,
    Label,
}

#[derive(DeriveIden)]
enum PollVoters {
    Table,
    ActivityId,
    UserId,
    VotedOn,
    SubmissionKey,
    Ballot,
}

#[derive(DeriveIden)]
enum PollTallies {
    Table,
    ActivityId,
    QuestionId,
    OptionId,
    Value,
    Breakdown,
    Count,
}

#[derive(DeriveIden)]
enum PollPaperBatches {
    Table,
    Id,
    ActivityId,
    Channel,
    Description,
    CountedOn,
    EnteredBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PollPaperCounts {
    Table,
    BatchId,
    QuestionId,
    OptionId,
    Count,
}

use ForeignKeyAction::{Cascade, Restrict, SetNull};

/// Creates a table; on SQLite without the hidden rowid, so rows are kept in primary-key order.
async fn create_keyed_by_content(manager: &SchemaManager<'_>, table: TableCreateStatement) -> Result<(), DbErr> {
    if manager.get_database_backend() == DatabaseBackend::Sqlite {
        let sql = format!("{} WITHOUT ROWID", table.to_string(SqliteQueryBuilder));
        manager.get_connection().execute_unprepared(&sql).await.map(|_| ())
    } else {
        manager.create_table(table).await
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Panels::Table)
                    .col(pk_auto(Panels::Id))
                    .col(integer(Panels::MunicipalityId))
                    .col(string_len(Panels::Name, 120))
                    .col(text(Panels::Description))
                    .col(integer_null(Panels::MinAge))
                    .col(integer_null(Panels::MaxAge))
                    .col(date(Panels::TermStartsOn))
                    .col(date_null(Panels::TermEndsOn))
                    .col(integer_null(Panels::CreatedBy))
                    .col(timestamp_with_time_zone(Panels::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (Panels::Table, Panels::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("panels_name")
                    .table(Panels::Table)
                    .col(Panels::MunicipalityId)
                    .col(Panels::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PanelMembers::Table)
                    .col(pk_auto(PanelMembers::Id))
                    .col(integer(PanelMembers::PanelId))
                    .col(integer(PanelMembers::UserId))
                    .col(date(PanelMembers::StartsOn))
                    .col(date_null(PanelMembers::EndsOn))
                    // Null when the member joined with an invitation.
                    .col(integer_null(PanelMembers::AddedBy))
                    .col(timestamp_with_time_zone(PanelMembers::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (PanelMembers::Table, PanelMembers::PanelId),
                        (Panels::Table, Panels::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (PanelMembers::Table, PanelMembers::UserId),
                        (Users::Table, Users::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // One running membership per person and panel, enforced by the database; past
        // memberships stay as history.
        manager
            .create_index(
                Index::create()
                    .name("panel_members_running")
                    .table(PanelMembers::Table)
                    .col(PanelMembers::PanelId)
                    .col(PanelMembers::UserId)
                    .unique()
                    .and_where(Expr::col(PanelMembers::EndsOn).is_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("panel_members_user")
                    .table(PanelMembers::Table)
                    .col(PanelMembers::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PanelInvitations::Table)
                    .col(pk_auto(PanelInvitations::Id))
                    .col(integer(PanelInvitations::PanelId))
                    // Only the code's hash is kept: a copy of the database opens no panel.
                    .col(string_len_uniq(PanelInvitations::CodeHash, 64))
                    .col(string_len_null(PanelInvitations::Email, 254))
                    .col(integer_null(PanelInvitations::CreatedBy))
                    .col(timestamp_with_time_zone(PanelInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(PanelInvitations::ExpiresAt))
                    .col(integer_null(PanelInvitations::UsedBy))
                    .col(timestamp_with_time_zone_null(PanelInvitations::UsedAt))
                    .foreign_key(&mut foreign_key(
                        (PanelInvitations::Table, PanelInvitations::PanelId),
                        (Panels::Table, Panels::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (PanelInvitations::Table, PanelInvitations::UsedBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Polls::Table)
                    .col(integer(Polls::ActivityId).primary_key())
                    .col(timestamp_with_time_zone(Polls::OpensAt))
                    .col(timestamp_with_time_zone(Polls::ClosesAt))
                    .col(string_len(Polls::Results, 16))
                    .col(boolean(Polls::Secret))
                    .col(boolean(Polls::Changeable))
                    // Null: whoever the rules of play invite; otherwise narrowed to areas, an age
                    // band or a panel.
                    .col(string_len_null(Polls::Eligibility, 16))
                    .col(integer_null(Polls::MinAge))
                    .col(integer_null(Polls::MaxAge))
                    .col(integer_null(Polls::PanelId))
                    .foreign_key(&mut foreign_key(
                        (Polls::Table, Polls::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Polls::Table, Polls::PanelId),
                        (Panels::Table, Panels::Id),
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollAreas::Table)
                    .col(integer(PollAreas::ActivityId))
                    .col(integer(PollAreas::AreaId))
                    .primary_key(Index::create().col(PollAreas::ActivityId).col(PollAreas::AreaId))
                    .foreign_key(&mut foreign_key(
                        (PollAreas::Table, PollAreas::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (PollAreas::Table, PollAreas::AreaId),
                        (Areas::Table, Areas::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollQuestions::Table)
                    .col(pk_auto(PollQuestions::Id))
                    .col(integer(PollQuestions::ActivityId))
                    .col(integer(PollQuestions::Position))
                    .col(string_len(PollQuestions::Prompt, 300))
                    .col(string_len(PollQuestions::Kind, 16))
                    .col(integer_null(PollQuestions::MaxChoices))
                    .col(integer_null(PollQuestions::ScaleMax))
                    .col(boolean(PollQuestions::Required))
                    .foreign_key(&mut foreign_key(
                        (PollQuestions::Table, PollQuestions::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollOptions::Table)
                    .col(pk_auto(PollOptions::Id))
                    .col(integer(PollOptions::QuestionId))
                    .col(integer(PollOptions::Position))
                    .col(string_len(PollOptions::Label, 200))
                    .foreign_key(&mut foreign_key(
                        (PollOptions::Table, PollOptions::QuestionId),
                        (PollQuestions::Table, PollQuestions::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // One person, one vote: the primary key refuses a second row, whatever the code does.
        // No sequential id and only the day of voting, so nothing orders or times the voters.
        create_keyed_by_content(
            manager,
            Table::create()
                .table(PollVoters::Table)
                .col(integer(PollVoters::ActivityId))
                .col(integer(PollVoters::UserId))
                .col(date(PollVoters::VotedOn))
                .col(string_len(PollVoters::SubmissionKey, 64))
                // The voter's own choices, kept only when the poll is not secret.
                .col(text_null(PollVoters::Ballot))
                .primary_key(Index::create().col(PollVoters::ActivityId).col(PollVoters::UserId))
                .foreign_key(&mut foreign_key(
                    (PollVoters::Table, PollVoters::ActivityId),
                    (Activities::Table, Activities::Id),
                    Cascade,
                ))
                .foreign_key(&mut foreign_key(
                    (PollVoters::Table, PollVoters::UserId),
                    (Users::Table, Users::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // Counted results: question 0 counts ballots; `value` is a scale value or a rank;
        // `breakdown` is empty for the total, `age:16-17` or `area:3` for a group.
        create_keyed_by_content(
            manager,
            Table::create()
                .table(PollTallies::Table)
                .col(integer(PollTallies::ActivityId))
                .col(integer(PollTallies::QuestionId))
                .col(integer(PollTallies::OptionId))
                .col(integer(PollTallies::Value))
                .col(string_len(PollTallies::Breakdown, 40))
                .col(big_integer(PollTallies::Count))
                .primary_key(
                    Index::create()
                        .col(PollTallies::ActivityId)
                        .col(PollTallies::QuestionId)
                        .col(PollTallies::OptionId)
                        .col(PollTallies::Value)
                        .col(PollTallies::Breakdown),
                )
                .foreign_key(&mut foreign_key(
                    (PollTallies::Table, PollTallies::ActivityId),
                    (Activities::Table, Activities::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollPaperBatches::Table)
                    .col(pk_auto(PollPaperBatches::Id))
                    .col(integer(PollPaperBatches::ActivityId))
                    .col(string_len(PollPaperBatches::Channel, 16))
                    .col(string_len(PollPaperBatches::Description, 200))
                    .col(date(PollPaperBatches::CountedOn))
                    .col(integer_null(PollPaperBatches::EnteredBy))
                    .col(timestamp_with_time_zone(PollPaperBatches::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (PollPaperBatches::Table, PollPaperBatches::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (PollPaperBatches::Table, PollPaperBatches::EnteredBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollPaperCounts::Table)
                    .col(integer(PollPaperCounts::BatchId))
                    .col(integer(PollPaperCounts::QuestionId))
                    .col(integer(PollPaperCounts::OptionId))
                    .col(integer(PollPaperCounts::Count))
                    .primary_key(
                        Index::create()
                            .col(PollPaperCounts::BatchId)
                            .col(PollPaperCounts::QuestionId)
                            .col(PollPaperCounts::OptionId),
                    )
                    .foreign_key(&mut foreign_key(
                        (PollPaperCounts::Table, PollPaperCounts::BatchId),
                        (PollPaperBatches::Table, PollPaperBatches::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PollPaperCounts::Table.into_iden(),
            PollPaperBatches::Table.into_iden(),
            PollTallies::Table.into_iden(),
            PollVoters::Table.into_iden(),
            PollOptions::Table.into_iden(),
            PollQuestions::Table.into_iden(),
            PollAreas::Table.into_iden(),
            Polls::Table.into_iden(),
            PanelInvitations::Table.into_iden(),
            PanelMembers::Table.into_iden(),
            Panels::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
