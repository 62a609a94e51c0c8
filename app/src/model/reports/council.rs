//! The types of reports / council that cross the wire.

use super::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilTrajectory {
    pub id: i32,
    pub title: String,
    pub level: Option<crate::domain::rules_of_play::ParticipationLevel>,
    pub stage: crate::domain::trajectories::Stage,
    pub inputs: u64,
    pub people: Option<crate::domain::reports::Shown>,
    pub promised_on: Option<NaiveDate>,
    pub reported_on: Option<NaiveDate>,
    pub late: bool,
    pub overdue: bool,
    pub outcome: Option<crate::domain::reports::Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectories: Vec<CouncilTrajectory>,
    /// Over every published report.
    pub outcome: crate::domain::reports::Outcome,
    pub reports: u64,
    pub reports_on_time: u64,
    pub overdue: u64,
    pub acknowledge_within: u32,
    pub answer_within: u32,
    pub figures: Vec<crate::domain::desk::QuarterFigures>,
    pub reach: Vec<crate::domain::reports::YearReach>,
}
