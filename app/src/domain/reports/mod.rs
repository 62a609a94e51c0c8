//! Answering every input and the report on what was done with it: dispositions and their rules,
//! the answer and publication forms, progress, who took part (with small groups hidden), and
//! whether the report came on the day the rules of play promised.
//!
//! Split by concept: the answer form (`answer`), publishing (`publication`), and who took part
//! and what came of it (`participation`).

mod answer;
mod participation;
mod publication;

pub use answer::*;
pub use participation::*;
pub use publication::*;

use serde::{Deserialize, Serialize};

pub const REASON_MAX: usize = 2_000;
pub const GROUP_TITLE_MAX: usize = 160;
pub const FORWARDED_MAX: usize = 200;
pub const DECISION_MAX: usize = 5_000;
pub const DECIDED_BY_MAX: usize = 200;
pub const URL_MAX: usize = 500;
pub const CORRECTION_MAX: usize = 1_000;
/// Inputs per page on the answering screen and in the report.
pub const PAGE_SIZE: u64 = 50;
/// Counts of people smaller than this are never shown exactly, so nobody can be picked out.
pub use crate::domain::small_groups::SMALLEST_GROUP as SMALL_GROUP;

/// What was done with an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Disposition {
    Adopted,
    PartlyAdopted,
    NotAdopted,
    /// Outside the scope the rules of play fixed; only with a fixed item pointed at.
    OutOfScope,
    AlreadyCovered,
    /// Sent to a department or another trajectory.
    Forwarded,
}

impl Disposition {
    pub const ALL: [Disposition; 6] = [
        Disposition::Adopted,
        Disposition::PartlyAdopted,
        Disposition::NotAdopted,
        Disposition::OutOfScope,
        Disposition::AlreadyCovered,
        Disposition::Forwarded,
    ];

    /// Stable name in the database and the open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Adopted => "adopted",
            Disposition::PartlyAdopted => "partly_adopted",
            Disposition::NotAdopted => "not_adopted",
            Disposition::OutOfScope => "out_of_scope",
            Disposition::AlreadyCovered => "already_covered",
            Disposition::Forwarded => "forwarded",
        }
    }

    pub fn parse(s: &str) -> Option<Disposition> {
        Disposition::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// What kind of input a report line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemKind {
    Comment,
    Reply,
    PollAnswer,
    Idea,
    Initiative,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] =
        [ItemKind::Comment, ItemKind::Reply, ItemKind::PollAnswer, ItemKind::Idea, ItemKind::Initiative];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Comment => "comment",
            ItemKind::Reply => "reply",
            ItemKind::PollAnswer => "poll_answer",
            ItemKind::Idea => "idea",
            ItemKind::Initiative => "initiative",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One input to answer: a row of `inputs` (comments, replies, offline input, open poll answers)
/// or a desk case (an idea, an initiative forwarded to the trajectory). Written `i12` / `c7` in
/// forms and links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InputRef {
    Input(i32),
    Case(i32),
}

impl InputRef {
    pub fn key(self) -> String {
        match self {
            InputRef::Input(id) => format!("i{id}"),
            InputRef::Case(id) => format!("c{id}"),
        }
    }

    pub fn parse(s: &str) -> Option<InputRef> {
        let s = s.trim();
        let number = |rest: &str| rest.parse::<i32>().ok().filter(|id| *id > 0);
        if let Some(rest) = s.strip_prefix('i') {
            number(rest).map(InputRef::Input)
        } else if let Some(rest) = s.strip_prefix('c') {
            number(rest).map(InputRef::Case)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_and_kinds_round_trip() {
        for d in Disposition::ALL {
            assert_eq!(Disposition::parse(d.as_str()), Some(d));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Some(k));
        }
        for b in AgeBand::ALL {
            assert_eq!(AgeBand::parse(b.as_str()), Some(b));
        }
        assert_eq!(Disposition::parse("approved"), None);
    }

    #[test]
    fn input_refs_are_written_i_and_c_and_nothing_else_parses() {
        assert_eq!(InputRef::parse("i12"), Some(InputRef::Input(12)));
        assert_eq!(InputRef::parse("c7"), Some(InputRef::Case(7)));
        assert_eq!(InputRef::Input(12).key(), "i12");
        for bad in ["", "12", "i", "i-3", "i0", "x4", "c1.5", "i99999999999"] {
            assert_eq!(InputRef::parse(bad), None, "{bad}");
        }
    }
}
