//! Privacy (issue 19).
//! - A mail that must leave no trace once sent: the confirmation that an account was deleted goes
//!   to an address that may not stay in the database (AVG article 17). The mail worker deletes
//!   such a message as soon as it is sent, instead of keeping it as sent.
//! - When each daily housekeeping job last ran, so that with several app servers only one of
//!   them runs it each day (the one whose update of the row succeeds).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, timestamp_with_time_zone};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables added here that nothing public ever shows, so they stay out of the content version.
pub const NEVER_PUBLIC: &[&str] = &["housekeeping_runs"];

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    EraseWhenSent,
}

#[derive(DeriveIden)]
enum HousekeepingRuns {
    Table,
    Job,
    LastRunAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessages::Table)
                    .add_column(ColumnDef::new(OutboxMessages::EraseWhenSent).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HousekeepingRuns::Table)
                    .col(string(HousekeepingRuns::Job).primary_key())
                    .col(timestamp_with_time_zone(HousekeepingRuns::LastRunAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HousekeepingRuns::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(OutboxMessages::Table).drop_column(OutboxMessages::EraseWhenSent).to_owned(),
            )
            .await
    }
}
