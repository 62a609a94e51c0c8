//! Integration tests: the real router, in-process, against a real database (SQLite, and
//! PostgreSQL when TEST_POSTGRES_URL is set). One test binary keeps linking cheap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access_table;
mod accounts;
mod admin;
mod attachments;
mod backup_and_restore;
mod cli;
mod client_address_and_throttles;
mod common;
mod concurrent_routers;
mod consultations;
mod desk;
mod form_submissions;
mod health_and_open_data;
mod hostile_text;
mod mail_in_development;
mod metrics;
mod migrations_roundtrip;
mod moderation;
mod offline_input;
mod open_data_failures;
mod open_data_snapshots;
mod page_cache;
mod page_weight;
mod paging;
mod panels;
mod polls;
mod reports;
mod schema_at_start;
mod security;
mod sessions_and_reset;
mod trajectories;
mod transport;
mod unconfirmed;
mod write_transactions;
