//! Database access for municipalities and their areas. Every later query on municipal data starts
//! from a municipality found here, which scopes it to the municipality of the request.

use super::context::internal;
use super::entities::{area, municipality};
use crate::domain::tenancy::{HouseStyle, MunicipalityId, Slug};
use crate::domain::validation::Problem;
use crate::error::AppResult;
use crate::model::tenancy::{AreaSummary, MunicipalityDetail, MunicipalitySummary};
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

pub async fn list(db: &impl ConnectionTrait) -> AppResult<Vec<MunicipalitySummary>> {
    let rows = municipality::Entity::find().order_by_asc(municipality::Column::Name).all(db).await.map_err(internal)?;
    Ok(rows.into_iter().map(|m| MunicipalitySummary { slug: m.slug, name: m.name }).collect())
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> AppResult<Option<MunicipalityDetail>> {
    let found =
        municipality::Entity::find().filter(municipality::Column::Slug.eq(slug)).one(db).await.map_err(internal)?;
    with_areas(db, found).await
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i32) -> AppResult<Option<MunicipalityDetail>> {
    with_areas(db, municipality::Entity::find_by_id(id).one(db).await.map_err(internal)?).await
}

async fn with_areas(
    db: &impl ConnectionTrait,
    found: Option<municipality::Model>,
) -> AppResult<Option<MunicipalityDetail>> {
    let Some(found) = found else {
        return Ok(None);
    };
    let areas = area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(found.id))
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|a| AreaSummary { id: a.id, slug: a.slug, name: a.name })
        .collect();
    Ok(Some(MunicipalityDetail {
        id: found.id,
        slug: found.slug,
        name: found.name,
        primary_colour: found.primary_colour,
        accent_colour: found.accent_colour,
        areas,
    }))
}

/// Creates a municipality; Err(SlugTaken) when the slug is in use.
pub async fn create(
    db: &impl TransactionTrait,
    slug: &Slug,
    name: &str,
    style: HouseStyle,
    now: chrono::DateTime<Utc>,
) -> AppResult<Result<MunicipalityId, Problem>> {
    let row = municipality::ActiveModel {
        slug: Set(slug.as_str().to_owned()),
        name: Set(name.trim().to_owned()),
        primary_colour: Set(style.primary.to_string()),
        accent_colour: Set(style.accent.to_string()),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = super::unique::insert_unless_duplicate(db, row).await?;
    Ok(inserted.map(|m| MunicipalityId(m.id)).ok_or(Problem::SlugTaken))
}

pub async fn add_area(
    db: &impl TransactionTrait,
    municipality: MunicipalityId,
    slug: &Slug,
    name: &str,
) -> AppResult<Result<i32, Problem>> {
    let row = area::ActiveModel {
        municipality_id: Set(municipality.0),
        slug: Set(slug.as_str().to_owned()),
        name: Set(name.trim().to_owned()),
        ..Default::default()
    };
    let inserted = super::unique::insert_unless_duplicate(db, row).await?;
    Ok(inserted.map(|a| a.id).ok_or(Problem::SlugTaken))
}

/// The area with this id, only if it belongs to some municipality: used to check a resident's
/// chosen area.
pub async fn area_exists(db: &impl ConnectionTrait, area_id: i32) -> AppResult<bool> {
    Ok(area::Entity::find_by_id(area_id).one(db).await.map_err(internal)?.is_some())
}

pub async fn list_areas(db: &impl ConnectionTrait) -> AppResult<Vec<crate::model::tenancy::AreasOfMunicipality>> {
    let rows = municipality::Entity::find()
        .find_with_related(area::Entity)
        .order_by_asc(municipality::Column::Name)
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(m, areas)| crate::model::tenancy::AreasOfMunicipality {
            municipality: m.name,
            areas: areas.into_iter().map(|a| AreaSummary { id: a.id, slug: a.slug, name: a.name }).collect(),
        })
        .collect())
}
