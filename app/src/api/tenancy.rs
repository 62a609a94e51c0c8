//! Reading municipalities and their areas.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalitySummary {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub id: i32,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityDetail {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub primary_colour: String,
    pub accent_colour: String,
    pub areas: Vec<AreaSummary>,
}

#[server(endpoint = "list_municipalities")]
pub async fn list_municipalities() -> Result<Vec<MunicipalitySummary>, AppError> {
    use crate::server::{context, tenancy};
    let state = context::app_state()?;
    tenancy::list(&state.db).await
}

/// The municipality with this slug, with its areas; NotFound (and a 404 page) otherwise.
#[server(endpoint = "get_municipality")]
pub async fn get_municipality(slug: String) -> Result<MunicipalityDetail, AppError> {
    use crate::server::{context, tenancy};
    let state = context::app_state()?;
    tenancy::find_by_slug(&state.db, &slug).await?.ok_or_else(|| context::answer_with(AppError::NotFound))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreasOfMunicipality {
    pub municipality: String,
    pub areas: Vec<AreaSummary>,
}

/// Every area, grouped by municipality, for the "where do you live" choice.
#[server(endpoint = "list_areas")]
pub async fn list_areas() -> Result<Vec<AreasOfMunicipality>, AppError> {
    use crate::server::{context, tenancy};
    let state = context::app_state()?;
    tenancy::list_areas(&state.db).await
}
