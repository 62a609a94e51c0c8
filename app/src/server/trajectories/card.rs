//! The rules-of-play card: drafting it, publishing the trajectory once it is complete, changing a
//! published card only through a new, dated version with a reason, and closing or archiving.

use super::{add_version, move_status, publish, save_draft_rules, Editing, Loaded};
use crate::domain::rules_of_play::{check_dates, parse_rules, Eligibility, RulesInput, RulesOfPlay, REASON_MAX};
use crate::domain::trajectories::{may_move, required_text, Status, TrajectoryId};
use crate::domain::validation::{Checks, FieldError, Problem};
use crate::error::{AppError, AppResult};
use crate::model::trajectories::RulesForm;
use crate::model::typed::{cell, numbers};
use crate::server::context::internal;
use crate::server::follows::{tell_about_new_rules, tell_about_new_trajectory};
use crate::server::writes::begin_write;

/// Saves the draft card. Incomplete is fine; what is filled in must make sense. Once the
/// trajectory is published this is refused (Conflict): a change is then a new version.
#[tracing::instrument(skip_all, fields(trajectory = id))]
pub async fn save_rules(editing: &Editing, id: i32, form: &RulesForm) -> AppResult<()> {
    let loaded = editing.trajectory(id).await?;
    let Some(draft) = loaded.current_rules().filter(|r| r.frozen_at.is_none()) else {
        return Err(AppError::Conflict);
    };
    let rules = check(editing, &loaded, form).await.map_err(|e| e.refilled(form.typed()))?;
    let txn = begin_write(&editing.signed_in.state.db).await.map_err(internal)?;
    save_draft_rules(&txn, draft, &rules).await?;
    editing.audit(&txn, "save_rules", format!("draft rules of play of trajectory {id} saved")).await?;
    txn.commit().await.map_err(internal)
}

/// Publishes a draft whose card is complete and freezes the card; an incomplete card is refused
/// with every missing part named. Followers of the municipality are told.
#[tracing::instrument(skip_all, fields(trajectory = id))]
pub async fn publish_trajectory(editing: &Editing, id: i32) -> AppResult<()> {
    let loaded = editing.trajectory(id).await?;
    let draft = loaded.current_rules().filter(|r| r.frozen_at.is_none());
    let (Status::Draft, Some(draft)) = (loaded.status, draft) else {
        return Err(AppError::Conflict);
    };
    let mut problems = missing(&draft.rules);
    let mut checks = Checks::new();
    check_dates(&mut checks, &draft.rules, &loaded.phases);
    problems.extend(checks.into_errors());
    if !problems.is_empty() {
        return Err(AppError::validation(problems, &[]));
    }
    let state = &editing.signed_in.state;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    publish(&txn, TrajectoryId(id), draft, state.clock.now()).await?;
    tell_about_new_trajectory(&txn, &state.settings, &loaded).await?;
    let title = &loaded.row.title;
    editing
        .audit(
            &txn,
            "publish_trajectory",
            format!("trajectory {id} \"{title}\" published with rules of play version 1"),
        )
        .await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Changes the card of a published trajectory: a new version, in force from now, as complete as
/// the one it replaces, with the reason stated. Earlier versions stay as they were; followers
/// are told.
#[tracing::instrument(skip_all, fields(trajectory = id))]
pub async fn amend_rules(editing: &Editing, id: i32, form: &RulesForm, change_reason: &str) -> AppResult<()> {
    let loaded = editing.trajectory(id).await?;
    let current = loaded.current_rules().filter(|r| r.frozen_at.is_some());
    let (Status::Published | Status::Closed, Some(current)) = (loaded.status, current) else {
        return Err(AppError::Conflict);
    };
    let typed = || {
        let mut typed = form.typed();
        typed.push(("change_reason".to_owned(), change_reason.to_owned()));
        typed
    };
    let reason = required_text(change_reason, REASON_MAX);
    let checked = check(editing, &loaded, form).await;
    let (rules, reason) = match (checked, reason) {
        (Ok(rules), Ok(reason)) if missing(&rules).is_empty() => (rules, reason),
        (Ok(rules), Ok(_)) => return Err(AppError::validation_of(missing(&rules), typed())),
        (checked, reason) => {
            let mut errors = match checked {
                Err(AppError::Validation { errors, .. }) => errors,
                Err(other) => return Err(other),
                Ok(_) => Vec::new(),
            };
            errors.extend(reason.err().map(|problem| FieldError::new("change_reason", problem)));
            return Err(AppError::validation_of(errors, typed()));
        }
    };
    let next_version = current.version + 1;
    let state = &editing.signed_in.state;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let (me, now) = (editing.signed_in.account.id, state.clock.now());
    add_version(&txn, TrajectoryId(id), next_version, &rules, &reason, me, now).await?;
    let details = format!("rules of play of trajectory {id} changed to version {next_version}: {reason}");
    editing.audit(&txn, "amend_rules", details).await?;
    tell_about_new_rules(&txn, &state.settings, &loaded, next_version, &reason).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Closes a published trajectory early (`to` = closed) or archives a public one (`archived`).
#[tracing::instrument(skip_all, fields(trajectory = id))]
pub async fn change_status(editing: &Editing, id: i32, to: &str) -> AppResult<()> {
    let loaded = editing.trajectory(id).await?;
    let Some(to) = Status::parse(to).filter(|&to| may_move(loaded.status, to)) else {
        return Err(AppError::Conflict);
    };
    let state = &editing.signed_in.state;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    move_status(&txn, TrajectoryId(id), loaded.status, to, state.clock.now()).await?;
    let (from, to) = (loaded.status.as_str(), to.as_str());
    editing.audit(&txn, "change_trajectory_status", format!("trajectory {id} moved from {from} to {to}")).await?;
    txn.commit().await.map_err(internal)
}

/// The parts of a card that must be filled in before it can be in force.
fn missing(rules: &RulesOfPlay) -> Vec<FieldError> {
    rules.missing().into_iter().map(|f| FieldError::new(f.form_field(), Problem::Required)).collect()
}

/// The card as typed, checked field by field and against the phases' dates. A panel must be one
/// of the municipality's, stored under its own name: a typing slip would otherwise shut everyone
/// out. The refusal carries no typed values; the caller adds them.
async fn check(editing: &Editing, loaded: &Loaded, form: &RulesForm) -> AppResult<RulesOfPlay> {
    let mut checks = Checks::new();
    let input = rules_input(form, &mut checks);
    let mut rules = parse_rules(&mut checks, &input, &editing.area_ids());
    if let Some(Eligibility::Panel(typed)) = &rules.eligibility {
        let panels = editing.panel_names().await?;
        match panels.iter().find(|p| crate::domain::panels::same_name(p, typed)) {
            Some(name) => rules.eligibility = Some(Eligibility::Panel(name.clone())),
            None => checks.add("eligible_panel", Problem::UnknownPanel),
        }
    }
    check_dates(&mut checks, &rules, &loaded.phases);
    if checks.is_empty() {
        Ok(rules)
    } else {
        Err(AppError::validation_of(checks.into_errors(), Vec::new()))
    }
}

/// The form as the card's parser reads it: fixed items paired by row, area ids as numbers.
fn rules_input(form: &RulesForm, checks: &mut Checks) -> RulesInput {
    let rows = form.fixed_what.len().max(form.fixed_why.len());
    let eligible_areas = numbers(&form.eligible_areas).unwrap_or_else(|| {
        checks.add("eligible_areas", Problem::UnknownArea);
        Vec::new()
    });
    RulesInput {
        level: form.level.clone(),
        municipality_role: form.municipality_role.clone(),
        open_for_input: form.open_for_input.clone(),
        fixed_items: (0..rows).map(|i| (cell(&form.fixed_what, i), cell(&form.fixed_why, i))).collect(),
        decision_maker: form.decision_maker.clone(),
        decision_date: form.decision_date.clone(),
        weighing: form.weighing.clone(),
        eligibility: form.eligibility.clone(),
        eligible_areas,
        eligible_min_age: form.eligible_min_age.clone(),
        eligible_max_age: form.eligible_max_age.clone(),
        eligible_panel: form.eligible_panel.clone(),
        report_date: form.report_date.clone(),
        personal_data: form.personal_data.clone(),
        retention_months: form.retention_months.clone(),
    }
}
