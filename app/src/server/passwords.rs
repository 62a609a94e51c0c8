//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1, as QUALITY.md asks). Hashing is
//! slow on purpose, so it runs on the blocking pool and never stalls other requests.

use crate::error::{AppError, AppResult};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::OnceLock;

fn hasher() -> AppResult<Argon2<'static>> {
    let params = Params::new(19_456, 2, 1, None).map_err(super::context::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let hash = hasher()?.hash_password(password.as_bytes()).map_err(super::context::internal)?;
        Ok(hash.to_string())
    })
    .await
    .map_err(super::context::internal)?
}

/// A hash of a random password, verified against when an account does not exist so that
/// "unknown account" and "wrong password" take the same time.
async fn dummy_hash() -> AppResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash.clone());
    }
    let hash = hash_password(uuid::Uuid::new_v4().to_string()).await?;
    Ok(DUMMY.get_or_init(|| hash).clone())
}

/// True when `password` matches `stored`. With no stored hash it spends the same effort and
/// answers false.
pub async fn verify_password(password: String, stored: Option<String>) -> AppResult<bool> {
    let known = stored.is_some();
    let hash = match stored {
        Some(hash) => hash,
        None => dummy_hash().await?,
    };
    let matches = tokio::task::spawn_blocking(move || {
        Ok::<_, AppError>(hasher()?.verify_password(password.as_bytes(), hash.as_str()).is_ok())
    })
    .await
    .map_err(super::context::internal)??;
    Ok(known && matches)
}
