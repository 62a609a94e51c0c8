//! Running a trajectory: create and edit it, draft its rules of play, publish it once the card is
//! complete, and change the card of a published trajectory only through a new, dated version with
//! a reason. Only project leads and administrators of the trajectory's own municipality may.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use crate::domain::accounts::Email;
    use crate::domain::roles::can_manage_trajectories;
    use crate::domain::rules_of_play::{check_dates, parse_rules, RulesInput, RulesOfPlay, REASON_MAX};
    use crate::domain::tenancy::{AreaId, MunicipalityId};
    use crate::domain::trajectories::{
        check_phases, optional_text, required_text, PhaseInput, Theme, TrajectoryId, BODY_MAX, SUMMARY_MAX, TITLE_MAX,
    };
    use crate::domain::validation::{Checks, Problem};
    use crate::error::AppError;
    use crate::server::context::{self, SignedIn};
    use crate::server::trajectories::{self, Details, Loaded};

    /// The signed-in lead, the municipality and (when an id is given) the trajectory, or the
    /// reason they may not go on.
    pub struct Editing {
        pub signed_in: SignedIn,
        pub municipality: crate::api::tenancy::MunicipalityDetail,
        pub municipality_id: MunicipalityId,
    }

    pub async fn editing(municipality: &str) -> Result<Editing, AppError> {
        let signed_in = context::signed_in().await?;
        let found = context::municipality_named(&signed_in.state, municipality).await?;
        let municipality_id = MunicipalityId(found.id);
        if !can_manage_trajectories(&signed_in.actor, municipality_id) {
            return Err(context::answer_with(AppError::Forbidden));
        }
        Ok(Editing { signed_in, municipality: found, municipality_id })
    }

    impl Editing {
        pub async fn trajectory(&self, id: i32) -> Result<Loaded, AppError> {
            trajectories::find(&self.signed_in.state.db, self.municipality_id, TrajectoryId(id))
                .await?
                .ok_or_else(|| context::answer_with(AppError::NotFound))
        }

        /// The names of the municipality's panels, which the rules of play can name.
        pub async fn panel_names(&self) -> Result<Vec<String>, AppError> {
            Ok(crate::server::panels::list(&self.signed_in.state.db, self.municipality_id)
                .await?
                .into_iter()
                .map(|p| p.name)
                .collect())
        }

        pub fn area_ids(&self) -> Vec<AreaId> {
            self.municipality.areas.iter().map(|a| AreaId(a.id)).collect()
        }
    }

    pub struct DetailsForm {
        pub title: String,
        pub summary: String,
        pub body: String,
        pub contact_name: String,
        pub contact_email: String,
        pub contact_phone: String,
        pub areas: Vec<i32>,
        pub themes: Vec<String>,
        pub phase_name: Vec<String>,
        pub phase_starts_on: Vec<String>,
        pub phase_ends_on: Vec<String>,
    }

    impl DetailsForm {
        /// Everything typed, to show again after an error.
        pub fn typed(&self) -> Vec<(String, String)> {
            let mut typed = vec![
                ("title".to_owned(), self.title.clone()),
                ("summary".to_owned(), self.summary.clone()),
                ("body".to_owned(), self.body.clone()),
                ("contact_name".to_owned(), self.contact_name.clone()),
                ("contact_email".to_owned(), self.contact_email.clone()),
                ("contact_phone".to_owned(), self.contact_phone.clone()),
            ];
            for (field, values) in [
                ("phase_name", &self.phase_name),
                ("phase_starts_on", &self.phase_starts_on),
                ("phase_ends_on", &self.phase_ends_on),
            ] {
                for (i, value) in values.iter().enumerate() {
                    typed.push((format!("{field}[{i}]"), value.clone()));
                }
            }
            typed.push(("areas".to_owned(), join(&self.areas)));
            typed.push(("themes".to_owned(), self.themes.join(",")));
            typed
        }

        pub fn check(&self, known_areas: &[AreaId]) -> Result<Details, AppError> {
            let mut checks = Checks::new();
            let title = checks.field("title", required_text(&self.title, TITLE_MAX));
            let summary = checks.field("summary", required_text(&self.summary, SUMMARY_MAX));
            let body = checks.field("body", optional_text(&self.body, BODY_MAX));
            let contact_name = checks.field("contact_name", required_text(&self.contact_name, 120));
            let contact_email = checks.field("contact_email", Email::parse(&self.contact_email));
            let contact_phone = checks.field("contact_phone", optional_text(&self.contact_phone, 40));
            let areas: Vec<AreaId> = self.areas.iter().map(|&id| AreaId(id)).collect();
            if areas.iter().any(|a| !known_areas.contains(a)) {
                checks.add("areas", Problem::UnknownArea);
            }
            let themes: Vec<Theme> = self.themes.iter().filter_map(|t| Theme::parse(t)).collect();
            if themes.len() != self.themes.len() {
                checks.add("themes", Problem::ChoiceInvalid);
            }
            let rows = self.phase_name.len().max(self.phase_starts_on.len()).max(self.phase_ends_on.len());
            let phase_inputs: Vec<PhaseInput> = (0..rows)
                .map(|i| PhaseInput {
                    name: self.phase_name.get(i).cloned().unwrap_or_default(),
                    starts_on: self.phase_starts_on.get(i).cloned().unwrap_or_default(),
                    ends_on: self.phase_ends_on.get(i).cloned().unwrap_or_default(),
                })
                .collect();
            let phases = check_phases(&mut checks, &phase_inputs);
            match (title, summary, body, contact_name, contact_email, contact_phone) {
                (
                    Some(title),
                    Some(summary),
                    Some(body),
                    Some(contact_name),
                    Some(contact_email),
                    Some(contact_phone),
                ) if checks.is_empty() => {
                    let mut areas = areas;
                    areas.sort();
                    areas.dedup();
                    let mut themes = themes;
                    themes.sort();
                    themes.dedup();
                    Ok(Details {
                        title,
                        summary,
                        body,
                        contact_name,
                        contact_email: contact_email.as_str().to_owned(),
                        contact_phone,
                        areas,
                        themes,
                        phases,
                    })
                }
                _ => Err(context::answer_with(AppError::validation_of(checks.into_errors(), self.typed()))),
            }
        }
    }

    fn join(ids: &[i32]) -> String {
        ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
    }

    pub struct RulesForm {
        pub input: RulesInput,
        /// Why the card changes: required for a new version, absent for a draft.
        pub change_reason: Option<String>,
    }

    impl RulesForm {
        pub fn typed(&self) -> Vec<(String, String)> {
            let i = &self.input;
            let mut typed: Vec<(String, String)> = [
                ("level", &i.level),
                ("municipality_role", &i.municipality_role),
                ("open_for_input", &i.open_for_input),
                ("decision_maker", &i.decision_maker),
                ("decision_date", &i.decision_date),
                ("weighing", &i.weighing),
                ("eligibility", &i.eligibility),
                ("eligible_min_age", &i.eligible_min_age),
                ("eligible_max_age", &i.eligible_max_age),
                ("eligible_panel", &i.eligible_panel),
                ("report_date", &i.report_date),
                ("personal_data", &i.personal_data),
                ("retention_months", &i.retention_months),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .collect();
            for (n, (what, why)) in i.fixed_items.iter().enumerate() {
                typed.push((format!("fixed_what[{n}]"), what.clone()));
                typed.push((format!("fixed_why[{n}]"), why.clone()));
            }
            typed.push(("eligible_areas".to_owned(), join(&i.eligible_areas)));
            if let Some(reason) = &self.change_reason {
                typed.push(("change_reason".to_owned(), reason.clone()));
            }
            typed
        }

        /// The card as typed, checked field by field and against the phases' dates, with the
        /// reason for a change when there is one.
        /// A panel must be one of the municipality's (`panels`), stored under its own name:
        /// a typing slip would otherwise shut everyone out.
        pub fn check(
            &self,
            known_areas: &[AreaId],
            panels: &[String],
            phases: &[crate::domain::trajectories::Phase],
        ) -> Result<(RulesOfPlay, Option<String>), AppError> {
            use crate::domain::rules_of_play::Eligibility;
            let mut checks = Checks::new();
            let mut rules = parse_rules(&mut checks, &self.input, known_areas);
            if let Some(Eligibility::Panel(typed)) = &rules.eligibility {
                match panels.iter().find(|p| crate::domain::panels::same_name(p, typed)) {
                    Some(name) => rules.eligibility = Some(Eligibility::Panel(name.clone())),
                    None => checks.add("eligible_panel", crate::domain::validation::Problem::UnknownPanel),
                }
            }
            check_dates(&mut checks, &rules, phases);
            let reason = self
                .change_reason
                .as_deref()
                .and_then(|reason| checks.field("change_reason", required_text(reason, REASON_MAX)));
            if checks.is_empty() {
                Ok((rules, reason))
            } else {
                Err(self.refused(checks.into_errors()))
            }
        }

        /// A refusal that puts everything typed back.
        pub fn refused(&self, errors: Vec<crate::domain::validation::FieldError>) -> AppError {
            context::answer_with(AppError::validation_of(errors, self.typed()))
        }
    }

    pub fn rules_input(
        level: String,
        municipality_role: String,
        open_for_input: String,
        fixed_what: Vec<String>,
        fixed_why: Vec<String>,
        decision_maker: String,
        decision_date: String,
        weighing: String,
        eligibility: String,
        eligible_areas: Vec<i32>,
        eligible_min_age: String,
        eligible_max_age: String,
        eligible_panel: String,
        report_date: String,
        personal_data: String,
        retention_months: String,
        change_reason: Option<String>,
    ) -> RulesForm {
        let rows = fixed_what.len().max(fixed_why.len());
        let fixed_items = (0..rows)
            .map(|i| (fixed_what.get(i).cloned().unwrap_or_default(), fixed_why.get(i).cloned().unwrap_or_default()))
            .collect();
        RulesForm {
            input: RulesInput {
                level,
                municipality_role,
                open_for_input,
                fixed_items,
                decision_maker,
                decision_date,
                weighing,
                eligibility,
                eligible_areas,
                eligible_min_age,
                eligible_max_age,
                eligible_panel,
                report_date,
                personal_data,
                retention_months,
            },
            change_reason,
        }
    }

    pub fn editor_path(municipality: &str, id: i32) -> String {
        format!("/{municipality}/trajecten/{id}/bewerken")
    }
}

/// Opens a new trajectory as a draft, with an empty rules-of-play card to fill in next.
#[server(endpoint = "create_trajectory")]
pub async fn create_trajectory(
    municipality: String,
    title: String,
    summary: String,
    #[server(default)] body: String,
    contact_name: String,
    contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] areas: Vec<i32>,
    #[server(default)] themes: Vec<String>,
    #[server(default)] phase_name: Vec<String>,
    #[server(default)] phase_starts_on: Vec<String>,
    #[server(default)] phase_ends_on: Vec<String>,
    #[server(default)] submission_token: String,
) -> Result<i32, AppError> {
    use crate::server::audit::{self, AuditEntry};
    use crate::server::submission::{self, Claim, Submit};
    use crate::server::{context, trajectories};

    let editing = support::editing(&municipality).await?;
    let form = support::DetailsForm {
        title,
        summary,
        body,
        contact_name,
        contact_email,
        contact_phone,
        areas,
        themes,
        phase_name,
        phase_starts_on,
        phase_ends_on,
    };
    let details = form.check(&editing.area_ids())?;
    let state = &editing.signed_in.state;
    let target = format!("create_trajectory:{}", editing.municipality.id);
    let submit = Submit::verified(&state.settings.form_key, editing.signed_in.account.id, &submission_token, &target)
        .ok_or_else(|| submission::expired("title", form.typed()))?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let id = trajectories::insert(&txn, editing.municipality_id, &details, editing.signed_in.account.id).await?;
    if let Claim::Repeat { made } = submit.claim(&txn, id.0).await? {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&support::editor_path(&editing.municipality.slug, made));
        return Ok(made);
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "create_trajectory",
            details: format!("trajectory {} \"{}\" created as draft", id.0, details.title),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&support::editor_path(&editing.municipality.slug, id.0));
    Ok(id.0)
}

/// Changes title, texts, contact, areas, themes and phases. Allowed until the trajectory is
/// archived; the rules of play are not touched here.
#[server(endpoint = "update_trajectory")]
pub async fn update_trajectory(
    municipality: String,
    id: i32,
    title: String,
    summary: String,
    #[server(default)] body: String,
    contact_name: String,
    contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] areas: Vec<i32>,
    #[server(default)] themes: Vec<String>,
    #[server(default)] phase_name: Vec<String>,
    #[server(default)] phase_starts_on: Vec<String>,
    #[server(default)] phase_ends_on: Vec<String>,
) -> Result<(), AppError> {
    use crate::domain::trajectories::{Status, TrajectoryId};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, trajectories};

    let editing = support::editing(&municipality).await?;
    let loaded = editing.trajectory(id).await?;
    if loaded.status == Status::Archived {
        return Err(context::answer_with(AppError::Conflict));
    }
    let form = support::DetailsForm {
        title,
        summary,
        body,
        contact_name,
        contact_email,
        contact_phone,
        areas,
        themes,
        phase_name,
        phase_starts_on,
        phase_ends_on,
    };
    let details = form.check(&editing.area_ids())?;
    let state = &editing.signed_in.state;
    let in_use = trajectories::dropped_phases_in_use(&state.db, TrajectoryId(id), &details.phases).await?;
    if !in_use.is_empty() {
        use crate::domain::validation::{FieldError, Problem};
        return Err(context::answer_with(AppError::validation_of(
            vec![FieldError::new("phase_name[0]", Problem::PhaseHasActivity)],
            form.typed(),
        )));
    }
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    trajectories::update_details(&txn, TrajectoryId(id), &details).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "update_trajectory",
            details: format!("trajectory {id} \"{}\" changed", details.title),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=gegevens", support::editor_path(&editing.municipality.slug, id)));
    Ok(())
}

/// Saves the draft rules of play. Incomplete is fine; what is filled in must make sense. Once
/// the trajectory is published this is refused: a change is then a new version (`amend_rules`).
#[server(endpoint = "save_rules")]
pub async fn save_rules(
    municipality: String,
    id: i32,
    #[server(default)] level: String,
    #[server(default)] municipality_role: String,
    #[server(default)] open_for_input: String,
    #[server(default)] fixed_what: Vec<String>,
    #[server(default)] fixed_why: Vec<String>,
    #[server(default)] decision_maker: String,
    #[server(default)] decision_date: String,
    #[server(default)] weighing: String,
    #[server(default)] eligibility: String,
    #[server(default)] eligible_areas: Vec<i32>,
    #[server(default)] eligible_min_age: String,
    #[server(default)] eligible_max_age: String,
    #[server(default)] eligible_panel: String,
    #[server(default)] report_date: String,
    #[server(default)] personal_data: String,
    #[server(default)] retention_months: String,
) -> Result<(), AppError> {
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, trajectories};

    let editing = support::editing(&municipality).await?;
    let loaded = editing.trajectory(id).await?;
    let Some(draft) = loaded.current_rules().filter(|r| r.frozen_at.is_none()) else {
        return Err(context::answer_with(AppError::Conflict));
    };
    let form = support::rules_input(
        level,
        municipality_role,
        open_for_input,
        fixed_what,
        fixed_why,
        decision_maker,
        decision_date,
        weighing,
        eligibility,
        eligible_areas,
        eligible_min_age,
        eligible_max_age,
        eligible_panel,
        report_date,
        personal_data,
        retention_months,
        None,
    );
    let (rules, _) = form.check(&editing.area_ids(), &editing.panel_names().await?, &loaded.phases)?;
    let state = &editing.signed_in.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    trajectories::save_draft_rules(&txn, draft, &rules).await.map_err(context::answer_with)?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "save_rules",
            details: format!("draft rules of play of trajectory {id} saved"),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=spelregels", support::editor_path(&editing.municipality.slug, id)));
    Ok(())
}

/// Publishes a draft whose rules of play are complete, and freezes the card. An incomplete card
/// is refused with every missing part named.
#[server(endpoint = "publish_trajectory")]
pub async fn publish_trajectory(municipality: String, id: i32) -> Result<(), AppError> {
    use crate::domain::rules_of_play::check_dates;
    use crate::domain::trajectories::{Status, TrajectoryId};
    use crate::domain::validation::{Checks, FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, trajectories};

    let editing = support::editing(&municipality).await?;
    let loaded = editing.trajectory(id).await?;
    let draft = loaded.current_rules().filter(|r| r.frozen_at.is_none());
    let (Status::Draft, Some(draft)) = (loaded.status, draft) else {
        return Err(context::answer_with(AppError::Conflict));
    };
    let mut problems: Vec<FieldError> =
        draft.rules.missing().into_iter().map(|f| FieldError::new(f.form_field(), Problem::Required)).collect();
    let mut checks = Checks::new();
    check_dates(&mut checks, &draft.rules, &loaded.phases);
    problems.extend(checks.into_errors());
    if !problems.is_empty() {
        return Err(context::answer_with(AppError::validation(problems, &[])));
    }
    let state = &editing.signed_in.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    trajectories::publish(&txn, TrajectoryId(id), draft).await.map_err(context::answer_with)?;
    crate::server::follows::tell_about_new_trajectory(&txn, &state.settings, &loaded).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "publish_trajectory",
            details: format!("trajectory {id} \"{}\" published with rules of play version 1", loaded.row.title),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    leptos_axum::redirect(&format!("/{}/trajecten/{id}", editing.municipality.slug));
    Ok(())
}

/// Changes the rules of play of a published trajectory: a new version, in force from now, with
/// the reason stated. The earlier versions stay as they were and stay visible.
#[server(endpoint = "amend_rules")]
pub async fn amend_rules(
    municipality: String,
    id: i32,
    #[server(default)] change_reason: String,
    #[server(default)] level: String,
    #[server(default)] municipality_role: String,
    #[server(default)] open_for_input: String,
    #[server(default)] fixed_what: Vec<String>,
    #[server(default)] fixed_why: Vec<String>,
    #[server(default)] decision_maker: String,
    #[server(default)] decision_date: String,
    #[server(default)] weighing: String,
    #[server(default)] eligibility: String,
    #[server(default)] eligible_areas: Vec<i32>,
    #[server(default)] eligible_min_age: String,
    #[server(default)] eligible_max_age: String,
    #[server(default)] eligible_panel: String,
    #[server(default)] report_date: String,
    #[server(default)] personal_data: String,
    #[server(default)] retention_months: String,
) -> Result<(), AppError> {
    use crate::domain::trajectories::{Status, TrajectoryId};
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, trajectories};

    let editing = support::editing(&municipality).await?;
    let loaded = editing.trajectory(id).await?;
    let current = loaded.current_rules().filter(|r| r.frozen_at.is_some());
    let (Status::Published | Status::Closed, Some(current)) = (loaded.status, current) else {
        return Err(context::answer_with(AppError::Conflict));
    };
    let form = support::rules_input(
        level,
        municipality_role,
        open_for_input,
        fixed_what,
        fixed_why,
        decision_maker,
        decision_date,
        weighing,
        eligibility,
        eligible_areas,
        eligible_min_age,
        eligible_max_age,
        eligible_panel,
        report_date,
        personal_data,
        retention_months,
        Some(change_reason),
    );
    let (rules, reason) = form.check(&editing.area_ids(), &editing.panel_names().await?, &loaded.phases)?;
    // A new version must be as complete as the one it replaces.
    let missing: Vec<FieldError> =
        rules.missing().into_iter().map(|f| FieldError::new(f.form_field(), Problem::Required)).collect();
    if !missing.is_empty() {
        return Err(form.refused(missing));
    }
    let reason = reason.unwrap_or_default();
    let next_version = current.version + 1;
    let state = &editing.signed_in.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    trajectories::add_version(&txn, TrajectoryId(id), next_version, &rules, &reason, editing.signed_in.account.id)
        .await
        .map_err(context::answer_with)?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "amend_rules",
            details: format!("rules of play of trajectory {id} changed to version {next_version}: {reason}"),
        },
    )
    .await?;
    crate::server::follows::tell_about_new_rules(&txn, &state.settings, &loaded, next_version, &reason).await?;
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    leptos_axum::redirect(&format!("/{}/trajecten/{id}#spelregels", editing.municipality.slug));
    Ok(())
}

/// Closes a published trajectory early (`to` = closed) or archives a public one (`to` = archived).
#[server(endpoint = "change_trajectory_status")]
pub async fn change_trajectory_status(municipality: String, id: i32, to: String) -> Result<(), AppError> {
    use crate::domain::trajectories::{may_move, Status, TrajectoryId};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, trajectories};

    let editing = support::editing(&municipality).await?;
    let loaded = editing.trajectory(id).await?;
    let Some(to) = Status::parse(&to).filter(|&to| may_move(loaded.status, to)) else {
        return Err(context::answer_with(AppError::Conflict));
    };
    let state = &editing.signed_in.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    trajectories::move_status(&txn, TrajectoryId(id), loaded.status, to).await.map_err(context::answer_with)?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(editing.municipality.id),
            actor: Some(editing.signed_in.account.id),
            action: "change_trajectory_status",
            details: format!("trajectory {id} moved from {} to {}", loaded.status.as_str(), to.as_str()),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?opgeslagen=status", support::editor_path(&editing.municipality.slug, id)));
    Ok(())
}
