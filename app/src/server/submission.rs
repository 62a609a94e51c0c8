//! Submission tokens: every form that creates something carries one, issued by the server when it
//! renders the form and signed, so it cannot be made up. What a submit makes is stored under a
//! key derived from the token and the form's target, behind a unique index: a double click, a
//! retry or a replayed request finds what the first one made instead of making another.
//!
//! Residents' input keeps its key in its own row (`inputs`, `desk_cases`, `desk_messages`,
//! `poll_voters`). Staff forms claim theirs in `form_submissions` with [`Submit::claim`], inside
//! the transaction that makes the thing, so only one of two identical submits can commit.

use super::context::internal;
use super::entities::form_submission;
use super::state::AppState;
use super::unique::insert_unless_duplicate;
use crate::error::AppResult;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// A token may wait in an open tab this long.
const LIFETIME_SECS: i64 = 24 * 60 * 60;

/// The signing key, derived from the session secret so there is no second secret to manage.
pub fn derive_key(session_secret: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"samenspraak submission tokens v1\0");
    hasher.update(session_secret);
    hasher.finalize().into()
}

fn signature(key: &[u8; 32], user_id: i32, issued_at: i64, nonce: &str) -> String {
    // A key of any length is accepted by HMAC, so this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(format!("{user_id}.{issued_at}.{nonce}").as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// A fresh token for one person; `now` in unix seconds.
pub fn issue(key: &[u8; 32], user_id: i32, now: i64) -> String {
    let mut bytes = [0u8; 12];
    rand::rng().fill_bytes(&mut bytes);
    let nonce = hex::encode(bytes);
    let signature = signature(key, user_id, now, &nonce);
    format!("{now}.{nonce}.{signature}")
}

/// Whether the token was issued by this server to this person and has not expired.
pub fn verify(key: &[u8; 32], user_id: i32, token: &str, now: i64) -> bool {
    let mut parts = token.trim().splitn(3, '.');
    let (Some(issued_at), Some(nonce), Some(given)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let Ok(issued_at) = issued_at.parse::<i64>() else {
        return false;
    };
    if !(0..=LIFETIME_SECS).contains(&(now - issued_at)) {
        return false;
    }
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(format!("{user_id}.{issued_at}.{nonce}").as_bytes());
    hex::decode(given).is_ok_and(|given| given.len() == 16 && mac.verify_truncated_left(&given).is_ok())
}

/// The key stored with the input: one per token and form target, so the reply form and the
/// comment form on the same page (which share the page's token) make separate inputs.
pub fn key(token: &str, target: &str) -> String {
    hex::encode(Sha256::digest(format!("{}\0{target}", token.trim()).as_bytes()))
}

/// A fresh token for `user_id`, issued at the application's time.
pub fn token_for(state: &AppState, user_id: i32) -> String {
    issue(&state.settings.form_key, user_id, state.clock.now().timestamp())
}

/// A submit whose token was issued to this person and has not expired, for one form target.
#[derive(Debug, Clone)]
pub struct Submit {
    key: String,
    /// When it was sent, on the application's clock.
    at: DateTime<Utc>,
}

/// Whether a submit is the first with its key, or what the first one made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    First,
    Repeat { made: i32 },
}

impl Submit {
    /// None when the token is made up, someone else's or expired.
    pub fn verified(state: &AppState, user_id: i32, token: &str, target: &str) -> Option<Submit> {
        let at = state.clock.now();
        verify(&state.settings.form_key, user_id, token, at.timestamp()).then(|| Submit { key: key(token, target), at })
    }

    /// Records that this submit made `made`, inside the transaction that made it. On
    /// [`Claim::Repeat`] the caller rolls back and answers with what the first submit made.
    /// PostgreSQL makes a second claim wait until the first transaction ends; SQLite lets one
    /// writer in at a time.
    pub async fn claim<C>(self, txn: &C, made: i32) -> AppResult<Claim>
    where
        C: sea_orm::TransactionTrait + sea_orm::ConnectionTrait,
    {
        use sea_orm::{EntityTrait, Set};
        let row =
            form_submission::ActiveModel { key: Set(self.key.clone()), made_id: Set(made), made_at: Set(self.at) };
        if insert_unless_duplicate(txn, row).await?.is_some() {
            return Ok(Claim::First);
        }
        let first = form_submission::Entity::find_by_id(self.key)
            .one(txn)
            .await
            .map_err(internal)?
            .ok_or_else(|| internal("a duplicate submission key without its row"))?;
        Ok(Claim::Repeat { made: first.made_id })
    }
}

/// The answer to a submit whose token is made up, someone else's or expired: the form comes back
/// with what was typed, the problem shown at `field`, and a fresh token to send it again.
pub fn expired(field: &str, typed: Vec<(String, String)>) -> crate::error::AppError {
    use crate::domain::validation::{FieldError, Problem};
    super::context::answer_with(crate::error::AppError::validation_of(
        vec![FieldError::new(field, Problem::FormExpired)],
        typed,
    ))
}

/// Forgets keys older than a token can live; run by housekeeping.
pub async fn forget_claims_before(db: &impl sea_orm::ConnectionTrait, before: DateTime<Utc>) -> AppResult<u64> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let done = form_submission::Entity::delete_many()
        .filter(form_submission::Column::MadeAt.lt(before))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(done.rows_affected)
}

/// How long a claim is kept: past the token's lifetime, a replay fails on the token already.
pub const CLAIM_KEPT_SECS: i64 = 2 * LIFETIME_SECS;

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];

    #[test]
    fn a_token_is_valid_for_its_owner_for_a_day() {
        let token = issue(&KEY, 12, 1_000_000);
        assert!(verify(&KEY, 12, &token, 1_000_000));
        assert!(verify(&KEY, 12, &token, 1_000_000 + LIFETIME_SECS));
        assert!(!verify(&KEY, 12, &token, 1_000_001 + LIFETIME_SECS), "expired");
        assert!(!verify(&KEY, 13, &token, 1_000_000), "someone else's");
        assert!(!verify(&[8; 32], 12, &token, 1_000_000), "another server's key");
    }

    #[test]
    fn made_up_or_altered_tokens_are_refused() {
        let token = issue(&KEY, 12, 1_000_000);
        let altered = token.replacen("1000000", "1000001", 1);
        for bad in ["", "abc", "1.2", "1000000.00.00", altered.as_str(), &token[..token.len() - 2]] {
            assert!(!verify(&KEY, 12, bad, 1_000_001), "{bad}");
        }
    }

    #[test]
    fn keys_differ_per_target_and_fit_the_column() {
        let token = issue(&KEY, 12, 1_000_000);
        assert_ne!(key(&token, "comment"), key(&token, "reply:4"));
        assert_eq!(key(&token, "comment"), key(&token, "comment"));
        assert_eq!(key(&token, "comment").len(), 64);
    }
}
