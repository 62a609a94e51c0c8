//! Who may take part, decided from the rules of play and what a person told us about themselves.
//! Consultations (issue 4) and polls (issue 5) ask this on the server at the moment of taking
//! part; the page asks it beforehand to explain, in plain words, why someone may not.

use super::accounts::age_on;
use super::rules_of_play::Eligibility;
use super::tenancy::AreaId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What eligibility needs to know about a person, and nothing more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub area: Option<AreaId>,
    pub birth_date: Option<NaiveDate>,
    /// Names of the panels the person is a member of on the day in question.
    pub panels: Vec<String>,
}

/// Why someone may not take part; each has its own plain-language explanation in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotEligible {
    /// Only for residents of some areas, and the person gave no area.
    AreaUnknown,
    /// Only for residents of some areas, and the person lives elsewhere.
    OtherArea,
    /// Only for an age band, and the person gave no birth date.
    AgeUnknown,
    /// Only for an age band the person is outside of on that day.
    OutsideAgeBand { min: u8, max: u8 },
    /// Only for members of this panel.
    NotInPanel(String),
    /// The act counts (a vote, a support, a comment public at once) and the person has not yet
    /// confirmed their e-mail address.
    EmailUnconfirmed,
}

/// Acts that count (a vote, a support, a comment that is public at once) need a confirmed e-mail
/// address: otherwise whoever can make up addresses could vote and support as often as they like.
pub fn has_confirmed_email(confirmed: bool) -> Result<(), NotEligible> {
    if confirmed {
        Ok(())
    } else {
        Err(NotEligible::EmailUnconfirmed)
    }
}

/// May this person take part on `day` (for a poll: its closing day, so age is judged the same for
/// everyone who votes)?
pub fn check(rule: &Eligibility, person: &Participant, day: NaiveDate) -> Result<(), NotEligible> {
    match rule {
        Eligibility::Everyone => Ok(()),
        Eligibility::Areas(areas) => match person.area {
            None => Err(NotEligible::AreaUnknown),
            Some(area) if areas.contains(&area) => Ok(()),
            Some(_) => Err(NotEligible::OtherArea),
        },
        Eligibility::AgeBand { min, max } => match person.birth_date {
            None => Err(NotEligible::AgeUnknown),
            Some(born) => {
                let age = age_on(born, day);
                if (u32::from(*min)..=u32::from(*max)).contains(&age) {
                    Ok(())
                } else {
                    Err(NotEligible::OutsideAgeBand { min: *min, max: *max })
                }
            }
        },
        Eligibility::Panel(name) => {
            if person.panels.iter().any(|p| super::panels::same_name(p, name)) {
                Ok(())
            } else {
                Err(NotEligible::NotInPanel(name.clone()))
            }
        }
    }
}

/// Checks every rule that applies (the trajectory's and an activity's narrowing), the ones a
/// person cannot change first: someone who is not in the panel hears "only for members of the
/// panel" before being asked for a birth date that would not help them anyway.
pub fn check_all(rules: &[Eligibility], person: &Participant, day: NaiveDate) -> Result<(), NotEligible> {
    let order = |rule: &&Eligibility| match rule {
        Eligibility::Panel(_) => 0,
        Eligibility::Areas(_) => 1,
        Eligibility::AgeBand { .. } => 2,
        Eligibility::Everyone => 3,
    };
    let mut ordered: Vec<&Eligibility> = rules.iter().collect();
    ordered.sort_by_key(order);
    ordered.into_iter().try_for_each(|rule| check(rule, person, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn everyone_means_everyone_even_without_details() {
        assert_eq!(check(&Eligibility::Everyone, &Participant::default(), day("2026-06-01")), Ok(()));
    }

    #[test]
    fn areas_need_a_known_matching_area() {
        let rule = Eligibility::Areas(vec![AreaId(2), AreaId(3)]);
        let on = day("2026-06-01");
        assert_eq!(check(&rule, &Participant::default(), on), Err(NotEligible::AreaUnknown));
        let elsewhere = Participant { area: Some(AreaId(1)), ..Default::default() };
        assert_eq!(check(&rule, &elsewhere, on), Err(NotEligible::OtherArea));
        let here = Participant { area: Some(AreaId(3)), ..Default::default() };
        assert_eq!(check(&rule, &here, on), Ok(()));
    }

    #[test]
    fn the_age_band_counts_birthdays_on_the_day_itself_and_includes_both_ends() {
        let rule = Eligibility::AgeBand { min: 12, max: 23 };
        let born = Participant { birth_date: Some(day("2014-06-01")), ..Default::default() };
        assert_eq!(
            check(&rule, &born, day("2026-05-31")),
            Err(NotEligible::OutsideAgeBand { min: 12, max: 23 }),
            "11 the day before"
        );
        assert_eq!(check(&rule, &born, day("2026-06-01")), Ok(()), "12 on the birthday");
        assert_eq!(check(&rule, &born, day("2038-05-31")), Ok(()), "still 23");
        assert_eq!(check(&rule, &born, day("2038-06-01")), Err(NotEligible::OutsideAgeBand { min: 12, max: 23 }), "24");
        assert_eq!(check(&rule, &Participant::default(), day("2026-06-01")), Err(NotEligible::AgeUnknown));
    }

    #[test]
    fn a_panel_rule_needs_membership_of_that_panel() {
        let rule = Eligibility::Panel("Jongerenpanel Duinwijk".into());
        let member = Participant { panels: vec!["Jongerenpanel Duinwijk".into()], ..Default::default() };
        let other = Participant { panels: vec!["Seniorenraad".into()], ..Default::default() };
        assert_eq!(check(&rule, &member, day("2026-06-01")), Ok(()));
        assert_eq!(
            check(&rule, &other, day("2026-06-01")),
            Err(NotEligible::NotInPanel("Jongerenpanel Duinwijk".into()))
        );
    }

    #[test]
    fn a_panel_named_in_the_rules_matches_regardless_of_capitals_and_spaces() {
        let person = Participant { panels: vec!["Jongerenpanel Duinwijk".into()], ..Participant::default() };
        let rule = |name: &str| Eligibility::Panel(name.into());
        assert_eq!(check(&rule(" jongerenpanel  duinwijk"), &person, day("2026-06-01")), Ok(()));
        assert!(check(&rule("Jongerenpanel Polderveen"), &person, day("2026-06-01")).is_err());
    }

    #[test]
    fn acts_that_count_need_a_confirmed_address() {
        assert_eq!(has_confirmed_email(true), Ok(()));
        assert_eq!(has_confirmed_email(false), Err(NotEligible::EmailUnconfirmed));
    }

    #[test]
    fn someone_outside_the_panel_is_told_so_before_being_asked_for_a_birth_date() {
        let rules = [Eligibility::AgeBand { min: 8, max: 23 }, Eligibility::Panel("Jongerenpanel Duinwijk".into())];
        let adult = Participant::default();
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(check_all(&rules, &adult, day), Err(NotEligible::NotInPanel("Jongerenpanel Duinwijk".into())));
        let member = Participant { panels: vec!["jongerenpanel duinwijk".into()], ..Participant::default() };
        assert_eq!(check_all(&rules, &member, day), Err(NotEligible::AgeUnknown));
    }
}
