//! Municipalities, their areas (kernen/wijken) and house style.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Municipalities {
    Table,
    Id,
    Slug,
    Name,
    PrimaryColour,
    AccentColour,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Areas {
    Table,
    Id,
    MunicipalityId,
    Slug,
    Name,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Municipalities::Table)
                    .col(pk_auto(Municipalities::Id))
                    .col(string_len_uniq(Municipalities::Slug, 64))
                    .col(string_len(Municipalities::Name, 120))
                    .col(string_len(Municipalities::PrimaryColour, 7))
                    .col(string_len(Municipalities::AccentColour, 7))
                    .col(timestamp_with_time_zone(Municipalities::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Areas::Table)
                    .col(pk_auto(Areas::Id))
                    .col(integer(Areas::MunicipalityId))
                    .col(string_len(Areas::Slug, 64))
                    .col(string_len(Areas::Name, 120))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Areas::Table, Areas::MunicipalityId)
                            .to(Municipalities::Table, Municipalities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("areas_municipality_slug")
                    .table(Areas::Table)
                    .col(Areas::MunicipalityId)
                    .col(Areas::Slug)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Areas::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Municipalities::Table).to_owned()).await
    }
}
