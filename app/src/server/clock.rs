//! The date in the Netherlands. Phases, decision dates and report dates are Dutch calendar days:
//! a phase that ends "on 31 March" ends at midnight in Amsterdam, not in UTC.

use chrono::{NaiveDate, Utc};

pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

/// A moment as a Dutch clock shows it, for "posted on 3 March at 14:05".
pub fn local_time(at: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
    at.with_timezone(&chrono_tz::Europe::Amsterdam).naive_local()
}
