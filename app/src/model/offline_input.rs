//! The types of offline_input that cross the wire.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: i32,
    pub title: String,
    pub held_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfflineEntry {
    pub municipality_slug: String,
    pub consultation: i32,
    pub title: String,
    pub sections: Vec<(i32, String)>,
    pub meetings: Vec<MeetingView>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub today: NaiveDate,
    pub submission_token: String,
}
