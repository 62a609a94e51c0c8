//! "Ideas" activities inside a trajectory: a project lead opens one in a phase; while the phase
//! runs, residents (whom the rules of play invite) bring ideas in the same way they bring them to
//! the desk. Each idea becomes a desk case with a case number, a clock and an answer; the public
//! ones are listed on the activity's page, where others support them.

#[cfg(feature = "ssr")]
use crate::api::consultations::MayComment;
#[cfg(feature = "ssr")]
use crate::api::initiatives::InitiativeFormPage;
use crate::error::AppError;
pub use crate::model::ideas::*;
use leptos::prelude::*;

/// The page of an ideas activity.
#[server(endpoint = "get_ideas")]
pub async fn get_ideas(municipality: String, id: i32) -> Result<IdeasView, AppError> {
    use crate::domain::roles::can_work_desk;
    use crate::server::desk::ideas::ideas_activity;
    use crate::server::desk::views::{norm_view, register_item};
    use crate::server::{context, desk, markdown, submission};

    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let (placed, window, may) = ideas_activity(&reader, id).await?;
    let form = match (&may, &reader.account) {
        (MayComment::Yes, Some(account)) => {
            let settings = desk::settings::of(db, reader.municipality_id.0).await?;
            Some(InitiativeFormPage {
                municipality_slug: reader.municipality.slug.clone(),
                municipality_name: reader.municipality.name.clone(),
                areas: reader.municipality.areas.clone(),
                submission_token: Some(submission::issue(
                    &reader.state.settings.form_key,
                    account.id,
                    chrono::Utc::now().timestamp(),
                )),
                reader_area: account.area_id,
                may_enter_for_others: reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)),
                norm: norm_view(settings.norm),
            })
        }
        _ => None,
    };
    let ideas = desk::ideas::public_ideas(db, placed.activity.id).await?;
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
        total: desk::ideas::count(db, placed.activity.id).await?,
    })
}

/// Opens an ideas activity in a phase (`phase` is the phase's position, 0-based).
#[server(endpoint = "create_ideas_activity")]
pub async fn create_ideas_activity(
    municipality: String,
    trajectory: i32,
    #[server(default)] title: String,
    #[server(default)] intro: String,
    #[server(default)] phase: String,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::domain::initiatives::check_ideas_activity;
    use crate::domain::trajectories::Status;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::submission::{self, Claim, Submit};
    use crate::server::trajectories::editing;
    use crate::server::{context, desk, trajectories};

    let editing = editing(&municipality).await?;
    let loaded = editing.trajectory(trajectory).await?;
    if loaded.status == Status::Archived {
        return Err(context::answer_with(AppError::Conflict));
    }
    let typed = vec![
        ("title".to_owned(), title.clone()),
        ("intro".to_owned(), intro.clone()),
        ("phase".to_owned(), phase.clone()),
    ];
    let draft = check_ideas_activity(&title, &intro, &phase, loaded.phases.len())
        .map_err(|checks| context::answer_with(AppError::validation_of(checks.into_errors(), typed.clone())))?;
    let state = &editing.signed_in.state;
    let target = format!("create_ideas_activity:{}", loaded.row.id);
    let submit = Submit::verified(&state.settings.form_key, editing.signed_in.account.id, &submission_token, &target)
        .ok_or_else(|| submission::expired("title", typed))?;
    let phase_id = trajectories::phase_id_at(&state.db, loaded.row.id, draft.phase).await?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let id = desk::ideas::insert(&txn, loaded.row.id, phase_id, &draft, editing.signed_in.account.id).await?;
    if let Claim::Repeat { made } = submit.claim(&txn, id).await? {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("/{}/ideeen/{made}", editing.municipality.slug));
        return Ok(made);
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "create_ideas_activity",
            details: format!("ideas activity {id} \"{}\" added to trajectory {}", draft.title, loaded.row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/{}/ideeen/{id}", editing.municipality.slug));
    Ok(id)
}
