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
