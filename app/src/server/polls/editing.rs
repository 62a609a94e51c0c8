//! Putting a poll in a trajectory phase and changing it before anyone voted: the editor's
//! choices, the form checked as a whole, and the two writes.

use super::{find, has_votes, insert, not_found, update, NewPoll};
use crate::domain::consultations::{ACTIVITY_TITLE_MAX, INTRO_MAX};
use crate::domain::polls::{check_moments, check_questions, QuestionInput, ResultsShown};
use crate::domain::rules_of_play::{parse_eligibility, Eligibility, EligibilityInput};
use crate::domain::tenancy::AreaId;
use crate::domain::trajectories::{optional_text, parse_date, required_text, Status};
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::poll_editing::{PhaseChoice, PollEditor, PollForm, PollInitial, QuestionInitial};
use crate::model::typed::{cell, numbers};
use crate::server::clock;
use crate::server::context::internal;
use crate::server::trajectories::{phase_ids, Editing, Loaded};
use crate::server::writes::begin_write;

/// What the editor offers for this trajectory: its phases, the municipality's areas and panels.
pub async fn poll_editor(editing: &Editing, loaded: &Loaded) -> AppResult<PollEditor> {
    let phases = loaded.phases.iter();
    Ok(PollEditor {
        municipality_slug: editing.municipality.slug.clone(),
        trajectory_id: loaded.row.id,
        trajectory_title: loaded.row.title.clone(),
        phases: phases
            .map(|p| PhaseChoice { name: p.name.clone(), starts_on: p.starts_on, ends_on: p.ends_on })
            .collect(),
        areas: editing.municipality.areas.clone(),
        panels: editing.panels().await?,
    })
}

/// A stored poll as the editor shows it, with what the editor offers.
pub async fn poll_for_editing(editing: &Editing, id: i32) -> AppResult<(PollEditor, PollInitial)> {
    let db = &editing.signed_in.state.db;
    let found = find(db, editing.municipality_id, id).await?.ok_or_else(not_found)?;
    let editor = poll_editor(editing, &found.trajectory).await?;
    let phase_ids = phase_ids(db, found.trajectory.row.id).await?;
    let (opens, closes) = (clock::local_time(found.poll.opens_at), clock::local_time(found.poll.closes_at));
    let number = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
    let questions = found.questions.iter().map(|row| QuestionInitial {
        prompt: row.question.prompt.clone(),
        kind: row.question.kind.clone(),
        options: row.options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>().join("\n"),
        max: number(row.question.max_choices.or(row.question.scale_max)),
        required: row.question.required,
    });
    let initial = PollInitial {
        id,
        title: found.activity.title.clone(),
        intro: found.activity.intro.clone(),
        phase: phase_ids.iter().position(|p| *p == found.phase.id).unwrap_or(0),
        opens_on: opens.format("%Y-%m-%d").to_string(),
        opens_time: opens.format("%H:%M").to_string(),
        closes_on: closes.format("%Y-%m-%d").to_string(),
        closes_time: closes.format("%H:%M").to_string(),
        results: found.poll.results.clone(),
        secret: found.poll.secret,
        changeable: found.poll.changeable,
        eligibility: found.poll.eligibility.clone().unwrap_or_default(),
        areas: found.areas.iter().map(i32::to_string).collect(),
        min_age: number(found.poll.min_age),
        max_age: number(found.poll.max_age),
        panel: number(found.poll.panel_id),
        questions: questions.collect(),
        has_votes: has_votes(db, id).await?,
    };
    Ok((editor, initial))
}

/// Adds a poll to a phase of a trajectory that is not closed or archived; the poll's id (the one
/// made before, when the same form is sent twice).
#[tracing::instrument(skip_all, fields(trajectory = trajectory))]
pub async fn create_poll(
    editing: &Editing,
    trajectory: i32,
    form: &PollForm,
    submission_token: &str,
) -> AppResult<i32> {
    let loaded = editing.trajectory(trajectory).await?;
    if matches!(loaded.status, Status::Archived | Status::Closed) {
        return Err(AppError::Conflict);
    }
    let state = &editing.signed_in.state;
    let phase_ids = phase_ids(&state.db, loaded.row.id).await?;
    let new = check(form, &phase_ids, &editing.area_ids(), &editing.panels().await?)?;
    let trajectory = loaded.row.id;
    editing
        .make_once(
            "create_poll",
            trajectory,
            submission_token,
            || form.typed(),
            async |txn, made| {
                let id = insert(txn, trajectory, &new, made.by, made.at).await?;
                Ok((id, format!("poll {id} \"{}\" added to trajectory {trajectory}", new.title)))
            },
        )
        .await
}

/// Changes a poll nobody voted in yet; once votes are counted its questions and rules stay as
/// they were voted on (refused with `PollHasVotes`).
#[tracing::instrument(skip_all, fields(poll = id))]
pub async fn update_poll(editing: &Editing, id: i32, form: &PollForm) -> AppResult<()> {
    let state = &editing.signed_in.state;
    let found = find(&state.db, editing.municipality_id, id).await?.ok_or_else(not_found)?;
    let phase_ids = phase_ids(&state.db, found.trajectory.row.id).await?;
    let new = check(form, &phase_ids, &editing.area_ids(), &editing.panels().await?)?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    if has_votes(&txn, id).await? {
        txn.rollback().await.map_err(internal)?;
        return Err(AppError::refused("poll", Problem::PollHasVotes).refilled(form.typed()));
    }
    update(&txn, id, &new, state.clock.now()).await?;
    editing.audit(&txn, "update_poll", format!("poll {id} \"{}\" changed before any vote", new.title)).await?;
    txn.commit().await.map_err(internal)
}

fn ticked(raw: &str) -> bool {
    matches!(raw, "on" | "true")
}

fn moment(day: &str, time: &str) -> Result<chrono::DateTime<chrono::Utc>, Problem> {
    let day = parse_date(day)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| Problem::DateInvalid)?;
    clock::from_dutch_clock(day, time)
}

/// The whole form checked; `panels` are the municipality's (id, name). A refusal carries
/// everything typed.
fn check(form: &PollForm, phase_ids: &[i32], areas: &[AreaId], panels: &[(i32, String)]) -> AppResult<NewPoll> {
    let mut checks = Checks::new();
    let title = checks.field("title", required_text(&form.title, ACTIVITY_TITLE_MAX));
    let intro = checks.field("intro", optional_text(&form.intro, INTRO_MAX));
    let chosen_phase = form.phase.trim().parse::<usize>().ok().and_then(|p| phase_ids.get(p).copied());
    let phase_id = checks.field("phase", chosen_phase.ok_or(Problem::ChoiceInvalid));
    let moments =
        check_moments(&mut checks, (&form.opens_on, &form.opens_time), (&form.closes_on, &form.closes_time), moment);
    let results = checks.field("results", ResultsShown::parse(form.results.trim()).ok_or(Problem::ChoiceInvalid));
    let (secret, changeable) = (ticked(&form.secret), ticked(&form.changeable));
    if secret && changeable {
        checks.add("changeable", Problem::SecretCannotChange);
    }
    let (narrowing, panel) = check_eligibility(&mut checks, form, areas, panels);
    let questions = check_question_rows(&mut checks, form);
    match (title, intro, phase_id, moments, results) {
        (Some(title), Some(intro), Some(phase_id), Some((opens_at, closes_at)), Some(results)) if checks.is_empty() => {
            Ok(NewPoll {
                title,
                intro,
                phase_id,
                opens_at,
                closes_at,
                results,
                secret,
                changeable,
                narrowing: narrowing.filter(|n| *n != Eligibility::Everyone),
                panel_id: panel,
                questions,
            })
        }
        _ => Err(AppError::validation_of(checks.into_errors(), form.typed())),
    }
}

/// Whom the poll is for beyond the rules of play; a panel must be one of the municipality's.
fn check_eligibility(
    checks: &mut Checks,
    form: &PollForm,
    areas: &[AreaId],
    panels: &[(i32, String)],
) -> (Option<Eligibility>, Option<i32>) {
    let panel = match form.eligibility.trim() {
        "panel" => {
            let chosen =
                form.eligible_panel.trim().parse::<i32>().ok().and_then(|id| panels.iter().find(|p| p.0 == id));
            if chosen.is_none() {
                checks.add("eligible_panel", Problem::ChoiceInvalid);
            }
            chosen
        }
        _ => None,
    };
    let kind = match (form.eligibility.trim(), panel) {
        ("everyone", _) | ("panel", None) => "",
        (kind, _) => kind,
    };
    let eligible_areas = numbers(&form.eligible_areas).unwrap_or_else(|| {
        checks.add("eligible_areas", Problem::UnknownArea);
        Vec::new()
    });
    let input = EligibilityInput {
        kind,
        areas: &eligible_areas,
        min_age: &form.eligible_min_age,
        max_age: &form.eligible_max_age,
        panel: panel.map(|p| p.1.as_str()).unwrap_or_default(),
    };
    (parse_eligibility(checks, &input, areas), panel.map(|p| p.0))
}

/// The question rows, checked; at most one open question, whose answers become input the report
/// answers one by one.
fn check_question_rows(checks: &mut Checks, form: &PollForm) -> Vec<crate::domain::polls::QuestionDraft> {
    let rows = form.question_prompt.len().max(form.question_options.len());
    let inputs: Vec<QuestionInput> = (0..rows)
        .map(|i| QuestionInput {
            prompt: cell(&form.question_prompt, i),
            kind: cell(&form.question_kind, i),
            options: cell(&form.question_options, i),
            max: cell(&form.question_max, i),
            required: form.required(i),
        })
        .collect();
    let questions = check_questions(checks, &inputs);
    let mut open_rows =
        inputs.iter().enumerate().filter(|(_, q)| q.kind.trim() == "open" && !q.prompt.trim().is_empty());
    if let Some((second, _)) = open_rows.nth(1) {
        checks.add(&format!("question_kind[{second}]"), Problem::TooMany { max: 1 });
    }
    questions
}
