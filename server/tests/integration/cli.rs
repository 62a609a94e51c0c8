use std::io::Write;
use std::process::{Command, Stdio};

fn create_admin(dir: &std::path::Path, email: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samenspraak"))
        .args(["create-admin", "--email", email])
        .env("DATA_DIR", dir)
        .env("APP_ENV", "test")
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// The first platform administrator only comes to exist through the command line.
#[test]
fn create_admin_makes_one_administrator_and_refuses_weak_passwords_and_duplicates() {
    let dir = std::env::temp_dir().join(format!("samenspraak-cli-{}", uuid::Uuid::new_v4()));
    let weak = create_admin(&dir, "root@example.nl", "welkom123456");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"), "{weak:?}");

    let made = create_admin(&dir, "root@example.nl", "een lang en goed wachtwoord");
    assert!(made.status.success(), "{made:?}");
    assert!(String::from_utf8_lossy(&made.stdout).contains("root@example.nl"));

    let again = create_admin(&dir, "Root@Example.nl", "een lang en goed wachtwoord");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_wrong_setting_stops_the_server_with_one_clear_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_samenspraak"))
        .arg("serve")
        .env("APP_ENV", "production")
        .env_remove("SESSION_SECRET")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("SESSION_SECRET"), "{stderr}");
}

/// SIGTERM lets the server finish and exit cleanly instead of being cut off.
#[test]
fn the_server_stops_gracefully_on_sigterm() {
    use std::io::Read;
    use std::net::TcpStream;
    let dir = std::env::temp_dir().join(format!("samenspraak-stop-{}", uuid::Uuid::new_v4()));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_samenspraak"))
        .arg("serve")
        .env("DATA_DIR", &dir)
        .env("APP_ENV", "test")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let healthy = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        TcpStream::connect(("127.0.0.1", port))
            .and_then(|mut stream| {
                stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
                let mut answer = String::new();
                stream.read_to_string(&mut answer)?;
                Ok(answer.starts_with("HTTP/1.1 200"))
            })
            .unwrap_or(false)
    });
    assert!(healthy, "the server did not come up");
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = server.wait().unwrap();
    assert!(status.success(), "exit after SIGTERM: {status:?}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Deployed with migrations as a step of their own, a server never serves a schema it is ahead of.
#[test]
fn a_server_that_does_not_migrate_refuses_to_start_on_a_schema_behind_it() {
    let dir = std::env::temp_dir().join(format!("samenspraak-schema-cli-{}", uuid::Uuid::new_v4()));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_samenspraak"))
            .args(args)
            .env("DATA_DIR", &dir)
            .env("APP_ENV", "test")
            .env("MIGRATE_ON_START", "false")
            .env("LEPTOS_SITE_ADDR", "192.0.2.1:3000")
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let refused = run(&["serve"]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("schema is behind") && stderr.contains("samenspraak migrate up"), "{stderr}");
    let migrated = run(&["migrate", "up"]);
    assert!(migrated.status.success(), "{migrated:?}");
    assert!(String::from_utf8_lossy(&migrated.stdout).contains("migration(s) applied"));
    // Now current: it gets past the schema and stops only where it cannot listen (an address this machine does not have).
    let started = run(&["serve"]);
    let stderr = String::from_utf8_lossy(&started.stderr);
    assert!(stderr.contains("cannot listen on 192.0.2.1:3000") && !stderr.contains("schema"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

/// For a log collector: one JSON object per line, when asked for.
#[test]
fn logs_can_be_written_as_json_lines() {
    let dir = std::env::temp_dir().join(format!("samenspraak-json-log-{}", uuid::Uuid::new_v4()));
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_samenspraak"))
            .args(["migrate", "up"])
            .env("DATA_DIR", &dir)
            .env("APP_ENV", "test")
            .env("LOG_FORMAT", format)
            .env_remove("DATABASE_URL")
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    };
    let wrong = run("xml");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("LOG_FORMAT"), "{wrong:?}");
    let migrated = run("json");
    assert!(migrated.status.success(), "{migrated:?}");
    let stdout = String::from_utf8_lossy(&migrated.stdout);
    let logged: Vec<serde_json::Value> =
        stdout.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l).unwrap()).collect();
    let line = logged.iter().find(|l| l["fields"]["message"] == "database migrated").expect("the migration logged");
    assert_eq!(line["level"], "INFO", "{line}");
    assert!(line["fields"]["applied"].as_u64().unwrap() > 0, "{line}");
    let _ = std::fs::remove_dir_all(dir);
}

/// `backup` and `restore` as an operator types them (SQLite; the drill covers PostgreSQL).
#[test]
fn backup_and_restore_from_the_command_line() {
    let root = std::env::temp_dir().join(format!("samenspraak-backup-cli-{}", uuid::Uuid::new_v4()));
    let run = |data: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_samenspraak"))
            .args(args)
            .env("DATA_DIR", root.join(data))
            .env("APP_ENV", "test")
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let file = root.join("copy.db");
    let file = file.to_str().unwrap();
    assert!(run("live", &["migrate", "up"]).status.success());
    let backup = run("live", &["backup", "--to", file]);
    assert!(backup.status.success(), "{backup:?}");
    let restored = run("fresh", &["restore", "--from", file]);
    assert!(restored.status.success(), "{restored:?}");
    assert!(String::from_utf8_lossy(&restored.stdout).contains("restored and checked"));
    // Not over an installation that has data.
    let again = run("fresh", &["restore", "--from", file]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"), "{again:?}");
    let _ = std::fs::remove_dir_all(root);
}
