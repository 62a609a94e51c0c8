//! Throttles shared by every app server.
//!
//! One row per token bucket (login tries per address, per account, registrations per address,
//! comments per account, …). A check is one upsert that refills the bucket for the time passed
//! and takes a token; with several app servers in front of one database they all draw from the
//! same bucket. The key is a keyed hash, so the table holds no e-mail address or IP address.
//! Times are milliseconds since 1970, so the arithmetic is the same on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ThrottleBuckets {
    Table,
    Key,
    Tokens,
    RefilledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ThrottleBuckets::Table)
                    .col(string_len(ThrottleBuckets::Key, 64).primary_key())
                    .col(big_integer(ThrottleBuckets::Tokens))
                    .col(big_integer(ThrottleBuckets::RefilledAt))
                    .to_owned(),
            )
            .await?;
        // Housekeeping forgets buckets that have long been full again.
        manager
            .create_index(
                Index::create()
                    .name("idx_throttle_buckets_refilled_at")
                    .table(ThrottleBuckets::Table)
                    .col(ThrottleBuckets::RefilledAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ThrottleBuckets::Table).to_owned()).await
    }
}
