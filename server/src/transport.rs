//! How responses travel to a phone on a slow connection: without Nagle's delay, compressed, and
//! the built front end served from files compressed once at build time.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use axum::serve::{ListenerExt, TapIo};
use axum::Router;
use http::{header, HeaderValue, StatusCode};
use tokio::net::{TcpListener, TcpStream};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// Sets `TCP_NODELAY` on every accepted connection. Without it, a response written in two parts
/// (headers, then a small body) waits for the client's delayed acknowledgement of the first:
/// about 40 ms for every small file on a kept-alive connection.
pub fn without_nagle(listener: TcpListener) -> TapIo<TcpListener, fn(&mut TcpStream)> {
    listener.tap_io(set_nodelay)
}

fn set_nodelay(tcp: &mut TcpStream) {
    if let Err(error) = tcp.set_nodelay(true) {
        tracing::warn!(%error, "could not set TCP_NODELAY on a connection");
    }
}

/// Brotli or gzip for pages, open data (JSON, CSV, Atom), scripts and styles, whichever the
/// browser takes. Not for WebAssembly: that is large and the same for everyone, so it is
/// compressed once at build time ([`front_end`]) instead of on every request (a build without
/// compressed copies sends it as it is). Images and tiny
/// bodies are left alone too (tower-http's default rules).
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("application/wasm")))
}

/// The built front end under `/pkg`: a `.br` or `.gz` copy made at build time is sent to browsers
/// that take it, with the file's own content type. A file named after its content
/// (`samenspraak.<hash>.wasm`, see `scripts/build-front.sh`) never changes, so browsers keep it
/// for a year without asking; a plainly named one (a `cargo leptos watch` build) is revalidated
/// every time (`no-cache`, answered from `Last-Modified` with 304 Not Modified).
pub fn front_end(site_root: &str) -> Router {
    let files = ServeDir::new(format!("{site_root}/pkg")).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(axum::middleware::from_fn(cache_by_name))
}

/// The files from `public/` that the build put at the site's root (the favicon, robots.txt), as
/// (address, file). Each gets a route of its own: otherwise the page route `/{municipality}` takes
/// `/favicon.svg` for a municipality and answers 404.
pub fn public_files(site_root: &str) -> Vec<(String, std::path::PathBuf)> {
    let Ok(entries) = std::fs::read_dir(site_root) else { return Vec::new() };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            (name != app::server::front_end::MANIFEST).then(|| (format!("/{name}"), entry.path()))
        })
        .collect()
}

const KEPT_FOR_A_YEAR: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const ASK_EACH_TIME: HeaderValue = HeaderValue::from_static("no-cache");

async fn cache_by_name(request: Request, next: Next) -> Response {
    let named_by_content = is_named_by_content(request.uri().path());
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let policy = if named_by_content && found { KEPT_FOR_A_YEAR } else { ASK_EACH_TIME };
    response.headers_mut().insert(header::CACHE_CONTROL, policy);
    response
}

/// Whether a file name carries its content's hash: `name.<at least 16 hex digits>.extension`.
pub fn is_named_by_content(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    // From the end: extension, hash, then at least a stem. No allocation: this runs per request.
    let mut parts = name.rsplit('.').skip(1);
    match (parts.next(), parts.next()) {
        (Some(hash), Some(_stem)) => hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_named_by_content;

    #[test]
    fn only_a_name_with_a_content_hash_counts_as_named_by_content() {
        assert!(is_named_by_content("/samenspraak.0123456789abcdef0123.wasm"));
        assert!(is_named_by_content("/pkg/samenspraak.0123456789abcdef.css"));
        assert!(!is_named_by_content("/samenspraak.wasm"));
        assert!(!is_named_by_content("/samenspraak.css.gz"));
        assert!(!is_named_by_content("/samenspraak.0123456789abcdeg.css"), "not hex");
        assert!(!is_named_by_content("/samenspraak.0123456789.css"), "too short to be a hash");
        assert!(!is_named_by_content("/0123456789abcdef0123"));
    }
}
