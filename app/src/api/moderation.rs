//! Moderation: the house rules every comment form links to, the queue where a municipality's
//! moderators handle reported and waiting comments, and the audit log staff can read. Every
//! moderation decision is written to the audit log in the same transaction, with its reason.

use crate::error::AppError;
pub use crate::model::moderation::*;
use leptos::prelude::*;

/// The house rules a municipality starts with, until its administrator writes its own.
pub const DEFAULT_HOUSE_RULES: &str = "\
We willen dat iedereen hier prettig en veilig kan meepraten. Daarom vragen we je:

- **Blijf bij het onderwerp.** Reageer op het plan of op wat anderen zeggen.
- **Wees respectvol.** Geen schelden, bedreigen, discrimineren of persoonlijke aanvallen.
- **Geen persoonlijke gegevens** van jezelf of anderen, zoals adressen of telefoonnummers.
- **Geen reclame** en geen berichten die steeds hetzelfde zeggen.
- **Houd je aan de wet.**

Een moderator van de gemeente kan een reactie verbergen als die tegen deze regels ingaat. \
Er blijft dan zichtbaar dát er een reactie was, en waarom hij is verborgen. \
Zie je een reactie die niet door de beugel kan? Gebruik dan de knop “Meld deze reactie”.";

#[cfg(feature = "ssr")]
async fn moderator_of(
    municipality: &str,
) -> Result<(crate::server::context::SignedIn, crate::api::tenancy::MunicipalityDetail), AppError> {
    use crate::domain::roles::can_moderate;
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::context;
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    if !can_moderate(&signed_in.actor, MunicipalityId(found.id)) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    Ok((signed_in, found))
}

#[server(endpoint = "get_house_rules")]
pub async fn get_house_rules(municipality: String) -> Result<HouseRules, AppError> {
    use crate::domain::roles::can_edit_house_style;
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{context, markdown, moderation};

    let state = context::app_state()?;
    let session = context::session().await?;
    let actor = context::current_account(&state, &session).await?.map(|(_, actor)| actor);
    let found = context::municipality_named(&state, &municipality).await?;
    let id = MunicipalityId(found.id);
    let own = moderation::house_rules(&state.db, id).await?;
    let text = own.clone().unwrap_or_else(|| DEFAULT_HOUSE_RULES.to_owned());
    let can_edit = actor.as_ref().is_some_and(|a| can_edit_house_style(a, id));
    Ok(HouseRules {
        municipality_slug: found.slug,
        municipality_name: found.name,
        rules_html: markdown::to_safe_html(&text),
        markdown: can_edit.then_some(text),
        own_text: own.is_some(),
    })
}

/// The municipality's administrator writes its house rules (Markdown).
#[server(endpoint = "save_house_rules")]
pub async fn save_house_rules(municipality: String, house_rules: String) -> Result<(), AppError> {
    use crate::domain::roles::can_edit_house_style;
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::trajectories::{required_text, BODY_MAX};
    use crate::domain::validation::FieldError;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, moderation};

    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, &municipality).await?;
    let id = MunicipalityId(found.id);
    if !can_edit_house_style(&signed_in.actor, id) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let text = required_text(&house_rules, BODY_MAX).map_err(|problem| {
        context::answer_with(AppError::validation(
            vec![FieldError::new("house_rules", problem)],
            &[("house_rules", &house_rules)],
        ))
    })?;
    let txn = crate::server::writes::begin_write(&signed_in.state.db).await.map_err(context::internal)?;
    moderation::save_house_rules(&txn, id, &text).await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(found.id),
            actor: Some(signed_in.account.id),
            action: "save_house_rules",
            details: "house rules changed".to_owned(),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/{}/huisregels?opgeslagen=ja", found.slug));
    Ok(())
}

/// Reported comments and comments waiting under pre-moderation, for the municipality's moderators.
#[server(endpoint = "list_moderation_queue")]
pub async fn list_moderation_queue(municipality: String) -> Result<Vec<QueueItem>, AppError> {
    use crate::domain::consultations::InputStatus;
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::moderation;

    let (signed_in, found) = moderator_of(&municipality).await?;
    let entries = moderation::queue(&signed_in.state.db, MunicipalityId(found.id)).await?;
    Ok(entries
        .into_iter()
        .map(|e| QueueItem {
            comment: e.input.id,
            consultation: e.input.activity_id.unwrap_or_default(),
            consultation_title: e.activity_title,
            author: e.author_name.or(e.input.on_behalf_name).unwrap_or_else(|| "inwoner".to_owned()),
            body: e.input.body,
            status: InputStatus::parse(&e.input.status).unwrap_or(InputStatus::Hidden),
            created_at: e.input.created_at,
            created_local: crate::server::clock::local_time(e.input.created_at),
            reports: e
                .open_reports
                .into_iter()
                .map(|r| ReportView { reason: r.reason, created_at: r.created_at })
                .collect(),
        })
        .collect())
}

/// Hides, restores or approves a comment, or marks its reports unfounded. Hiding needs a reason
/// everyone can read; every decision goes into the audit log with who, what and why.
#[server(endpoint = "moderate_comment")]
pub async fn moderate_comment(
    municipality: String,
    comment: i32,
    decision: String,
    #[server(default)] reason: String,
    #[server(default)] back_to: String,
) -> Result<(), AppError> {
    use crate::domain::consultations::{check_reason, InputStatus};
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::validation::FieldError;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{consultations, context, moderation};

    let (signed_in, found) = moderator_of(&municipality).await?;
    let decision = Decision::parse(&decision).ok_or_else(|| context::answer_with(AppError::Request))?;
    let db = &signed_in.state.db;
    let row =
        consultations::find_input(db, MunicipalityId(found.id), comment).await?.ok_or_else(consultations::not_found)?;
    let status = InputStatus::parse(&row.status).unwrap_or(InputStatus::Hidden);
    let field = format!("hide_reason[{comment}]");
    let reason = match decision {
        Decision::Hide => Some(check_reason(&reason).map_err(|problem| {
            context::answer_with(AppError::validation_of(
                vec![FieldError::new(&field, problem)],
                vec![(field.clone(), reason.clone())],
            ))
        })?),
        _ => None,
    };
    let allowed = match decision {
        Decision::Hide => matches!(status, InputStatus::Visible | InputStatus::Pending),
        Decision::Restore => status == InputStatus::Hidden,
        Decision::Unfounded => true,
        Decision::Approve => status == InputStatus::Pending,
    };
    if !allowed {
        return Err(context::answer_with(AppError::Conflict));
    }
    let moderator = signed_in.account.id;
    let txn = crate::server::writes::begin_write(db).await.map_err(context::internal)?;
    let settled = match decision {
        Decision::Hide => {
            consultations::set_status(&txn, row.id, InputStatus::Hidden, reason.clone(), Some(moderator)).await?;
            moderation::settle_reports(&txn, row.id, "upheld", moderator).await?
        }
        Decision::Restore | Decision::Approve => {
            consultations::set_status(&txn, row.id, InputStatus::Visible, None, Some(moderator)).await?;
            moderation::settle_reports(&txn, row.id, "unfounded", moderator).await?
        }
        Decision::Unfounded => moderation::settle_reports(&txn, row.id, "unfounded", moderator).await?,
    };
    let why = reason.as_deref().map(|r| format!(", reason: {r}")).unwrap_or_default();
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(found.id),
            actor: Some(moderator),
            action: "moderate_comment",
            details: format!("{} comment {} ({settled} report(s) settled){why}", decision.as_str(), row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    let back = if back_to.starts_with('/') && !back_to.starts_with("//") {
        back_to
    } else {
        format!("/beheer/{}/moderatie", found.slug)
    };
    leptos_axum::redirect(&back);
    Ok(())
}

/// The municipality's audit log, for its staff: read-only, newest first.
#[server(endpoint = "list_audit_log")]
pub async fn list_audit_log(municipality: String, #[server(default)] page: String) -> Result<AuditPage, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{context, moderation};

    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, &municipality).await?;
    if !signed_in.actor.is_staff_of(MunicipalityId(found.id)) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let page = crate::domain::paging::page_number(&page);
    let (rows, total) = moderation::audit_page(&signed_in.state.db, MunicipalityId(found.id), page).await?;
    Ok(AuditPage {
        municipality_name: found.name,
        entries: rows
            .into_iter()
            .map(|(row, actor)| AuditEntryView {
                at: row.created_at,
                at_local: crate::server::clock::local_time(row.created_at),
                actor,
                action: row.action,
                details: row.details,
            })
            .collect(),
        page,
        pages: crate::domain::consultations::page_count(total, moderation::AUDIT_PAGE_SIZE),
    })
}
