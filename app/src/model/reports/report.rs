//! The types of reports / report that cross the wire.

use super::*;

/// Who gave an input, as the report may say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineAuthor {
    /// Written online under this display name.
    Named(String),
    /// "inwoner": an anonymous poll answer, an idea, or an account deleted since.
    Resident,
    /// Entered by staff from this channel.
    Via(Channel),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub position: i32,
    /// `i12` / `c7`: the anchor the mail links to.
    pub key: Option<String>,
    pub kind: ItemKind,
    pub channel: Channel,
    pub activity_title: String,
    pub area: Option<String>,
    pub received_on: NaiveDate,
    pub author: LineAuthor,
    /// Empty for a case its initiator kept from the public.
    pub body: String,
    pub answer_number: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAnswerView {
    pub number: i32,
    pub disposition: Disposition,
    pub reason: String,
    pub group_title: Option<String>,
    pub fixed_item: Option<String>,
    pub forwarded_to: Option<String>,
    pub forwarded_trajectory_id: Option<i32>,
}

/// The rules of play that applied, as far as the report repeats them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesApplied {
    pub version: i32,
    pub level: Option<crate::domain::rules_of_play::ParticipationLevel>,
    pub open_for_input: String,
    pub fixed_items: Vec<crate::domain::rules_of_play::FixedItem>,
    pub decision_maker: String,
    pub weighing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub version: VersionSummary,
    pub latest_version: i32,
    pub versions: Vec<VersionSummary>,
    pub promised_on: Option<NaiveDate>,
    pub decision: String,
    pub decided_by: String,
    pub decided_on: Option<NaiveDate>,
    pub council_decision_url: Option<String>,
    pub rules: Option<RulesApplied>,
    pub contents: ReportContents,
    pub item_count: i32,
    /// The input a mail linked to, with its answer, shown first.
    pub highlighted: Option<(ReportLine, ReportAnswerView)>,
    pub lines: Vec<ReportLine>,
    /// The answers of the lines shown.
    pub answers: Vec<ReportAnswerView>,
    pub matching: u64,
    pub page: u64,
    /// 0 when every line is shown at once (for printing).
    pub pages: u64,
    pub activity: Option<i32>,
    pub disposition: Option<Disposition>,
}
