//! The types of admin that cross the wire.

use crate::domain::roles::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleHolder {
    pub grant_id: i32,
    pub role: Role,
    pub display_name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedMunicipality {
    pub detail: crate::model::tenancy::MunicipalityDetail,
    pub holders: Vec<RoleHolder>,
    pub may_add_areas: bool,
    /// Project leads and administrators open new trajectories.
    pub may_run_trajectories: bool,
    pub may_edit_style: bool,
    /// The roles this person may grant here.
    pub grantable: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent: bool,
    pub attempts: i32,
}

/// The form that adds a municipality: its address name, its name and its colours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MunicipalityForm {
    pub slug: String,
    pub name: String,
    pub primary_colour: String,
    pub accent_colour: String,
}

impl MunicipalityForm {
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("slug", &self.slug)
            .field("name", &self.name)
            .field("primary_colour", &self.primary_colour)
            .field("accent_colour", &self.accent_colour)
            .done()
    }
}
