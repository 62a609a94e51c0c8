//! The types of reports / publishing that cross the wire.

use super::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationPage {
    pub municipality_slug: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub progress: Progress,
    pub blocked: Option<crate::domain::validation::Problem>,
    pub next_version: i32,
    pub promised_on: Option<NaiveDate>,
    /// Filled in from the last version, or from the rules of play for the first.
    pub decision: String,
    pub decided_by: String,
    pub decided_on: Option<NaiveDate>,
    pub council_decision_url: String,
    pub published: Vec<VersionSummary>,
}
