//! The types of poll_editing that cross the wire.

use crate::model::tenancy::AreaSummary;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChoice {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// What the poll editor offers to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollEditor {
    pub municipality_slug: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub phases: Vec<PhaseChoice>,
    pub areas: Vec<AreaSummary>,
    /// (id, name)
    pub panels: Vec<(i32, String)>,
}

/// How a stored poll fills the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInitial {
    pub prompt: String,
    pub kind: String,
    pub options: String,
    pub max: String,
    pub required: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollInitial {
    pub id: i32,
    pub title: String,
    pub intro: String,
    pub phase: usize,
    pub opens_on: String,
    pub opens_time: String,
    pub closes_on: String,
    pub closes_time: String,
    pub results: String,
    pub secret: bool,
    pub changeable: bool,
    pub eligibility: String,
    pub areas: Vec<String>,
    pub min_age: String,
    pub max_age: String,
    pub panel: String,
    pub questions: Vec<QuestionInitial>,
    /// Votes were counted: the poll can no longer change.
    pub has_votes: bool,
}
