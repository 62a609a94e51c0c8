//! Open data about trajectories: `GET /api/v1/{municipality}/trajectories` (the desk's list),
//! `…/trajectories/{id}` (the trajectory page: phases, every version of the rules of play, the
//! activities) and `…/trajectories.atom` (an Atom feed of new trajectories).

use super::{answer, municipality, site_url};
use app::domain::consultations::Window;
use app::domain::rules_of_play::Eligibility;
use app::domain::tenancy::AreaId;
use app::model::tenancy::MunicipalityDetail;
use app::model::trajectories::{ActivitySummary, DeskFilters, RulesVersion, TrajectoryDetail, TrajectorySummary};
use app::server::desk::ideas;
use app::server::state::AppState;
use app::server::trajectories::{self, PublicPage};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use http::header;
use serde::Serialize;

pub fn page_url(state: &AppState, slug: &str, id: i32) -> String {
    site_url(state, &format!("/{slug}/trajecten/{id}"))
}

#[derive(Serialize)]
struct TrajectoryList {
    municipality: String,
    page: u64,
    pages: u64,
    total: u64,
    trajectories: Vec<ListedTrajectory>,
}

#[derive(Serialize)]
struct ListedTrajectory {
    id: i32,
    title: String,
    summary: String,
    url: String,
    stage: &'static str,
    level: Option<&'static str>,
    areas: Vec<String>,
    themes: Vec<&'static str>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    published_at: Option<DateTime<Utc>>,
}

impl ListedTrajectory {
    fn of(t: TrajectorySummary, url: String) -> Self {
        Self {
            id: t.id,
            url,
            stage: t.stage.as_str(),
            level: t.level.map(|l| l.as_str()),
            themes: t.themes.iter().map(|t| t.as_str()).collect(),
            title: t.title,
            summary: t.summary,
            areas: t.area_names,
            starts_on: t.starts_on,
            ends_on: t.ends_on,
            published_at: t.published_at,
        }
    }
}

/// `GET /api/v1/{municipality}/trajectories`: public trajectories, newest first, 20 a page,
/// with the same filters as the desk.
pub async fn list(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filters): Query<DeskFilters>,
) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let PublicPage { results, total, page, pages, .. } = match trajectories::public_page(&state, &m, &filters).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let trajectories = results
        .into_iter()
        .map(|t| {
            let url = page_url(&state, &m.slug, t.id);
            ListedTrajectory::of(t, url)
        })
        .collect();
    Json(TrajectoryList { municipality: m.slug, page, pages, total, trajectories }).into_response()
}

#[derive(Serialize)]
struct Trajectory {
    id: i32,
    municipality: String,
    title: String,
    summary: String,
    body_html: String,
    url: String,
    stage: &'static str,
    areas: Vec<String>,
    themes: Vec<&'static str>,
    phases: Vec<Phase>,
    contact: Contact,
    published_at: Option<DateTime<Utc>>,
    /// The version in force.
    rules_of_play: Option<RulesOfPlay>,
    /// Every version that came into force, oldest first.
    rules_of_play_versions: Vec<RulesOfPlay>,
    activities: Vec<Activity>,
}

#[derive(Serialize)]
struct Phase {
    name: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

#[derive(Serialize)]
struct Contact {
    name: String,
    email: String,
    phone: String,
}

/// One version of the rules of play.
#[derive(Serialize, Clone)]
pub struct RulesOfPlay {
    version: i32,
    in_force_since: Option<DateTime<Utc>>,
    change_reason: Option<String>,
    level: Option<&'static str>,
    municipality_role: String,
    open_for_input: String,
    fixed_items: Vec<FixedItem>,
    decision_maker: String,
    decision_date: Option<NaiveDate>,
    weighing: String,
    eligibility: Option<WhoMayTakePart>,
    report_date: Option<NaiveDate>,
    personal_data: String,
    retention_months: Option<u16>,
}

#[derive(Serialize, Clone)]
struct FixedItem {
    number: usize,
    what: String,
    why: String,
}

#[derive(Serialize, Clone)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum WhoMayTakePart {
    Everyone,
    Areas { areas: Vec<String> },
    AgeBand { min_age: u8, max_age: u8 },
    Panel { panel: String },
}

impl RulesOfPlay {
    pub fn of(m: &MunicipalityDetail, v: &RulesVersion) -> Self {
        let rules = &v.rules;
        let eligibility = rules.eligibility.as_ref().map(|e| match e {
            Eligibility::Everyone => WhoMayTakePart::Everyone,
            Eligibility::Areas(ids) => WhoMayTakePart::Areas { areas: area_slugs(m, ids) },
            Eligibility::AgeBand { min, max } => WhoMayTakePart::AgeBand { min_age: *min, max_age: *max },
            Eligibility::Panel(name) => WhoMayTakePart::Panel { panel: name.clone() },
        });
        let fixed_items = rules.fixed_items.iter().enumerate();
        Self {
            version: v.version,
            in_force_since: v.in_force_since,
            change_reason: v.change_reason.clone(),
            level: rules.level.map(|l| l.as_str()),
            municipality_role: rules.municipality_role.clone(),
            open_for_input: rules.open_for_input.clone(),
            fixed_items: fixed_items
                .map(|(i, item)| FixedItem { number: i + 1, what: item.what.clone(), why: item.why.clone() })
                .collect(),
            decision_maker: rules.decision_maker.clone(),
            decision_date: rules.decision_date,
            weighing: rules.weighing.clone(),
            eligibility,
            report_date: rules.report_date,
            personal_data: rules.personal_data.clone(),
            retention_months: rules.retention_months,
        }
    }
}

fn area_slugs(m: &MunicipalityDetail, ids: &[AreaId]) -> Vec<String> {
    m.areas.iter().filter(|a| ids.iter().any(|id| id.0 == a.id)).map(|a| a.slug.clone()).collect()
}

/// An activity of the trajectory: what it is, when, whether it is open, where to read more.
#[derive(Serialize)]
struct Activity {
    id: i32,
    kind: String,
    title: String,
    phase: String,
    #[serde(flatten)]
    when: When,
    window: ActivityWindow,
    url: String,
    #[serde(flatten)]
    so_far: SoFar,
}

#[derive(Serialize)]
#[serde(untagged)]
enum When {
    Poll { opens_at: DateTime<Utc>, closes_at: DateTime<Utc> },
    Phase { starts_on: NaiveDate, ends_on: NaiveDate },
}

#[derive(Serialize)]
#[serde(untagged)]
enum SoFar {
    Poll { results_url: String, ballots_online: u64 },
    Ideas { ideas: u64 },
    Consultation { comments_url: String, visible_comments: u64 },
}

#[derive(Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum ActivityWindow {
    Upcoming { opens_on: NaiveDate },
    Open { closes_on: NaiveDate },
    Closed { closed_on: NaiveDate },
}

impl Activity {
    fn of(state: &AppState, slug: &str, a: ActivitySummary) -> Self {
        let api = |path: &str| site_url(state, &format!("/api/v1/{slug}/{path}/{}", a.id));
        let (when, so_far) = match (a.poll_opens_at, a.poll_closes_at) {
            (Some(opens_at), Some(closes_at)) => (
                When::Poll { opens_at, closes_at },
                SoFar::Poll { results_url: format!("{}/results", api("polls")), ballots_online: a.ballots },
            ),
            _ => (
                When::Phase { starts_on: a.phase_starts_on, ends_on: a.phase_ends_on },
                if a.kind == ideas::KIND {
                    SoFar::Ideas { ideas: a.ideas }
                } else {
                    SoFar::Consultation {
                        comments_url: format!("{}/comments", api("consultations")),
                        visible_comments: a.visible_comments,
                    }
                },
            ),
        };
        let window = match a.window {
            Window::NotYetOpen { opens_on } => ActivityWindow::Upcoming { opens_on },
            Window::Open { closes_on } => ActivityWindow::Open { closes_on },
            Window::Closed { closed_on } => ActivityWindow::Closed { closed_on },
        };
        Self {
            url: site_url(state, &a.path(slug)),
            id: a.id,
            kind: a.kind,
            title: a.title,
            phase: a.phase_name,
            when,
            window,
            so_far,
        }
    }
}

impl Trajectory {
    fn of(state: &AppState, m: &MunicipalityDetail, t: TrajectoryDetail) -> Self {
        // The detail holds the version in force and the earlier ones newest first.
        let versions: Vec<RulesOfPlay> = t
            .history
            .iter()
            .rev()
            .chain(std::iter::once(&t.rules))
            .filter(|v| v.in_force_since.is_some())
            .map(|v| RulesOfPlay::of(m, v))
            .collect();
        let current = versions.last().cloned();
        Self {
            id: t.id,
            municipality: m.slug.clone(),
            url: page_url(state, &m.slug, t.id),
            stage: t.stage.as_str(),
            areas: t.areas.iter().map(|a| a.slug.clone()).collect(),
            themes: t.themes.iter().map(|t| t.as_str()).collect(),
            phases: t
                .phases
                .into_iter()
                .map(|p| Phase { name: p.name, starts_on: p.starts_on, ends_on: p.ends_on })
                .collect(),
            contact: Contact { name: t.contact_name, email: t.contact_email, phone: t.contact_phone },
            published_at: t.published_at,
            rules_of_play: current,
            rules_of_play_versions: versions,
            activities: t.activities.into_iter().map(|a| Activity::of(state, &m.slug, a)).collect(),
            title: t.title,
            summary: t.summary,
            body_html: t.body_html,
        }
    }
}

/// `GET /api/v1/{municipality}/trajectories/{id}`: one public trajectory with its phases and
/// every version of its rules of play.
pub async fn detail(State(state): State<AppState>, Path((slug, id)): Path<(String, i32)>) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    // As a reader without an account: a draft is not found.
    match trajectories::trajectory_detail(&state, None, &m, id).await {
        Ok(t) => Json(Trajectory::of(&state, &m, t)).into_response(),
        Err(error) => answer(error),
    }
}

/// `GET /api/v1/{municipality}/trajectories.atom`: the 50 most recently published trajectories,
/// as an Atom feed (RFC 4287) that feed readers find through the municipality's pages.
pub async fn feed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let rows = match trajectories::recently_published(&state.db, app::domain::tenancy::MunicipalityId(m.id), 50).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let moment = |at: DateTime<Utc>| FixedDateTime::from(at);
    let link = |rel: &str, href: String| Link { rel: rel.to_owned(), href, ..Default::default() };
    let author = Person { name: m.name.clone(), ..Default::default() };
    let entries: Vec<Entry> = rows
        .iter()
        .map(|row| {
            let url = page_url(&state, &m.slug, row.id);
            Entry {
                title: Text::plain(row.title.clone()),
                id: url.clone(),
                links: vec![link("alternate", url)],
                published: Some(moment(row.published_at.unwrap_or(row.created_at))),
                updated: moment(row.updated_at),
                authors: vec![author.clone()],
                summary: Some(Text::plain(row.summary.clone())),
                ..Default::default()
            }
        })
        .collect();
    let updated = rows.iter().filter_map(|r| r.published_at).max().unwrap_or_else(|| state.clock.now());
    let home = site_url(&state, &format!("/{}", m.slug));
    let feed = Feed {
        title: Text::plain(format!("{}: participatietrajecten", m.name)),
        id: home.clone(),
        links: vec![
            link("alternate", home),
            link("self", site_url(&state, &format!("/api/v1/{}/trajectories.atom", m.slug))),
        ],
        updated: moment(updated),
        authors: vec![author],
        entries,
        ..Default::default()
    };
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string()).into_response()
}
