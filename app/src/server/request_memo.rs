//! What several parts of one request look up, looked up once for that request.
//!
//! A staff page asks who is signed in three times (the access check, the header, the page) and
//! which municipality it shows twice (the header, the page); each ask was two queries. On
//! SQLite every query is a hand-over to the connection's own thread and back, so these repeats
//! cost more than the page's own queries. The memo lives in the request's extensions (put there
//! by [`attach`]) and dies with the request: nothing is kept between requests, so nothing can go
//! stale across them.

use super::entities::user;
use crate::domain::roles::Actor;
use crate::error::AppResult;
use crate::model::tenancy::MunicipalityDetail;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Mutex;

type Account = Option<(user::Model, Actor)>;

#[derive(Clone, Default)]
pub struct RequestMemo(Arc<Memo>);

#[derive(Default)]
struct Memo {
    /// Whether the request only reads (GET, HEAD): only then may it use values kept under the
    /// content version (`versioned_reads`), read once for the whole request.
    reading_only: bool,
    version: tokio::sync::OnceCell<i64>,
    /// The account loaded for the session's user id, with that id: a session that signs in or
    /// out during the request names another id (or none), and the memo is not used for it.
    account: Mutex<Option<(i32, Account)>>,
    /// Municipalities by slug, found or not.
    municipalities: Mutex<Vec<(String, Option<MunicipalityDetail>)>>,
}

impl RequestMemo {
    /// The memo of a request that changes nothing (GET, HEAD).
    pub fn for_reading() -> Self {
        Self(Arc::new(Memo { reading_only: true, ..Memo::default() }))
    }

    /// The memo of a request that may change something.
    pub fn for_writing() -> Self {
        Self::default()
    }

    /// The content version this request reads at, read once; None for a request that may write,
    /// which must see its own changes and so reads the database itself.
    pub async fn version(&self, db: &sea_orm::DatabaseConnection) -> AppResult<Option<i64>> {
        if !self.0.reading_only {
            return Ok(None);
        }
        self.0.version.get_or_try_init(|| super::content_version::current(db)).await.copied().map(Some)
    }

    /// The account of `user_id` with what it may act as, loaded by `load` the first time. Parts
    /// of a page that ask at the same moment wait for the first one's answer. A failed load is
    /// not kept.
    pub async fn account<F, Fut>(&self, user_id: i32, load: F) -> AppResult<Account>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<Account>>,
    {
        let mut kept = self.0.account.lock().await;
        if let Some((id, account)) = kept.as_ref() {
            if *id == user_id {
                return Ok(account.clone());
            }
        }
        let account = load().await?;
        *kept = Some((user_id, account.clone()));
        Ok(account)
    }

    /// The municipality with `slug` (or that there is none), found by `load` the first time.
    pub async fn municipality<F, Fut>(&self, slug: &str, load: F) -> AppResult<Option<MunicipalityDetail>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<Option<MunicipalityDetail>>>,
    {
        let mut kept = self.0.municipalities.lock().await;
        if let Some((_, found)) = kept.iter().find(|(s, _)| s == slug) {
            return Ok(found.clone());
        }
        let found = load().await?;
        kept.push((slug.to_owned(), found.clone()));
        Ok(found)
    }
}

/// The memo of the request a server function or page is answering (from Leptos' context), if
/// any: calls from outside a request (tests, the command line) look everything up themselves.
pub fn current() -> Option<RequestMemo> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get().cloned())
}

/// Gives every request an empty memo.
pub async fn attach(mut request: Request, next: Next) -> Response {
    let memo = match *request.method() {
        http::Method::GET | http::Method::HEAD => RequestMemo::for_reading(),
        _ => RequestMemo::for_writing(),
    };
    request.extensions_mut().insert(memo);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::UserId;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn account(id: i32) -> Account {
        let model = user::Model {
            id,
            email: format!("persoon{id}@example.org"),
            email_verified_at: None,
            display_name: format!("Persoon {id}"),
            password_hash: String::new(),
            birth_date: None,
            area_id: None,
            is_platform_admin: false,
            locale: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
            password_changed_at: chrono::DateTime::UNIX_EPOCH,
        };
        Some((model, Actor { user_id: UserId(id), platform_admin: false, grants: vec![] }))
    }

    #[tokio::test]
    async fn an_account_is_loaded_once_per_user_id() {
        let memo = RequestMemo::default();
        let loads = AtomicUsize::new(0);
        let load = |id| {
            let loads = &loads;
            move || async move {
                loads.fetch_add(1, Ordering::SeqCst);
                Ok(account(id))
            }
        };
        let (a, b) = tokio::join!(memo.account(7, load(7)), memo.account(7, load(7)));
        assert_eq!(a.unwrap().unwrap().0.id, 7);
        assert_eq!(b.unwrap().unwrap().0.id, 7);
        assert_eq!(loads.load(Ordering::SeqCst), 1, "asked at the same moment, loaded once");
        // The session now names someone else (signed in as another account): loaded afresh.
        assert_eq!(memo.account(8, load(8)).await.unwrap().unwrap().0.id, 8);
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_load_is_not_kept() {
        let memo = RequestMemo::default();
        let failed = memo.account(7, || async { Err(crate::error::AppError::Busy { retry_after_secs: 1 }) }).await;
        assert!(failed.is_err());
        assert_eq!(memo.account(7, || async { Ok(account(7)) }).await.unwrap().unwrap().0.id, 7);
    }

    #[tokio::test]
    async fn a_municipality_is_found_once_per_slug_and_its_absence_is_kept_too() {
        let memo = RequestMemo::default();
        let loads = AtomicUsize::new(0);
        for _ in 0..3 {
            let found = memo
                .municipality("nergens", || async {
                    loads.fetch_add(1, Ordering::SeqCst);
                    Ok(None)
                })
                .await
                .unwrap();
            assert!(found.is_none());
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }
}
