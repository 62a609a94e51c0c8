//! sea-orm entities, one module per table.

pub mod account_token;
pub mod activity;
pub mod area;
pub mod attachment;
pub mod audit_event;
pub mod consultation_section;
pub mod follow;
pub mod input;
pub mod input_report;
pub mod input_support;
pub mod meeting;
pub mod municipality;
pub mod outbox_message;
pub mod role_grant;
pub mod rules_of_play;
pub mod rules_of_play_area;
pub mod rules_of_play_fixed_item;
pub mod session;
pub mod trajectory;
pub mod trajectory_area;
pub mod trajectory_phase;
pub mod trajectory_theme;
pub mod user;
