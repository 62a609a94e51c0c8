//! Public pages and open data, rendered once and served again while nothing they show changed.
//!
//! Most requests are residents and visitors reading the same pages. A page for someone who is not
//! signed in depends on its address, the cookies (language, last municipality) and the `Accept`
//! header, on the data, and on the time (a phase opens, a deadline passes). So a copy is kept per
//! address, cookies and `Accept`, and served again only
//! - while the database's content version is the one it was made under: triggers raise that
//!   number on every change to a table shown to the public, in the same transaction, whichever
//!   server or job made it (`migrations::m20261207_000012_content_version`); reading it is one
//!   lookup by primary key, so every server sees every other server's writes at once; and
//! - within the same stretch of [`MAX_AGE_MS`] by the app's clock, so what changes with time alone
//!   is late by seconds at most.
//!
//! Never stored: anything for someone with a session, anything but a 200, a response that sets
//! the session cookie or says `no-store`/`private`, and bodies over [`MAX_BODY`] (those stream
//! through as they are). The page's CSP nonce is replaced by the request's own in every copy
//! served, so no two responses share a nonce. A copy that goes out gzip-compressed is compressed
//! once, around its nonce ([`crate::spliced_gzip`]), not once per response.

use crate::security::{is_session_cookie, SESSION_COOKIE};
use crate::spliced_gzip::{kept_gzip_for, SplicedGzip};
use app::server::context::CspNonce;
use app::server::request_memo::RequestMemo;
use app::server::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use http::{header, HeaderMap, Method, StatusCode};
use std::sync::Arc;

/// How long a copy may be served by the clock alone, in milliseconds.
pub const MAX_AGE_MS: i64 = 10_000;
/// Larger bodies are not kept; they stream through as they are made. The whole report of ten
/// thousand inputs as JSON or CSV (about 3 MB each, a published version never changes) fits, and
/// so does that report as one page (about 5 MB): made once for everyone asking at that moment
/// instead of once each, which is what bounds the server's memory when many ask for it.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// The copies one app server keeps, up to a number of bytes.
pub struct PageCache {
    copies: quick_cache::sync::Cache<CopyKey, Arc<Kept>, BySize>,
}

/// A request, the content version and the stretch of [`MAX_AGE_MS`] on the app's clock a copy
/// belongs to: when either number moves on, the old copy is simply never asked for again (and
/// is pushed out by newer ones).
#[derive(Clone, PartialEq, Eq, Hash)]
struct CopyKey {
    request: String,
    version: i64,
    window: i64,
}

/// What the first request for a key found out.
enum Kept {
    Copy(Box<Copy>),
    /// The answer was not one to keep (not a 200, personal, too large): the requests after it
    /// are answered by the layers below, side by side.
    Not,
}

/// A response as the layers below made it.
struct Copy {
    headers: HeaderMap,
    body: Bytes,
    /// Where the nonce of the request it was made for stands in the body.
    nonce_at: Vec<usize>,
    nonce_len: usize,
    /// The body gzip-compressed, made when first asked for (never for what is not worth it).
    gzipped: tokio::sync::OnceCell<Option<SplicedGzip>>,
}

#[derive(Clone)]
struct BySize;

impl quick_cache::Weighter<CopyKey, Arc<Kept>> for BySize {
    fn weight(&self, key: &CopyKey, kept: &Arc<Kept>) -> u64 {
        // A compressed copy may follow; counted at a third of the body (text compresses better).
        let body = match kept.as_ref() {
            Kept::Copy(copy) => copy.body.len() + copy.body.len() / 3,
            Kept::Not => 0,
        };
        (key.request.len() + body + 512) as u64
    }
}

impl PageCache {
    /// A cache of at most `bytes`; none at all for 0.
    pub fn new(bytes: u64) -> Option<Arc<Self>> {
        if bytes == 0 {
            return None;
        }
        let options = quick_cache::OptionsBuilder::new()
            .estimated_items_capacity((bytes / 32_768).max(16) as usize)
            .weight_capacity(bytes)
            .shards(shards_for(bytes, std::thread::available_parallelism().map_or(1, |n| n.get())))
            .build()
            .ok()?;
        Some(Arc::new(Self {
            copies: quick_cache::sync::Cache::with_options(options, BySize, Default::default(), Default::default()),
        }))
    }
}

/// The cache is split into shards that each hold an equal part of its bytes, and a copy larger
/// than (nearly all of) its shard's part is never kept. quick_cache's default, four shards per
/// core, would make what is kept depend on the machine (on 16 cores a 32 MB cache would keep
/// nothing over half a megabyte), so: as many shards as cores allow, but each room for two of the
/// largest copies. A power of two, as quick_cache would round up to one.
fn shards_for(bytes: u64, cores: usize) -> usize {
    let roomy = (bytes / (2 * MAX_BODY as u64)).max(1) as usize;
    let shards = roomy.min(cores * 4).max(1);
    1 << shards.ilog2()
}

/// The middleware: answers from a copy when there is one for this request, version and stretch
/// of time; otherwise lets the request through and keeps what comes back when it may. Requests
/// that arrive while the first one for a key is being answered wait for it instead of all making
/// the same page at once (when a busy page's copy runs out, or after a change).
pub async fn serve(State((state, cache)): State<(AppState, Arc<PageCache>)>, request: Request, next: Next) -> Response {
    let (Some(request_key), Some(nonce)) =
        (key_of(&request), request.extensions().get::<CspNonce>().map(|n| n.0.clone()))
    else {
        return next.run(request).await;
    };
    // Read before the page is made: a change committed while it is being made raises the number
    // past this one, so the copy is never served under the newer number. Read through the
    // request's memo, so the reads the page keeps under the version (`versioned_reads`) need not
    // read it again.
    let memo = request.extensions().get::<RequestMemo>().cloned().unwrap_or_else(RequestMemo::for_reading);
    let Ok(Some(version)) = memo.version(&state.db).await else {
        return next.run(request).await;
    };
    let window = state.clock.now().timestamp_millis().div_euclid(MAX_AGE_MS);
    let accept_encoding: Vec<&str> =
        request.headers().get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).collect();
    let accept_encoding = accept_encoding.join(", ");
    let key = CopyKey { request: request_key, version, window };
    let guard = match cache.copies.get_value_or_guard_async(&key).await {
        Ok(kept) => {
            return match kept.as_ref() {
                Kept::Copy(copy) if copy.nonce_len == nonce.len() => {
                    metrics::counter!("samenspraak_page_cache_total", "result" => "hit").increment(1);
                    let gzipped = match kept_gzip_for(&accept_encoding, copy.body.len()) {
                        true => copy.gzipped_with(&nonce).await,
                        false => None,
                    };
                    gzipped.unwrap_or_else(|| copy.response_with(&nonce))
                }
                _ => next.run(request).await,
            }
        }
        Err(guard) => guard,
    };
    metrics::counter!("samenspraak_page_cache_total", "result" => "miss").increment(1);
    let response = next.run(request).await;
    if !may_keep(&response) {
        let _ = guard.insert(Arc::new(Kept::Not));
        return response;
    }
    let (parts, body) = response.into_parts();
    match collect_up_to(body, MAX_BODY).await {
        Ok(body) => {
            let copy = Copy {
                headers: parts.headers.clone(),
                nonce_at: positions_of(&body, nonce.as_bytes()),
                nonce_len: nonce.len(),
                body: body.clone(),
                gzipped: tokio::sync::OnceCell::new(),
            };
            let _ = guard.insert(Arc::new(Kept::Copy(Box::new(copy))));
            Response::from_parts(parts, Body::from(body))
        }
        Err(streaming) => {
            let _ = guard.insert(Arc::new(Kept::Not));
            Response::from_parts(parts, streaming)
        }
    }
}

impl Copy {
    /// The copy gzip-compressed with this nonce; None when it is not worth compressing. The
    /// first to ask compresses it; others asking meanwhile wait for that instead of each doing it.
    async fn gzipped_with(&self, nonce: &str) -> Option<Response> {
        let gzipped = self
            .gzipped
            .get_or_init(|| async {
                worth_compressing(&self.headers, self.body.len())
                    .then(|| SplicedGzip::new(&self.body, &self.nonce_at, self.nonce_len))
                    .flatten()
            })
            .await
            .as_ref()?;
        let mut response = Response::new(Body::from(gzipped.with(nonce.as_bytes())?));
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        headers.insert(header::CONTENT_ENCODING, http::HeaderValue::from_static("gzip"));
        headers.append(header::VARY, http::HeaderValue::from_static("accept-encoding"));
        Some(response)
    }

    fn response_with(&self, nonce: &str) -> Response {
        let body = if self.nonce_at.is_empty() {
            self.body.clone()
        } else {
            let mut body = BytesMut::from(&self.body[..]);
            for &at in &self.nonce_at {
                body[at..at + self.nonce_len].copy_from_slice(nonce.as_bytes());
            }
            body.freeze()
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// Whether a kept body is text that compresses (as the compression layer would judge it): pages,
/// JSON, CSV, XML and scripts of more than a few bytes, not yet encoded.
fn worth_compressing(headers: &HeaderMap, size: usize) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let text = (kind.starts_with("text/") && !kind.starts_with("text/event-stream"))
        || ["json", "xml", "javascript"].iter().any(|k| kind.contains(k));
    size >= 32 && text && !headers.contains_key(header::CONTENT_ENCODING)
}

/// The key of a request whose answer may be kept: a GET by someone without a session, for
/// anything but health, metrics, the built front end (files of its own) and the language switch.
fn key_of(request: &Request) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let path = request.uri().path();
    if ["/healthz", "/metrics", "/pkg/", "/taal/"].iter().any(|p| path.starts_with(p)) {
        return None;
    }
    let headers = request.headers();
    let cookies: Vec<&str> = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    if cookies.iter().any(|c| c.split(';').any(is_session_cookie)) {
        return None;
    }
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let address = request.uri().path_and_query().map(|p| p.as_str()).unwrap_or(path);
    Some(format!("{address}\n{}\n{accept}", cookies.join("; ")))
}

/// Whether a response is the same for everyone who sends the same request.
fn may_keep(response: &Response) -> bool {
    let headers = response.headers();
    let sets_session = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.trim_start().starts_with(SESSION_COOKIE));
    let forbidden = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-store") || v.contains("private"));
    response.status() == StatusCode::OK && !sets_session && !forbidden
}

/// The whole body when it is at most `limit` bytes; otherwise a body that sends what was read
/// and then the rest, as it comes.
async fn collect_up_to(body: Body, limit: usize) -> Result<Bytes, Body> {
    let mut stream = body.into_data_stream();
    let mut read: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) if size + chunk.len() <= limit => {
                size += chunk.len();
                read.push(chunk);
            }
            other => {
                let head = futures_util::stream::iter(read.into_iter().map(Ok).chain(std::iter::once(other)));
                return Err(Body::from_stream(head.chain(stream)));
            }
        }
    }
    Ok(match read.len() {
        1 => read.remove(0),
        _ => read.concat().into(),
    })
}

fn positions_of(body: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    body.windows(needle.len()).enumerate().filter(|(_, w)| *w == needle).map(|(at, _)| at).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_shard_holds_the_largest_copy_twice_whatever_the_cores() {
        use super::{shards_for, MAX_BODY};
        for cores in [1, 2, 16, 128] {
            for mb in [1, 32, 4096] {
                let bytes = mb * 1024 * 1024;
                let shards = shards_for(bytes, cores) as u64;
                assert!(shards.is_power_of_two() && shards <= cores as u64 * 4);
                assert!(bytes / shards >= (2 * MAX_BODY as u64).min(bytes), "{mb} MB over {shards} shards");
            }
        }
    }

    use super::*;

    #[test]
    fn every_place_of_the_nonce_is_found() {
        assert_eq!(positions_of(b"n=abc; x abc abcabc", b"abc"), vec![2, 9, 13, 16]);
        assert!(positions_of(b"nothing here", b"abc").is_empty());
    }

    #[tokio::test]
    async fn a_body_over_the_limit_streams_through_whole() {
        let chunks: Vec<Result<Bytes, std::io::Error>> =
            vec![Ok(Bytes::from_static(b"0123")), Ok(Bytes::from_static(b"4567")), Ok(Bytes::from_static(b"89"))];
        let body = Body::from_stream(futures_util::stream::iter(chunks));
        let streaming = collect_up_to(body, 5).await.expect_err("over the limit");
        let all = axum::body::to_bytes(streaming, 100).await.unwrap();
        assert_eq!(&all[..], b"0123456789");
        let small = collect_up_to(Body::from("0123456789"), 10).await.ok().unwrap();
        assert_eq!(&small[..], b"0123456789");
    }
}
