//! The desk's reminder bookkeeping (`desk_alerts`: which deadline reminder went out for which
//! case) is never shown to anyone, yet it raised the content version. The reminder job writes one
//! row per reminder in a transaction of its own, so after a quiet weekend, or with thousands of
//! cases imported, it raised the version thousands of times in a row: every copy of every public
//! page (and every read kept under the version) was thrown away and made again while it ran.

use crate::m20261207_000012_content_version::{no_version_changes_of, version_changes_of};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables taken out of the content version after migration 12: nothing of them is ever shown.
pub const NO_LONGER_VERSIONED: &[&str] = &["desk_alerts"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in NO_LONGER_VERSIONED {
            no_version_changes_of(manager.get_connection(), table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in NO_LONGER_VERSIONED {
            version_changes_of(manager.get_connection(), table).await?;
        }
        Ok(())
    }
}
