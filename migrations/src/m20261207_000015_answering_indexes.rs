//! Indexes for the answering screen, which counts a trajectory's input per view: one that holds
//! what it counts by (moderation state and channel), so the count reads the index in order
//! instead of every input's row (it replaces the index on the trajectory alone, its first
//! column); and two that find the desk's cases brought into an activity or forwarded to a
//! trajectory, which were found by reading every case of every municipality.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Inputs {
    Table,
    Id,
    TrajectoryId,
    Official,
    Status,
    Channel,
}

#[derive(DeriveIden, Clone, Copy)]
enum DeskCases {
    Table,
    ActivityId,
    ForwardedTo,
}

const REPLACED: &str = "inputs_trajectory";
const CREATED: [(&str, &str); 3] =
    [("inputs_answering", "inputs"), ("desk_cases_activity", "desk_cases"), ("desk_cases_forwarded", "desk_cases")];

fn created() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name(CREATED[0].0)
            .table(Inputs::Table)
            .col(Inputs::TrajectoryId)
            .col(Inputs::Official)
            .col(Inputs::Status)
            .col(Inputs::Channel)
            .col(Inputs::Id)
            .to_owned(),
        Index::create().name(CREATED[1].0).table(DeskCases::Table).col(DeskCases::ActivityId).to_owned(),
        Index::create().name(CREATED[2].0).table(DeskCases::Table).col(DeskCases::ForwardedTo).to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in created() {
            manager.create_index(index).await?;
        }
        manager.drop_index(Index::drop().name(REPLACED).table(Inputs::Table).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(Index::create().name(REPLACED).table(Inputs::Table).col(Inputs::TrajectoryId).to_owned())
            .await?;
        for (name, table) in CREATED {
            manager.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
