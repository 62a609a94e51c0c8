//! The types of moderation that cross the wire.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseRules {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub rules_html: String,
    /// The Markdown source, for the administrator who edits it.
    pub markdown: Option<String>,
    /// False while the municipality uses the default text.
    pub own_text: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub comment: i32,
    pub consultation: i32,
    pub consultation_title: String,
    pub author: String,
    pub body: String,
    pub status: crate::domain::consultations::InputStatus,
    pub created_at: DateTime<Utc>,
    /// The same moment on a Dutch clock.
    pub created_local: chrono::NaiveDateTime,
    pub reports: Vec<ReportView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub at: DateTime<Utc>,
    pub at_local: chrono::NaiveDateTime,
    pub actor: Option<String>,
    pub action: String,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub municipality_name: String,
    pub entries: Vec<AuditEntryView>,
    pub page: u64,
    pub pages: u64,
}

/// What a moderator decides about a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Hide it with a public reason; a placeholder stays. Upholds the open reports.
    Hide,
    /// Show a hidden comment again.
    Restore,
    /// The reports were unfounded; the comment stays.
    Unfounded,
    /// Let a comment waiting under pre-moderation through.
    Approve,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Hide => "hide",
            Decision::Restore => "restore",
            Decision::Unfounded => "unfounded",
            Decision::Approve => "approve",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Hide, Decision::Restore, Decision::Unfounded, Decision::Approve]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}
