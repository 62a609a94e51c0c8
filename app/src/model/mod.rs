//! The types that cross the wire: the page data the server functions return and the values
//! forms send. Plain serde structs, compiled on both sides, imported by `api/`, `server/` and
//! `ui/` alike, so that no layer has to import a higher one.

pub mod accounts;
pub mod admin;
pub mod consultations;
pub mod desk;
pub mod ideas;
pub mod initiatives;
pub mod moderation;
pub mod offline_input;
pub mod own_data;
pub mod panels;
pub mod poll_editing;
pub mod polls;
pub mod reports;
pub mod tenancy;
pub mod trajectories;
pub mod typed;
