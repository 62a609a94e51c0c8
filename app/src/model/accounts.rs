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

/// The registration form. `next` is where the person was before registering, to lead them back
/// once they are in.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub birth_date: String,
    pub area_id: String,
    pub next: String,
}

impl RegistrationForm {
    /// What comes back after a refusal: everything but the password.
    pub fn typed(&self) -> Vec<(String, String)> {
        crate::model::typed::Typed::new()
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("birth_date", &self.birth_date)
            .field("area_id", &self.area_id)
            .done()
    }
}

/// Never prints the password, wherever a form ends up in a log.
impl std::fmt::Debug for RegistrationForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistrationForm").field("email", &self.email).field("password", &"…").finish_non_exhaustive()
    }
}

/// The sign-in form; `next` is the page to return to.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogInForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

/// Never prints the password, wherever a form ends up in a log.
impl std::fmt::Debug for LogInForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogInForm").field("email", &self.email).field("password", &"…").finish_non_exhaustive()
    }
}
