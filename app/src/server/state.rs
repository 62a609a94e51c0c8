//! `AppState`: what every request handler and server function can reach.

use super::throttle::Throttle;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tokio::sync::Notify;

/// Settings the application needs at run time, derived from the server's `Config`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the platform is reached, without a trailing slash: used in links in e-mails and
    /// as the only origin allowed to send state-changing requests.
    pub public_url: String,
    /// Production turns on Secure cookies and HSTS.
    pub production: bool,
    /// Signs the submission tokens of forms that create input (derived from the session secret).
    pub form_key: [u8; 32],
    /// The reverse proxies whose `X-Forwarded-For` tells the client's address.
    pub trusted_proxies: super::client_address::TrustedProxies,
    /// The bearer token `/metrics` asks for; without one `/metrics` does not exist.
    pub metrics_token: Option<String>,
    /// Bytes of rendered public pages each app server keeps (`server::page_cache`); 0 keeps none.
    pub page_cache_bytes: u64,
}

impl Settings {
    /// Cookies are marked Secure whenever people reach the site over https (always in production).
    pub fn secure_cookies(&self) -> bool {
        self.production || self.public_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub throttle: Arc<Throttle>,
    /// Wakes the mail worker as soon as a message is queued.
    pub mail_queued: Arc<Notify>,
    /// Where every use case gets the time from (tests set it).
    pub clock: super::clock::Clock,
    /// Reads kept under the content version (see `versioned_reads`).
    pub reads: Arc<super::versioned_reads::VersionedReads>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
