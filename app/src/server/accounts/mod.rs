//! Accounts and role grants: the data, and registering and signing in (`registering`,
//! `signing_in`), and a person's own data (`own_data`).

mod email_change;
mod leaving;
mod own_data;
mod passwords;
mod profile;
mod registering;
mod signing_in;

pub use email_change::{change_email, confirm_email_change};
pub use leaving::delete_account;
pub use own_data::{confirm_password, confirmed_recently, own_data_download, own_data_page};
pub use passwords::{change_password, request_password_reset, reset_password};
pub use profile::{change_display_name, change_personal_details};
pub use registering::{pending_registration, register, resend_confirmation, verify_email};
pub use signing_in::{log_in, Landing};

use super::context::internal;
use super::entities::{role_grant, user};
use crate::domain::accounts::{DisplayName, Email, UserId};
use crate::domain::roles::{Actor, Role, RoleGrant};
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::error::AppResult;
use crate::server::letters::Language;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

pub async fn find_by_email(db: &impl ConnectionTrait, email: &Email) -> AppResult<Option<user::Model>> {
    user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await.map_err(internal)
}

pub async fn load_actor(db: &impl ConnectionTrait, user_id: i32) -> AppResult<Option<(user::Model, Actor)>> {
    let Some(account) = user::Entity::find_by_id(user_id).one(db).await.map_err(internal)? else {
        return Ok(None);
    };
    let actor = actor_of(db, &account).await?;
    Ok(Some((account, actor)))
}

/// What the account may do: its role grants, and whether it administers the platform.
pub async fn actor_of(db: &impl ConnectionTrait, account: &user::Model) -> AppResult<Actor> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(account.id))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|g| {
            Role::parse(&g.role).map(|role| RoleGrant { municipality: MunicipalityId(g.municipality_id), role })
        })
        .collect();
    Ok(Actor { user_id: UserId(account.id), platform_admin: account.is_platform_admin, grants })
}

pub struct NewAccount {
    pub email: Email,
    pub display_name: DisplayName,
    pub password_hash: String,
    pub birth_date: Option<NaiveDate>,
    pub area: Option<AreaId>,
    pub platform_admin: bool,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
}

/// Inserts the account. The unique index on e-mail is the final word on duplicates, so two
/// simultaneous registrations with one address cannot both succeed: the loser gets Ok(None).
pub async fn create(db: &impl TransactionTrait, new: NewAccount) -> AppResult<Option<user::Model>> {
    let now = new.created_at;
    let row = user::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        email_verified_at: Set(new.verified.then_some(now)),
        display_name: Set(new.display_name.as_str().to_owned()),
        password_hash: Set(new.password_hash),
        birth_date: Set(new.birth_date),
        area_id: Set(new.area.map(|a| a.0)),
        is_platform_admin: Set(new.platform_admin),
        locale: Set(None),
        created_at: Set(now),
        password_changed_at: Set(now),
        ..Default::default()
    };
    super::unique::insert_unless_duplicate(db, row).await
}

pub async fn mark_verified(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> AppResult<()> {
    let Some(account) = user::Entity::find_by_id(user_id).one(db).await.map_err(internal)? else {
        return Ok(());
    };
    if account.email_verified_at.is_none() {
        let mut row: user::ActiveModel = account.into();
        row.email_verified_at = Set(Some(now));
        row.update(db).await.map_err(internal)?;
    }
    Ok(())
}

/// Grants a role; granting one that is already held changes nothing.
pub async fn grant_role(
    db: &impl ConnectionTrait,
    user_id: i32,
    municipality: MunicipalityId,
    role: Role,
    granted_by: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let exists = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .filter(role_grant::Column::MunicipalityId.eq(municipality.0))
        .filter(role_grant::Column::Role.eq(role.as_str()))
        .one(db)
        .await
        .map_err(internal)?;
    if exists.is_none() {
        role_grant::ActiveModel {
            user_id: Set(user_id),
            municipality_id: Set(municipality.0),
            role: Set(role.as_str().to_owned()),
            granted_by: Set(granted_by),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(internal)?;
    }
    Ok(())
}

/// Sets a new password hash; the caller ends the account's sessions. Every reset link still out for the account stops working: the one
/// just used, older ones, and any sent before the person changed the password themselves.
pub async fn set_password(
    db: &impl ConnectionTrait,
    user_id: i32,
    password_hash: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use super::tokens::{self, Purpose};
    tokens::revoke_all(db, user_id, Purpose::ResetPassword, now).await?;
    let Some(account) = user::Entity::find_by_id(user_id).one(db).await.map_err(internal)? else {
        return Ok(());
    };
    let mut row: user::ActiveModel = account.into();
    row.password_hash = Set(password_hash);
    row.password_changed_at = Set(now);
    row.update(db).await.map_err(internal)?;
    Ok(())
}

/// Remembers the language the person chose on the site, for the mail they get.
pub async fn set_language(db: &impl ConnectionTrait, user_id: i32, language: Language) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::Locale, sea_orm::sea_query::Expr::value(language.code()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn set_display_name(db: &impl ConnectionTrait, user_id: i32, name: &DisplayName) -> AppResult<()> {
    let Some(account) = user::Entity::find_by_id(user_id).one(db).await.map_err(internal)? else {
        return Ok(());
    };
    let mut row: user::ActiveModel = account.into();
    row.display_name = Set(name.as_str().to_owned());
    row.update(db).await.map_err(internal)?;
    Ok(())
}

/// Changes the address (already verified by the link sent to it). Ok(false) when another account
/// took the address in the meantime.
pub async fn set_email(db: &impl TransactionTrait, user_id: i32, email: &Email, now: DateTime<Utc>) -> AppResult<bool> {
    let savepoint = crate::server::writes::begin_write(db).await.map_err(internal)?;
    let Some(account) = user::Entity::find_by_id(user_id).one(&savepoint).await.map_err(internal)? else {
        return Ok(false);
    };
    let mut row: user::ActiveModel = account.into();
    row.email = Set(email.as_str().to_owned());
    row.email_verified_at = Set(Some(now));
    match row.update(&savepoint).await {
        Ok(_) => {
            sea_orm::TransactionSession::commit(savepoint).await.map_err(internal)?;
            Ok(true)
        }
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            sea_orm::TransactionSession::rollback(savepoint).await.map_err(internal)?;
            Ok(false)
        }
        Err(e) => Err(internal(e)),
    }
}

/// The display names of some accounts, in one query (accounts that are gone are left out).
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> AppResult<std::collections::HashMap<i32, String>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await
        .map_err(super::context::internal)?
        .into_iter()
        .collect())
}
