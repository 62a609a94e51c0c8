//! The types of trajectories that cross the wire.

use crate::domain::rules_of_play::{CardField, RulesOfPlay};
use crate::domain::trajectories::{Stage, Status, Theme};
use crate::model::tenancy::AreaSummary;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseView {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub current: bool,
}

/// One version of the rules of play as shown to people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesVersion {
    pub version: i32,
    pub rules: RulesOfPlay,
    /// The names of the areas whose residents may take part, when eligibility is by area.
    pub eligible_area_names: Vec<String>,
    pub change_reason: Option<String>,
    /// When this version came into force; None for a draft.
    pub in_force_since: Option<DateTime<Utc>>,
    pub missing: Vec<CardField>,
}

/// Something residents can do in a trajectory (for now: a consultation), as listed on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitySummary {
    pub id: i32,
    /// `consultation`, `poll` or `ideas`.
    pub kind: String,
    pub title: String,
    pub phase_name: String,
    pub phase_starts_on: NaiveDate,
    pub phase_ends_on: NaiveDate,
    /// For a poll: the moments it opens and closes (its window in days is `window`).
    pub poll_opens_at: Option<DateTime<Utc>>,
    pub poll_closes_at: Option<DateTime<Utc>>,
    pub window: crate::domain::consultations::Window,
    pub visible_comments: u64,
    /// For a poll: the ballots counted so far.
    pub ballots: u64,
    /// For an ideas activity: the ideas brought in so far.
    pub ideas: u64,
}

impl ActivitySummary {
    /// The activity's own page in the municipality `slug`.
    pub fn path(&self, slug: &str) -> String {
        let id = self.id;
        match self.kind.as_str() {
            "poll" => format!("/{slug}/peilingen/{id}"),
            "ideas" => format!("/{slug}/ideeen/{id}"),
            _ => format!("/{slug}/raadplegingen/{id}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrajectoryDetail {
    pub id: i32,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub title: String,
    pub summary: String,
    /// The body rendered from Markdown and sanitised on the server.
    pub body_html: String,
    /// The Markdown source, only for those who may edit it.
    pub body_markdown: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub status: Status,
    pub stage: Stage,
    pub phases: Vec<PhaseView>,
    pub areas: Vec<AreaSummary>,
    pub themes: Vec<Theme>,
    /// The version in force (or the draft, before publication).
    pub rules: RulesVersion,
    /// Earlier versions, newest first.
    pub history: Vec<RulesVersion>,
    pub published_at: Option<DateTime<Utc>>,
    pub can_manage: bool,
    pub activities: Vec<ActivitySummary>,
    /// The newest published version of the report, if there is one.
    pub report: Option<crate::model::reports::VersionSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrajectorySummary {
    pub id: i32,
    pub title: String,
    pub summary: String,
    pub stage: Stage,
    pub level: Option<crate::domain::rules_of_play::ParticipationLevel>,
    pub area_names: Vec<String>,
    pub themes: Vec<Theme>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskPage {
    pub highlights: Vec<TrajectorySummary>,
    pub results: Vec<TrajectorySummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

/// The form with a trajectory's title, texts, contact, areas, themes and phases (one row per
/// phase: `phase_name[i]`, `phase_starts_on[i]`, `phase_ends_on[i]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrajectoryForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// Area ids, from checkboxes.
    pub areas: Vec<String>,
    pub themes: Vec<String>,
    pub phase_name: Vec<String>,
    pub phase_starts_on: Vec<String>,
    pub phase_ends_on: Vec<String>,
}

impl TrajectoryForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("title", &self.title)
            .field("summary", &self.summary)
            .field("body", &self.body)
            .field("contact_name", &self.contact_name)
            .field("contact_email", &self.contact_email)
            .field("contact_phone", &self.contact_phone)
            .rows("phase_name", &self.phase_name)
            .rows("phase_starts_on", &self.phase_starts_on)
            .rows("phase_ends_on", &self.phase_ends_on)
            .ticked("areas", &self.areas)
            .ticked("themes", &self.themes)
            .done()
    }
}

/// The rules-of-play card as a form (one row per fixed item: `fixed_what[i]`, `fixed_why[i]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RulesForm {
    pub level: String,
    pub municipality_role: String,
    pub open_for_input: String,
    pub fixed_what: Vec<String>,
    pub fixed_why: Vec<String>,
    pub decision_maker: String,
    pub decision_date: String,
    pub weighing: String,
    pub eligibility: String,
    /// Area ids, from checkboxes.
    pub eligible_areas: Vec<String>,
    pub eligible_min_age: String,
    pub eligible_max_age: String,
    pub eligible_panel: String,
    pub report_date: String,
    pub personal_data: String,
    pub retention_months: String,
}

impl RulesForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("level", &self.level)
            .field("municipality_role", &self.municipality_role)
            .field("open_for_input", &self.open_for_input)
            .field("decision_maker", &self.decision_maker)
            .field("decision_date", &self.decision_date)
            .field("weighing", &self.weighing)
            .field("eligibility", &self.eligibility)
            .field("eligible_min_age", &self.eligible_min_age)
            .field("eligible_max_age", &self.eligible_max_age)
            .field("eligible_panel", &self.eligible_panel)
            .field("report_date", &self.report_date)
            .field("personal_data", &self.personal_data)
            .field("retention_months", &self.retention_months)
            .rows("fixed_what", &self.fixed_what)
            .rows("fixed_why", &self.fixed_why)
            .ticked("eligible_areas", &self.eligible_areas)
            .done()
    }
}

/// The desk's filters as an address gives them; unknown values are ignored rather than refused,
/// so an old bookmarked link still shows something useful.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskFilters {
    /// Words to look for, in title and summary.
    pub q: String,
    /// An area's slug.
    pub area: String,
    pub theme: String,
    pub level: String,
    pub stage: String,
    /// Anything that is not a page number is the first page.
    pub page: String,
}
