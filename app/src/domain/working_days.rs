//! Working days in the Netherlands, for the desk's service norms (issue 6): a norm of "10 working
//! days" counts neither weekends nor the holidays the Algemene termijnenwet recognises (New
//! Year's Day, Good Friday, Easter Monday, King's Day, Liberation Day, Ascension Day, Whit Monday,
//! Christmas and Boxing Day), and not the days the clock was paused while the municipality waited
//! for the initiator. Pure and calendar-only: the server turns moments into Dutch days first.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of a year (Gregorian calendar; the anonymous algorithm of Meeus, Jones and
/// Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

/// The holidays of a year that fall outside weekends or not, as the Algemene termijnenwet
/// counts them (with Good Friday, which the Besluit algemene termijnenwet adds).
pub fn holidays(year: i32) -> Vec<NaiveDate> {
    let easter = easter_sunday(year);
    let date = |month, day| NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
    // King's Day is the 27th of April, or the 26th when the 27th is a Sunday.
    let kings_day = match date(4, 27).weekday() {
        Weekday::Sun => date(4, 26),
        _ => date(4, 27),
    };
    vec![
        date(1, 1),
        easter - Duration::days(2),
        easter + Duration::days(1),
        kings_day,
        date(5, 5),
        easter + Duration::days(39),
        easter + Duration::days(50),
        date(12, 25),
        date(12, 26),
    ]
}

pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays(day.year()).contains(&day)
}

/// A period the clock stood still: from its first day up to and including its last day (None
/// while it still stands still).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pause {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Pause {
    fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|until| day <= until)
    }
}

/// The day a norm of `days` working days runs out for something received on `received`: the
/// day of receipt does not count, nor do weekends, holidays and paused days. None while a pause
/// is still open (the clock stands still, so there is no deadline).
pub fn deadline(received: NaiveDate, days: u32, pauses: &[Pause]) -> Option<NaiveDate> {
    if pauses.iter().any(|p| p.until.is_none()) {
        return None;
    }
    let mut day = received;
    let mut counted = 0;
    while counted < days {
        day += Duration::days(1);
        if is_working_day(day) && !pauses.iter().any(|p| p.covers(day)) {
            counted += 1;
        }
    }
    Some(day)
}

/// Working days from `received` (not counted) up to and including `until`, paused days left out:
/// how long something took, for the published figures.
pub fn working_days_taken(received: NaiveDate, until: NaiveDate, pauses: &[Pause]) -> u32 {
    let mut day = received;
    let mut counted = 0;
    while day < until {
        day += Duration::days(1);
        if is_working_day(day) && !pauses.iter().any(|p| p.covers(day)) {
            counted += 1;
        }
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_falls_where_the_calendar_says() {
        for (year, sunday) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2030, "2030-04-21"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year), day(sunday), "{year}");
        }
    }

    #[test]
    fn the_holidays_of_2026_and_a_sunday_kings_day() {
        let expected = [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-04-27",
            "2026-05-05",
            "2026-05-14",
            "2026-05-25",
            "2026-12-25",
            "2026-12-26",
        ];
        assert_eq!(holidays(2026), expected.iter().map(|d| day(d)).collect::<Vec<_>>());
        assert!(holidays(2025).contains(&day("2025-04-26")), "27 April 2025 is a Sunday");
        assert!(!holidays(2025).contains(&day("2025-04-27")));
        assert!(!is_working_day(day("2026-11-21")), "a Saturday");
        assert!(is_working_day(day("2026-11-23")));
    }

    #[test]
    fn deadlines_skip_weekends_and_holidays() {
        // Received on a Friday: two working days is the Tuesday.
        assert_eq!(deadline(day("2026-11-20"), 2, &[]), Some(day("2026-11-24")));
        // Received the Thursday before Easter 2026: Good Friday and Easter Monday do not count.
        assert_eq!(deadline(day("2026-04-02"), 2, &[]), Some(day("2026-04-08")));
        // Over Christmas and New Year.
        assert_eq!(deadline(day("2026-12-23"), 3, &[]), Some(day("2026-12-29")));
        assert_eq!(deadline(day("2026-12-23"), 10, &[]), Some(day("2027-01-08")));
        // Ascension Day and Whit Monday 2027 (6 May and 17 May).
        assert_eq!(deadline(day("2027-05-05"), 1, &[]), Some(day("2027-05-07")));
        assert_eq!(deadline(day("2027-05-14"), 1, &[]), Some(day("2027-05-18")));
        assert_eq!(deadline(day("2026-11-23"), 0, &[]), Some(day("2026-11-23")));
    }

    #[test]
    fn a_pause_stops_the_clock_and_one_over_a_weekend_counts_only_its_working_days() {
        // Received Monday 16 November 2026, norm 10 working days: Monday 30 November.
        assert_eq!(deadline(day("2026-11-16"), 10, &[]), Some(day("2026-11-30")));
        // Waiting for the initiator from Thursday 19 to Tuesday 24 November: those four working
        // days (Thu, Fri, Mon, Tue) do not count; the weekend in between never counted anyway.
        let pause = Pause { from: day("2026-11-19"), until: Some(day("2026-11-24")) };
        assert_eq!(deadline(day("2026-11-16"), 10, &[pause]), Some(day("2026-12-04")));
        assert_eq!(working_days_taken(day("2026-11-16"), day("2026-12-04"), &[pause]), 10);
        // While still waiting, there is no deadline.
        let open = Pause { from: day("2026-11-19"), until: None };
        assert_eq!(deadline(day("2026-11-16"), 10, &[open]), None);
    }

    #[test]
    fn time_taken_counts_working_days_after_receipt() {
        assert_eq!(working_days_taken(day("2026-11-20"), day("2026-11-20"), &[]), 0);
        assert_eq!(working_days_taken(day("2026-11-20"), day("2026-11-24"), &[]), 2);
        assert_eq!(working_days_taken(day("2026-04-02"), day("2026-04-08"), &[]), 2);
    }

    #[test]
    fn holidays_move_with_easter_and_the_weekday_over_the_years() {
        // 2027: Easter on 28 March, so Ascension on 6 May and Whit Monday on 17 May.
        for d in ["2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17", "2027-04-27", "2027-05-05"] {
            assert!(holidays(2027).contains(&day(d)), "{d}");
        }
        // 2030: Easter on 21 April; Good Friday 19 April, Easter Monday 22 April, Whit Monday 10 June.
        for d in ["2030-04-19", "2030-04-22", "2030-05-30", "2030-06-10"] {
            assert!(holidays(2030).contains(&day(d)), "{d}");
        }
        // 2032: 27 April is a Tuesday, so King's Day stays on the 27th.
        assert!(holidays(2032).contains(&day("2032-04-27")));
        for year in 2024..=2040 {
            assert_eq!(holidays(year).len(), 9, "{year}");
        }
    }

    #[test]
    fn a_deadline_over_christmas_and_new_year_skips_both() {
        // Thursday 24 December 2026: Christmas falls on Friday, Boxing Day on Saturday.
        assert_eq!(deadline(day("2026-12-24"), 2, &[]), Some(day("2026-12-29")));
        // Wednesday 30 December 2026: New Year's Day is a Friday.
        assert_eq!(deadline(day("2026-12-30"), 2, &[]), Some(day("2027-01-04")));
        // A pause from Christmas Eve into the new year counts none of those days.
        let pause = Pause { from: day("2026-12-24"), until: Some(day("2027-01-05")) };
        assert_eq!(deadline(day("2026-12-22"), 3, &[pause]), Some(day("2027-01-07")));
    }
}
