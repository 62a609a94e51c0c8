//! A trajectory as its page and the open data show it, and the summaries the lists show.

use super::{ListedTrajectory, StoredRules};
use crate::domain::roles::{can_manage_trajectories, Actor};
use crate::domain::tenancy::MunicipalityId;
use crate::domain::trajectories::{current_phase, stage, stage_of_span, Status, TrajectoryId};
use crate::error::{AppError, AppResult};
use crate::model::tenancy::{AreaSummary, MunicipalityDetail};
use crate::model::trajectories::{ActivitySummary, PhaseView, RulesVersion, TrajectoryDetail, TrajectorySummary};
use crate::server::context::internal;
use crate::server::markdown;
use crate::server::state::AppState;
use chrono::NaiveDate;

pub fn summary(listed: ListedTrajectory, today: NaiveDate) -> TrajectorySummary {
    let status = Status::parse(&listed.row.status).unwrap_or(Status::Draft);
    TrajectorySummary {
        id: listed.row.id,
        title: listed.row.title,
        summary: listed.row.summary,
        stage: stage_of_span(status, listed.row.starts_on, listed.row.ends_on, today),
        level: listed.row.level.as_deref().and_then(crate::domain::rules_of_play::ParticipationLevel::parse),
        area_names: listed.area_names,
        themes: listed.themes,
        starts_on: listed.row.starts_on,
        ends_on: listed.row.ends_on,
        published_at: listed.row.published_at,
    }
}

pub fn version(stored: &StoredRules, areas: &[AreaSummary]) -> RulesVersion {
    let eligible_area_names = match &stored.rules.eligibility {
        Some(crate::domain::rules_of_play::Eligibility::Areas(ids)) => {
            areas.iter().filter(|a| ids.iter().any(|id| id.0 == a.id)).map(|a| a.name.clone()).collect()
        }
        _ => Vec::new(),
    };
    RulesVersion {
        version: stored.version,
        rules: stored.rules.clone(),
        eligible_area_names,
        change_reason: stored.change_reason.clone(),
        in_force_since: stored.frozen_at,
        missing: stored.rules.missing(),
    }
}

pub fn phases(loaded: &[crate::domain::trajectories::Phase], today: NaiveDate) -> Vec<PhaseView> {
    let current = current_phase(loaded, today);
    loaded
        .iter()
        .enumerate()
        .map(|(i, p)| PhaseView {
            name: p.name.clone(),
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            current: Some(i) == current,
        })
        .collect()
}

/// Trajectory `id` of `found` with its rules of play, activities and latest report. Drafts exist
/// only for the municipality's staff; for anyone else they are not found, so a draft's existence
/// is not given away.
pub async fn trajectory_detail(
    state: &AppState,
    actor: Option<&Actor>,
    found: &MunicipalityDetail,
    id: i32,
) -> AppResult<TrajectoryDetail> {
    let municipality_id = MunicipalityId(found.id);
    let loaded = super::find(&state.db, municipality_id, TrajectoryId(id)).await?.ok_or(AppError::NotFound)?;
    let is_staff = actor.is_some_and(|a| a.is_staff_of(municipality_id));
    if !loaded.status.is_public() && !is_staff {
        return Err(AppError::NotFound);
    }
    let can_manage = actor.is_some_and(|a| can_manage_trajectories(a, municipality_id));
    let today = state.clock.today();
    let current = loaded.current_rules().ok_or_else(|| internal("trajectory without rules of play"))?;
    let areas: Vec<AreaSummary> =
        found.areas.iter().filter(|a| loaded.areas.iter().any(|id| id.0 == a.id)).cloned().collect();
    let history = loaded.rules.iter().rev().skip(1).map(|v| version(v, &found.areas)).collect();
    let listed = crate::server::consultations::for_trajectory(&state.db, loaded.row.id).await?;
    let ids: Vec<i32> = listed.iter().map(|l| l.activity.id).collect();
    let polls = crate::server::polls::of_trajectory(&state.db, &ids).await?;
    let ideas = crate::server::desk::ideas::counts(&state.db, &ids).await?;
    let now = state.clock.now();
    let activities = listed
        .into_iter()
        .map(|listed| {
            let poll = polls.get(&listed.activity.id);
            let window = match poll {
                Some((poll, _)) => crate::server::polls::window_in_days(
                    crate::server::polls::window_of(loaded.status, poll, now),
                    poll,
                ),
                None => crate::domain::consultations::window(
                    loaded.status,
                    listed.phase.starts_on,
                    listed.phase.ends_on,
                    today,
                ),
            };
            ActivitySummary {
                id: listed.activity.id,
                kind: listed.activity.kind,
                title: listed.activity.title,
                window,
                phase_name: listed.phase.name,
                phase_starts_on: listed.phase.starts_on,
                phase_ends_on: listed.phase.ends_on,
                poll_opens_at: poll.map(|(poll, _)| poll.opens_at),
                poll_closes_at: poll.map(|(poll, _)| poll.closes_at),
                visible_comments: if poll.is_some() { 0 } else { listed.visible_comments },
                ballots: poll.map(|(_, n)| *n).unwrap_or(0),
                ideas: ideas.get(&listed.activity.id).copied().unwrap_or(0),
            }
        })
        .collect();
    Ok(TrajectoryDetail {
        id: loaded.row.id,
        municipality_slug: found.slug.clone(),
        municipality_name: found.name.clone(),
        title: loaded.row.title.clone(),
        summary: loaded.row.summary.clone(),
        body_html: markdown::to_safe_html(&loaded.row.body),
        body_markdown: can_manage.then(|| loaded.row.body.clone()),
        contact_name: loaded.row.contact_name.clone(),
        contact_email: loaded.row.contact_email.clone(),
        contact_phone: loaded.row.contact_phone.clone(),
        status: loaded.status,
        stage: stage(loaded.status, &loaded.phases, today),
        phases: phases(&loaded.phases, today),
        areas,
        themes: loaded.themes.clone(),
        rules: version(current, &found.areas),
        history,
        published_at: loaded.row.published_at,
        can_manage,
        activities,
        report: crate::server::reports::read::version_summaries(
            &crate::server::reports::read::versions(&state.db, loaded.row.id).await?,
        )
        .pop(),
    })
}
