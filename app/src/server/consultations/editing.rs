//! Putting a plan up for consultation and changing it: the plan in sections, its phase and
//! whether comments wait for a moderator. Sections residents commented on can be reworded but
//! not removed.

use super::{find, insert, not_found, sections_in_use, update};
use crate::domain::consultations::{check_consultation, ConsultationDraft, SectionInput};
use crate::domain::tenancy::MunicipalityId;
use crate::domain::trajectories::Status;
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::consultations::ConsultationForm;
use crate::model::typed::cell;
use crate::server::attachments;
use crate::server::context::internal;
use crate::server::trajectories::{phase_id_at, Editing};
use crate::server::writes::begin_write;

/// Adds a consultation to a phase of a trajectory that is not archived; its id (the one made
/// before, when the same form is sent twice).
#[tracing::instrument(skip_all, fields(trajectory = trajectory))]
pub async fn create_consultation(
    editing: &Editing,
    trajectory: i32,
    form: &ConsultationForm,
    submission_token: &str,
) -> AppResult<i32> {
    let loaded = editing.open_trajectory(trajectory).await?;
    let draft = check(form, loaded.phases.len())?;
    let phase_id = phase_id_at(&editing.signed_in.state.db, loaded.row.id, draft.phase).await?;
    let trajectory = loaded.row.id;
    editing
        .make_once(
            "create_consultation",
            trajectory,
            submission_token,
            || form.typed(),
            async |txn, made| {
                let id = insert(txn, trajectory, phase_id, &draft, made.by, made.at).await?;
                Ok((id, format!("consultation {id} \"{}\" added to trajectory {trajectory}", draft.title)))
            },
        )
        .await
}

/// Changes a consultation: its texts, sections, phase and pre-moderation.
#[tracing::instrument(skip_all, fields(consultation = id))]
pub async fn update_consultation(editing: &Editing, id: i32, form: &ConsultationForm) -> AppResult<()> {
    let state = &editing.signed_in.state;
    let found = find(&state.db, MunicipalityId(editing.municipality.id), id).await?.ok_or_else(not_found)?;
    if found.trajectory.status == Status::Archived {
        return Err(AppError::Conflict);
    }
    let draft = check(form, found.trajectory.phases.len())?;
    if !sections_in_use(&state.db, &found, &draft).await?.is_empty() {
        // Point at the first row, where the lead sees the list of sections.
        return Err(AppError::refused("section_title[0]", Problem::SectionHasComments).refilled(form.typed()));
    }
    let phase_id = phase_id_at(&state.db, found.trajectory.row.id, draft.phase).await?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    update(&txn, &found, phase_id, &draft, state.clock.now()).await?;
    editing.audit(&txn, "update_consultation", format!("consultation {id} \"{}\" changed", draft.title)).await?;
    txn.commit().await.map_err(internal)
}

/// Removes an attachment from a consultation.
#[tracing::instrument(skip_all, fields(consultation = consultation))]
pub async fn remove_attachment(editing: &Editing, consultation: i32, attachment: i32) -> AppResult<()> {
    let state = &editing.signed_in.state;
    let found = find(&state.db, MunicipalityId(editing.municipality.id), consultation).await?.ok_or_else(not_found)?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    if !attachments::remove(&txn, found.activity.id, attachment).await? {
        return Err(not_found());
    }
    let details = format!("attachment {attachment} removed from consultation {consultation}");
    editing.audit(&txn, "remove_attachment", details).await?;
    txn.commit().await.map_err(internal)
}

/// The form checked; a refusal carries everything typed.
fn check(form: &ConsultationForm, phase_count: usize) -> AppResult<ConsultationDraft> {
    let rows = form.section_title.len().max(form.section_body.len());
    let sections: Vec<SectionInput> = (0..rows)
        .map(|i| SectionInput {
            id: cell(&form.section_id, i),
            title: cell(&form.section_title, i),
            body: cell(&form.section_body, i),
        })
        .collect();
    let mut checks = Checks::new();
    let pre_moderation = matches!(form.pre_moderation.as_str(), "on" | "true");
    check_consultation(&mut checks, &form.title, &form.intro, &form.phase, phase_count, pre_moderation, &sections)
        .ok_or_else(|| AppError::validation_of(checks.into_errors(), form.typed()))
}
