//! The date in the Netherlands. Phases, decision dates and report dates are Dutch calendar days:
//! a phase that ends "on 31 March" ends at midnight in Amsterdam, not in UTC.

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::{Arc, Mutex};

/// The time as the application sees it, kept in `AppState`: the system's clock in production, a
/// clock that tests set and move (a poll that closes tomorrow, a norm that runs out in two weeks)
/// instead of rewriting stored rows. Clones share one clock.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// None: the system's time. Some: the time a test set.
    set: Arc<Mutex<Option<DateTime<Utc>>>>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.set.lock().ok().and_then(|set| *set).unwrap_or_else(Utc::now)
    }

    /// Today on a Dutch calendar.
    pub fn today(&self) -> NaiveDate {
        dutch_day(self.now())
    }

    /// Stops the clock at `at` (tests).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Ok(mut set) = self.set.lock() {
            *set = Some(at);
        }
    }

    /// Moves a set clock on (tests); starts from the system's time when none was set.
    pub fn advance(&self, by: chrono::Duration) {
        let at = self.now() + by;
        self.set(at);
    }
}

/// Today on a Dutch calendar by the system's clock. Use `Clock::today` from the state in use
/// cases; this is for the command line and the demo data.
pub fn today() -> NaiveDate {
    dutch_day(Utc::now())
}

/// A moment as a Dutch clock shows it, for "posted on 3 March at 14:05".
pub fn local_time(at: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
    at.with_timezone(&chrono_tz::Europe::Amsterdam).naive_local()
}

/// A moment typed as a Dutch date and clock time, in UTC. In the autumn hour that happens twice
/// the first one is meant; a time in the spring hour that is skipped does not exist.
pub fn from_dutch_clock(
    date: NaiveDate,
    time: chrono::NaiveTime,
) -> Result<chrono::DateTime<Utc>, crate::domain::validation::Problem> {
    use chrono::TimeZone;
    match chrono_tz::Europe::Amsterdam.from_local_datetime(&date.and_time(time)) {
        chrono::LocalResult::Single(at) | chrono::LocalResult::Ambiguous(at, _) => Ok(at.with_timezone(&Utc)),
        chrono::LocalResult::None => Err(crate::domain::validation::Problem::TimeDoesNotExist),
    }
}

/// The Dutch calendar day of a moment (a poll's closing day, on which ages are judged).
pub fn dutch_day(at: chrono::DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

/// Midnight at the start of a Dutch day, in UTC: the coarsest moment that still says which day.
pub fn start_of_dutch_day(day: NaiveDate) -> chrono::DateTime<Utc> {
    from_dutch_clock(day, chrono::NaiveTime::MIN).unwrap_or_else(|_| day.and_time(chrono::NaiveTime::MIN).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, TimeZone};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn time(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn a_set_clock_stands_still_until_moved_and_clones_share_it() {
        let clock = Clock::system();
        let shared = clock.clone();
        let at = Utc.with_ymd_and_hms(2026, 3, 28, 23, 30, 0).unwrap();
        clock.set(at);
        assert_eq!(shared.now(), at);
        // 23:30 UTC on 28 March is already 29 March in Amsterdam.
        assert_eq!(shared.today(), day("2026-03-29"));
        shared.advance(chrono::Duration::days(2));
        assert_eq!(clock.now(), at + chrono::Duration::days(2));
    }

    #[test]
    fn dutch_clock_times_become_the_right_utc_moment_across_daylight_saving() {
        // Winter time is UTC+1, summer time UTC+2; in 2026 summer time starts on 29 March.
        assert_eq!(
            from_dutch_clock(day("2026-03-28"), time("22:00")),
            Ok(Utc.with_ymd_and_hms(2026, 3, 28, 21, 0, 0).unwrap())
        );
        assert_eq!(
            from_dutch_clock(day("2026-03-29"), time("22:00")),
            Ok(Utc.with_ymd_and_hms(2026, 3, 29, 20, 0, 0).unwrap())
        );
        assert_eq!(
            from_dutch_clock(day("2026-03-29"), time("02:30")),
            Err(crate::domain::validation::Problem::TimeDoesNotExist),
            "the skipped hour"
        );
        // 25 October 2026: 02:30 happens twice; the first (still summer time) is meant.
        assert_eq!(
            from_dutch_clock(day("2026-10-25"), time("02:30")),
            Ok(Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap())
        );
    }

    #[test]
    fn the_dutch_day_of_a_moment_late_in_the_evening() {
        // 23:30 in Amsterdam on 31 March is 21:30 UTC, still 31 March.
        assert_eq!(dutch_day(Utc.with_ymd_and_hms(2026, 3, 31, 21, 30, 0).unwrap()), day("2026-03-31"));
        // 22:30 UTC on 31 March is 00:30 on 1 April in Amsterdam.
        assert_eq!(dutch_day(Utc.with_ymd_and_hms(2026, 3, 31, 22, 30, 0).unwrap()), day("2026-04-01"));
    }
}
