//! Throttling of login, registration and password reset, per client address, per account and
//! address together, and per account, answered with 429 and Retry-After. Counters live in
//! memory: with several app servers each keeps its own, which still bounds guessing to a small
//! multiple.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    LogIn,
    Register,
    PasswordReset,
}

pub struct Throttle {
    log_in_per_ip: DefaultKeyedRateLimiter<String>,
    log_in_per_account_and_ip: DefaultKeyedRateLimiter<String>,
    log_in_per_account: DefaultKeyedRateLimiter<String>,
    register_per_ip: DefaultKeyedRateLimiter<String>,
    reset_per_ip: DefaultKeyedRateLimiter<String>,
    reset_per_account: DefaultKeyedRateLimiter<String>,
    posting_per_account: DefaultKeyedRateLimiter<i32>,
}

fn quota(burst: u32, refill_every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(refill_every).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst)
}

/// Login attempts one address may make at once, unless configured otherwise.
pub const DEFAULT_LOGINS_PER_ADDRESS: u32 = 30;

impl Default for Throttle {
    fn default() -> Self {
        Self::with_logins_per_address(DEFAULT_LOGINS_PER_ADDRESS)
    }
}

impl Throttle {
    /// The limits, with `logins` tries at once from one address (then one every 10 seconds).
    pub fn with_logins_per_address(logins: u32) -> Self {
        Self {
            log_in_per_ip: DefaultKeyedRateLimiter::keyed(quota(logins, Duration::from_secs(10))),
            // 10 tries at once on one account from one address, then one a minute: guessing
            // stays hopeless, and a stranger guessing wrong locks out only their own address.
            log_in_per_account_and_ip: DefaultKeyedRateLimiter::keyed(quota(10, Duration::from_secs(60))),
            // Whatever the addresses, an account takes 100 tries, then one every 6 seconds: far
            // more than one address may try, so only an attack from very many addresses at once
            // can lock the owner out; guessing a 12-character password that way stays hopeless.
            log_in_per_account: DefaultKeyedRateLimiter::keyed(quota(100, Duration::from_secs(6))),
            register_per_ip: DefaultKeyedRateLimiter::keyed(quota(10, Duration::from_secs(360))),
            reset_per_ip: DefaultKeyedRateLimiter::keyed(quota(10, Duration::from_secs(360))),
            reset_per_account: DefaultKeyedRateLimiter::keyed(quota(3, Duration::from_secs(1200))),
            // Ten comments in a row, then one every 15 seconds: a lively discussion is never
            // slowed down, a script flooding a consultation is.
            posting_per_account: DefaultKeyedRateLimiter::keyed(quota(10, Duration::from_secs(15))),
        }
    }
}

impl Throttle {
    /// Ok when the attempt may go ahead, otherwise how long to wait. The address is charged, and
    /// for logins the account from this address and the account as a whole; for reset requests
    /// the account.
    pub fn check(&self, what: Guarded, ip: &str, account: Option<&str>) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        let per_ip = match what {
            Guarded::LogIn => &self.log_in_per_ip,
            Guarded::Register => &self.register_per_ip,
            Guarded::PasswordReset => &self.reset_per_ip,
        };
        per_ip.check_key(&ip.to_owned()).map_err(|n| n.wait_time_from(now))?;
        let Some(account) = account.map(str::to_lowercase) else {
            return Ok(());
        };
        match what {
            Guarded::LogIn => {
                self.log_in_per_account_and_ip
                    .check_key(&format!("{account} {ip}"))
                    .map_err(|n| n.wait_time_from(now))?;
                self.log_in_per_account.check_key(&account).map_err(|n| n.wait_time_from(now))
            }
            Guarded::PasswordReset => self.reset_per_account.check_key(&account).map_err(|n| n.wait_time_from(now)),
            Guarded::Register => Ok(()),
        }
    }

    /// Charges one new piece of input (a comment, a reply) to an account.
    pub fn check_posting(&self, account: i32) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        self.posting_per_account.check_key(&account).map_err(|n| n.wait_time_from(now))
    }

    /// Forgets keys that are back to full allowance, so memory stays bounded.
    pub fn forget_idle(&self) {
        self.posting_per_account.retain_recent();
        self.posting_per_account.shrink_to_fit();
        for limiter in [
            &self.log_in_per_ip,
            &self.log_in_per_account_and_ip,
            &self.log_in_per_account,
            &self.register_per_ip,
            &self.reset_per_ip,
            &self.reset_per_account,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stranger_guessing_locks_out_only_their_own_address() {
        let throttle = Throttle::default();
        for _ in 0..10 {
            assert!(throttle.check(Guarded::LogIn, "198.51.100.7", Some("anne@example.nl")).is_ok());
        }
        let wait = throttle.check(Guarded::LogIn, "198.51.100.7", Some("Anne@example.nl")).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(60));
        assert!(throttle.check(Guarded::LogIn, "198.51.100.7", Some("bert@example.nl")).is_ok(), "other accounts");
        assert!(throttle.check(Guarded::LogIn, "203.0.113.1", Some("anne@example.nl")).is_ok(), "the owner at home");
    }

    #[test]
    fn an_account_is_locked_only_by_guesses_from_very_many_addresses() {
        let throttle = Throttle::with_logins_per_address(1_000);
        for i in 0..100 {
            let ip = format!("10.0.{}.{}", i / 10, i % 10);
            assert!(throttle.check(Guarded::LogIn, &ip, Some("anne@example.nl")).is_ok(), "{i}");
        }
        assert!(throttle.check(Guarded::LogIn, "10.1.0.1", Some("anne@example.nl")).is_err());
    }

    #[test]
    fn posting_is_limited_per_account() {
        let throttle = Throttle::default();
        for _ in 0..10 {
            assert!(throttle.check_posting(1).is_ok());
        }
        assert!(throttle.check_posting(1).is_err());
        assert!(throttle.check_posting(2).is_ok());
    }

    #[test]
    fn an_address_is_limited_across_accounts() {
        let throttle = Throttle::default();
        for i in 0..10 {
            assert!(throttle.check(Guarded::Register, "192.0.2.1", Some(&format!("p{i}@example.nl"))).is_ok());
        }
        assert!(throttle.check(Guarded::Register, "192.0.2.1", None).is_err());
        assert!(throttle.check(Guarded::Register, "192.0.2.2", None).is_ok());
    }
}
