//! The types of consultations that cross the wire.

use crate::domain::consultations::{Channel, InputStatus, SortOrder, Window};
use crate::domain::eligibility::NotEligible;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub id: i32,
    pub title: String,
    pub body_html: String,
    /// The Markdown source, only for those who may edit it.
    pub body_markdown: Option<String>,
    pub comments: u64,
}

/// A file that goes with the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i32,
    pub file_name: String,
    pub kind: crate::domain::attachments::FileKind,
    /// "1,2 MB".
    pub size: String,
    pub href: String,
}

/// Who wrote an input, as others may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    /// A resident or staff member by display name.
    Person(String),
    /// Input entered by staff for someone who gave their name.
    Named(String),
    /// Input entered by staff for someone who preferred not to be named.
    Anonymous,
    /// The account no longer exists; the input stays.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub author: Author,
    /// The area, only when the author chose to show it.
    pub area: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The same moment on a Dutch clock.
    pub posted_local: chrono::NaiveDateTime,
    pub edited: bool,
    pub channel: Channel,
    /// For input entered by staff: the day it came in, and the meeting it came from.
    pub received_on: Option<NaiveDate>,
    pub meeting: Option<String>,
    pub official: bool,
    pub status: InputStatus,
    /// None when hidden or taken back: only the placeholder shows.
    pub body: Option<String>,
    /// The moderator's public reason for hiding it.
    pub hidden_reason: Option<String>,
    pub section: Option<String>,
    pub supports: u64,
    pub supported: bool,
    /// Written by the reader: may edit or take back, may not support.
    pub own: bool,
    pub replies: Vec<CommentView>,
}

/// Whether the reader may comment now, and if not, why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MayComment {
    Yes,
    SignIn,
    NotYetOpen(NaiveDate),
    Closed(NaiveDate),
    NotEligible(NotEligible),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    pub comments: Vec<CommentView>,
    /// Top-level comments in the current selection, placeholders included (for paging).
    pub total: u64,
    /// Of those, the ones that can be read: the number the heading and the trajectory page say.
    pub readable: u64,
    pub page: u64,
    pub pages: u64,
    pub sort: SortOrder,
    pub section: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub id: i32,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub title: String,
    pub intro_html: String,
    pub intro_markdown: Option<String>,
    pub phase_name: String,
    pub phase_index: usize,
    /// The names of the trajectory's phases, for those who may move the consultation.
    pub phase_names: Vec<String>,
    pub window: Window,
    pub pre_moderation: bool,
    pub sections: Vec<SectionView>,
    pub attachments: Vec<AttachmentView>,
    pub discussion: Discussion,
    pub may_comment: MayComment,
    /// Signs this page's forms; None for visitors.
    pub submission_token: Option<String>,
    /// The reader's own area, offered as "show my area with my comment".
    pub reader_area: Option<String>,
    pub can_manage: bool,
    pub can_moderate: bool,
    pub can_enter_for_others: bool,
    /// Signed in without a confirmed e-mail address: supports do not count yet, and the page
    /// says so where the button would be.
    pub must_confirm_email: bool,
}

/// The form that posts a comment on the plan (`section` empty) or on one section, or a reply to
/// a comment (`parent`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommentForm {
    pub submission_token: String,
    pub body: String,
    pub section: String,
    pub parent: String,
    /// A checkbox: "on" when the author shows their area with the comment.
    pub show_area: String,
}

impl CommentForm {
    /// The comment replied to, when this is a reply.
    pub fn parent_id(&self) -> Option<i32> {
        self.parent.trim().parse().ok()
    }

    /// The field the text was typed in: a reply's has the comment's number in its name, as each
    /// comment on the page has its own reply form.
    pub fn body_field(&self) -> String {
        match self.parent_id() {
            Some(parent) => format!("reply_body[{parent}]"),
            None => "body".to_owned(),
        }
    }

    /// What was typed, to fill the form in again when it is refused.
    pub fn typed(&self) -> Vec<(String, String)> {
        vec![(self.body_field(), self.body.clone()), ("section".to_owned(), self.section.clone())]
    }
}

/// The consultation editor's form: the plan in sections, one row each (`section_id[i]` empty
/// for a new section).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultationForm {
    pub title: String,
    pub intro: String,
    /// The phase's position, 0-based.
    pub phase: String,
    pub pre_moderation: String,
    pub section_id: Vec<String>,
    pub section_title: Vec<String>,
    pub section_body: Vec<String>,
}

impl ConsultationForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("title", &self.title)
            .field("intro", &self.intro)
            .field("phase", &self.phase)
            .rows("section_title", &self.section_title)
            .rows("section_body", &self.section_body)
            .done()
    }
}
