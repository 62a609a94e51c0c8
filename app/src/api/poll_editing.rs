//! Putting a poll in a trajectory phase: a project lead writes the questions, sets when voting
//! opens and closes (Dutch clock), when results are shown, whether the ballot is secret or may be
//! changed, and whom the poll is for beyond the rules of play.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
pub use crate::model::poll_editing::*;
use leptos::prelude::*;
use std::collections::HashMap;

#[server(endpoint = "get_poll_editor")]
pub async fn get_poll_editor(municipality: String, trajectory: i32) -> Result<PollEditor, AppError> {
    let editing = crate::server::trajectories::editing(&municipality).await?;
    let loaded = editing.trajectory(trajectory).await?;
    support::editor(&editing, &loaded).await
}

/// A stored poll in the editor, with what the editor offers.
#[server(endpoint = "get_poll_for_editing")]
pub async fn get_poll_for_editing(municipality: String, id: i32) -> Result<(PollEditor, PollInitial), AppError> {
    use crate::server::{clock, polls};
    let editing = crate::server::trajectories::editing(&municipality).await?;
    let db = &editing.signed_in.state.db;
    let found = polls::find(db, editing.municipality_id, id).await?.ok_or_else(polls::not_found)?;
    let editor = support::editor(&editing, &found.trajectory).await?;
    let phase_ids = support::phase_ids(db, &found.trajectory).await?;
    let (opens, closes) = (clock::local_time(found.poll.opens_at), clock::local_time(found.poll.closes_at));
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
        min_age: found.poll.min_age.map(|a| a.to_string()).unwrap_or_default(),
        max_age: found.poll.max_age.map(|a| a.to_string()).unwrap_or_default(),
        panel: found.poll.panel_id.map(|p| p.to_string()).unwrap_or_default(),
        questions: found
            .questions
            .iter()
            .map(|row| QuestionInitial {
                prompt: row.question.prompt.clone(),
                kind: row.question.kind.clone(),
                options: row.options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>().join("\n"),
                max: row.question.max_choices.or(row.question.scale_max).map(|m| m.to_string()).unwrap_or_default(),
                required: row.question.required,
            })
            .collect(),
        has_votes: polls::has_votes(db, id).await?,
    };
    Ok((editor, initial))
}

#[cfg(feature = "ssr")]
mod support {
    use super::*;
    use crate::domain::consultations::{ACTIVITY_TITLE_MAX, INTRO_MAX};
    use crate::domain::polls::{check_moments, check_questions, QuestionInput, ResultsShown};
    use crate::domain::rules_of_play::{parse_eligibility, Eligibility, EligibilityInput};
    use crate::domain::tenancy::AreaId;
    use crate::domain::trajectories::{optional_text, parse_date, required_text};
    use crate::domain::validation::{Checks, Problem};
    use crate::server::context;
    use crate::server::polls::NewPoll;
    use crate::server::trajectories::Loaded;

    /// What the editor offers for this trajectory: its phases, the municipality's areas and panels.
    pub async fn editor(
        editing: &crate::server::trajectories::Editing,
        loaded: &Loaded,
    ) -> Result<PollEditor, AppError> {
        let panels = crate::server::panels::list(&editing.signed_in.state.db, editing.municipality_id).await?;
        Ok(PollEditor {
            municipality_slug: editing.municipality.slug.clone(),
            trajectory_id: loaded.row.id,
            trajectory_title: loaded.row.title.clone(),
            phases: loaded
                .phases
                .iter()
                .map(|p| PhaseChoice { name: p.name.clone(), starts_on: p.starts_on, ends_on: p.ends_on })
                .collect(),
            areas: editing.municipality.areas.clone(),
            panels: panels.into_iter().map(|p| (p.id, p.name)).collect(),
        })
    }

    /// The stored ids of the trajectory's phases, in order (the form names a phase by position).
    pub async fn phase_ids(db: &impl sea_orm::ConnectionTrait, loaded: &Loaded) -> Result<Vec<i32>, AppError> {
        crate::server::trajectories::phase_ids(db, loaded.row.id).await
    }

    pub struct Form {
        pub title: String,
        pub intro: String,
        pub phase: String,
        pub opens_on: String,
        pub opens_time: String,
        pub closes_on: String,
        pub closes_time: String,
        pub results: String,
        pub secret: String,
        pub changeable: String,
        pub eligibility: String,
        pub eligible_areas: Vec<i32>,
        pub eligible_min_age: String,
        pub eligible_max_age: String,
        pub eligible_panel: String,
        pub question_prompt: Vec<String>,
        pub question_kind: Vec<String>,
        pub question_options: Vec<String>,
        pub question_max: Vec<String>,
        pub question_required: HashMap<String, String>,
    }

    fn ticked(raw: &str) -> bool {
        matches!(raw, "on" | "true")
    }

    fn moment(day: &str, time: &str) -> Result<chrono::DateTime<chrono::Utc>, Problem> {
        let day = parse_date(day)?;
        let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| Problem::DateInvalid)?;
        crate::server::clock::from_dutch_clock(day, time)
    }

    impl Form {
        pub fn typed(&self) -> Vec<(String, String)> {
            let mut typed: Vec<(String, String)> = [
                ("title", &self.title),
                ("intro", &self.intro),
                ("phase", &self.phase),
                ("opens_on", &self.opens_on),
                ("opens_time", &self.opens_time),
                ("closes_on", &self.closes_on),
                ("closes_time", &self.closes_time),
                ("results", &self.results),
                ("secret", &self.secret),
                ("changeable", &self.changeable),
                ("eligibility", &self.eligibility),
                ("eligible_min_age", &self.eligible_min_age),
                ("eligible_max_age", &self.eligible_max_age),
                ("eligible_panel", &self.eligible_panel),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .collect();
            let areas: Vec<String> = self.eligible_areas.iter().map(i32::to_string).collect();
            typed.push(("eligible_areas".to_owned(), areas.join(",")));
            for (field, values) in [
                ("question_prompt", &self.question_prompt),
                ("question_kind", &self.question_kind),
                ("question_options", &self.question_options),
                ("question_max", &self.question_max),
            ] {
                typed.extend(values.iter().enumerate().map(|(i, v)| (format!("{field}[{i}]"), v.clone())));
            }
            typed.extend(self.question_required.iter().map(|(i, v)| (format!("question_required[{i}]"), v.clone())));
            typed
        }

        /// Checks the whole form; `panels` are the municipality's (id, name).
        pub fn check(
            &self,
            phase_ids: &[i32],
            areas: &[AreaId],
            panels: &[(i32, String)],
        ) -> Result<NewPoll, AppError> {
            let mut checks = Checks::new();
            let title = checks.field("title", required_text(&self.title, ACTIVITY_TITLE_MAX));
            let intro = checks.field("intro", optional_text(&self.intro, INTRO_MAX));
            let phase_id = checks.field(
                "phase",
                self.phase
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|p| phase_ids.get(p).copied())
                    .ok_or(Problem::ChoiceInvalid),
            );
            let moments = check_moments(
                &mut checks,
                (&self.opens_on, &self.opens_time),
                (&self.closes_on, &self.closes_time),
                moment,
            );
            let results =
                checks.field("results", ResultsShown::parse(self.results.trim()).ok_or(Problem::ChoiceInvalid));
            let (secret, changeable) = (ticked(&self.secret), ticked(&self.changeable));
            if secret && changeable {
                checks.add("changeable", Problem::SecretCannotChange);
            }
            let panel = match self.eligibility.trim() {
                "panel" => {
                    let chosen =
                        self.eligible_panel.trim().parse::<i32>().ok().and_then(|id| panels.iter().find(|p| p.0 == id));
                    if chosen.is_none() {
                        checks.add("eligible_panel", Problem::ChoiceInvalid);
                    }
                    chosen.cloned()
                }
                _ => None,
            };
            let kind = match (self.eligibility.trim(), &panel) {
                ("everyone", _) | ("panel", None) => "",
                (kind, _) => kind,
            };
            let narrowing = parse_eligibility(
                &mut checks,
                &EligibilityInput {
                    kind,
                    areas: &self.eligible_areas,
                    min_age: &self.eligible_min_age,
                    max_age: &self.eligible_max_age,
                    panel: panel.as_ref().map(|p| p.1.as_str()).unwrap_or_default(),
                },
                areas,
            );
            let rows = self.question_prompt.len().max(self.question_options.len());
            let inputs: Vec<QuestionInput> = (0..rows)
                .map(|i| QuestionInput {
                    prompt: self.question_prompt.get(i).cloned().unwrap_or_default(),
                    kind: self.question_kind.get(i).cloned().unwrap_or_default(),
                    options: self.question_options.get(i).cloned().unwrap_or_default(),
                    max: self.question_max.get(i).cloned().unwrap_or_default(),
                    required: self.question_required.get(&i.to_string()).is_some_and(|v| ticked(v)),
                })
                .collect();
            let questions = check_questions(&mut checks, &inputs);
            // One open question: its answers become input the report answers one by one.
            let open_rows: Vec<usize> = inputs
                .iter()
                .enumerate()
                .filter(|(_, q)| q.kind.trim() == "open" && !q.prompt.trim().is_empty())
                .map(|(i, _)| i)
                .collect();
            if let Some(second) = open_rows.get(1) {
                checks.add(&format!("question_kind[{second}]"), Problem::TooMany { max: 1 });
            }
            match (title, intro, phase_id, moments, results) {
                (Some(title), Some(intro), Some(phase_id), Some((opens_at, closes_at)), Some(results))
                    if checks.is_empty() =>
                {
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
                        panel_id: panel.map(|p| p.0),
                        questions,
                    })
                }
                _ => Err(context::answer_with(AppError::validation_of(checks.into_errors(), self.typed()))),
            }
        }
    }
}

/// Adds a poll to a phase (`phase` is the phase's position, 0-based) of a trajectory.
#[server(endpoint = "create_poll")]
pub async fn create_poll(
    municipality: String,
    trajectory: i32,
    title: String,
    #[server(default)] intro: String,
    #[server(default)] phase: String,
    #[server(default)] opens_on: String,
    #[server(default)] opens_time: String,
    #[server(default)] closes_on: String,
    #[server(default)] closes_time: String,
    #[server(default)] results: String,
    #[server(default)] secret: String,
    #[server(default)] changeable: String,
    #[server(default)] eligibility: String,
    #[server(default)] eligible_areas: Vec<i32>,
    #[server(default)] eligible_min_age: String,
    #[server(default)] eligible_max_age: String,
    #[server(default)] eligible_panel: String,
    #[server(default)] question_prompt: Vec<String>,
    #[server(default)] question_kind: Vec<String>,
    #[server(default)] question_options: Vec<String>,
    #[server(default)] question_max: Vec<String>,
    #[server(default)] question_required: HashMap<String, String>,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::server::trajectories::editing;
    use crate::domain::trajectories::Status;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::submission::{self, Claim, Submit};
    use crate::server::{context, panels, polls};

    let editing = editing(&municipality).await?;
    let loaded = editing.trajectory(trajectory).await?;
    if matches!(loaded.status, Status::Archived | Status::Closed) {
        return Err(context::answer_with(AppError::Conflict));
    }
    let state = &editing.signed_in.state;
    let phase_ids = support::phase_ids(&state.db, &loaded).await?;
    let panels: Vec<(i32, String)> =
        panels::list(&state.db, editing.municipality_id).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let form = support::Form {
        title,
        intro,
        phase,
        opens_on,
        opens_time,
        closes_on,
        closes_time,
        results,
        secret,
        changeable,
        eligibility,
        eligible_areas,
        eligible_min_age,
        eligible_max_age,
        eligible_panel,
        question_prompt,
        question_kind,
        question_options,
        question_max,
        question_required,
    };
    let new = form.check(&phase_ids, &editing.area_ids(), &panels)?;
    let target = format!("create_poll:{}", loaded.row.id);
    let submit = Submit::verified(&state.settings.form_key, editing.signed_in.account.id, &submission_token, &target)
        .ok_or_else(|| submission::expired("title", form.typed()))?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let id = polls::insert(&txn, loaded.row.id, &new, editing.signed_in.account.id).await?;
    if let Claim::Repeat { made } = submit.claim(&txn, id).await? {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("/{}/peilingen/{made}", editing.municipality.slug));
        return Ok(made);
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "create_poll",
            details: format!("poll {id} \"{}\" added to trajectory {}", new.title, loaded.row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/{}/peilingen/{id}", editing.municipality.slug));
    Ok(id)
}

/// Changes a poll nobody voted in yet; once votes are counted its questions and rules stay as
/// they were voted on (refused with `PollHasVotes`).
#[server(endpoint = "update_poll")]
pub async fn update_poll(
    municipality: String,
    id: i32,
    title: String,
    #[server(default)] intro: String,
    #[server(default)] phase: String,
    #[server(default)] opens_on: String,
    #[server(default)] opens_time: String,
    #[server(default)] closes_on: String,
    #[server(default)] closes_time: String,
    #[server(default)] results: String,
    #[server(default)] secret: String,
    #[server(default)] changeable: String,
    #[server(default)] eligibility: String,
    #[server(default)] eligible_areas: Vec<i32>,
    #[server(default)] eligible_min_age: String,
    #[server(default)] eligible_max_age: String,
    #[server(default)] eligible_panel: String,
    #[server(default)] question_prompt: Vec<String>,
    #[server(default)] question_kind: Vec<String>,
    #[server(default)] question_options: Vec<String>,
    #[server(default)] question_max: Vec<String>,
    #[server(default)] question_required: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::server::trajectories::editing;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, panels, polls};

    let editing = editing(&municipality).await?;
    let state = &editing.signed_in.state;
    let found = polls::find(&state.db, editing.municipality_id, id).await?.ok_or_else(polls::not_found)?;
    let phase_ids = support::phase_ids(&state.db, &found.trajectory).await?;
    let panels: Vec<(i32, String)> =
        panels::list(&state.db, editing.municipality_id).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let form = support::Form {
        title,
        intro,
        phase,
        opens_on,
        opens_time,
        closes_on,
        closes_time,
        results,
        secret,
        changeable,
        eligibility,
        eligible_areas,
        eligible_min_age,
        eligible_max_age,
        eligible_panel,
        question_prompt,
        question_kind,
        question_options,
        question_max,
        question_required,
    };
    let new = form.check(&phase_ids, &editing.area_ids(), &panels)?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    if polls::has_votes(&txn, id).await? {
        txn.rollback().await.map_err(context::internal)?;
        return Err(context::answer_with(AppError::validation_of(
            vec![FieldError::new("poll", Problem::PollHasVotes)],
            form.typed(),
        )));
    }
    polls::update(&txn, id, &new).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "update_poll",
            details: format!("poll {id} \"{}\" changed before any vote", new.title),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/{}/peilingen/{id}?opgeslagen=1", editing.municipality.slug));
    Ok(())
}
