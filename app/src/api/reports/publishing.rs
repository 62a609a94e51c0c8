//! Publishing a version of the report (project leads): what blocks it, and the decision.

use super::*;
use crate::model::reports::*;

#[server(endpoint = "get_publication")]
pub async fn get_publication(municipality: String, trajectory: i32) -> Result<PublicationPage, AppError> {
    use crate::domain::reports::publication_blocked;
    use crate::server::reports::{inputs::gather, publish::participation_closed, read};

    let leading = support::leading(&municipality, trajectory).await?;
    let db = leading.db();
    let gathered = gather(db, trajectory).await?;
    let versions = read::versions(db, trajectory).await?;
    let rules = leading.trajectory.current_rules().map(|r| r.rules.clone()).unwrap_or_default();
    let total = gathered.inputs.len() as u64;
    let last = versions.last();
    Ok(PublicationPage {
        municipality_slug: leading.editing.municipality.slug.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        progress: Progress { answered: total - gathered.unanswered(), total },
        blocked: publication_blocked(
            gathered.unanswered(),
            gathered.awaiting_moderation,
            participation_closed(&leading.trajectory, crate::server::clock::today()),
        ),
        next_version: versions.len() as i32 + 1,
        promised_on: rules.report_date,
        decision: last.map(|r| r.decision.clone()).unwrap_or_default(),
        decided_by: last.map(|r| r.decided_by.clone()).unwrap_or(rules.decision_maker),
        decided_on: last.and_then(|r| r.decided_on).or(rules.decision_date),
        council_decision_url: last.and_then(|r| r.council_decision_url.clone()).unwrap_or_default(),
        published: crate::server::reports::read::version_summaries(&versions),
    })
}

/// Publishes the next version of the report: refused while participation runs, while inputs wait
/// for a moderator or for an answer; a later version needs the reason for the correction.
#[server(endpoint = "publish_report")]
pub async fn publish_report(
    municipality: String,
    trajectory: i32,
    #[server(default)] decision: String,
    #[server(default)] decided_by: String,
    #[server(default)] decided_on: String,
    #[server(default)] council_decision_url: String,
    #[server(default)] correction_reason: String,
) -> Result<(), AppError> {
    use crate::domain::reports::PublicationForm;
    use crate::server::context::{answer_with, internal};
    use crate::server::reports::publish::{publish, Publishing};

    let leading = support::leading(&municipality, trajectory).await?;
    let form = PublicationForm { decision, decided_by, decided_on, council_decision_url, correction_reason };
    let state = &leading.editing.signed_in.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(internal)?;
    publish(
        &txn,
        Publishing {
            settings: Some(&state.settings),
            slug: &leading.editing.municipality.slug,
            trajectory: &leading.trajectory,
            areas: &leading.editing.municipality.areas,
            form: &form,
            actor: leading.editing.signed_in.account.id,
            now: chrono::Utc::now(),
            today: crate::server::clock::today(),
        },
    )
    .await
    .map_err(answer_with)?;
    txn.commit().await.map_err(internal)?;
    leptos_axum::redirect(&leading.path("verslag"));
    Ok(())
}
