//! The rules of play (spelregels) of a trajectory: the card that says, before anyone takes part,
//! what is open, what is fixed and why, who decides and when, how input is weighed, who may take
//! part, when the report comes and what personal data is kept. A card is drafted field by field,
//! may be incomplete while it is a draft, and is frozen once the trajectory is published; after
//! that, a change is a new version with a reason.

use super::tenancy::AreaId;
use super::trajectories::{optional_text, parse_date, required_text, Phase};
use super::validation::{Checks, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: usize = 2_000;
pub const SHORT_MAX: usize = 200;
pub const MAX_FIXED_ITEMS: usize = 12;
pub const REASON_MAX: usize = 1_000;

/// The rungs of the participation ladder the municipalities use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParticipationLevel {
    /// Mee-weten: residents are informed.
    Inform,
    /// Meedenken: residents give their views; the municipality decides.
    Consult,
    /// Meedoen: residents and the municipality work it out together.
    Coproduce,
    /// Meebeslissen: residents decide, within the fixed frame.
    Codecide,
}

impl ParticipationLevel {
    pub const ALL: [ParticipationLevel; 4] = [
        ParticipationLevel::Inform,
        ParticipationLevel::Consult,
        ParticipationLevel::Coproduce,
        ParticipationLevel::Codecide,
    ];

    /// Stable name in the database, URLs and open data: the Dutch term everyone uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipationLevel::Inform => "meeweten",
            ParticipationLevel::Consult => "meedenken",
            ParticipationLevel::Coproduce => "meedoen",
            ParticipationLevel::Codecide => "meebeslissen",
        }
    }

    pub fn parse(s: &str) -> Option<ParticipationLevel> {
        ParticipationLevel::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Who may take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Eligibility {
    Everyone,
    Areas(Vec<AreaId>),
    AgeBand { min: u8, max: u8 },
    Panel(String),
}

impl Eligibility {
    pub fn kind(&self) -> &'static str {
        match self {
            Eligibility::Everyone => "everyone",
            Eligibility::Areas(_) => "areas",
            Eligibility::AgeBand { .. } => "age_band",
            Eligibility::Panel(_) => "panel",
        }
    }
}

/// Something that is not open for discussion, and why (budget, law, an earlier council decision).
/// Numbered, so answers to input can point at it later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedItem {
    pub what: String,
    pub why: String,
}

/// A card as stored: every field may still be empty while it is a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesOfPlay {
    pub level: Option<ParticipationLevel>,
    pub municipality_role: String,
    pub open_for_input: String,
    pub fixed_items: Vec<FixedItem>,
    pub decision_maker: String,
    pub decision_date: Option<NaiveDate>,
    pub weighing: String,
    pub eligibility: Option<Eligibility>,
    pub report_date: Option<NaiveDate>,
    pub personal_data: String,
    pub retention_months: Option<u16>,
}

/// The parts of the card, to say which are still missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardField {
    Level,
    MunicipalityRole,
    OpenForInput,
    FixedItems,
    DecisionMaker,
    DecisionDate,
    Weighing,
    Eligibility,
    ReportDate,
    PersonalData,
    Retention,
}

impl CardField {
    pub const ALL: [CardField; 11] = [
        CardField::Level,
        CardField::MunicipalityRole,
        CardField::OpenForInput,
        CardField::FixedItems,
        CardField::DecisionMaker,
        CardField::DecisionDate,
        CardField::Weighing,
        CardField::Eligibility,
        CardField::ReportDate,
        CardField::PersonalData,
        CardField::Retention,
    ];

    /// The part of the card a form field belongs to.
    pub fn of_form_field(field: &str) -> Option<CardField> {
        CardField::ALL.into_iter().find(|f| f.form_field() == field)
    }

    /// The form field that edits this part, so the missing list can link straight to it.
    pub fn form_field(self) -> &'static str {
        match self {
            CardField::Level => "level",
            CardField::MunicipalityRole => "municipality_role",
            CardField::OpenForInput => "open_for_input",
            CardField::FixedItems => "fixed_what[0]",
            CardField::DecisionMaker => "decision_maker",
            CardField::DecisionDate => "decision_date",
            CardField::Weighing => "weighing",
            CardField::Eligibility => "eligibility",
            CardField::ReportDate => "report_date",
            CardField::PersonalData => "personal_data",
            CardField::Retention => "retention_months",
        }
    }
}

impl RulesOfPlay {
    /// What still has to be filled in before the trajectory may be published; empty when complete.
    pub fn missing(&self) -> Vec<CardField> {
        let blank = |s: &str| s.trim().is_empty();
        let mut missing = Vec::new();
        let mut need = |absent: bool, field| {
            if absent {
                missing.push(field)
            }
        };
        need(self.level.is_none(), CardField::Level);
        need(blank(&self.municipality_role), CardField::MunicipalityRole);
        need(blank(&self.open_for_input), CardField::OpenForInput);
        need(self.fixed_items.is_empty(), CardField::FixedItems);
        need(blank(&self.decision_maker), CardField::DecisionMaker);
        need(self.decision_date.is_none(), CardField::DecisionDate);
        need(blank(&self.weighing), CardField::Weighing);
        need(self.eligibility.is_none(), CardField::Eligibility);
        need(self.report_date.is_none(), CardField::ReportDate);
        need(blank(&self.personal_data), CardField::PersonalData);
        need(self.retention_months.is_none(), CardField::Retention);
        missing
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }
}

/// Dates that contradict each other, tied to the field that has to change: the report cannot
/// come before the decision, and the decision not before the trajectory has started.
pub fn check_dates(checks: &mut Checks, rules: &RulesOfPlay, phases: &[Phase]) {
    if let (Some(decision), Some(report)) = (rules.decision_date, rules.report_date) {
        if report < decision {
            checks.add("report_date", Problem::ReportBeforeDecision);
        }
    }
    let first_start = phases.iter().map(|p| p.starts_on).min();
    if let (Some(decision), Some(start)) = (rules.decision_date, first_start) {
        if decision < start {
            checks.add("decision_date", Problem::DecisionBeforeStart);
        }
    }
}

/// The card as typed into the form: all text, so nothing is lost when something is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInput {
    pub level: String,
    pub municipality_role: String,
    pub open_for_input: String,
    /// (what, why) per row; blank rows are ignored.
    pub fixed_items: Vec<(String, String)>,
    pub decision_maker: String,
    pub decision_date: String,
    pub weighing: String,
    pub eligibility: String,
    pub eligible_areas: Vec<i32>,
    pub eligible_min_age: String,
    pub eligible_max_age: String,
    pub eligible_panel: String,
    pub report_date: String,
    pub personal_data: String,
    pub retention_months: String,
}

fn optional_date(raw: &str) -> Result<Option<NaiveDate>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(raw).map(Some)
    }
}

fn optional_number<T: std::str::FromStr>(raw: &str, max: u32) -> Result<Option<T>, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(n) if n <= max => raw.parse::<T>().map(Some).map_err(|_| Problem::NumberInvalid { max }),
        _ => Err(Problem::NumberInvalid { max }),
    }
}

/// Reads a typed card. Empty fields are allowed (a draft may be incomplete); what is filled in
/// must make sense. `known_areas` are the areas of the trajectory's own municipality.
pub fn parse_rules(checks: &mut Checks, input: &RulesInput, known_areas: &[AreaId]) -> RulesOfPlay {
    let level = if input.level.trim().is_empty() {
        None
    } else {
        checks.field("level", ParticipationLevel::parse(input.level.trim()).ok_or(Problem::ChoiceInvalid))
    };
    let text = |checks: &mut Checks, field: &str, raw: &str, max| {
        checks.field(field, optional_text(raw, max)).unwrap_or_default()
    };
    let municipality_role = text(checks, "municipality_role", &input.municipality_role, TEXT_MAX);
    let open_for_input = text(checks, "open_for_input", &input.open_for_input, TEXT_MAX);
    let mut fixed_items = Vec::new();
    for (i, (what, why)) in input.fixed_items.iter().enumerate() {
        if what.trim().is_empty() && why.trim().is_empty() {
            continue;
        }
        let what = checks.field(&format!("fixed_what[{i}]"), required_text(what, SHORT_MAX));
        let why = checks.field(&format!("fixed_why[{i}]"), required_text(why, TEXT_MAX));
        if let (Some(what), Some(why)) = (what, why) {
            fixed_items.push(FixedItem { what, why });
        }
    }
    if input.fixed_items.len() > MAX_FIXED_ITEMS {
        checks.add("fixed_what[0]", Problem::TooMany { max: MAX_FIXED_ITEMS as u32 });
    }
    let decision_maker = text(checks, "decision_maker", &input.decision_maker, SHORT_MAX);
    let decision_date = checks.field("decision_date", optional_date(&input.decision_date)).flatten();
    let weighing = text(checks, "weighing", &input.weighing, TEXT_MAX);
    let eligibility = parse_eligibility(
        checks,
        &EligibilityInput {
            kind: &input.eligibility,
            areas: &input.eligible_areas,
            min_age: &input.eligible_min_age,
            max_age: &input.eligible_max_age,
            panel: &input.eligible_panel,
        },
        known_areas,
    );
    let report_date = checks.field("report_date", optional_date(&input.report_date)).flatten();
    let personal_data = text(checks, "personal_data", &input.personal_data, TEXT_MAX);
    let retention_months =
        checks.field("retention_months", optional_number::<u16>(&input.retention_months, 120)).flatten();
    RulesOfPlay {
        level,
        municipality_role,
        open_for_input,
        fixed_items,
        decision_maker,
        decision_date,
        weighing,
        eligibility,
        report_date,
        personal_data,
        retention_months,
    }
}

/// Who may take part, as typed: the rules of play's card and a poll's own narrowing share it.
pub struct EligibilityInput<'a> {
    pub kind: &'a str,
    pub areas: &'a [i32],
    pub min_age: &'a str,
    pub max_age: &'a str,
    pub panel: &'a str,
}

/// Checks an eligibility choice; an empty kind is no choice (None) and not a problem. Problems
/// are tied to `eligibility`, `eligible_areas`, `eligible_min_age`, `eligible_max_age`,
/// `eligible_panel`.
pub fn parse_eligibility(checks: &mut Checks, input: &EligibilityInput, known_areas: &[AreaId]) -> Option<Eligibility> {
    match input.kind.trim() {
        "" => None,
        "everyone" => Some(Eligibility::Everyone),
        "areas" => {
            let chosen: Vec<AreaId> = input.areas.iter().map(|&id| AreaId(id)).collect();
            if chosen.is_empty() {
                checks.add("eligible_areas", Problem::Required);
                None
            } else if chosen.iter().any(|a| !known_areas.contains(a)) {
                checks.add("eligible_areas", Problem::UnknownArea);
                None
            } else {
                Some(Eligibility::Areas(chosen))
            }
        }
        "age_band" => {
            let min = checks.field("eligible_min_age", optional_number::<u8>(input.min_age, 120)).flatten();
            let max = checks.field("eligible_max_age", optional_number::<u8>(input.max_age, 120)).flatten();
            match (min, max) {
                (Some(min), Some(max)) if min <= max => Some(Eligibility::AgeBand { min, max }),
                (Some(_), Some(_)) => {
                    checks.add("eligible_max_age", Problem::AgeBandReversed);
                    None
                }
                (None, _) if input.min_age.trim().is_empty() => {
                    checks.add("eligible_min_age", Problem::Required);
                    None
                }
                (_, None) if input.max_age.trim().is_empty() => {
                    checks.add("eligible_max_age", Problem::Required);
                    None
                }
                _ => None,
            }
        }
        "panel" => checks.field("eligible_panel", required_text(input.panel, SHORT_MAX)).map(Eligibility::Panel),
        _ => {
            checks.add("eligibility", Problem::ChoiceInvalid);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub fn complete_input() -> RulesInput {
        RulesInput {
            level: "meedenken".into(),
            municipality_role: "De gemeente legt het plan voor en beslist.".into(),
            open_for_input: "De inrichting van het plein: bomen, bankjes, spelen.".into(),
            fixed_items: vec![("Budget van € 1,2 miljoen".into(), "Door de raad vastgesteld in 2025.".into())],
            decision_maker: "College van B&W".into(),
            decision_date: "2026-06-01".into(),
            weighing: "Elke reactie wordt gelezen en beantwoord.".into(),
            eligibility: "everyone".into(),
            report_date: "2026-06-15".into(),
            personal_data: "Naam en e-mailadres van wie reageert.".into(),
            retention_months: "24".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_card_has_nothing_missing() {
        let mut checks = Checks::new();
        let rules = parse_rules(&mut checks, &complete_input(), &[]);
        assert!(checks.is_empty(), "{:?}", checks.into_errors());
        assert!(rules.is_complete(), "{:?}", rules.missing());
    }

    #[test]
    fn an_empty_card_is_a_valid_draft_that_lists_everything_missing() {
        let mut checks = Checks::new();
        let rules = parse_rules(&mut checks, &RulesInput::default(), &[]);
        assert!(checks.is_empty());
        assert_eq!(rules.missing().len(), 11);
        assert_eq!(rules.missing()[0], CardField::Level);
    }

    #[test]
    fn a_report_before_the_decision_is_refused_on_the_report_date() {
        let mut checks = Checks::new();
        let mut input = complete_input();
        input.report_date = "2026-05-01".into();
        let rules = parse_rules(&mut checks, &input, &[]);
        check_dates(&mut checks, &rules, &[]);
        let errors = checks.into_errors();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].field.as_str(), errors[0].problem), ("report_date", Problem::ReportBeforeDecision));
    }

    #[test]
    fn a_decision_before_the_first_phase_is_refused() {
        let mut checks = Checks::new();
        let rules = parse_rules(&mut checks, &complete_input(), &[]);
        let phases = [Phase { name: "Ophalen".into(), starts_on: day("2026-07-01"), ends_on: day("2026-07-31") }];
        check_dates(&mut checks, &rules, &phases);
        assert_eq!(checks.into_errors()[0].field, "decision_date");
    }

    #[test]
    fn eligibility_is_checked_per_kind() {
        let cases = [
            ("areas", vec![], "", "", "", "eligible_areas", Problem::Required),
            ("areas", vec![99], "", "", "", "eligible_areas", Problem::UnknownArea),
            ("age_band", vec![], "23", "12", "", "eligible_max_age", Problem::AgeBandReversed),
            ("age_band", vec![], "", "23", "", "eligible_min_age", Problem::Required),
            ("age_band", vec![], "twaalf", "23", "", "eligible_min_age", Problem::NumberInvalid { max: 120 }),
            ("panel", vec![], "", "", " ", "eligible_panel", Problem::Required),
            ("iedereen-behalve-jij", vec![], "", "", "", "eligibility", Problem::ChoiceInvalid),
        ];
        for (kind, areas, min, max, panel, field, problem) in cases {
            let mut input = complete_input();
            input.eligibility = kind.into();
            input.eligible_areas = areas;
            input.eligible_min_age = min.into();
            input.eligible_max_age = max.into();
            input.eligible_panel = panel.into();
            let mut checks = Checks::new();
            let rules = parse_rules(&mut checks, &input, &[AreaId(1)]);
            let errors = checks.into_errors();
            assert_eq!(errors.len(), 1, "{kind}: {errors:?}");
            assert_eq!((errors[0].field.as_str(), errors[0].problem), (field, problem), "{kind}");
            assert_eq!(rules.eligibility, None);
        }
        let mut input = complete_input();
        input.eligibility = "age_band".into();
        input.eligible_min_age = "12".into();
        input.eligible_max_age = "23".into();
        let mut checks = Checks::new();
        assert_eq!(parse_rules(&mut checks, &input, &[]).eligibility, Some(Eligibility::AgeBand { min: 12, max: 23 }));
    }

    #[test]
    fn a_fixed_item_needs_both_what_and_why() {
        let mut input = complete_input();
        input.fixed_items = vec![("Budget".into(), "".into()), ("".into(), "".into())];
        let mut checks = Checks::new();
        let rules = parse_rules(&mut checks, &input, &[]);
        assert_eq!(checks.into_errors()[0].field, "fixed_why[0]");
        assert!(rules.missing().contains(&CardField::FixedItems));
    }

    #[test]
    fn levels_round_trip() {
        for level in ParticipationLevel::ALL {
            assert_eq!(ParticipationLevel::parse(level.as_str()), Some(level));
        }
    }
}
