//! The date in the Netherlands. Phases, decision dates and report dates are Dutch calendar days:
//! a phase that ends "on 31 March" ends at midnight in Amsterdam, not in UTC.

use chrono::{NaiveDate, Utc};

pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}
