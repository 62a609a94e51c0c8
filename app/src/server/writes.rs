//! The one way to open a write transaction.
//!
//! SQLite's plain `BEGIN` is deferred: the transaction takes the write lock only at its first
//! write. When it has read before that, and another connection wrote in the meantime, SQLite
//! cannot upgrade it and answers SQLITE_BUSY at once: the busy timeout does not help. Correctness
//! then depended on "the first statement must be a write", a convention nobody can see.
//! `BEGIN IMMEDIATE` takes the write lock at the start and waits for it under the busy timeout, so
//! a use case may read first and decide. PostgreSQL has no such mode and ignores it; its
//! transactions are guarded by its own locks and the unique constraints.

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// A transaction that will write. Commit it, or dropping it rolls everything back. Opened inside
/// another transaction it is a savepoint: a step that may fail on a unique constraint without
/// spoiling the transaction around it (PostgreSQL aborts the whole transaction on any error).
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
