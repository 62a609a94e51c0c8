//! Server functions: thin adapters, one user intent each (`verb_noun`), each at a stable
//! endpoint listed in `domain::access`. The data types here cross the wire.

pub mod account_settings;
pub mod accounts;
pub mod admin;
pub mod consultation_editing;
pub mod consultations;
pub mod desk;
pub mod follows;
pub mod forms;
pub mod ideas;
pub mod initiatives;
pub mod moderation;
pub mod offline_input;
pub mod own_data;
pub mod panels;
pub mod paper_votes;
pub mod poll_editing;
pub mod polls;
pub mod reports;
pub mod tenancy;
pub mod trajectories;
pub mod trajectory_editing;
