//! Bodies written a batch at a time, for open data that can run to megabytes (a report of ten
//! thousand inputs): the first bytes leave at once, and memory holds one batch, not the document.

use axum::body::Body;
use bytes::Bytes;
use std::future::Future;

/// Rows read per batch: large enough that the queries cost little per row, small enough that a
/// batch is a few hundred kilobytes.
pub const BATCH: u64 = 500;

/// `head`, then the batches `next` writes, then `tail`. `next(after, first)` reads the batch after
/// the row keyed `after` (`None`: from the start; `first`: nothing written before it) and returns
/// its last key and its bytes, or `None` when there are no more rows. A failure while reading ends
/// the body early: the client sees a broken download, never a document that looks complete.
pub fn body<F, Fut>(head: Bytes, tail: Bytes, next: F) -> Body
where
    F: FnMut(Option<i32>, bool) -> Fut + Send + 'static,
    Fut: Future<Output = app::error::AppResult<Option<(i32, Bytes)>>> + Send + 'static,
{
    enum Step {
        Head,
        After(Option<i32>, bool),
        Done,
    }
    let stream =
        futures_util::stream::unfold((Step::Head, next, head, tail), |(step, mut next, head, tail)| async move {
            match step {
                Step::Head => Some((Ok(head), (Step::After(None, true), next, Bytes::new(), tail))),
                Step::After(after, first) => match next(after, first).await {
                    Ok(Some((last, bytes))) => Some((Ok(bytes), (Step::After(Some(last), false), next, head, tail))),
                    Ok(None) => Some((Ok(tail), (Step::Done, next, head, Bytes::new()))),
                    Err(error) => Some((Err(std::io::Error::other(error.to_string())), (Step::Done, next, head, tail))),
                },
                Step::Done => None,
            }
        });
    Body::from_stream(stream)
}
