//! How responses travel to a phone on a slow connection: without Nagle's delay, compressed, and
//! the built front end served from files compressed once at build time.

use axum::serve::{ListenerExt, TapIo};
use http::{header, HeaderValue};
use tokio::net::{TcpListener, TcpStream};
use tower::Layer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

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
/// compressed once at build time ([`front_end`]) instead of on every request. Images and tiny
/// bodies are left alone too (tower-http's default rules).
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("application/wasm")))
}

/// The built front end under `/pkg`: a `.gz` made at build time is sent to browsers that take
/// gzip, with `Content-Encoding: gzip` and the file's own content type. The file names do not
/// change between releases yet, so a browser may keep a copy but asks each time whether it is
/// still current (`no-cache`, answered from `Last-Modified` with 304 Not Modified).
pub fn front_end(site_root: &str) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))
        .layer(ServeDir::new(format!("{site_root}/pkg")).precompressed_gzip())
}
