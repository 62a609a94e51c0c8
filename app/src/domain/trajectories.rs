//! Participation trajectories: their life cycle, themes and phases. A trajectory's stored status
//! says what staff decided (drafted, published, closed, reported, archived); what residents see
//! (upcoming, open, closed, ...) also depends on the dates of its phases and on today.

use super::validation::{Checks, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TrajectoryId(pub i32);

pub const TITLE_MAX: usize = 160;
pub const SUMMARY_MAX: usize = 500;
pub const BODY_MAX: usize = 20_000;
pub const PHASE_NAME_MAX: usize = 120;
pub const MAX_PHASES: usize = 8;

/// What staff decided about a trajectory. Stored by its stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Published,
    Closed,
    Reported,
    Archived,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Draft, Status::Published, Status::Closed, Status::Reported, Status::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Closed => "closed",
            Status::Reported => "reported",
            Status::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Only drafts are hidden from the public; archived trajectories stay readable.
    pub fn is_public(self) -> bool {
        self != Status::Draft
    }
}

/// The moves staff make by hand. Publishing has its own gate (a complete card) and "reported"
/// comes with the report; a trajectory can be closed early, and archived once it is public.
pub fn may_move(from: Status, to: Status) -> bool {
    matches!(
        (from, to),
        (Status::Published, Status::Closed) | (Status::Published | Status::Closed | Status::Reported, Status::Archived)
    )
}

/// Where a trajectory stands for a resident today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    Draft,
    Upcoming,
    Open,
    Closed,
    Reported,
    Archived,
}

impl Stage {
    pub const PUBLIC: [Stage; 5] = [Stage::Upcoming, Stage::Open, Stage::Closed, Stage::Reported, Stage::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Upcoming => "upcoming",
            Stage::Open => "open",
            Stage::Closed => "closed",
            Stage::Reported => "reported",
            Stage::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        [Stage::Draft].into_iter().chain(Stage::PUBLIC).find(|v| v.as_str() == s)
    }
}

/// A published trajectory is upcoming before its first phase starts, open while any phase runs
/// and closed once the last phase has ended, without anyone having to flip a switch.
pub fn stage(status: Status, phases: &[Phase], today: NaiveDate) -> Stage {
    let first = phases.iter().map(|p| p.starts_on).min();
    let last = phases.iter().map(|p| p.ends_on).max();
    stage_of_span(status, first, last, today)
}

/// The same, from the first and last day of the phases (what the desk's list keeps per row).
pub fn stage_of_span(status: Status, first: Option<NaiveDate>, last: Option<NaiveDate>, today: NaiveDate) -> Stage {
    match status {
        Status::Draft => Stage::Draft,
        Status::Closed => Stage::Closed,
        Status::Reported => Stage::Reported,
        Status::Archived => Stage::Archived,
        Status::Published => match (first, last) {
            (Some(first), _) if today < first => Stage::Upcoming,
            (_, Some(last)) if today > last => Stage::Closed,
            _ => Stage::Open,
        },
    }
}

/// The themes a trajectory can be filed under and residents can follow. One list for every
/// municipality, so a resident following "groen" in two municipalities means the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Theme {
    Housing,
    Mobility,
    PublicSpace,
    Youth,
    Care,
    Sustainability,
    Economy,
    CultureAndSport,
    Safety,
}

impl Theme {
    pub const ALL: [Theme; 9] = [
        Theme::Housing,
        Theme::Mobility,
        Theme::PublicSpace,
        Theme::Youth,
        Theme::Care,
        Theme::Sustainability,
        Theme::Economy,
        Theme::CultureAndSport,
        Theme::Safety,
    ];

    /// Stable name in the database, URLs and open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Housing => "wonen",
            Theme::Mobility => "verkeer",
            Theme::PublicSpace => "openbare-ruimte",
            Theme::Youth => "jeugd",
            Theme::Care => "zorg-en-welzijn",
            Theme::Sustainability => "duurzaamheid",
            Theme::Economy => "economie",
            Theme::CultureAndSport => "cultuur-en-sport",
            Theme::Safety => "veiligheid",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One step of a trajectory, such as "Reageren op het conceptplan", with its dates (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The phase that runs today; when phases overlap, the one that started last.
pub fn current_phase(phases: &[Phase], today: NaiveDate) -> Option<usize> {
    phases
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_on <= today && today <= p.ends_on)
        .max_by_key(|(_, p)| p.starts_on)
        .map(|(i, _)| i)
}

/// Which stored phase each phase of an edited list continues, so activities placed in a phase
/// stay with it when the lead changes dates, renames it or adds another. A phase keeps its row
/// when its name is unchanged; a renamed phase the row whose dates it overlaps most; what is left
/// is paired in order. Returns, per edited phase, the id of the row it continues (None: a new
/// row), and the ids of rows no phase continues.
pub fn match_phases(stored: &[(i32, Phase)], edited: &[Phase]) -> (Vec<Option<i32>>, Vec<i32>) {
    let mut taken = vec![false; stored.len()];
    let mut matched: Vec<Option<i32>> = vec![None; edited.len()];
    for (slot, phase) in matched.iter_mut().zip(edited) {
        if let Some(i) = (0..stored.len()).find(|&i| !taken[i] && stored[i].1.name == phase.name) {
            taken[i] = true;
            *slot = Some(stored[i].0);
        }
    }
    let overlap = |a: &Phase, b: &Phase| (a.ends_on.min(b.ends_on) - a.starts_on.max(b.starts_on)).num_days() + 1;
    for (slot, phase) in matched.iter_mut().zip(edited) {
        if slot.is_some() {
            continue;
        }
        let best = (0..stored.len())
            .filter(|&i| !taken[i] && overlap(&stored[i].1, phase) > 0)
            .max_by_key(|&i| overlap(&stored[i].1, phase));
        if let Some(i) = best {
            taken[i] = true;
            *slot = Some(stored[i].0);
        }
    }
    let mut leftover = (0..stored.len()).filter(|&i| !taken[i]).map(|i| stored[i].0).collect::<Vec<_>>().into_iter();
    for slot in matched.iter_mut().filter(|slot| slot.is_none()) {
        *slot = leftover.next();
    }
    (matched, leftover.collect())
}

/// A phase as typed into the form: every part as text, so nothing typed is lost on an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseInput {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

impl PhaseInput {
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.starts_on.trim().is_empty() && self.ends_on.trim().is_empty()
    }
}

/// A date typed as YYYY-MM-DD (what `<input type="date">` sends).
pub fn parse_date(raw: &str) -> Result<NaiveDate, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| Problem::DateInvalid)
}

/// Required text with a maximum length in characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        Err(Problem::Required)
    } else if text.chars().count() > max {
        Err(Problem::TooLong { max: max as u32 })
    } else {
        Ok(text.to_owned())
    }
}

/// Optional text with a maximum length: empty is fine.
pub fn optional_text(raw: &str, max: usize) -> Result<String, Problem> {
    let text = raw.trim();
    if text.chars().count() > max {
        Err(Problem::TooLong { max: max as u32 })
    } else {
        Ok(text.to_owned())
    }
}

/// Checks the phases of a form; blank rows are ignored, every problem is tied to its own field
/// (`phase_name[2]`, `phase_ends_on[2]`, ...). A trajectory needs at least one phase.
pub fn check_phases(checks: &mut Checks, inputs: &[PhaseInput]) -> Vec<Phase> {
    let mut phases = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if input.is_blank() {
            continue;
        }
        let name = checks.field(&format!("phase_name[{i}]"), required_text(&input.name, PHASE_NAME_MAX));
        let starts_on = checks.field(&format!("phase_starts_on[{i}]"), parse_date(&input.starts_on));
        let ends_on = checks.field(&format!("phase_ends_on[{i}]"), parse_date(&input.ends_on));
        if let (Some(name), Some(starts_on), Some(ends_on)) = (name, starts_on, ends_on) {
            if ends_on < starts_on {
                checks.add(&format!("phase_ends_on[{i}]"), Problem::EndsBeforeStart);
            } else {
                phases.push(Phase { name, starts_on, ends_on });
            }
        }
    }
    if phases.is_empty() && checks.is_empty() {
        checks.add("phase_name[0]", Problem::Required);
    }
    if inputs.len() > MAX_PHASES {
        checks.add("phase_name[0]", Problem::TooMany { max: MAX_PHASES as u32 });
    }
    phases.sort_by_key(|p| p.starts_on);
    phases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn phase(name: &str, from: &str, to: &str) -> Phase {
        Phase { name: name.into(), starts_on: day(from), ends_on: day(to) }
    }

    fn input(name: &str, from: &str, to: &str) -> PhaseInput {
        PhaseInput { name: name.into(), starts_on: from.into(), ends_on: to.into() }
    }

    #[test]
    fn a_published_trajectory_opens_and_closes_with_its_phases() {
        let phases =
            [phase("Ideeën ophalen", "2026-03-01", "2026-03-31"), phase("Besluit", "2026-05-01", "2026-05-15")];
        assert_eq!(stage(Status::Published, &phases, day("2026-02-28")), Stage::Upcoming);
        assert_eq!(stage(Status::Published, &phases, day("2026-03-01")), Stage::Open);
        assert_eq!(stage(Status::Published, &phases, day("2026-04-15")), Stage::Open, "between phases it stays open");
        assert_eq!(stage(Status::Published, &phases, day("2026-05-15")), Stage::Open, "end dates count");
        assert_eq!(stage(Status::Published, &phases, day("2026-05-16")), Stage::Closed);
        assert_eq!(stage(Status::Draft, &phases, day("2026-03-10")), Stage::Draft);
        assert_eq!(stage(Status::Reported, &phases, day("2026-03-10")), Stage::Reported);
    }

    #[test]
    fn only_public_trajectories_are_closed_or_archived_by_hand() {
        assert!(may_move(Status::Published, Status::Closed));
        assert!(may_move(Status::Reported, Status::Archived));
        assert!(!may_move(Status::Draft, Status::Closed), "a draft is published, not closed");
        assert!(!may_move(Status::Draft, Status::Archived));
        assert!(!may_move(Status::Archived, Status::Published), "archived stays archived");
        assert!(!may_move(Status::Closed, Status::Published));
    }

    #[test]
    fn phases_keep_their_rows_by_name_and_then_in_order() {
        let stored = [
            (10, phase("Ophalen", "2026-03-01", "2026-03-31")),
            (11, phase("Reageren", "2026-04-01", "2026-04-20")),
            (12, phase("Besluit", "2026-05-01", "2026-05-15")),
        ];
        let edited = [
            phase("Kennismaken", "2026-02-01", "2026-02-10"),
            phase("Ophalen", "2026-03-05", "2026-03-31"),
            phase("Reageren op het plan", "2026-04-01", "2026-04-30"),
            phase("Besluit", "2026-05-01", "2026-05-15"),
        ];
        // Same names keep their rows, the renamed phase keeps the row whose dates it overlaps,
        // and the phase added in front gets a new row.
        let (matched, dropped) = match_phases(&stored, &edited);
        assert_eq!(matched, [None, Some(10), Some(11), Some(12)]);
        assert!(dropped.is_empty());
        let (matched, dropped) = match_phases(&stored, &edited[1..2]);
        assert_eq!(matched, [Some(10)]);
        assert_eq!(dropped, [11, 12]);
    }

    #[test]
    fn the_current_phase_is_the_one_running_today() {
        let phases = [phase("A", "2026-03-01", "2026-03-31"), phase("B", "2026-03-20", "2026-04-30")];
        assert_eq!(current_phase(&phases, day("2026-02-01")), None);
        assert_eq!(current_phase(&phases, day("2026-03-05")), Some(0));
        assert_eq!(current_phase(&phases, day("2026-03-25")), Some(1), "overlap: the later one");
        assert_eq!(current_phase(&phases, day("2026-05-01")), None);
    }

    #[test]
    fn names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), Some(t));
        }
        for s in Stage::PUBLIC {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert_eq!(Theme::parse("onbekend"), None);
    }

    #[test]
    fn phases_that_end_before_they_start_are_refused_with_the_field_named() {
        let mut checks = Checks::new();
        let phases = check_phases(
            &mut checks,
            &[input("Ophalen", "2026-03-01", "2026-03-31"), input("Besluit", "2026-05-10", "2026-05-01")],
        );
        assert_eq!(phases.len(), 1);
        let errors = checks.into_errors();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "phase_ends_on[1]");
        assert_eq!(errors[0].problem, Problem::EndsBeforeStart);
    }

    #[test]
    fn blank_phase_rows_are_skipped_but_one_phase_is_needed() {
        let mut checks = Checks::new();
        assert!(check_phases(&mut checks, &[PhaseInput::default(), PhaseInput::default()]).is_empty());
        assert_eq!(checks.into_errors()[0].field, "phase_name[0]");

        let mut checks = Checks::new();
        let phases = check_phases(&mut checks, &[PhaseInput::default(), input("Besluit", "2026-05-01", "2026-05-01")]);
        assert!(checks.is_empty());
        assert_eq!(phases.len(), 1);
    }

    #[test]
    fn half_filled_phases_and_bad_dates_name_each_field() {
        let mut checks = Checks::new();
        check_phases(&mut checks, &[input("", "2026-13-01", "")]);
        let fields: Vec<_> = checks.into_errors().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![
                ("phase_name[0]".into(), Problem::Required),
                ("phase_starts_on[0]".into(), Problem::DateInvalid),
                ("phase_ends_on[0]".into(), Problem::Required),
            ]
        );
    }

    #[test]
    fn phases_are_kept_in_date_order() {
        let mut checks = Checks::new();
        let phases = check_phases(
            &mut checks,
            &[input("Later", "2026-06-01", "2026-06-30"), input("Eerst", "2026-01-01", "2026-01-31")],
        );
        assert_eq!(phases[0].name, "Eerst");
    }
}
