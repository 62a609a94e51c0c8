//! The report on a trajectory: answering every input (project leads), publishing a frozen,
//! versioned report, reading it, and the council's view (everyone). Split by concept: `answering`,
//! `publishing`, `report` (reading a published version) and `council`; this module holds what
//! they share: the frozen contents of a version and the summary of a version.

mod answering;
mod council;
mod publishing;
mod report;

pub use answering::*;
pub use council::*;
pub use publishing::*;
pub use report::*;

use crate::error::AppError;
use leptos::prelude::*;
