//! Supporting a public initiative, or taking the support back. Reaching the municipality's
//! threshold puts the initiative on the council's list.

use super::register::{support, withdraw_support};
use super::{cases, not_found, settings};
use crate::error::{AppError, AppResult};
use crate::server::audit::{self, AuditEntry};
use crate::server::clock;
use crate::server::context::{internal, Reader};
use crate::server::writes::begin_write;

/// Supports (`supports` true) or stops supporting a public initiative. One support per person,
/// counted once however often the button is pressed; not on one's own initiative, and only with
/// a confirmed address.
#[tracing::instrument(skip_all, fields(case = id))]
pub async fn support_initiative(reader: &Reader, id: i32, supports: bool) -> AppResult<()> {
    let account = reader.account.as_ref().ok_or(AppError::Unauthenticated)?;
    let (db, municipality) = (&reader.state.db, reader.municipality_id.0);
    let row = cases::find(db, municipality, id).await?.filter(|c| c.public).ok_or_else(not_found)?;
    if row.initiator_id == Some(account.id) || !account.email_confirmed() {
        return Err(AppError::Forbidden);
    }
    let threshold = settings::of(db, municipality).await?.support_threshold;
    let txn = begin_write(db).await.map_err(internal)?;
    if !supports {
        withdraw_support(&txn, row.id, account.id).await?;
        return txn.commit().await.map_err(internal);
    }
    let now = reader.state.clock.now();
    if !support(&txn, row.id, account.id, threshold, clock::dutch_day(now), now).await? {
        // Supported already (a second click): nothing changes.
        return txn.rollback().await.map_err(internal);
    }
    let after = cases::find(&txn, municipality, row.id).await?;
    if let Some(listed) = after.filter(|c| row.council_listed_on.is_none() && c.council_listed_on.is_some()) {
        let details = format!("desk case {} reached {} supports", listed.number, listed.supports);
        let entry = AuditEntry {
            municipality: Some(municipality),
            actor: None,
            action: "list_initiative_for_council",
            details,
            at: now,
        };
        audit::record(&txn, entry).await?;
    }
    txn.commit().await.map_err(internal)
}
