//! `AppError`: the one error type every server function returns. It crosses the wire as JSON,
//! so the browser (hydrated or not) can show field errors next to their fields. Internal details
//! never cross it: they are logged on the server under the correlation id the person is shown.

use crate::domain::validation::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("not signed in")]
    Unauthenticated,
    /// The form had problems. `values` echoes what was typed (never passwords), so a page
    /// rendered without JavaScript after the redirect can fill the fields in again.
    #[error("invalid input")]
    Validation { errors: Vec<FieldError>, values: Vec<(String, String)> },
    #[error("conflict")]
    Conflict,
    #[error("too many attempts, retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The server is too busy for this now (password hashing is bounded): try again shortly.
    #[error("busy, retry after {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    #[error("internal error (reference {correlation_id})")]
    Internal { correlation_id: String },
    /// The request itself was malformed or could not reach the server.
    #[error("request failed")]
    Request,
}

impl AppError {
    pub fn validation(errors: Vec<FieldError>, values: &[(&str, &str)]) -> Self {
        AppError::Validation {
            errors,
            values: values.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        }
    }

    /// The same, for forms whose field names are made at run time (`phase_name[2]`).
    pub fn validation_of(errors: Vec<FieldError>, values: Vec<(String, String)>) -> Self {
        AppError::Validation { errors, values }
    }

    /// One field refused, as a use case says it: the server function adds what was typed
    /// (`refilled`).
    pub fn refused(field: &str, problem: crate::domain::validation::Problem) -> Self {
        AppError::Validation { errors: vec![FieldError::new(field, problem)], values: Vec::new() }
    }

    /// A refusal of a form, refused by a use case that does not know the form: the server
    /// function adds what was typed, so the form comes back filled in. Other errors pass.
    pub fn refilled(self, typed: Vec<(String, String)>) -> Self {
        match self {
            AppError::Validation { errors, .. } => AppError::Validation { errors, values: typed },
            other => other,
        }
    }

    /// The problem belonging to one field, if any.
    pub fn problem_for(&self, field: &str) -> Option<crate::domain::validation::Problem> {
        match self {
            AppError::Validation { errors, .. } => errors.iter().find(|e| e.field == field).map(|e| e.problem),
            _ => None,
        }
    }

    /// What was typed in a field before the error, so the form can show it again.
    pub fn typed_value(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation { values, .. } => values.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Forbidden => 403,
            AppError::Unauthenticated => 401,
            AppError::Validation { .. } => 422,
            AppError::Conflict => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Busy { .. } => 503,
            AppError::Internal { .. } => 500,
            AppError::Request => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Request
            }
            _ => AppError::Request,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
