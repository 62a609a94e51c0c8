//! Indexes for the lists read most, so they are read in order instead of sorted per request:
//! the desk's queue (oldest first), the register by supports, the desk's list of trajectories,
//! and one that holds every date the desk's deadlines and published figures are counted from, so
//! those counts read the index alone instead of every case with its text.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum DeskCases {
    Table,
    Id,
    MunicipalityId,
    Status,
    Public,
    Supports,
    ReceivedOn,
    ReceivedAt,
    AcknowledgedOn,
    AcknowledgeBy,
    AnsweredOn,
    AnswerBy,
}

#[derive(DeriveIden)]
enum Trajectories {
    Table,
    Id,
    MunicipalityId,
    StartsOn,
}

const INDEXES: [&str; 4] =
    ["desk_cases_queue_order", "desk_cases_deadlines", "desk_cases_register_supports", "trajectories_desk_order"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use DeskCases as D;
        let desk = |name: &str, columns: &[D]| {
            let mut index = Index::create();
            index.name(name).table(D::Table);
            for column in columns {
                index.col(*column);
            }
            index.to_owned()
        };
        for index in [
            desk(INDEXES[0], &[D::MunicipalityId, D::ReceivedOn, D::ReceivedAt, D::Id]),
            desk(
                INDEXES[1],
                &[
                    D::MunicipalityId,
                    D::Status,
                    D::AcknowledgedOn,
                    D::AcknowledgeBy,
                    D::AnsweredOn,
                    D::AnswerBy,
                    D::ReceivedOn,
                ],
            ),
            desk(INDEXES[2], &[D::MunicipalityId, D::Public, D::Supports, D::ReceivedAt, D::Id]),
            Index::create()
                .name(INDEXES[3])
                .table(Trajectories::Table)
                .col(Trajectories::MunicipalityId)
                .col(Trajectories::StartsOn)
                .col(Trajectories::Id)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in INDEXES.iter().zip(["desk_cases", "desk_cases", "desk_cases", "trajectories"]) {
            manager.drop_index(Index::drop().name(*name).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
