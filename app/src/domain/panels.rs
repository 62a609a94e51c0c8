//! Panels: standing groups of residents (a youth panel) that a poll can be limited to. Members
//! join with a personal invitation code (printed, or sent by e-mail) or are added by staff, and
//! can leave at any time; a membership runs from a start day to an end day.

use super::accounts::age_on;
use super::trajectories::{optional_text, parse_date, required_text};
use super::validation::{Checks, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2_000;
/// Codes use letters and digits that cannot be mistaken for each other when read aloud or from
/// paper (no 0/O, 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LENGTH: usize = 8;
/// How many printed codes one request may make (a school class, a youth centre).
pub const MAX_CODES_AT_ONCE: u32 = 200;

/// A panel as typed by an administrator, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelDraft {
    pub name: String,
    pub description: String,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub term_starts_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
}

fn optional_age(raw: &str) -> Result<Option<u8>, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u8>().ok().filter(|a| *a <= 120).map(Some).ok_or(Problem::NumberInvalid { max: 120 })
}

/// Checks the panel form: name, description, an optional age band, the term.
pub fn check_panel(
    name: &str,
    description: &str,
    min_age: &str,
    max_age: &str,
    term_starts_on: &str,
    term_ends_on: &str,
) -> Result<PanelDraft, Checks> {
    let mut checks = Checks::new();
    let name = checks.field("name", required_text(name, NAME_MAX));
    let description = checks.field("description", optional_text(description, DESCRIPTION_MAX));
    let min_age = checks.field("min_age", optional_age(min_age));
    let max_age = checks.field("max_age", optional_age(max_age));
    if let (Some(Some(min)), Some(Some(max))) = (min_age, max_age) {
        if min > max {
            checks.add("max_age", Problem::AgeBandReversed);
        }
    }
    let starts = checks.field("term_starts_on", parse_date(term_starts_on));
    let ends = match term_ends_on.trim() {
        "" => Some(None),
        raw => checks.field("term_ends_on", parse_date(raw).map(Some)),
    };
    if let (Some(starts), Some(Some(ends))) = (starts, ends) {
        if ends < starts {
            checks.add("term_ends_on", Problem::EndsBeforeStart);
        }
    }
    match (name, description, min_age, max_age, starts, ends) {
        (Some(name), Some(description), Some(min_age), Some(max_age), Some(term_starts_on), Some(term_ends_on))
            if checks.is_empty() =>
        {
            Ok(PanelDraft { name, description, min_age, max_age, term_starts_on, term_ends_on })
        }
        _ => Err(checks),
    }
}

/// Panel names as typed in the rules of play and as the panel is called match regardless of
/// capitals and spacing: "jongerenpanel  Duinwijk" is the Jongerenpanel Duinwijk.
pub fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

/// A code as a person types it ("kdwp 7m3q", "KDWP-7M3Q") in its stored form, or None when it
/// cannot be a code at all.
pub fn normalise_code(raw: &str) -> Option<String> {
    let code: String =
        raw.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// A code as printed: two groups of four.
pub fn printed_code(code: &str) -> String {
    if code.len() == CODE_LENGTH {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

/// Why someone cannot join a panel on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CannotJoin {
    /// The panel's term has not started or is over.
    OutsideTerm,
    /// The panel has an age band and the person gave no birth date.
    AgeUnknown,
    OutsideAgeBand {
        min: u8,
        max: u8,
    },
}

/// May a person with this birth date join the panel on `day`?
pub fn may_join(panel: &PanelDraft, birth_date: Option<NaiveDate>, day: NaiveDate) -> Result<(), CannotJoin> {
    if day < panel.term_starts_on || panel.term_ends_on.is_some_and(|end| day > end) {
        return Err(CannotJoin::OutsideTerm);
    }
    if panel.min_age.is_none() && panel.max_age.is_none() {
        return Ok(());
    }
    let (min, max) = (panel.min_age.unwrap_or(0), panel.max_age.unwrap_or(120));
    let born = birth_date.ok_or(CannotJoin::AgeUnknown)?;
    if (u32::from(min)..=u32::from(max)).contains(&age_on(born, day)) {
        Ok(())
    } else {
        Err(CannotJoin::OutsideAgeBand { min, max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fields(checks: Checks) -> Vec<(String, Problem)> {
        checks.into_errors().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_panel_needs_a_name_a_sensible_age_band_and_term() {
        let panel = check_panel("Jongerenpanel Duinwijk", "", "12", "23", "2026-01-01", "").unwrap();
        assert_eq!((panel.min_age, panel.max_age, panel.term_ends_on), (Some(12), Some(23), None));
        let problems = fields(check_panel(" ", "", "23", "12", "2026-09-01", "2026-08-01").unwrap_err());
        assert_eq!(
            problems,
            [
                ("name".to_owned(), Problem::Required),
                ("max_age".to_owned(), Problem::AgeBandReversed),
                ("term_ends_on".to_owned(), Problem::EndsBeforeStart)
            ]
        );
        let problems = fields(check_panel("P", "", "twaalf", "130", "gisteren", "").unwrap_err());
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn codes_are_forgiving_about_case_spaces_and_dashes_but_not_about_letters() {
        assert_eq!(normalise_code(" kdwp-7m3q ").as_deref(), Some("KDWP7M3Q"));
        assert_eq!(normalise_code("KDWP 7M3Q").as_deref(), Some("KDWP7M3Q"));
        assert_eq!(normalise_code("KDWP7M3"), None, "too short");
        assert_eq!(normalise_code("KDWP7M3O"), None, "O is not in the alphabet");
        assert_eq!(normalise_code("KDWP7M3É"), None);
        assert_eq!(printed_code("KDWP7M3Q"), "KDWP-7M3Q");
    }

    #[test]
    fn joining_keeps_to_the_term_and_the_age_band() {
        let panel = check_panel("Jongerenpanel", "", "12", "23", "2026-01-01", "2027-12-31").unwrap();
        let today = day("2026-11-22");
        assert_eq!(may_join(&panel, Some(day("2011-05-01")), today), Ok(()));
        assert_eq!(may_join(&panel, None, today), Err(CannotJoin::AgeUnknown));
        assert_eq!(
            may_join(&panel, Some(day("1990-05-01")), today),
            Err(CannotJoin::OutsideAgeBand { min: 12, max: 23 })
        );
        assert_eq!(may_join(&panel, Some(day("2011-05-01")), day("2028-01-01")), Err(CannotJoin::OutsideTerm));
        let open = check_panel("Bewonerspanel", "", "", "", "2026-01-01", "").unwrap();
        assert_eq!(may_join(&open, None, today), Ok(()), "no age band, no birth date needed");
    }
}
