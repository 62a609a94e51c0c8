//! Everything that exists only on the server: state, database access per concept, sessions,
//! authentication, throttling and mail. Compiled only with the `ssr` feature.

pub mod accounts;
pub mod activities;
pub mod admin;
pub mod attachments;
pub mod audit;
pub mod client_address;
pub mod clock;
pub mod consultations;
pub mod content_version;
pub mod context;
pub mod desk;
pub mod entities;
pub mod follows;
pub mod front_end;
pub mod letters;
pub mod mail;
pub mod markdown;
pub mod moderation;
pub mod notifications;
pub mod panels;
pub mod passwords;
pub mod poll_results;
pub mod polls;
pub mod reports;
pub mod request_memo;
pub mod session_store;
pub mod state;
pub mod submission;
pub mod tenancy;
pub mod throttle;
pub mod tokens;
pub mod trajectories;
pub mod unique;
pub mod versioned_reads;
pub mod writes;
