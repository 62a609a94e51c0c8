//! A resident's page costs at most 100 KB of script (JavaScript and WebAssembly, compressed as the
//! server sends them) on a cold first visit, however many staff pages and islands the app gains.
//! Measured on the built front end in `target/site` (`make test` builds it first): every script
//! a page links, preloads or has its loader fetch is requested through the real router, as a
//! browser that takes brotli would, and its bytes counted.

use crate::common::TestApp;
use axum::body::Body;
use http::{header, Request, StatusCode};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::PathBuf;
use tower::ServiceExt;

const BUDGET: usize = 100 * 1024;

/// Whether an address is of one kind of page.
type IsKind = fn(&str) -> bool;

/// The pages residents use, by the shape of their address.
const RESIDENT_PAGES: &[(&str, IsKind)] = &[
    ("the municipality's page", |p| p == "/duinwijk"),
    ("a trajectory", |p| segments(p).len() == 3 && p.starts_with("/duinwijk/trajecten/")),
    ("a consultation", |p| segments(p).len() == 3 && p.starts_with("/duinwijk/raadplegingen/")),
    ("a poll's ballot or results", |p| segments(p).len() == 3 && p.starts_with("/duinwijk/peilingen/")),
    ("bringing in an initiative", |p| p == "/duinwijk/initiatief-indienen"),
    ("following one's case", |p| p.starts_with("/account/zaken/")),
    ("a report", |p| p.starts_with("/duinwijk/trajecten/") && p.ends_with("/verslag")),
    ("the council's page", |p| p == "/duinwijk/raad"),
];

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

fn built_site() -> PathBuf {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site");
    assert!(
        site.join(app::server::front_end::MANIFEST).exists(),
        "no built front end in {}: run scripts/build-front.sh --release first (make test does)",
        site.display()
    );
    site.canonicalize().unwrap()
}

/// What one page costs in script, and which files make it up.
#[derive(Debug)]
struct ScriptCost {
    bytes: usize,
    files: Vec<(String, usize)>,
}

/// The bytes of a file as a browser that takes brotli or gzip receives it.
async fn sent_bytes(app: &TestApp, url: &str) -> usize {
    let request = Request::get(url).header(header::ACCEPT_ENCODING, "br, gzip").body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024).await.unwrap().len()
}

/// The script a page costs: its inline scripts, every script file it links or preloads, and, on
/// a page with an island, the files its loader fetches (the quoted `/pkg/` addresses in it).
async fn script_cost(app: &TestApp, html: &str) -> ScriptCost {
    let document = Html::parse_document(html);
    let select = |css: &str| Selector::parse(css).unwrap();
    let mut urls = BTreeSet::new();
    let mut bytes = 0;
    for script in document.select(&select("script")) {
        match script.value().attr("src") {
            Some(src) => drop(urls.insert(src.to_owned())),
            None => bytes += script.text().map(str::len).sum::<usize>(),
        }
    }
    for link in document.select(&select("link[rel=modulepreload], link[rel=preload]")) {
        urls.extend(link.value().attr("href").map(str::to_owned));
    }
    if document.select(&select("leptos-island")).next().is_some() {
        for script in document.select(&select("script:not([src])")) {
            let text: String = script.text().collect();
            urls.extend(text.split('"').filter(|s| s.starts_with("/pkg/")).map(str::to_owned));
        }
    }
    let mut files = Vec::new();
    for url in urls {
        let size = sent_bytes(app, &url).await;
        bytes += size;
        files.push((url, size));
    }
    ScriptCost { bytes, files }
}

/// The links on a page to the demo municipality's pages and the account's.
fn links(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let anchors = Selector::parse("a[href]").unwrap();
    document
        .select(&anchors)
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with("/duinwijk") || href.starts_with("/account"))
        .map(|href| href.split(['?', '#']).next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn every_page_a_resident_uses_costs_at_most_100_kb_of_script() {
    let site = built_site();
    let app = TestApp::with_env(&[("LEPTOS_SITE_ROOT", site.to_str().unwrap())]).await;
    let accounts = server::seed::seed_demo(&app.db).await.unwrap();
    let password = |email: &str| accounts.iter().find(|a| a.email == email).unwrap().password.clone();
    // Anonymous, a resident with cases, and a young panel member who may vote.
    let mut visitors = vec![None];
    for email in ["inwoner@duinwijk.example", "jongere@duinwijk.example"] {
        visitors.push(Some(app.log_in(email, &password(email)).await));
    }

    let mut seen = BTreeSet::new();
    for cookie in &visitors {
        // Two steps from the municipality's page and the account page reach every kind of page.
        let mut frontier = vec!["/duinwijk".to_owned(), "/account".to_owned()];
        let mut visited = BTreeSet::new();
        for _ in 0..3 {
            let mut next = Vec::new();
            for path in frontier.drain(..) {
                if !visited.insert(path.clone()) {
                    continue;
                }
                let page = app.get(&path, cookie.as_deref()).await;
                if page.status != StatusCode::OK {
                    continue;
                }
                next.extend(links(&page.body));
                let Some((kind, _)) = RESIDENT_PAGES.iter().find(|(_, is)| is(&path)) else { continue };
                let cost = script_cost(&app, &page.body).await;
                assert!(
                    cost.bytes <= BUDGET,
                    "{kind} ({path}) costs {} bytes of script, more than {BUDGET}: {:?}",
                    cost.bytes,
                    cost.files
                );
                seen.insert(*kind);
            }
            frontier = next;
        }
    }
    let missed: Vec<_> = RESIDENT_PAGES.iter().map(|(kind, _)| *kind).filter(|kind| !seen.contains(kind)).collect();
    assert!(missed.is_empty(), "pages never reached, so never weighed: {missed:?}");
}

#[tokio::test]
async fn a_page_with_an_island_is_charged_the_files_its_loader_fetches() {
    let site = built_site();
    let app = TestApp::with_env(&[("LEPTOS_SITE_ROOT", site.to_str().unwrap())]).await;
    let accounts = server::seed::seed_demo(&app.db).await.unwrap();
    let lead = "projectleider@duinwijk.example";
    let password = accounts.iter().find(|a| a.email == lead).unwrap().password.clone();
    let cookie = app.log_in(lead, &password).await;

    // The trajectory editor has the B1 aid, an island: its page pays for the WebAssembly module.
    let page = app.get("/duinwijk/trajecten/nieuw", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<leptos-island"), "the B1 aid is an island");
    let cost = script_cost(&app, &page.body).await;
    let files = app::server::front_end::front_end_files(&app.state.leptos_options);
    let charged: BTreeSet<&str> = cost.files.iter().map(|(url, _)| url.as_str()).collect();
    assert_eq!(charged, BTreeSet::from([files.script.as_str(), files.wasm.as_str()]), "{cost:?}");
    let wasm = std::fs::metadata(site.join(files.wasm.trim_start_matches('/'))).unwrap().len() as usize;
    assert!(cost.bytes > wasm / 4, "the module counts, compressed: {cost:?} for a {wasm}-byte module");

    // The same page without its island costs the loader only (with the character count and the
    // chosen count forms share: about 2.5 KB before compression).
    let resident_page = app.get("/duinwijk", None).await;
    let light = script_cost(&app, &resident_page.body).await;
    assert!(light.files.is_empty() && light.bytes < 2_800, "{light:?}");
}
