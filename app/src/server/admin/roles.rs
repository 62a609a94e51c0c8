//! Giving staff their roles and taking them back, as far as the granting person's own role
//! allows.

use super::{delete_grant, find_grant};
use crate::domain::accounts::Email;
use crate::domain::roles::{can_grant_role, Role};
use crate::domain::tenancy::MunicipalityId;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::server::context::{self, internal, SignedIn};
use crate::server::writes::begin_write;
use crate::server::{accounts, audit};

/// Grants a role to the account with this e-mail address. The address must have an account:
/// staff are told so, since role management is not open to strangers. The municipality's slug.
#[tracing::instrument(skip_all)]
pub async fn grant_role(signed_in: &SignedIn, municipality: &str, email: &str, role: &str) -> AppResult<String> {
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let id = MunicipalityId(found.id);
    let role = Role::parse(role).ok_or(AppError::Request)?;
    if !can_grant_role(&signed_in.actor, id, role) {
        return Err(AppError::Forbidden);
    }
    let invalid = |problem| AppError::refused("email", problem).refilled(vec![("email".into(), email.into())]);
    let parsed = Email::parse(email).map_err(invalid)?;
    let grantee =
        accounts::find_by_email(&signed_in.state.db, &parsed).await?.ok_or_else(|| invalid(Problem::UnknownAccount))?;
    let (me, now) = (signed_in.account.id, signed_in.state.clock.now());
    let txn = begin_write(&signed_in.state.db).await.map_err(internal)?;
    accounts::grant_role(&txn, grantee.id, id, role, Some(me), now).await?;
    let details = format!("{} granted to user {}", role.as_str(), grantee.id);
    audit::staff_did(&txn, id.0, me, "grant_role", details, now).await?;
    txn.commit().await.map_err(internal)?;
    Ok(found.slug)
}

/// Takes a role back; the municipality's slug.
#[tracing::instrument(skip_all)]
pub async fn revoke_role(signed_in: &SignedIn, municipality: &str, grant_id: i32) -> AppResult<String> {
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let id = MunicipalityId(found.id);
    let grant = find_grant(&signed_in.state.db, id, grant_id).await?.ok_or(AppError::NotFound)?;
    let role = Role::parse(&grant.role).ok_or(AppError::NotFound)?;
    if !can_grant_role(&signed_in.actor, id, role) {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(&signed_in.state.db).await.map_err(internal)?;
    delete_grant(&txn, grant.id).await?;
    let details = format!("{} taken from user {}", role.as_str(), grant.user_id);
    audit::staff_did(&txn, id.0, signed_in.account.id, "revoke_role", details, signed_in.state.clock.now()).await?;
    txn.commit().await.map_err(internal)?;
    Ok(found.slug)
}
