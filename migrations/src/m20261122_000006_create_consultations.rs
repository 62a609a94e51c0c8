//! Activities inside a trajectory phase (this migration: consultations on a plan, with their
//! sections and attachments), the one `inputs` table every kind of input shares (comments,
//! replies, input entered by staff from the counter, phone, letter, e-mail or a meeting; later poll
//! answers and initiatives), supports and moderation reports on inputs, meetings whose outcomes are
//! entered as inputs, and each municipality's house rules. The audit log becomes append-only in the
//! database itself: triggers refuse any update or delete, whatever path it comes by.

use crate::m20261122_000001_create_tenancy::{Areas, Municipalities};
use crate::m20261122_000002_create_accounts::Users;
use crate::m20261122_000005_create_trajectories::{Trajectories, TrajectoryPhases};
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Activities {
    Table,
    Id,
    TrajectoryId,
    PhaseId,
    Kind,
    Title,
    Intro,
    PreModeration,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ConsultationSections {
    Table,
    Id,
    ActivityId,
    Position,
    Title,
    Body,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    ActivityId,
    FileName,
    ContentType,
    SizeBytes,
    Content,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    TrajectoryId,
    Title,
    HeldOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Inputs {
    Table,
    Id,
    MunicipalityId,
    TrajectoryId,
    ActivityId,
    SectionId,
    ParentId,
    Kind,
    Channel,
    AuthorId,
    OnBehalfName,
    ContactConsent,
    Contact,
    EnteredBy,
    ReceivedOn,
    MeetingId,
    Body,
    ShownAreaId,
    Official,
    Status,
    ModerationReason,
    ModeratedBy,
    ModeratedAt,
    SubmissionKey,
    CreatedAt,
    EditedAt,
}

#[derive(DeriveIden)]
enum InputSupports {
    Table,
    InputId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InputReports {
    Table,
    Id,
    InputId,
    ReporterId,
    Reason,
    Status,
    HandledBy,
    HandledAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MunicipalitiesExtra {
    #[sea_orm(iden = "municipalities")]
    Table,
    HouseRules,
}

/// A foreign key with its delete rule; shared by the later migrations.
pub(crate) fn foreign_key(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(on_delete).to_owned()
}

use ForeignKeyAction::{Cascade, Restrict, SetNull};

const SQLITE_APPEND_ONLY: &[&str] = &[
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
];

const POSTGRES_APPEND_ONLY: &[&str] = &[
    "CREATE FUNCTION refuse_audit_change() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
     FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Activities::Table)
                    .col(pk_auto(Activities::Id))
                    .col(integer(Activities::TrajectoryId))
                    // A phase that carries an activity cannot be removed (RESTRICT): the editor
                    // refuses it with a message, and the database backs that up.
                    .col(integer(Activities::PhaseId))
                    .col(string_len(Activities::Kind, 16))
                    .col(string_len(Activities::Title, 160))
                    .col(text(Activities::Intro))
                    .col(boolean(Activities::PreModeration).default(false))
                    .col(integer_null(Activities::CreatedBy))
                    .col(timestamp_with_time_zone(Activities::CreatedAt))
                    .col(timestamp_with_time_zone(Activities::UpdatedAt))
                    .foreign_key(&mut foreign_key(
                        (Activities::Table, Activities::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Activities::Table, Activities::PhaseId),
                        (TrajectoryPhases::Table, TrajectoryPhases::Id),
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("activities_trajectory")
                    .table(Activities::Table)
                    .col(Activities::TrajectoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConsultationSections::Table)
                    .col(pk_auto(ConsultationSections::Id))
                    .col(integer(ConsultationSections::ActivityId))
                    .col(integer(ConsultationSections::Position))
                    .col(string_len(ConsultationSections::Title, 160))
                    .col(text(ConsultationSections::Body))
                    .foreign_key(&mut foreign_key(
                        (ConsultationSections::Table, ConsultationSections::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(pk_auto(Attachments::Id))
                    .col(integer(Attachments::ActivityId))
                    .col(string_len(Attachments::FileName, 200))
                    .col(string_len(Attachments::ContentType, 64))
                    .col(integer(Attachments::SizeBytes))
                    .col(blob(Attachments::Content))
                    .col(integer_null(Attachments::CreatedBy))
                    .col(timestamp_with_time_zone(Attachments::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (Attachments::Table, Attachments::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Meetings::Table)
                    .col(pk_auto(Meetings::Id))
                    .col(integer(Meetings::TrajectoryId))
                    .col(string_len(Meetings::Title, 160))
                    .col(date(Meetings::HeldOn))
                    .col(integer_null(Meetings::CreatedBy))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (Meetings::Table, Meetings::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Inputs::Table)
                    .col(pk_auto(Inputs::Id))
                    .col(integer(Inputs::MunicipalityId))
                    .col(integer_null(Inputs::TrajectoryId))
                    .col(integer_null(Inputs::ActivityId))
                    .col(integer_null(Inputs::SectionId))
                    .col(integer_null(Inputs::ParentId))
                    .col(string_len(Inputs::Kind, 16))
                    .col(string_len(Inputs::Channel, 16))
                    // Null once the account is deleted: the input stays, anonymised.
                    .col(integer_null(Inputs::AuthorId))
                    .col(string_len_null(Inputs::OnBehalfName, 120))
                    .col(boolean(Inputs::ContactConsent).default(false))
                    .col(string_len_null(Inputs::Contact, 254))
                    .col(integer_null(Inputs::EnteredBy))
                    .col(date_null(Inputs::ReceivedOn))
                    .col(integer_null(Inputs::MeetingId))
                    .col(text(Inputs::Body))
                    .col(integer_null(Inputs::ShownAreaId))
                    .col(boolean(Inputs::Official).default(false))
                    .col(string_len(Inputs::Status, 16))
                    .col(text_null(Inputs::ModerationReason))
                    .col(integer_null(Inputs::ModeratedBy))
                    .col(timestamp_with_time_zone_null(Inputs::ModeratedAt))
                    // One input per submitted form, whatever the number of identical requests.
                    .col(string_len_uniq(Inputs::SubmissionKey, 64).null())
                    .col(timestamp_with_time_zone(Inputs::CreatedAt))
                    .col(timestamp_with_time_zone_null(Inputs::EditedAt))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::ActivityId),
                        (Activities::Table, Activities::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::SectionId),
                        (ConsultationSections::Table, ConsultationSections::Id),
                        Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::ParentId),
                        (Inputs::Table, Inputs::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::AuthorId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::EnteredBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::MeetingId),
                        (Meetings::Table, Meetings::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        (Inputs::Table, Inputs::ShownAreaId),
                        (Areas::Table, Areas::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // The discussion reads top-level comments by activity (counted and paged without touching
        // the table), and the plan counts comments per section.
        for (name, columns) in [
            ("inputs_activity", vec![Inputs::ActivityId, Inputs::ParentId, Inputs::CreatedAt, Inputs::Status]),
            ("inputs_activity_sections", vec![Inputs::ActivityId, Inputs::Status, Inputs::SectionId]),
            ("inputs_parent", vec![Inputs::ParentId]),
            ("inputs_trajectory", vec![Inputs::TrajectoryId]),
            ("inputs_author", vec![Inputs::AuthorId]),
        ] {
            let mut index = Index::create().name(name).table(Inputs::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(InputSupports::Table)
                    .col(integer(InputSupports::InputId))
                    .col(integer(InputSupports::UserId))
                    .col(timestamp_with_time_zone(InputSupports::CreatedAt))
                    // One support per person, enforced by the database.
                    .primary_key(Index::create().col(InputSupports::InputId).col(InputSupports::UserId))
                    .foreign_key(&mut foreign_key(
                        (InputSupports::Table, InputSupports::InputId),
                        (Inputs::Table, Inputs::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputSupports::Table, InputSupports::UserId),
                        (Users::Table, Users::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InputReports::Table)
                    .col(pk_auto(InputReports::Id))
                    .col(integer(InputReports::InputId))
                    .col(integer_null(InputReports::ReporterId))
                    .col(text(InputReports::Reason))
                    .col(string_len(InputReports::Status, 16))
                    .col(integer_null(InputReports::HandledBy))
                    .col(timestamp_with_time_zone_null(InputReports::HandledAt))
                    .col(timestamp_with_time_zone(InputReports::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (InputReports::Table, InputReports::InputId),
                        (Inputs::Table, Inputs::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (InputReports::Table, InputReports::ReporterId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("input_reports_status")
                    .table(InputReports::Table)
                    .col(InputReports::Status)
                    .col(InputReports::InputId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MunicipalitiesExtra::Table)
                    .add_column(text_null(MunicipalitiesExtra::HouseRules))
                    .to_owned(),
            )
            .await?;
        let append_only = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_APPEND_ONLY,
            _ => SQLITE_APPEND_ONLY,
        };
        for statement in append_only {
            manager.get_connection().execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            conn.execute_unprepared("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").await?;
            conn.execute_unprepared("DROP FUNCTION IF EXISTS refuse_audit_change()").await?;
        } else {
            conn.execute_unprepared("DROP TRIGGER IF EXISTS audit_events_no_update").await?;
            conn.execute_unprepared("DROP TRIGGER IF EXISTS audit_events_no_delete").await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(MunicipalitiesExtra::Table)
                    .drop_column(MunicipalitiesExtra::HouseRules)
                    .to_owned(),
            )
            .await?;
        for table in [
            InputReports::Table.into_iden(),
            InputSupports::Table.into_iden(),
            Inputs::Table.into_iden(),
            Meetings::Table.into_iden(),
            Attachments::Table.into_iden(),
            ConsultationSections::Table.into_iden(),
            Activities::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
