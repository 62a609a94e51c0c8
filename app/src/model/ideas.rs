//! The types of ideas that cross the wire.

use crate::domain::consultations::Window;
use crate::model::consultations::MayComment;
use crate::model::initiatives::{InitiativeFormPage, RegisterItem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeasView {
    pub id: i32,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub title: String,
    pub intro_html: String,
    pub phase_name: String,
    pub window: Window,
    pub may_take_part: MayComment,
    /// The form's fields (areas, token, norms), when the reader may bring an idea in.
    pub form: Option<InitiativeFormPage>,
    pub ideas: Vec<RegisterItem>,
    /// All ideas, also those not shown publicly.
    pub total: u64,
}

/// The form that opens an ideas activity in a phase (`phase` is its position, 0-based).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdeasActivityForm {
    pub title: String,
    pub intro: String,
    pub phase: String,
}

impl IdeasActivityForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("title", &self.title)
            .field("intro", &self.intro)
            .field("phase", &self.phase)
            .done()
    }
}
