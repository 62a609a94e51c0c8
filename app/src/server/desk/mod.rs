//! Database access for the participation desk: the municipality's norms, cases and their steps,
//! the conversation with the initiator (and the desk's internal notes, kept apart), supports and
//! the public register, the queue, the published figures and the reminders about deadlines.
//! Lookups go through the municipality, so another municipality's case is simply not found.

pub mod cases;
pub mod conversation;
pub mod figures;
pub mod queue;
pub mod register;
pub mod reminders;
pub mod settings;

use crate::error::AppError;

pub fn not_found() -> AppError {
    super::context::answer_with(AppError::NotFound)
}
