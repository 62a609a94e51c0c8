//! Background work: sending the outbox, removing expired sessions, forgetting throttle buckets that are full again
//! and form submissions older than their tokens.

use app::server::mail::Sender;
use app::server::session_store::DbSessionStore;
use app::server::state::AppState;
use std::time::Duration;
use tracing::Instrument;

/// Sends queued mail: right after something is queued, and every 15 seconds for retries.
pub fn spawn_mail_worker(state: AppState, sender: Sender) {
    tokio::spawn(async move {
        loop {
            let round = tracing::info_span!("outbox");
            match sender.send_due(&state.db, &state.clock).instrument(round).await {
                Ok(0) => {}
                Ok(sent) => {
                    tracing::info!(sent, "outbox: mail sent");
                    metrics::counter!("samenspraak_mail_sent_total").increment(sent as u64);
                }
                Err(error) => {
                    tracing::warn!(%error, "outbox: could not read the queue");
                    job_ran("outbox", false);
                }
            }
            tokio::select! {
                _ = state.mail_queued.notified() => {},
                _ = tokio::time::sleep(Duration::from_secs(15)) => {},
            }
        }
    });
}

/// Counts a background job's run for `/metrics`, by job and outcome.
fn job_ran(job: &'static str, ok: bool) {
    metrics::counter!("samenspraak_jobs_total", "job" => job, "outcome" => if ok { "ok" } else { "failed" })
        .increment(1);
}

pub fn spawn_housekeeping(state: AppState) {
    tokio::spawn(async move {
        let store = DbSessionStore::new(state.db.clone());
        loop {
            tokio::time::sleep(crate::HOUSEKEEPING_INTERVAL).await;
            let removed = store.delete_expired().instrument(tracing::info_span!("expired_sessions")).await;
            if let Err(error) = &removed {
                tracing::warn!(%error, "could not remove expired sessions");
            }
            job_ran("expired_sessions", removed.is_ok());
            forget_idle_throttle_buckets(&state).await;
            forget_old_submissions(&state).await;
            send_desk_reminders(&state).await;
            apply_retention(&state).await;
        }
    });
}

/// Deletes or anonymises personal data whose retention period passed (once a day, on one of the
/// app servers). Logged with counts only.
#[tracing::instrument(name = "retention", skip_all)]
pub async fn apply_retention(state: &AppState) {
    match app::server::retention::run_daily(&state.db, state.clock.now()).await {
        Ok(Some(removed)) => {
            tracing::info!(
                unconfirmed_accounts = removed.unconfirmed_accounts,
                sent_mails = removed.sent_mails,
                offline_contact_details = removed.offline_contact_details,
                closed_case_contact_details = removed.closed_case_contact_details,
                "retention: personal data past its period removed"
            );
            job_ran("retention", true);
        }
        Ok(None) => job_ran("retention", true),
        Err(error) => {
            tracing::warn!(%error, "retention: could not remove personal data past its period");
            job_ran("retention", false);
        }
    }
}

/// Mails the desk about deadlines that are near or passed (each reminder once per case).
#[tracing::instrument(name = "desk_reminders", skip_all)]
pub async fn send_desk_reminders(state: &AppState) {
    match app::server::desk::reminders::send_due(&state.db, &state.settings.public_url, state.clock.now()).await {
        Ok(0) => job_ran("desk_reminders", true),
        Ok(sent) => {
            tracing::info!(sent, "desk: deadline reminders queued");
            state.mail_queued.notify_one();
            job_ran("desk_reminders", true);
        }
        Err(error) => {
            tracing::warn!(%error, "desk: could not send deadline reminders");
            job_ran("desk_reminders", false);
        }
    }
}

/// Forgets which forms were sent once their tokens can no longer be replayed.
#[tracing::instrument(name = "forget_old_submissions", skip_all)]
pub async fn forget_old_submissions(state: &AppState) {
    use app::server::submission::{forget_claims_before, CLAIM_KEPT_SECS};
    let before = state.clock.now() - chrono::Duration::seconds(CLAIM_KEPT_SECS);
    let forgotten = forget_claims_before(&state.db, before).await;
    if let Err(error) = &forgotten {
        tracing::warn!(%error, "could not forget old form submissions");
    }
    job_ran("forget_old_submissions", forgotten.is_ok());
}

/// Forgets the throttle's buckets that are full again, so its table stays small.
#[tracing::instrument(name = "forget_throttle_buckets", skip_all)]
pub async fn forget_idle_throttle_buckets(state: &AppState) {
    let forgotten = app::server::throttle::forget_idle(&state.db, state.clock.now()).await;
    if let Err(error) = &forgotten {
        tracing::warn!(%error, "could not forget idle throttle buckets");
    }
    job_ran("forget_throttle_buckets", forgotten.is_ok());
}
