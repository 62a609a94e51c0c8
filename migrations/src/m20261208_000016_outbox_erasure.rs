//! A mail that must leave no trace once sent: the confirmation that an account was deleted goes
//! to an address that may not stay in the database (AVG article 17). The mail worker deletes such
//! a message as soon as it is sent, instead of keeping it as sent.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    EraseWhenSent,
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
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(OutboxMessages::Table).drop_column(OutboxMessages::EraseWhenSent).to_owned(),
            )
            .await
    }
}
