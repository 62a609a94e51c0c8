//! What the council reads: every public trajectory of a municipality with its level, stage, the
//! input it drew, whether its report came on the promised day and what was done with the input;
//! and the reach of participation per year by area and age band. Built from a handful of grouped
//! reads, not per trajectory, so a municipality with hundreds of trajectories stays one page.

use crate::domain::reports::{published_late, reach_per_year, Outcome, Participant, Shown, YearReach};
use crate::domain::trajectories::{stage_of_span, Stage, Status};
use crate::error::AppResult;
use crate::model::reports::ReportContents;
use crate::model::tenancy::AreaSummary;
use crate::server::clock::dutch_day;
use crate::server::context::internal;
use crate::server::entities::{activity, desk_case, input, poll_voter, report, rules_of_play, trajectory, user};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeSet, HashMap};

/// One trajectory as the council sees it.
#[derive(Debug, Clone)]
pub struct CouncilLine {
    pub row: trajectory::Model,
    pub stage: Stage,
    /// Inputs so far (before the report), or the inputs the report answered.
    pub inputs: u64,
    /// People who took part online, from the report (counted only once it is published).
    pub people: Option<Shown>,
    pub promised_on: Option<NaiveDate>,
    /// The day the first version came out, and whether that was later than promised.
    pub reported_on: Option<(NaiveDate, bool)>,
    /// The promised day has passed without a report.
    pub overdue: bool,
    pub outcome: Option<Outcome>,
}

pub async fn trajectories(
    db: &impl ConnectionTrait,
    municipality: i32,
    today: NaiveDate,
) -> AppResult<Vec<CouncilLine>> {
    let rows = trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(municipality))
        .filter(trajectory::Column::Status.ne(Status::Draft.as_str()))
        .order_by_desc(trajectory::Column::StartsOn)
        .order_by_asc(trajectory::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let ids: Vec<i32> = rows.iter().map(|t| t.id).collect();
    // The report date of the newest version in force.
    let mut promised: HashMap<i32, (i32, Option<NaiveDate>)> = HashMap::new();
    for (trajectory_id, version, report_date) in rules_of_play::Entity::find()
        .select_only()
        .column(rules_of_play::Column::TrajectoryId)
        .column(rules_of_play::Column::Version)
        .column(rules_of_play::Column::ReportDate)
        .filter(rules_of_play::Column::TrajectoryId.is_in(ids.clone()))
        .filter(rules_of_play::Column::FrozenAt.is_not_null())
        .into_tuple::<(i32, i32, Option<NaiveDate>)>()
        .all(db)
        .await
        .map_err(internal)?
    {
        let entry = promised.entry(trajectory_id).or_insert((version, report_date));
        if version >= entry.0 {
            *entry = (version, report_date);
        }
    }
    let reports = report::Entity::find()
        .filter(report::Column::MunicipalityId.eq(municipality))
        .order_by_asc(report::Column::Version)
        .all(db)
        .await
        .map_err(internal)?;
    let mut first: HashMap<i32, &report::Model> = HashMap::new();
    let mut newest: HashMap<i32, &report::Model> = HashMap::new();
    for r in &reports {
        first.entry(r.trajectory_id).or_insert(r);
        newest.insert(r.trajectory_id, r);
    }
    let input_counts: HashMap<i32, i64> = input::Entity::find()
        .select_only()
        .column(input::Column::TrajectoryId)
        .column_as(input::Column::Id.count(), "n")
        .filter(input::Column::MunicipalityId.eq(municipality))
        .filter(input::Column::Official.eq(false))
        .filter(input::Column::Status.eq("visible"))
        .group_by(input::Column::TrajectoryId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|(t, n)| t.map(|t| (t, n)))
        .collect();
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let status = Status::parse(&row.status).unwrap_or(Status::Published);
        let stage = stage_of_span(status, row.starts_on, row.ends_on, today);
        let promised_on = promised.get(&row.id).and_then(|(_, d)| *d);
        let reported_on = first.get(&row.id).map(|r| (r.published_on, published_late(r.published_on, r.promised_on)));
        let newest_contents: Option<ReportContents> =
            newest.get(&row.id).and_then(|r| serde_json::from_str(&r.contents).ok());
        let outcome = newest_contents.as_ref().map(|c| {
            let mut outcome = Outcome::default();
            for (d, n) in &c.dispositions {
                outcome.add(*d, *n);
            }
            outcome
        });
        lines.push(CouncilLine {
            inputs: match newest.get(&row.id) {
                Some(r) => r.item_count.max(0) as u64,
                None => input_counts.get(&row.id).copied().unwrap_or(0).max(0) as u64,
            },
            people: newest_contents.and_then(|c| c.participation.people_online),
            overdue: reported_on.is_none() && promised_on.is_some_and(|d| d < today),
            stage,
            promised_on,
            reported_on,
            outcome,
            row,
        });
    }
    Ok(lines)
}

/// Who took part per year over the last `years` years (this one included): people who wrote
/// input online, voted, or brought something to the desk, each once a year.
pub async fn reach(
    db: &impl ConnectionTrait,
    municipality: i32,
    areas: &[AreaSummary],
    today: NaiveDate,
    years: i32,
) -> AppResult<Vec<YearReach>> {
    let since = NaiveDate::from_ymd_opt(today.year() - years + 1, 1, 1).unwrap_or(today);
    let mut seen: BTreeSet<(i32, i32)> = BTreeSet::new();
    for (author, at) in input::Entity::find()
        .select_only()
        .column(input::Column::AuthorId)
        .column(input::Column::CreatedAt)
        .filter(input::Column::MunicipalityId.eq(municipality))
        .filter(input::Column::AuthorId.is_not_null())
        .filter(input::Column::Official.eq(false))
        .filter(input::Column::CreatedAt.gte(crate::server::clock::start_of_dutch_day(since)))
        .into_tuple::<(Option<i32>, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await
        .map_err(internal)?
    {
        if let Some(author) = author {
            seen.insert((dutch_day(at).year(), author));
        }
    }
    let activities: Vec<i32> = activity::Entity::find()
        .select_only()
        .column(activity::Column::Id)
        .inner_join(trajectory::Entity)
        .filter(trajectory::Column::MunicipalityId.eq(municipality))
        .into_tuple::<i32>()
        .all(db)
        .await
        .map_err(internal)?;
    for (voter, on) in poll_voter::Entity::find()
        .select_only()
        .column(poll_voter::Column::UserId)
        .column(poll_voter::Column::VotedOn)
        .filter(poll_voter::Column::ActivityId.is_in(activities))
        .filter(poll_voter::Column::VotedOn.gte(since))
        .into_tuple::<(i32, NaiveDate)>()
        .all(db)
        .await
        .map_err(internal)?
    {
        seen.insert((on.year(), voter));
    }
    for (initiator, on) in desk_case::Entity::find()
        .select_only()
        .column(desk_case::Column::InitiatorId)
        .column(desk_case::Column::ReceivedOn)
        .filter(desk_case::Column::MunicipalityId.eq(municipality))
        .filter(desk_case::Column::InitiatorId.is_not_null())
        .filter(desk_case::Column::ReceivedOn.gte(since))
        .into_tuple::<(Option<i32>, NaiveDate)>()
        .all(db)
        .await
        .map_err(internal)?
    {
        if let Some(initiator) = initiator {
            seen.insert((on.year(), initiator));
        }
    }
    let ids: Vec<i32> = seen.iter().map(|(_, id)| *id).collect::<BTreeSet<_>>().into_iter().collect();
    let mut people: HashMap<i32, (Option<i32>, Option<NaiveDate>)> = HashMap::new();
    for chunk in ids.chunks(400) {
        for (id, area, birth) in user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::AreaId)
            .column(user::Column::BirthDate)
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .into_tuple::<(i32, Option<i32>, Option<NaiveDate>)>()
            .all(db)
            .await
            .map_err(internal)?
        {
            people.insert(id, (area, birth));
        }
    }
    let area_name = |id: Option<i32>| id.and_then(|id| areas.iter().find(|a| a.id == id)).map(|a| a.name.clone());
    let participants: Vec<Participant> = seen
        .iter()
        .filter_map(|(year, id)| {
            people.get(id).map(|(area, birth)| Participant { year: *year, area: area_name(*area), birth_date: *birth })
        })
        .collect();
    let names: Vec<String> = areas.iter().map(|a| a.name.clone()).collect();
    let years: Vec<i32> = (since.year()..=today.year()).collect();
    Ok(reach_per_year(&participants, &names, &years, today))
}

/// The council's page: every public trajectory with its level, stage, input, report and outcome;
/// the desk's service norm figures; the reach of participation per year by area and age band.
pub async fn council_page(reader: &crate::server::context::Reader) -> AppResult<crate::model::reports::CouncilPage> {
    use crate::domain::rules_of_play::ParticipationLevel;
    use crate::model::reports::{CouncilPage, CouncilTrajectory};
    use crate::server::desk;
    let db = &reader.state.db;
    let m = reader.municipality_id.0;
    let today = reader.state.clock.today();
    let lines = trajectories(db, m, today).await?;
    let mut outcome = Outcome::default();
    for o in lines.iter().filter_map(|line| line.outcome) {
        outcome.answered += o.answered;
        outcome.adopted += o.adopted;
        outcome.partly_adopted += o.partly_adopted;
        outcome.not_adopted += o.not_adopted;
    }
    let settings = desk::settings::of(db, m).await?;
    let reported = |l: &&CouncilLine| l.reported_on.is_some();
    let on_time = |l: &&CouncilLine| l.reported_on.is_some_and(|(_, late)| !late);
    Ok(CouncilPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        outcome,
        reports: lines.iter().filter(reported).count() as u64,
        reports_on_time: lines.iter().filter(on_time).count() as u64,
        overdue: lines.iter().filter(|l| l.overdue).count() as u64,
        trajectories: lines
            .into_iter()
            .map(|l| CouncilTrajectory {
                id: l.row.id,
                level: l.row.level.as_deref().and_then(ParticipationLevel::parse),
                title: l.row.title,
                stage: l.stage,
                inputs: l.inputs,
                people: l.people,
                promised_on: l.promised_on,
                reported_on: l.reported_on.map(|(d, _)| d),
                late: l.reported_on.is_some_and(|(_, late)| late),
                overdue: l.overdue,
                outcome: l.outcome,
            })
            .collect(),
        acknowledge_within: settings.norm.acknowledge_within,
        answer_within: settings.norm.answer_within,
        figures: desk::figures::per_quarter(db, m, today).await?,
        reach: reach(db, m, &reader.municipality.areas, today, 3).await?,
    })
}
