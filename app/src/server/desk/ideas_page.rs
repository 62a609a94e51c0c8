//! The page of an ideas activity, and opening one in a phase.

use super::ideas::{count, ideas_activity, insert, public_ideas};
use super::views::{norm_view, register_item};
use crate::domain::initiatives::check_ideas_activity;
use crate::domain::roles::can_work_desk;
use crate::domain::trajectories::Status;
use crate::error::{AppError, AppResult};
use crate::model::consultations::MayComment;
use crate::model::ideas::{IdeasActivityForm, IdeasView};
use crate::model::initiatives::InitiativeFormPage;
use crate::server::context::{internal, Reader};
use crate::server::markdown;
use crate::server::submission::{self, Claim, Submit};
use crate::server::trajectories::{phase_id_at, Editing};
use crate::server::writes::begin_write;

/// The activity's page: the public ideas, and the form to bring one in for those who may now.
pub async fn ideas_page(reader: &Reader, id: i32) -> AppResult<IdeasView> {
    let db = &reader.state.db;
    let (placed, window, may) = ideas_activity(reader, id).await?;
    let form = match (&may, &reader.account) {
        (MayComment::Yes, Some(account)) => Some(idea_form(reader, account.id).await?),
        _ => None,
    };
    let ideas = public_ideas(db, placed.activity.id).await?;
    Ok(IdeasView {
        id: placed.activity.id,
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        trajectory_id: placed.trajectory.row.id,
        trajectory_title: placed.trajectory.row.title.clone(),
        title: placed.activity.title.clone(),
        intro_html: markdown::to_safe_html(&placed.activity.intro),
        phase_name: placed.phase.name.clone(),
        window,
        may_take_part: may,
        form,
        ideas: ideas.iter().map(|row| register_item(&reader.municipality, row)).collect(),
        total: count(db, placed.activity.id).await?,
    })
}

/// The form an idea is brought in with: the desk's, with the desk's promise.
async fn idea_form(reader: &Reader, account: i32) -> AppResult<InitiativeFormPage> {
    let settings = super::settings::of(&reader.state.db, reader.municipality_id.0).await?;
    let now = reader.state.clock.now().timestamp();
    Ok(InitiativeFormPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        areas: reader.municipality.areas.clone(),
        submission_token: Some(submission::issue(&reader.state.settings.form_key, account, now)),
        reader_area: reader.account.as_ref().and_then(|a| a.area_id),
        may_enter_for_others: reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)),
        norm: norm_view(settings.norm),
    })
}

/// Opens an ideas activity in a phase of a trajectory that is not archived; its id (the one made
/// before, when the same form is sent twice).
#[tracing::instrument(skip_all, fields(trajectory = trajectory))]
pub async fn create_ideas_activity(
    editing: &Editing,
    trajectory: i32,
    form: &IdeasActivityForm,
    submission_token: &str,
) -> AppResult<i32> {
    let loaded = editing.trajectory(trajectory).await?;
    if loaded.status == Status::Archived {
        return Err(AppError::Conflict);
    }
    let draft = check_ideas_activity(&form.title, &form.intro, &form.phase, loaded.phases.len())
        .map_err(|checks| AppError::validation_of(checks.into_errors(), form.typed()))?;
    let state = &editing.signed_in.state;
    let me = editing.signed_in.account.id;
    let target = format!("create_ideas_activity:{}", loaded.row.id);
    let submit = Submit::verified(&state.settings.form_key, me, submission_token, &target)
        .ok_or_else(|| submission::expired("title", form.typed()))?;
    let phase_id = phase_id_at(&state.db, loaded.row.id, draft.phase).await?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let id = insert(&txn, loaded.row.id, phase_id, &draft, me).await?;
    if let Claim::Repeat { made } = submit.claim(&txn, id).await? {
        txn.rollback().await.map_err(internal)?;
        return Ok(made);
    }
    let details = format!("ideas activity {id} \"{}\" added to trajectory {}", draft.title, loaded.row.id);
    editing.audit(&txn, "create_ideas_activity", details).await?;
    txn.commit().await.map_err(internal)?;
    Ok(id)
}
