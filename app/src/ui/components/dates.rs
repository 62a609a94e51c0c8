//! Dates as people write them: "1 maart 2026" in Dutch, "1 March 2026" in English.

use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};

const DUTCH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn long_date(locale: Locale, date: NaiveDate) -> String {
    let months = match locale {
        Locale::nl => DUTCH_MONTHS,
        Locale::en => ENGLISH_MONTHS,
    };
    let month = months.get(date.month0() as usize).copied().unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

/// A moment as a Dutch clock shows it: "1 maart 2026, 14:05". Pages are made on the server,
/// which knows the Dutch time zone; the browser's build (islands only) falls back to UTC.
pub fn moment(locale: Locale, at: chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(feature = "ssr")]
    let at = crate::server::clock::local_time(at);
    #[cfg(not(feature = "ssr"))]
    let at = at.naive_utc();
    format!("{}, {}", long_date(locale, at.date()), at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(long_date(Locale::nl, date), "1 maart 2026");
        assert_eq!(long_date(Locale::en, date), "1 March 2026");
    }
}
