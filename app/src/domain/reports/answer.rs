//! The answer a project lead gives an input: a disposition, a reason, and for "outside the scope"
//! the fixed item of the rules of play, for "forwarded" where it went.

use super::{Disposition, FORWARDED_MAX, GROUP_TITLE_MAX, REASON_MAX};
use crate::domain::trajectories::{optional_text, required_text};
use crate::domain::validation::{Checks, Problem};
use serde::{Deserialize, Serialize};

/// Where a forwarded input went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardedTo {
    /// A department, in words ("Team Openbare ruimte").
    pub department: Option<String>,
    /// Another trajectory of the municipality.
    pub trajectory: Option<i32>,
}

/// The answer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub disposition: String,
    pub reason: String,
    /// The fixed item's number, for "outside the scope".
    pub fixed_item: String,
    pub forwarded_to: String,
    pub forwarded_trajectory: String,
    pub group_title: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub disposition: Disposition,
    pub reason: String,
    pub fixed_item: Option<u32>,
    pub forwarded: Option<ForwardedTo>,
    pub group_title: Option<String>,
}

/// Checks an answer. `fixed_items` is the number of fixed items on the rules of play in force;
/// `trajectories` the municipality's other trajectories an input may be forwarded to.
pub fn check_answer(form: &AnswerForm, fixed_items: usize, trajectories: &[i32]) -> Result<Answer, Checks> {
    let mut checks = Checks::new();
    let disposition =
        checks.field("disposition", Disposition::parse(form.disposition.trim()).ok_or(Problem::ChoiceInvalid));
    let reason = checks.field("reason", required_text(&form.reason, REASON_MAX));
    let group_title = checks.field("group_title", optional_text(&form.group_title, GROUP_TITLE_MAX));
    let mut fixed_item = None;
    let mut forwarded = None;
    match disposition {
        Some(Disposition::OutOfScope) => {
            fixed_item = checks.field(
                "fixed_item",
                match form.fixed_item.trim() {
                    "" if fixed_items == 0 => Err(Problem::NoFixedItems),
                    "" => Err(Problem::FixedItemNeeded),
                    raw => raw
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=fixed_items as u32).contains(n))
                        .ok_or(Problem::ChoiceInvalid),
                },
            );
        }
        Some(Disposition::Forwarded) => {
            let department = checks.field("forwarded_to", optional_text(&form.forwarded_to, FORWARDED_MAX));
            let trajectory = checks.field(
                "forwarded_trajectory",
                match form.forwarded_trajectory.trim() {
                    "" => Ok(None),
                    raw => raw
                        .parse::<i32>()
                        .ok()
                        .filter(|id| trajectories.contains(id))
                        .map(Some)
                        .ok_or(Problem::ChoiceInvalid),
                },
            );
            if let (Some(department), Some(trajectory)) = (department, trajectory) {
                if department.is_empty() && trajectory.is_none() {
                    checks.add("forwarded_to", Problem::ForwardedWhere);
                } else {
                    forwarded =
                        Some(ForwardedTo { department: Some(department).filter(|d| !d.is_empty()), trajectory });
                }
            }
        }
        _ => {}
    }
    match (disposition, reason, group_title) {
        (Some(disposition), Some(reason), Some(group_title)) if checks.is_empty() => Ok(Answer {
            disposition,
            reason,
            fixed_item,
            forwarded,
            group_title: Some(group_title).filter(|t| !t.is_empty()),
        }),
        _ => Err(checks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(disposition: &str, reason: &str) -> AnswerForm {
        AnswerForm { disposition: disposition.into(), reason: reason.into(), ..Default::default() }
    }

    fn problems(result: Result<Answer, Checks>) -> Vec<(String, Problem)> {
        result.err().map(|c| c.into_errors().into_iter().map(|e| (e.field, e.problem)).collect()).unwrap_or_default()
    }

    #[test]
    fn an_answer_needs_a_disposition_and_a_reason() {
        assert_eq!(
            problems(check_answer(&form("", "  "), 2, &[])),
            vec![("disposition".into(), Problem::ChoiceInvalid), ("reason".into(), Problem::Required)]
        );
        let answer = check_answer(&form("adopted", " We leggen het zebrapad aan. "), 0, &[]).unwrap();
        assert_eq!(answer.disposition, Disposition::Adopted);
        assert_eq!(answer.reason, "We leggen het zebrapad aan.");
        assert_eq!(answer.group_title, None);
        let long = "a".repeat(REASON_MAX + 1);
        assert_eq!(
            problems(check_answer(&form("adopted", &long), 0, &[])),
            vec![("reason".into(), Problem::TooLong { max: REASON_MAX as u32 })]
        );
    }

    #[test]
    fn outside_the_scope_only_by_pointing_at_a_fixed_item_that_exists() {
        let mut f = form("out_of_scope", "Het budget ligt vast.");
        assert_eq!(problems(check_answer(&f, 3, &[])), vec![("fixed_item".into(), Problem::FixedItemNeeded)]);
        assert_eq!(problems(check_answer(&f, 0, &[])), vec![("fixed_item".into(), Problem::NoFixedItems)]);
        f.fixed_item = "4".into();
        assert_eq!(problems(check_answer(&f, 3, &[])), vec![("fixed_item".into(), Problem::ChoiceInvalid)]);
        f.fixed_item = "0".into();
        assert_eq!(problems(check_answer(&f, 3, &[])), vec![("fixed_item".into(), Problem::ChoiceInvalid)]);
        f.fixed_item = "3".into();
        assert_eq!(check_answer(&f, 3, &[]).unwrap().fixed_item, Some(3));
        // Another disposition ignores a fixed item left in the form.
        f.disposition = "adopted".into();
        assert_eq!(check_answer(&f, 3, &[]).unwrap().fixed_item, None);
    }

    #[test]
    fn forwarded_says_where_to() {
        let mut f = form("forwarded", "Dit gaat over het onderhoud van de straat.");
        assert_eq!(problems(check_answer(&f, 0, &[5])), vec![("forwarded_to".into(), Problem::ForwardedWhere)]);
        f.forwarded_trajectory = "6".into();
        assert_eq!(problems(check_answer(&f, 0, &[5])), vec![("forwarded_trajectory".into(), Problem::ChoiceInvalid)]);
        f.forwarded_trajectory = "5".into();
        assert_eq!(
            check_answer(&f, 0, &[5]).unwrap().forwarded,
            Some(ForwardedTo { department: None, trajectory: Some(5) })
        );
        f.forwarded_trajectory.clear();
        f.forwarded_to = " Team Openbare ruimte ".into();
        assert_eq!(
            check_answer(&f, 0, &[5]).unwrap().forwarded,
            Some(ForwardedTo { department: Some("Team Openbare ruimte".into()), trajectory: None })
        );
    }
}
