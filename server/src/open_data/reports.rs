//! Open data about reports: `GET /api/v1/{municipality}/trajectories/{id}/report` (JSON, the
//! newest version or `?version=N`) and `.../report.csv` (one row per input). Never personal data:
//! an author is a display name only where they wrote online under it, otherwise "inwoner"; input
//! staff entered is known by its channel; a case its initiator kept from the public has no text.

use super::trajectories::{page_url, RulesOfPlay};
use super::{answer, batched, csv_file, failed, municipality};
use app::domain::reports::{published_late, Shown};
use app::domain::shares::percentage;
use app::domain::tenancy::MunicipalityId;
use app::model::reports::{LineAuthor, ReportAnswerView, ReportLine};
use app::model::tenancy::MunicipalityDetail;
use app::server::context::internal;
use app::server::reports::read::{self, ReportHead};
use app::server::state::AppState;
use app::server::trajectories::version;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use chrono::NaiveDate;
use http::header;
use serde::Serialize;
use std::sync::Arc;

#[derive(serde::Deserialize, Default)]
pub struct VersionQuery {
    version: Option<i32>,
}

async fn report_head(
    state: &AppState,
    slug: &str,
    id: i32,
    version: Option<i32>,
) -> Result<(MunicipalityDetail, ReportHead), Response> {
    let m = municipality(state, slug).await?;
    let head = read::report_head(&state.db, MunicipalityId(m.id), id, version).await.map_err(answer)?;
    Ok((m, head))
}

fn author(a: &LineAuthor) -> String {
    match a {
        LineAuthor::Named(name) => name.clone(),
        LineAuthor::Resident | LineAuthor::Via(_) => "inwoner".to_owned(),
    }
}

#[derive(Serialize)]
struct Report {
    trajectory: TrajectoryLink,
    url: String,
    version: i32,
    versions: Vec<Version>,
    published_on: NaiveDate,
    promised_on: Option<NaiveDate>,
    late: bool,
    correction_reason: Option<String>,
    decision: Decision,
    /// The rules of play that applied to this version.
    rules_of_play: Option<RulesOfPlay>,
    asked: Vec<Asked>,
    participation: Participation,
    polls: Vec<Poll>,
    hidden_by_moderation: u64,
    dispositions: Vec<DispositionCount>,
    answers: Vec<Answer>,
    // `inputs` follows, written a batch at a time (see `report`).
}

#[derive(Serialize)]
struct TrajectoryLink {
    id: i32,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct Version {
    version: i32,
    published_on: NaiveDate,
    correction_reason: Option<String>,
}

#[derive(Serialize)]
struct Decision {
    text: String,
    decided_by: String,
    decided_on: Option<NaiveDate>,
    council_decision_url: Option<String>,
}

#[derive(Serialize)]
struct Asked {
    activity: i32,
    kind: String,
    title: String,
    phase: String,
}

/// A published count: exact, "fewer than", or a group left out so a small one cannot be told.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Count {
    Exactly(u64),
    FewerThan(u64),
    Hidden(bool),
}

impl From<Shown> for Count {
    fn from(s: Shown) -> Self {
        match s {
            Shown::Exactly(n) => Count::Exactly(n),
            Shown::FewerThan(n) => Count::FewerThan(n),
            Shown::Hidden => Count::Hidden(true),
        }
    }
}

#[derive(Serialize)]
struct Participation {
    people_online: Option<Count>,
    inputs_by_channel: Vec<ChannelCount>,
    people_by_area: Vec<AreaCount>,
    people_by_age_band: Vec<AgeBandCount>,
    ballots_online: u64,
    ballots_paper: u64,
}

#[derive(Serialize)]
struct ChannelCount {
    channel: &'static str,
    inputs: Count,
}

#[derive(Serialize)]
struct AreaCount {
    area: Option<String>,
    people: Count,
}

#[derive(Serialize)]
struct AgeBandCount {
    age_band: &'static str,
    people: Count,
}

#[derive(Serialize)]
struct Poll {
    poll: i32,
    title: String,
    ballots_online: u64,
    questions: Vec<PollQuestion>,
}

#[derive(Serialize)]
struct PollQuestion {
    question: String,
    kind: String,
    options: Vec<PollOption>,
}

#[derive(Serialize)]
struct PollOption {
    label: String,
    total: u64,
    percentage: f64,
}

#[derive(Serialize)]
struct DispositionCount {
    disposition: &'static str,
    inputs: u64,
}

#[derive(Serialize)]
struct Answer {
    number: i32,
    disposition: &'static str,
    reason: String,
    group: Option<String>,
    fixed_item: Option<String>,
    forwarded_to: Option<String>,
}

#[derive(Serialize)]
struct Input {
    number: i32,
    kind: &'static str,
    channel: &'static str,
    activity: String,
    area: Option<String>,
    received_on: NaiveDate,
    author: String,
    text: String,
    answer: i32,
}

impl Answer {
    fn of(a: &ReportAnswerView) -> Self {
        Self {
            number: a.number,
            disposition: a.disposition.as_str(),
            reason: a.reason.clone(),
            group: a.group_title.clone(),
            fixed_item: a.fixed_item.clone(),
            forwarded_to: a.forwarded_to.clone(),
        }
    }
}

impl Input {
    fn of(l: &ReportLine) -> Self {
        Self {
            number: l.position,
            kind: l.kind.as_str(),
            channel: l.channel.as_str(),
            activity: l.activity_title.clone(),
            area: l.area.clone(),
            received_on: l.received_on,
            author: author(&l.author),
            text: l.body.clone(),
            answer: l.answer_number,
        }
    }
}

impl Report {
    fn of(state: &AppState, m: &MunicipalityDetail, whole: &ReportHead) -> Self {
        let (r, contents, trajectory) = (&whole.chosen.report, &whole.chosen.contents, &whole.chosen.trajectory);
        let id = trajectory.row.id;
        let p = &contents.participation;
        let polls = contents.polls.iter().map(|poll| Poll {
            poll: poll.activity_id,
            title: poll.title.clone(),
            ballots_online: poll.results.ballots,
            questions: poll
                .results
                .questions
                .iter()
                .map(|q| PollQuestion {
                    question: q.prompt.clone(),
                    kind: q.kind.clone(),
                    options: q
                        .options
                        .iter()
                        .map(|o| PollOption {
                            label: o.label.clone(),
                            total: o.total,
                            percentage: percentage(o.per_mille),
                        })
                        .collect(),
                })
                .collect(),
        });
        Self {
            trajectory: TrajectoryLink { id, title: trajectory.row.title.clone(), url: page_url(state, &m.slug, id) },
            url: format!("{}/verslag", page_url(state, &m.slug, id)),
            version: r.version,
            versions: whole
                .chosen
                .versions
                .iter()
                .map(|v| Version {
                    version: v.version,
                    published_on: v.published_on,
                    correction_reason: v.correction_reason.clone(),
                })
                .collect(),
            published_on: r.published_on,
            promised_on: r.promised_on,
            late: published_late(r.published_on, r.promised_on),
            correction_reason: r.correction_reason.clone(),
            decision: Decision {
                text: r.decision.clone(),
                decided_by: r.decided_by.clone(),
                decided_on: r.decided_on,
                council_decision_url: r.council_decision_url.clone(),
            },
            rules_of_play: trajectory
                .rules
                .iter()
                .find(|v| v.id == r.rules_id)
                .map(|v| RulesOfPlay::of(m, &version(v, &m.areas))),
            asked: contents
                .asked
                .iter()
                .map(|a| Asked { activity: a.id, kind: a.kind.clone(), title: a.title.clone(), phase: a.phase.clone() })
                .collect(),
            participation: Participation {
                people_online: p.people_online.map(Count::from),
                inputs_by_channel: p
                    .inputs_by_channel
                    .iter()
                    .map(|(c, n)| ChannelCount { channel: c.as_str(), inputs: (*n).into() })
                    .collect(),
                people_by_area: p
                    .people_by_area
                    .iter()
                    .map(|(a, n)| AreaCount { area: a.clone(), people: (*n).into() })
                    .collect(),
                people_by_age_band: p
                    .people_by_age
                    .iter()
                    .map(|(b, n)| AgeBandCount { age_band: b.as_str(), people: (*n).into() })
                    .collect(),
                ballots_online: p.ballots_online,
                ballots_paper: p.ballots_paper,
            },
            polls: polls.collect(),
            hidden_by_moderation: contents.hidden_by_moderation,
            dispositions: contents
                .dispositions
                .iter()
                .map(|(d, n)| DispositionCount { disposition: d.as_str(), inputs: *n })
                .collect(),
            answers: whole.answers.values().map(Answer::of).collect(),
        }
    }
}

/// `GET /api/v1/{municipality}/trajectories/{id}/report`: the report, its inputs streamed after
/// everything else.
pub async fn report(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i32)>,
    Query(query): Query<VersionQuery>,
) -> Response {
    let (m, head) = match report_head(&state, &slug, id, query.version).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut start = match serde_json::to_vec(&Report::of(&state, &m, &head)) {
        Ok(json) => json,
        Err(error) => return failed(error),
    };
    // The object stays open for its last field.
    start.pop();
    start.extend_from_slice(b",\"inputs\":[");
    let (db, report_id) = (state.db.clone(), head.chosen.report.id);
    let body = batched::body(start.into(), Bytes::from_static(b"]}"), move |after, first| {
        let db = db.clone();
        async move {
            let lines = read::lines_after(&db, report_id, after.unwrap_or(i32::MIN), batched::BATCH).await?;
            let Some(last) = lines.last().map(|l| l.position) else { return Ok(None) };
            let mut json = Vec::with_capacity(lines.len() * 300);
            for (i, line) in lines.iter().enumerate() {
                if !(first && i == 0) {
                    json.push(b',');
                }
                serde_json::to_writer(&mut json, &Input::of(line)).map_err(internal)?;
            }
            Ok(Some((last, json.into())))
        }
    });
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

const CSV_HEADER: [&str; 15] = [
    "version",
    "number",
    "kind",
    "channel",
    "activity",
    "area",
    "received_on",
    "author",
    "text",
    "answer",
    "group",
    "disposition",
    "reason",
    "fixed_item",
    "forwarded_to",
];

/// `GET /api/v1/{municipality}/trajectories/{id}/report.csv`: one row per input with its answer,
/// streamed.
pub async fn report_csv(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i32)>,
    Query(query): Query<VersionQuery>,
) -> Response {
    let head = match report_head(&state, &slug, id, query.version).await {
        Ok((_, head)) => head,
        Err(response) => return response,
    };
    let header_row = match csv_file::lines(Some(&CSV_HEADER), std::iter::empty::<Vec<String>>()) {
        Ok(bytes) => bytes,
        Err(error) => return failed(error),
    };
    let (db, report_id, version) = (state.db.clone(), head.chosen.report.id, head.chosen.report.version);
    let answers = Arc::new(head.answers);
    let body = batched::body(header_row.into(), Bytes::new(), move |after, _| {
        let (db, answers) = (db.clone(), answers.clone());
        async move {
            let lines = read::lines_after(&db, report_id, after.unwrap_or(i32::MIN), batched::BATCH).await?;
            let Some(last) = lines.last().map(|l| l.position) else { return Ok(None) };
            let rows = lines.iter().map(|l| csv_row(version, l, answers.get(&l.answer_number)));
            Ok(Some((last, csv_file::lines(None, rows).map_err(internal)?.into())))
        }
    });
    csv_file::attachment(&format!("verslag-traject-{id}-versie-{version}.csv"), body)
}

fn csv_row(version: i32, l: &ReportLine, a: Option<&ReportAnswerView>) -> Vec<String> {
    vec![
        version.to_string(),
        l.position.to_string(),
        l.kind.as_str().to_owned(),
        l.channel.as_str().to_owned(),
        l.activity_title.clone(),
        l.area.clone().unwrap_or_default(),
        l.received_on.to_string(),
        author(&l.author),
        l.body.clone(),
        l.answer_number.to_string(),
        a.and_then(|a| a.group_title.clone()).unwrap_or_default(),
        a.map(|a| a.disposition.as_str().to_owned()).unwrap_or_default(),
        a.map(|a| a.reason.clone()).unwrap_or_default(),
        a.and_then(|a| a.fixed_item.clone()).unwrap_or_default(),
        a.and_then(|a| a.forwarded_to.clone()).unwrap_or_default(),
    ]
}
