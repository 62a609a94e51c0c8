//! The command line: `serve`, `migrate`, `backup`, `restore`, `seed-demo`, `seed-load`,
//! `seed-cluster`, `seed-hostile`, `create-admin`.

use crate::config::Config;
use crate::{app_state, build_router, db, seed, shutdown_signal, workers};
use app::domain::accounts::{DisplayName, Email};
use app::domain::password_policy::check_new_password;
use app::server::{accounts, mail::Sender, passwords};
use clap::{Parser, Subcommand};
use migrations::{Migrator, MigratorTrait};
use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::Path;

#[derive(Parser)]
#[command(name = "samenspraak", about = "Samenspraak, a participation platform for municipalities")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Apply pending migrations and serve the site.
    Serve,
    /// Change the database schema.
    Migrate {
        #[command(subcommand)]
        direction: MigrateCommand,
    },
    /// Create the demo municipalities and accounts (prints their passwords once).
    SeedDemo {
        /// Do nothing when the database already has municipalities.
        #[arg(long)]
        if_empty: bool,
    },
    /// Add many published trajectories to a demo municipality, to measure the desk under load.
    SeedLoad {
        #[arg(long, default_value = "duinwijk")]
        municipality: String,
        #[arg(long, default_value_t = 500)]
        trajectories: usize,
        /// Also add a consultation with this many top-level comments (and their replies).
        #[arg(long, default_value_t = 0)]
        comments: usize,
        /// Also add this many residents bench{n}@{municipality}.example who can log in.
        #[arg(long, default_value_t = 0)]
        residents: usize,
        /// Their shared password.
        #[arg(long, default_value = "bench-wachtwoord-2026")]
        resident_password: String,
        /// Also add this many cases to the municipality's participation desk.
        #[arg(long, default_value_t = 0)]
        cases: usize,
        /// Also add a closed trajectory with this many inputs, all answered, and publish its report.
        #[arg(long, default_value_t = 0)]
        report: usize,
    },
    /// Create MUNICIPALITIES municipalities `gemeente-001` … like the demo ones, each with a
    /// consultation with comments, an open poll, a desk with cases, published trajectories and
    /// residents `bench{n}@{slug}.example`; every account gets PASSWORD. For `make cluster`; never
    /// on a real installation. Prints one line per municipality: slug, consultation, poll.
    SeedCluster {
        #[arg(long, default_value_t = 100)]
        municipalities: usize,
        #[arg(long, default_value_t = 20)]
        trajectories: usize,
        #[arg(long, default_value_t = 50)]
        comments: usize,
        #[arg(long, default_value_t = 20)]
        residents: usize,
        #[arg(long, default_value_t = 20)]
        cases: usize,
        #[arg(long, default_value = "bench-wachtwoord-2026")]
        password: String,
    },
    /// Store hostile text (markup, script, title and textarea breakers) in every text field of a
    /// test municipality, Proefstad, through the real forms; prints the pages that show it and
    /// the accounts that read them as JSON to a file. For the browser tests; never on a real
    /// installation.
    SeedHostile {
        /// Where to write the JSON.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Write a consistent copy of the database while the server runs (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump's custom format).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Load a backup into the empty database DATABASE_URL names, then check its integrity.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Create a platform administrator. Reads the password from the terminal, or from the first
    /// line of standard input when that is not a terminal.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Beheerder")]
        display_name: String,
    },
}

#[derive(Subcommand)]
pub enum MigrateCommand {
    /// Apply all pending migrations.
    Up,
    /// Roll back the last migration, or `--steps N`.
    Down {
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether they are applied.
    Status,
}

pub async fn run(cli: Cli, data_dir: &Path) -> Result<(), String> {
    let config = Config::from_env(data_dir).map_err(|e| e.to_string())?;
    if let Command::Restore { from } = &cli.command {
        // Before connecting: connecting would create an empty SQLite file where the copy goes.
        crate::backup::restore(from, &config.database_url).await?;
        println!("{} restored and checked.", from.display());
        return Ok(());
    }
    let database =
        db::connect_with(&config.database_url, config.database).await.map_err(|e| format!("database: {e}"))?;
    match cli.command {
        Command::Serve => serve(config, database).await,
        Command::Migrate { direction } => match direction {
            MigrateCommand::Up => {
                let applied = crate::schema::migrate(&database).await?;
                println!("{applied} migration(s) applied.");
                Ok(())
            }
            MigrateCommand::Down { steps } => Migrator::down(&database, Some(steps)).await.map_err(|e| e.to_string()),
            MigrateCommand::Status => Migrator::status(&database).await.map_err(|e| e.to_string()),
        },
        Command::SeedDemo { if_empty } => {
            Migrator::up(&database, None).await.map_err(|e| e.to_string())?;
            if if_empty && !seed::is_empty(&database).await? {
                println!("The database already has municipalities; demo data not loaded.");
                return Ok(());
            }
            let created = seed::seed_demo(&database).await?;
            println!("Demo data loaded. These passwords are shown only now:");
            for account in created {
                println!("  {:<34} {}  ({})", account.email, account.password, account.what);
            }
            Ok(())
        }
        Command::SeedLoad { municipality, trajectories, comments, residents, resident_password, cases, report } => {
            let added = crate::demo_trajectories::seed_many(&database, &municipality, trajectories).await?;
            println!("{added} trajectories added to {municipality}.");
            if comments > 0 {
                let id = crate::demo_consultations::seed_load(&database, &municipality, comments).await?;
                println!("consultation {id} with {comments} comments added to {municipality}.");
                let poll = crate::demo_polls::seed_load(&database, &municipality).await?;
                println!("poll {poll} open for voting added to {municipality}.");
            }
            if residents > 0 {
                crate::demo_consultations::seed_bench_residents(
                    &database,
                    &municipality,
                    residents,
                    &resident_password,
                )
                .await?;
                println!("{residents} residents added to {municipality}.");
            }
            if cases > 0 {
                let added = crate::demo_desk::seed_load(&database, &municipality, cases).await?;
                println!("{added} desk cases added to {municipality}.");
            }
            if report > 0 {
                let (id, took) = crate::demo_reports::seed_load(&database, &municipality, report).await?;
                println!("report on trajectory {id} with {report} inputs published in {} ms.", took.as_millis());
            }
            Ok(())
        }
        Command::SeedCluster { municipalities, trajectories, comments, residents, cases, password } => {
            crate::schema::migrate(&database).await?;
            let sizes = crate::demo_cluster::Sizes { municipalities, trajectories, comments, residents, cases };
            for seeded in crate::demo_cluster::seed(&database, &sizes, &password).await? {
                println!("{} {} {}", seeded.slug, seeded.consultation, seeded.poll);
            }
            Ok(())
        }
        Command::CreateAdmin { email, display_name } => create_admin(&database, &email, &display_name).await,
        Command::Backup { to } => {
            crate::backup::back_up(&database, &config.database_url, &to).await?;
            println!("backup written to {}", to.display());
            Ok(())
        }
        // Handled above, before connecting.
        Command::Restore { .. } => Ok(()),
        Command::SeedHostile { out } => {
            Migrator::up(&database, None).await.map_err(|e| e.to_string())?;
            let router = crate::build_router(app_state(database.clone(), &config), &config.session_secret);
            let corpus =
                crate::hostile_text::store(&router, &database, config.public_url.trim_end_matches('/')).await?;
            let json = serde_json::to_string_pretty(&corpus).map_err(|e| e.to_string())?;
            std::fs::write(&out, json).map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(())
        }
    }
}

async fn serve(config: Config, database: sea_orm::DatabaseConnection) -> Result<(), String> {
    if config.migrate_on_start {
        crate::schema::migrate(&database).await?;
    } else {
        crate::schema::ensure_current(&database).await?;
    }
    let state = app_state(database, &config);
    if config.background_work {
        if let Some(url) = &config.smtp_url {
            workers::spawn_mail_worker(state.clone(), Sender::new(url, &config.mail_from)?);
        } else {
            // Only outside production: there SMTP_URL is required.
            workers::spawn_mail_worker(state.clone(), Sender::to_files(&config.mail_dir, &config.mail_from)?);
            tracing::info!("SMTP_URL is not set: mail is written to {}/ as .eml files", config.mail_dir.display());
        }
        workers::spawn_housekeeping(state.clone());
    } else {
        tracing::info!("BACKGROUND_WORK is off: this server sends no mail and runs no housekeeping");
    }
    let router = build_router(state, &config.session_secret);
    let address = config.site.site_addr;
    let listener =
        tokio::net::TcpListener::bind(address).await.map_err(|e| format!("cannot listen on {address}: {e}"))?;
    tracing::info!("listening on http://{address}");
    axum::serve(crate::transport::without_nagle(listener), router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

async fn create_admin(database: &sea_orm::DatabaseConnection, email: &str, display_name: &str) -> Result<(), String> {
    Migrator::up(database, None).await.map_err(|e| e.to_string())?;
    let email = Email::parse(email).map_err(|p| format!("--email: {p:?}"))?;
    let display_name = DisplayName::parse(display_name).map_err(|p| format!("--display-name: {p:?}"))?;
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Same password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    check_new_password(&password, &[email.as_str()]).map_err(|p| format!("password: {p:?}"))?;
    let hash = passwords::hash_password(password).await.map_err(|e| e.to_string())?;
    let account = accounts::NewAccount {
        email: email.clone(),
        display_name,
        password_hash: hash,
        birth_date: None,
        area: None,
        platform_admin: true,
        verified: true,
        created_at: chrono::Utc::now(),
    };
    match accounts::create(database, account).await.map_err(|e| e.to_string())? {
        Some(_) => {
            println!("Platform administrator {} created.", email.as_str());
            Ok(())
        }
        None => Err(format!("an account with {} already exists", email.as_str())),
    }
}
