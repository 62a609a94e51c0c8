//! The types of desk that cross the wire.

use crate::domain::desk::CaseStatus;
use crate::model::initiatives::CaseView;
use crate::model::tenancy::AreaSummary;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i32,
    pub number: String,
    pub kind: String,
    pub title: String,
    pub area_name: Option<String>,
    pub status: CaseStatus,
    pub owner_name: Option<String>,
    pub received_on: NaiveDate,
    /// The next deadline not yet met: ("acknowledge" | "answer", day).
    pub next_deadline: Option<(String, NaiveDate)>,
    pub overdue: bool,
}

/// The queue's filters as they appear in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilters {
    pub status: String,
    pub area: String,
    pub owner: String,
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub items: Vec<QueueItem>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub overdue_total: u64,
    pub areas: Vec<AreaSummary>,
    pub officers: Vec<(i32, String)>,
    pub filters: QueueFilters,
    pub may_set_norms: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
    pub at_local: chrono::NaiveDateTime,
}

/// How to reach the initiator: for the desk's eyes only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub channel: String,
    pub has_account: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCase {
    pub case: CaseView,
    pub contact: ContactView,
    pub notes: Vec<NoteView>,
    pub owner: Option<(i32, String)>,
    pub officers: Vec<(i32, String)>,
    /// Published trajectories a case can be forwarded to.
    pub trajectories: Vec<(i32, String)>,
    pub next_steps: Vec<CaseStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskSettingsPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub acknowledge_within: u32,
    pub answer_within: u32,
    pub support_threshold: Option<u32>,
    pub coordinator_id: Option<i32>,
    pub officers: Vec<(i32, String)>,
}

/// The form with the desk's norms (working days), support threshold and coordinator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskSettingsForm {
    pub acknowledge_within: String,
    pub answer_within: String,
    pub support_threshold: String,
    pub coordinator: String,
}

impl DeskSettingsForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("acknowledge_within", &self.acknowledge_within)
            .field("answer_within", &self.answer_within)
            .field("support_threshold", &self.support_threshold)
            .field("coordinator", &self.coordinator)
            .done()
    }
}
