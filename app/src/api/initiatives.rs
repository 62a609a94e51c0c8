//! Residents' own initiatives, ideas and questions at the participation desk: bringing one in (or
//! a desk officer doing so for someone at the counter, by phone or by letter), following one's own
//! cases with their deadlines and messages, answering the desk, and the public register where
//! other residents support initiatives. What the desk does with a case is in `api::desk`.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::desk::CaseStatus;
use crate::error::AppError;
pub use crate::model::initiatives::*;
#[cfg(feature = "ssr")]
use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub mod support {
    use super::*;
    use crate::api::tenancy::MunicipalityDetail;
    use crate::domain::desk::ServiceNorm;
    use crate::domain::initiatives::SupportKind;
    use crate::error::AppResult;
    use crate::server::context::internal;
    use crate::server::desk::{cases, conversation};
    use crate::server::entities::{activity, desk_case, trajectory};
    use sea_orm::{ConnectionTrait, EntityTrait};

    pub fn norm_view(norm: ServiceNorm) -> NormView {
        NormView { acknowledge_within: norm.acknowledge_within, answer_within: norm.answer_within }
    }

    pub fn area_name(m: &MunicipalityDetail, area: Option<i32>) -> Option<String> {
        area.and_then(|id| m.areas.iter().find(|a| a.id == id)).map(|a| a.name.clone())
    }

    pub fn register_item(m: &MunicipalityDetail, row: &desk_case::Model) -> RegisterItem {
        RegisterItem {
            id: row.id,
            number: row.number.clone(),
            kind: row.kind.clone(),
            title: row.title.clone(),
            area_name: area_name(m, row.area_id),
            status: cases::status_of(row),
            supports: u32::try_from(row.supports).unwrap_or(0),
            received_on: row.received_on,
            council_listed_on: row.council_listed_on,
        }
    }

    /// The case with its steps and messages; what both the initiator and the desk read.
    pub async fn case_view(
        db: &impl ConnectionTrait,
        m: &MunicipalityDetail,
        row: &desk_case::Model,
        today: NaiveDate,
        submission_token: Option<String>,
    ) -> AppResult<CaseView> {
        let steps = cases::steps(db, row.id).await?;
        let clock = cases::clock_of(row, &steps);
        let messages = conversation::messages(db, row.id).await?;
        let forwarded_to = match row.forwarded_to {
            Some(id) => trajectory::Entity::find_by_id(id).one(db).await.map_err(internal)?.map(|t| (t.id, t.title)),
            None => None,
        };
        let brought_in_at = match row.activity_id {
            Some(id) => activity::Entity::find_by_id(id)
                .find_also_related(trajectory::Entity)
                .one(db)
                .await
                .map_err(internal)?
                .map(|(a, t)| (a.id, a.title, t.map(|t| t.title).unwrap_or_default())),
            None => None,
        };
        Ok(CaseView {
            id: row.id,
            number: row.number.clone(),
            municipality_slug: m.slug.clone(),
            municipality_name: m.name.clone(),
            kind: row.kind.clone(),
            title: row.title.clone(),
            description: row.description.clone(),
            area_name: area_name(m, row.area_id),
            support_asked: SupportKind::split(&row.support_asked).iter().map(|k| k.as_str().to_owned()).collect(),
            public: row.public,
            status: cases::status_of(row),
            received_on: row.received_on,
            acknowledge_by: clock.acknowledge_by,
            acknowledged_on: clock.acknowledged_on,
            answer_by: clock.answer_by,
            answered_on: clock.answered_on,
            overdue: !cases::status_of(row).is_finished() && clock.overdue(today),
            supports: u32::try_from(row.supports).unwrap_or(0),
            council_listed_on: row.council_listed_on,
            forwarded_to,
            brought_in_at,
            steps: steps
                .iter()
                .filter_map(|s| CaseStatus::parse(&s.status).map(|status| StepView { status, on: s.taken_on }))
                .collect(),
            messages: messages
                .into_iter()
                .map(|m| MessageView {
                    from_desk: m.row.from_desk,
                    author: if m.row.from_desk { String::new() } else { m.author_name.unwrap_or_default() },
                    body: m.row.body,
                    at: m.row.created_at,
                    at_local: crate::server::clock::local_time(m.row.created_at),
                })
                .collect(),
            norm: norm_view(cases::norm_of(row)),
            submission_token,
        })
    }

    /// An ideas activity of the reader's municipality (404 for an unknown one, or a draft's for
    /// residents), whether it is open, and whether the reader may bring an idea in there today.
    pub async fn ideas_activity(
        reader: &crate::server::context::Reader,
        id: i32,
    ) -> AppResult<(
        crate::server::activities::Placed,
        crate::domain::consultations::Window,
        crate::api::consultations::MayComment,
    )> {
        use crate::server::consultations::{may_take_part, panels_if_asked};
        use crate::server::{activities, clock, context, desk::ideas};
        let placed = activities::find(&reader.state.db, reader.municipality_id, id, ideas::KIND)
            .await?
            .ok_or_else(|| context::answer_with(AppError::NotFound))?;
        let is_staff = reader.actor.as_ref().is_some_and(|a| a.is_staff_of(reader.municipality_id));
        if !placed.trajectory.status.is_public() && !is_staff {
            return Err(context::answer_with(AppError::NotFound));
        }
        let window = crate::domain::consultations::window(
            placed.trajectory.status,
            placed.phase.starts_on,
            placed.phase.ends_on,
            clock::today(),
        );
        let panels =
            panels_if_asked(&reader.state, reader.municipality_id, &placed.trajectory, reader.account.as_ref()).await?;
        // An idea is a case for the desk, not a vote: it needs no confirmed address.
        let today = reader.state.clock.today();
        let may = may_take_part(window, reader.account.as_ref(), is_staff, &placed.trajectory, &panels, false, today);
        Ok((placed, window, may))
    }

    /// The ideas activity a form names, when the reader may bring an idea in there today: 404
    /// for an unknown one (or a draft's, for residents), refusals that say why otherwise.
    pub async fn open_ideas_activity(
        reader: &crate::server::context::Reader,
        raw: &str,
    ) -> AppResult<Result<i32, crate::domain::validation::Problem>> {
        use crate::api::consultations::MayComment;
        use crate::domain::validation::Problem;
        use crate::server::context;
        let id = raw.parse::<i32>().map_err(|_| context::answer_with(AppError::NotFound))?;
        let (placed, _, may) = ideas_activity(reader, id).await?;
        match may {
            MayComment::Yes => Ok(Ok(placed.activity.id)),
            MayComment::SignIn => Err(context::answer_with(AppError::Unauthenticated)),
            MayComment::NotEligible(_) => Err(context::answer_with(AppError::Forbidden)),
            MayComment::NotYetOpen(_) | MayComment::Closed(_) => Ok(Err(Problem::IdeasClosed)),
        }
    }

    /// The link to a case for its initiator.
    pub fn case_link(public_url: &str, case: i32) -> String {
        format!("{public_url}/account/zaken/{case}")
    }
}

/// What the form to bring in an initiative needs.
#[server(endpoint = "get_initiative_form")]
pub async fn get_initiative_form(municipality: String) -> Result<InitiativeFormPage, AppError> {
    use crate::domain::roles::can_work_desk;
    use crate::server::{context, desk, submission};
    let reader = context::reader(&municipality).await?;
    let settings = desk::settings::of(&reader.state.db, reader.municipality_id.0).await?;
    let token = reader
        .account
        .as_ref()
        .map(|a| submission::issue(&reader.state.settings.form_key, a.id, Utc::now().timestamp()));
    Ok(InitiativeFormPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        areas: reader.municipality.areas.clone(),
        submission_token: token,
        reader_area: reader.account.as_ref().and_then(|a| a.area_id),
        may_enter_for_others: reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)),
        norm: support::norm_view(settings.norm),
    })
}

/// Brings an initiative, idea or question to the municipality's desk. With `on_behalf` set, a
/// desk officer enters it for someone helped at the counter, by phone or by letter. The same
/// `submission_token` never makes two cases.
#[server(endpoint = "submit_initiative")]
pub async fn submit_initiative(
    municipality: String,
    submission_token: String,
    #[server(default)] kind: String,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] area: String,
    #[server(default)] support: Vec<String>,
    #[server(default)] public: String,
    #[server(default)] on_behalf: String,
    #[server(default)] channel: String,
    #[server(default)] contact_name: String,
    #[server(default)] contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] activity: String,
) -> Result<i32, AppError> {
    use crate::domain::initiatives::{check_initiative, InitiativeForm, OnBehalfForm};
    use crate::domain::roles::can_work_desk;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::desk::{self, cases::NewCase};
    use crate::server::mail::{self, Mail};
    use crate::server::{context, submission};

    let reader = context::reader(&municipality).await?;
    let account = reader.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let for_someone_else = !on_behalf.trim().is_empty();
    if for_someone_else && !reader.actor.as_ref().is_some_and(|a| can_work_desk(a, reader.municipality_id)) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    // An idea brought in inside a trajectory's "ideas" activity: while it is open, by whom the
    // rules of play invite.
    let in_activity = match activity.trim() {
        "" => None,
        raw => Some(support::open_ideas_activity(&reader, raw).await?),
    };
    let kind = if in_activity.is_some() { "idea".to_owned() } else { kind };
    let form = InitiativeForm {
        kind,
        title,
        description,
        area,
        support,
        public: public.clone(),
        on_behalf: for_someone_else.then(|| OnBehalfForm {
            channel: channel.clone(),
            name: contact_name.clone(),
            email: contact_email.clone(),
            phone: contact_phone.clone(),
        }),
    };
    let typed = vec![
        ("kind".to_owned(), form.kind.clone()),
        ("title".to_owned(), form.title.clone()),
        ("description".to_owned(), form.description.clone()),
        ("area".to_owned(), form.area.clone()),
        ("support".to_owned(), form.support.join(",")),
        ("public".to_owned(), public),
        ("channel".to_owned(), channel),
        ("contact_name".to_owned(), contact_name),
        ("contact_email".to_owned(), contact_email),
        ("contact_phone".to_owned(), contact_phone),
    ];
    let state = &reader.state;
    let now = Utc::now();
    if !submission::verify(&state.settings.form_key, account.id, &submission_token, now.timestamp()) {
        return Err(context::answer_with(AppError::validation_of(
            vec![FieldError::new("title", Problem::FormExpired)],
            typed,
        )));
    }
    let activity_id = match in_activity {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(problem)) => {
            return Err(context::answer_with(AppError::validation_of(vec![FieldError::new("title", problem)], typed)))
        }
    };
    let areas: Vec<i32> = reader.municipality.areas.iter().map(|a| a.id).collect();
    let initiative = check_initiative(&form, &areas)
        .map_err(|checks| context::answer_with(AppError::validation_of(checks.into_errors(), typed.clone())))?;
    let settings = desk::settings::of(&state.db, reader.municipality_id.0).await?;
    let key = submission::key(&submission_token, "desk");
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let submitted = desk::cases::submit(
        &txn,
        NewCase {
            municipality_id: reader.municipality_id.0,
            municipality_slug: &reader.municipality.slug,
            initiative: &initiative,
            initiator_id: (!for_someone_else).then_some(account.id),
            entered_by: for_someone_else.then_some(account.id),
            activity_id,
            submission_key: key.clone(),
            norm: settings.norm,
            now,
        },
    )
    .await?;
    let Some(case) = submitted else {
        // The same form was sent before: show the case that one made.
        txn.rollback().await.map_err(context::internal)?;
        let existing = desk::cases::find_by_key(&state.db, &key).await?.ok_or_else(desk::not_found)?;
        redirect_after_submit(&reader.municipality.slug, &existing, for_someone_else);
        return Ok(existing.id);
    };
    if !for_someone_else {
        // Only new cases count against the limit, so a retried request is never refused.
        if let Err(wait) = state.throttle.check_posting(account.id) {
            txn.rollback().await.map_err(context::internal)?;
            return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
        }
    }
    if let Some(to) = desk::conversation::initiator_address(&txn, &case).await? {
        let link = if case.initiator_id.is_some() {
            format!("Volg je zaak: {}\n\n", support::case_link(&state.settings.public_url, case.id))
        } else {
            String::new()
        };
        mail::enqueue(
            &txn,
            Mail {
                to: &to,
                subject: &format!("Ontvangen: {} ({})", case.title, case.number),
                body: format!(
                    "Hallo,\n\nHet participatieloket van {municipality} heeft je {kind} \"{title}\" ontvangen.\n\
                     Je zaaknummer is {number}.\n\n\
                     Wat je kunt verwachten:\n\
                     - uiterlijk {ack} laten we weten wie je zaak oppakt;\n\
                     - uiterlijk {answer} krijg je een inhoudelijk antwoord.\n\
                     Vragen wij jou iets, dan staat de klok stil tot je antwoordt.\n\n{link}\
                     Met vriendelijke groet,\nHet participatieloket van {municipality}\n",
                    municipality = reader.municipality.name,
                    kind = kind_word(&case.kind),
                    title = case.title,
                    number = case.number,
                    ack = case.acknowledge_by.format("%d-%m-%Y"),
                    answer = case.answer_by.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default(),
                ),
                unsubscribe_url: None,
            },
        )
        .await?;
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(reader.municipality_id.0),
            actor: Some(account.id),
            action: if for_someone_else { "enter_initiative_for_someone" } else { "submit_initiative" },
            details: format!("desk case {} ({})", case.number, case.kind),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    redirect_after_submit(&reader.municipality.slug, &case, for_someone_else);
    Ok(case.id)
}

#[cfg(feature = "ssr")]
fn redirect_after_submit(slug: &str, case: &crate::server::entities::desk_case::Model, for_someone_else: bool) {
    if for_someone_else {
        leptos_axum::redirect(&format!("/beheer/{slug}/loket/zaken/{}?ingevoerd=1", case.id));
    } else {
        leptos_axum::redirect(&format!("/account/zaken/{}?ontvangen=1", case.id));
    }
}

/// The Dutch word for a kind of case, in mail.
#[cfg(feature = "ssr")]
fn kind_word(kind: &str) -> &'static str {
    match kind {
        "idea" => "idee",
        "question" => "vraag",
        _ => "initiatief",
    }
}

/// The reader's own cases, newest first.
#[server(endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<Vec<MyCase>, AppError> {
    use crate::server::{context, desk};
    let signed_in = context::signed_in().await?;
    Ok(desk::cases::of_initiator(&signed_in.state.db, signed_in.account.id)
        .await?
        .into_iter()
        .map(|row| MyCase {
            id: row.id,
            status: desk::cases::status_of(&row),
            number: row.number,
            title: row.title,
            received_on: row.received_on,
        })
        .collect())
}

/// One of the reader's own cases; anyone else's is not found.
#[server(endpoint = "get_my_case")]
pub async fn get_my_case(id: i32) -> Result<CaseView, AppError> {
    use crate::server::{clock, context, desk, submission, tenancy};
    let signed_in = context::signed_in().await?;
    let db = &signed_in.state.db;
    let row = desk::cases::find_own(db, signed_in.account.id, id).await?.ok_or_else(desk::not_found)?;
    let m = tenancy::find_by_id(db, row.municipality_id).await?.ok_or_else(desk::not_found)?;
    let token = submission::issue(&signed_in.state.settings.form_key, signed_in.account.id, Utc::now().timestamp());
    support::case_view(db, &m, &row, clock::today(), Some(token)).await
}

/// The initiator answers the desk. When the desk was waiting for them, the clock runs again.
#[server(endpoint = "reply_to_desk")]
pub async fn reply_to_desk(case: i32, submission_token: String, body: String) -> Result<(), AppError> {
    use crate::domain::initiatives::check_message;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::desk::{self, cases::StepChanges};
    use crate::server::{context, submission};

    let signed_in = context::signed_in().await?;
    let state = &signed_in.state;
    let account = &signed_in.account;
    let row = desk::cases::find_own(&state.db, account.id, case).await?.ok_or_else(desk::not_found)?;
    let typed = vec![("body".to_owned(), body.clone())];
    let refuse = |problem: Problem| {
        context::answer_with(AppError::validation_of(vec![FieldError::new("body", problem)], typed.clone()))
    };
    let now = Utc::now();
    if !submission::verify(&state.settings.form_key, account.id, &submission_token, now.timestamp()) {
        return Err(refuse(Problem::FormExpired));
    }
    let text = check_message(&body).map_err(refuse)?;
    if desk::cases::status_of(&row).is_finished() {
        return Err(refuse(Problem::StepNotAllowed));
    }
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let key = submission::key(&submission_token, &format!("case:{case}"));
    if desk::conversation::add_message(&txn, row.id, false, account.id, &text, Some(key), now).await?.is_none() {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("/account/zaken/{case}?verstuurd=1#berichten"));
        return Ok(());
    }
    if desk::cases::status_of(&row) == CaseStatus::WaitingForInitiator {
        desk::cases::take_step(&txn, &row, CaseStatus::InProgress, StepChanges::default(), Some(account.id), now)
            .await?;
    }
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/account/zaken/{case}?verstuurd=1#berichten"));
    Ok(())
}

/// The public register of the municipality's initiatives, with the council's list, the norms
/// and the published figures.
#[server(endpoint = "get_register")]
pub async fn get_register(
    municipality: String,
    #[server(default)] sort: String,
    #[server(default)] page: String,
) -> Result<RegisterPage, AppError> {
    use crate::domain::consultations::page_count;
    use crate::domain::initiatives::PAGE_SIZE;
    use crate::server::desk::{self, register::RegisterOrder};
    use crate::server::{clock, context};
    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let m = &reader.municipality;
    let most_supported = sort == "steun";
    let order = if most_supported { RegisterOrder::MostSupported } else { RegisterOrder::Newest };
    let page = crate::domain::paging::page_number(&page);
    let (rows, total) = desk::register::page(db, m.id, order, page).await?;
    let settings = desk::settings::of(db, m.id).await?;
    let council = desk::register::council_list(db, m.id).await?;
    Ok(RegisterPage {
        municipality_slug: m.slug.clone(),
        municipality_name: m.name.clone(),
        items: rows.iter().map(|r| support::register_item(m, r)).collect(),
        total,
        page,
        pages: page_count(total, PAGE_SIZE),
        most_supported,
        council_list: council.iter().map(|r| support::register_item(m, r)).collect(),
        support_threshold: settings.support_threshold,
        norm: support::norm_view(settings.norm),
        figures: desk::figures::per_quarter(db, m.id, clock::today()).await?,
    })
}

/// A public initiative; a case that is not public is not found.
#[server(endpoint = "get_public_initiative")]
pub async fn get_public_initiative(municipality: String, id: i32) -> Result<PublicInitiative, AppError> {
    use crate::domain::initiatives::SupportKind;
    use crate::server::{context, desk};
    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let row =
        desk::cases::find(db, reader.municipality_id.0, id).await?.filter(|c| c.public).ok_or_else(desk::not_found)?;
    let may_support = match &reader.account {
        None => MaySupport::SignIn,
        Some(a) if row.initiator_id == Some(a.id) => MaySupport::Own,
        Some(a) if !a.email_confirmed() => MaySupport::ConfirmEmail,
        Some(a) => MaySupport::Yes { supported: desk::register::supported_by(db, row.id, a.id).await? },
    };
    let settings = desk::settings::of(db, reader.municipality_id.0).await?;
    Ok(PublicInitiative {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        item: support::register_item(&reader.municipality, &row),
        description: row.description.clone(),
        support_asked: SupportKind::split(&row.support_asked).iter().map(|k| k.as_str().to_owned()).collect(),
        may_support,
        support_threshold: settings.support_threshold,
    })
}

/// Supports a public initiative (`support` = "1") or takes the support back. One support per
/// person; not on one's own initiative.
#[server(endpoint = "support_initiative")]
pub async fn support_initiative(municipality: String, id: i32, support: String) -> Result<(), AppError> {
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{clock, context, desk};

    let reader = context::reader(&municipality).await?;
    let account = reader.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let state = &reader.state;
    let row = desk::cases::find(&state.db, reader.municipality_id.0, id)
        .await?
        .filter(|c| c.public)
        .ok_or_else(desk::not_found)?;
    if row.initiator_id == Some(account.id) || !account.email_confirmed() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let settings = desk::settings::of(&state.db, reader.municipality_id.0).await?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    if support == "1" {
        let added =
            desk::register::support(&txn, row.id, account.id, settings.support_threshold, clock::today(), Utc::now())
                .await?;
        if !added {
            // Supported already (a second click): nothing changes.
            txn.rollback().await.map_err(context::internal)?;
        } else {
            let after = desk::cases::find(&txn, reader.municipality_id.0, row.id).await?;
            if let Some(listed) = after.filter(|c| row.council_listed_on.is_none() && c.council_listed_on.is_some()) {
                audit::record(
                    &txn,
                    AuditEntry {
                        municipality: Some(reader.municipality_id.0),
                        actor: None,
                        action: "list_initiative_for_council",
                        details: format!("desk case {} reached {} supports", listed.number, listed.supports),
                    },
                )
                .await?;
            }
            txn.commit().await.map_err(context::internal)?;
        }
    } else {
        desk::register::withdraw_support(&txn, row.id, account.id).await?;
        txn.commit().await.map_err(context::internal)?;
    }
    leptos_axum::redirect(&format!("/{}/initiatieven/{}#steun", reader.municipality.slug, row.id));
    Ok(())
}
