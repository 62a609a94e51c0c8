//! Throttling of login, registration, password reset and posting, per client address, per
//! account and address together, and per account, answered with 429 and Retry-After.
//!
//! The counters are token buckets kept in the database (`throttle_buckets`), so every app
//! server in front of one database draws from the same bucket: three servers do not give an
//! attacker three times the guesses. A check is one upsert that refills the bucket for the time
//! passed since its last refill and takes a token, atomic on SQLite and PostgreSQL alike; the
//! time is passed in, so tests move a clock instead of sleeping.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, DbErr, Statement, Value};
use sha2::Sha256;
use std::net::IpAddr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    LogIn,
    Register,
    PasswordReset,
}

/// A bucket's shape: `burst` tries at once, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub burst: u32,
    pub every: Duration,
}

const fn limit(burst: u32, every_secs: u64) -> Limit {
    Limit { burst, every: Duration::from_secs(every_secs) }
}

/// 10 tries at once on one account from one address, then one a minute: guessing stays
/// hopeless, and a stranger guessing wrong locks out only their own address.
const LOG_IN_PER_ACCOUNT_AND_ADDRESS: Limit = limit(10, 60);
/// Whatever the addresses, an account takes 100 tries, then one every 6 seconds: far more than
/// one address may try, so only an attack from very many addresses at once can lock the owner
/// out; guessing a 12-character password that way stays hopeless.
const LOG_IN_PER_ACCOUNT: Limit = limit(100, 6);
const REGISTER_PER_ADDRESS: Limit = limit(10, 360);
const RESET_PER_ADDRESS: Limit = limit(10, 360);
const RESET_PER_ACCOUNT: Limit = limit(3, 1200);
/// Ten comments in a row, then one every 15 seconds: a lively discussion is never slowed down,
/// a script flooding a consultation is.
const POSTING_PER_ACCOUNT: Limit = limit(10, 15);

/// A bucket that has not been touched for this long is full again whatever its limit (the
/// slowest, reset per account, refills in an hour), so housekeeping may forget it.
pub const FORGET_AFTER: Duration = Duration::from_secs(2 * 3600);

/// Login attempts one address may make at once, unless configured otherwise.
pub const DEFAULT_LOGINS_PER_ADDRESS: u32 = 30;

/// The throttle's settings; the buckets themselves are in the database.
#[derive(Debug, Clone)]
pub struct Throttle {
    log_in_per_address: Limit,
    /// Keys the bucket names, so the table holds neither addresses nor e-mail addresses.
    key: [u8; 32],
}

/// The key that names buckets, derived from the session secret (the same on every app server).
pub fn derive_key(session_secret: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    let mut hasher = Sha256::new();
    hasher.update(b"samenspraak throttle buckets v1\0");
    hasher.update(session_secret);
    hasher.finalize().into()
}

impl Throttle {
    /// The limits, with `logins` tries at once from one address (then one every 10 seconds).
    pub fn new(logins: u32, key: [u8; 32]) -> Self {
        Self { log_in_per_address: limit(logins.max(1), 10), key }
    }

    /// Ok when the attempt may go ahead, otherwise RateLimited with how long to wait. The address
    /// is charged, and for logins the account from this address and the account as a whole; for
    /// reset requests the account. A refusal charges nothing further.
    pub async fn check(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
        what: Guarded,
        client: &str,
        account: Option<&str>,
    ) -> AppResult<()> {
        let address = address_key(client);
        let account = account.map(|a| a.trim().to_lowercase());
        let mut buckets = Vec::with_capacity(3);
        match what {
            Guarded::LogIn => {
                buckets.push(("log_in address", address.clone(), self.log_in_per_address));
                if let Some(account) = &account {
                    buckets.push((
                        "log_in account+address",
                        format!("{account} {address}"),
                        LOG_IN_PER_ACCOUNT_AND_ADDRESS,
                    ));
                    buckets.push(("log_in account", account.clone(), LOG_IN_PER_ACCOUNT));
                }
            }
            Guarded::Register => buckets.push(("register address", address, REGISTER_PER_ADDRESS)),
            Guarded::PasswordReset => {
                buckets.push(("reset address", address, RESET_PER_ADDRESS));
                if let Some(account) = &account {
                    buckets.push(("reset account", account.clone(), RESET_PER_ACCOUNT));
                }
            }
        }
        for (kind, subject, limit) in buckets {
            self.take(db, kind, &subject, limit, now).await?;
        }
        Ok(())
    }

    /// Charges one new piece of input (a comment, a case, a panel code) to an account. Called
    /// inside the transaction that stores the input, so a refused or failed input costs nothing.
    pub async fn check_posting(&self, db: &impl ConnectionTrait, now: DateTime<Utc>, account: i32) -> AppResult<()> {
        self.take(db, "posting account", &account.to_string(), POSTING_PER_ACCOUNT, now).await
    }

    /// Takes a token from the bucket of `kind` ("log_in address") for `subject`; the metrics name
    /// the kind only, never the subject.
    async fn take(
        &self,
        db: &impl ConnectionTrait,
        kind: &'static str,
        subject: &str,
        limit: Limit,
        now: DateTime<Utc>,
    ) -> AppResult<()> {
        let key = self.bucket_key(&format!("{kind} {subject}"));
        match take_token(db, &key, limit, now).await.map_err(super::context::internal)? {
            Ok(()) => Ok(()),
            Err(wait) => {
                metrics::counter!("samenspraak_throttled_total", "bucket" => kind).increment(1);
                Err(AppError::RateLimited { retry_after_secs: whole_seconds(wait) })
            }
        }
    }

    fn bucket_key(&self, name: &str) -> String {
        // A key of any length is accepted by HMAC, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!());
        mac.update(name.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// A wait in whole seconds, rounded up (at least one).
fn whole_seconds(wait: Duration) -> u64 {
    u64::try_from(wait.as_millis().div_ceil(1000)).unwrap_or(u64::MAX).max(1)
}

/// The part of a client address that is throttled: the whole IPv4 address, but an IPv6
/// address's /64 network, because one household or one attacker usually has all of a /64 and
/// could otherwise try from 2^64 addresses.
fn address_key(client: &str) -> String {
    match client.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(ip) => ip.to_string(),
        Err(_) => client.to_owned(),
    }
}

/// Refills the bucket `key` for the time passed and takes one token: Ok(Ok) when there was one,
/// Ok(Err(wait)) with the time until the next one when there was none. One statement, so two
/// servers checking at once cannot both take the last token.
///
/// `tokens` is what is left after the check; -1 marks a refused check and counts as 0. A clock
/// that goes back refills nothing; a bucket refills whole periods only, keeping the remainder.
pub async fn take_token(
    db: &impl ConnectionTrait,
    key: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, DbErr> {
    const HELD: &str = "(CASE WHEN throttle_buckets.tokens < 0 THEN 0 ELSE throttle_buckets.tokens END)";
    const GAINED: &str = "(CASE WHEN $2 > throttle_buckets.refilled_at \
                          THEN ($2 - throttle_buckets.refilled_at) / $4 ELSE 0 END)";
    let full = format!("{HELD} + {GAINED} >= $3");
    let sql = format!(
        "INSERT INTO throttle_buckets (key, tokens, refilled_at) VALUES ($1, $3 - 1, $2) \
         ON CONFLICT (key) DO UPDATE SET \
         tokens = (CASE WHEN {full} THEN $3 ELSE {HELD} + {GAINED} END) - 1, \
         refilled_at = CASE WHEN {full} THEN $2 ELSE throttle_buckets.refilled_at + {GAINED} * $4 END \
         RETURNING tokens, refilled_at"
    );
    let every = i64::try_from(limit.every.as_millis()).unwrap_or(i64::MAX).max(1);
    let now_ms = now.timestamp_millis();
    let values: [Value; 4] = [key.into(), now_ms.into(), i64::from(limit.burst.max(1)).into(), every.into()];
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let row = db.query_one_raw(statement).await?.ok_or_else(|| DbErr::RecordNotFound("throttle bucket".into()))?;
    let tokens: i64 = row.try_get("", "tokens")?;
    let refilled_at: i64 = row.try_get("", "refilled_at")?;
    if tokens >= 0 {
        return Ok(Ok(()));
    }
    let next_token_in = (refilled_at + every - now_ms).clamp(1, every);
    Ok(Err(Duration::from_millis(u64::try_from(next_token_in).unwrap_or(1))))
}

/// Forgets the buckets untouched for `FORGET_AFTER` (they are full again), so the table stays
/// small. Returns how many were forgotten.
pub async fn forget_idle(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let before = now.timestamp_millis() - i64::try_from(FORGET_AFTER.as_millis()).unwrap_or(i64::MAX);
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "DELETE FROM throttle_buckets WHERE refilled_at < $1",
        [before.into()],
    );
    Ok(db.execute_raw(statement).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use sea_orm::{ConnectOptions, Database, DatabaseConnection};

    async fn database() -> DatabaseConnection {
        // One connection: every connection to `:memory:` is a database of its own.
        let mut options = ConnectOptions::new("sqlite::memory:");
        options.max_connections(1).sqlx_logging(false);
        let db = Database::connect(options).await.unwrap();
        db.execute_unprepared(
            "CREATE TABLE throttle_buckets (key TEXT PRIMARY KEY, tokens BIGINT NOT NULL, refilled_at BIGINT NOT NULL)",
        )
        .await
        .unwrap();
        db
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + seconds, 0).unwrap()
    }

    fn throttle() -> Throttle {
        Throttle::new(DEFAULT_LOGINS_PER_ADDRESS, [7; 32])
    }

    async fn allowed(db: &DatabaseConnection, what: Guarded, ip: &str, account: Option<&str>, now: i64) -> bool {
        throttle().check(db, at(now), what, ip, account).await.is_ok()
    }

    #[tokio::test]
    async fn a_bucket_gives_its_burst_then_one_token_per_period() {
        let db = database().await;
        let every_minute = limit(3, 60);
        for _ in 0..3 {
            assert_eq!(take_token(&db, "k", every_minute, at(0)).await.unwrap(), Ok(()));
        }
        assert_eq!(take_token(&db, "k", every_minute, at(0)).await.unwrap(), Err(Duration::from_secs(60)));
        // 20 seconds on: 40 to go, and waiting refused does not push the next token further away.
        assert_eq!(take_token(&db, "k", every_minute, at(20)).await.unwrap(), Err(Duration::from_secs(40)));
        assert_eq!(take_token(&db, "k", every_minute, at(60)).await.unwrap(), Ok(()));
        assert!(take_token(&db, "k", every_minute, at(61)).await.unwrap().is_err());
        // An hour later the bucket is full again, not fuller.
        for _ in 0..3 {
            assert_eq!(take_token(&db, "k", every_minute, at(3600)).await.unwrap(), Ok(()));
        }
        assert!(take_token(&db, "k", every_minute, at(3600)).await.unwrap().is_err());
    }

    #[tokio::test]
    async fn a_clock_that_goes_back_refills_nothing() {
        let db = database().await;
        let one = limit(1, 60);
        assert_eq!(take_token(&db, "k", one, at(100)).await.unwrap(), Ok(()));
        assert!(take_token(&db, "k", one, at(0)).await.unwrap().is_err());
        assert!(take_token(&db, "k", one, at(-5000)).await.unwrap().is_err());
        assert_eq!(take_token(&db, "k", one, at(160)).await.unwrap(), Ok(()));
    }

    #[tokio::test]
    async fn a_stranger_guessing_locks_out_only_their_own_address() {
        let db = database().await;
        for _ in 0..10 {
            assert!(allowed(&db, Guarded::LogIn, "198.51.100.7", Some("anne@example.nl"), 0).await);
        }
        let refused = throttle().check(&db, at(0), Guarded::LogIn, "198.51.100.7", Some("Anne@example.nl")).await;
        assert!(matches!(refused, Err(AppError::RateLimited { retry_after_secs: 1..=60 })), "{refused:?}");
        assert!(allowed(&db, Guarded::LogIn, "198.51.100.7", Some("bert@example.nl"), 0).await, "other accounts");
        assert!(allowed(&db, Guarded::LogIn, "203.0.113.1", Some("anne@example.nl"), 0).await, "the owner at home");
        assert!(allowed(&db, Guarded::LogIn, "198.51.100.7", Some("anne@example.nl"), 60).await, "a minute later");
    }

    #[tokio::test]
    async fn an_account_is_locked_only_by_guesses_from_very_many_addresses() {
        let db = database().await;
        for i in 0..100 {
            let ip = format!("10.0.{}.{}", i / 10, i % 10);
            assert!(allowed(&db, Guarded::LogIn, &ip, Some("anne@example.nl"), 0).await, "{i}");
        }
        assert!(!allowed(&db, Guarded::LogIn, "10.1.0.1", Some("anne@example.nl"), 0).await);
    }

    #[tokio::test]
    async fn an_ipv6_network_is_one_address() {
        let db = database().await;
        for i in 0..10 {
            assert!(allowed(&db, Guarded::Register, &format!("2001:db8:1:2::{i:x}"), None, 0).await, "{i}");
        }
        assert!(!allowed(&db, Guarded::Register, "2001:db8:1:2:ffff::1", None, 0).await, "same /64");
        assert!(allowed(&db, Guarded::Register, "2001:db8:1:3::1", None, 0).await, "the next /64");
        // An IPv4 address written as IPv6 is the IPv4 address.
        for _ in 0..10 {
            assert!(allowed(&db, Guarded::Register, "192.0.2.9", None, 0).await);
        }
        assert!(!allowed(&db, Guarded::Register, "::ffff:192.0.2.9", None, 0).await);
    }

    #[tokio::test]
    async fn posting_is_limited_per_account() {
        let db = database().await;
        for _ in 0..10 {
            assert!(throttle().check_posting(&db, at(0), 1).await.is_ok());
        }
        assert!(throttle().check_posting(&db, at(0), 1).await.is_err());
        assert!(throttle().check_posting(&db, at(0), 2).await.is_ok());
        assert!(throttle().check_posting(&db, at(15), 1).await.is_ok());
    }

    #[tokio::test]
    async fn an_address_is_limited_across_accounts() {
        let db = database().await;
        for i in 0..10 {
            assert!(allowed(&db, Guarded::Register, "192.0.2.1", Some(&format!("p{i}@example.nl")), 0).await);
        }
        assert!(!allowed(&db, Guarded::Register, "192.0.2.1", None, 0).await);
        assert!(allowed(&db, Guarded::Register, "192.0.2.2", None, 0).await);
    }

    #[tokio::test]
    async fn the_table_names_no_address_and_forgets_full_buckets() {
        let db = database().await;
        assert!(allowed(&db, Guarded::LogIn, "198.51.100.7", Some("anne@example.nl"), 0).await);
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT key FROM throttle_buckets"))
            .await
            .unwrap();
        assert_eq!(rows.len(), 3);
        for row in rows {
            let key: String = row.try_get("", "key").unwrap();
            assert!(!key.contains("anne") && !key.contains("198.51"), "{key}");
        }
        assert_eq!(forget_idle(&db, at(3600)).await.unwrap(), 0);
        assert_eq!(forget_idle(&db, at(2 * 3600 + 1)).await.unwrap(), 3);
    }
}
