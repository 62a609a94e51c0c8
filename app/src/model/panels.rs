//! The types of panels that cross the wire.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelSummary {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub term_starts_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
    pub members: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelsPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub panels: Vec<PanelSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i32,
    pub display_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// Added by staff rather than joined with a code.
    pub added_by_staff: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelDetail {
    pub municipality_slug: String,
    pub panel: PanelSummary,
    pub members: Vec<MemberView>,
    pub open_codes: u64,
    pub used_codes: u64,
    /// Codes just made, shown this once (also after a form sent without JavaScript).
    pub new_codes: Vec<String>,
    /// Where a code is typed in, printed with every code.
    pub join_url: String,
}

/// A panel the reader is a member of, for their account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPanel {
    pub id: i32,
    pub name: String,
    pub municipality_id: i32,
    pub since: NaiveDate,
}

/// What a new member of a panel sees at once: which panel, and the polls open to its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub name: String,
    pub open_polls: Vec<OpenPanelPoll>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPanelPoll {
    pub id: i32,
    pub title: String,
    pub closes_on: NaiveDate,
}

/// The form that creates a panel (`id` empty) or changes one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PanelForm {
    pub id: String,
    pub name: String,
    pub description: String,
    pub min_age: String,
    pub max_age: String,
    pub term_starts_on: String,
    pub term_ends_on: String,
}

impl PanelForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("name", &self.name)
            .field("description", &self.description)
            .field("min_age", &self.min_age)
            .field("max_age", &self.max_age)
            .field("term_starts_on", &self.term_starts_on)
            .field("term_ends_on", &self.term_ends_on)
            .done()
    }
}
