//! The types of accounts that cross the wire.

use serde::{Deserialize, Serialize};

/// What the page header and account page need to know about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub display_name: String,
    /// Only ever sent to the account itself.
    pub email: String,
    pub email_verified: bool,
    pub platform_admin: bool,
    pub staff: bool,
    /// What eligibility uses; only ever sent to the account itself.
    pub birth_date: Option<chrono::NaiveDate>,
    pub area_id: Option<i32>,
}

/// The registration waiting for its confirmation, as the page after registering shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingRegistration {
    pub email: String,
    pub next: Option<String>,
}
