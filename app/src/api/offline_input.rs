//! Input from every channel ("digitaal waar het kan, persoonlijk waar het moet"): a desk officer or
//! project lead enters what came in at the counter, by phone, letter, e-mail or at a meeting, on
//! behalf of a resident. From then on it is input like any other: in the discussion with its
//! channel, open to moderation, answered in the report.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
pub use crate::model::offline_input::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn entering(
    municipality: &str,
    consultation: i32,
) -> Result<(crate::api::consultations::support::Reading, crate::server::entities::user::Model), AppError> {
    use crate::domain::trajectories::Status;
    use crate::server::context;
    let reading = crate::api::consultations::support::reading(municipality, consultation).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    if !reading.can_enter_for_others() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    if reading.found.trajectory.status == Status::Draft {
        return Err(context::answer_with(AppError::Conflict));
    }
    Ok((reading, account))
}

/// What the entry form needs: the sections, the trajectory's meetings, the dates input may have
/// come in on, and a submission token.
#[server(endpoint = "get_offline_entry")]
pub async fn get_offline_entry(municipality: String, consultation: i32) -> Result<OfflineEntry, AppError> {
    use crate::server::{clock, consultations, submission};

    let (reading, account) = entering(&municipality, consultation).await?;
    let found = &reading.found;
    let meetings = consultations::meetings(&reading.state.db, found.trajectory.row.id).await?;
    Ok(OfflineEntry {
        municipality_slug: reading.municipality.slug.clone(),
        consultation: found.activity.id,
        title: found.activity.title.clone(),
        sections: found.sections.iter().map(|s| (s.id, s.title.clone())).collect(),
        meetings: meetings.into_iter().map(|m| MeetingView { id: m.id, title: m.title, held_on: m.held_on }).collect(),
        opens_on: found.phase.starts_on,
        closes_on: found.phase.ends_on,
        today: clock::today(),
        submission_token: submission::issue(
            &reading.state.settings.form_key,
            account.id,
            chrono::Utc::now().timestamp(),
        ),
    })
}

/// Stores input received offline, with who entered it. A meeting can be chosen from the
/// trajectory's meetings or made here; the form then comes back with that meeting chosen, so a
/// meeting's outcomes are entered one after another.
#[server(endpoint = "enter_offline_input")]
pub async fn enter_offline_input(
    municipality: String,
    consultation: i32,
    submission_token: String,
    channel: String,
    received_on: String,
    #[server(default)] name: String,
    #[server(default)] contact_consent: String,
    #[server(default)] contact: String,
    #[server(default)] section: String,
    body: String,
    #[server(default)] meeting: String,
    #[server(default)] meeting_title: String,
    #[server(default)] meeting_held_on: String,
) -> Result<i32, AppError> {
    use crate::domain::consultations::{check_offline, Channel, InputStatus, MeetingChoice, OfflineForm};
    use crate::domain::validation::{Checks, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::consultations::{self, NewComment};
    use crate::server::{clock, context, submission};

    let (reading, account) = entering(&municipality, consultation).await?;
    let found = &reading.found;
    let form = OfflineForm {
        channel,
        received_on,
        name,
        contact_consent: matches!(contact_consent.as_str(), "on" | "true"),
        contact,
        body,
        meeting,
        meeting_title,
        meeting_held_on,
    };
    let typed: Vec<(String, String)> = [
        ("channel", &form.channel),
        ("received_on", &form.received_on),
        ("name", &form.name),
        ("contact", &form.contact),
        ("section", &section),
        ("body", &form.body),
        ("meeting", &form.meeting),
        ("meeting_title", &form.meeting_title),
        ("meeting_held_on", &form.meeting_held_on),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.clone()))
    .collect();
    let db = &reading.state.db;
    let meeting_ids: Vec<i32> =
        consultations::meetings(db, found.trajectory.row.id).await?.iter().map(|m| m.id).collect();
    let mut checks = Checks::new();
    let checked =
        check_offline(&mut checks, &form, found.phase.starts_on, found.phase.ends_on, clock::today(), &meeting_ids);
    let section_id = match section.trim() {
        "" => None,
        raw => {
            let id = raw.parse::<i32>().ok().filter(|s| found.sections.iter().any(|f| f.id == *s));
            if id.is_none() {
                checks.add("section", Problem::ChoiceInvalid);
            }
            id
        }
    };
    if !submission::verify(
        &reading.state.settings.form_key,
        account.id,
        &submission_token,
        chrono::Utc::now().timestamp(),
    ) {
        checks.add("body", Problem::FormExpired);
    }
    let input = match checked {
        Some(input) if checks.is_empty() => input,
        _ => return Err(context::answer_with(AppError::validation_of(checks.into_errors(), typed))),
    };
    let txn = crate::server::writes::begin_write(db).await.map_err(context::internal)?;
    let meeting_id = match &input.meeting {
        None => None,
        Some(MeetingChoice::Existing(id)) => Some(*id),
        Some(MeetingChoice::New { title, held_on }) => {
            Some(consultations::insert_meeting(&txn, found.trajectory.row.id, title, *held_on, account.id).await?)
        }
    };
    let (stored, new) = consultations::insert_comment(
        &txn,
        NewComment {
            municipality_id: reading.municipality_id.0,
            trajectory_id: found.trajectory.row.id,
            activity_id: found.activity.id,
            section_id,
            parent_id: None,
            channel: input.channel,
            author_id: None,
            on_behalf_name: input.name.clone(),
            contact_consent: input.contact_consent,
            contact: input.contact.clone(),
            entered_by: Some(account.id),
            received_on: Some(input.received_on),
            meeting_id,
            body: input.body.clone(),
            shown_area_id: None,
            official: false,
            status: InputStatus::Visible,
            submission_key: submission::key(&submission_token, "offline"),
        },
    )
    .await?;
    if new {
        audit::record(
            &txn,
            AuditEntry {
                municipality: Some(reading.municipality_id.0),
                actor: Some(account.id),
                action: "enter_offline_input",
                details: format!(
                    "input {} received {} on {} entered for consultation {}",
                    stored.id,
                    input.channel.as_str(),
                    input.received_on,
                    found.activity.id
                ),
            },
        )
        .await?;
        txn.commit().await.map_err(context::internal)?;
    } else {
        // The same form again: the meeting made the first time is already there.
        txn.rollback().await.map_err(context::internal)?;
    }
    let again = match (input.channel, stored.meeting_id) {
        (Channel::Meeting, Some(m)) => format!("&vergadering={m}"),
        _ => String::new(),
    };
    leptos_axum::redirect(&format!(
        "/{}/raadplegingen/{}/invoeren?ingevoerd={}{again}",
        reading.municipality.slug, found.activity.id, stored.id
    ));
    Ok(stored.id)
}
