//! Pure domain logic: validated value types, roles and permission predicates, the access table.
//! Nothing here knows about leptos, sea-orm or axum, so all of it is unit-tested in isolation.

pub mod access;
pub mod accounts;
pub mod attachments;
pub mod colour;
pub mod consultations;
pub mod desk;
pub mod eligibility;
pub mod follows;
pub mod initiatives;
pub mod navigation;
pub mod paging;
pub mod panels;
pub mod password_policy;
pub mod polls;
pub mod readability;
pub mod reports;
pub mod retention;
pub mod roles;
pub mod rules_of_play;
pub mod sessions;
pub mod shares;
pub mod small_groups;
pub mod tenancy;
pub mod trajectories;
pub mod validation;
pub mod working_days;
