//! Publishing a version of the report: checking that it may be published, freezing the answers
//! and inputs as they stand into `reports`, `report_answers` and `report_items` (which the
//! database refuses to change afterwards), moving the trajectory to "reported", and queueing the
//! mails to everyone who gave input and everyone who follows the trajectory. One transaction:
//! either all of it happens or none.

use super::inputs::{gather, Answerable, Gathered};
use crate::domain::consultations::Channel;
use crate::domain::reports::{
    check_publication, publication_blocked, AgeBand, Counts, Disposition, InputRef, Participation, PublicationForm,
};
use crate::domain::tenancy::MunicipalityId;
use crate::domain::trajectories::{stage_of_span, Stage, Status, TrajectoryId};
use crate::domain::validation::FieldError;
use crate::error::{AppError, AppResult};
use crate::model::reports::{AskedActivity, PollOutcome, ReportContents};
use crate::model::tenancy::AreaSummary;
use crate::server::audit::{self, AuditEntry};
use crate::server::context::internal;
use crate::server::entities::{input_answer, poll_voter, report, report_answer, report_item, trajectory, user};
use crate::server::state::Settings;
use crate::server::trajectories::{self, phase_ids, Loaded};
use crate::server::{poll_results, polls};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rows per multi-row insert: well under SQLite's limit on bound values.
const CHUNK: usize = 400;

pub struct Publishing<'a> {
    /// Where links in the mails point; None publishes without telling anyone (the demo's history,
    /// published "months ago").
    pub settings: Option<&'a Settings>,
    pub slug: &'a str,
    pub trajectory: &'a Loaded,
    pub areas: &'a [AreaSummary],
    pub form: &'a PublicationForm,
    pub actor: i32,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

/// The version the next publication gets.
pub async fn next_version(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<i32> {
    let last: Option<i32> = report::Entity::find()
        .select_only()
        .column_as(report::Column::Version.max(), "last")
        .filter(report::Column::TrajectoryId.eq(trajectory_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await
        .map_err(internal)?
        .flatten();
    Ok(last.unwrap_or(0) + 1)
}

/// Whether residents can no longer take part (the last phase is over, or it was closed early).
pub fn participation_closed(trajectory: &Loaded, today: NaiveDate) -> bool {
    let first = trajectory.phases.iter().map(|p| p.starts_on).min();
    let last = trajectory.phases.iter().map(|p| p.ends_on).max();
    matches!(stage_of_span(trajectory.status, first, last, today), Stage::Closed | Stage::Reported | Stage::Archived)
}

/// A refusal that hands back everything typed, so nothing is lost.
fn refused(errors: Vec<FieldError>, form: &PublicationForm) -> AppError {
    AppError::validation(
        errors,
        &[
            ("decision", &form.decision),
            ("decided_by", &form.decided_by),
            ("decided_on", &form.decided_on),
            ("council_decision_url", &form.council_decision_url),
            ("correction_reason", &form.correction_reason),
        ],
    )
}

/// Publishes the next version. Run inside a transaction.
pub async fn publish(db: &impl ConnectionTrait, p: Publishing<'_>) -> AppResult<report::Model> {
    let trajectory = p.trajectory;
    let rules = trajectory.current_rules().filter(|r| r.frozen_at.is_some()).ok_or(AppError::NotFound)?;
    // The first statement writes: it makes a second publication of the same trajectory wait for
    // this one (a row lock on PostgreSQL, the write lock on SQLite), so it numbers its version
    // after this one instead of failing.
    trajectory::Entity::update_many()
        .col_expr(trajectory::Column::UpdatedAt, sea_orm::sea_query::Expr::value(p.now))
        .filter(trajectory::Column::Id.eq(trajectory.row.id))
        .exec(db)
        .await
        .map_err(internal)?;
    let version = next_version(db, trajectory.row.id).await?;
    let gathered = gather(db, trajectory.row.id).await?;
    if let Some(problem) = publication_blocked(
        gathered.unanswered(),
        gathered.awaiting_moderation,
        participation_closed(trajectory, p.today),
    ) {
        return Err(refused(vec![FieldError::new("report", problem)], p.form));
    }
    let publication = check_publication(p.form, version).map_err(|checks| refused(checks.into_errors(), p.form))?;
    let answers: HashMap<i32, input_answer::Model> =
        super::answers::all(db, trajectory.row.id).await?.into_iter().map(|a| (a.id, a)).collect();
    let mut items: Vec<&Answerable> = gathered.inputs.iter().collect();
    // Activity by activity (initiatives from the desk last), then as they came in.
    items.sort_by_key(|i| (i.activity_id.is_none(), i.activity_id, i.received_on, i.reference));
    let mut numbers: Vec<i32> = Vec::new();
    for item in &items {
        let answer_id = item.answer_id.ok_or_else(|| internal("an unanswered input passed the check"))?;
        if !numbers.contains(&answer_id) {
            numbers.push(answer_id);
        }
    }
    let contents = contents(db, &p, &gathered, &answers).await?;
    let stored = report::ActiveModel {
        municipality_id: Set(trajectory.row.municipality_id),
        trajectory_id: Set(trajectory.row.id),
        version: Set(version),
        rules_id: Set(rules.id),
        published_at: Set(p.now),
        published_on: Set(p.today),
        promised_on: Set(rules.rules.report_date),
        correction_reason: Set(publication.correction_reason.clone()),
        decision: Set(publication.decision.clone()),
        decided_by: Set(publication.decided_by.clone()),
        decided_on: Set(Some(publication.decided_on)),
        council_decision_url: Set(publication.council_decision_url.clone()),
        contents: Set(serde_json::to_string(&contents).map_err(internal)?),
        item_count: Set(items.len() as i32),
        ..Default::default()
    }
    .insert(db)
    .await
    // Two leads publishing at the same moment: the unique (trajectory, version) stops the second.
    .map_err(|_| AppError::Conflict)?;
    freeze_answers(db, trajectory, stored.id, &numbers, &answers).await?;
    freeze_items(db, &gathered, p.areas, stored.id, &items, &numbers).await?;
    if matches!(trajectory.status, Status::Published | Status::Closed) {
        let id = TrajectoryId(trajectory.row.id);
        trajectories::move_status(db, id, trajectory.status, Status::Reported, p.now).await?;
    }
    audit::record(
        db,
        AuditEntry {
            municipality: Some(trajectory.row.municipality_id),
            actor: Some(p.actor),
            action: "publish_report",
            details: match &publication.correction_reason {
                None => format!("Verslag van \"{}\" gepubliceerd (versie 1)", trajectory.row.title),
                Some(reason) => {
                    format!("Verslag van \"{}\" gecorrigeerd (versie {version}): {reason}", trajectory.row.title)
                }
            },
            at: p.now,
        },
    )
    .await?;
    if let Some(settings) = p.settings {
        super::notify::tell_everyone(db, settings, p.slug, trajectory, &stored, &items).await?;
    }
    Ok(stored)
}

async fn freeze_answers(
    db: &impl ConnectionTrait,
    trajectory: &Loaded,
    report_id: i32,
    numbers: &[i32],
    answers: &HashMap<i32, input_answer::Model>,
) -> AppResult<()> {
    let forwarded_ids: Vec<i32> = answers.values().filter_map(|a| a.forwarded_trajectory_id).collect();
    let titles: HashMap<i32, String> = trajectory::Entity::find()
        .filter(trajectory::Column::Id.is_in(forwarded_ids))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let mut rows = Vec::with_capacity(numbers.len());
    for (i, answer_id) in numbers.iter().enumerate() {
        let answer = answers.get(answer_id).ok_or_else(|| internal("an input points at a missing answer"))?;
        let fixed_item = match (answer.rules_id, answer.fixed_item) {
            (Some(rules_id), Some(n)) => trajectory
                .rules
                .iter()
                .find(|r| r.id == rules_id)
                .and_then(|r| r.rules.fixed_items.get((n - 1).max(0) as usize))
                .map(|item| format!("{n}. {}", item.what)),
            _ => None,
        };
        let forwarded_to = match (&answer.forwarded_to, answer.forwarded_trajectory_id.and_then(|id| titles.get(&id))) {
            (Some(department), Some(title)) => Some(format!("{department} ({title})")),
            (Some(department), None) => Some(department.clone()),
            (None, Some(title)) => Some(title.clone()),
            (None, None) => None,
        };
        rows.push(report_answer::ActiveModel {
            report_id: Set(report_id),
            number: Set(i as i32 + 1),
            disposition: Set(answer.disposition.clone()),
            reason: Set(answer.reason.clone()),
            group_title: Set(answer.group_title.clone()),
            fixed_item: Set(fixed_item),
            forwarded_to: Set(forwarded_to),
            forwarded_trajectory_id: Set(answer.forwarded_trajectory_id),
        });
    }
    for chunk in rows.chunks(CHUNK) {
        report_answer::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await.map_err(internal)?;
    }
    Ok(())
}

async fn freeze_items(
    db: &impl ConnectionTrait,
    gathered: &Gathered,
    areas: &[AreaSummary],
    report_id: i32,
    items: &[&Answerable],
    numbers: &[i32],
) -> AppResult<()> {
    let number_of: HashMap<i32, i32> = numbers.iter().enumerate().map(|(i, id)| (*id, i as i32 + 1)).collect();
    let area_name = |id: Option<i32>| id.and_then(|id| areas.iter().find(|a| a.id == id)).map(|a| a.name.clone());
    let rows: Vec<report_item::ActiveModel> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            // A case the initiator kept from the public is reported by its answer only.
            let body = match (&item.title, item.public) {
                (_, false) => String::new(),
                (Some(title), true) => format!("{title}\n\n{}", item.body),
                (None, true) => item.body.clone(),
            };
            report_item::ActiveModel {
                report_id: Set(report_id),
                position: Set(i as i32 + 1),
                answer_number: Set(item.answer_id.and_then(|id| number_of.get(&id).copied()).unwrap_or(0)),
                input_id: Set(if let InputRef::Input(id) = item.reference { Some(id) } else { None }),
                case_id: Set(if let InputRef::Case(id) = item.reference { Some(id) } else { None }),
                kind: Set(item.kind.as_str().to_owned()),
                channel: Set(item.channel.as_str().to_owned()),
                activity_id: Set(item.activity_id),
                activity_title: Set(gathered.scope.activity_title(item.activity_id)),
                area_name: Set(area_name(item.area_id)),
                received_on: Set(item.received_on),
                body: Set(body),
                author_shown: Set(item.author_shown),
            }
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        report_item::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await.map_err(internal)?;
    }
    Ok(())
}

/// What was asked, who took part and the poll results, as they stand at publication.
async fn contents(
    db: &impl ConnectionTrait,
    p: &Publishing<'_>,
    gathered: &Gathered,
    answers: &HashMap<i32, input_answer::Model>,
) -> AppResult<ReportContents> {
    let trajectory = p.trajectory;
    let phase_names: HashMap<i32, String> = phase_ids(db, trajectory.row.id)
        .await?
        .into_iter()
        .zip(trajectory.phases.iter().map(|p| p.name.clone()))
        .collect();
    let asked = gathered
        .scope
        .activities
        .iter()
        .map(|a| AskedActivity {
            id: a.id,
            kind: a.kind.clone(),
            title: a.title.clone(),
            phase: phase_names.get(&a.phase_id).cloned().unwrap_or_default(),
        })
        .collect();
    let municipality = MunicipalityId(trajectory.row.municipality_id);
    let mut polls_out = Vec::new();
    let mut ballots_online = 0;
    let mut ballots_paper = 0;
    let mut voters: Vec<i32> = Vec::new();
    for activity in gathered.scope.activities.iter().filter(|a| a.kind == polls::KIND) {
        let Some(found) = polls::find(db, municipality, activity.id).await? else { continue };
        let tallies = polls::tallies(db, activity.id).await?;
        let paper = polls::paper(db, activity.id).await?;
        let mut results = poll_results::assemble(&found, &tallies, &paper, p.areas);
        // Totals only: the breakdowns by area and age stay on the poll's own page, where they
        // follow the poll's settings.
        for question in &mut results.questions {
            question.breakdowns.clear();
        }
        ballots_online += results.ballots;
        ballots_paper += results.paper.iter().filter(|b| b.withdrawn.is_none()).map(|b| b.votes).sum::<u64>();
        polls_out.push(PollOutcome { activity_id: activity.id, title: activity.title.clone(), results });
        voters.extend(
            poll_voter::Entity::find()
                .select_only()
                .column(poll_voter::Column::UserId)
                .filter(poll_voter::Column::ActivityId.eq(activity.id))
                .into_tuple::<i32>()
                .all(db)
                .await
                .map_err(internal)?,
        );
    }
    let people: BTreeSet<i32> = gathered.inputs.iter().filter_map(|i| i.author_id).chain(voters).collect();
    let counts = count_people(db, &people, p.areas, p.today).await?;
    let mut by_channel: BTreeMap<&str, (Channel, u64)> = BTreeMap::new();
    for item in &gathered.inputs {
        by_channel.entry(item.channel.as_str()).or_insert((item.channel, 0)).1 += 1;
    }
    let mut dispositions: BTreeMap<Disposition, u64> = BTreeMap::new();
    for item in &gathered.inputs {
        if let Some(d) = item.answer_id.and_then(|id| answers.get(&id)).and_then(|a| Disposition::parse(&a.disposition))
        {
            *dispositions.entry(d).or_default() += 1;
        }
    }
    let participation = Participation::from_counts(Counts {
        people_online: people.len() as u64,
        inputs_by_channel: Channel::ALL.into_iter().filter_map(|c| by_channel.get(c.as_str()).copied()).collect(),
        ballots_online,
        ballots_paper,
        ..counts
    });
    Ok(ReportContents {
        asked,
        participation,
        polls: polls_out,
        hidden_by_moderation: gathered.hidden,
        dispositions: dispositions.into_iter().collect(),
    })
}

/// People by the area on their account and by age band on the day of publication.
async fn count_people(
    db: &impl ConnectionTrait,
    people: &BTreeSet<i32>,
    areas: &[AreaSummary],
    today: NaiveDate,
) -> AppResult<Counts> {
    let mut by_area: BTreeMap<Option<String>, u64> = BTreeMap::new();
    let mut by_age: BTreeMap<AgeBand, u64> = BTreeMap::new();
    let ids: Vec<i32> = people.iter().copied().collect();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Option<i32>, Option<NaiveDate>)> = user::Entity::find()
            .select_only()
            .column(user::Column::AreaId)
            .column(user::Column::BirthDate)
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .order_by_asc(user::Column::Id)
            .into_tuple()
            .all(db)
            .await
            .map_err(internal)?;
        for (area_id, birth_date) in rows {
            let name = area_id.and_then(|id| areas.iter().find(|a| a.id == id)).map(|a| a.name.clone());
            *by_area.entry(name).or_default() += 1;
            *by_age.entry(AgeBand::of(birth_date, today)).or_default() += 1;
        }
    }
    Ok(Counts {
        people_by_area: by_area.into_iter().collect(),
        people_by_age: by_age.into_iter().collect(),
        ..Default::default()
    })
}
