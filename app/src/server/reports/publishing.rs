//! Publishing a version of the report: what blocks it, and the decision it records.

use super::inputs::Scope;
use super::leading::Leading;
use super::publish::{participation_closed, publish, Publishing};
use super::read::{version_summaries, versions};
use super::selection::tally;
use crate::domain::reports::{publication_blocked, PublicationForm};
use crate::error::AppResult;
use crate::model::reports::PublicationPage;
use crate::server::clock;
use crate::server::context::internal;
use crate::server::writes::begin_write;

/// The publication screen: progress, what blocks publishing, and the decision of the last
/// version (or the card's promises) to start from.
pub async fn publication_page(leading: &Leading) -> AppResult<PublicationPage> {
    let (db, trajectory) = (leading.db(), leading.trajectory.row.id);
    let tally = tally(db, &Scope::of(db, trajectory).await?).await?;
    let versions = versions(db, trajectory).await?;
    let rules = leading.trajectory.current_rules().map(|r| r.rules.clone()).unwrap_or_default();
    let last = versions.last();
    let today = leading.editing.signed_in.state.clock.today();
    Ok(PublicationPage {
        municipality_slug: leading.editing.municipality.slug.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        progress: tally.progress,
        blocked: publication_blocked(
            tally.unanswered(),
            tally.awaiting_moderation,
            participation_closed(&leading.trajectory, today),
        ),
        next_version: versions.len() as i32 + 1,
        promised_on: rules.report_date,
        decision: last.map(|r| r.decision.clone()).unwrap_or_default(),
        decided_by: last.map(|r| r.decided_by.clone()).unwrap_or(rules.decision_maker),
        decided_on: last.and_then(|r| r.decided_on).or(rules.decision_date),
        council_decision_url: last.and_then(|r| r.council_decision_url.clone()).unwrap_or_default(),
        published: version_summaries(&versions),
    })
}

/// Publishes the next version of the report: refused while participation runs, while inputs wait
/// for a moderator or for an answer; a later version needs the reason for the correction.
#[tracing::instrument(skip_all, fields(trajectory = leading.trajectory.row.id))]
pub async fn publish_report(leading: &Leading, form: &PublicationForm) -> AppResult<()> {
    let state = &leading.editing.signed_in.state;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let publishing = Publishing {
        settings: Some(&state.settings),
        slug: &leading.editing.municipality.slug,
        trajectory: &leading.trajectory,
        areas: &leading.editing.municipality.areas,
        form,
        actor: leading.editing.signed_in.account.id,
        now,
        today: clock::dutch_day(now),
    };
    publish(&txn, publishing).await?;
    txn.commit().await.map_err(internal)
}
