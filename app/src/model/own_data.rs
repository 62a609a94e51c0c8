//! Everything Samenspraak keeps about one person, as they see it on "Mijn gegevens" and take it
//! with them as JSON (AVG articles 15 and 20). Names of places and activities are given as text,
//! so the download reads on its own; ids are the platform's, for questions to the municipality.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The "Mijn gegevens" page: the data only after a fresh confirmation of the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OwnDataPage {
    /// Confirm the password first; the data is not sent along.
    ConfirmFirst,
    Shown(Box<OwnData>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnData {
    /// When this overview was made.
    pub made_at: DateTime<Utc>,
    pub account: AccountData,
    pub roles: Vec<RoleData>,
    pub inputs: Vec<InputData>,
    pub supports: Vec<SupportData>,
    pub votes: Vec<VoteData>,
    pub panels: Vec<PanelData>,
    pub follows: Vec<FollowData>,
    pub desk_cases: Vec<CaseData>,
    pub case_supports: Vec<SupportData>,
    pub sessions: Vec<SessionData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub id: i32,
    pub email: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub display_name: String,
    pub birth_date: Option<NaiveDate>,
    /// The area given, with its municipality: "Zeedorp (Duinwijk)".
    pub area: Option<String>,
    /// The language mail comes in (nl, en), when chosen.
    pub language: Option<String>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
    pub platform_admin: bool,
}

/// A role in a municipality's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleData {
    pub municipality: String,
    pub role: String,
    pub since: DateTime<Utc>,
}

/// A comment, reply, idea or other input the person wrote (or staff entered in their name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputData {
    pub id: i32,
    pub municipality: String,
    /// The trajectory and activity it belongs to, as titled.
    pub trajectory: Option<String>,
    pub activity: Option<String>,
    /// comment, reply, idea, …
    pub kind: String,
    pub channel: String,
    pub body: String,
    /// published, awaiting moderation, hidden, withdrawn, …
    pub status: String,
    /// Why a moderator hid it, when they did.
    pub moderation_reason: Option<String>,
    pub contact_consent: bool,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// What the municipality did with it (the answer in the report), once answered.
    pub answer: Option<AnswerData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerData {
    pub disposition: String,
    pub reason: String,
}

/// Support given to someone's input or to a case at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportData {
    pub municipality: String,
    /// The input's activity or the case's number and title.
    pub what: String,
    pub given_at: DateTime<Utc>,
}

/// That the person voted in a poll; what they chose only when the poll is not secret (a secret
/// poll keeps no link between a person and their choice, so there is nothing to show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteData {
    pub municipality: String,
    pub poll: String,
    pub voted_on: NaiveDate,
    pub secret: bool,
    /// The choices as stored, for an open poll.
    pub ballot: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelData {
    pub municipality: String,
    pub panel: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// Mail the person asked for: following a trajectory, a case or a municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowData {
    pub municipality: String,
    pub kind: String,
    pub what: String,
    pub since: DateTime<Utc>,
}

/// An initiative, idea or question the person brought to the desk, with the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseData {
    pub municipality: String,
    pub number: String,
    pub title: String,
    pub description: String,
    pub status: String,
    pub channel: String,
    pub received_on: NaiveDate,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub messages: Vec<MessageData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageData {
    /// From the desk, or from the person.
    pub from_desk: bool,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// A signed-in session: where and when, so a session the person does not recognise stands out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionData {
    /// Browser and system as the browser named them at sign-in ("Firefox op Android").
    pub device: Option<String>,
    pub signed_in_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub this_session: bool,
}
