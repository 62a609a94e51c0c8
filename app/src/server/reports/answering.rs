//! Answering every input of a trajectory: the answering screen, one answer for one or more
//! inputs, revising an answer, and taking an input out of its group.

use super::answers;
use super::inputs::{these, Scope};
use super::leading::{answer_view, Leading};
use super::publish::participation_closed;
use super::read::{version_summaries, versions};
use super::selection::{matching, page, tally, Selection};
use crate::domain::consultations::page_count;
use crate::domain::paging::{offset, page_number};
use crate::domain::reports::{check_answer, publication_blocked, AnswerForm, InputRef, PAGE_SIZE};
use crate::domain::validation::{FieldError, Problem};
use crate::error::{AppError, AppResult};
use crate::model::reports::{AnswerPage, AnsweringFilter, AnsweringPage};
use crate::server::context::internal;
use crate::server::writes::begin_write;

/// The answering screen: every input of the trajectory, filtered, a page of them with answers.
pub async fn answering_page(leading: &Leading, filter: AnsweringFilter) -> AppResult<AnsweringPage> {
    let (db, trajectory) = (leading.db(), leading.trajectory.row.id);
    let scope = Scope::of(db, trajectory).await?;
    let tally = tally(db, &scope).await?;
    let selection = Selection::of(&filter);
    let matching = matching(db, &scope, selection).await?;
    let pages = page_count(matching.total(), PAGE_SIZE);
    let skipped = offset(filter.page.min(pages), PAGE_SIZE);
    let shown = page(db, &scope, selection, matching, skipped, PAGE_SIZE).await?;
    let shown: Vec<_> = shown.iter().collect();
    let today = leading.editing.signed_in.state.clock.today();
    let municipality = &leading.editing.municipality;
    Ok(AnsweringPage {
        municipality_slug: municipality.slug.clone(),
        municipality_name: municipality.name.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        progress: tally.progress,
        awaiting_moderation: tally.awaiting_moderation,
        hidden: tally.hidden,
        activities: scope.activities.iter().map(|a| (a.id, a.title.clone())).collect(),
        channels: tally.channels.clone(),
        areas: municipality.areas.clone(),
        matching: matching.total(),
        pages,
        rows: leading.rows(&scope, &shown).await?,
        filter,
        fixed_items: leading.fixed_items(),
        trajectories: leading.other_trajectories().await?,
        published: version_summaries(&versions(db, trajectory).await?),
        blocked: publication_blocked(
            tally.unanswered(),
            tally.awaiting_moderation,
            participation_closed(&leading.trajectory, today),
        ),
    })
}

/// The filters as the screen's address gives them.
pub fn answering_filter(activity: &str, channel: &str, area: &str, status: &str, page: &str) -> AnsweringFilter {
    AnsweringFilter {
        activity: activity.trim().to_owned(),
        channel: channel.trim().to_owned(),
        area: area.trim().to_owned(),
        status: status.trim().to_owned(),
        page: page_number(page),
    }
}

/// Gives one answer to the chosen inputs (one, or a group of similar ones); an input that had an
/// answer gets the new one. A refusal keeps the ticked inputs ticked.
#[tracing::instrument(skip_all, fields(trajectory = leading.trajectory.row.id))]
pub async fn answer_inputs(leading: &Leading, chosen: &[String], form: &AnswerForm) -> AppResult<()> {
    let mut typed = typed_answer(form);
    typed.push(("chosen".to_owned(), chosen.join(",")));
    let mut chosen_refs = Vec::new();
    for raw in chosen {
        let reference = InputRef::parse(raw).ok_or(AppError::NotFound)?;
        if !chosen_refs.contains(&reference) {
            chosen_refs.push(reference);
        }
    }
    let (answer, mut errors) = match check(leading, form).await? {
        Ok(answer) => (Some(answer), Vec::new()),
        Err(errors) => (None, errors),
    };
    if chosen_refs.is_empty() {
        errors.insert(0, FieldError::new("chosen", Problem::NothingChosen));
    }
    let answer = match answer {
        Some(answer) if errors.is_empty() => answer,
        _ => return Err(AppError::validation_of(errors, typed)),
    };
    let answering = leading.answering()?;
    let scope = Scope::of(leading.db(), leading.trajectory.row.id).await?;
    let answerable = these(leading.db(), &scope, &chosen_refs).await?;
    let txn = begin_write(leading.db()).await.map_err(internal)?;
    answers::give(&txn, &answerable, &chosen_refs, &answer, &answering).await?;
    txn.commit().await.map_err(internal)
}

/// One answer with the inputs it covers, to revise it.
pub async fn answer_page(leading: &Leading, answer: i32) -> AppResult<AnswerPage> {
    let trajectory = leading.trajectory.row.id;
    let (row, refs) = answers::find(leading.db(), trajectory, answer).await?.ok_or(AppError::NotFound)?;
    let scope = Scope::of(leading.db(), trajectory).await?;
    let inputs = these(leading.db(), &scope, &refs).await?;
    let inputs: Vec<_> = inputs.iter().collect();
    Ok(AnswerPage {
        municipality_slug: leading.editing.municipality.slug.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        answer: answer_view(&row, inputs.len() as u64),
        rows: leading.rows(&scope, &inputs).await?,
        fixed_items: leading.fixed_items(),
        trajectories: leading.other_trajectories().await?,
    })
}

/// Changes an answer (disposition, reason, group title) for every input it covers.
#[tracing::instrument(skip_all, fields(answer = answer))]
pub async fn revise_answer(leading: &Leading, answer: i32, form: &AnswerForm) -> AppResult<()> {
    answers::find(leading.db(), leading.trajectory.row.id, answer).await?.ok_or(AppError::NotFound)?;
    let checked = check(leading, form).await?.map_err(|errors| AppError::validation_of(errors, typed_answer(form)))?;
    answers::revise(leading.db(), answer, &checked, &leading.answering()?).await
}

/// Takes one input out of a group: it has no answer again. Whether the answer still covers
/// other inputs.
#[tracing::instrument(skip_all, fields(answer = answer))]
pub async fn take_out_of_answer(leading: &Leading, answer: i32, input: &str) -> AppResult<bool> {
    let trajectory = leading.trajectory.row.id;
    let reference = InputRef::parse(input).ok_or(AppError::NotFound)?;
    let (_, refs) = answers::find(leading.db(), trajectory, answer).await?.ok_or(AppError::NotFound)?;
    if !refs.contains(&reference) {
        return Err(AppError::NotFound);
    }
    answers::take_out(leading.db(), trajectory, answer, reference).await?;
    Ok(refs.len() > 1)
}

/// The answer form checked against the card's fixed items and the trajectories one can forward to.
async fn check(
    leading: &Leading,
    form: &AnswerForm,
) -> AppResult<Result<crate::domain::reports::Answer, Vec<FieldError>>> {
    let trajectories: Vec<i32> = leading.other_trajectories().await?.into_iter().map(|(id, _)| id).collect();
    Ok(check_answer(form, leading.fixed_items().len(), &trajectories).map_err(|checks| checks.into_errors()))
}

/// What was typed in the answer form, handed back with a refusal.
fn typed_answer(form: &AnswerForm) -> Vec<(String, String)> {
    crate::model::typed::Typed::new()
        .field("disposition", &form.disposition)
        .field("reason", &form.reason)
        .field("fixed_item", &form.fixed_item)
        .field("forwarded_to", &form.forwarded_to)
        .field("forwarded_trajectory", &form.forwarded_trajectory)
        .field("group_title", &form.group_title)
        .done()
}
