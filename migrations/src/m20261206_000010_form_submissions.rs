//! Forms that count once, and paper votes that can be taken back.
//!
//! `form_submissions` remembers, per submission key (derived from the form's signed token and
//! its target), what the first submit made. The key is the primary key, so of two identical
//! submits only one can commit; the other finds what the first made and answers with that. Keys
//! are kept two days, longer than a token lives, and then forgotten.
//!
//! `poll_paper_withdrawals` takes a wrongly entered batch of paper votes out of the totals
//! without deleting it: when, by whom and why stay visible next to the batch. One row per batch
//! at most, so withdrawing twice is the same as once.

use crate::m20261122_000002_create_accounts::Users;
use crate::m20261122_000006_create_consultations::foreign_key;
use sea_orm_migration::{prelude::*, schema::*};
use ForeignKeyAction::{Cascade, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormSubmissions {
    Table,
    Key,
    MadeId,
    MadeAt,
}

#[derive(DeriveIden)]
enum PollPaperWithdrawals {
    Table,
    BatchId,
    WithdrawnAt,
    WithdrawnBy,
    Reason,
}

#[derive(DeriveIden)]
enum PollPaperBatches {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormSubmissions::Table)
                    .col(string_len(FormSubmissions::Key, 64).primary_key())
                    .col(integer(FormSubmissions::MadeId))
                    .col(timestamp_with_time_zone(FormSubmissions::MadeAt))
                    .to_owned(),
            )
            .await?;
        // Housekeeping forgets old keys by age.
        manager
            .create_index(
                Index::create()
                    .name("idx_form_submissions_made_at")
                    .table(FormSubmissions::Table)
                    .col(FormSubmissions::MadeAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollPaperWithdrawals::Table)
                    .col(integer(PollPaperWithdrawals::BatchId).primary_key())
                    .col(timestamp_with_time_zone(PollPaperWithdrawals::WithdrawnAt))
                    .col(integer_null(PollPaperWithdrawals::WithdrawnBy))
                    .col(string_len(PollPaperWithdrawals::Reason, 500))
                    .foreign_key(&mut foreign_key(
                        (PollPaperWithdrawals::Table, PollPaperWithdrawals::BatchId),
                        (PollPaperBatches::Table, PollPaperBatches::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (PollPaperWithdrawals::Table, PollPaperWithdrawals::WithdrawnBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PollPaperWithdrawals::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(FormSubmissions::Table).to_owned()).await
    }
}
