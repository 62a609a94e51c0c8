//! Publishing a report: the decision form, what blocks publication, progress, and whether the
//! report came later than promised.

use super::{CORRECTION_MAX, DECIDED_BY_MAX, DECISION_MAX, URL_MAX};
use crate::domain::trajectories::{parse_date, required_text};
use crate::domain::validation::{Checks, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The publication form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicationForm {
    pub decision: String,
    pub decided_by: String,
    pub decided_on: String,
    pub council_decision_url: String,
    pub correction_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub decision: String,
    pub decided_by: String,
    pub decided_on: NaiveDate,
    pub council_decision_url: Option<String>,
    /// Why a later version corrects the one before; None for the first.
    pub correction_reason: Option<String>,
}

/// A web address a reader can follow: http(s), a host, no spaces.
fn check_url(raw: &str) -> Result<Option<String>, Problem> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(None);
    }
    if url.chars().count() > URL_MAX {
        return Err(Problem::TooLong { max: URL_MAX as u32 });
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or(Problem::UrlInvalid)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::UrlInvalid);
    }
    Ok(Some(url.to_owned()))
}

/// Checks the publication of `version` (1 for the first; a later one corrects it and needs a
/// reason).
pub fn check_publication(form: &PublicationForm, version: i32) -> Result<Publication, Checks> {
    let mut checks = Checks::new();
    let decision = checks.field("decision", required_text(&form.decision, DECISION_MAX));
    let decided_by = checks.field("decided_by", required_text(&form.decided_by, DECIDED_BY_MAX));
    let decided_on = checks.field(
        "decided_on",
        match form.decided_on.trim() {
            "" => Err(Problem::Required),
            raw => parse_date(raw),
        },
    );
    let url = checks.field("council_decision_url", check_url(&form.council_decision_url));
    let correction_reason = if version > 1 {
        checks.field("correction_reason", required_text(&form.correction_reason, CORRECTION_MAX)).map(Some)
    } else {
        Some(None)
    };
    match (decision, decided_by, decided_on, url, correction_reason) {
        (Some(decision), Some(decided_by), Some(decided_on), Some(council_decision_url), Some(correction_reason))
            if checks.is_empty() =>
        {
            Ok(Publication { decision, decided_by, decided_on, council_decision_url, correction_reason })
        }
        _ => Err(checks),
    }
}

/// Why a report cannot be published yet, before anything typed is looked at.
pub fn publication_blocked(unanswered: u64, awaiting_moderation: u64, participation_closed: bool) -> Option<Problem> {
    if !participation_closed {
        Some(Problem::ParticipationStillOpen)
    } else if awaiting_moderation > 0 {
        Some(Problem::AwaitingModeration { count: awaiting_moderation.min(u32::MAX as u64) as u32 })
    } else if unanswered > 0 {
        Some(Problem::InputsUnanswered { count: unanswered.min(u32::MAX as u64) as u32 })
    } else {
        None
    }
}

/// "312 of 340 inputs answered (91%)". The share is rounded down, so it says 100% only when
/// every input is answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub answered: u64,
    pub total: u64,
}

impl Progress {
    pub fn per_cent(self) -> u64 {
        (self.answered * 100).checked_div(self.total).unwrap_or(100)
    }

    pub fn complete(self) -> bool {
        self.answered >= self.total
    }
}

/// Whether a report came later than the rules of play promised.
pub fn published_late(published_on: NaiveDate, promised_on: Option<NaiveDate>) -> bool {
    promised_on.is_some_and(|promised| published_on > promised)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publication(decision: &str, by: &str, on: &str, url: &str, reason: &str) -> PublicationForm {
        PublicationForm {
            decision: decision.into(),
            decided_by: by.into(),
            decided_on: on.into(),
            council_decision_url: url.into(),
            correction_reason: reason.into(),
        }
    }

    fn publication_problems(form: &PublicationForm, version: i32) -> Vec<(String, Problem)> {
        check_publication(form, version)
            .err()
            .map(|c| c.into_errors().into_iter().map(|e| (e.field, e.problem)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn publishing_needs_the_decision_by_whom_and_when_and_a_later_version_a_reason() {
        assert_eq!(
            publication_problems(&publication("", "", "", "", ""), 1),
            vec![
                ("decision".into(), Problem::Required),
                ("decided_by".into(), Problem::Required),
                ("decided_on".into(), Problem::Required),
            ]
        );
        let good = publication("De raad stelt het plan vast.", "Gemeenteraad", "2026-06-30", "", "");
        let first = check_publication(&good, 1).unwrap();
        assert_eq!(first.correction_reason, None);
        assert_eq!(first.council_decision_url, None);
        assert_eq!(publication_problems(&good, 2), vec![("correction_reason".into(), Problem::Required)]);
        let corrected = PublicationForm { correction_reason: "Een reactie per telefoon ontbrak.".into(), ..good };
        assert_eq!(
            check_publication(&corrected, 2).unwrap().correction_reason.as_deref(),
            Some("Een reactie per telefoon ontbrak.")
        );
    }

    #[test]
    fn a_council_decision_link_is_a_web_address() {
        for bad in [
            "raad.nl/besluit",
            "ftp://raad.nl/x",
            "https://",
            "https://localhost/x",
            "https://raad .nl/x",
            "javascript:alert(1)",
        ] {
            assert_eq!(check_url(bad), Err(Problem::UrlInvalid), "{bad}");
        }
        assert_eq!(
            check_url(" https://duinwijk.raadsinformatie.nl/besluit/42 "),
            Ok(Some("https://duinwijk.raadsinformatie.nl/besluit/42".into()))
        );
        assert_eq!(check_url(""), Ok(None));
        assert_eq!(
            check_url(&format!("https://a.nl/{}", "x".repeat(URL_MAX))),
            Err(Problem::TooLong { max: URL_MAX as u32 })
        );
    }

    #[test]
    fn publication_waits_for_the_end_of_participation_moderation_and_every_answer() {
        assert_eq!(publication_blocked(0, 0, false), Some(Problem::ParticipationStillOpen));
        assert_eq!(publication_blocked(3, 2, true), Some(Problem::AwaitingModeration { count: 2 }));
        assert_eq!(publication_blocked(3, 0, true), Some(Problem::InputsUnanswered { count: 3 }));
        assert_eq!(publication_blocked(0, 0, true), None);
    }

    #[test]
    fn progress_says_100_only_when_everything_is_answered() {
        assert_eq!(Progress { answered: 312, total: 340 }.per_cent(), 91);
        assert_eq!(Progress { answered: 339, total: 340 }.per_cent(), 99);
        assert!(!Progress { answered: 339, total: 340 }.complete());
        assert_eq!(Progress { answered: 340, total: 340 }.per_cent(), 100);
        assert_eq!(Progress { answered: 0, total: 0 }.per_cent(), 100);
    }

    #[test]
    fn late_means_after_the_promised_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(!published_late(d("2026-06-30"), Some(d("2026-06-30"))));
        assert!(published_late(d("2026-07-01"), Some(d("2026-06-30"))));
        assert!(!published_late(d("2026-07-01"), None));
    }
}
