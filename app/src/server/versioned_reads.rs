//! Reads that nearly every signed-in page repeats, kept in memory under the content version they
//! were read at: who an account is and what it may do, a municipality with its areas, the desk's
//! figures and officers.
//!
//! Every table these come from raises the content version on each change (see
//! `content_version`), so a value kept under version N is still right while the version is N: the
//! same rule as the copies of public pages. Only requests that change nothing use them (GET and
//! HEAD, see `RequestMemo::version`): a request that writes reads the database itself, so it
//! always sees its own change. The caches are small and bounded; a value read at an older version
//! is simply read again.

use super::desk::queue::{DeskFigures, DeskFiguresKey};
use super::entities::user;
use super::request_memo::RequestMemo;
use crate::domain::roles::Actor;
use crate::error::AppResult;
use crate::model::tenancy::MunicipalityDetail;
use quick_cache::sync::Cache;
use std::future::Future;
use std::hash::Hash;

pub struct VersionedReads {
    /// The account with its role grants, by user id.
    pub accounts: Kept<i32, Option<(user::Model, Actor)>>,
    /// The municipality with its areas (or that there is none), by slug.
    pub municipalities: Kept<String, Option<MunicipalityDetail>>,
    pub desk_figures: Kept<DeskFiguresKey, DeskFigures>,
    /// The desk's officers, by municipality.
    pub officers: Kept<i32, Vec<(i32, String)>>,
}

/// How many of each are kept: the accounts signed in at once on one server, the municipalities
/// of an installation, the views of the desks being worked.
const ACCOUNTS: usize = 10_000;
const MUNICIPALITIES: usize = 1_000;
const DESK_VIEWS: usize = 2_000;

impl VersionedReads {
    /// Off (`on` false) with `PAGE_CACHE_MB=0`, which keeps nothing in memory (and gives the
    /// tests their fresh reading to compare with).
    pub fn new(on: bool) -> Self {
        Self {
            accounts: Kept::new(on, ACCOUNTS),
            municipalities: Kept::new(on, MUNICIPALITIES),
            desk_figures: Kept::new(on, DESK_VIEWS),
            officers: Kept::new(on, MUNICIPALITIES),
        }
    }
}

/// Values by key, each with the content version it was read at; None when nothing is kept.
pub struct Kept<K, V>(Option<Cache<K, (i64, V)>>);

impl<K: Eq + Hash + Clone, V: Clone> Kept<K, V> {
    fn new(on: bool, capacity: usize) -> Self {
        Self(on.then(|| Cache::new(capacity)))
    }

    /// The value kept for `key` under the request's content version, or `load`'s, then kept.
    /// Without a version (a request that may write, or no request at all) always `load`'s.
    pub async fn read<F, Fut>(
        &self,
        memo: Option<&RequestMemo>,
        db: &sea_orm::DatabaseConnection,
        key: K,
        load: F,
    ) -> AppResult<V>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<V>>,
    {
        let (Some(cache), Some(memo)) = (&self.0, memo) else {
            return load().await;
        };
        let Some(version) = memo.version(db).await? else {
            return load().await;
        };
        if let Some((kept_at, value)) = cache.get(&key) {
            if kept_at == version {
                return Ok(value);
            }
        }
        let value = load().await?;
        cache.insert(key, (version, value.clone()));
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn database() -> sea_orm::DatabaseConnection {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared("CREATE TABLE content_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)")
            .await
            .unwrap();
        db.execute_unprepared("INSERT INTO content_version (id, version) VALUES (1, 0)").await.unwrap();
        db
    }

    async fn raise(db: &sea_orm::DatabaseConnection) {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("UPDATE content_version SET version = version + 1").await.unwrap();
    }

    #[tokio::test]
    async fn a_value_is_read_again_once_the_version_moved_and_only_then() {
        let (db, reads, loads) = (database().await, VersionedReads::new(true), AtomicUsize::new(0));
        let figures = |total| {
            let loads = &loads;
            move || async move {
                loads.fetch_add(1, Ordering::SeqCst);
                Ok(DeskFigures { total, overdue: 0 })
            }
        };
        let key = (1, Default::default(), NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        for total in [5, 6] {
            // Each request has a memo of its own, as each reads the version once.
            let memo = RequestMemo::for_reading();
            assert_eq!(reads.desk_figures.read(Some(&memo), &db, key, figures(total)).await.unwrap().total, 5);
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1, "the second request was answered from memory");
        raise(&db).await;
        let memo = RequestMemo::for_reading();
        assert_eq!(reads.desk_figures.read(Some(&memo), &db, key, figures(7)).await.unwrap().total, 7);
        let next_day = (1, Default::default(), NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
        assert_eq!(reads.desk_figures.read(Some(&memo), &db, next_day, figures(8)).await.unwrap().total, 8);
        assert_eq!(loads.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_request_that_may_write_always_reads_the_database() {
        let (db, reads, loads) = (database().await, VersionedReads::new(true), AtomicUsize::new(0));
        for _ in 0..3 {
            let memo = RequestMemo::for_writing();
            let found = reads
                .officers
                .read(Some(&memo), &db, 1, || async {
                    loads.fetch_add(1, Ordering::SeqCst);
                    Ok(vec![(1, "Loket".to_owned())])
                })
                .await
                .unwrap();
            assert_eq!(found.len(), 1);
        }
        assert_eq!(loads.load(Ordering::SeqCst), 3);
    }
}
