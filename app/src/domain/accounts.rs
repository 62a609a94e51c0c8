//! Account value types: e-mail address, display name, birth date. Parse, don't validate: a value
//! of these types is known to be acceptable.

use super::validation::Problem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Identifier of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(pub i32);

/// An e-mail address, trimmed and lower-cased so one person cannot hold two accounts by case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

pub const EMAIL_MAX: u32 = 254;
pub const DISPLAY_NAME_MAX: u32 = 60;

impl Email {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        if s.chars().count() > EMAIL_MAX as usize {
            return Err(Problem::TooLong { max: EMAIL_MAX });
        }
        let (local, domain) = s.rsplit_once('@').ok_or(Problem::EmailInvalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '@');
        if !(domain_ok && local_ok) {
            return Err(Problem::EmailInvalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name shown with a person's contributions. Not necessarily their real name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        // Fold runs of white space so names cannot be padded to look like someone else's.
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(Problem::Required);
        }
        if s.chars().count() > DISPLAY_NAME_MAX as usize {
            return Err(Problem::TooLong { max: DISPLAY_NAME_MAX });
        }
        if s.chars()
            .any(|c| c.is_control() || matches!(c, '<' | '>' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'))
        {
            return Err(Problem::DisplayNameInvalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional birth date, typed as `yyyy-mm-dd` (what `<input type="date">` sends). Only used to
/// check age bands, so it must be a plausible date in the past.
pub fn parse_birth_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Problem::BirthDateInvalid)?;
    let oldest = today.checked_sub_months(chrono::Months::new(12 * 120)).unwrap_or(today);
    if date > today || date < oldest {
        return Err(Problem::BirthDateInvalid);
    }
    Ok(Some(date))
}

/// Whole years between a birth date and a given day (the age on that day).
pub fn age_on(birth_date: NaiveDate, day: NaiveDate) -> u32 {
    day.years_since(birth_date).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(Email::parse("  Anne@Example.NL ").unwrap().as_str(), "anne@example.nl");
    }

    #[test]
    fn email_refuses_what_cannot_be_an_address() {
        assert_eq!(Email::parse(""), Err(Problem::Required));
        for bad in ["anne", "anne@", "@example.nl", "anne@example", "an ne@example.nl", "anne@exa..mple.nl", "<a>@b.nl"]
        {
            assert_eq!(Email::parse(bad), Err(Problem::EmailInvalid), "{bad}");
        }
        let long = format!("{}@example.nl", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(Problem::TooLong { max: 254 }));
    }

    #[test]
    fn display_name_folds_space_and_refuses_tricks() {
        assert_eq!(DisplayName::parse("  Anne   de  Vries ").unwrap().as_str(), "Anne de Vries");
        assert_eq!(DisplayName::parse("   "), Err(Problem::Required));
        assert_eq!(DisplayName::parse("a\u{202e}b"), Err(Problem::DisplayNameInvalid));
        assert_eq!(DisplayName::parse("<script>"), Err(Problem::DisplayNameInvalid));
        assert_eq!(DisplayName::parse(&"x".repeat(61)), Err(Problem::TooLong { max: 60 }));
    }

    #[test]
    fn birth_date_is_optional_and_plausible() {
        let today = day("2026-11-22");
        assert_eq!(parse_birth_date("", today), Ok(None));
        assert_eq!(parse_birth_date("2011-05-01", today), Ok(Some(day("2011-05-01"))));
        assert_eq!(parse_birth_date("2027-01-01", today), Err(Problem::BirthDateInvalid));
        assert_eq!(parse_birth_date("1890-01-01", today), Err(Problem::BirthDateInvalid));
        assert_eq!(parse_birth_date("01-05-2011", today), Err(Problem::BirthDateInvalid));
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_on(day("2011-11-23"), day("2026-11-22")), 14);
        assert_eq!(age_on(day("2011-11-22"), day("2026-11-22")), 15);
    }
}
