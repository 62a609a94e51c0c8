//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1, as QUALITY.md asks). Hashing is
//! slow on purpose, so it runs on the blocking pool and never stalls other requests.
//!
//! Each hash holds 19 MiB while it runs. Unbounded, a burst of logins ran as many at once as the
//! blocking pool has threads (512) and the server's memory followed; so hashes pass a gate: one
//! per core at a time, a short queue behind them, and past that "busy, try again in a moment"
//! (503 with Retry-After) instead of memory growth.

use crate::error::{AppError, AppResult};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Hashes that may run at once, and how many may wait for a turn, and for how long.
pub struct Gate {
    running: Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
    max_wait: Duration,
}

/// What a caller turned away is told to wait, in seconds.
const BUSY_RETRY_AFTER_SECS: u64 = 2;

impl Gate {
    pub fn new(at_once: usize, max_waiting: usize, max_wait: Duration) -> Self {
        Self { running: Semaphore::new(at_once.max(1)), waiting: AtomicUsize::new(0), max_waiting, max_wait }
    }

    /// Waits for a turn (in the queue, at most `max_wait`); Busy when there is none.
    pub async fn turn(&self) -> AppResult<SemaphorePermit<'_>> {
        let busy = AppError::Busy { retry_after_secs: BUSY_RETRY_AFTER_SECS };
        if let Ok(permit) = self.running.try_acquire() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            tracing::warn!(event = "hashing_busy", "password hashing queue full: asked to retry");
            metrics::counter!("samenspraak_hashing_busy_total", "why" => "queue_full").increment(1);
            return Err(busy);
        }
        let turn = tokio::time::timeout(self.max_wait, self.running.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        match turn {
            Ok(Ok(permit)) => Ok(permit),
            _ => {
                tracing::warn!(event = "hashing_busy", "no turn for password hashing in time: asked to retry");
                metrics::counter!("samenspraak_hashing_busy_total", "why" => "waited_too_long").increment(1);
                Err(busy)
            }
        }
    }

    /// Runs `work` on the blocking pool in a turn already taken; the turn ends with it.
    pub async fn run_in<T: Send + 'static>(
        turn: SemaphorePermit<'_>,
        work: impl FnOnce() -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let result = tokio::task::spawn_blocking(work).await.map_err(super::context::internal)?;
        drop(turn);
        result
    }
}

/// A turn to hash, taken before anything is charged for the attempt (see `hashing_turn`).
pub struct Turn(SemaphorePermit<'static>);

/// Takes a turn at hashing. Sign-in and registration take it before their throttle is charged,
/// so a person told "busy, try again" has not used up an attempt.
pub async fn hashing_turn() -> AppResult<Turn> {
    GATE.turn().await.map(Turn)
}

/// The process's gate: one hash per core, eight per core waiting at most three seconds.
static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(2);
    Gate::new(cores, 8 * cores, Duration::from_secs(3))
});

fn hasher() -> AppResult<Argon2<'static>> {
    let params = Params::new(19_456, 2, 1, None).map_err(super::context::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub async fn hash_password(password: String) -> AppResult<String> {
    hash_password_in(hashing_turn().await?, password).await
}

/// `hash_password` in a turn already taken.
pub async fn hash_password_in(turn: Turn, password: String) -> AppResult<String> {
    Gate::run_in(turn.0, move || hash_now(&password)).await
}

fn hash_now(password: &str) -> AppResult<String> {
    let hash = hasher()?.hash_password(password.as_bytes()).map_err(super::context::internal)?;
    Ok(hash.to_string())
}

/// A hash of a random password, verified against when an account does not exist so that
/// "unknown account" and "wrong password" take the same time. Made once, in the first such turn.
fn dummy_hash() -> AppResult<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash.clone());
    }
    let hash = hash_now(&uuid::Uuid::new_v4().to_string())?;
    Ok(DUMMY.get_or_init(|| hash).clone())
}

/// True when `password` matches `stored`. With no stored hash it spends the same effort and
/// answers false.
pub async fn verify_password(password: String, stored: Option<String>) -> AppResult<bool> {
    verify_password_in(hashing_turn().await?, password, stored).await
}

/// `verify_password` in a turn already taken.
pub async fn verify_password_in(turn: Turn, password: String, stored: Option<String>) -> AppResult<bool> {
    Gate::run_in(turn.0, move || {
        let known = stored.is_some();
        let hash = match stored {
            Some(hash) => hash,
            None => dummy_hash()?,
        };
        Ok(known && hasher()?.verify_password(password.as_bytes(), hash.as_str()).is_ok())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A turn, then the work in it: the two steps every caller takes.
    async fn run<T: Send + 'static>(gate: &Gate, work: impl FnOnce() -> AppResult<T> + Send + 'static) -> AppResult<T> {
        Gate::run_in(gate.turn().await?, work).await
    }

    /// A gate with one turn and one place in the queue, its turn taken by work that holds it
    /// until `release` is sent; the work's task answers 1.
    async fn gate_in_use(
        max_wait_ms: u64,
    ) -> (Arc<Gate>, std::sync::mpsc::Sender<()>, tokio::task::JoinHandle<AppResult<u8>>) {
        let gate = Arc::new(Gate::new(1, 1, Duration::from_millis(max_wait_ms)));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let running = tokio::spawn({
            let gate = gate.clone();
            async move {
                run(&gate, move || {
                    let _ = hold.recv();
                    Ok(1)
                })
                .await
            }
        });
        while gate.running.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        (gate, release, running)
    }

    #[tokio::test]
    async fn past_the_queue_a_caller_is_told_to_come_back() {
        let (gate, release, running) = gate_in_use(60_000).await;
        let queued = tokio::spawn({
            let gate = gate.clone();
            async move { run(&gate, || Ok(2)).await }
        });
        while gate.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(run(&gate, || Ok(3)).await, Err(AppError::Busy { retry_after_secs: BUSY_RETRY_AFTER_SECS }));
        release.send(()).unwrap();
        assert_eq!(running.await.unwrap(), Ok(1));
        assert_eq!(queued.await.unwrap(), Ok(2), "the one in the queue got its turn");
        assert_eq!(run(&gate, || Ok(4)).await, Ok(4));
    }

    #[tokio::test]
    async fn a_turn_that_does_not_come_in_time_is_busy_too() {
        let (gate, release, running) = gate_in_use(50).await;
        assert!(matches!(run(&gate, || Ok(2)).await, Err(AppError::Busy { .. })));
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0, "the queue is free again");
        release.send(()).unwrap();
        assert_eq!(running.await.unwrap(), Ok(1));
    }
}
