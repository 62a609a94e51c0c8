//! The backup drill: a backup taken while residents keep commenting, restored into a fresh
//! installation, is whole (integrity check), holds everything acknowledged before the backup
//! began, exactly once, and is served by the app (sessions included). SQLite through VACUUM INTO,
//! PostgreSQL through pg_dump and pg_restore.

use crate::common::{fresh_database, TempDir};
use crate::consultations::{open_consultation, post, RESIDENT};
use crate::trajectories::lead_session;
use app::server::entities::input;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_backup_taken_under_writes_restores_everything_acknowledged_before_it() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    // Time stands still but for the 15 seconds the writer moves it per comment (the posting limit).
    s.app.state.clock.set(chrono::Utc::now());
    let resident = s.log_in(RESIDENT).await;

    let (stop, written) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let writer = tokio::spawn({
        let (server, consultation, resident) = (s.app.another_server(), consultation.clone(), resident.clone());
        let (stop, written) = (stop.clone(), written.clone());
        async move {
            let mut acknowledged = Vec::new();
            for i in 0.. {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                server.state.clock.advance(chrono::Duration::seconds(15));
                let body = format!("Reactie {i}, geschreven terwijl de back-up liep");
                let reply = post(&server, &consultation, &resident, &[("body", &body)]).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
                acknowledged.push((body, Instant::now()));
                written.fetch_add(1, Ordering::SeqCst);
            }
            acknowledged
        }
    });
    while written.load(Ordering::SeqCst) < 15 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let backups = TempDir(std::env::temp_dir().join(format!("samenspraak-backup-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&backups.0).unwrap();
    let file = backups.0.join("samenspraak.backup");
    let url = &s.app.config.database_url;
    let backup_began = Instant::now();
    server::backup::back_up(&s.app.db, url, &file).await.unwrap();
    let after_backup = written.load(Ordering::SeqCst);
    while written.load(Ordering::SeqCst) < after_backup + 5 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.store(true, Ordering::SeqCst);
    let acknowledged = writer.await.unwrap();
    // A backup never overwrites.
    assert!(server::backup::back_up(&s.app.db, url, &file).await.unwrap_err().contains("exists already"));

    // Into a fresh installation: a new SQLite file, or a new empty PostgreSQL database.
    let (fresh_url, fresh) = fresh_database(&backups.0.join("restored")).await;
    fresh.close().await.unwrap();
    if fresh_url.starts_with("sqlite:") {
        let path = fresh_url.trim_start_matches("sqlite://").split('?').next().unwrap().to_owned();
        let _ = std::fs::remove_file(&path);
    }
    let restored = server::backup::restore(&file, &fresh_url).await.unwrap();
    server::backup::check_integrity(&restored).await.unwrap();
    // Restoring over data is refused.
    assert!(server::backup::restore(&file, &fresh_url).await.is_err());

    let before: Vec<&String> = acknowledged.iter().filter(|(_, at)| *at < backup_began).map(|(b, _)| b).collect();
    assert!(before.len() >= 15, "{} acknowledged before the backup", before.len());
    for body in &before {
        let stored =
            input::Entity::find().filter(input::Column::Body.eq(body.as_str())).count(&restored).await.unwrap();
        assert_eq!(stored, 1, "{body}");
    }
    let in_copy = input::Entity::find().count(&restored).await.unwrap();
    assert!(in_copy <= u64::try_from(acknowledged.len()).unwrap(), "nothing in the copy that was never acknowledged");

    // The restored installation serves the data, and the resident's session with it.
    let restored_app = s.app.serving(restored.clone(), &fresh_url);
    let me = restored_app.call("current_account", &[], Some(&resident)).await;
    assert_eq!(me.json()["email"], RESIDENT);
    let page =
        restored_app.get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments?sorteer=oudste"), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json()["total"].as_u64().unwrap(), in_copy);
}
