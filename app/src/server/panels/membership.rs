//! A resident and their panels: joining with a code, the welcome with the panel's open polls,
//! the panels one is in, and leaving.

use super::{end_membership, find, memberships_of, open_polls, panel_names_on, redeem};
use crate::domain::panels::same_name;
use crate::domain::tenancy::MunicipalityId;
use crate::error::{AppError, AppResult};
use crate::model::panels::{MyPanel, OpenPanelPoll, Welcome};
use crate::server::clock;
use crate::server::context::{self, SignedIn};
use crate::server::entities::panel;

/// Joins a panel of `municipality` with an invitation code; the panel joined.
#[tracing::instrument(skip_all, fields(municipality = municipality.0))]
pub async fn join_panel(signed_in: &SignedIn, municipality: MunicipalityId, code: &str) -> AppResult<panel::Model> {
    let state = &signed_in.state;
    // Codes are long enough not to be guessed; the posting throttle keeps it that way.
    state.throttle.check_posting(&state.db, state.clock.now(), signed_in.account.id).await?;
    redeem(&state.db, municipality, code, &signed_in.account, state.clock.now())
        .await?
        .map_err(|problem| AppError::refused("code", problem).refilled(vec![("code".into(), code.into())]))
}

/// The welcome after joining: the panel's name and its members' open polls. Only for a member
/// (so it says nothing about panels one is not in).
pub async fn panel_welcome(signed_in: &SignedIn, municipality: MunicipalityId, panel: i32) -> AppResult<Welcome> {
    let (db, now) = (&signed_in.state.db, signed_in.state.clock.now());
    let member_of = panel_names_on(db, municipality, signed_in.account.id, clock::dutch_day(now)).await?;
    let row = find(db, municipality, panel)
        .await?
        .filter(|row| member_of.iter().any(|name| same_name(name, &row.name)))
        .ok_or_else(|| context::answer_with(AppError::NotFound))?;
    let polls = open_polls(db, municipality, row.id, now).await?.into_iter();
    let open_polls = polls
        .map(|(id, title, closes_at)| OpenPanelPoll { id, title, closes_on: clock::dutch_day(closes_at) })
        .collect();
    Ok(Welcome { name: row.name, open_polls })
}

/// The panels the reader is a member of now.
pub async fn my_panels(signed_in: &SignedIn) -> AppResult<Vec<MyPanel>> {
    let memberships = memberships_of(&signed_in.state.db, signed_in.account.id).await?;
    Ok(memberships
        .into_iter()
        .map(|(panel, membership)| MyPanel {
            id: panel.id,
            name: panel.name,
            municipality_id: panel.municipality_id,
            since: membership.starts_on,
        })
        .collect())
}

/// Leaves a panel; from today on the reader no longer votes as its member.
#[tracing::instrument(skip_all, fields(panel = panel))]
pub async fn leave_panel(signed_in: &SignedIn, panel: i32) -> AppResult<()> {
    let today = signed_in.state.clock.today();
    let yesterday = today.pred_opt().unwrap_or(today);
    if !end_membership(&signed_in.state.db, panel, signed_in.account.id, yesterday).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}
