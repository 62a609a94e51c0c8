use crate::common::fresh_database;
use migrations::{Migrator, MigratorTrait};

/// Every migration has a working down: up, all the way down, and up again.
#[tokio::test]
async fn migrations_run_up_down_up() {
    let dir = std::env::temp_dir().join(format!("samenspraak-mig-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, db) = fresh_database(&dir).await;
    let total = Migrator::migrations().len();
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(Migrator::get_pending_migrations(&db).await.unwrap().len(), 0);
    Migrator::down(&db, Some(total as u32)).await.unwrap();
    assert_eq!(Migrator::get_pending_migrations(&db).await.unwrap().len(), total);
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(Migrator::get_applied_migrations(&db).await.unwrap().len(), total);
    let _ = std::fs::remove_dir_all(dir);
}
