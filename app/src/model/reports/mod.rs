//! The types of reports that cross the wire.

mod answering;
mod council;
mod publishing;
mod report;

pub use answering::*;
pub use council::*;
pub use publishing::*;
pub use report::*;

use crate::domain::consultations::Channel;
use crate::domain::reports::{Disposition, ItemKind, Participation, Progress};
use crate::model::polls::PollResults;
use crate::model::tenancy::AreaSummary;
use chrono::NaiveDate;
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
