//! The page of an ideas activity, and opening one in a phase.

use super::ideas::{count, ideas_activity, insert, public_ideas};
use super::views::register_item;
use crate::domain::initiatives::check_ideas_activity;
use crate::error::{AppError, AppResult};
use crate::model::consultations::MayComment;
use crate::model::ideas::{IdeasActivityForm, IdeasView};
use crate::server::context::Reader;
use crate::server::markdown;
use crate::server::trajectories::{phase_id_at, Editing};

/// The activity's page: the public ideas, and the form to bring one in for those who may now.
pub async fn ideas_page(reader: &Reader, id: i32) -> AppResult<IdeasView> {
    let db = &reader.state.db;
    let (placed, window, may) = ideas_activity(reader, id).await?;
    let form = match (&may, &reader.account) {
        (MayComment::Yes, Some(_)) => Some(super::initiative_form(reader).await?),
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

/// Opens an ideas activity in a phase of a trajectory that is not archived; its id (the one made
/// before, when the same form is sent twice).
#[tracing::instrument(skip_all, fields(trajectory = trajectory))]
pub async fn create_ideas_activity(
    editing: &Editing,
    trajectory: i32,
    form: &IdeasActivityForm,
    submission_token: &str,
) -> AppResult<i32> {
    let loaded = editing.open_trajectory(trajectory).await?;
    let draft = check_ideas_activity(&form.title, &form.intro, &form.phase, loaded.phases.len())
        .map_err(|checks| AppError::validation_of(checks.into_errors(), form.typed()))?;
    let phase_id = phase_id_at(&editing.signed_in.state.db, loaded.row.id, draft.phase).await?;
    let trajectory = loaded.row.id;
    editing
        .make_once(
            "create_ideas_activity",
            trajectory,
            submission_token,
            || form.typed(),
            async |txn, made| {
                let id = insert(txn, trajectory, phase_id, &draft, made.by, made.at).await?;
                Ok((id, format!("ideas activity {id} \"{}\" added to trajectory {trajectory}", draft.title)))
            },
        )
        .await
}
