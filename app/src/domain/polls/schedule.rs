//! When a poll takes ballots and when its results are public.

use crate::domain::validation::{Checks, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Whether a poll takes ballots now. It opens at `opens_at` and closes at `closes_at`: a ballot
/// at exactly the closing moment is too late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PollWindow {
    NotYetOpen,
    Open,
    Closed,
}

pub fn poll_window(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, now: DateTime<Utc>) -> PollWindow {
    if now < opens_at {
        PollWindow::NotYetOpen
    } else if now < closes_at {
        PollWindow::Open
    } else {
        PollWindow::Closed
    }
}

/// When results are public: while voting (`live`) or only once the poll has closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultsShown {
    Live,
    AfterClose,
}

impl ResultsShown {
    pub fn as_str(self) -> &'static str {
        match self {
            ResultsShown::Live => "live",
            ResultsShown::AfterClose => "after_close",
        }
    }

    pub fn parse(s: &str) -> Option<ResultsShown> {
        [ResultsShown::Live, ResultsShown::AfterClose].into_iter().find(|r| r.as_str() == s)
    }

    /// What applies to a poll: a secret poll shows its results only once it has closed,
    /// whatever was chosen. Live results, read before and after someone votes, would say how that
    /// person voted.
    pub fn in_effect(self, secret: bool) -> ResultsShown {
        if secret {
            ResultsShown::AfterClose
        } else {
            self
        }
    }

    /// Whether everyone may see the results now. A poll that has not opened has none to show.
    pub fn public(self, window: PollWindow, secret: bool) -> bool {
        matches!((self.in_effect(secret), window), (_, PollWindow::Closed) | (ResultsShown::Live, PollWindow::Open))
    }
}

/// Checks the opening and closing moment; `moment` turns a Dutch date and clock time into UTC
/// (and knows about the hour that does not exist in spring).
pub fn check_moments(
    checks: &mut Checks,
    (opens_on, opens_time): (&str, &str),
    (closes_on, closes_time): (&str, &str),
    moment: impl Fn(&str, &str) -> Result<DateTime<Utc>, Problem>,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let opens = checks.field("opens_on", moment(opens_on, opens_time));
    let closes = checks.field("closes_on", moment(closes_on, closes_time));
    match (opens, closes) {
        (Some(opens), Some(closes)) if closes > opens => Some((opens, closes)),
        (Some(_), Some(_)) => {
            checks.add("closes_on", Problem::EndsBeforeStart);
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_closing_moment_itself_is_too_late() {
        let opens = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let closes = Utc.with_ymd_and_hms(2026, 3, 29, 22, 0, 0).unwrap();
        let second = chrono::Duration::seconds(1);
        assert_eq!(poll_window(opens, closes, opens - second), PollWindow::NotYetOpen);
        assert_eq!(poll_window(opens, closes, opens), PollWindow::Open);
        assert_eq!(poll_window(opens, closes, closes - second), PollWindow::Open);
        assert_eq!(poll_window(opens, closes, closes), PollWindow::Closed);
    }

    #[test]
    fn closing_must_come_after_opening() {
        let moment = |day: &str, time: &str| {
            chrono::NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M")
                .map(|t| t.and_utc())
                .map_err(|_| Problem::DateInvalid)
        };
        let mut checks = Checks::new();
        assert!(check_moments(&mut checks, ("2026-12-01", "09:00"), ("2026-12-08", "17:00"), moment).is_some());
        assert!(check_moments(&mut checks, ("2026-12-01", "09:00"), ("2026-12-01", "09:00"), moment).is_none());
        assert!(check_moments(&mut checks, ("morgen", "09:00"), ("2026-12-01", "09:00"), moment).is_none());
        let fields: Vec<String> = checks.into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["closes_on", "opens_on"]);
    }

    #[test]
    fn results_are_public_live_or_after_closing_as_chosen() {
        assert!(ResultsShown::Live.public(PollWindow::Open, false));
        assert!(!ResultsShown::Live.public(PollWindow::Open, true), "a secret poll: only after closing");
        assert!(ResultsShown::Live.public(PollWindow::Closed, true));
        assert!(!ResultsShown::AfterClose.public(PollWindow::Open, false));
        assert!(ResultsShown::AfterClose.public(PollWindow::Closed, false));
        assert!(!ResultsShown::Live.public(PollWindow::NotYetOpen, false));
    }
}
