//! Opening a trajectory and changing its title, texts, contact, areas, themes and phases.

use super::{dropped_phases_in_use, insert, update_details, Details, Editing};
use crate::domain::accounts::Email;
use crate::domain::tenancy::AreaId;
use crate::domain::trajectories::{
    check_phases, optional_text, required_text, PhaseInput, Theme, TrajectoryId, BODY_MAX, SUMMARY_MAX, TITLE_MAX,
};
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::trajectories::TrajectoryForm;
use crate::model::typed::{cell, numbers};
use crate::server::context::internal;
use crate::server::writes::begin_write;

/// Opens a new trajectory as a draft, with an empty rules-of-play card; the id of the trajectory
/// (the one made before, when the same form is sent twice).
#[tracing::instrument(skip_all, fields(municipality = editing.municipality.id))]
pub async fn create_trajectory(editing: &Editing, form: &TrajectoryForm, submission_token: &str) -> AppResult<i32> {
    let details = check(form, &editing.area_ids())?;
    editing
        .make_once(
            "create_trajectory",
            editing.municipality.id,
            submission_token,
            || form.typed(),
            async |txn, made| {
                let id = insert(txn, editing.municipality_id, &details, made.by, made.at).await?.0;
                Ok((id, format!("trajectory {id} \"{}\" created as draft", details.title)))
            },
        )
        .await
}

/// Changes a trajectory's details; allowed until it is archived. A phase that holds an activity
/// cannot be dropped.
#[tracing::instrument(skip_all, fields(trajectory = id))]
pub async fn update_trajectory(editing: &Editing, id: i32, form: &TrajectoryForm) -> AppResult<()> {
    editing.open_trajectory(id).await?;
    let details = check(form, &editing.area_ids())?;
    let state = &editing.signed_in.state;
    let in_use = dropped_phases_in_use(&state.db, TrajectoryId(id), &details.phases).await?;
    if !in_use.is_empty() {
        return Err(AppError::refused("phase_name[0]", Problem::PhaseHasActivity).refilled(form.typed()));
    }
    let txn = begin_write(&state.db).await.map_err(internal)?;
    update_details(&txn, TrajectoryId(id), &details, state.clock.now()).await?;
    editing.audit(&txn, "update_trajectory", format!("trajectory {id} \"{}\" changed", details.title)).await?;
    txn.commit().await.map_err(internal)
}

/// The form checked field by field; a refusal carries everything typed.
fn check(form: &TrajectoryForm, known_areas: &[AreaId]) -> AppResult<Details> {
    let mut checks = Checks::new();
    let title = checks.field("title", required_text(&form.title, TITLE_MAX));
    let summary = checks.field("summary", required_text(&form.summary, SUMMARY_MAX));
    let body = checks.field("body", optional_text(&form.body, BODY_MAX));
    let contact_name = checks.field("contact_name", required_text(&form.contact_name, 120));
    let contact_email = checks.field("contact_email", Email::parse(&form.contact_email));
    let contact_phone = checks.field("contact_phone", optional_text(&form.contact_phone, 40));
    let areas = numbers(&form.areas).map(|ids| ids.into_iter().map(AreaId).collect::<Vec<_>>());
    if areas.as_ref().is_none_or(|areas| areas.iter().any(|a| !known_areas.contains(a))) {
        checks.add("areas", Problem::UnknownArea);
    }
    let themes: Vec<Theme> = form.themes.iter().filter_map(|t| Theme::parse(t)).collect();
    if themes.len() != form.themes.len() {
        checks.add("themes", Problem::ChoiceInvalid);
    }
    let rows = form.phase_name.len().max(form.phase_starts_on.len()).max(form.phase_ends_on.len());
    let phase_inputs: Vec<PhaseInput> = (0..rows)
        .map(|i| PhaseInput {
            name: cell(&form.phase_name, i),
            starts_on: cell(&form.phase_starts_on, i),
            ends_on: cell(&form.phase_ends_on, i),
        })
        .collect();
    let phases = check_phases(&mut checks, &phase_inputs);
    match (title, summary, body, contact_name, contact_email, contact_phone, areas) {
        (
            Some(title),
            Some(summary),
            Some(body),
            Some(contact_name),
            Some(email),
            Some(contact_phone),
            Some(mut areas),
        ) if checks.is_empty() => {
            areas.sort();
            areas.dedup();
            let mut themes = themes;
            themes.sort();
            themes.dedup();
            let contact_email = email.as_str().to_owned();
            Ok(Details { title, summary, body, contact_name, contact_email, contact_phone, areas, themes, phases })
        }
        _ => Err(AppError::validation_of(checks.into_errors(), form.typed())),
    }
}
