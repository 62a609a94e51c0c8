//! Database schema of Samenspraak, one file per migration. Every migration has a working `down`;
//! the integration tests run up → down → up on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_tenancy;
mod m20261122_000002_create_accounts;
mod m20261122_000003_create_outbox;
mod m20261122_000004_create_audit_log;
mod m20261122_000005_create_trajectories;
mod m20261122_000006_create_consultations;
mod m20261122_000007_create_polls;
mod m20261122_000008_create_desk;
mod m20261123_000009_create_reports;
mod m20261206_000010_form_submissions;
mod m20261207_000011_throttle_buckets;
pub mod m20261207_000012_content_version;
mod m20261207_000013_reading_indexes;
pub mod m20261207_000014_desk_alerts_unversioned;
mod m20261207_000015_answering_indexes;
pub mod m20261208_000016_privacy;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_tenancy::Migration),
            Box::new(m20261122_000002_create_accounts::Migration),
            Box::new(m20261122_000003_create_outbox::Migration),
            Box::new(m20261122_000004_create_audit_log::Migration),
            Box::new(m20261122_000005_create_trajectories::Migration),
            Box::new(m20261122_000006_create_consultations::Migration),
            Box::new(m20261122_000007_create_polls::Migration),
            Box::new(m20261122_000008_create_desk::Migration),
            Box::new(m20261123_000009_create_reports::Migration),
            Box::new(m20261206_000010_form_submissions::Migration),
            Box::new(m20261207_000011_throttle_buckets::Migration),
            Box::new(m20261207_000012_content_version::Migration),
            Box::new(m20261207_000013_reading_indexes::Migration),
            Box::new(m20261207_000014_desk_alerts_unversioned::Migration),
            Box::new(m20261207_000015_answering_indexes::Migration),
            Box::new(m20261208_000016_privacy::Migration),
        ]
    }
}
