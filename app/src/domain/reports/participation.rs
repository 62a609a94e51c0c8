//! Who took part and what came of it, as published: counts of people with small groups hidden,
//! age bands, the shares adopted / partly / not, and the reach per year for the council.

use super::{Disposition, SMALL_GROUP};
use crate::domain::accounts::age_on;
use crate::domain::consultations::Channel;
use crate::domain::small_groups;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A count of people as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Exactly(u64),
    /// A total of 1 to 9 people. (Reports published before groups were hidden as a whole also
    /// have this for small groups.)
    FewerThan(u64),
    /// A group in a breakdown that is not shown: a small one, or one hidden with it so that the
    /// small one cannot be worked out from the total. All hidden groups look the same, so none
    /// can be told apart as the small one.
    Hidden,
}

/// A total: exact, or "fewer than 10" for 1 to 9 people (zero stays zero: nobody to pick out).
pub fn shown(count: u64) -> Shown {
    if count > 0 && count < SMALL_GROUP {
        Shown::FewerThan(SMALL_GROUP)
    } else {
        Shown::Exactly(count)
    }
}

/// The groups of one breakdown of `total` people, each exact or hidden (see
/// [`crate::domain::small_groups`]).
pub fn shown_groups<K>(groups: Vec<(K, u64)>, total: u64) -> Vec<(K, Shown)> {
    let counts: Vec<u64> = groups.iter().map(|(_, n)| *n).collect();
    let publishable = small_groups::publishable(&counts, total);
    groups
        .into_iter()
        .zip(publishable)
        .map(|((group, n), publish)| (group, if publish { Shown::Exactly(n) } else { Shown::Hidden }))
        .collect()
}

/// The age bands participation is reported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    Under18,
    From18To29,
    From30To49,
    From50To64,
    From65,
    Unknown,
}

impl AgeBand {
    pub const ALL: [AgeBand; 6] = [
        AgeBand::Under18,
        AgeBand::From18To29,
        AgeBand::From30To49,
        AgeBand::From50To64,
        AgeBand::From65,
        AgeBand::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::Under18 => "0-17",
            AgeBand::From18To29 => "18-29",
            AgeBand::From30To49 => "30-49",
            AgeBand::From50To64 => "50-64",
            AgeBand::From65 => "65+",
            AgeBand::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// The band of someone born on `birth_date` on `day`; Unknown without a birth date.
    pub fn of(birth_date: Option<NaiveDate>, day: NaiveDate) -> AgeBand {
        match birth_date.map(|b| age_on(b, day)) {
            None => AgeBand::Unknown,
            Some(0..=17) => AgeBand::Under18,
            Some(18..=29) => AgeBand::From18To29,
            Some(30..=49) => AgeBand::From30To49,
            Some(50..=64) => AgeBand::From50To64,
            Some(_) => AgeBand::From65,
        }
    }
}

/// Who took part, as published: totals through [`shown`], breakdowns through [`shown_groups`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Participation {
    /// People with an account who gave input, voted or brought in an idea.
    pub people_online: Option<Shown>,
    /// Inputs per channel (online ones and those staff entered from the counter, phone, ...).
    pub inputs_by_channel: Vec<(Channel, Shown)>,
    /// Online participants by the area on their account (None: not given).
    pub people_by_area: Vec<(Option<String>, Shown)>,
    pub people_by_age: Vec<(AgeBand, Shown)>,
    /// Ballots cast online and counted on paper or at meetings, over the trajectory's polls.
    pub ballots_online: u64,
    pub ballots_paper: u64,
}

/// Raw counts before publication; [`Participation::from_counts`] hides the small groups.
/// `people_by_area` and `people_by_age` each add up to `people_online` (with "not given" and
/// "unknown" as groups of their own).
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub people_online: u64,
    pub inputs_by_channel: Vec<(Channel, u64)>,
    pub people_by_area: Vec<(Option<String>, u64)>,
    pub people_by_age: Vec<(AgeBand, u64)>,
    pub ballots_online: u64,
    pub ballots_paper: u64,
}

impl Participation {
    pub fn from_counts(counts: Counts) -> Participation {
        Participation {
            people_online: Some(shown(counts.people_online)),
            inputs_by_channel: counts.inputs_by_channel.into_iter().map(|(c, n)| (c, shown(n))).collect(),
            people_by_area: shown_groups(counts.people_by_area, counts.people_online),
            people_by_age: shown_groups(counts.people_by_age, counts.people_online),
            ballots_online: counts.ballots_online,
            ballots_paper: counts.ballots_paper,
        }
    }
}

/// Shares of adopted, partly adopted and not adopted inputs, in whole per cents of all answered
/// inputs (the other dispositions make up the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Outcome {
    pub answered: u64,
    pub adopted: u64,
    pub partly_adopted: u64,
    pub not_adopted: u64,
}

impl Outcome {
    pub fn add(&mut self, disposition: Disposition, count: u64) {
        self.answered += count;
        match disposition {
            Disposition::Adopted => self.adopted += count,
            Disposition::PartlyAdopted => self.partly_adopted += count,
            Disposition::NotAdopted => self.not_adopted += count,
            _ => {}
        }
    }

    /// A count as a share of the answered inputs, in per mille (see `domain::shares`).
    pub fn per_mille(self, count: u64) -> u64 {
        crate::domain::shares::per_mille(count, self.answered)
    }
}

/// Someone who took part in a year (gave input, voted or brought something to the desk): the
/// area on their account and their birth date. Each person once per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub year: i32,
    pub area: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// The reach of one year, with small groups hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearReach {
    pub year: i32,
    pub people: Shown,
    pub by_area: Vec<(Option<String>, Shown)>,
    pub by_age: Vec<(AgeBand, Shown)>,
}

/// People who took part per year, by area (every area of the municipality, then "not given") and
/// by age band (their age at the end of that year, or today in the current year).
pub fn reach_per_year(
    participants: &[Participant],
    areas: &[String],
    years: &[i32],
    today: NaiveDate,
) -> Vec<YearReach> {
    use chrono::Datelike;
    years
        .iter()
        .map(|&year| {
            let of_year: Vec<&Participant> = participants.iter().filter(|p| p.year == year).collect();
            let on = if year >= today.year() { today } else { NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today) };
            let total = of_year.len() as u64;
            let by_area = areas
                .iter()
                .map(|a| Some(a.clone()))
                .chain([None])
                .map(|area| {
                    let n = of_year.iter().filter(|p| p.area == area).count() as u64;
                    (area, n)
                })
                .collect();
            let by_age = AgeBand::ALL
                .into_iter()
                .map(|band| (band, of_year.iter().filter(|p| AgeBand::of(p.birth_date, on) == band).count() as u64))
                .collect();
            YearReach {
                year,
                people: shown(total),
                by_area: shown_groups(by_area, total),
                by_age: shown_groups(by_age, total),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_under_ten_are_shown_as_fewer_than_ten() {
        assert_eq!(shown(0), Shown::Exactly(0));
        assert_eq!(shown(1), Shown::FewerThan(10));
        assert_eq!(shown(9), Shown::FewerThan(10));
        assert_eq!(shown(10), Shown::Exactly(10));
        let p = Participation::from_counts(Counts {
            people_online: 4,
            inputs_by_channel: vec![(Channel::Online, 40), (Channel::Phone, 1)],
            people_by_area: vec![(Some("Centrum".into()), 12), (None, 3)],
            people_by_age: vec![(AgeBand::From18To29, 2)],
            ballots_online: 3,
            ballots_paper: 0,
        });
        assert_eq!(p.people_online, Some(Shown::FewerThan(10)));
        assert_eq!(
            p.inputs_by_channel,
            vec![(Channel::Online, Shown::Exactly(40)), (Channel::Phone, Shown::FewerThan(10))]
        );
        assert_eq!(p.people_by_area, vec![(Some("Centrum".into()), Shown::Hidden), (None, Shown::Hidden)]);
        assert_eq!(p.people_by_age, vec![(AgeBand::From18To29, Shown::Hidden)]);
    }

    #[test]
    fn a_small_group_takes_another_with_it_so_the_totals_do_not_give_it_away() {
        let p = Participation::from_counts(Counts {
            people_online: 43,
            people_by_area: vec![(Some("Centrum".into()), 12), (Some("Zeedorp".into()), 30), (None, 1)],
            people_by_age: vec![(AgeBand::From18To29, 20), (AgeBand::From30To49, 23), (AgeBand::From65, 0)],
            ..Default::default()
        });
        assert_eq!(p.people_online, Some(Shown::Exactly(43)));
        assert_eq!(
            p.people_by_area,
            vec![
                (Some("Centrum".into()), Shown::Hidden),
                (Some("Zeedorp".into()), Shown::Exactly(30)),
                (None, Shown::Hidden)
            ],
            "43 − 30 leaves 13 over two groups: neither can be told"
        );
        assert_eq!(
            p.people_by_age,
            vec![
                (AgeBand::From18To29, Shown::Exactly(20)),
                (AgeBand::From30To49, Shown::Exactly(23)),
                (AgeBand::From65, Shown::Exactly(0))
            ],
            "nothing hidden, so everything is shown, zeros too"
        );
    }

    #[test]
    fn age_bands_follow_the_birthday() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let born = |y, m, d| Some(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(AgeBand::of(born(2008, 6, 2), day), AgeBand::Under18);
        assert_eq!(AgeBand::of(born(2008, 6, 1), day), AgeBand::From18To29);
        assert_eq!(AgeBand::of(born(1996, 6, 1), day), AgeBand::From30To49);
        assert_eq!(AgeBand::of(born(1961, 6, 1), day), AgeBand::From65);
        assert_eq!(AgeBand::of(born(1962, 1, 1), day), AgeBand::From50To64);
        assert_eq!(AgeBand::of(None, day), AgeBand::Unknown);
    }

    #[test]
    fn outcome_shares_are_per_mille_of_the_answered_inputs() {
        let mut o = Outcome::default();
        o.add(Disposition::Adopted, 1);
        o.add(Disposition::PartlyAdopted, 1);
        o.add(Disposition::NotAdopted, 1);
        o.add(Disposition::OutOfScope, 0);
        assert_eq!(o.answered, 3);
        assert_eq!(
            (o.per_mille(o.adopted), o.per_mille(o.partly_adopted), o.per_mille(o.not_adopted)),
            (333, 333, 333)
        );
        o.add(Disposition::Forwarded, 5);
        assert_eq!(o.per_mille(o.adopted), 125);
        assert_eq!(Outcome::default().per_mille(0), 0);
    }

    #[test]
    fn reach_counts_people_per_year_by_area_and_age_at_the_end_of_the_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut people = Vec::new();
        for n in 0..12 {
            people.push(Participant {
                year: 2025,
                area: Some("Centrum".into()),
                birth_date: Some(d(2008, 6, n % 2 + 1)),
            });
        }
        people.push(Participant { year: 2025, area: None, birth_date: None });
        people.push(Participant { year: 2026, area: Some("Zeedorp".into()), birth_date: Some(d(1950, 1, 1)) });
        let areas = vec!["Centrum".to_owned(), "Zeedorp".to_owned()];
        let reach = reach_per_year(&people, &areas, &[2025, 2026], d(2026, 3, 1));
        assert_eq!(reach[0].people, Shown::Exactly(13));
        // 13 − 12 would give away the one person without an area: Centrum is hidden with it.
        assert_eq!(
            reach[0].by_area,
            vec![
                (Some("Centrum".into()), Shown::Hidden),
                (Some("Zeedorp".into()), Shown::Exactly(0)),
                (None, Shown::Hidden)
            ]
        );
        // Born in June 2008: 17 at the end of 2025; the one without a birth date hides them too.
        assert_eq!(reach[0].by_age[0], (AgeBand::Under18, Shown::Hidden));
        assert_eq!(reach[0].by_age[1], (AgeBand::From18To29, Shown::Exactly(0)));
        assert_eq!(reach[1].people, Shown::FewerThan(10));
        assert_eq!(reach[1].by_age[4], (AgeBand::From65, Shown::Hidden));
        assert!(reach[1].by_age.iter().all(|(_, s)| *s == Shown::Hidden), "one person: only the total says so");
    }
}
