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
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(server::LOG_FILTER)))
        .init();
    let data_dir = std::env::var("DATA_DIR").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("data"));
    if let Err(error) = run(Cli::parse(), &data_dir).await {
        eprintln!("samenspraak: {error}");
        std::process::exit(1);
    }
}
