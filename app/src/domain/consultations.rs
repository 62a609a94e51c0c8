//! Consultations on a plan: when residents may comment, what a comment may be, and the shared
//! vocabulary of input (channels, statuses) that polls and initiatives will use too.

use super::trajectories::{optional_text, required_text, Status};
use super::validation::{Checks, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const COMMENT_MAX: usize = 5_000;
pub const REASON_MAX: usize = 1_000;
pub const ACTIVITY_TITLE_MAX: usize = 160;
pub const INTRO_MAX: usize = 5_000;
pub const SECTION_TITLE_MAX: usize = 160;
pub const SECTION_BODY_MAX: usize = 20_000;
pub const MAX_SECTIONS: usize = 12;
pub const NAME_MAX: usize = 120;
pub const CONTACT_MAX: usize = 254;
/// Top-level comments per page; their replies come with them.
pub const PAGE_SIZE: u64 = 20;

/// Where a piece of input came in. Online is typed by the resident; every other channel is
/// entered by staff on the resident's behalf ("digitaal waar het kan, persoonlijk waar het moet").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Online,
    Counter,
    Phone,
    Letter,
    Email,
    Meeting,
}

impl Channel {
    pub const ALL: [Channel; 6] =
        [Channel::Online, Channel::Counter, Channel::Phone, Channel::Letter, Channel::Email, Channel::Meeting];
    /// The channels staff can enter input from.
    pub const OFFLINE: [Channel; 5] =
        [Channel::Counter, Channel::Phone, Channel::Letter, Channel::Email, Channel::Meeting];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Counter => "counter",
            Channel::Phone => "phone",
            Channel::Letter => "letter",
            Channel::Email => "email",
            Channel::Meeting => "meeting",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What kind of input a record is. Replies are comments with a parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InputKind {
    Comment,
    /// The answer to a poll's open question: the report answers it like any comment.
    PollAnswer,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Comment => "comment",
            InputKind::PollAnswer => "poll_answer",
        }
    }
}

/// Whether others can read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InputStatus {
    /// Readable by everyone.
    Visible,
    /// Waiting for a moderator (pre-moderation); only its author and moderators see it.
    Pending,
    /// Hidden by a moderator with a public reason; a placeholder stays in the thread.
    Hidden,
    /// Taken back by its author; a placeholder stays in the thread.
    Withdrawn,
}

impl InputStatus {
    pub const ALL: [InputStatus; 4] =
        [InputStatus::Visible, InputStatus::Pending, InputStatus::Hidden, InputStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            InputStatus::Visible => "visible",
            InputStatus::Pending => "pending",
            InputStatus::Hidden => "hidden",
            InputStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<InputStatus> {
        InputStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Whether comments are taken today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    /// Commenting opens on this day.
    NotYetOpen { opens_on: NaiveDate },
    /// Commenting is open up to and including this day.
    Open { closes_on: NaiveDate },
    /// Commenting closed after this day (or the trajectory was closed early).
    Closed { closed_on: NaiveDate },
}

/// A consultation opens and closes with the dates of its phase, and only while the trajectory is
/// published: a draft is not open yet, and a trajectory closed early closes its consultations.
pub fn window(status: Status, starts_on: NaiveDate, ends_on: NaiveDate, today: NaiveDate) -> Window {
    match status {
        Status::Draft => Window::NotYetOpen { opens_on: starts_on },
        Status::Published if today < starts_on => Window::NotYetOpen { opens_on: starts_on },
        Status::Published if today <= ends_on => Window::Open { closes_on: ends_on },
        Status::Published => Window::Closed { closed_on: ends_on },
        Status::Closed | Status::Reported | Status::Archived => Window::Closed { closed_on: ends_on.min(today) },
    }
}

/// The status a comment gets when it is written or its text changes: in a pre-moderated
/// consultation a moderator reads every new text first, also an edit of a comment that was
/// already approved (else an approved comment could be changed into anything); staff speaking
/// officially are not held.
pub fn status_of_new_text(pre_moderation: bool, official: bool) -> InputStatus {
    if pre_moderation && !official {
        InputStatus::Pending
    } else {
        InputStatus::Visible
    }
}

/// The text of a comment, a reply or input entered by staff.
pub fn check_comment(raw: &str) -> Result<String, Problem> {
    // Line endings from browsers are \r\n; count what the person sees.
    required_text(&raw.replace("\r\n", "\n"), COMMENT_MAX)
}

/// A reason given when reporting or hiding a comment.
pub fn check_reason(raw: &str) -> Result<String, Problem> {
    required_text(raw, REASON_MAX)
}

/// How the discussion is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
    MostSupported,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Newest, SortOrder::Oldest, SortOrder::MostSupported];

    /// The value in the page's address (`?sorteer=`) and the open-data API (`?sort=`).
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Newest => "nieuwste",
            SortOrder::Oldest => "oudste",
            SortOrder::MostSupported => "meeste-steun",
        }
    }

    /// Unknown values fall back to the default rather than failing the page.
    pub fn parse(s: &str) -> SortOrder {
        SortOrder::ALL.into_iter().find(|v| v.as_str() == s).unwrap_or_default()
    }
}

/// How many pages `total` items fill; at least one, so "page 1 of 1" reads right when empty.
pub fn page_count(total: u64, page_size: u64) -> u64 {
    total.div_ceil(page_size.max(1)).max(1)
}

/// A section as typed into the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionInput {
    /// The stored section this row edits, empty for a new one.
    pub id: String,
    pub title: String,
    pub body: String,
}

/// A checked section; `id` is the stored section it replaces, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: Option<i32>,
    pub title: String,
    pub body: String,
}

/// A consultation as typed into the editor, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationDraft {
    pub title: String,
    pub intro: String,
    pub phase: usize,
    pub pre_moderation: bool,
    pub sections: Vec<Section>,
}

/// Checks the consultation form. Blank section rows are ignored; a plan needs at least one
/// section; problems are tied to their own field (`section_title[1]`).
pub fn check_consultation(
    checks: &mut Checks,
    title: &str,
    intro: &str,
    phase: &str,
    phase_count: usize,
    pre_moderation: bool,
    sections: &[SectionInput],
) -> Option<ConsultationDraft> {
    let title = checks.field("title", required_text(title, ACTIVITY_TITLE_MAX));
    let intro = checks.field("intro", optional_text(intro, INTRO_MAX));
    let phase = checks
        .field("phase", phase.trim().parse::<usize>().ok().filter(|p| *p < phase_count).ok_or(Problem::ChoiceInvalid));
    let mut checked = Vec::new();
    let mut filled_rows = 0;
    for (i, input) in sections.iter().enumerate() {
        if input.title.trim().is_empty() && input.body.trim().is_empty() {
            continue;
        }
        filled_rows += 1;
        let section_title =
            checks.field(&format!("section_title[{i}]"), required_text(&input.title, SECTION_TITLE_MAX));
        let body = checks.field(&format!("section_body[{i}]"), required_text(&input.body, SECTION_BODY_MAX));
        if let (Some(title), Some(body)) = (section_title, body) {
            checked.push(Section { id: input.id.trim().parse().ok(), title, body });
        }
    }
    if filled_rows == 0 {
        checks.add("section_title[0]", Problem::Required);
    }
    if checked.len() > MAX_SECTIONS {
        checks.add("section_title[0]", Problem::TooMany { max: MAX_SECTIONS as u32 });
    }
    Some(ConsultationDraft { title: title?, intro: intro?, phase: phase?, pre_moderation, sections: checked })
        .filter(|_| checks.is_empty())
}

/// Input received at the counter, by phone, letter, e-mail or at a meeting, as typed by staff.
#[derive(Debug, Clone, Default)]
pub struct OfflineForm {
    pub channel: String,
    pub received_on: String,
    pub name: String,
    pub contact_consent: bool,
    pub contact: String,
    pub body: String,
    /// An existing meeting of the trajectory, by id.
    pub meeting: String,
    /// Or a new one.
    pub meeting_title: String,
    pub meeting_held_on: String,
}

/// Which meeting input from a meeting belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingChoice {
    Existing(i32),
    New { title: String, held_on: NaiveDate },
}

/// Offline input, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineInput {
    pub channel: Channel,
    pub received_on: NaiveDate,
    /// None: the person preferred not to be named.
    pub name: Option<String>,
    pub contact_consent: bool,
    pub contact: Option<String>,
    pub body: String,
    pub meeting: Option<MeetingChoice>,
}

/// Checks input entered on someone's behalf. It must have been received while the consultation
/// was open (it may be typed in later: a letter posted on the last day still counts), not in the
/// future; a meeting's input names its meeting; whoever may be contacted leaves a way to do so.
pub fn check_offline(
    checks: &mut Checks,
    form: &OfflineForm,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    today: NaiveDate,
    meetings: &[i32],
) -> Option<OfflineInput> {
    let channel = checks.field(
        "channel",
        Channel::parse(form.channel.trim()).filter(|c| *c != Channel::Online).ok_or(Problem::ChoiceInvalid),
    );
    let received_on = checks.field("received_on", super::trajectories::parse_date(&form.received_on)).and_then(|day| {
        let problem = if day > today {
            Some(Problem::DateInFuture)
        } else if day < opens_on || day > closes_on {
            Some(Problem::ReceivedOutsideWindow)
        } else {
            None
        };
        match problem {
            Some(problem) => {
                checks.add("received_on", problem);
                None
            }
            None => Some(day),
        }
    });
    let name = checks.field("name", optional_text(&form.name, NAME_MAX));
    let contact = checks.field("contact", optional_text(&form.contact, CONTACT_MAX));
    if form.contact_consent && contact.as_deref().is_some_and(str::is_empty) {
        checks.add("contact", Problem::Required);
    }
    let body = checks.field("body", check_comment(&form.body));
    let meeting = if channel == Some(Channel::Meeting) {
        match form.meeting.trim() {
            "" => {
                let title = checks.field("meeting_title", required_text(&form.meeting_title, ACTIVITY_TITLE_MAX));
                let held_on = checks.field("meeting_held_on", super::trajectories::parse_date(&form.meeting_held_on));
                match (title, held_on) {
                    (Some(title), Some(held_on)) => Some(MeetingChoice::New { title, held_on }),
                    _ => None,
                }
            }
            raw => checks
                .field(
                    "meeting",
                    raw.parse::<i32>().ok().filter(|m| meetings.contains(m)).ok_or(Problem::ChoiceInvalid),
                )
                .map(MeetingChoice::Existing),
        }
    } else {
        None
    };
    if !checks.is_empty() {
        return None;
    }
    let contact_consent = form.contact_consent;
    Some(OfflineInput {
        channel: channel?,
        received_on: received_on?,
        name: name.filter(|n| !n.is_empty()),
        contact_consent,
        contact: contact.filter(|c| contact_consent && !c.is_empty()),
        body: body?,
        meeting,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_window_follows_the_phase_dates_inclusive() {
        let (from, to) = (day("2026-03-01"), day("2026-03-31"));
        let on = |d| window(Status::Published, from, to, day(d));
        assert_eq!(on("2026-02-28"), Window::NotYetOpen { opens_on: from });
        assert_eq!(on("2026-03-01"), Window::Open { closes_on: to });
        assert_eq!(on("2026-03-31"), Window::Open { closes_on: to }, "the last day counts");
        assert_eq!(on("2026-04-01"), Window::Closed { closed_on: to });
    }

    #[test]
    fn a_draft_is_not_open_and_a_trajectory_closed_early_closes_its_consultation() {
        let (from, to) = (day("2026-03-01"), day("2026-03-31"));
        assert_eq!(window(Status::Draft, from, to, day("2026-03-10")), Window::NotYetOpen { opens_on: from });
        assert_eq!(
            window(Status::Closed, from, to, day("2026-03-10")),
            Window::Closed { closed_on: day("2026-03-10") }
        );
        assert_eq!(window(Status::Reported, from, to, day("2026-05-10")), Window::Closed { closed_on: to });
    }

    #[test]
    fn a_comment_is_required_and_at_most_5000_characters_as_seen() {
        assert_eq!(check_comment("   "), Err(Problem::Required));
        assert_eq!(check_comment(" Goed plan. "), Ok("Goed plan.".to_owned()));
        assert_eq!(check_comment(&"é".repeat(5_000)).map(|s| s.chars().count()), Ok(5_000));
        assert_eq!(check_comment(&"a".repeat(5_001)), Err(Problem::TooLong { max: 5_000 }));
        // 2,500 lines typed in a browser arrive as \r\n but are 5,000 characters on screen.
        assert!(check_comment(&"a\r\n".repeat(2_500)).is_ok());
    }

    #[test]
    fn sort_orders_round_trip_and_unknown_values_fall_back() {
        for order in SortOrder::ALL {
            assert_eq!(SortOrder::parse(order.as_str()), order);
        }
        assert_eq!(SortOrder::parse("<script>"), SortOrder::Newest);
    }

    #[test]
    fn pages_round_up_and_never_drop_to_zero() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(2_000, 20), 100);
    }

    #[test]
    fn channels_and_statuses_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert!(!Channel::OFFLINE.contains(&Channel::Online));
        for status in InputStatus::ALL {
            assert_eq!(InputStatus::parse(status.as_str()), Some(status));
        }
    }

    fn section(title: &str, body: &str) -> SectionInput {
        SectionInput { id: String::new(), title: title.into(), body: body.into() }
    }

    #[test]
    fn a_consultation_needs_a_title_a_real_phase_and_a_section() {
        let mut checks = Checks::new();
        assert!(check_consultation(&mut checks, "", "", "5", 2, false, &[section("", "")]).is_none());
        let fields: Vec<_> = checks.into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "phase", "section_title[0]"]);

        let mut checks = Checks::new();
        let draft = check_consultation(
            &mut checks,
            "Reageer op het ontwerp",
            "",
            "1",
            2,
            true,
            &[section("", ""), SectionInput { id: "7".into(), ..section("Bomen", "Er komen **12** bomen.") }],
        )
        .unwrap();
        assert_eq!(draft.phase, 1);
        assert!(draft.pre_moderation);
        assert_eq!(
            draft.sections,
            [Section { id: Some(7), title: "Bomen".into(), body: "Er komen **12** bomen.".into() }]
        );
    }

    fn offline(channel: &str, received_on: &str) -> OfflineForm {
        OfflineForm {
            channel: channel.into(),
            received_on: received_on.into(),
            body: "Mevrouw belde: graag een bankje bij de bushalte.".into(),
            ..Default::default()
        }
    }

    fn check(form: &OfflineForm) -> (Option<OfflineInput>, Vec<String>) {
        let mut checks = Checks::new();
        let input = check_offline(&mut checks, form, day("2026-03-01"), day("2026-03-31"), day("2026-03-20"), &[4]);
        (input, checks.into_errors().into_iter().map(|e| e.field).collect())
    }

    #[test]
    fn offline_input_is_received_within_the_window_and_never_in_the_future() {
        let (input, errors) = check(&offline("phone", "2026-03-02"));
        assert!(errors.is_empty());
        let input = input.unwrap();
        assert_eq!(input.channel, Channel::Phone);
        assert_eq!(input.name, None, "no name means anonymous");
        assert_eq!(check(&offline("phone", "2026-03-21")).1, ["received_on"], "in the future");
        assert_eq!(check(&offline("phone", "2026-02-28")).1, ["received_on"], "before opening");
        assert_eq!(check(&offline("online", "2026-03-02")).1, ["channel"], "online is typed by residents");
        assert_eq!(check(&offline("fax", "2026-03-02")).1, ["channel"]);
    }

    #[test]
    fn consent_needs_a_way_to_make_contact_and_a_meeting_needs_a_meeting() {
        let form = OfflineForm { contact_consent: true, ..offline("letter", "2026-03-02") };
        assert_eq!(check(&form).1, ["contact"]);
        let form =
            OfflineForm { contact_consent: false, contact: "06-12345678".into(), ..offline("letter", "2026-03-02") };
        assert_eq!(check(&form).0.unwrap().contact, None, "without consent no contact details are kept");
        assert_eq!(check(&offline("meeting", "2026-03-02")).1, ["meeting_title", "meeting_held_on"]);
        let existing = OfflineForm { meeting: "4".into(), ..offline("meeting", "2026-03-02") };
        assert_eq!(check(&existing).0.unwrap().meeting, Some(MeetingChoice::Existing(4)));
        let unknown = OfflineForm { meeting: "5".into(), ..offline("meeting", "2026-03-02") };
        assert_eq!(check(&unknown).1, ["meeting"], "only meetings of this trajectory");
    }

    #[test]
    fn a_half_filled_section_names_the_missing_part() {
        let mut checks = Checks::new();
        assert!(check_consultation(&mut checks, "Plan", "", "0", 1, false, &[section("Bomen", "")]).is_none());
        assert_eq!(checks.into_errors()[0].field, "section_body[0]");
    }

    #[test]
    fn new_text_in_a_pre_moderated_consultation_waits_for_a_moderator() {
        assert_eq!(status_of_new_text(true, false), InputStatus::Pending);
        assert_eq!(status_of_new_text(true, true), InputStatus::Visible);
        assert_eq!(status_of_new_text(false, false), InputStatus::Visible);
    }
}
