//! Participation trajectories with their areas, themes and phases; the versioned rules of play
//! with their fixed items; and follows (mee-weten). A version of the rules of play is frozen once
//! it is in force: database triggers refuse any change to it or its parts, whatever path a change
//! comes by, so the only way to change the rules is a new version.

use crate::m20261122_000001_create_tenancy::{Areas, Municipalities};
use crate::m20261122_000002_create_accounts::Users;
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Trajectories {
    Table,
    Id,
    MunicipalityId,
    Title,
    Summary,
    Body,
    ContactName,
    ContactEmail,
    ContactPhone,
    Status,
    Level,
    StartsOn,
    EndsOn,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum TrajectoryAreas {
    Table,
    TrajectoryId,
    AreaId,
}

#[derive(DeriveIden)]
enum TrajectoryThemes {
    Table,
    TrajectoryId,
    Theme,
}

#[derive(DeriveIden)]
pub enum TrajectoryPhases {
    Table,
    Id,
    TrajectoryId,
    Position,
    Name,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
pub(crate) enum RulesOfPlay {
    Table,
    Id,
    TrajectoryId,
    Version,
    Level,
    MunicipalityRole,
    OpenForInput,
    DecisionMaker,
    DecisionDate,
    Weighing,
    Eligibility,
    EligibleMinAge,
    EligibleMaxAge,
    EligiblePanel,
    ReportDate,
    PersonalData,
    RetentionMonths,
    ChangeReason,
    FrozenAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RulesOfPlayAreas {
    Table,
    RulesId,
    AreaId,
}

#[derive(DeriveIden)]
enum RulesOfPlayFixedItems {
    Table,
    Id,
    RulesId,
    Position,
    What,
    Why,
}

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    ListUnsubscribe,
}

#[derive(DeriveIden)]
enum Follows {
    Table,
    Id,
    UserId,
    MunicipalityId,
    Kind,
    Target,
    UnsubscribeKey,
    CreatedAt,
}

fn cascade(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

const SQLITE_FREEZE: &[&str] = &[
    "CREATE TRIGGER rules_of_play_frozen_update BEFORE UPDATE ON rules_of_play
     WHEN OLD.frozen_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
    "CREATE TRIGGER rules_of_play_frozen_delete BEFORE DELETE ON rules_of_play
     WHEN OLD.frozen_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
    "CREATE TRIGGER fixed_items_frozen_insert BEFORE INSERT ON rules_of_play_fixed_items
     WHEN (SELECT frozen_at FROM rules_of_play WHERE id = NEW.rules_id) IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
    "CREATE TRIGGER fixed_items_frozen_update BEFORE UPDATE ON rules_of_play_fixed_items
     WHEN (SELECT frozen_at FROM rules_of_play WHERE id = OLD.rules_id) IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
    "CREATE TRIGGER fixed_items_frozen_delete BEFORE DELETE ON rules_of_play_fixed_items
     WHEN (SELECT frozen_at FROM rules_of_play WHERE id = OLD.rules_id) IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
    "CREATE TRIGGER rules_areas_frozen_insert BEFORE INSERT ON rules_of_play_areas
     WHEN (SELECT frozen_at FROM rules_of_play WHERE id = NEW.rules_id) IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
    "CREATE TRIGGER rules_areas_frozen_delete BEFORE DELETE ON rules_of_play_areas
     WHEN (SELECT frozen_at FROM rules_of_play WHERE id = OLD.rules_id) IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'rules of play in force are frozen'); END",
];

const POSTGRES_FREEZE: &[&str] = &[
    "CREATE FUNCTION refuse_frozen_rules() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION 'rules of play in force are frozen'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER rules_of_play_frozen BEFORE UPDATE OR DELETE ON rules_of_play
     FOR EACH ROW WHEN (OLD.frozen_at IS NOT NULL) EXECUTE FUNCTION refuse_frozen_rules()",
    "CREATE FUNCTION refuse_frozen_rule_parts() RETURNS trigger AS $$
     DECLARE parent integer;
     BEGIN
       IF TG_OP = 'INSERT' THEN parent := NEW.rules_id; ELSE parent := OLD.rules_id; END IF;
       IF (SELECT frozen_at FROM rules_of_play WHERE id = parent) IS NOT NULL THEN
         RAISE EXCEPTION 'rules of play in force are frozen';
       END IF;
       IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
       RETURN NEW;
     END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER fixed_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON rules_of_play_fixed_items
     FOR EACH ROW EXECUTE FUNCTION refuse_frozen_rule_parts()",
    "CREATE TRIGGER rules_areas_frozen BEFORE INSERT OR UPDATE OR DELETE ON rules_of_play_areas
     FOR EACH ROW EXECUTE FUNCTION refuse_frozen_rule_parts()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Trajectories::Table)
                    .col(pk_auto(Trajectories::Id))
                    .col(integer(Trajectories::MunicipalityId))
                    .col(string_len(Trajectories::Title, 160))
                    .col(text(Trajectories::Summary))
                    .col(text(Trajectories::Body))
                    .col(string_len(Trajectories::ContactName, 120))
                    .col(string_len(Trajectories::ContactEmail, 254))
                    .col(string_len(Trajectories::ContactPhone, 40))
                    .col(string_len(Trajectories::Status, 16))
                    // Copies of the level in force and of the first and last phase date, so the desk
                    // can filter and sort hundreds of trajectories in one indexed query.
                    .col(string_len_null(Trajectories::Level, 16))
                    .col(date_null(Trajectories::StartsOn))
                    .col(date_null(Trajectories::EndsOn))
                    .col(integer_null(Trajectories::CreatedBy))
                    .col(timestamp_with_time_zone(Trajectories::CreatedAt))
                    .col(timestamp_with_time_zone(Trajectories::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Trajectories::PublishedAt))
                    .foreign_key(&mut cascade(
                        (Trajectories::Table, Trajectories::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Trajectories::Table, Trajectories::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("trajectories_municipality_status")
                    .table(Trajectories::Table)
                    .col(Trajectories::MunicipalityId)
                    .col(Trajectories::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrajectoryAreas::Table)
                    .col(integer(TrajectoryAreas::TrajectoryId))
                    .col(integer(TrajectoryAreas::AreaId))
                    .primary_key(Index::create().col(TrajectoryAreas::TrajectoryId).col(TrajectoryAreas::AreaId))
                    .foreign_key(&mut cascade(
                        (TrajectoryAreas::Table, TrajectoryAreas::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (TrajectoryAreas::Table, TrajectoryAreas::AreaId),
                        (Areas::Table, Areas::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrajectoryThemes::Table)
                    .col(integer(TrajectoryThemes::TrajectoryId))
                    .col(string_len(TrajectoryThemes::Theme, 32))
                    .primary_key(Index::create().col(TrajectoryThemes::TrajectoryId).col(TrajectoryThemes::Theme))
                    .foreign_key(&mut cascade(
                        (TrajectoryThemes::Table, TrajectoryThemes::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrajectoryPhases::Table)
                    .col(pk_auto(TrajectoryPhases::Id))
                    .col(integer(TrajectoryPhases::TrajectoryId))
                    .col(integer(TrajectoryPhases::Position))
                    .col(string_len(TrajectoryPhases::Name, 120))
                    .col(date(TrajectoryPhases::StartsOn))
                    .col(date(TrajectoryPhases::EndsOn))
                    .foreign_key(&mut cascade(
                        (TrajectoryPhases::Table, TrajectoryPhases::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RulesOfPlay::Table)
                    .col(pk_auto(RulesOfPlay::Id))
                    .col(integer(RulesOfPlay::TrajectoryId))
                    .col(integer(RulesOfPlay::Version))
                    .col(string_len_null(RulesOfPlay::Level, 16))
                    .col(text(RulesOfPlay::MunicipalityRole))
                    .col(text(RulesOfPlay::OpenForInput))
                    .col(text(RulesOfPlay::DecisionMaker))
                    .col(date_null(RulesOfPlay::DecisionDate))
                    .col(text(RulesOfPlay::Weighing))
                    .col(string_len_null(RulesOfPlay::Eligibility, 16))
                    .col(integer_null(RulesOfPlay::EligibleMinAge))
                    .col(integer_null(RulesOfPlay::EligibleMaxAge))
                    .col(text_null(RulesOfPlay::EligiblePanel))
                    .col(date_null(RulesOfPlay::ReportDate))
                    .col(text(RulesOfPlay::PersonalData))
                    .col(integer_null(RulesOfPlay::RetentionMonths))
                    .col(text_null(RulesOfPlay::ChangeReason))
                    .col(timestamp_with_time_zone_null(RulesOfPlay::FrozenAt))
                    .col(integer_null(RulesOfPlay::CreatedBy))
                    .col(timestamp_with_time_zone(RulesOfPlay::CreatedAt))
                    .foreign_key(&mut cascade(
                        (RulesOfPlay::Table, RulesOfPlay::TrajectoryId),
                        (Trajectories::Table, Trajectories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rules_of_play_trajectory_version")
                    .table(RulesOfPlay::Table)
                    .col(RulesOfPlay::TrajectoryId)
                    .col(RulesOfPlay::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RulesOfPlayAreas::Table)
                    .col(integer(RulesOfPlayAreas::RulesId))
                    .col(integer(RulesOfPlayAreas::AreaId))
                    .primary_key(Index::create().col(RulesOfPlayAreas::RulesId).col(RulesOfPlayAreas::AreaId))
                    .foreign_key(&mut cascade(
                        (RulesOfPlayAreas::Table, RulesOfPlayAreas::RulesId),
                        (RulesOfPlay::Table, RulesOfPlay::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (RulesOfPlayAreas::Table, RulesOfPlayAreas::AreaId),
                        (Areas::Table, Areas::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RulesOfPlayFixedItems::Table)
                    .col(pk_auto(RulesOfPlayFixedItems::Id))
                    .col(integer(RulesOfPlayFixedItems::RulesId))
                    .col(integer(RulesOfPlayFixedItems::Position))
                    .col(text(RulesOfPlayFixedItems::What))
                    .col(text(RulesOfPlayFixedItems::Why))
                    .foreign_key(&mut cascade(
                        (RulesOfPlayFixedItems::Table, RulesOfPlayFixedItems::RulesId),
                        (RulesOfPlay::Table, RulesOfPlay::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Follows::Table)
                    .col(pk_auto(Follows::Id))
                    .col(integer(Follows::UserId))
                    .col(integer(Follows::MunicipalityId))
                    .col(string_len(Follows::Kind, 16))
                    .col(string_len(Follows::Target, 64))
                    .col(string_len_uniq(Follows::UnsubscribeKey, 64))
                    .col(timestamp_with_time_zone(Follows::CreatedAt))
                    .foreign_key(&mut cascade((Follows::Table, Follows::UserId), (Users::Table, Users::Id)))
                    .foreign_key(&mut cascade(
                        (Follows::Table, Follows::MunicipalityId),
                        (Municipalities::Table, Municipalities::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("follows_once")
                    .table(Follows::Table)
                    .col(Follows::UserId)
                    .col(Follows::MunicipalityId)
                    .col(Follows::Kind)
                    .col(Follows::Target)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Mail about followed things carries a one-click unsubscribe link (RFC 8058).
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessages::Table)
                    .add_column(text_null(OutboxMessages::ListUnsubscribe))
                    .to_owned(),
            )
            .await?;
        let freeze = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_FREEZE,
            _ => SQLITE_FREEZE,
        };
        for statement in freeze {
            manager.get_connection().execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(OutboxMessages::Table).drop_column(OutboxMessages::ListUnsubscribe).to_owned(),
            )
            .await?;
        // Dropping the tables drops their triggers; PostgreSQL keeps the functions.
        for table in [
            Follows::Table.into_iden(),
            RulesOfPlayFixedItems::Table.into_iden(),
            RulesOfPlayAreas::Table.into_iden(),
            RulesOfPlay::Table.into_iden(),
            TrajectoryPhases::Table.into_iden(),
            TrajectoryThemes::Table.into_iden(),
            TrajectoryAreas::Table.into_iden(),
            Trajectories::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            let conn = manager.get_connection();
            conn.execute_unprepared("DROP FUNCTION IF EXISTS refuse_frozen_rule_parts()").await?;
            conn.execute_unprepared("DROP FUNCTION IF EXISTS refuse_frozen_rules()").await?;
        }
        Ok(())
    }
}
