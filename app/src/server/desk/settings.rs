//! A municipality's desk settings: its service norms, its support threshold and its coordinator.

use crate::domain::desk::ServiceNorm;
use crate::domain::initiatives::DeskSettings;
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::desk_setting;
use chrono::Utc;
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
) -> AppResult<()> {
    let exists = desk_setting::Entity::find_by_id(municipality).one(db).await.map_err(internal)?.is_some();
    let row = desk_setting::ActiveModel {
        municipality_id: Set(municipality),
        acknowledge_within: Set(settings.acknowledge_within as i32),
        answer_within: Set(settings.answer_within as i32),
        support_threshold: Set(settings.support_threshold.map(|t| t as i32)),
        coordinator_id: Set(coordinator_id),
        updated_at: Set(Utc::now()),
    };
    if exists {
        row.update(db).await.map_err(internal)?;
    } else {
        row.insert(db).await.map_err(internal)?;
    }
    Ok(())
}
