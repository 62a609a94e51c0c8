//! Copies of public pages (`server::page_cache`) are exact: after every kind of change, each page
//! a server serves from its copies is the page a server without copies makes fresh; the copies
//! really are served while nothing changed; and no table shown to the public escapes the content
//! version.

use crate::common::{password_of, TestApp};
use crate::consultations::{comment, open_consultation, RESIDENT};
use crate::desk::{Desk, DESK, OTHER_RESIDENT};
use crate::trajectories::{details, lead_session};
use http::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeSet;

/// The body with this response's nonce taken out: the one part that differs on purpose.
fn without_nonce(reply: &crate::common::Reply) -> String {
    let csp = reply.headers.get(http::header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or("");
    match csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()) {
        Some(nonce) => reply.body.replace(nonce, "NONCE"),
        None => reply.body.clone(),
    }
}

/// Every page as the caching server serves it equals the page made fresh; `after` names the
/// change, for the failure message.
async fn same_as_fresh(cached: &TestApp, fresh: &TestApp, pages: &[String], after: &str) {
    for page in pages {
        let served = cached.get(page, None).await;
        let made = fresh.get(page, None).await;
        assert_eq!(served.status, StatusCode::OK, "{page} after {after}");
        assert_eq!(made.status, StatusCode::OK, "{page} after {after}");
        assert!(
            without_nonce(&served) == without_nonce(&made),
            "{page} after {after}: the copy differs from the page made fresh"
        );
    }
}

/// Loads every page twice, so that each has a copy.
async fn warm(cached: &TestApp, pages: &[String]) {
    for page in pages {
        for _ in 0..2 {
            assert_eq!(cached.get(page, None).await.status, StatusCode::OK, "{page}");
        }
    }
}

#[tokio::test]
async fn after_every_kind_of_change_a_copy_is_the_page_made_fresh() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let poll_trajectory = crate::polls::trajectory(&s, &[]).await;
    let poll = crate::polls::add_poll(&s, &poll_trajectory, &[]).await;
    let fresh = s.app.uncached();
    let pages: Vec<String> = vec![
        "/duinwijk".into(),
        format!("/duinwijk/trajecten/{trajectory}"),
        format!("/duinwijk/raadplegingen/{consultation}"),
        format!("/api/v1/duinwijk/consultations/{consultation}/comments"),
        format!("/duinwijk/peilingen/{poll}"),
        format!("/api/v1/duinwijk/polls/{poll}/results"),
        "/api/v1/duinwijk/trajectories".into(),
        "/duinwijk/raad".into(),
    ];
    warm(&s.app, &pages).await;
    same_as_fresh(&s.app, &fresh, &pages, "nothing").await;

    let resident = s.app.log_in(RESIDENT, password_of(&s.accounts, RESIDENT)).await;
    let posted = comment(&s.app, &consultation, &resident, &[("body", "Meer bankjes graag.")]).await;
    same_as_fresh(&s.app, &fresh, &pages, "a comment").await;
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await;
    assert!(page.body.contains("Meer bankjes graag."), "the new comment shows at once");

    let form = [("municipality", "duinwijk"), ("consultation", consultation.as_str()), ("comment", posted.as_str())];
    let withdrawn = s.app.call("withdraw_comment", &form, Some(&resident)).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    same_as_fresh(&s.app, &fresh, &pages, "a withdrawn comment").await;

    let view = crate::polls::view(&s.app, &poll, Some(&resident)).await;
    let voted = crate::polls::vote(&s.app, &poll, &resident, &crate::polls::ballot(&view, 1, "")).await;
    assert_eq!(voted.status, StatusCode::OK, "{}", voted.body);
    same_as_fresh(&s.app, &fresh, &pages, "a vote").await;

    let mut form = details("Herinrichting Dorpsplein en Kerkstraat", &[]);
    form.push(("id", &trajectory));
    let updated = s.app.call("update_trajectory", &form, Some(&s.lead)).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    same_as_fresh(&s.app, &fresh, &pages, "an edited trajectory").await;
    assert!(s.app.get("/duinwijk", None).await.body.contains("Herinrichting Dorpsplein en Kerkstraat"));

    // Time alone: a copy is not served past its maximum age, whatever the data.
    s.app.state.clock.advance(chrono::Duration::days(40));
    same_as_fresh(&s.app, &fresh, &pages, "forty days (the poll closed)").await;

    // A statement typed into a console, past every use case, still raises the version.
    let backend = s.app.db.get_database_backend();
    let retitle = format!("UPDATE trajectories SET title = 'Plein van iedereen' WHERE id = {trajectory}");
    s.app.db.execute_raw(Statement::from_string(backend, retitle)).await.unwrap();
    same_as_fresh(&s.app, &fresh, &pages, "a change made in the database").await;
}

#[tokio::test]
async fn the_registers_copies_follow_initiatives_supports_and_the_desks_steps() {
    let d = Desk::new().await;
    let fresh = d.app.uncached();
    let pages: Vec<String> = vec![
        "/duinwijk/initiatieven".into(),
        "/duinwijk/initiatieven?sorteer=steun".into(),
        "/api/v1/duinwijk/initiatives".into(),
        "/api/v1/duinwijk/desk/norms".into(),
        "/duinwijk/raad".into(),
    ];
    warm(&d.app, &pages).await;
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[]).await;
    same_as_fresh(&d.app, &fresh, &pages, "a new public initiative").await;

    let other = d.log_in(OTHER_RESIDENT).await;
    let form = [("municipality", "duinwijk"), ("id", id.as_str()), ("support", "1")];
    assert_eq!(d.app.call("support_initiative", &form, Some(&other)).await.status, StatusCode::OK);
    same_as_fresh(&d.app, &fresh, &pages, "a support").await;

    let desk = d.log_in(DESK).await;
    let moved = d.desk_call(&desk, "move_desk_case", &id, &[("to", "acknowledged")]).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    same_as_fresh(&d.app, &fresh, &pages, "a step at the desk").await;

    d.app.state.clock.advance(chrono::Duration::days(30));
    same_as_fresh(&d.app, &fresh, &pages, "a month (deadlines passed)").await;
}

#[tokio::test]
async fn a_copy_is_served_while_the_version_stands_and_never_to_someone_signed_in() {
    let s = lead_session().await;
    let (trajectory, _) = open_consultation(&s).await;
    let page = format!("/duinwijk/trajecten/{trajectory}");
    let first = s.app.get(&page, None).await;
    assert!(first.body.contains("Herinrichting Dorpsplein"));

    // Changed behind the version's back (the number put back): only a copy can still show the
    // old title, so this proves copies are served.
    let backend = s.app.db.get_database_backend();
    let version = app::server::content_version::current(&s.app.db).await.unwrap();
    for sql in [
        format!("UPDATE trajectories SET title = 'Stille wijziging' WHERE id = {trajectory}"),
        format!("UPDATE content_version SET version = {version} WHERE id = 1"),
    ] {
        s.app.db.execute_raw(Statement::from_string(backend, sql)).await.unwrap();
    }
    let again = s.app.get(&page, None).await;
    assert!(again.body.contains("Herinrichting Dorpsplein"), "served from the copy");
    assert_ne!(without_nonce(&first), first.body, "the page carries its nonce");
    assert_eq!(without_nonce(&again), without_nonce(&first), "the same page…");
    assert_ne!(again.body, first.body, "…with a nonce of its own");

    // Someone signed in always gets the page made for them.
    let lead_page = s.app.get(&page, Some(&s.lead)).await;
    assert!(lead_page.body.contains("Stille wijziging"), "not from a copy");
    // Another language is another copy.
    let english = s.app.get(&page, Some("i18n_pref_locale=en")).await;
    assert!(english.body.contains("Stille wijziging"));
}

/// Every signed-in page equals the page a server that keeps nothing makes, seen by `cookie`.
async fn same_for_signed_in(cached: &TestApp, fresh: &TestApp, cookie: &str, pages: &[&str], after: &str) {
    for page in pages {
        let (served, made) = (cached.get(page, Some(cookie)).await, fresh.get(page, Some(cookie)).await);
        assert_eq!(served.status, made.status, "{page} after {after}");
        assert!(
            served.status == StatusCode::OK || after.contains("taken away"),
            "{page} after {after}: {}",
            served.status
        );
        assert!(
            without_nonce(&served) == without_nonce(&made),
            "{page} after {after}: differs from the page read fresh"
        );
    }
}

/// The desk's queue reads its figures, its officers, the account and the municipality under the
/// content version (`versioned_reads`): after each kind of change it is the queue read fresh.
#[tokio::test]
async fn the_desks_queue_read_under_the_version_is_the_queue_read_fresh_after_every_kind_of_change() {
    let d = Desk::new().await;
    let fresh = d.app.uncached();
    let desk = d.log_in(DESK).await;
    let pages = [
        "/beheer/duinwijk/loket",
        "/beheer/duinwijk/loket?termijn=te-laat",
        "/beheer/duinwijk/loket?status=alle",
        "/beheer/duinwijk/loket?behandelaar=ik",
    ];
    for _ in 0..2 {
        same_for_signed_in(&d.app, &fresh, &desk, &pages, "nothing").await;
    }
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[("title", "Bankje bij de bieb")]).await;
    same_for_signed_in(&d.app, &fresh, &desk, &pages, "a new case").await;
    assert!(d.app.get(pages[0], Some(&desk)).await.body.contains("Bankje bij de bieb"));

    let taken = d.desk_call(&desk, "move_desk_case", &id, &[("to", "in_progress")]).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    same_for_signed_in(&d.app, &fresh, &desk, &pages, "a case taken on").await;

    d.app.state.clock.advance(chrono::Duration::days(30));
    let desk = d.log_in(DESK).await; // the session ended meanwhile
    same_for_signed_in(&d.app, &fresh, &desk, &pages, "a month (deadlines passed)").await;
    assert!(d.app.get(pages[1], Some(&desk)).await.body.contains("Bankje bij de bieb"), "now overdue");

    let closed = d.desk_call(&desk, "move_desk_case", &id, &[("to", "closed")]).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    same_for_signed_in(&d.app, &fresh, &desk, &pages, "a case closed").await;

    // A colleague joins the desk: the officers to choose from change.
    let admin = d.log_in(crate::desk::ADMIN).await;
    let grant = [("municipality", "duinwijk"), ("email", OTHER_RESIDENT), ("role", "desk_officer")];
    assert_eq!(d.app.call("grant_role", &grant, Some(&admin)).await.status, StatusCode::OK);
    same_for_signed_in(&d.app, &fresh, &desk, &pages, "a new desk officer").await;

    // The desk officer's own role taken away: refused at once, not after the kept account expires.
    let backend = d.app.db.get_database_backend();
    let revoke =
        "DELETE FROM role_grants WHERE user_id = (SELECT id FROM users WHERE email = 'loket@duinwijk.example')";
    d.app.db.execute_raw(Statement::from_string(backend, revoke)).await.unwrap();
    same_for_signed_in(&d.app, &fresh, &desk, &pages, "the officer's role taken away").await;
    assert_ne!(d.app.get(pages[0], Some(&desk)).await.status, StatusCode::OK);
}

/// The figures are really kept: changed behind the version's back (the number put back), only a
/// kept value can still count the old case; a request that may write reads the database itself.
#[tokio::test]
async fn the_desks_figures_are_kept_while_the_version_stands_and_never_for_a_request_that_may_write() {
    let d = Desk::new().await;
    let (desk, resident) = (d.log_in(DESK).await, d.log_in(RESIDENT).await);
    d.case(&resident, &[]).await;
    let total = |queue: serde_json::Value| queue["total"].as_u64().unwrap();
    // The figure as read, whatever markers the renderer puts around it.
    let count_shown = |body: &str| {
        let mut text = body.to_owned();
        while let Some(start) = text.find("<!") {
            let end = text[start..].find('>').map_or(text.len(), |e| start + e + 1);
            text.replace_range(start..end, "");
        }
        text.contains("Aantal zaken: 1<")
    };
    let before = d.app.get("/beheer/duinwijk/loket", Some(&desk)).await;
    assert!(count_shown(&before.body), "{}", before.body);
    assert_eq!(total(d.queue(&desk, &[]).await), 1);

    let backend = d.app.db.get_database_backend();
    let version = app::server::content_version::current(&d.app.db).await.unwrap();
    for sql in [
        "UPDATE desk_cases SET status = 'closed'".to_owned(),
        format!("UPDATE content_version SET version = {version} WHERE id = 1"),
    ] {
        d.app.db.execute_raw(Statement::from_string(backend, sql)).await.unwrap();
    }
    let after = d.app.get("/beheer/duinwijk/loket", Some(&desk)).await;
    assert!(count_shown(&after.body), "the page still counts the case: its figures were kept");
    assert_eq!(total(d.queue(&desk, &[]).await), 0, "the server function (a POST) read the database");
    let fresh = d.app.uncached().get("/beheer/duinwijk/loket", Some(&desk)).await;
    assert!(!count_shown(&fresh.body), "a server that keeps nothing reads it fresh");
}

/// The tables a migration created, and those whose changes raise the content version.
async fn tables_and_versioned(app: &TestApp) -> (BTreeSet<String>, BTreeSet<String>) {
    let db = &app.db;
    let backend = db.get_database_backend();
    let (tables, versioned) = match backend {
        DbBackend::Postgres => (
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_type = 'BASE TABLE'",
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE t.tgname = 'content_changes'",
        ),
        _ => (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'content_changes_%'",
        ),
    };
    let mut sets = Vec::new();
    for sql in [tables, versioned] {
        let rows = db.query_all_raw(Statement::from_string(backend, sql)).await.unwrap();
        sets.push(rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect::<BTreeSet<_>>());
    }
    let versioned = sets.pop().unwrap();
    (sets.pop().unwrap(), versioned)
}

#[tokio::test]
async fn every_table_raises_the_content_version_or_is_named_as_never_public() {
    let app = TestApp::new().await;
    let (tables, versioned) = tables_and_versioned(&app).await;
    let unversioned: BTreeSet<String> = migrations::m20261207_000012_content_version::UNVERSIONED
        .iter()
        .chain(migrations::m20261207_000014_desk_alerts_unversioned::NO_LONGER_VERSIONED)
        .chain(migrations::m20261208_000016_privacy::NEVER_PUBLIC)
        .map(|t| (*t).to_owned())
        .collect();
    let neither: Vec<&String> =
        tables.iter().filter(|t| !versioned.contains(*t) && !unversioned.contains(*t)).collect();
    assert!(
        neither.is_empty(),
        "tables outside the content version: call version_changes_of for them in their migration, or name them \
         in UNVERSIONED if nothing of them is ever shown on a public page: {neither:?}"
    );
    let both: Vec<&String> = versioned.intersection(&unversioned).collect();
    assert!(both.is_empty(), "{both:?}");
    assert!(versioned.len() > 40, "{versioned:?}");
}

#[tokio::test]
async fn a_write_raises_the_version_with_its_transaction() {
    let (app, _) = TestApp::seeded().await;
    let backend = app.db.get_database_backend();
    let rename = || Statement::from_string(backend, "UPDATE municipalities SET name = name || '.'");
    let version = || app::server::content_version::current(&app.db);
    let before = version().await.unwrap();
    let txn = sea_orm::TransactionTrait::begin(&app.db).await.unwrap();
    txn.execute_raw(rename()).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(version().await.unwrap(), before, "rolled back: unchanged");
    app.db.execute_raw(rename()).await.unwrap();
    assert!(version().await.unwrap() > before, "committed: raised");
}

#[tokio::test]
async fn fifty_readers_at_once_get_the_same_page_and_a_missing_page_holds_nobody_up() {
    let s = lead_session().await;
    let (trajectory, _) = open_consultation(&s).await;
    for (path, status) in [
        (format!("/duinwijk/trajecten/{trajectory}"), StatusCode::OK),
        ("/duinwijk/trajecten/999999".to_owned(), StatusCode::NOT_FOUND),
    ] {
        let mut readers = tokio::task::JoinSet::new();
        for _ in 0..50 {
            let (router, path) = (s.app.router.clone(), path.clone());
            readers.spawn(async move {
                let request = http::Request::get(&path).body(axum::body::Body::empty()).unwrap();
                let response = tower::ServiceExt::oneshot(router, request).await.unwrap();
                let status = response.status();
                let headers = response.headers().clone();
                let body = axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap();
                crate::common::Reply { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
            });
        }
        let replies = tokio::time::timeout(std::time::Duration::from_secs(60), readers.join_all())
            .await
            .unwrap_or_else(|_| panic!("{path}: readers waiting on each other"));
        assert!(replies.iter().all(|r| r.status == status), "{path}");
        if status == StatusCode::OK {
            let first = without_nonce(&replies[0]);
            assert!(replies.iter().all(|r| without_nonce(r) == first), "{path}: one page for all");
            let nonces: BTreeSet<&str> =
                replies.iter().map(|r| r.headers[http::header::CONTENT_SECURITY_POLICY].to_str().unwrap()).collect();
            assert_eq!(nonces.len(), 50, "a nonce of its own for each");
        }
    }
}

/// A copy that goes out gzip-compressed (to a client that takes gzip and not brotli, or a large
/// one) is compressed once around its nonce: each response carries a nonce of its own (the one
/// its CSP header names), standing in the stream as it is, and reads as the page sent plain; open
/// data goes out the same way.
#[tokio::test]
async fn a_copy_goes_out_gzip_compressed_once_with_each_responses_own_nonce() {
    use axum::body::Body;
    use http::{header, Request};
    use std::io::Read;
    use tower::ServiceExt;

    let app = TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    for path in ["/duinwijk", "/duinwijk/raad", "/api/v1/duinwijk/trajectories", "/api/v1/duinwijk/desk/norms"] {
        let plain = app.get(path, None).await;
        assert_eq!(plain.status, StatusCode::OK, "{path}");
        let mut nonces = BTreeSet::new();
        for _ in 0..3 {
            let request = Request::get(path)
                .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*")
                .header(header::ACCEPT_ENCODING, "gzip, deflate")
                .body(Body::empty())
                .unwrap();
            let response = app.router.clone().oneshot(request).await.unwrap();
            let headers = response.headers().clone();
            assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "{path}");
            assert!(
                headers.get_all(header::VARY).iter().any(|v| v.to_str().unwrap().contains("accept-encoding")),
                "{path}: {headers:?}"
            );
            let raw = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.unwrap();
            let mut body = String::new();
            flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut body).expect("one valid gzip stream");
            let reply = crate::common::Reply { status: StatusCode::OK, headers, body };
            assert_eq!(without_nonce(&reply), without_nonce(&plain), "{path}: the same as sent plain");
            let csp = reply.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
            if let Some(nonce) = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()) {
                if reply.body.contains(nonce) {
                    // Compressed per response, a random nonce would be coded with the rest; kept
                    // compressed, it is put in between the compressed parts as it is.
                    assert!(raw.windows(nonce.len()).any(|w| w == nonce.as_bytes()), "{path}: spliced in");
                    nonces.insert(nonce.to_owned());
                }
            }
        }
        if path.starts_with("/duinwijk") {
            assert_eq!(nonces.len(), 3, "{path}: a nonce of its own for each response");
        }
    }
}
