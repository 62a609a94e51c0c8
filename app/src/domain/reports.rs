//! Answering every input and the report on what was done with it: dispositions and their rules,
//! the answer and publication forms, progress, who took part (with small groups hidden), and
//! whether the report came on the day the rules of play promised.

use super::accounts::age_on;
use super::consultations::Channel;
use super::trajectories::{optional_text, parse_date, required_text};
use super::validation::{Checks, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const REASON_MAX: usize = 2_000;
pub const GROUP_TITLE_MAX: usize = 160;
pub const FORWARDED_MAX: usize = 200;
pub const DECISION_MAX: usize = 5_000;
pub const DECIDED_BY_MAX: usize = 200;
pub const URL_MAX: usize = 500;
pub const CORRECTION_MAX: usize = 1_000;
/// Inputs per page on the answering screen and in the report.
pub const PAGE_SIZE: u64 = 50;
/// Groups of people smaller than this are shown as "fewer than 10", so nobody can be picked out.
pub const SMALL_GROUP: u64 = 10;

/// What was done with an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Disposition {
    Adopted,
    PartlyAdopted,
    NotAdopted,
    /// Outside the scope the rules of play fixed; only with a fixed item pointed at.
    OutOfScope,
    AlreadyCovered,
    /// Sent to a department or another trajectory.
    Forwarded,
}

impl Disposition {
    pub const ALL: [Disposition; 6] = [
        Disposition::Adopted,
        Disposition::PartlyAdopted,
        Disposition::NotAdopted,
        Disposition::OutOfScope,
        Disposition::AlreadyCovered,
        Disposition::Forwarded,
    ];

    /// Stable name in the database and the open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Adopted => "adopted",
            Disposition::PartlyAdopted => "partly_adopted",
            Disposition::NotAdopted => "not_adopted",
            Disposition::OutOfScope => "out_of_scope",
            Disposition::AlreadyCovered => "already_covered",
            Disposition::Forwarded => "forwarded",
        }
    }

    pub fn parse(s: &str) -> Option<Disposition> {
        Disposition::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// What kind of input a report line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemKind {
    Comment,
    Reply,
    PollAnswer,
    Idea,
    Initiative,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] =
        [ItemKind::Comment, ItemKind::Reply, ItemKind::PollAnswer, ItemKind::Idea, ItemKind::Initiative];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Comment => "comment",
            ItemKind::Reply => "reply",
            ItemKind::PollAnswer => "poll_answer",
            ItemKind::Idea => "idea",
            ItemKind::Initiative => "initiative",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One input to answer: a row of `inputs` (comments, replies, offline input, open poll answers)
/// or a desk case (an idea, an initiative forwarded to the trajectory). Written `i12` / `c7` in
/// forms and links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InputRef {
    Input(i32),
    Case(i32),
}

impl InputRef {
    pub fn key(self) -> String {
        match self {
            InputRef::Input(id) => format!("i{id}"),
            InputRef::Case(id) => format!("c{id}"),
        }
    }

    pub fn parse(s: &str) -> Option<InputRef> {
        let s = s.trim();
        let number = |rest: &str| rest.parse::<i32>().ok().filter(|id| *id > 0);
        if let Some(rest) = s.strip_prefix('i') {
            number(rest).map(InputRef::Input)
        } else if let Some(rest) = s.strip_prefix('c') {
            number(rest).map(InputRef::Case)
        } else {
            None
        }
    }
}

/// Where a forwarded input went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardedTo {
    /// A department, in words ("Team Openbare ruimte").
    pub department: Option<String>,
    /// Another trajectory of the municipality.
    pub trajectory: Option<i32>,
}

/// The answer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerForm {
    pub disposition: String,
    pub reason: String,
    /// The fixed item's number, for "outside the scope".
    pub fixed_item: String,
    pub forwarded_to: String,
    pub forwarded_trajectory: String,
    pub group_title: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub disposition: Disposition,
    pub reason: String,
    pub fixed_item: Option<u32>,
    pub forwarded: Option<ForwardedTo>,
    pub group_title: Option<String>,
}

/// Checks an answer. `fixed_items` is the number of fixed items on the rules of play in force;
/// `trajectories` the municipality's other trajectories an input may be forwarded to.
pub fn check_answer(form: &AnswerForm, fixed_items: usize, trajectories: &[i32]) -> Result<Answer, Checks> {
    let mut checks = Checks::new();
    let disposition =
        checks.field("disposition", Disposition::parse(form.disposition.trim()).ok_or(Problem::ChoiceInvalid));
    let reason = checks.field("reason", required_text(&form.reason, REASON_MAX));
    let group_title = checks.field("group_title", optional_text(&form.group_title, GROUP_TITLE_MAX));
    let mut fixed_item = None;
    let mut forwarded = None;
    match disposition {
        Some(Disposition::OutOfScope) => {
            fixed_item = checks.field(
                "fixed_item",
                match form.fixed_item.trim() {
                    "" if fixed_items == 0 => Err(Problem::NoFixedItems),
                    "" => Err(Problem::FixedItemNeeded),
                    raw => raw
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=fixed_items as u32).contains(n))
                        .ok_or(Problem::ChoiceInvalid),
                },
            );
        }
        Some(Disposition::Forwarded) => {
            let department = checks.field("forwarded_to", optional_text(&form.forwarded_to, FORWARDED_MAX));
            let trajectory = checks.field(
                "forwarded_trajectory",
                match form.forwarded_trajectory.trim() {
                    "" => Ok(None),
                    raw => raw
                        .parse::<i32>()
                        .ok()
                        .filter(|id| trajectories.contains(id))
                        .map(Some)
                        .ok_or(Problem::ChoiceInvalid),
                },
            );
            if let (Some(department), Some(trajectory)) = (department, trajectory) {
                if department.is_empty() && trajectory.is_none() {
                    checks.add("forwarded_to", Problem::ForwardedWhere);
                } else {
                    forwarded =
                        Some(ForwardedTo { department: Some(department).filter(|d| !d.is_empty()), trajectory });
                }
            }
        }
        _ => {}
    }
    match (disposition, reason, group_title) {
        (Some(disposition), Some(reason), Some(group_title)) if checks.is_empty() => Ok(Answer {
            disposition,
            reason,
            fixed_item,
            forwarded,
            group_title: Some(group_title).filter(|t| !t.is_empty()),
        }),
        _ => Err(checks),
    }
}

/// The publication form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationForm {
    pub decision: String,
    pub decided_by: String,
    pub decided_on: String,
    pub council_decision_url: String,
    pub correction_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub decision: String,
    pub decided_by: String,
    pub decided_on: NaiveDate,
    pub council_decision_url: Option<String>,
    /// Why a later version corrects the one before; None for the first.
    pub correction_reason: Option<String>,
}

/// A web address a reader can follow: http(s), a host, no spaces.
fn check_url(raw: &str) -> Result<Option<String>, Problem> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(None);
    }
    if url.chars().count() > URL_MAX {
        return Err(Problem::TooLong { max: URL_MAX as u32 });
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or(Problem::UrlInvalid)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::UrlInvalid);
    }
    Ok(Some(url.to_owned()))
}

/// Checks the publication of `version` (1 for the first; a later one corrects it and needs a
/// reason).
pub fn check_publication(form: &PublicationForm, version: i32) -> Result<Publication, Checks> {
    let mut checks = Checks::new();
    let decision = checks.field("decision", required_text(&form.decision, DECISION_MAX));
    let decided_by = checks.field("decided_by", required_text(&form.decided_by, DECIDED_BY_MAX));
    let decided_on = checks.field(
        "decided_on",
        match form.decided_on.trim() {
            "" => Err(Problem::Required),
            raw => parse_date(raw),
        },
    );
    let url = checks.field("council_decision_url", check_url(&form.council_decision_url));
    let correction_reason = if version > 1 {
        checks.field("correction_reason", required_text(&form.correction_reason, CORRECTION_MAX)).map(Some)
    } else {
        Some(None)
    };
    match (decision, decided_by, decided_on, url, correction_reason) {
        (Some(decision), Some(decided_by), Some(decided_on), Some(council_decision_url), Some(correction_reason))
            if checks.is_empty() =>
        {
            Ok(Publication { decision, decided_by, decided_on, council_decision_url, correction_reason })
        }
        _ => Err(checks),
    }
}

/// Why a report cannot be published yet, before anything typed is looked at.
pub fn publication_blocked(unanswered: u64, awaiting_moderation: u64, participation_closed: bool) -> Option<Problem> {
    if !participation_closed {
        Some(Problem::ParticipationStillOpen)
    } else if awaiting_moderation > 0 {
        Some(Problem::AwaitingModeration { count: awaiting_moderation.min(u32::MAX as u64) as u32 })
    } else if unanswered > 0 {
        Some(Problem::InputsUnanswered { count: unanswered.min(u32::MAX as u64) as u32 })
    } else {
        None
    }
}

/// "312 of 340 inputs answered (91%)". The share is rounded down, so it says 100% only when
/// every input is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub answered: u64,
    pub total: u64,
}

impl Progress {
    pub fn per_cent(self) -> u64 {
        (self.answered * 100).checked_div(self.total).unwrap_or(100)
    }

    pub fn complete(self) -> bool {
        self.answered >= self.total
    }
}

/// A count of people as published: exact, or "fewer than 10" for a small group (zero stays zero:
/// nobody to pick out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Exactly(u64),
    FewerThan(u64),
}

pub fn shown(count: u64) -> Shown {
    if count > 0 && count < SMALL_GROUP {
        Shown::FewerThan(SMALL_GROUP)
    } else {
        Shown::Exactly(count)
    }
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

/// Who took part, as published: every count of people already passed through [`shown`].
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
            people_by_area: counts.people_by_area.into_iter().map(|(a, n)| (a, shown(n))).collect(),
            people_by_age: counts.people_by_age.into_iter().map(|(b, n)| (b, shown(n))).collect(),
            ballots_online: counts.ballots_online,
            ballots_paper: counts.ballots_paper,
        }
    }
}

/// Whether a report came later than the rules of play promised.
pub fn published_late(published_on: NaiveDate, promised_on: Option<NaiveDate>) -> bool {
    promised_on.is_some_and(|promised| published_on > promised)
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

    /// A count as a whole per cent of the answered inputs, rounded to the nearest.
    pub fn share(self, count: u64) -> u64 {
        if self.answered == 0 {
            0
        } else {
            (count * 200 + self.answered) / (self.answered * 2)
        }
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
            let by_area = areas
                .iter()
                .map(|a| Some(a.clone()))
                .chain([None])
                .map(|area| {
                    let n = of_year.iter().filter(|p| p.area == area).count() as u64;
                    (area, shown(n))
                })
                .collect();
            let by_age = AgeBand::ALL
                .into_iter()
                .map(|band| {
                    (band, shown(of_year.iter().filter(|p| AgeBand::of(p.birth_date, on) == band).count() as u64))
                })
                .collect();
            YearReach { year, people: shown(of_year.len() as u64), by_area, by_age }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(disposition: &str, reason: &str) -> AnswerForm {
        AnswerForm { disposition: disposition.into(), reason: reason.into(), ..Default::default() }
    }

    fn problems(result: Result<Answer, Checks>) -> Vec<(String, Problem)> {
        result.err().map(|c| c.into_errors().into_iter().map(|e| (e.field, e.problem)).collect()).unwrap_or_default()
    }

    #[test]
    fn dispositions_and_kinds_round_trip() {
        for d in Disposition::ALL {
            assert_eq!(Disposition::parse(d.as_str()), Some(d));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Some(k));
        }
        for b in AgeBand::ALL {
            assert_eq!(AgeBand::parse(b.as_str()), Some(b));
        }
        assert_eq!(Disposition::parse("approved"), None);
    }

    #[test]
    fn input_refs_are_written_i_and_c_and_nothing_else_parses() {
        assert_eq!(InputRef::parse("i12"), Some(InputRef::Input(12)));
        assert_eq!(InputRef::parse("c7"), Some(InputRef::Case(7)));
        assert_eq!(InputRef::Input(12).key(), "i12");
        for bad in ["", "12", "i", "i-3", "i0", "x4", "c1.5", "i99999999999"] {
            assert_eq!(InputRef::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_answer_needs_a_disposition_and_a_reason() {
        assert_eq!(
            problems(check_answer(&form("", "  "), 2, &[])),
            vec![("disposition".into(), Problem::ChoiceInvalid), ("reason".into(), Problem::Required)]
        );
        let answer = check_answer(&form("adopted", " We leggen het zebrapad aan. "), 0, &[]).unwrap();
        assert_eq!(answer.disposition, Disposition::Adopted);
        assert_eq!(answer.reason, "We leggen het zebrapad aan.");
        assert_eq!(answer.group_title, None);
        let long = "a".repeat(REASON_MAX + 1);
        assert_eq!(
            problems(check_answer(&form("adopted", &long), 0, &[])),
            vec![("reason".into(), Problem::TooLong { max: REASON_MAX as u32 })]
        );
    }

    #[test]
    fn outside_the_scope_only_by_pointing_at_a_fixed_item_that_exists() {
        let mut f = form("out_of_scope", "Het budget ligt vast.");
        assert_eq!(problems(check_answer(&f, 3, &[])), vec![("fixed_item".into(), Problem::FixedItemNeeded)]);
        assert_eq!(problems(check_answer(&f, 0, &[])), vec![("fixed_item".into(), Problem::NoFixedItems)]);
        f.fixed_item = "4".into();
        assert_eq!(problems(check_answer(&f, 3, &[])), vec![("fixed_item".into(), Problem::ChoiceInvalid)]);
        f.fixed_item = "0".into();
        assert_eq!(problems(check_answer(&f, 3, &[])), vec![("fixed_item".into(), Problem::ChoiceInvalid)]);
        f.fixed_item = "3".into();
        assert_eq!(check_answer(&f, 3, &[]).unwrap().fixed_item, Some(3));
        // Another disposition ignores a fixed item left in the form.
        f.disposition = "adopted".into();
        assert_eq!(check_answer(&f, 3, &[]).unwrap().fixed_item, None);
    }

    #[test]
    fn forwarded_says_where_to() {
        let mut f = form("forwarded", "Dit gaat over het onderhoud van de straat.");
        assert_eq!(problems(check_answer(&f, 0, &[5])), vec![("forwarded_to".into(), Problem::ForwardedWhere)]);
        f.forwarded_trajectory = "6".into();
        assert_eq!(problems(check_answer(&f, 0, &[5])), vec![("forwarded_trajectory".into(), Problem::ChoiceInvalid)]);
        f.forwarded_trajectory = "5".into();
        assert_eq!(
            check_answer(&f, 0, &[5]).unwrap().forwarded,
            Some(ForwardedTo { department: None, trajectory: Some(5) })
        );
        f.forwarded_trajectory.clear();
        f.forwarded_to = " Team Openbare ruimte ".into();
        assert_eq!(
            check_answer(&f, 0, &[5]).unwrap().forwarded,
            Some(ForwardedTo { department: Some("Team Openbare ruimte".into()), trajectory: None })
        );
    }

    fn publication(decision: &str, by: &str, on: &str, url: &str, reason: &str) -> PublicationForm {
        PublicationForm {
            decision: decision.into(),
            decided_by: by.into(),
            decided_on: on.into(),
            council_decision_url: url.into(),
            correction_reason: reason.into(),
        }
    }

    fn publication_problems(form: &PublicationForm, version: i32) -> Vec<(String, Problem)> {
        check_publication(form, version)
            .err()
            .map(|c| c.into_errors().into_iter().map(|e| (e.field, e.problem)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn publishing_needs_the_decision_by_whom_and_when_and_a_later_version_a_reason() {
        assert_eq!(
            publication_problems(&publication("", "", "", "", ""), 1),
            vec![
                ("decision".into(), Problem::Required),
                ("decided_by".into(), Problem::Required),
                ("decided_on".into(), Problem::Required),
            ]
        );
        let good = publication("De raad stelt het plan vast.", "Gemeenteraad", "2026-06-30", "", "");
        let first = check_publication(&good, 1).unwrap();
        assert_eq!(first.correction_reason, None);
        assert_eq!(first.council_decision_url, None);
        assert_eq!(publication_problems(&good, 2), vec![("correction_reason".into(), Problem::Required)]);
        let corrected = PublicationForm { correction_reason: "Een reactie per telefoon ontbrak.".into(), ..good };
        assert_eq!(
            check_publication(&corrected, 2).unwrap().correction_reason.as_deref(),
            Some("Een reactie per telefoon ontbrak.")
        );
    }

    #[test]
    fn a_council_decision_link_is_a_web_address() {
        for bad in [
            "raad.nl/besluit",
            "ftp://raad.nl/x",
            "https://",
            "https://localhost/x",
            "https://raad .nl/x",
            "javascript:alert(1)",
        ] {
            assert_eq!(check_url(bad), Err(Problem::UrlInvalid), "{bad}");
        }
        assert_eq!(
            check_url(" https://duinwijk.raadsinformatie.nl/besluit/42 "),
            Ok(Some("https://duinwijk.raadsinformatie.nl/besluit/42".into()))
        );
        assert_eq!(check_url(""), Ok(None));
        assert_eq!(
            check_url(&format!("https://a.nl/{}", "x".repeat(URL_MAX))),
            Err(Problem::TooLong { max: URL_MAX as u32 })
        );
    }

    #[test]
    fn publication_waits_for_the_end_of_participation_moderation_and_every_answer() {
        assert_eq!(publication_blocked(0, 0, false), Some(Problem::ParticipationStillOpen));
        assert_eq!(publication_blocked(3, 2, true), Some(Problem::AwaitingModeration { count: 2 }));
        assert_eq!(publication_blocked(3, 0, true), Some(Problem::InputsUnanswered { count: 3 }));
        assert_eq!(publication_blocked(0, 0, true), None);
    }

    #[test]
    fn progress_says_100_only_when_everything_is_answered() {
        assert_eq!(Progress { answered: 312, total: 340 }.per_cent(), 91);
        assert_eq!(Progress { answered: 339, total: 340 }.per_cent(), 99);
        assert!(!Progress { answered: 339, total: 340 }.complete());
        assert_eq!(Progress { answered: 340, total: 340 }.per_cent(), 100);
        assert_eq!(Progress { answered: 0, total: 0 }.per_cent(), 100);
    }

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
        assert_eq!(p.people_by_area[1], (None, Shown::FewerThan(10)));
        assert_eq!(p.people_by_age, vec![(AgeBand::From18To29, Shown::FewerThan(10))]);
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
    fn late_means_after_the_promised_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(!published_late(d("2026-06-30"), Some(d("2026-06-30"))));
        assert!(published_late(d("2026-07-01"), Some(d("2026-06-30"))));
        assert!(!published_late(d("2026-07-01"), None));
    }

    #[test]
    fn outcome_shares_round_to_whole_per_cents() {
        let mut o = Outcome::default();
        o.add(Disposition::Adopted, 1);
        o.add(Disposition::PartlyAdopted, 1);
        o.add(Disposition::NotAdopted, 1);
        o.add(Disposition::OutOfScope, 0);
        assert_eq!(o.answered, 3);
        assert_eq!((o.share(o.adopted), o.share(o.partly_adopted), o.share(o.not_adopted)), (33, 33, 33));
        o.add(Disposition::Forwarded, 5);
        assert_eq!(o.share(o.adopted), 13);
        assert_eq!(Outcome::default().share(0), 0);
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
        assert_eq!(
            reach[0].by_area,
            vec![
                (Some("Centrum".into()), Shown::Exactly(12)),
                (Some("Zeedorp".into()), Shown::Exactly(0)),
                (None, Shown::FewerThan(10))
            ]
        );
        // Born in June 2008: 17 at the end of 2025.
        assert_eq!(reach[0].by_age[0], (AgeBand::Under18, Shown::Exactly(12)));
        assert_eq!(reach[1].people, Shown::FewerThan(10));
        assert_eq!(reach[1].by_age[4], (AgeBand::From65, Shown::FewerThan(10)));
    }
}
