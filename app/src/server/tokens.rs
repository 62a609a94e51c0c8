//! Single-use account tokens (e-mail verification, password reset, e-mail change). Only a SHA-256
//! of a token is stored, so a database leak does not hand out working links.

use super::context::internal;
use super::entities::account_token;
use crate::error::AppResult;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    /// Reset links expire within the hour; a verification link may wait in an inbox for days.
    fn lifetime(self) -> Duration {
        match self {
            Purpose::ResetPassword => Duration::minutes(60),
            Purpose::VerifyEmail | Purpose::ChangeEmail => Duration::days(3),
        }
    }
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token and returns the secret that goes into the link.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: Purpose,
    new_email: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    account_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(digest(&secret)),
        new_email: Set(new_email),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(secret)
}

/// Marks the token used and returns it, or None when it is unknown, expired, used, or for
/// another purpose. The update is conditional, so two simultaneous uses cannot both succeed.
pub async fn redeem(
    db: &impl ConnectionTrait,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> AppResult<Option<account_token::Model>> {
    let hash = digest(secret.trim());
    let claimed = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::TokenHash.eq(hash.clone()))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await
        .map_err(internal)?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    account_token::Entity::find().filter(account_token::Column::TokenHash.eq(hash)).one(db).await.map_err(internal)
}

/// Ends every unused token of one purpose of an account: after a password is set (by a reset link
/// or by the person), no older reset link works any more.
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> AppResult<()> {
    account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}
