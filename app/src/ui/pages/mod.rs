//! One module per page; each `*Page` component is a route.

pub mod account_page;
pub mod admin_page;
pub mod audit_log_page;
pub mod confirm_email_change_page;
pub mod consultation_editor_page;
pub mod consultation_page;
pub mod forgot_password_page;
pub mod home_page;
pub mod house_rules_page;
pub mod log_in_page;
pub mod manage_municipality_page;
pub mod moderation_page;
pub mod municipality_page;
pub mod not_found_page;
pub mod offline_input_page;
pub mod outbox_page;
pub mod poll_page;
pub mod register_page;
pub mod reset_password_page;
pub mod trajectory_editor_page;
pub mod trajectory_page;
pub mod unsubscribe_page;
pub mod verify_email_page;
