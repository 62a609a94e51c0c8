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

#[cfg(feature = "ssr")]
pub mod support {
    use super::*;
    use crate::domain::roles::{can_set_desk_norms, can_work_desk};
    use crate::domain::tenancy::MunicipalityId;
    use crate::error::AppResult;
    use crate::server::context::{self, SignedIn};
    use crate::server::desk;
    use crate::server::entities::desk_case;

    pub struct Working {
        pub signed_in: SignedIn,
        pub municipality: crate::api::tenancy::MunicipalityDetail,
        pub municipality_id: MunicipalityId,
    }

    /// The signed-in desk officer (or administrator) of the named municipality.
    pub async fn working(municipality: &str) -> AppResult<Working> {
        let signed_in = context::signed_in().await?;
        let found = context::municipality_named(&signed_in.state, municipality).await?;
        let municipality_id = MunicipalityId(found.id);
        if !can_work_desk(&signed_in.actor, municipality_id) {
            return Err(context::answer_with(AppError::Forbidden));
        }
        Ok(Working { signed_in, municipality: found, municipality_id })
    }

    impl Working {
        pub fn may_set_norms(&self) -> bool {
            can_set_desk_norms(&self.signed_in.actor, self.municipality_id)
        }

        pub async fn case(&self, id: i32) -> AppResult<desk_case::Model> {
            desk::cases::find(&self.signed_in.state.db, self.municipality_id.0, id).await?.ok_or_else(desk::not_found)
        }

        pub fn case_path(&self, id: i32) -> String {
            format!("/beheer/{}/loket/zaken/{id}", self.municipality.slug)
        }

        pub fn me(&self) -> i32 {
            self.signed_in.account.id
        }
    }
}

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

    let working = support::working(&municipality).await?;
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

    let working = support::working(&municipality).await?;
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

/// Takes the steps from where a case stands to `to` (answering a received case takes it in
/// progress first), in one transaction. False when a colleague moved the case meanwhile.
#[cfg(feature = "ssr")]
async fn walk_to(
    db: &impl sea_orm::ConnectionTrait,
    case: &crate::server::entities::desk_case::Model,
    to: CaseStatus,
    changes: crate::server::desk::cases::StepChanges,
    by: i32,
) -> crate::error::AppResult<Option<crate::server::entities::desk_case::Model>> {
    use crate::domain::desk::path_to;
    use crate::server::desk::cases::{self, StepChanges};
    let Some(path) = path_to(cases::status_of(case), to) else {
        return Ok(None);
    };
    let mut current = case.clone();
    let now = Utc::now();
    for step in path {
        // The owner goes with the first step in progress; forwarding with the last.
        let changes = StepChanges {
            owner: (step == CaseStatus::InProgress && current.owner_id.is_none())
                .then_some(changes.owner.unwrap_or(by)),
            forwarded_to: (step == to).then_some(changes.forwarded_to).flatten(),
        };
        match cases::take_step(db, &current, step, changes, Some(by), now).await? {
            Some(moved) => current = moved,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
}

/// Mails the initiator about their case (when there is an address: someone helped by phone only
/// is called by the desk).
#[cfg(feature = "ssr")]
async fn tell_initiator(
    db: &impl sea_orm::ConnectionTrait,
    working: &support::Working,
    case: &crate::server::entities::desk_case::Model,
    subject: &str,
    text: &str,
) -> crate::error::AppResult<()> {
    use crate::server::desk::conversation::initiator_address;
    use crate::server::desk::views::case_link;
    use crate::server::mail::{self, Mail};
    let Some(to) = initiator_address(db, case).await? else {
        return Ok(());
    };
    let follow = if case.initiator_id.is_some() {
        format!("\nBekijk je zaak en antwoord: {}\n", case_link(&working.signed_in.state.settings.public_url, case.id))
    } else {
        "\nJe kunt op deze e-mail antwoorden of het loket bellen.\n".to_owned()
    };
    mail::enqueue(
        db,
        Mail {
            to: &to,
            subject: &format!("{subject} ({})", case.number),
            body: format!(
                "Hallo,\n\n{text}\n{follow}\nMet vriendelijke groet,\nHet participatieloket van {}\n",
                working.municipality.name
            ),
            unsubscribe_url: None,
        },
    )
    .await
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
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::context;
    use crate::server::desk::cases::StepChanges;
    use crate::server::entities::trajectory as trajectory_entity;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let working = support::working(&municipality).await?;
    let state = &working.signed_in.state;
    let row = working.case(id).await?;
    let refuse = |field: &str, problem: Problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new(field, problem)],
            vec![("trajectory".to_owned(), trajectory.clone())],
        ))
    };
    let target = CaseStatus::parse(&to)
        .filter(|t| {
            matches!(t, CaseStatus::Acknowledged | CaseStatus::InProgress | CaseStatus::Closed | CaseStatus::Forwarded)
        })
        .ok_or_else(|| refuse("to", Problem::ChoiceInvalid))?;
    let forwarded = if target == CaseStatus::Forwarded {
        let id = trajectory.trim().parse::<i32>().map_err(|_| refuse("trajectory", Problem::Required))?;
        let found = trajectory_entity::Entity::find_by_id(id)
            .filter(trajectory_entity::Column::MunicipalityId.eq(working.municipality_id.0))
            .one(&state.db)
            .await
            .map_err(context::internal)?
            .ok_or_else(|| refuse("trajectory", Problem::ChoiceInvalid))?;
        Some(found)
    } else {
        None
    };
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let changes = StepChanges { owner: None, forwarded_to: forwarded.as_ref().map(|t| t.id) };
    let Some(moved) = walk_to(&txn, &row, target, changes, working.me()).await? else {
        txn.rollback().await.map_err(context::internal)?;
        return Err(refuse("to", Problem::StepNotAllowed));
    };
    let (subject, text) = match target {
        CaseStatus::Acknowledged => (
            "We hebben je zaak bekeken".to_owned(),
            format!(
                "We hebben \"{}\" bekeken en gaan ermee aan de slag. Je krijgt uiterlijk {} een inhoudelijk antwoord.",
                moved.title,
                moved.answer_by.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default()
            ),
        ),
        CaseStatus::InProgress => (
            "Je zaak is in behandeling".to_owned(),
            format!("Een medewerker van het loket heeft \"{}\" opgepakt.", moved.title),
        ),
        CaseStatus::Closed => {
            ("Je zaak is afgesloten".to_owned(), format!("We hebben \"{}\" afgesloten. Dank je wel.", moved.title))
        }
        _ => (
            "Je zaak gaat verder in een traject".to_owned(),
            format!(
                "\"{}\" nemen we mee in het traject \"{}\": {}/{}/trajecten/{}",
                moved.title,
                forwarded.as_ref().map(|t| t.title.clone()).unwrap_or_default(),
                state.settings.public_url,
                working.municipality.slug,
                forwarded.as_ref().map(|t| t.id).unwrap_or_default(),
            ),
        ),
    };
    tell_initiator(&txn, &working, &moved, &subject, &text).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(working.municipality_id.0),
            actor: Some(working.me()),
            action: "move_desk_case",
            details: format!("desk case {} to {}", moved.number, target.as_str()),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    // The page says what the step did, at the top where it opens.
    leptos_axum::redirect(&format!("{}?stap={}", working.case_path(row.id), target.as_str()));
    Ok(())
}

/// Gives a case to a desk officer; a case not yet in progress is taken in progress.
#[server(endpoint = "assign_desk_case")]
pub async fn assign_desk_case(municipality: String, id: i32, owner: String) -> Result<(), AppError> {
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::context;
    use crate::server::desk::{self, cases::StepChanges};

    let working = support::working(&municipality).await?;
    let state = &working.signed_in.state;
    let row = working.case(id).await?;
    let officers = desk::officers(&state.db, working.municipality_id.0).await?;
    let problem = if owner.trim().is_empty() { Problem::Required } else { Problem::ChoiceInvalid };
    let owner_id =
        owner.trim().parse::<i32>().ok().filter(|o| officers.iter().any(|(id, _)| id == o)).ok_or_else(|| {
            context::answer_with(AppError::validation_of(
                vec![FieldError::new("owner", problem)],
                vec![("owner".to_owned(), owner.clone())],
            ))
        })?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let status = desk::cases::status_of(&row);
    if matches!(status, CaseStatus::Received | CaseStatus::Acknowledged) {
        let changes = StepChanges { owner: Some(owner_id), forwarded_to: None };
        if walk_to(&txn, &row, CaseStatus::InProgress, changes, working.me()).await?.is_none() {
            txn.rollback().await.map_err(context::internal)?;
            return Err(context::answer_with(AppError::Conflict));
        }
    } else if status.is_finished() {
        txn.rollback().await.map_err(context::internal)?;
        return Err(context::answer_with(AppError::Conflict));
    } else {
        desk::cases::set_owner(&txn, row.id, owner_id, Utc::now()).await?;
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(working.municipality_id.0),
            actor: Some(working.me()),
            action: "assign_desk_case",
            details: format!("desk case {} given to account {owner_id}", row.number),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
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
    use crate::domain::initiatives::check_message;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::desk::{self, cases::StepChanges};
    use crate::server::{context, submission};

    let working = support::working(&municipality).await?;
    let state = &working.signed_in.state;
    let row = working.case(id).await?;
    let typed = vec![("body".to_owned(), body.clone()), ("then".to_owned(), then.clone())];
    let refuse = |field: &str, problem: Problem| {
        context::answer_with(AppError::validation_of(vec![FieldError::new(field, problem)], typed.clone()))
    };
    let now = Utc::now();
    if !submission::verify(&state.settings.form_key, working.me(), &submission_token, now.timestamp()) {
        return Err(refuse("body", Problem::FormExpired));
    }
    let text = check_message(&body).map_err(|p| refuse("body", p))?;
    let target = match then.as_str() {
        "" => None,
        "ask" => Some(CaseStatus::WaitingForInitiator),
        "answer" => Some(CaseStatus::Answered),
        _ => return Err(refuse("then", Problem::ChoiceInvalid)),
    };
    if desk::cases::status_of(&row).is_finished() {
        return Err(refuse("body", Problem::StepNotAllowed));
    }
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let key = submission::key(&submission_token, &format!("desk-message:{id}"));
    let Some(_) = desk::conversation::add_message(&txn, row.id, true, working.me(), &text, Some(key), now).await?
    else {
        // The same form again: the first one stands.
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&working.case_path(row.id));
        return Ok(());
    };
    let mut current = row.clone();
    if let Some(target) = target {
        match walk_to(&txn, &row, target, StepChanges::default(), working.me()).await? {
            Some(moved) => current = moved,
            None => {
                txn.rollback().await.map_err(context::internal)?;
                return Err(refuse("then", Problem::StepNotAllowed));
            }
        }
    }
    let subject = match target {
        Some(CaseStatus::WaitingForInitiator) => "Een vraag over je zaak",
        Some(CaseStatus::Answered) => "Antwoord op je zaak",
        _ => "Bericht over je zaak",
    };
    tell_initiator(&txn, &working, &current, subject, &text).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(working.municipality_id.0),
            actor: Some(working.me()),
            action: "message_initiator",
            details: format!(
                "message on desk case {}{}",
                row.number,
                target.map(|t| format!(", now {}", t.as_str())).unwrap_or_default()
            ),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
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
    use crate::domain::initiatives::check_message;
    use crate::domain::validation::FieldError;
    use crate::server::submission::{self, Submit};
    use crate::server::{context, desk};

    let working = support::working(&municipality).await?;
    let row = working.case(id).await?;
    let typed = vec![("note".to_owned(), note.clone())];
    let text = check_message(&note).map_err(|problem| {
        context::answer_with(AppError::validation_of(vec![FieldError::new("note", problem)], typed.clone()))
    })?;
    let state = &working.signed_in.state;
    let target = format!("desk_note:{}", row.id);
    let submit = Submit::verified(&state.settings.form_key, working.me(), &submission_token, &target)
        .ok_or_else(|| submission::expired("note", typed))?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let note = desk::conversation::add_note(&txn, row.id, working.me(), &text, Utc::now()).await?;
    // A repeat leaves the first note as the only one.
    if submit.claim(&txn, note).await? == submission::Claim::First {
        txn.commit().await.map_err(context::internal)?;
    } else {
        txn.rollback().await.map_err(context::internal)?;
    }
    leptos_axum::redirect(&format!("{}#notities", working.case_path(row.id)));
    Ok(())
}

#[server(endpoint = "get_desk_settings")]
pub async fn get_desk_settings(municipality: String) -> Result<DeskSettingsPage, AppError> {
    use crate::server::{context, desk};
    let working = support::working(&municipality).await?;
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

    let working = support::working(&municipality).await?;
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
