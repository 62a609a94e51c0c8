//! The participation desk's clock (groundwork for issue 6): a case moves received → acknowledged
//! → in progress → (waiting for the initiator, which pauses the clock) → answered → closed, or is
//! forwarded to a trajectory. Deadlines are derived from these timestamped steps and the
//! municipality's service norms, never typed in; the published figures count how many cases met
//! them. Pure: the server stores the steps and passes them in as Dutch calendar days.

use super::working_days::{deadline, Pause};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseStatus {
    Received,
    Acknowledged,
    InProgress,
    /// The desk asked the initiator something; the clock stands still until they answer.
    WaitingForInitiator,
    Answered,
    Closed,
    /// Taken up in a trajectory; the desk's part ends.
    Forwarded,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 7] = [
        CaseStatus::Received,
        CaseStatus::Acknowledged,
        CaseStatus::InProgress,
        CaseStatus::WaitingForInitiator,
        CaseStatus::Answered,
        CaseStatus::Closed,
        CaseStatus::Forwarded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::Acknowledged => "acknowledged",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::WaitingForInitiator => "waiting",
            CaseStatus::Answered => "answered",
            CaseStatus::Closed => "closed",
            CaseStatus::Forwarded => "forwarded",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The steps a desk officer (or, for `InProgress` after waiting, the initiator's answer) may
    /// take from here. Closed and forwarded cases are finished.
    pub fn may_move_to(self, to: CaseStatus) -> bool {
        use CaseStatus::*;
        matches!(
            (self, to),
            (Received, Acknowledged)
                | (Received | Acknowledged, InProgress)
                | (InProgress, WaitingForInitiator)
                | (WaitingForInitiator, InProgress)
                | (Acknowledged | InProgress, Answered)
                | (Answered, InProgress | Closed)
                | (Received | Acknowledged | InProgress | WaitingForInitiator, Forwarded)
        )
    }

    pub fn is_finished(self) -> bool {
        matches!(self, CaseStatus::Closed | CaseStatus::Forwarded)
    }

    /// The statuses of cases still being worked on.
    pub fn unfinished() -> impl Iterator<Item = CaseStatus> {
        Self::ALL.into_iter().filter(|s| !s.is_finished())
    }
}

/// The steps that lead from one status to another, shortest first: answering a case that was
/// only received takes it in progress first. None when the target cannot be reached (a closed
/// case) or is where the case already is.
pub fn path_to(from: CaseStatus, to: CaseStatus) -> Option<Vec<CaseStatus>> {
    let mut paths: std::collections::VecDeque<Vec<CaseStatus>> = [vec![from]].into();
    let mut seen = vec![from];
    while let Some(path) = paths.pop_front() {
        let last = *path.last()?;
        // Taking a case in progress comes first: whoever answers or asks has it in hand.
        for next in [
            CaseStatus::InProgress,
            CaseStatus::Acknowledged,
            CaseStatus::WaitingForInitiator,
            CaseStatus::Answered,
            CaseStatus::Closed,
            CaseStatus::Forwarded,
        ] {
            if last.may_move_to(next) && !seen.contains(&next) {
                let mut longer = path.clone();
                longer.push(next);
                if next == to {
                    return Some(longer.split_off(1));
                }
                seen.push(next);
                paths.push_back(longer);
            }
        }
    }
    None
}

/// A municipality's promise, in working days after the day a case came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceNorm {
    pub acknowledge_within: u32,
    pub answer_within: u32,
}

impl Default for ServiceNorm {
    /// What the municipalities' documents name most: acknowledged within 2 working days, a
    /// substantive answer within 10.
    fn default() -> Self {
        ServiceNorm { acknowledge_within: 2, answer_within: 10 }
    }
}

/// One timestamped step of a case, as a Dutch day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub to: CaseStatus,
    pub on: NaiveDate,
}

/// What the steps of a case say about the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub received_on: NaiveDate,
    pub acknowledged_on: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    /// None while the clock stands still (waiting for the initiator).
    pub acknowledge_by: NaiveDate,
    pub answer_by: Option<NaiveDate>,
    pub pauses: Vec<Pause>,
}

impl Clock {
    /// Derives the clock from the day the case came in and its steps, in order. The first
    /// answer counts for the norm (a later follow-up does not restart it); a forwarded case that
    /// was never answered counts as answered on the day it was forwarded.
    pub fn of(received_on: NaiveDate, steps: &[Step], norm: ServiceNorm) -> Clock {
        let mut pauses = Vec::new();
        let mut waiting_since: Option<NaiveDate> = None;
        let (mut acknowledged_on, mut answered_on) = (None, None);
        for step in steps {
            if let Some(since) = waiting_since.take() {
                // The day the initiator answered counts again.
                pauses.push(Pause { from: since, until: step.on.pred_opt().filter(|d| *d >= since) });
                if pauses.last().is_some_and(|p| p.until.is_none()) {
                    pauses.pop();
                }
            }
            match step.to {
                CaseStatus::Acknowledged => acknowledged_on = acknowledged_on.or(Some(step.on)),
                CaseStatus::WaitingForInitiator => waiting_since = Some(step.on),
                CaseStatus::Answered | CaseStatus::Forwarded => answered_on = answered_on.or(Some(step.on)),
                _ => {}
            }
            // Any step after receipt tells the initiator the case is seen.
            if step.to != CaseStatus::Received {
                acknowledged_on = acknowledged_on.or(Some(step.on));
            }
        }
        if let Some(since) = waiting_since {
            pauses.push(Pause { from: since, until: None });
        }
        let acknowledge_by = deadline(received_on, norm.acknowledge_within, &[]).unwrap_or(received_on);
        let answer_by = deadline(received_on, norm.answer_within, &pauses);
        Clock { received_on, acknowledged_on, answered_on, acknowledge_by, answer_by, pauses }
    }

    pub fn acknowledged_in_time(&self) -> Option<bool> {
        self.acknowledged_on.map(|on| on <= self.acknowledge_by)
    }

    pub fn answered_in_time(&self) -> Option<bool> {
        match (self.answered_on, self.answer_by) {
            (Some(on), Some(by)) => Some(on <= by),
            _ => None,
        }
    }

    /// Overdue on `today`: a deadline passed without the step it asks for.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        (self.acknowledged_on.is_none() && today > self.acknowledge_by)
            || (self.answered_on.is_none() && self.answer_by.is_some_and(|by| today > by))
    }
}

/// The share of cases that met the norm, in tenths of a percent, over the cases the question
/// applies to (None when there are none: "no cases yet", not 0%).
pub fn share_in_time(outcomes: impl IntoIterator<Item = Option<bool>>) -> Option<u64> {
    let (mut met, mut counted) = (0u64, 0u64);
    for outcome in outcomes.into_iter().flatten() {
        counted += 1;
        met += u64::from(outcome);
    }
    (counted > 0).then(|| crate::domain::shares::per_mille(met, counted))
}

/// Whether a deadline was met, as far as can be said on `today`: met or missed once the step
/// was taken, missed once the deadline passed without it, and not yet known while it runs (or
/// while the clock stands still).
pub fn deadline_outcome(taken_on: Option<NaiveDate>, by: Option<NaiveDate>, today: NaiveDate) -> Option<bool> {
    match (taken_on, by) {
        (Some(on), Some(by)) => Some(on <= by),
        // Answered while the clock stood still cannot happen; count it as met.
        (Some(_), None) => Some(true),
        (None, Some(by)) if today > by => Some(false),
        _ => None,
    }
}

/// The dates of one case that the published figures are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseDates {
    pub received_on: NaiveDate,
    pub acknowledged_on: Option<NaiveDate>,
    pub acknowledge_by: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    pub answer_by: Option<NaiveDate>,
}

/// The desk's figures for one calendar quarter (by the day cases came in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterFigures {
    pub year: i32,
    pub quarter: u32,
    pub cases: u64,
    /// Per mille of the cases whose acknowledgement deadline is settled.
    pub acknowledged_in_time: Option<u64>,
    pub acknowledgements_counted: u64,
    pub answered_in_time: Option<u64>,
    pub answers_counted: u64,
}

/// Figures per quarter, newest first. A case still within its deadline is not counted yet, so a
/// quarter's share does not drop or rise because of work that is simply not due.
pub fn figures_per_quarter(cases: &[CaseDates], today: NaiveDate) -> Vec<QuarterFigures> {
    use chrono::Datelike;
    /// Per quarter: the number of cases and the outcomes of their two deadlines.
    type Outcomes = (u64, Vec<Option<bool>>, Vec<Option<bool>>);
    let mut quarters: std::collections::BTreeMap<(i32, u32), Outcomes> = Default::default();
    for case in cases {
        let key = (case.received_on.year(), (case.received_on.month() - 1) / 3 + 1);
        let entry = quarters.entry(key).or_default();
        entry.0 += 1;
        entry.1.push(deadline_outcome(case.acknowledged_on, Some(case.acknowledge_by), today));
        entry.2.push(deadline_outcome(case.answered_on, case.answer_by, today));
    }
    quarters
        .into_iter()
        .rev()
        .map(|((year, quarter), (cases, acknowledged, answered))| QuarterFigures {
            year,
            quarter,
            cases,
            acknowledgements_counted: acknowledged.iter().flatten().count() as u64,
            acknowledged_in_time: share_in_time(acknowledged),
            answers_counted: answered.iter().flatten().count() as u64,
            answered_in_time: share_in_time(answered),
        })
        .collect()
}

/// A case number people can read out on the phone: the municipality's code, the year and a
/// sequence number (`DW-2026-0042`).
pub fn case_number(prefix: &str, year: i32, sequence: u32) -> String {
    format!("{}-{year}-{sequence:04}", prefix.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn step(to: CaseStatus, on: &str) -> Step {
        Step { to, on: day(on) }
    }

    #[test]
    fn a_case_moves_only_along_the_allowed_steps() {
        use CaseStatus::*;
        assert!(Received.may_move_to(Acknowledged));
        assert!(InProgress.may_move_to(WaitingForInitiator));
        assert!(WaitingForInitiator.may_move_to(InProgress));
        assert!(!WaitingForInitiator.may_move_to(Answered), "answer what they said first");
        assert!(!Closed.may_move_to(InProgress), "closed is closed");
        assert!(!Forwarded.may_move_to(Answered));
        assert!(!Received.may_move_to(Closed), "nothing closes unanswered");
        assert!(CaseStatus::ALL.iter().all(|s| CaseStatus::parse(s.as_str()) == Some(*s)));
    }

    #[test]
    fn the_clock_follows_the_steps_and_pauses_while_waiting() {
        let norm = ServiceNorm::default();
        // In on Monday 16 November 2026: acknowledge by Wednesday 18, answer by Monday 30.
        let fresh = Clock::of(day("2026-11-16"), &[], norm);
        assert_eq!((fresh.acknowledge_by, fresh.answer_by), (day("2026-11-18"), Some(day("2026-11-30"))));
        assert!(!fresh.overdue(day("2026-11-18")));
        assert!(fresh.overdue(day("2026-11-19")), "not acknowledged in time");
        let steps = [
            step(CaseStatus::Acknowledged, "2026-11-17"),
            step(CaseStatus::InProgress, "2026-11-18"),
            step(CaseStatus::WaitingForInitiator, "2026-11-19"),
        ];
        let waiting = Clock::of(day("2026-11-16"), &steps, norm);
        assert_eq!(waiting.answer_by, None, "the clock stands still");
        assert!(!waiting.overdue(day("2027-01-01")));
        // The initiator answers on Wednesday 25: Thu 19 to Tue 24 do not count (four working
        // days), so the answer is due four working days later than before.
        let mut steps = steps.to_vec();
        steps.push(step(CaseStatus::InProgress, "2026-11-25"));
        let resumed = Clock::of(day("2026-11-16"), &steps, norm);
        assert_eq!(resumed.pauses, [Pause { from: day("2026-11-19"), until: Some(day("2026-11-24")) }]);
        assert_eq!(resumed.answer_by, Some(day("2026-12-04")));
        steps.push(step(CaseStatus::Answered, "2026-12-04"));
        let answered = Clock::of(day("2026-11-16"), &steps, norm);
        assert_eq!((answered.acknowledged_in_time(), answered.answered_in_time()), (Some(true), Some(true)));
        steps.push(step(CaseStatus::InProgress, "2026-12-10"));
        steps.push(step(CaseStatus::Answered, "2026-12-20"));
        assert_eq!(
            Clock::of(day("2026-11-16"), &steps, norm).answered_on,
            Some(day("2026-12-04")),
            "the first answer counts"
        );
    }

    #[test]
    fn a_late_answer_and_a_forwarded_case_count_as_they_happened() {
        let norm = ServiceNorm::default();
        let late = Clock::of(day("2026-11-16"), &[step(CaseStatus::Answered, "2026-12-01")], norm);
        assert_eq!(late.acknowledged_on, Some(day("2026-12-01")), "an answer is also a sign of life");
        assert_eq!((late.acknowledged_in_time(), late.answered_in_time()), (Some(false), Some(false)));
        let forwarded = Clock::of(day("2026-11-16"), &[step(CaseStatus::Forwarded, "2026-11-17")], norm);
        assert_eq!(forwarded.answered_in_time(), Some(true));
    }

    #[test]
    fn figures_are_shares_of_the_cases_they_apply_to() {
        assert_eq!(share_in_time([Some(true), Some(true), Some(false), None]), Some(667));
        assert_eq!(share_in_time([None, None]), None, "no cases is not 0%");
        assert_eq!(case_number("dw", 2026, 42), "DW-2026-0042");
        assert_eq!(case_number("DW", 2026, 12_345), "DW-2026-12345");
    }

    #[test]
    fn a_deadline_is_settled_once_met_or_passed() {
        let today = day("2026-11-23");
        assert_eq!(deadline_outcome(Some(day("2026-11-20")), Some(day("2026-11-20")), today), Some(true));
        assert_eq!(deadline_outcome(Some(day("2026-11-21")), Some(day("2026-11-20")), today), Some(false));
        assert_eq!(deadline_outcome(None, Some(day("2026-11-20")), today), Some(false), "passed unmet");
        assert_eq!(deadline_outcome(None, Some(day("2026-11-23")), today), None, "due today: still running");
        assert_eq!(deadline_outcome(None, None, today), None, "clock stands still");
    }

    #[test]
    fn figures_per_quarter_count_only_settled_deadlines() {
        let case = |received: &str, acknowledged: Option<&str>, answered: Option<&str>| {
            let norm = ServiceNorm::default();
            let mut steps = Vec::new();
            if let Some(a) = acknowledged {
                steps.push(step(CaseStatus::Acknowledged, a));
            }
            if let Some(a) = answered {
                steps.push(step(CaseStatus::Answered, a));
            }
            let clock = Clock::of(day(received), &steps, norm);
            CaseDates {
                received_on: clock.received_on,
                acknowledged_on: clock.acknowledged_on,
                acknowledge_by: clock.acknowledge_by,
                answered_on: clock.answered_on,
                answer_by: clock.answer_by,
            }
        };
        let cases = [
            // Q3: one in time on both, one late on both.
            case("2026-09-01", Some("2026-09-02"), Some("2026-09-10")),
            case("2026-09-01", Some("2026-09-10"), Some("2026-09-30")),
            // Q4: acknowledged in time, answer still running; and one not acknowledged, overdue.
            case("2026-11-19", Some("2026-11-20"), None),
            case("2026-11-02", None, None),
        ];
        let figures = figures_per_quarter(&cases, day("2026-11-23"));
        assert_eq!(figures.len(), 2);
        let (q4, q3) = (figures[0], figures[1]);
        assert_eq!((q4.year, q4.quarter, q4.cases), (2026, 4, 2));
        assert_eq!((q4.acknowledged_in_time, q4.acknowledgements_counted), (Some(500), 2));
        assert_eq!((q4.answered_in_time, q4.answers_counted), (Some(0), 1), "the running answer is not counted");
        assert_eq!((q3.quarter, q3.acknowledged_in_time, q3.answered_in_time), (3, Some(500), Some(500)));
        assert!(figures_per_quarter(&[], day("2026-11-23")).is_empty());
    }

    #[test]
    fn the_path_to_a_status_takes_the_steps_in_between() {
        use CaseStatus::*;
        assert_eq!(path_to(Received, Answered), Some(vec![InProgress, Answered]));
        assert_eq!(path_to(Received, WaitingForInitiator), Some(vec![InProgress, WaitingForInitiator]));
        assert_eq!(path_to(WaitingForInitiator, Answered), Some(vec![InProgress, Answered]));
        assert_eq!(path_to(Acknowledged, Answered), Some(vec![Answered]));
        assert_eq!(path_to(Answered, Closed), Some(vec![Closed]));
        assert_eq!(path_to(Closed, InProgress), None);
        assert_eq!(path_to(InProgress, InProgress), None);
    }
}
