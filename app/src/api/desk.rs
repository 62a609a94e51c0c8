//! The desk's side of a case: the queue with its filters, taking a case on, moving it along its
//! steps, messages to the initiator (by e-mail through the outbox, and on the case page),
//! internal notes the initiator never sees, and the municipality's norms and threshold.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::desk::CaseStatus;
use crate::error::AppError;
pub use crate::model::desk::*;
#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;

/// The desk's queue: open cases by default, the oldest first, filtered as the address says.
#[server(endpoint = "list_desk_queue")]
pub async fn list_desk_queue(
    municipality: String,
    #[server(default)] status: String,
    #[server(default)] area: String,
    #[server(default)] owner: String,
    #[server(default)] due: String,
    #[server(default)] page: String,
) -> Result<QueuePage, AppError> {
    use crate::domain::consultations::page_count;
    use crate::domain::initiatives::PAGE_SIZE;
    use crate::server::desk::views::area_name;
    use crate::server::desk::{
        self,
        queue::{DueFilter, OwnerFilter, QueueFilter, StatusFilter},
    };
    use crate::server::{clock, entities::desk_case};

    let working = crate::server::desk::working(&municipality).await?;
    let db = &working.signed_in.state.db;
    let m = &working.municipality;
    let filter = QueueFilter {
        status: match status.as_str() {
            "alle" => StatusFilter::All,
            raw => CaseStatus::parse(raw).map_or(StatusFilter::Open, StatusFilter::Only),
        },
        area: m.areas.iter().find(|a| a.slug == area).map(|a| a.id),
        owner: match owner.as_str() {
            "niemand" => OwnerFilter::Nobody,
            "ik" => OwnerFilter::Person(working.me()),
            raw => raw.parse().map_or(OwnerFilter::Anyone, OwnerFilter::Person),
        },
        due: match due.as_str() {
            "binnenkort" => Some(DueFilter::Soon),
            "te-laat" => Some(DueFilter::Overdue),
            _ => None,
        },
    };
    let today = clock::today();
    let page = crate::domain::paging::page_number(&page);
    let (rows, total) = desk::queue::page(db, m.id, &filter, today, page).await?;
    let officers = desk::officers(db, m.id).await?;
    let name_of = |id: Option<i32>| id.and_then(|id| officers.iter().find(|(o, _)| *o == id)).map(|(_, n)| n.clone());
    let next_deadline = |row: &desk_case::Model| match (row.acknowledged_on, row.answered_on, row.answer_by) {
        (None, _, _) => Some(("acknowledge".to_owned(), row.acknowledge_by)),
        (Some(_), None, Some(by)) => Some(("answer".to_owned(), by)),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| {
            let status = desk::cases::status_of(row);
            let next = if status.is_finished() { None } else { next_deadline(row) };
            QueueItem {
                id: row.id,
                number: row.number.clone(),
                kind: row.kind.clone(),
                title: row.title.clone(),
                area_name: area_name(m, row.area_id),
                status,
                owner_name: name_of(row.owner_id),
                received_on: row.received_on,
                overdue: next.as_ref().is_some_and(|(_, by)| today > *by),
                next_deadline: next,
            }
        })
        .collect();
    Ok(QueuePage {
        municipality_slug: m.slug.clone(),
        municipality_name: m.name.clone(),
        items,
        total,
        page,
        pages: page_count(total, PAGE_SIZE),
        overdue_total: desk::queue::overdue_count(db, m.id, today).await?,
        areas: m.areas.clone(),
        officers,
        filters: QueueFilters { status, area, owner, due },
        may_set_norms: working.may_set_norms(),
    })
}

/// A case with everything the desk needs: the conversation, the notes, the contact details.
#[server(endpoint = "get_desk_case")]
pub async fn get_desk_case(municipality: String, id: i32) -> Result<DeskCase, AppError> {
    use crate::server::desk::views::case_view;
    use crate::server::entities::{trajectory, user};
    use crate::server::{clock, context, desk, submission};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    let working = crate::server::desk::working(&municipality).await?;
    let state = &working.signed_in.state;
    let db = &state.db;
    let row = working.case(id).await?;
    let token = submission::issue(&state.settings.form_key, working.me(), Utc::now().timestamp());
    let case = case_view(db, &working.municipality, &row, clock::today(), Some(token)).await?;
    let account = match row.initiator_id {
        Some(id) => user::Entity::find_by_id(id).one(db).await.map_err(context::internal)?,
        None => None,
    };
    let contact = ContactView {
        name: account.as_ref().map(|a| a.display_name.clone()).or(row.contact_name.clone()).unwrap_or_default(),
        email: account.as_ref().map(|a| a.email.clone()).or(row.contact_email.clone()),
        phone: row.contact_phone.clone(),
        channel: row.channel.clone(),
        has_account: account.is_some(),
    };
    let officers = desk::officers(db, working.municipality_id.0).await?;
    let trajectories = trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(working.municipality_id.0))
        .filter(trajectory::Column::Status.eq("published"))
        .order_by_asc(trajectory::Column::Title)
        .all(db)
        .await
        .map_err(context::internal)?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let status = desk::cases::status_of(&row);
    Ok(DeskCase {
        notes: desk::conversation::notes(db, row.id)
            .await?
            .into_iter()
            .map(|(note, author)| NoteView {
                author: author.unwrap_or_default(),
                body: note.body,
                at: note.created_at,
                at_local: clock::local_time(note.created_at),
            })
            .collect(),
        owner: row.owner_id.and_then(|id| officers.iter().find(|(o, _)| *o == id).cloned()),
        officers,
        trajectories,
        next_steps: CaseStatus::ALL.into_iter().filter(|to| status.may_move_to(*to)).collect(),
        contact,
        case,
    })
}

/// Moves a case on: acknowledge, take in progress, close, or forward to a trajectory (then
/// `trajectory` names it). The initiator hears of each step by e-mail.
#[server(endpoint = "move_desk_case")]
pub async fn move_desk_case(
    municipality: String,
    id: i32,
    to: String,
    #[server(default)] trajectory: String,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    let moved = desk::move_case(&working, &row, &to, &trajectory)
        .await
        .map_err(|error| context::answer_with(error.refilled(vec![("trajectory".to_owned(), trajectory.clone())])))?;
    // The page says what the step did, at the top where it opens.
    leptos_axum::redirect(&format!("{}?stap={}", working.case_path(row.id), moved.as_str()));
    Ok(())
}

/// Gives a case to a desk officer; a case not yet in progress is taken in progress.
#[server(endpoint = "assign_desk_case")]
pub async fn assign_desk_case(municipality: String, id: i32, owner: String) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    desk::assign_case(&working, &row, &owner)
        .await
        .map_err(|error| context::answer_with(error.refilled(vec![("owner".to_owned(), owner.clone())])))?;
    leptos_axum::redirect(&format!("{}?toegewezen=1", working.case_path(row.id)));
    Ok(())
}

/// Sends the initiator a message (by e-mail and on their case page). `then` = "ask" waits for
/// their answer (the clock stands still); "answer" gives the substantive answer.
#[server(endpoint = "message_initiator")]
pub async fn message_initiator(
    municipality: String,
    id: i32,
    submission_token: String,
    body: String,
    #[server(default)] then: String,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    let message = desk::DeskMessage { submission_token: &submission_token, body: &body, then: &then };
    let typed = vec![("body".to_owned(), body.clone()), ("then".to_owned(), then.clone())];
    desk::message_initiator(&working, &row, &message)
        .await
        .map_err(|error| context::answer_with(error.refilled(typed)))?;
    leptos_axum::redirect(&format!("{}#berichten", working.case_path(row.id)));
    Ok(())
}

/// An internal note on a case: for colleagues at the desk only.
#[server(endpoint = "add_desk_note")]
pub async fn add_desk_note(
    municipality: String,
    id: i32,
    note: String,
    #[server(default)] submission_token: String,
) -> Result<(), AppError> {
    use crate::server::{context, desk};
    let working = desk::working(&municipality).await?;
    let row = working.case(id).await?;
    let typed = vec![("note".to_owned(), note.clone())];
    desk::add_note(&working, &row, &note, &submission_token)
        .await
        .map_err(|error| context::answer_with(error.refilled(typed)))?;
    leptos_axum::redirect(&format!("{}#notities", working.case_path(row.id)));
    Ok(())
}

#[server(endpoint = "get_desk_settings")]
pub async fn get_desk_settings(municipality: String) -> Result<DeskSettingsPage, AppError> {
    use crate::server::{context, desk};
    let working = crate::server::desk::working(&municipality).await?;
    if !working.may_set_norms() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let db = &working.signed_in.state.db;
    let settings = desk::settings::of(db, working.municipality_id.0).await?;
    Ok(DeskSettingsPage {
        municipality_slug: working.municipality.slug.clone(),
        municipality_name: working.municipality.name.clone(),
        acknowledge_within: settings.norm.acknowledge_within,
        answer_within: settings.norm.answer_within,
        support_threshold: settings.support_threshold,
        coordinator_id: settings.coordinator_id,
        officers: desk::officers(db, working.municipality_id.0).await?,
    })
}

/// Sets the desk's norms (for cases that come in from now on), the support threshold and the
/// coordinator who hears about deadlines.
#[server(endpoint = "save_desk_settings")]
pub async fn save_desk_settings(
    municipality: String,
    #[server(default)] acknowledge_within: String,
    #[server(default)] answer_within: String,
    #[server(default)] support_threshold: String,
    #[server(default)] coordinator: String,
) -> Result<(), AppError> {
    use crate::domain::initiatives::check_settings;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, desk};

    let working = crate::server::desk::working(&municipality).await?;
    if !working.may_set_norms() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let typed = vec![
        ("acknowledge_within".to_owned(), acknowledge_within.clone()),
        ("answer_within".to_owned(), answer_within.clone()),
        ("support_threshold".to_owned(), support_threshold.clone()),
        ("coordinator".to_owned(), coordinator.clone()),
    ];
    let mut errors = Vec::new();
    let settings = match check_settings(&acknowledge_within, &answer_within, &support_threshold) {
        Ok(settings) => Some(settings),
        Err(checks) => {
            errors.extend(checks.into_errors());
            None
        }
    };
    let state = &working.signed_in.state;
    let officers = desk::officers(&state.db, working.municipality_id.0).await?;
    let coordinator_id = match coordinator.trim() {
        "" => None,
        raw => match raw.parse::<i32>().ok().filter(|c| officers.iter().any(|(id, _)| id == c)) {
            Some(id) => Some(id),
            None => {
                errors.push(FieldError::new("coordinator", Problem::ChoiceInvalid));
                None
            }
        },
    };
    let Some(settings) = settings.filter(|_| errors.is_empty()) else {
        return Err(context::answer_with(AppError::validation_of(errors, typed)));
    };
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    desk::settings::save(&txn, working.municipality_id.0, &settings, coordinator_id).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(working.municipality_id.0),
            actor: Some(working.me()),
            action: "save_desk_settings",
            details: format!(
                "norms {} / {} working days, threshold {:?}",
                settings.acknowledge_within, settings.answer_within, settings.support_threshold
            ),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/beheer/{}/loket/instellingen?opgeslagen=1", working.municipality.slug));
    Ok(())
}
