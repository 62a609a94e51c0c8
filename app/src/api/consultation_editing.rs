//! Putting a plan up for consultation: a project lead adds a consultation to a phase of a
//! trajectory, with the plan in sections, and edits it later. Sections residents already
//! commented on can be reworded but not removed.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod support {
    use crate::domain::consultations::{check_consultation, ConsultationDraft, SectionInput};
    use crate::domain::validation::Checks;
    use crate::error::AppError;
    use crate::server::context;

    pub struct Form {
        pub title: String,
        pub intro: String,
        pub phase: String,
        pub pre_moderation: String,
        pub section_id: Vec<String>,
        pub section_title: Vec<String>,
        pub section_body: Vec<String>,
    }

    impl Form {
        pub fn typed(&self) -> Vec<(String, String)> {
            let mut typed = vec![
                ("title".to_owned(), self.title.clone()),
                ("intro".to_owned(), self.intro.clone()),
                ("phase".to_owned(), self.phase.clone()),
            ];
            for (field, values) in [("section_title", &self.section_title), ("section_body", &self.section_body)] {
                typed.extend(values.iter().enumerate().map(|(i, v)| (format!("{field}[{i}]"), v.clone())));
            }
            typed
        }

        pub fn check(&self, phase_count: usize) -> Result<ConsultationDraft, AppError> {
            let rows = self.section_title.len().max(self.section_body.len());
            let sections: Vec<SectionInput> = (0..rows)
                .map(|i| SectionInput {
                    id: self.section_id.get(i).cloned().unwrap_or_default(),
                    title: self.section_title.get(i).cloned().unwrap_or_default(),
                    body: self.section_body.get(i).cloned().unwrap_or_default(),
                })
                .collect();
            let mut checks = Checks::new();
            let pre_moderation = matches!(self.pre_moderation.as_str(), "on" | "true");
            check_consultation(
                &mut checks,
                &self.title,
                &self.intro,
                &self.phase,
                phase_count,
                pre_moderation,
                &sections,
            )
            .ok_or_else(|| context::answer_with(AppError::validation_of(checks.into_errors(), self.typed())))
        }
    }

    pub fn page_path(slug: &str, id: i32) -> String {
        format!("/{slug}/raadplegingen/{id}")
    }
}

/// Adds a consultation to a phase (`phase` is the phase's position, 0-based) of a trajectory.
#[server(endpoint = "create_consultation")]
pub async fn create_consultation(
    municipality: String,
    trajectory: i32,
    title: String,
    #[server(default)] intro: String,
    phase: String,
    #[server(default)] pre_moderation: String,
    #[server(default)] section_id: Vec<String>,
    #[server(default)] section_title: Vec<String>,
    #[server(default)] section_body: Vec<String>,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::domain::trajectories::Status;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::submission::{self, Claim, Submit};
    use crate::server::trajectories::editing;
    use crate::server::{consultations, context, trajectories};

    let editing = editing(&municipality).await?;
    let loaded = editing.trajectory(trajectory).await?;
    if loaded.status == Status::Archived {
        return Err(context::answer_with(AppError::Conflict));
    }
    let form = support::Form { title, intro, phase, pre_moderation, section_id, section_title, section_body };
    let draft = form.check(loaded.phases.len())?;
    let state = &editing.signed_in.state;
    let target = format!("create_consultation:{}", loaded.row.id);
    let submit = Submit::verified(&state.settings.form_key, editing.signed_in.account.id, &submission_token, &target)
        .ok_or_else(|| submission::expired("title", form.typed()))?;
    let phase_id = trajectories::phase_id_at(&state.db, loaded.row.id, draft.phase).await?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let id = consultations::insert(&txn, loaded.row.id, phase_id, &draft, editing.signed_in.account.id).await?;
    if let Claim::Repeat { made } = submit.claim(&txn, id).await? {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&support::page_path(&editing.municipality.slug, made));
        return Ok(made);
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "create_consultation",
            details: format!("consultation {id} \"{}\" added to trajectory {}", draft.title, loaded.row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&support::page_path(&editing.municipality.slug, id));
    Ok(id)
}

/// Changes a consultation: its texts, sections, phase and pre-moderation.
#[server(endpoint = "update_consultation")]
pub async fn update_consultation(
    municipality: String,
    id: i32,
    title: String,
    #[server(default)] intro: String,
    phase: String,
    #[server(default)] pre_moderation: String,
    #[server(default)] section_id: Vec<String>,
    #[server(default)] section_title: Vec<String>,
    #[server(default)] section_body: Vec<String>,
) -> Result<(), AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::trajectories::Status;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::trajectories::editing;
    use crate::server::{consultations, context, trajectories};

    let editing = editing(&municipality).await?;
    let state = &editing.signed_in.state;
    let found = consultations::find(&state.db, MunicipalityId(editing.municipality.id), id)
        .await?
        .ok_or_else(consultations::not_found)?;
    if found.trajectory.status == Status::Archived {
        return Err(context::answer_with(AppError::Conflict));
    }
    let form = support::Form { title, intro, phase, pre_moderation, section_id, section_title, section_body };
    let draft = form.check(found.trajectory.phases.len())?;
    let in_use = consultations::sections_in_use(&state.db, &found, &draft).await?;
    if !in_use.is_empty() {
        // Point at the first row, where the lead sees the list of sections.
        let errors = vec![FieldError::new("section_title[0]", Problem::SectionHasComments)];
        return Err(context::answer_with(AppError::validation_of(errors, form.typed())));
    }
    let phase_id = trajectories::phase_id_at(&state.db, found.trajectory.row.id, draft.phase).await?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    consultations::update(&txn, &found, phase_id, &draft).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "update_consultation",
            details: format!("consultation {id} \"{}\" changed", draft.title),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=ja", support::page_path(&editing.municipality.slug, id)));
    Ok(())
}

/// Removes an attachment from a consultation.
#[server(endpoint = "remove_attachment")]
pub async fn remove_attachment(municipality: String, consultation: i32, attachment: i32) -> Result<(), AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::trajectories::editing;
    use crate::server::{attachments, consultations, context};

    let editing = editing(&municipality).await?;
    let state = &editing.signed_in.state;
    let found = consultations::find(&state.db, MunicipalityId(editing.municipality.id), consultation)
        .await?
        .ok_or_else(consultations::not_found)?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    if !attachments::remove(&txn, found.activity.id, attachment).await? {
        return Err(consultations::not_found());
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "remove_attachment",
            details: format!("attachment {attachment} removed from consultation {consultation}"),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!(
        "{}/bewerken#bijlagen",
        support::page_path(&editing.municipality.slug, consultation)
    ));
    Ok(())
}
