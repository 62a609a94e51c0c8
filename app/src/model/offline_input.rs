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

/// The form that enters input received at the counter, by phone, letter, e-mail or at a meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfflineInputForm {
    pub submission_token: String,
    pub channel: String,
    pub received_on: String,
    pub name: String,
    /// A checkbox: "on" when the resident agreed to be contacted.
    pub contact_consent: String,
    pub contact: String,
    pub section: String,
    pub body: String,
    pub meeting: String,
    pub meeting_title: String,
    pub meeting_held_on: String,
}

impl OfflineInputForm {
    /// The fields the domain checks.
    pub fn offline(&self) -> crate::domain::consultations::OfflineForm {
        crate::domain::consultations::OfflineForm {
            channel: self.channel.clone(),
            received_on: self.received_on.clone(),
            name: self.name.clone(),
            contact_consent: matches!(self.contact_consent.as_str(), "on" | "true"),
            contact: self.contact.clone(),
            body: self.body.clone(),
            meeting: self.meeting.clone(),
            meeting_title: self.meeting_title.clone(),
            meeting_held_on: self.meeting_held_on.clone(),
        }
    }

    /// What was typed, to fill the form in again when it is refused.
    pub fn typed(&self) -> Vec<(String, String)> {
        [
            ("channel", &self.channel),
            ("received_on", &self.received_on),
            ("name", &self.name),
            ("contact", &self.contact),
            ("section", &self.section),
            ("body", &self.body),
            ("meeting", &self.meeting),
            ("meeting_title", &self.meeting_title),
            ("meeting_held_on", &self.meeting_held_on),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}
