//! The types of tenancy that cross the wire.

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreasOfMunicipality {
    pub municipality: String,
    pub areas: Vec<AreaSummary>,
}
