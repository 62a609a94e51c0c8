//! How responses travel: compressed when the browser takes it, the front end from files
//! compressed at build time and kept for a year under names that change with their content, and
//! no Nagle delay.

use crate::common::TestApp;
use axum::body::Body;
use http::{header, Request, StatusCode};
use std::io::Read;
use tower::ServiceExt;

struct Got {
    status: StatusCode,
    headers: http::HeaderMap,
    bytes: Vec<u8>,
}

async fn get(app: &TestApp, path: &str, headers: &[(header::HeaderName, &str)]) -> Got {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = app.router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024).await.unwrap().to_vec();
    Got { status, headers, bytes }
}

fn encoding(got: &Got) -> Option<&str> {
    got.headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok())
}

fn decoded(got: &Got) -> String {
    let mut text = String::new();
    match encoding(got) {
        Some("br") => brotli::Decompressor::new(got.bytes.as_slice(), 4096).read_to_string(&mut text).unwrap(),
        Some("gzip") => flate2::read::GzDecoder::new(got.bytes.as_slice()).read_to_string(&mut text).unwrap(),
        None => return String::from_utf8(got.bytes.clone()).unwrap(),
        Some(other) => panic!("unexpected encoding {other}"),
    };
    text
}

/// A page carries a fresh CSP nonce on every request; the rest must be the same.
fn without_nonce(document: &str) -> String {
    match document.split_once("nonce=\"").and_then(|(_, rest)| rest.split_once('"')) {
        Some((nonce, _)) if !nonce.is_empty() => document.replace(nonce, "NONCE"),
        _ => document.to_owned(),
    }
}

#[tokio::test]
async fn pages_and_open_data_are_compressed_as_the_browser_asks() {
    let app = TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    // The demo's reported trajectory, for a CSV.
    let mut reported = None;
    for id in 1..20 {
        if get(&app, &format!("/api/v1/duinwijk/trajectories/{id}/report.csv"), &[]).await.status == StatusCode::OK {
            reported = Some(id);
            break;
        }
    }
    let csv = format!("/api/v1/duinwijk/trajectories/{}/report.csv", reported.expect("the demo has a report"));
    for (path, kind) in [
        ("/duinwijk", "text/html"),
        ("/api/v1/duinwijk/trajectories", "application/json"),
        ("/api/v1/duinwijk/trajectories.atom", "application/atom+xml"),
        ("/api/v1/duinwijk/initiatives", "application/json"),
        (csv.as_str(), "text/csv"),
    ] {
        let plain = get(&app, path, &[]).await;
        assert_eq!(plain.status, StatusCode::OK, "{path}");
        assert_eq!(encoding(&plain), None, "{path}: nothing asked, nothing compressed");
        for (asked, given) in [("br, gzip", "br"), ("gzip, deflate", "gzip"), ("gzip;q=0.5, br;q=1", "br")] {
            let got = get(&app, path, &[(header::ACCEPT_ENCODING, asked)]).await;
            assert_eq!(got.status, StatusCode::OK, "{path}");
            assert_eq!(encoding(&got), Some(given), "{path} with Accept-Encoding {asked}");
            assert!(got.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind), "{path}");
            let vary = got
                .headers
                .get_all(header::VARY)
                .iter()
                .map(|v| v.to_str().unwrap().to_lowercase())
                .collect::<Vec<_>>();
            assert!(
                vary.iter().any(|v| v.contains("accept-encoding")),
                "{path}: caches keep the versions apart: {vary:?}"
            );
            assert!(got.bytes.len() < plain.bytes.len(), "{path}: smaller");
            assert_eq!(without_nonce(&decoded(&got)), without_nonce(&decoded(&plain)), "{path}: the same document");
        }
    }
}

const WASM: &str = "samenspraak.0123456789abcdef0123.wasm";
const CSS: &str = "samenspraak.89abcdef0123456789ab.css";
const JS: &str = "samenspraak.456789abcdef01234567.js";

fn packed(bytes: &[u8], brotli_too: bool) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, bytes).unwrap();
    let br = brotli_too.then(|| {
        let mut out = Vec::new();
        brotli::BrotliCompress(&mut &bytes[..], &mut out, &Default::default()).unwrap();
        out
    });
    (gz.finish().unwrap(), br)
}

/// A site directory with a built front end, as `scripts/build-front.sh` leaves it: content-named
/// files with brotli and gzip copies (the stylesheet without), and their list.
fn site_with_front_end() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("samenspraak-site-{}", uuid::Uuid::new_v4()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0".iter().copied().chain((0..200_000u32).map(|i| (i % 7) as u8)).collect();
    let (gz, br) = packed(&wasm, true);
    std::fs::write(pkg.join(WASM), &wasm).unwrap();
    std::fs::write(pkg.join(format!("{WASM}.gz")), gz).unwrap();
    std::fs::write(pkg.join(format!("{WASM}.br")), br.unwrap()).unwrap();
    std::fs::write(pkg.join(JS), "export default function () {}\n".repeat(100)).unwrap();
    std::fs::write(pkg.join(CSS), "body { color: #000; }\n".repeat(200)).unwrap();
    // A plainly named file, as `cargo leptos watch` writes them.
    std::fs::write(pkg.join("samenspraak.css"), "body { color: #111; }\n".repeat(200)).unwrap();
    std::fs::write(root.join("assets.txt"), format!("stylesheet {CSS}\nscript {JS}\nwasm {WASM}\n")).unwrap();
    std::fs::write(root.join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::write(root.join("robots.txt"), "User-agent: *\n").unwrap();
    root
}

#[tokio::test]
async fn the_front_end_comes_precompressed_and_content_named_files_are_kept_for_a_year() {
    let root = site_with_front_end();
    let app = TestApp::with_env(&[("LEPTOS_SITE_ROOT", root.to_str().unwrap())]).await;
    let raw = std::fs::read(root.join("pkg").join(WASM)).unwrap();
    let url = format!("/pkg/{WASM}");

    for (asked, given, copy) in
        [("gzip, deflate, br", Some("br"), Some(".br")), ("gzip", Some("gzip"), Some(".gz")), ("", None, None)]
    {
        let wasm = get(&app, &url, &[(header::ACCEPT_ENCODING, asked)]).await;
        assert_eq!(wasm.status, StatusCode::OK);
        assert_eq!(encoding(&wasm), given, "Accept-Encoding: {asked}");
        let expected =
            copy.map_or(raw.clone(), |ext| std::fs::read(root.join("pkg").join(format!("{WASM}{ext}"))).unwrap());
        assert_eq!(wasm.bytes, expected, "the file made at build time, never compressed per request");
        assert_eq!(wasm.headers[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(wasm.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    }
    // Without compressed copies, a stylesheet is compressed as it goes out.
    let css = get(&app, &format!("/pkg/{CSS}"), &[(header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(encoding(&css), Some("br"));
    assert!(decoded(&css).starts_with("body { color: #000; }"));
    assert_eq!(css.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");

    // A plainly named file may change under the same name: the browser asks whether its copy is
    // current and gets no body when it is.
    let plain = get(&app, "/pkg/samenspraak.css", &[]).await;
    assert_eq!(plain.headers[header::CACHE_CONTROL], "no-cache");
    let modified = plain.headers[header::LAST_MODIFIED].to_str().unwrap().to_owned();
    let again = get(&app, "/pkg/samenspraak.css", &[(header::IF_MODIFIED_SINCE, &modified)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    // A name that is not there is never kept.
    let missing = get(&app, "/pkg/samenspraak.fedcba9876543210fedc.wasm", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers[header::CACHE_CONTROL], "no-cache");

    // The files from public/ are there, not taken for a municipality's page.
    for (path, kind) in [("/favicon.svg", "image/svg+xml"), ("/robots.txt", "text/plain")] {
        let file = get(&app, path, &[]).await;
        assert_eq!(file.status, StatusCode::OK, "{path}");
        assert!(file.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind), "{path}");
    }

    // Pages name the files of this build: the stylesheet in <head>, the script and the module
    // in the islands loader.
    let page = decoded(&get(&app, "/", &[]).await);
    assert!(page.contains(&format!(r#"<link rel="stylesheet" href="/pkg/{CSS}">"#)), "{page}");
    assert!(page.contains(&format!(r#""/pkg/{JS}", "/pkg/{WASM}""#)), "{page}");
    let _ = std::fs::remove_dir_all(root);
}

#[tokio::test]
async fn every_accepted_connection_sends_without_waiting_for_acknowledgements() {
    use axum::serve::Listener;
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = tcp.local_addr().unwrap();
    let mut listener = server::transport::without_nagle(tcp);
    let client = tokio::spawn(async move { tokio::net::TcpStream::connect(address).await.unwrap() });
    let (accepted, _) = listener.accept().await;
    assert!(accepted.nodelay().unwrap(), "TCP_NODELAY is set on the server's side of the connection");
    drop(client.await.unwrap());
}
