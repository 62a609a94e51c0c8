//! `samenspraak`: the server binary.

use clap::Parser;
use server::cli::{run, Cli};
use std::path::PathBuf;
use tracing_subscriber::EnvFilter;

// glibc's allocator keeps a separate arena per thread and gave little back: every login's
// argon2 working memory (19 MiB, on a blocking thread) stayed mapped, and 300 logins left the
// server at 3-5 GB. mimalloc returns freed memory to the system.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(server::LOG_FILTER));
    // Read before the configuration, which is itself logged about: one JSON object per line for a
    // log collector, or plain lines for a person.
    match std::env::var("LOG_FORMAT").as_deref().map(str::trim) {
        Ok("json") => tracing_subscriber::fmt().json().with_current_span(true).with_env_filter(filter).init(),
        Ok("text") | Ok("") | Err(_) => tracing_subscriber::fmt().with_env_filter(filter).init(),
        Ok(other) => {
            eprintln!("samenspraak: configuration error: LOG_FORMAT: '{other}' is not one of text, json");
            std::process::exit(1);
        }
    }
    let data_dir = std::env::var("DATA_DIR").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("data"));
    if let Err(error) = run(Cli::parse(), &data_dir).await {
        eprintln!("samenspraak: {error}");
        std::process::exit(1);
    }
}
