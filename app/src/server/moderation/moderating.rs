//! What moderators and administrators do about what residents write: the house rules every
//! comment form links to, the queue of reported and waiting comments, the decisions on them, and
//! the audit log staff can read. Every decision is written to the audit log in the same
//! transaction, with its reason.

use super::{audit_page, house_rules, queue, save_house_rules, settle_reports, AUDIT_PAGE_SIZE};
use crate::domain::consultations::{check_reason, page_count, InputStatus};
use crate::domain::navigation::safe_next;
use crate::domain::roles::can_edit_house_style;
use crate::domain::tenancy::MunicipalityId;
use crate::domain::trajectories::{required_text, BODY_MAX};
use crate::error::{AppError, AppResult};
use crate::model::moderation::{AuditEntryView, AuditPage, Decision, HouseRules, QueueItem, ReportView};
use crate::model::tenancy::MunicipalityDetail;
use crate::server::context::{self, internal, SignedIn};
use crate::server::writes::begin_write;
use crate::server::{audit, clock, consultations, markdown};

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
/// A signed-in person and the municipality whose comments they handle.
pub struct Moderating {
    pub signed_in: SignedIn,
    pub municipality: MunicipalityDetail,
}

impl Moderating {
    fn id(&self) -> MunicipalityId {
        MunicipalityId(self.municipality.id)
    }
}

/// The signed-in person of this request and the named municipality, if `may` lets them in.
pub async fn moderating(
    municipality: &str,
    may: fn(&crate::domain::roles::Actor, MunicipalityId) -> bool,
) -> AppResult<Moderating> {
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    if !may(&signed_in.actor, MunicipalityId(found.id)) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    Ok(Moderating { signed_in, municipality: found })
}

/// The house rules for everyone; the text to edit for those who may.
pub async fn house_rules_page(municipality: &str) -> AppResult<HouseRules> {
    let reader = context::reader(municipality).await?;
    let own = house_rules(&reader.state.db, reader.municipality_id).await?;
    let text = own.clone().unwrap_or_else(|| DEFAULT_HOUSE_RULES.to_owned());
    let can_edit = reader.actor.as_ref().is_some_and(|a| can_edit_house_style(a, reader.municipality_id));
    Ok(HouseRules {
        municipality_slug: reader.municipality.slug,
        municipality_name: reader.municipality.name,
        rules_html: markdown::to_safe_html(&text),
        markdown: can_edit.then_some(text),
        own_text: own.is_some(),
    })
}

/// The municipality's administrator writes its house rules (Markdown).
#[tracing::instrument(skip_all, fields(municipality = editing.municipality.id))]
pub async fn save_house_rules_text(editing: &Moderating, text: &str) -> AppResult<()> {
    let typed = vec![("house_rules".to_owned(), text.to_owned())];
    let text = required_text(text, BODY_MAX).map_err(|p| AppError::refused("house_rules", p).refilled(typed))?;
    let (db, me) = (&editing.signed_in.state.db, editing.signed_in.account.id);
    let txn = begin_write(db).await.map_err(internal)?;
    save_house_rules(&txn, editing.id(), &text).await?;
    let (details, now) = ("house rules changed".to_owned(), editing.signed_in.state.clock.now());
    audit::staff_did(&txn, editing.municipality.id, me, "save_house_rules", details, now).await?;
    txn.commit().await.map_err(internal)
}

/// Reported comments and comments waiting under pre-moderation.
pub async fn moderation_queue(moderating: &Moderating) -> AppResult<Vec<QueueItem>> {
    let entries = queue(&moderating.signed_in.state.db, moderating.id()).await?;
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
            created_local: clock::local_time(e.input.created_at),
            reports: e
                .open_reports
                .into_iter()
                .map(|r| ReportView { reason: r.reason, created_at: r.created_at })
                .collect(),
        })
        .collect())
}

/// Hides, restores or approves a comment, or marks its reports unfounded. Hiding needs a reason
/// everyone can read. Where the moderator goes next: `back_to` when it is a page of this site.
#[tracing::instrument(skip_all, fields(comment = comment))]
pub async fn moderate_comment(
    moderating: &Moderating,
    comment: i32,
    decision: &str,
    reason: &str,
    back_to: &str,
) -> AppResult<String> {
    let decision = Decision::parse(decision).ok_or(AppError::Request)?;
    let db = &moderating.signed_in.state.db;
    let row = consultations::find_input(db, moderating.id(), comment).await?.ok_or_else(consultations::not_found)?;
    let status = InputStatus::parse(&row.status).unwrap_or(InputStatus::Hidden);
    let reason = match decision {
        Decision::Hide => {
            let field = format!("hide_reason[{comment}]");
            let typed = vec![(field.clone(), reason.to_owned())];
            Some(check_reason(reason).map_err(|problem| AppError::refused(&field, problem).refilled(typed))?)
        }
        _ => None,
    };
    let allowed = match decision {
        Decision::Hide => matches!(status, InputStatus::Visible | InputStatus::Pending),
        Decision::Restore => status == InputStatus::Hidden,
        Decision::Unfounded => true,
        Decision::Approve => status == InputStatus::Pending,
    };
    if !allowed {
        return Err(AppError::Conflict);
    }
    let (moderator, now) = (moderating.signed_in.account.id, moderating.signed_in.state.clock.now());
    let txn = begin_write(db).await.map_err(internal)?;
    let settled = match decision {
        Decision::Hide => {
            consultations::set_status(&txn, row.id, InputStatus::Hidden, reason.clone(), Some(moderator), now).await?;
            settle_reports(&txn, row.id, "upheld", moderator, now).await?
        }
        Decision::Restore | Decision::Approve => {
            consultations::set_status(&txn, row.id, InputStatus::Visible, None, Some(moderator), now).await?;
            settle_reports(&txn, row.id, "unfounded", moderator, now).await?
        }
        Decision::Unfounded => settle_reports(&txn, row.id, "unfounded", moderator, now).await?,
    };
    let why = reason.as_deref().map(|r| format!(", reason: {r}")).unwrap_or_default();
    let details = format!("{} comment {} ({settled} report(s) settled){why}", decision.as_str(), row.id);
    audit::staff_did(&txn, moderating.municipality.id, moderator, "moderate_comment", details, now).await?;
    txn.commit().await.map_err(internal)?;
    let queue = format!("/beheer/{}/moderatie", moderating.municipality.slug);
    Ok(safe_next(back_to, &queue).to_owned())
}

/// The municipality's audit log, newest first, a page at a time.
pub async fn audit_log(staff: &Moderating, page: &str) -> AppResult<AuditPage> {
    let page = crate::domain::paging::page_number(page);
    let (rows, total) = audit_page(&staff.signed_in.state.db, staff.id(), page).await?;
    let entries = rows.into_iter().map(|(row, actor)| AuditEntryView {
        at: row.created_at,
        at_local: clock::local_time(row.created_at),
        actor,
        action: row.action,
        details: row.details,
    });
    Ok(AuditPage {
        municipality_name: staff.municipality.name.clone(),
        entries: entries.collect(),
        page,
        pages: page_count(total, AUDIT_PAGE_SIZE),
    })
}
