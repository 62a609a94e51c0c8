//! The types of polls that cross the wire.

use crate::domain::consultations::Channel;
use crate::domain::eligibility::NotEligible;
use crate::domain::polls::{Answer, AnswerInput, PollWindow, ResultsShown};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: i32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    pub prompt: String,
    /// `single`, `multiple`, `scale`, `ranking` or `open`.
    pub kind: String,
    pub required: bool,
    pub max_choices: Option<u8>,
    pub scale_max: Option<u8>,
    pub options: Vec<OptionView>,
}

/// Who may vote, as the page explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WhoMayVote {
    Everyone,
    Areas(Vec<String>),
    AgeBand { min: u8, max: u8 },
    Panel(String),
}

/// Whether the reader may vote now, and if not, why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MayVote {
    Yes,
    SignIn,
    NotYetOpen,
    Closed,
    NotEligible(NotEligible),
    /// Voted, and the poll does not allow changing the ballot.
    AlreadyVoted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionResult {
    pub id: i32,
    pub label: String,
    pub online: u64,
    /// Counted on paper or at a meeting, entered by staff.
    pub paper: u64,
    pub total: u64,
    /// Share of those who answered the question, in tenths of a percent.
    pub per_mille: u64,
    /// Rankings: Borda points (first place counts most) and the number of first places.
    pub points: u64,
    pub first_places: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleResult {
    pub value: i32,
    pub count: u64,
    pub per_mille: u64,
}

/// One group of a breakdown: its voters who answered and their choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupResult {
    pub label: String,
    pub answered: u64,
    /// (option id, count, per mille of the group)
    pub options: Vec<(i32, u64, u64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// `age` or `area`.
    pub dimension: String,
    /// Only groups of at least 10 voters.
    pub groups: Vec<GroupResult>,
    /// Some groups had fewer than 10 voters and are left out.
    pub smaller_groups_left_out: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: i32,
    pub prompt: String,
    pub kind: String,
    /// Online voters who answered the question.
    pub answered: u64,
    /// Votes on paper or at meetings for this question.
    pub paper_answered: u64,
    pub options: Vec<OptionResult>,
    pub scale: Vec<ScaleResult>,
    /// A scale's mean in tenths (3.7 is 37).
    pub mean_tenths: Option<u64>,
    pub breakdowns: Vec<Breakdown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperBatchView {
    // Defaults: published reports keep their poll results as they were written, before batches
    // had these fields.
    #[serde(default)]
    pub id: i32,
    pub channel: Channel,
    pub description: String,
    pub counted_on: NaiveDate,
    pub votes: u64,
    /// Taken out of the totals; still listed, so every change to a count can be traced.
    #[serde(default)]
    pub withdrawn: Option<PaperWithdrawalView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperWithdrawalView {
    /// The Dutch day it was withdrawn.
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResults {
    /// Online ballots.
    pub ballots: u64,
    pub questions: Vec<QuestionResult>,
    pub paper: Vec<PaperBatchView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    pub id: i32,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub title: String,
    pub intro_html: String,
    pub phase_name: String,
    /// On a Dutch clock.
    pub opens_local: NaiveDateTime,
    pub closes_local: NaiveDateTime,
    pub window: PollWindow,
    pub results_shown: ResultsShown,
    pub secret: bool,
    pub changeable: bool,
    /// The rules of play's eligibility and the poll's narrowing; a voter must meet each.
    pub who: Vec<WhoMayVote>,
    pub questions: Vec<QuestionView>,
    pub may_vote: MayVote,
    pub voted: bool,
    /// The reader's own choices, only for a poll that is not secret.
    pub my_answers: Option<Vec<(i32, Answer)>>,
    /// Signs the ballot form; None for visitors.
    pub submission_token: Option<String>,
    /// Ballots counted so far (always public: turnout says nothing about choices).
    pub ballots: u64,
    /// The results, when public or when the reader is staff of the municipality.
    pub results: Option<PollResults>,
    pub results_public: bool,
    pub can_enter_paper: bool,
    /// A project lead of the municipality: may edit the poll until votes are counted.
    pub can_manage: bool,
}

/// The ballot form's fields, as the server function receives them, turned into one answer
/// per question for the domain's check; problems the conversion finds itself (a ranking
/// with two options in one place) come back by question.
pub struct BallotForm {
    pub choice: HashMap<String, String>,
    pub pick: HashMap<String, HashMap<String, String>>,
    pub scale: HashMap<String, String>,
    pub rank: HashMap<String, HashMap<String, String>>,
    pub open: HashMap<String, String>,
}

impl BallotForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        let mut typed = Vec::new();
        typed.extend(self.choice.iter().map(|(q, v)| (format!("choice[{q}]"), v.clone())));
        typed.extend(self.scale.iter().map(|(q, v)| (format!("scale[{q}]"), v.clone())));
        typed.extend(self.open.iter().map(|(q, v)| (format!("open[{q}]"), v.clone())));
        for (q, picks) in &self.pick {
            let chosen: Vec<&str> = picks.iter().filter(|(_, v)| !v.is_empty()).map(|(o, _)| o.as_str()).collect();
            typed.push((format!("pick[{q}]"), chosen.join(",")));
        }
        for (q, ranks) in &self.rank {
            typed.extend(ranks.iter().map(|(o, v)| (format!("rank[{q}][{o}]"), v.clone())));
        }
        typed
    }

    pub fn answers(&self) -> (BTreeMap<i32, AnswerInput>, Vec<i32>) {
        let mut inputs: BTreeMap<i32, AnswerInput> = BTreeMap::new();
        let mut bad_rankings = Vec::new();
        let id = |raw: &str| raw.trim().parse::<i32>().unwrap_or(-1);
        for (q, v) in &self.choice {
            inputs.entry(id(q)).or_default().options.push(v.clone());
        }
        for (q, picks) in &self.pick {
            let mut chosen: Vec<&String> = picks.iter().filter(|(_, v)| !v.is_empty()).map(|(o, _)| o).collect();
            chosen.sort_by_key(|o| id(o));
            inputs.entry(id(q)).or_default().options.extend(chosen.into_iter().cloned());
        }
        for (q, v) in self.scale.iter().chain(&self.open) {
            inputs.entry(id(q)).or_default().text = v.clone();
        }
        for (q, ranks) in &self.rank {
            let entry = inputs.entry(id(q)).or_default();
            match crate::domain::polls::order_from_ranks(ranks) {
                Ok(order) => entry.options = order,
                Err(_) => bad_rankings.push(id(q)),
            }
        }
        (inputs, bad_rankings)
    }
}

/// The form that enters votes counted on paper or at a meeting: totals per option of the poll's
/// single-choice questions (`count[option]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaperVotesForm {
    pub submission_token: String,
    pub channel: String,
    pub description: String,
    pub counted_on: String,
    pub count: HashMap<String, String>,
}

impl PaperVotesForm {
    /// What was typed, to fill the form in again when it is refused.
    pub fn typed(&self) -> Vec<(String, String)> {
        let mut typed = vec![
            ("channel".to_owned(), self.channel.clone()),
            ("description".to_owned(), self.description.clone()),
            ("counted_on".to_owned(), self.counted_on.clone()),
        ];
        typed.extend(self.count.iter().map(|(o, v)| (format!("count[{o}]"), v.clone())));
        typed
    }
}
