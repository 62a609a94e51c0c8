//! Consultations: reading the plan and its discussion, and what residents do there (comment on
//! a section or the whole plan, reply, support, report, edit or take back their own comment).
//! Who may comment is decided on the server at the moment of posting, from the rules of play.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::consultations::SortOrder;
use crate::error::AppError;
use crate::model::consultations::*;
use leptos::prelude::*;

mod comments;
mod reading;
pub use comments::*;
pub use reading::*;
