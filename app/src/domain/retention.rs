//! How long personal data is kept, one table for everything the platform stores about people.
//! The daily housekeeping (`server::retention`) deletes by these periods, and the privacy
//! statement is meant to be written from the same table, so what residents are told and what
//! happens cannot drift apart.

use chrono::{DateTime, Months, Utc};

/// How long a kind of data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// This many days after the moment that starts it (`Kept::from`).
    Days(i64),
    /// This many months after the moment that starts it.
    Months(u32),
    /// As many months after the trajectory's report was first published as its rules of play
    /// say (`retention_months`); as long as the trajectory lasts when they say nothing.
    RulesOfPlay,
    /// As long as the account exists: the person deletes it when they want (`/account`).
    WhileTheAccountExists,
}

/// One kind of personal data: what, why, on what ground, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub what: Data,
    pub period: Period,
}

/// The kinds of personal data the housekeeping acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// Accounts whose address was never confirmed: a registration nobody finished.
    UnconfirmedAccounts,
    /// Mail in the outbox once sent (names, desk conversations, links).
    SentMail,
    /// Names and contact details of people whose input staff entered (counter, phone, letter,
    /// meeting).
    ContactDetailsOfOfflineInput,
    /// Contact details of people who brought something to the desk, once the case is closed.
    ContactDetailsOfClosedCases,
    /// Account, name, e-mail address, birth date and area.
    Accounts,
}

pub const UNCONFIRMED_ACCOUNT_DAYS: i64 = 7;
pub const SENT_MAIL_DAYS: i64 = 30;
/// After a case is closed (or forwarded) the desk may still be asked about it: a year, the
/// usual term for a complaint about how a request was handled to be looked into.
pub const CLOSED_CASE_CONTACT_MONTHS: u32 = 12;

pub const TABLE: &[Kept] = &[
    Kept { what: Data::Accounts, period: Period::WhileTheAccountExists },
    Kept { what: Data::UnconfirmedAccounts, period: Period::Days(UNCONFIRMED_ACCOUNT_DAYS) },
    Kept { what: Data::SentMail, period: Period::Days(SENT_MAIL_DAYS) },
    Kept { what: Data::ContactDetailsOfOfflineInput, period: Period::RulesOfPlay },
    Kept { what: Data::ContactDetailsOfClosedCases, period: Period::Months(CLOSED_CASE_CONTACT_MONTHS) },
];

/// The moment before which data kept for `period` from its start is due to go, at `now`.
/// `None` for periods that do not end by the clock alone.
pub fn due_before(period: Period, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match period {
        Period::Days(days) => Some(now - chrono::Duration::days(days)),
        Period::Months(months) => now.checked_sub_months(Months::new(months)),
        Period::RulesOfPlay | Period::WhileTheAccountExists => None,
    }
}

/// Whether a trajectory's participants' data is due to go: `retention_months` after its report
/// was first published. Never without a report or without a stated period.
pub fn trajectory_data_due(
    first_published: Option<DateTime<Utc>>,
    retention_months: Option<i32>,
    now: DateTime<Utc>,
) -> bool {
    match (first_published, retention_months.and_then(|m| u32::try_from(m).ok())) {
        (Some(published), Some(months)) => {
            published.checked_add_months(Months::new(months)).is_some_and(|end| end <= now)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn periods_by_the_clock_end_that_long_before_now() {
        let now = at(2027, 3, 31);
        assert_eq!(due_before(Period::Days(7), now), Some(at(2027, 3, 24)));
        // A month back from the 31st is the last day of the shorter month.
        assert_eq!(due_before(Period::Months(1), now), Some(at(2027, 2, 28)));
        assert_eq!(due_before(Period::Months(12), now), Some(at(2026, 3, 31)));
        assert_eq!(due_before(Period::RulesOfPlay, now), None);
        assert_eq!(due_before(Period::WhileTheAccountExists, now), None);
    }

    #[test]
    fn a_trajectorys_data_goes_the_stated_months_after_its_first_report() {
        let published = Some(at(2026, 1, 15));
        assert!(!trajectory_data_due(published, Some(24), at(2028, 1, 14)));
        assert!(trajectory_data_due(published, Some(24), at(2028, 1, 15)));
        assert!(trajectory_data_due(published, Some(0), at(2026, 1, 15)), "0 months: at once after the report");
        assert!(!trajectory_data_due(None, Some(24), at(2099, 1, 1)), "never before a report");
        assert!(!trajectory_data_due(published, None, at(2099, 1, 1)), "never without a stated period");
        assert!(!trajectory_data_due(published, Some(-1), at(2099, 1, 1)), "a nonsense period is no period");
    }

    #[test]
    fn every_kind_of_data_has_one_period() {
        for (i, kept) in TABLE.iter().enumerate() {
            assert!(TABLE[i + 1..].iter().all(|other| other.what != kept.what), "{:?} twice", kept.what);
        }
    }
}
