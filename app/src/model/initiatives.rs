//! The types of initiatives that cross the wire.

use crate::domain::desk::{CaseStatus, QuarterFigures};
use crate::model::tenancy::AreaSummary;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A municipality's promise, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormView {
    pub acknowledge_within: u32,
    pub answer_within: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeFormPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub areas: Vec<AreaSummary>,
    /// None when not signed in: the page asks to sign in first.
    pub submission_token: Option<String>,
    /// The reader's own area, chosen beforehand.
    pub reader_area: Option<i32>,
    /// Desk officers may enter one for someone else.
    pub may_enter_for_others: bool,
    pub norm: NormView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub status: CaseStatus,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub from_desk: bool,
    /// The resident's display name; messages from staff are signed by the desk.
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
    /// The same moment on a Dutch clock.
    pub at_local: chrono::NaiveDateTime,
}

/// A case as its initiator (and the desk) sees it. Never holds internal notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: i32,
    pub number: String,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub area_name: Option<String>,
    pub support_asked: Vec<String>,
    pub public: bool,
    pub status: CaseStatus,
    pub received_on: NaiveDate,
    pub acknowledge_by: NaiveDate,
    pub acknowledged_on: Option<NaiveDate>,
    /// None while the clock stands still (the desk waits for the initiator).
    pub answer_by: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub overdue: bool,
    pub supports: u32,
    pub council_listed_on: Option<NaiveDate>,
    pub forwarded_to: Option<(i32, String)>,
    /// For an idea brought in inside a trajectory: the activity's id and title and the
    /// trajectory's title.
    pub brought_in_at: Option<(i32, String, String)>,
    pub steps: Vec<StepView>,
    pub messages: Vec<MessageView>,
    pub norm: NormView,
    /// For the initiator's answer to the desk.
    pub submission_token: Option<String>,
}

/// One line of the reader's own cases on the account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCase {
    pub id: i32,
    pub number: String,
    pub title: String,
    pub status: CaseStatus,
    pub received_on: NaiveDate,
}

/// An initiative in the public register: never the initiator's name or contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterItem {
    pub id: i32,
    pub number: String,
    pub kind: String,
    pub title: String,
    pub area_name: Option<String>,
    pub status: CaseStatus,
    pub supports: u32,
    pub received_on: NaiveDate,
    pub council_listed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub items: Vec<RegisterItem>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub most_supported: bool,
    pub council_list: Vec<RegisterItem>,
    pub support_threshold: Option<u32>,
    pub norm: NormView,
    pub figures: Vec<QuarterFigures>,
}

/// Whether the reader can support an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MaySupport {
    SignIn,
    /// One's own initiative.
    Own,
    /// Signed in without a confirmed e-mail address: a support would not count yet.
    ConfirmEmail,
    Yes {
        supported: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicInitiative {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub item: RegisterItem,
    pub description: String,
    pub support_asked: Vec<String>,
    pub may_support: MaySupport,
    pub support_threshold: Option<u32>,
}

/// The form that brings an initiative, idea or question to the desk. With `on_behalf` set, a desk
/// officer enters it for someone helped at the counter, by phone or by letter; with `activity`
/// set, it is an idea brought in inside a trajectory's ideas activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeSubmission {
    pub submission_token: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub area: String,
    pub support: Vec<String>,
    pub public: String,
    pub on_behalf: String,
    pub channel: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub activity: String,
}

impl InitiativeSubmission {
    /// Entered by a desk officer for someone else.
    pub fn for_someone_else(&self) -> bool {
        !self.on_behalf.trim().is_empty()
    }

    /// The fields the domain checks; an idea inside an ideas activity is always an idea.
    pub fn initiative(&self) -> crate::domain::initiatives::InitiativeForm {
        use crate::domain::initiatives::{InitiativeForm, OnBehalfForm};
        InitiativeForm {
            kind: if self.activity.trim().is_empty() { self.kind.clone() } else { "idea".to_owned() },
            title: self.title.clone(),
            description: self.description.clone(),
            area: self.area.clone(),
            support: self.support.clone(),
            public: self.public.clone(),
            on_behalf: self.for_someone_else().then(|| OnBehalfForm {
                channel: self.channel.clone(),
                name: self.contact_name.clone(),
                email: self.contact_email.clone(),
                phone: self.contact_phone.clone(),
            }),
        }
    }

    /// What was typed, to fill the form in again when it is refused.
    pub fn typed(&self) -> Vec<(String, String)> {
        let kind = self.initiative().kind;
        [
            ("kind", &kind),
            ("title", &self.title),
            ("description", &self.description),
            ("area", &self.area),
            ("support", &self.support.join(",")),
            ("public", &self.public),
            ("channel", &self.channel),
            ("contact_name", &self.contact_name),
            ("contact_email", &self.contact_email),
            ("contact_phone", &self.contact_phone),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}
