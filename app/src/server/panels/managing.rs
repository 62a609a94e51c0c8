//! What a panel administrator's request starts from, and the pages they read: the list of panels
//! and one panel with its members and codes.

use super::{code_counts, draft_of, find, list, members, not_found, running_member_counts};
use crate::domain::roles::can_manage_panels;
use crate::domain::tenancy::MunicipalityId;
use crate::error::{AppError, AppResult};
use crate::model::panels::{MemberView, PanelDetail, PanelSummary, PanelsPage};
use crate::model::tenancy::MunicipalityDetail;
use crate::server::audit;
use crate::server::context::{self, internal, SignedIn};
use crate::server::entities::panel;
use sea_orm::ConnectionTrait;

/// Where freshly made codes wait in the session for the page that shows them, once.
pub(super) const NEW_CODES: &str = "panel_new_codes";

/// The signed-in administrator and the municipality whose panels they manage.
pub struct Managing {
    pub signed_in: SignedIn,
    pub municipality: MunicipalityDetail,
    pub municipality_id: MunicipalityId,
}

/// The signed-in person of this request, if they may manage the panels of `municipality`.
pub async fn managing(municipality: &str) -> AppResult<Managing> {
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let municipality_id = MunicipalityId(found.id);
    if !can_manage_panels(&signed_in.actor, municipality_id) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    Ok(Managing { signed_in, municipality: found, municipality_id })
}

impl Managing {
    /// One of this municipality's panels; NotFound for another municipality's.
    pub async fn panel(&self, id: i32) -> AppResult<panel::Model> {
        find(&self.signed_in.state.db, self.municipality_id, id).await?.ok_or_else(not_found)
    }

    pub fn panel_path(&self, id: i32) -> String {
        format!("/beheer/{}/panels/{id}", self.municipality.slug)
    }

    /// Records in the audit trail what this person did, in the same transaction as the change.
    pub(super) async fn audit(&self, txn: &impl ConnectionTrait, action: &str, details: String) -> AppResult<()> {
        let now = self.signed_in.state.clock.now();
        audit::staff_did(txn, self.municipality.id, self.signed_in.account.id, action, details, now).await
    }
}

fn summary(row: panel::Model, members: u64) -> PanelSummary {
    let draft = draft_of(&row);
    PanelSummary {
        id: row.id,
        name: row.name,
        description: row.description,
        min_age: draft.min_age,
        max_age: draft.max_age,
        term_starts_on: row.term_starts_on,
        term_ends_on: row.term_ends_on,
        members,
    }
}

/// The municipality's panels with how many members each has now.
pub async fn panels_page(managing: &Managing) -> AppResult<PanelsPage> {
    let db = &managing.signed_in.state.db;
    let rows = list(db, managing.municipality_id).await?;
    let counts = running_member_counts(db, &rows.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
    let summaries = rows.into_iter().map(|row| {
        let members = counts.get(&row.id).copied().unwrap_or(0);
        summary(row, members)
    });
    Ok(PanelsPage {
        municipality_slug: managing.municipality.slug.clone(),
        municipality_name: managing.municipality.name.clone(),
        panels: summaries.collect(),
    })
}

/// One panel: its members (display names only), its codes, and codes made a moment ago.
pub async fn panel_detail(managing: &Managing, id: i32) -> AppResult<PanelDetail> {
    let state = &managing.signed_in.state;
    let row = managing.panel(id).await?;
    let members = members(&state.db, row.id).await?;
    let (open_codes, used_codes) = code_counts(&state.db, row.id, state.clock.now()).await?;
    let session = &managing.signed_in.session;
    let new_codes = match session.get::<(i32, Vec<String>)>(NEW_CODES).await.ok().flatten() {
        Some((panel, codes)) if panel == row.id => {
            session.remove::<(i32, Vec<String>)>(NEW_CODES).await.map_err(internal)?;
            codes
        }
        _ => Vec::new(),
    };
    let running = members.iter().filter(|m| m.membership.ends_on.is_none()).count() as u64;
    let members = members.into_iter().map(|m| MemberView {
        user_id: m.membership.user_id,
        display_name: m.display_name,
        starts_on: m.membership.starts_on,
        ends_on: m.membership.ends_on,
        added_by_staff: m.membership.added_by.is_some(),
    });
    Ok(PanelDetail {
        municipality_slug: managing.municipality.slug.clone(),
        panel: summary(row, running),
        members: members.collect(),
        open_codes,
        used_codes,
        new_codes,
        join_url: format!("{}/{}/panel-aanmelden", state.settings.public_url, managing.municipality.slug),
    })
}
