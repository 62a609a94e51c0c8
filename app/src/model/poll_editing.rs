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

/// The poll editor's form. `phase` is the phase's position (0-based); the questions come one row
/// each (`question_prompt[i]`, `question_kind[i]`, `question_options[i]` one option per line,
/// `question_max[i]`), and `question_required[]` lists the rows whose box is ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PollForm {
    pub title: String,
    pub intro: String,
    pub phase: String,
    pub opens_on: String,
    pub opens_time: String,
    pub closes_on: String,
    pub closes_time: String,
    pub results: String,
    pub secret: String,
    pub changeable: String,
    pub eligibility: String,
    /// Area ids, from checkboxes.
    pub eligible_areas: Vec<String>,
    pub eligible_min_age: String,
    pub eligible_max_age: String,
    pub eligible_panel: String,
    pub question_prompt: Vec<String>,
    pub question_kind: Vec<String>,
    pub question_options: Vec<String>,
    pub question_max: Vec<String>,
    /// The rows (as numbers) whose question must be answered.
    pub question_required: Vec<String>,
}

impl PollForm {
    /// Whether row `i`'s question must be answered.
    pub fn required(&self, i: usize) -> bool {
        self.question_required.iter().any(|row| row.trim() == i.to_string())
    }

    pub fn typed(&self) -> Vec<(String, String)> {
        let mut typed = crate::model::typed::Typed::new()
            .field("title", &self.title)
            .field("intro", &self.intro)
            .field("phase", &self.phase)
            .field("opens_on", &self.opens_on)
            .field("opens_time", &self.opens_time)
            .field("closes_on", &self.closes_on)
            .field("closes_time", &self.closes_time)
            .field("results", &self.results)
            .field("secret", &self.secret)
            .field("changeable", &self.changeable)
            .field("eligibility", &self.eligibility)
            .field("eligible_min_age", &self.eligible_min_age)
            .field("eligible_max_age", &self.eligible_max_age)
            .field("eligible_panel", &self.eligible_panel)
            .ticked("eligible_areas", &self.eligible_areas)
            .rows("question_prompt", &self.question_prompt)
            .rows("question_kind", &self.question_kind)
            .rows("question_options", &self.question_options)
            .rows("question_max", &self.question_max);
        // Every row says whether its box was ticked, so an unticked box stays unticked.
        for i in 0..self.question_prompt.len() {
            typed = typed.field(&format!("question_required[{i}]"), if self.required(i) { "on" } else { "" });
        }
        typed.done()
    }
}
