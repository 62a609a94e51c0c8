//! Trajectories: reading them (the desk, a trajectory page) and running them (create, edit,
//! draft and publish the rules of play, change them later through a new version).

#[cfg(feature = "ssr")]
use crate::api::tenancy::AreaSummary;
#[cfg(feature = "ssr")]
use crate::domain::trajectories::{Stage, Status, Theme};
use crate::error::AppError;
pub use crate::model::trajectories::*;
#[cfg(feature = "ssr")]
use chrono::NaiveDate;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod support {
    use super::*;
    use crate::domain::trajectories::{current_phase, stage_of_span};
    use crate::server::trajectories::{ListedTrajectory, StoredRules};

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
}

/// A trajectory with its rules of play. Drafts exist only for the municipality's staff; for
/// anyone else they are not found, so a draft's existence is not given away.
#[server(endpoint = "get_trajectory")]
pub async fn get_trajectory(municipality: String, id: i32) -> Result<TrajectoryDetail, AppError> {
    use crate::domain::roles::can_manage_trajectories;
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::trajectories::{stage, TrajectoryId};
    use crate::server::{context, markdown, trajectories};

    let state = context::app_state()?;
    let session = context::session().await?;
    let actor = context::current_account(&state, &session).await?.map(|(_, actor)| actor);
    let found = context::municipality_named(&state, &municipality).await?;
    let municipality_id = MunicipalityId(found.id);
    let loaded = trajectories::find(&state.db, municipality_id, TrajectoryId(id))
        .await?
        .ok_or_else(|| context::answer_with(AppError::NotFound))?;
    let is_staff = actor.as_ref().is_some_and(|a| a.is_staff_of(municipality_id));
    if !loaded.status.is_public() && !is_staff {
        return Err(context::answer_with(AppError::NotFound));
    }
    let can_manage = actor.as_ref().is_some_and(|a| can_manage_trajectories(a, municipality_id));
    let today = crate::server::clock::today();
    let current = loaded.current_rules().ok_or_else(|| context::internal("trajectory without rules of play"))?;
    let areas: Vec<AreaSummary> =
        found.areas.iter().filter(|a| loaded.areas.iter().any(|id| id.0 == a.id)).cloned().collect();
    let history = loaded.rules.iter().rev().skip(1).map(|v| support::version(v, &found.areas)).collect();
    let listed = crate::server::consultations::for_trajectory(&state.db, loaded.row.id).await?;
    let ids: Vec<i32> = listed.iter().map(|l| l.activity.id).collect();
    let polls = crate::server::polls::of_trajectory(&state.db, &ids).await?;
    let ideas = crate::server::desk::ideas::counts(&state.db, &ids).await?;
    let now = chrono::Utc::now();
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
        phases: support::phases(&loaded.phases, today),
        areas,
        themes: loaded.themes.clone(),
        rules: support::version(current, &found.areas),
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

/// The desk's list: public trajectories, filtered and one page at a time, with the open, upcoming
/// and recently reported ones first. Unknown filter values are ignored rather than refused, so an
/// old bookmarked link still shows something useful.
#[server(endpoint = "list_trajectories")]
pub async fn list_trajectories(
    municipality: String,
    #[server(default)] q: String,
    #[server(default)] area: String,
    #[server(default)] theme: String,
    #[server(default)] level: String,
    #[server(default)] stage: String,
    #[server(default)] page: String,
) -> Result<DeskPage, AppError> {
    use crate::domain::rules_of_play::ParticipationLevel;
    use crate::domain::tenancy::{AreaId, MunicipalityId};
    use crate::server::context;
    use crate::server::trajectories::{self, DeskQuery, PAGE_SIZE};

    let state = context::app_state()?;
    let found = context::municipality_named(&state, &municipality).await?;
    let municipality_id = MunicipalityId(found.id);
    let query = DeskQuery {
        text: Some(q.chars().take(100).collect()),
        area: found.areas.iter().find(|a| a.slug == area).map(|a| AreaId(a.id)),
        theme: Theme::parse(&theme),
        level: ParticipationLevel::parse(&level),
        stage: Stage::parse(&stage).filter(|s| *s != Stage::Draft),
    };
    let page = crate::domain::paging::page_number(&page);
    let today = crate::server::clock::today();
    let (rows, total) = trajectories::list_public(&state.db, municipality_id, &query, today, page).await?;
    // The desk shows its highlights only above the unfiltered first page.
    let unfiltered = q.trim().is_empty()
        && query.area.is_none()
        && query.theme.is_none()
        && query.level.is_none()
        && query.stage.is_none()
        && page == 1;
    let highlights =
        if unfiltered { trajectories::highlights(&state.db, municipality_id, today).await? } else { Vec::new() };
    Ok(DeskPage {
        highlights: highlights.into_iter().map(|t| support::summary(t, today)).collect(),
        results: rows.into_iter().map(|t| support::summary(t, today)).collect(),
        total,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
    })
}

/// Every trajectory of a municipality, drafts included, for the staff who run them.
#[server(endpoint = "list_managed_trajectories")]
pub async fn list_managed_trajectories(municipality: String) -> Result<Vec<TrajectorySummary>, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{context, trajectories};

    let context::SignedIn { state, actor, .. } = context::signed_in().await?;
    let found = context::municipality_named(&state, &municipality).await?;
    if !actor.is_staff_of(MunicipalityId(found.id)) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let today = crate::server::clock::today();
    let rows = trajectories::list_all(&state.db, MunicipalityId(found.id)).await?;
    Ok(rows.into_iter().map(|t| support::summary(t, today)).collect())
}
