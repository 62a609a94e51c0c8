//! The participation desk: residents' own initiatives, ideas and questions as cases with a case
//! number, the timestamped steps they go through (from which every deadline is derived), the
//! messages between desk and initiator, internal notes (a table of their own, so that nothing that
//! reads messages can pick one up), supports from other residents, the mails about deadlines that
//! went out (each once), and each municipality's service norms and support threshold.
//!
//! The deadline columns on a case (`acknowledge_by`, `answer_by`, `acknowledged_on`,
//! `answered_on`) are never typed in: the server derives them from the steps whenever a step is
//! added, in the same transaction, so the queue can filter on them.

use crate::m20261122_000001_create_tenancy::{Areas, Municipalities};
use crate::m20261122_000002_create_accounts::Users;
use crate::m20261122_000005_create_trajectories::Trajectories;
use crate::m20261122_000006_create_consultations::{foreign_key, Activities};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DeskSettings {
    Table,
    MunicipalityId,
    AcknowledgeWithin,
    AnswerWithin,
    SupportThreshold,
    CoordinatorId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DeskCounters {
    Table,
    MunicipalityId,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
pub(crate) enum DeskCases {
    Table,
    Id,
    MunicipalityId,
    Number,
    Kind,
    Title,
    Description,
    AreaId,
    SupportAsked,
    Public,
    InitiatorId,
    ContactName,
    ContactEmail,
    ContactPhone,
    Channel,
    EnteredBy,
    ActivityId,
    ForwardedTo,
    Status,
    OwnerId,
    ReceivedAt,
    ReceivedOn,
    AcknowledgeWithin,
    AnswerWithin,
    AcknowledgedOn,
    AnsweredOn,
    AcknowledgeBy,
    AnswerBy,
    Supports,
    CouncilListedOn,
    SubmissionKey,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DeskCaseSteps {
    Table,
    Id,
    CaseId,
    Status,
    TakenOn,
    TakenAt,
    TakenBy,
}

#[derive(DeriveIden)]
enum DeskMessages {
    Table,
    Id,
    CaseId,
    FromDesk,
    AuthorId,
    Body,
    SubmissionKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DeskNotes {
    Table,
    Id,
    CaseId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DeskCaseSupports {
    Table,
    CaseId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DeskAlerts {
    Table,
    CaseId,
    Kind,
    SentAt,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DeskSettings::Table)
                    .col(integer(DeskSettings::MunicipalityId).primary_key())
                    .col(integer(DeskSettings::AcknowledgeWithin))
                    .col(integer(DeskSettings::AnswerWithin))
                    .col(integer_null(DeskSettings::SupportThreshold))
                    .col(integer_null(DeskSettings::CoordinatorId))
                    .col(timestamp_with_time_zone(DeskSettings::UpdatedAt))
                    .foreign_key(&mut foreign_key(
                        (DeskSettings::Table, DeskSettings::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskSettings::Table, DeskSettings::CoordinatorId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeskCounters::Table)
                    .col(integer(DeskCounters::MunicipalityId))
                    .col(integer(DeskCounters::Year))
                    .col(integer(DeskCounters::LastNumber))
                    .primary_key(Index::create().col(DeskCounters::MunicipalityId).col(DeskCounters::Year))
                    .foreign_key(&mut foreign_key(
                        (DeskCounters::Table, DeskCounters::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeskCases::Table)
                    .col(pk_auto(DeskCases::Id))
                    .col(integer(DeskCases::MunicipalityId))
                    .col(string_len(DeskCases::Number, 24))
                    .col(string_len(DeskCases::Kind, 16))
                    .col(string_len(DeskCases::Title, 160))
                    .col(text(DeskCases::Description))
                    .col(integer_null(DeskCases::AreaId))
                    .col(string_len(DeskCases::SupportAsked, 128))
                    .col(boolean(DeskCases::Public).default(false))
                    // Null for someone helped at the counter without an account, or once the
                    // account is deleted.
                    .col(integer_null(DeskCases::InitiatorId))
                    .col(string_len_null(DeskCases::ContactName, 120))
                    .col(string_len_null(DeskCases::ContactEmail, 254))
                    .col(string_len_null(DeskCases::ContactPhone, 32))
                    .col(string_len(DeskCases::Channel, 16))
                    .col(integer_null(DeskCases::EnteredBy))
                    .col(integer_null(DeskCases::ActivityId))
                    .col(integer_null(DeskCases::ForwardedTo))
                    .col(string_len(DeskCases::Status, 16))
                    .col(integer_null(DeskCases::OwnerId))
                    .col(timestamp_with_time_zone(DeskCases::ReceivedAt))
                    .col(date(DeskCases::ReceivedOn))
                    // The norm in force when the case came in: a later change of norms does not
                    // move the deadlines of cases already running.
                    .col(integer(DeskCases::AcknowledgeWithin))
                    .col(integer(DeskCases::AnswerWithin))
                    .col(date_null(DeskCases::AcknowledgedOn))
                    .col(date_null(DeskCases::AnsweredOn))
                    .col(date(DeskCases::AcknowledgeBy))
                    // Null while the clock stands still (waiting for the initiator).
                    .col(date_null(DeskCases::AnswerBy))
                    .col(integer(DeskCases::Supports).default(0))
                    .col(date_null(DeskCases::CouncilListedOn))
                    .col(string_len_uniq(DeskCases::SubmissionKey, 64).null())
                    .col(timestamp_with_time_zone(DeskCases::UpdatedAt))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::AreaId),
                        (Areas::Table, Areas::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::InitiatorId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::EnteredBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::OwnerId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::ActivityId),
                        (Activities::Table, Activities::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCases::Table, DeskCases::ForwardedTo),
                        (Trajectories::Table, Trajectories::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, unique, columns) in [
            ("desk_cases_number", true, vec![DeskCases::MunicipalityId, DeskCases::Number]),
            ("desk_cases_queue", false, vec![DeskCases::MunicipalityId, DeskCases::Status, DeskCases::ReceivedAt]),
            ("desk_cases_register", false, vec![DeskCases::MunicipalityId, DeskCases::Public, DeskCases::ReceivedAt]),
            ("desk_cases_initiator", false, vec![DeskCases::InitiatorId]),
        ] {
            let mut index = Index::create().name(name).table(DeskCases::Table).to_owned();
            if unique {
                index.unique();
            }
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(DeskCaseSteps::Table)
                    .col(pk_auto(DeskCaseSteps::Id))
                    .col(integer(DeskCaseSteps::CaseId))
                    .col(string_len(DeskCaseSteps::Status, 16))
                    .col(date(DeskCaseSteps::TakenOn))
                    .col(timestamp_with_time_zone(DeskCaseSteps::TakenAt))
                    .col(integer_null(DeskCaseSteps::TakenBy))
                    .foreign_key(&mut foreign_key(
                        (DeskCaseSteps::Table, DeskCaseSteps::CaseId),
                        (DeskCases::Table, DeskCases::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCaseSteps::Table, DeskCaseSteps::TakenBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("desk_case_steps_case")
                    .table(DeskCaseSteps::Table)
                    .col(DeskCaseSteps::CaseId)
                    .col(DeskCaseSteps::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeskMessages::Table)
                    .col(pk_auto(DeskMessages::Id))
                    .col(integer(DeskMessages::CaseId))
                    .col(boolean(DeskMessages::FromDesk))
                    .col(integer_null(DeskMessages::AuthorId))
                    .col(text(DeskMessages::Body))
                    .col(string_len_uniq(DeskMessages::SubmissionKey, 64).null())
                    .col(timestamp_with_time_zone(DeskMessages::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (DeskMessages::Table, DeskMessages::CaseId),
                        (DeskCases::Table, DeskCases::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskMessages::Table, DeskMessages::AuthorId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("desk_messages_case")
                    .table(DeskMessages::Table)
                    .col(DeskMessages::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeskNotes::Table)
                    .col(pk_auto(DeskNotes::Id))
                    .col(integer(DeskNotes::CaseId))
                    .col(integer_null(DeskNotes::AuthorId))
                    .col(text(DeskNotes::Body))
                    .col(timestamp_with_time_zone(DeskNotes::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (DeskNotes::Table, DeskNotes::CaseId),
                        (DeskCases::Table, DeskCases::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskNotes::Table, DeskNotes::AuthorId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("desk_notes_case").table(DeskNotes::Table).col(DeskNotes::CaseId).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeskCaseSupports::Table)
                    .col(integer(DeskCaseSupports::CaseId))
                    .col(integer(DeskCaseSupports::UserId))
                    .col(timestamp_with_time_zone(DeskCaseSupports::CreatedAt))
                    // One support per person, enforced by the database.
                    .primary_key(Index::create().col(DeskCaseSupports::CaseId).col(DeskCaseSupports::UserId))
                    .foreign_key(&mut foreign_key(
                        (DeskCaseSupports::Table, DeskCaseSupports::CaseId),
                        (DeskCases::Table, DeskCases::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (DeskCaseSupports::Table, DeskCaseSupports::UserId),
                        (Users::Table, Users::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeskAlerts::Table)
                    .col(integer(DeskAlerts::CaseId))
                    .col(string_len(DeskAlerts::Kind, 24))
                    .col(timestamp_with_time_zone(DeskAlerts::SentAt))
                    // Each kind of reminder once per case, however often the check runs.
                    .primary_key(Index::create().col(DeskAlerts::CaseId).col(DeskAlerts::Kind))
                    .foreign_key(&mut foreign_key(
                        (DeskAlerts::Table, DeskAlerts::CaseId),
                        (DeskCases::Table, DeskCases::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DeskAlerts::Table.into_iden(),
            DeskCaseSupports::Table.into_iden(),
            DeskNotes::Table.into_iden(),
            DeskMessages::Table.into_iden(),
            DeskCaseSteps::Table.into_iden(),
            DeskCases::Table.into_iden(),
            DeskCounters::Table.into_iden(),
            DeskSettings::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
