//! What residents bring to the participation desk: an initiative, an idea or a question, with the
//! support they ask for, and the checks on what they (or a desk officer on their behalf) typed.
//! The clock that runs on the municipality is in `desk`.

use super::accounts::Email;
use super::consultations::{check_comment, Channel};
use super::trajectories::{optional_text, required_text};
use super::validation::{Checks, Problem};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 5000;
pub const NAME_MAX: usize = 120;
pub const PHONE_MAX: usize = 32;
/// Cases per page in the desk's queue and the public register.
pub const PAGE_SIZE: u64 = 25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    /// Residents who want to do something themselves, with the municipality supporting.
    Initiative,
    Idea,
    Question,
}

impl CaseKind {
    pub const ALL: [CaseKind; 3] = [CaseKind::Initiative, CaseKind::Idea, CaseKind::Question];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Initiative => "initiative",
            CaseKind::Idea => "idea",
            CaseKind::Question => "question",
        }
    }

    pub fn parse(s: &str) -> Option<CaseKind> {
        CaseKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What kind of support the initiator asks of the municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SupportKind {
    Advice,
    Permit,
    /// A contribution from the initiative fund.
    Fund,
    /// A place to meet.
    Place,
    /// Taking over a municipal task (uitdaagrecht, right to challenge).
    RightToChallenge,
}

impl SupportKind {
    pub const ALL: [SupportKind; 5] = [
        SupportKind::Advice,
        SupportKind::Permit,
        SupportKind::Fund,
        SupportKind::Place,
        SupportKind::RightToChallenge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SupportKind::Advice => "advice",
            SupportKind::Permit => "permit",
            SupportKind::Fund => "fund",
            SupportKind::Place => "place",
            SupportKind::RightToChallenge => "right_to_challenge",
        }
    }

    pub fn parse(s: &str) -> Option<SupportKind> {
        SupportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Stored as one comma-separated column, in a fixed order.
    pub fn join(kinds: &[SupportKind]) -> String {
        SupportKind::ALL
            .into_iter()
            .filter(|k| kinds.contains(k))
            .map(SupportKind::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn split(stored: &str) -> Vec<SupportKind> {
        stored.split(',').filter_map(SupportKind::parse).collect()
    }
}

/// The form as typed, all text, so a refused form comes back exactly as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub area: String,
    pub support: Vec<String>,
    /// "ja" or "nee", chosen by the person: nothing is public unless they said so, and nothing
    /// is chosen for them in advance.
    pub public: String,
    /// Only when a desk officer enters it for someone at the counter, by phone or by letter.
    pub on_behalf: Option<OnBehalfForm>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnBehalfForm {
    pub channel: String,
    pub name: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initiative {
    pub kind: CaseKind,
    pub title: String,
    pub description: String,
    pub area_id: Option<i32>,
    pub support: Vec<SupportKind>,
    pub public: bool,
    pub on_behalf: Option<OnBehalf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnBehalf {
    pub channel: Channel,
    pub name: String,
    pub email: Option<Email>,
    pub phone: Option<String>,
}

/// Checks a submitted initiative. `areas` are the municipality's area ids; an area is optional
/// (a question about the whole municipality has none).
pub fn check_initiative(form: &InitiativeForm, areas: &[i32]) -> Result<Initiative, Checks> {
    let mut checks = Checks::new();
    let kind = checks.field("kind", CaseKind::parse(form.kind.trim()).ok_or(Problem::ChoiceInvalid));
    let title = checks.field("title", required_text(&form.title, TITLE_MAX));
    let description = checks.field(
        "description",
        check_comment(&form.description).and_then(|text| {
            if text.chars().count() > DESCRIPTION_MAX {
                Err(Problem::TooLong { max: DESCRIPTION_MAX as u32 })
            } else {
                Ok(text)
            }
        }),
    );
    let area_id = checks.field(
        "area",
        match form.area.trim() {
            "" => Ok(None),
            raw => raw.parse::<i32>().ok().filter(|id| areas.contains(id)).map(Some).ok_or(Problem::UnknownArea),
        },
    );
    let mut support = Vec::new();
    for raw in &form.support {
        match SupportKind::parse(raw.trim()) {
            Some(kind) if !support.contains(&kind) => support.push(kind),
            Some(_) => {}
            None => checks.add("support", Problem::ChoiceInvalid),
        }
    }
    let public = checks.field("public", public_choice(&form.public));
    let on_behalf = form.on_behalf.as_ref().and_then(|o| check_on_behalf(&mut checks, o));
    match (kind, title, description, area_id, public) {
        (Some(kind), Some(title), Some(description), Some(area_id), Some(public)) if checks.is_empty() => {
            Ok(Initiative { kind, title, description, area_id, support, public, on_behalf })
        }
        _ => Err(checks),
    }
}

/// Whether the initiative may be shown in the public register: asked, never assumed.
fn public_choice(raw: &str) -> Result<bool, Problem> {
    match raw.trim() {
        "ja" | "on" | "true" => Ok(true),
        "nee" | "off" | "false" => Ok(false),
        "" => Err(Problem::Required),
        _ => Err(Problem::ChoiceInvalid),
    }
}

/// Someone helped at the counter, by phone or by letter: their name, and a way to reach them (the
/// desk must be able to send its answer).
fn check_on_behalf(checks: &mut Checks, form: &OnBehalfForm) -> Option<OnBehalf> {
    let channel = checks.field(
        "channel",
        Channel::parse(form.channel.trim())
            .filter(|c| matches!(c, Channel::Counter | Channel::Phone | Channel::Letter | Channel::Email))
            .ok_or(Problem::ChoiceInvalid),
    );
    let name = checks.field("contact_name", required_text(&form.name, NAME_MAX));
    let email = checks.field(
        "contact_email",
        match form.email.trim() {
            "" => Ok(None),
            raw => Email::parse(raw).map(Some),
        },
    );
    let phone = checks.field("contact_phone", optional_text(&form.phone, PHONE_MAX));
    if let (Some(None), Some(phone)) = (&email, &phone) {
        if phone.is_empty() {
            checks.add("contact_email", Problem::ContactNeeded);
        }
    }
    Some(OnBehalf { channel: channel?, name: name?, email: email?, phone: phone.filter(|p| !p.is_empty()) })
}

/// An "ideas" activity in a phase of a trajectory: residents bring ideas in the way they bring
/// them to the desk, and each idea becomes a case with its own clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeasDraft {
    pub title: String,
    pub intro: String,
    /// The phase's position in the trajectory, 0-based.
    pub phase: usize,
}

pub fn check_ideas_activity(title: &str, intro: &str, phase: &str, phase_count: usize) -> Result<IdeasDraft, Checks> {
    use super::consultations::{ACTIVITY_TITLE_MAX, INTRO_MAX};
    let mut checks = Checks::new();
    let title = checks.field("title", required_text(title, ACTIVITY_TITLE_MAX));
    let intro = checks.field("intro", optional_text(intro, INTRO_MAX));
    let phase = checks
        .field("phase", phase.trim().parse::<usize>().ok().filter(|p| *p < phase_count).ok_or(Problem::ChoiceInvalid));
    match (title, intro, phase) {
        (Some(title), Some(intro), Some(phase)) => Ok(IdeasDraft { title, intro, phase }),
        _ => Err(checks),
    }
}

/// A message between desk and initiator, or an internal note.
pub fn check_message(raw: &str) -> Result<String, Problem> {
    check_comment(raw)
}

/// The norms and threshold as an administrator types them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSettings {
    pub acknowledge_within: u32,
    pub answer_within: u32,
    pub support_threshold: Option<u32>,
}

pub const MAX_NORM_DAYS: u32 = 60;
pub const MAX_THRESHOLD: u32 = 100_000;

pub fn check_settings(acknowledge: &str, answer: &str, threshold: &str) -> Result<DeskSettings, Checks> {
    let mut checks = Checks::new();
    let days = |raw: &str| {
        raw.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_NORM_DAYS).contains(n))
            .ok_or(Problem::NumberInvalid { max: MAX_NORM_DAYS })
    };
    let acknowledge_within = checks.field("acknowledge_within", days(acknowledge));
    let answer_within = checks.field("answer_within", days(answer));
    if let (Some(a), Some(b)) = (acknowledge_within, answer_within) {
        if b < a {
            checks.add("answer_within", Problem::AnswerBeforeAcknowledgement);
        }
    }
    let support_threshold = checks.field(
        "support_threshold",
        match threshold.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_THRESHOLD).contains(n))
                .map(Some)
                .ok_or(Problem::NumberInvalid { max: MAX_THRESHOLD }),
        },
    );
    match (acknowledge_within, answer_within, support_threshold) {
        (Some(acknowledge_within), Some(answer_within), Some(support_threshold)) if checks.is_empty() => {
            Ok(DeskSettings { acknowledge_within, answer_within, support_threshold })
        }
        _ => Err(checks),
    }
}

/// The letters a municipality's case numbers start with: the first two letters of its address
/// name (`duinwijk` → `DU`).
pub fn case_prefix(slug: &str) -> String {
    slug.chars().filter(char::is_ascii_alphabetic).take(2).collect::<String>().to_uppercase()
}

/// The calendar quarter a day falls in, as (year, 1..=4).
pub fn quarter_of(day: NaiveDate) -> (i32, u32) {
    (day.year(), (day.month() - 1) / 3 + 1)
}

/// Whether an initiative has reached the municipality's threshold for the council's list.
pub fn reaches_threshold(supports: u32, threshold: Option<u32>) -> bool {
    threshold.is_some_and(|t| supports >= t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> InitiativeForm {
        InitiativeForm {
            kind: "initiative".into(),
            title: "Buurtmoestuin Oosthoek".into(),
            description: "We willen een moestuin op het braakliggende veld.".into(),
            area: "3".into(),
            support: vec!["advice".into(), "fund".into()],
            public: "ja".into(),
            on_behalf: None,
        }
    }

    #[test]
    fn a_complete_initiative_passes() {
        let checked = check_initiative(&form(), &[3, 4]).unwrap();
        assert_eq!(checked.kind, CaseKind::Initiative);
        assert_eq!(checked.area_id, Some(3));
        assert_eq!(checked.support, vec![SupportKind::Advice, SupportKind::Fund]);
        assert!(checked.public);
    }

    #[test]
    fn being_public_is_asked_and_never_assumed() {
        let unanswered = InitiativeForm { public: String::new(), ..form() };
        let fields = check_initiative(&unanswered, &[3]).unwrap_err().into_errors();
        assert!(fields.iter().any(|e| e.field == "public" && e.problem == Problem::Required), "{fields:?}");
        assert!(!check_initiative(&InitiativeForm { public: "nee".into(), ..form() }, &[3]).unwrap().public);
        assert!(check_initiative(&InitiativeForm { public: "ja".into(), ..form() }, &[3]).unwrap().public);
        let odd = InitiativeForm { public: "misschien".into(), ..form() };
        let fields = check_initiative(&odd, &[3]).unwrap_err().into_errors();
        assert!(fields.iter().any(|e| e.field == "public" && e.problem == Problem::ChoiceInvalid), "{fields:?}");
    }

    #[test]
    fn every_problem_is_reported_at_its_field() {
        let bad = InitiativeForm {
            kind: "petition".into(),
            title: " ".into(),
            description: "x".repeat(DESCRIPTION_MAX + 1),
            area: "99".into(),
            support: vec!["money".into()],
            ..form()
        };
        let errors = check_initiative(&bad, &[3]).unwrap_err().into_errors();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.problem)).collect();
        assert!(fields.contains(&("kind", Problem::ChoiceInvalid)));
        assert!(fields.contains(&("title", Problem::Required)));
        assert!(fields.iter().any(|(f, p)| *f == "description" && matches!(p, Problem::TooLong { .. })));
        assert!(fields.contains(&("area", Problem::UnknownArea)));
        assert!(fields.contains(&("support", Problem::ChoiceInvalid)));
    }

    #[test]
    fn no_area_means_the_whole_municipality() {
        let whole = InitiativeForm { area: String::new(), ..form() };
        assert_eq!(check_initiative(&whole, &[]).unwrap().area_id, None);
    }

    #[test]
    fn on_behalf_needs_a_name_and_a_way_to_answer() {
        let mut at_counter = form();
        at_counter.on_behalf = Some(OnBehalfForm { channel: "counter".into(), ..Default::default() });
        let errors = check_initiative(&at_counter, &[3]).unwrap_err().into_errors();
        assert!(errors.iter().any(|e| e.field == "contact_name" && e.problem == Problem::Required));
        assert!(errors.iter().any(|e| e.field == "contact_email" && e.problem == Problem::ContactNeeded));

        at_counter.on_behalf = Some(OnBehalfForm {
            channel: "phone".into(),
            name: "Mevrouw Jansen".into(),
            phone: "0612345678".into(),
            ..Default::default()
        });
        let checked = check_initiative(&at_counter, &[3]).unwrap().on_behalf.unwrap();
        assert_eq!(checked.channel, Channel::Phone);
        assert_eq!(checked.email, None);
        assert_eq!(checked.phone.as_deref(), Some("0612345678"));

        at_counter.on_behalf = Some(OnBehalfForm {
            channel: "online".into(),
            name: "X".into(),
            email: "geen-adres".into(),
            ..Default::default()
        });
        let errors = check_initiative(&at_counter, &[3]).unwrap_err().into_errors();
        assert!(errors.iter().any(|e| e.field == "channel"));
        assert!(errors.iter().any(|e| e.field == "contact_email" && e.problem == Problem::EmailInvalid));
    }

    #[test]
    fn support_kinds_are_stored_in_a_fixed_order() {
        let joined = SupportKind::join(&[SupportKind::RightToChallenge, SupportKind::Advice]);
        assert_eq!(joined, "advice,right_to_challenge");
        assert_eq!(SupportKind::split(&joined), vec![SupportKind::Advice, SupportKind::RightToChallenge]);
        assert_eq!(SupportKind::split(""), vec![]);
    }

    #[test]
    fn norms_are_working_days_with_the_answer_after_the_acknowledgement() {
        let ok = check_settings("2", "10", "").unwrap();
        assert_eq!((ok.acknowledge_within, ok.answer_within, ok.support_threshold), (2, 10, None));
        assert_eq!(check_settings("3", "15", "250").unwrap().support_threshold, Some(250));
        let errors = check_settings("0", "x", "-5").unwrap_err().into_errors();
        assert_eq!(errors.len(), 3);
        let errors = check_settings("5", "3", "").unwrap_err().into_errors();
        assert_eq!(errors[0].problem, Problem::AnswerBeforeAcknowledgement);
    }

    #[test]
    fn an_ideas_activity_has_a_title_and_sits_in_a_phase() {
        let ok = check_ideas_activity("Jouw idee voor het plein", "", "1", 2).unwrap();
        assert_eq!((ok.title.as_str(), ok.phase), ("Jouw idee voor het plein", 1));
        let errors = check_ideas_activity(" ", "", "2", 2).unwrap_err().into_errors();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "phase"]);
    }

    #[test]
    fn case_numbers_start_with_the_municipality() {
        assert_eq!(case_prefix("duinwijk"), "DU");
        assert_eq!(case_prefix("polderveen"), "PO");
        assert_eq!(case_prefix("x"), "X");
    }

    #[test]
    fn quarters_and_thresholds() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(quarter_of(day("2026-01-01")), (2026, 1));
        assert_eq!(quarter_of(day("2026-03-31")), (2026, 1));
        assert_eq!(quarter_of(day("2026-04-01")), (2026, 2));
        assert_eq!(quarter_of(day("2026-12-31")), (2026, 4));
        assert!(!reaches_threshold(99, Some(100)));
        assert!(reaches_threshold(100, Some(100)));
        assert!(!reaches_threshold(10_000, None));
    }
}
