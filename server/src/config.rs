//! The typed configuration, read once from environment variables at start. A wrong or missing
//! value stops the server with one clear line naming the variable.

use rand::RngCore;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Enough for the public pages a municipality's residents read most, well inside the memory an
/// app server is given.
pub const DEFAULT_PAGE_CACHE_MB: u32 = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    Development,
    Test,
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub env: AppEnv,
    pub database_url: String,
    /// At least 64 bytes; signs the session cookie.
    pub session_secret: Vec<u8>,
    pub smtp_url: Option<String>,
    /// Without SMTP_URL (never in production): mail is written here as `.eml` files.
    pub mail_dir: std::path::PathBuf,
    pub mail_from: String,
    pub public_url: String,
    pub site: SiteConfig,
    /// Login attempts one address may make at once before it has to wait (then one every 10
    /// seconds). An office where everyone signs in through one address needs more.
    pub logins_per_address: u32,
    /// Reverse proxies whose `X-Forwarded-For` header names the client (`TRUSTED_PROXIES`);
    /// without them the socket's address is the client.
    pub trusted_proxies: app::server::client_address::TrustedProxies,
    pub database: DatabaseSettings,
    /// `serve` applies pending migrations at start (one server at a time); off, it refuses to
    /// start on a schema that is behind, for deployments that migrate as a step of their own.
    pub migrate_on_start: bool,
    /// This server sends the outbox and runs housekeeping. With several servers any number may,
    /// safely; switching it off keeps a server for requests only.
    pub background_work: bool,
    /// The bearer token for `/metrics` (`METRICS_TOKEN`, at least 32 characters); without it
    /// there are no metrics to scrape.
    pub metrics_token: Option<String>,
    /// Megabytes of rendered public pages kept in memory (`PAGE_CACHE_MB`, 0 for none).
    pub page_cache_mb: u32,
}

/// How the server uses its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatabaseSettings {
    /// Connections kept open at most (`DATABASE_POOL_SIZE`). Several app servers share
    /// PostgreSQL's `max_connections` between them.
    pub pool_size: u32,
    /// PostgreSQL ends a statement running longer than this (`STATEMENT_TIMEOUT_SECS`, 0 for
    /// none), so one runaway query cannot hold a connection and its locks forever.
    pub statement_timeout_secs: u32,
}

impl DatabaseSettings {
    /// The defaults for a database URL: 8 connections for SQLite (one writer at a time anyway),
    /// 16 for PostgreSQL; statements end after 30 seconds.
    pub fn defaults_for(url: &str) -> Self {
        Self { pool_size: if url.starts_with("sqlite:") { 8 } else { 16 }, statement_timeout_secs: 30 }
    }
}

/// Where the front-end files are and where to listen: from `Leptos.toml`, overridable with the
/// same `LEPTOS_*` variables cargo-leptos uses.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub output_name: String,
    pub site_root: String,
    pub site_pkg_dir: String,
    pub site_addr: SocketAddr,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {variable}: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

fn fail(variable: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError { variable, reason: reason.into() }
}

const MIN_SECRET_BYTES: usize = 64;

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct LeptosToml {
    output_name: Option<String>,
    site_root: Option<String>,
    site_pkg_dir: Option<String>,
    site_addr: Option<String>,
}

impl Config {
    /// Reads the process environment; `data_dir` holds the SQLite file and the development
    /// session secret.
    pub fn from_env(data_dir: &Path) -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()), data_dir)
    }

    pub fn from_lookup(var: impl Fn(&str) -> Option<String>, data_dir: &Path) -> Result<Self, ConfigError> {
        let env = match var("APP_ENV").as_deref() {
            None | Some("development") => AppEnv::Development,
            Some("test") => AppEnv::Test,
            Some("production") => AppEnv::Production,
            Some(other) => {
                return Err(fail("APP_ENV", format!("'{other}' is not one of development, test, production")))
            }
        };
        let production = env == AppEnv::Production;

        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("samenspraak.db").display()));
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(fail("DATABASE_URL", "must start with sqlite: or postgres://"));
        }

        let session_secret = match var("SESSION_SECRET") {
            Some(secret) if secret.len() >= MIN_SECRET_BYTES => secret.into_bytes(),
            Some(_) => return Err(fail("SESSION_SECRET", format!("must be at least {MIN_SECRET_BYTES} characters"))),
            None if production => return Err(fail("SESSION_SECRET", "is required in production")),
            None => development_secret(data_dir)?,
        };

        let site = site_config(&var)?;
        let public_url = var("PUBLIC_URL").unwrap_or_else(|| format!("http://{}", site.site_addr));
        let public_url = public_url.trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(fail("PUBLIC_URL", "must start with http:// or https://"));
        }
        if production && !public_url.starts_with("https://") {
            return Err(fail("PUBLIC_URL", "must be https:// in production"));
        }

        let smtp_url = var("SMTP_URL");
        if let Some(url) = &smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err(fail("SMTP_URL", "must start with smtp:// or smtps://"));
            }
        } else if production {
            return Err(fail("SMTP_URL", "is required in production, or no e-mail can be sent"));
        }
        let mail_from = var("MAIL_FROM").unwrap_or_else(|| "Samenspraak <noreply@localhost>".to_owned());
        let logins_per_address = number(&var, "LOGINS_PER_ADDRESS", 1..=100_000)?
            .unwrap_or(app::server::throttle::DEFAULT_LOGINS_PER_ADDRESS);
        let trusted_proxies =
            app::server::client_address::TrustedProxies::parse(&var("TRUSTED_PROXIES").unwrap_or_default())
                .map_err(|reason| fail("TRUSTED_PROXIES", reason))?;

        let defaults = DatabaseSettings::defaults_for(&database_url);
        let database = DatabaseSettings {
            pool_size: number(&var, "DATABASE_POOL_SIZE", 1..=1000)?.unwrap_or(defaults.pool_size),
            statement_timeout_secs: number(&var, "STATEMENT_TIMEOUT_SECS", 0..=86_400)?
                .unwrap_or(defaults.statement_timeout_secs),
        };
        let migrate_on_start = switch(&var, "MIGRATE_ON_START")?.unwrap_or(true);
        let background_work = switch(&var, "BACKGROUND_WORK")?.unwrap_or(true);
        let metrics_token = var("METRICS_TOKEN").map(|t| t.trim().to_owned());
        if metrics_token.as_ref().is_some_and(|t| t.len() < 32 || t.chars().any(|c| c.is_whitespace())) {
            return Err(fail("METRICS_TOKEN", "must be at least 32 characters, without spaces"));
        }

        let page_cache_mb = number(&var, "PAGE_CACHE_MB", 0..=4096)?.unwrap_or(DEFAULT_PAGE_CACHE_MB);

        let mail_dir = data_dir.join("mail");
        Ok(Self {
            env,
            database_url,
            session_secret,
            smtp_url,
            mail_dir,
            mail_from,
            public_url,
            site,
            logins_per_address,
            trusted_proxies,
            database,
            migrate_on_start,
            background_work,
            metrics_token,
            page_cache_mb,
        })
    }

    pub fn is_production(&self) -> bool {
        self.env == AppEnv::Production
    }
}

/// A whole number within `range`, if the variable is set.
fn number(
    var: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<Option<u32>, ConfigError> {
    let Some(raw) = var(variable) else {
        return Ok(None);
    };
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .map(Some)
        .ok_or_else(|| fail(variable, format!("must be a number from {} to {}", range.start(), range.end())))
}

/// true or false, if the variable is set.
fn switch(var: &impl Fn(&str) -> Option<String>, variable: &'static str) -> Result<Option<bool>, ConfigError> {
    match var(variable).map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None => Ok(None),
        Some("true" | "1" | "yes" | "on") => Ok(Some(true)),
        Some("false" | "0" | "no" | "off") => Ok(Some(false)),
        Some(_) => Err(fail(variable, "must be true or false")),
    }
}

/// Reads `Leptos.toml` (from `LEPTOS_CONFIG` or the working directory), then applies overrides.
fn site_config(var: &impl Fn(&str) -> Option<String>) -> Result<SiteConfig, ConfigError> {
    let path = var("LEPTOS_CONFIG").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("Leptos.toml"));
    let file: LeptosToml = match std::fs::read_to_string(&path) {
        Ok(text) => {
            toml::from_str(&text).map_err(|e| fail("LEPTOS_CONFIG", format!("{} is not valid: {e}", path.display())))?
        }
        Err(_) => LeptosToml::default(),
    };
    let site_addr = var("LEPTOS_SITE_ADDR").or(file.site_addr).unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let site_addr = site_addr
        .parse()
        .map_err(|_| fail("LEPTOS_SITE_ADDR", format!("'{site_addr}' is not an address like 127.0.0.1:3000")))?;
    Ok(SiteConfig {
        output_name: var("LEPTOS_OUTPUT_NAME").or(file.output_name).unwrap_or_else(|| "samenspraak".to_owned()),
        site_root: var("LEPTOS_SITE_ROOT").or(file.site_root).unwrap_or_else(|| "target/site".to_owned()),
        site_pkg_dir: var("LEPTOS_SITE_PKG_DIR").or(file.site_pkg_dir).unwrap_or_else(|| "pkg".to_owned()),
        site_addr,
    })
}

/// In development the secret is generated once and kept under `data/`, so sessions survive a
/// restart without anyone having to configure anything.
fn development_secret(data_dir: &Path) -> Result<Vec<u8>, ConfigError> {
    let path = data_dir.join("session_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        if existing.trim().len() >= MIN_SECRET_BYTES {
            return Ok(existing.trim().as_bytes().to_vec());
        }
    }
    let mut bytes = [0u8; 64];
    rand::rng().fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    std::fs::create_dir_all(data_dir).and_then(|_| std::fs::write(&path, &secret)).map_err(|e| {
        fail("SESSION_SECRET", format!("could not store a development secret in {}: {e}", path.display()))
    })?;
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let dir = std::env::temp_dir().join(format!("samenspraak-config-{}", uuid::Uuid::new_v4()));
        Config::from_lookup(|k| map.get(k).cloned(), &dir)
    }

    #[test]
    fn development_needs_nothing_and_keeps_its_secret() {
        let dir = std::env::temp_dir().join(format!("samenspraak-config-{}", uuid::Uuid::new_v4()));
        let first = Config::from_lookup(|_| None, &dir).unwrap();
        let second = Config::from_lookup(|_| None, &dir).unwrap();
        assert_eq!(first.session_secret, second.session_secret);
        assert!(first.database_url.starts_with("sqlite://"));
        assert_eq!(first.env, AppEnv::Development);
    }

    #[test]
    fn production_requires_secret_smtp_and_https() {
        let secret = "s".repeat(64);
        assert_eq!(config(&[("APP_ENV", "production")]).unwrap_err().variable, "SESSION_SECRET");
        let base = [
            ("APP_ENV", "production"),
            ("SESSION_SECRET", secret.as_str()),
            ("PUBLIC_URL", "https://praatmee.example"),
        ];
        assert_eq!(config(&base).unwrap_err().variable, "SMTP_URL");
        let mut ok = base.to_vec();
        ok.push(("SMTP_URL", "smtp://mail.example:587"));
        assert!(config(&ok).is_ok());
        ok[2] = ("PUBLIC_URL", "http://praatmee.example");
        assert_eq!(config(&ok).unwrap_err().variable, "PUBLIC_URL");
    }

    #[test]
    fn wrong_values_name_their_variable() {
        assert_eq!(config(&[("APP_ENV", "staging")]).unwrap_err().variable, "APP_ENV");
        assert_eq!(config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().variable, "DATABASE_URL");
        assert_eq!(config(&[("SESSION_SECRET", "short")]).unwrap_err().variable, "SESSION_SECRET");
        assert_eq!(config(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err().variable, "LEPTOS_SITE_ADDR");
        assert_eq!(config(&[("SMTP_URL", "http://x")]).unwrap_err().variable, "SMTP_URL");
        assert_eq!(config(&[("LOGINS_PER_ADDRESS", "0")]).unwrap_err().variable, "LOGINS_PER_ADDRESS");
        assert_eq!(config(&[("LOGINS_PER_ADDRESS", "veel")]).unwrap_err().variable, "LOGINS_PER_ADDRESS");
        assert_eq!(config(&[("TRUSTED_PROXIES", "proxy.local")]).unwrap_err().variable, "TRUSTED_PROXIES");
        assert_eq!(config(&[("DATABASE_POOL_SIZE", "0")]).unwrap_err().variable, "DATABASE_POOL_SIZE");
        assert_eq!(config(&[("STATEMENT_TIMEOUT_SECS", "-1")]).unwrap_err().variable, "STATEMENT_TIMEOUT_SECS");
        assert_eq!(config(&[("MIGRATE_ON_START", "soms")]).unwrap_err().variable, "MIGRATE_ON_START");
        assert_eq!(config(&[("BACKGROUND_WORK", "2")]).unwrap_err().variable, "BACKGROUND_WORK");
        assert_eq!(config(&[("METRICS_TOKEN", "kort")]).unwrap_err().variable, "METRICS_TOKEN");
    }

    #[test]
    fn an_office_behind_one_address_can_allow_more_logins() {
        assert_eq!(config(&[]).unwrap().logins_per_address, 30);
        assert_eq!(config(&[("LOGINS_PER_ADDRESS", "400")]).unwrap().logins_per_address, 400);
    }

    #[test]
    fn a_deployment_of_several_servers_is_configured_per_server() {
        let plain = config(&[]).unwrap();
        assert_eq!(plain.database, DatabaseSettings { pool_size: 8, statement_timeout_secs: 30 });
        assert!(plain.migrate_on_start && plain.background_work && plain.trusted_proxies.is_empty());
        let postgres = config(&[("DATABASE_URL", "postgres://db/samenspraak")]).unwrap();
        assert_eq!(postgres.database.pool_size, 16);
        let tuned = config(&[
            ("DATABASE_POOL_SIZE", "40"),
            ("STATEMENT_TIMEOUT_SECS", "0"),
            ("MIGRATE_ON_START", "false"),
            ("BACKGROUND_WORK", "off"),
            ("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
        ])
        .unwrap();
        assert_eq!(tuned.database, DatabaseSettings { pool_size: 40, statement_timeout_secs: 0 });
        assert!(!tuned.migrate_on_start && !tuned.background_work);
        assert!(tuned.trusted_proxies.trusts("10.20.30.40".parse().unwrap()));
    }

    #[test]
    fn site_address_can_be_overridden() {
        let c = config(&[("LEPTOS_SITE_ADDR", "127.0.0.1:4010")]).unwrap();
        assert_eq!(c.site.site_addr.port(), 4010);
        assert_eq!(c.public_url, "http://127.0.0.1:4010");
    }
}
