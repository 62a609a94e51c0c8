use crate::common::{self, TestApp};
use http::StatusCode;

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::new().await;
    let reply = app.get("/healthz", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), serde_json::json!({"status": "ok", "database": "ok"}));

    assert_eq!(app.get("/healthz/ready", None).await.json(), reply.json());

    app.db.clone().close().await.unwrap();
    for path in ["/healthz", "/healthz/ready"] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(reply.json()["database"], "unreachable");
    }
    // Alive all the same: a supervisor must not restart app servers because the database is away.
    let live = app.get("/healthz/live", None).await;
    assert_eq!((live.status, live.json()), (StatusCode::OK, serde_json::json!({"status": "ok"})));
}

#[tokio::test]
async fn municipalities_are_open_data() {
    let (app, _) = TestApp::seeded().await;
    let reply = app.get("/api/v1/municipalities", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json(),
        serde_json::json!([
            {"slug": "duinwijk", "name": "Gemeente Duinwijk"},
            {"slug": "polderveen", "name": "Gemeente Polderveen"}
        ])
    );
}

#[tokio::test]
async fn home_and_municipality_pages_render_on_the_server() {
    let (app, _) = TestApp::seeded().await;
    let home = app.get("/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Gemeente Duinwijk"), "{}", home.body);
    assert!(home.body.contains(r#"href="/polderveen""#));
    assert!(home.body.contains("<html lang=\"nl\""), "Dutch by default");

    let page = app.get("/duinwijk", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Gemeente Duinwijk</h1>"), "{}", page.body);
    assert!(page.body.contains("Zeedorp"));
    assert!(page.body.contains("/duinwijk/huisstijl.css"));
    assert!(
        page.body.contains(r#"<a href="/duinwijk" class="site-header__name">Gemeente Duinwijk</a>"#),
        "name in the header"
    );
    assert!(!home.body.contains("huisstijl.css"), "the platform pages keep the platform colours");
    // Feed readers find the trajectories' feed from the municipality's page.
    let links = scraper::Html::parse_document(&page.body);
    let alternate = scraper::Selector::parse(r#"head link[rel="alternate"][type="application/atom+xml"]"#).unwrap();
    let feed = links.select(&alternate).next().expect("the feed is announced in the head");
    assert_eq!(feed.value().attr("href"), Some("/api/v1/duinwijk/trajectories.atom"));
    assert_eq!(app.get("/api/v1/duinwijk/trajectories.atom", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_in_and_the_account_keep_the_header_of_the_municipality_the_resident_came_from() {
    let (app, _) = TestApp::seeded().await;
    let header_of_duinwijk = r#"<a href="/duinwijk" class="site-header__name">Gemeente Duinwijk</a>"#;
    let remembered = |reply: &common::Reply| reply.cookie_set("gemeente");
    // Straight to the sign-in page: the platform's header.
    let direct = app.get("/inloggen", None).await;
    assert!(!direct.body.contains("huisstijl.css"), "{}", direct.body);
    assert_eq!(remembered(&direct), None);

    // From Duinwijk's pages: its header on signing in, registering and the account.
    let visit = app.get("/duinwijk/raad", None).await;
    let cookie = remembered(&visit).expect("the municipality is remembered");
    assert_eq!(cookie, "gemeente=duinwijk");
    for path in ["/inloggen?next=/duinwijk", "/registreren", "/wachtwoord-vergeten"] {
        let page = app.get(path, Some(&cookie)).await;
        assert!(page.body.contains(header_of_duinwijk), "{path}: {}", page.body);
        assert!(page.body.contains("/duinwijk/huisstijl.css"), "{path}");
        assert_eq!(remembered(&page), None, "{path}: remembered once, not set again on every page");
    }
    assert_eq!(remembered(&app.get("/duinwijk", Some(&cookie)).await), None, "already remembered");
    // Another municipality takes its place; the platform's own pages stay the platform's.
    assert_eq!(remembered(&app.get("/polderveen", Some(&cookie)).await).as_deref(), Some("gemeente=polderveen"));
    assert!(!app.get("/", Some(&cookie)).await.body.contains("huisstijl.css"));

    // A cookie naming no municipality, or anything else, is ignored.
    for forged in ["gemeente=nergens", "gemeente=../api", "gemeente=<script>", "gemeente="] {
        let page = app.get("/inloggen", Some(forged)).await;
        assert_eq!(page.status, StatusCode::OK, "{forged}");
        assert!(!page.body.contains("huisstijl.css"), "{forged}");
    }
}

#[tokio::test]
async fn unknown_pages_are_404_with_a_real_page() {
    let (app, _) = TestApp::seeded().await;
    for path in ["/bestaat-niet", "/bestaat/ook/niet"] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(reply.body.contains("Deze pagina bestaat niet"), "{path}: {}", reply.body);
    }
}

#[tokio::test]
async fn house_style_is_served_as_a_stylesheet() {
    let (app, _) = TestApp::seeded().await;
    let reply = app.get("/duinwijk/huisstijl.css", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "text/css; charset=utf-8");
    assert!(reply.body.contains("--colour-primary: #1a5493"));
    assert_eq!(app.get("/nergens/huisstijl.css", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn english_is_chosen_with_a_link_and_remembered() {
    let (app, _) = TestApp::seeded().await;
    let reply = app.get("/taal/en?next=/duinwijk", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location().as_deref(), Some("/duinwijk"));
    let cookie = reply.headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert_eq!(cookie, "i18n_pref_locale=en");
    let page = app.get("/duinwijk", Some(&cookie)).await;
    assert!(page.body.contains("<html lang=\"en\""), "{}", &page.body[..400.min(page.body.len())]);
    assert!(page.body.contains("All trajectories"));

    let evil = app.get("/taal/en?next=https://evil.example", None).await;
    assert_eq!(evil.location().as_deref(), Some("/"));
}

#[tokio::test]
async fn the_404_page_names_the_request_reference() {
    let app = TestApp::new().await;
    let reply = app.get("/nergens", None).await;
    let id = reply.headers["x-request-id"].to_str().unwrap();
    assert!(reply.body.contains(id), "{}", reply.body);
}

#[tokio::test]
async fn an_installation_with_one_municipality_opens_on_it() {
    let app = TestApp::new().await;
    let style = app::domain::tenancy::HouseStyle::parse("#1a5493", "#a51d2d").unwrap();
    let slug = app::domain::tenancy::Slug::parse("eendorp").unwrap();
    app::server::tenancy::create(&app.db, &slug, "Gemeente Eendorp", style, app.state.clock.now())
        .await
        .unwrap()
        .unwrap();
    let reply = app.get("/", None).await;
    assert_eq!(reply.status.as_u16() / 100, 3, "{}", reply.body);
    assert_eq!(reply.location().as_deref(), Some("/eendorp"));
}
