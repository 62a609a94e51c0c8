//! sea-orm entities, one module per table.

pub mod account_token;
pub mod area;
pub mod audit_event;
pub mod municipality;
pub mod outbox_message;
pub mod role_grant;
pub mod session;
pub mod user;
