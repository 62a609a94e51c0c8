//! The report on a trajectory: answering every input (project leads), publishing a frozen,
//! versioned report, reading it, and the council's view (everyone). Split by concept: `answering`,
//! `publishing`, `report` (reading a published version) and `council`; this module holds what
//! they share: the frozen contents of a version and the summary of a version.

// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

mod answering;
mod council;
mod publishing;
mod report;

pub use answering::*;
pub use council::*;
pub use publishing::*;
pub use report::*;

#[cfg(feature = "ssr")]
use crate::domain::consultations::Channel;
#[cfg(feature = "ssr")]
use crate::domain::reports::{Disposition, Progress};
use crate::error::AppError;
pub use crate::model::reports::*;
use leptos::prelude::*;
