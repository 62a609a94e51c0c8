//! A municipality's desk settings: its service norms, its support threshold and its coordinator.

use super::{officers, Working};
use crate::domain::desk::ServiceNorm;
use crate::domain::initiatives::{check_settings, DeskSettings};
use crate::domain::validation::{FieldError, Problem};
use crate::error::{AppError, AppResult};
use crate::model::desk::{DeskSettingsForm, DeskSettingsPage};
use crate::server::context::internal;
use crate::server::entities::desk_setting;
use crate::server::writes::begin_write;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// What a municipality promises; the defaults until it sets its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub norm: ServiceNorm,
    pub support_threshold: Option<u32>,
    pub coordinator_id: Option<i32>,
}

pub async fn of(db: &impl ConnectionTrait, municipality: i32) -> AppResult<Settings> {
    let row = desk_setting::Entity::find_by_id(municipality).one(db).await.map_err(internal)?;
    Ok(match row {
        Some(row) => Settings {
            norm: ServiceNorm {
                acknowledge_within: u32::try_from(row.acknowledge_within).unwrap_or(2),
                answer_within: u32::try_from(row.answer_within).unwrap_or(10),
            },
            support_threshold: row.support_threshold.and_then(|t| u32::try_from(t).ok()),
            coordinator_id: row.coordinator_id,
        },
        None => Settings { norm: ServiceNorm::default(), support_threshold: None, coordinator_id: None },
    })
}

pub async fn save(
    db: &impl ConnectionTrait,
    municipality: i32,
    settings: &DeskSettings,
    coordinator_id: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let exists = desk_setting::Entity::find_by_id(municipality).one(db).await.map_err(internal)?.is_some();
    let row = desk_setting::ActiveModel {
        municipality_id: Set(municipality),
        acknowledge_within: Set(settings.acknowledge_within as i32),
        answer_within: Set(settings.answer_within as i32),
        support_threshold: Set(settings.support_threshold.map(|t| t as i32)),
        coordinator_id: Set(coordinator_id),
        updated_at: Set(now),
    };
    if exists {
        row.update(db).await.map_err(internal)?;
    } else {
        row.insert(db).await.map_err(internal)?;
    }
    Ok(())
}

/// The settings page; only for those who may set the norms.
pub async fn settings_page(working: &Working) -> AppResult<DeskSettingsPage> {
    if !working.may_set_norms() {
        return Err(AppError::Forbidden);
    }
    let db = &working.signed_in.state.db;
    let settings = of(db, working.municipality_id.0).await?;
    Ok(DeskSettingsPage {
        municipality_slug: working.municipality.slug.clone(),
        municipality_name: working.municipality.name.clone(),
        acknowledge_within: settings.norm.acknowledge_within,
        answer_within: settings.norm.answer_within,
        support_threshold: settings.support_threshold,
        coordinator_id: settings.coordinator_id,
        officers: officers(db, working.municipality_id.0).await?,
    })
}

/// Sets the desk's norms (for cases that come in from now on), the support threshold and the
/// coordinator who hears about deadlines (one of the desk's officers).
#[tracing::instrument(skip_all, fields(municipality = working.municipality_id.0))]
pub async fn save_settings(working: &Working, form: &DeskSettingsForm) -> AppResult<()> {
    if !working.may_set_norms() {
        return Err(AppError::Forbidden);
    }
    let (checked, mut errors) =
        match check_settings(&form.acknowledge_within, &form.answer_within, &form.support_threshold) {
            Ok(settings) => (Some(settings), Vec::new()),
            Err(checks) => (None, checks.into_errors()),
        };
    let state = &working.signed_in.state;
    let officers = officers(&state.db, working.municipality_id.0).await?;
    let coordinator_id = match form.coordinator.trim() {
        "" => None,
        raw => {
            let chosen = raw.parse::<i32>().ok().filter(|c| officers.iter().any(|(id, _)| id == c));
            if chosen.is_none() {
                errors.push(FieldError::new("coordinator", Problem::ChoiceInvalid));
            }
            chosen
        }
    };
    let settings = match checked {
        Some(settings) if errors.is_empty() => settings,
        _ => return Err(AppError::validation_of(errors, form.typed())),
    };
    let txn = begin_write(&state.db).await.map_err(internal)?;
    save(&txn, working.municipality_id.0, &settings, coordinator_id, state.clock.now()).await?;
    let (ack, answer, threshold) = (settings.acknowledge_within, settings.answer_within, settings.support_threshold);
    let details = format!("norms {ack} / {answer} working days, threshold {threshold:?}");
    let (municipality, me) = (working.municipality_id.0, working.me());
    crate::server::audit::staff_did(&txn, municipality, me, "save_desk_settings", details, state.clock.now()).await?;
    txn.commit().await.map_err(internal)
}
