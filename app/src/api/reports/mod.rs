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

use crate::api::polls::PollResults;
use crate::api::tenancy::AreaSummary;
use crate::domain::consultations::Channel;
use crate::domain::reports::{Disposition, ItemKind, Participation, Progress};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An activity of the trajectory: what residents were asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedActivity {
    pub id: i32,
    /// `consultation`, `poll` or `ideas`.
    pub kind: String,
    pub title: String,
    pub phase: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollOutcome {
    pub activity_id: i32,
    pub title: String,
    pub results: PollResults,
}

/// The parts of a published version that are counts and titles, frozen with it (stored as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContents {
    pub asked: Vec<AskedActivity>,
    pub participation: Participation,
    pub polls: Vec<PollOutcome>,
    pub hidden_by_moderation: u64,
    /// Inputs per disposition.
    pub dispositions: Vec<(Disposition, u64)>,
}

/// One published version, as lists of versions show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version: i32,
    pub published_on: NaiveDate,
    pub late: bool,
    pub correction_reason: Option<String>,
}

/// The summaries of a trajectory's published versions, oldest first.
#[cfg(feature = "ssr")]
pub fn version_summaries(versions: &[crate::server::entities::report::Model]) -> Vec<VersionSummary> {
    versions
        .iter()
        .map(|r| VersionSummary {
            version: r.version,
            published_on: r.published_on,
            late: crate::domain::reports::published_late(r.published_on, r.promised_on),
            correction_reason: r.correction_reason.clone(),
        })
        .collect()
}
