//! A kept page, gzip-compressed once, that still carries each response's own CSP nonce.
//!
//! Browsers ask for compressed pages, and compressing a kept page again for every response cost
//! more than everything else of serving it (the municipality page: 11,500 requests/s as it is,
//! 3,300 compressed per request; the report of ten thousand inputs as JSON: 15 ms a time). A page
//! cannot simply be kept compressed: its nonce differs per response. So the parts between the
//! places of the nonce are compressed once, each ending on a byte boundary (a sync flush), and a
//! response is those parts with the nonce between them as a stored (uncompressed) deflate block,
//! an empty last block, and the checksum of the whole, combined from the parts' checksums.
//! Deflate (RFC 1951) allows exactly this; every gzip reader reads it as one stream.

use bytes::{BufMut, Bytes, BytesMut};
use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
use std::io::Write;

/// The gzip header: deflate, no name or time, unknown operating system (RFC 1952).
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// A last, empty, stored block: the end of the deflate stream.
const LAST_BLOCK: [u8; 5] = [1, 0, 0, 0xff, 0xff];

/// A body compressed in parts around the places of a value of fixed length.
pub struct SplicedGzip {
    /// Each part compressed, ending on a byte boundary; one more part than places.
    parts: Vec<Bytes>,
    part_checksums: Vec<Crc>,
    /// The length of the value that goes between the parts.
    value_len: usize,
}

impl SplicedGzip {
    /// `body` with the value at `places` (each `value_len` bytes long, in order, not overlapping)
    /// left out, the rest compressed. None when a value is too long for one stored block.
    pub fn new(body: &[u8], places: &[usize], value_len: usize) -> Option<SplicedGzip> {
        if value_len > u16::MAX as usize {
            return None;
        }
        let mut parts = Vec::with_capacity(places.len() + 1);
        let mut part_checksums = Vec::with_capacity(places.len() + 1);
        let mut from = 0;
        for end in places.iter().copied().chain(std::iter::once(body.len())) {
            let part = body.get(from..end)?;
            parts.push(compressed_part(part)?);
            let mut checksum = Crc::new();
            checksum.update(part);
            part_checksums.push(checksum);
            from = end + value_len;
        }
        Some(SplicedGzip { parts, part_checksums, value_len })
    }

    /// The gzip stream of the body with `value` at its places.
    pub fn with(&self, value: &[u8]) -> Option<Bytes> {
        if value.len() != self.value_len {
            return None;
        }
        let places = self.parts.len() - 1;
        let size = self.parts.iter().map(Bytes::len).sum::<usize>() + places * (5 + value.len()) + 10 + 5 + 8;
        let mut out = BytesMut::with_capacity(size);
        out.put_slice(&HEADER);
        let mut value_checksum = Crc::new();
        value_checksum.update(value);
        let mut checksum = Crc::new();
        for (n, part) in self.parts.iter().enumerate() {
            out.put_slice(part);
            checksum.combine(&self.part_checksums[n]);
            if n < places {
                // A stored block: not last, type 0, then its length and the length's complement.
                let len = value.len() as u16;
                out.put_u8(0);
                out.put_u16_le(len);
                out.put_u16_le(!len);
                out.put_slice(value);
                checksum.combine(&value_checksum);
            }
        }
        out.put_slice(&LAST_BLOCK);
        out.put_u32_le(checksum.sum());
        out.put_u32_le(checksum.amount());
        Some(out.freeze())
    }

    /// The bytes kept.
    pub fn size(&self) -> usize {
        self.parts.iter().map(Bytes::len).sum()
    }
}

/// One part as deflate blocks ending on a byte boundary, without a last block.
fn compressed_part(part: &[u8]) -> Option<Bytes> {
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(part.len() / 4 + 64), Compression::default());
    encoder.write_all(part).ok()?;
    // A sync flush ends the blocks so far and pads to a whole byte, with an empty stored block.
    encoder.flush().ok()?;
    Some(Bytes::from(std::mem::take(encoder.get_mut())))
}

/// Whether a request's `Accept-Encoding` takes this coding (named or as `*`, weighed above 0).
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut pieces = item.split(';');
        let named = pieces.next().unwrap_or_default().trim();
        let weight =
            pieces.find_map(|p| p.trim().strip_prefix("q=")).map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
        (named.eq_ignore_ascii_case(coding) || named == "*") && weight > 0.0
    })
}

/// From this size on, a kept body goes out gzip-compressed even to a client that also takes
/// brotli: brotli is a tenth smaller, but compressing it for every response costs milliseconds
/// (15–60 ms for the report of ten thousand inputs) where the kept gzip costs nothing.
pub const GZIP_OVER_BROTLI_FROM: usize = 64 * 1024;

/// Whether a kept body of `size` bytes goes out as the kept gzip: to a client that takes gzip and
/// not brotli (which the compression layer would then compress per response), or a large body.
pub fn kept_gzip_for(accept_encoding: &str, size: usize) -> bool {
    accepts(accept_encoding, "gzip") && (size >= GZIP_OVER_BROTLI_FROM || !accepts(accept_encoding, "br"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read;

    fn unzipped(gz: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        GzDecoder::new(gz).read_to_end(&mut out).expect("a valid gzip stream with a matching checksum");
        out
    }

    fn with_value(body: &[u8], places: &[usize], value: &[u8]) -> Vec<u8> {
        let mut out = body.to_vec();
        for &at in places {
            out[at..at + value.len()].copy_from_slice(value);
        }
        out
    }

    #[test]
    fn every_response_unzips_to_the_body_with_its_own_value() {
        let page = "<html><script nonce=\"AAAAAAAA\">x</script>".repeat(200) + "<p>einde</p>";
        let body = page.as_bytes();
        let places: Vec<usize> =
            body.windows(8).enumerate().filter(|(_, w)| *w == b"AAAAAAAA").map(|(i, _)| i).collect();
        assert_eq!(places.len(), 200);
        let kept = SplicedGzip::new(body, &places, 8).unwrap();
        for value in [b"q1w2e3r4", b"ZZZZZZZZ"] {
            let gz = kept.with(value).unwrap();
            assert_eq!(unzipped(&gz), with_value(body, &places, value));
        }
        assert!(kept.with(b"short").is_none(), "a value of another length has no place");
    }

    #[test]
    fn a_page_with_a_few_nonces_compresses_as_a_page_does() {
        // Parts are compressed apart, so each starts without what came before; a page has a
        // handful of nonces.
        let row = "<li><a href=\"/duinwijk/trajecten/12\">Herinrichting Dorpsplein</a></li>";
        let page = format!(
            "<head><script nonce=\"AAAAAAAA\">h()</script>{}<script nonce=\"AAAAAAAA\"></script>",
            row.repeat(300)
        );
        let places: Vec<usize> =
            page.as_bytes().windows(8).enumerate().filter(|(_, w)| *w == b"AAAAAAAA").map(|(i, _)| i).collect();
        let kept = SplicedGzip::new(page.as_bytes(), &places, 8).unwrap();
        assert!(kept.size() < page.len() / 20, "compressed: {} of {}", kept.size(), page.len());
    }

    #[test]
    fn a_value_at_the_start_at_the_end_side_by_side_or_nowhere_fits() {
        let body = b"abcdXYXYefghXY";
        for places in [vec![], vec![4], vec![4, 6], vec![4, 6, 12], vec![12]] {
            let kept = SplicedGzip::new(body, &places, 2).unwrap();
            assert_eq!(unzipped(&kept.with(b"12").unwrap()), with_value(body, &places, b"12"), "{places:?}");
        }
        let start = SplicedGzip::new(b"XYrest", &[0], 2).unwrap();
        assert_eq!(unzipped(&start.with(b"ab").unwrap()), b"abrest");
        let empty = SplicedGzip::new(b"", &[], 0).unwrap();
        assert_eq!(unzipped(&empty.with(b"").unwrap()), b"");
    }

    #[test]
    fn a_place_outside_the_body_is_refused() {
        assert!(SplicedGzip::new(b"abc", &[2], 2).is_none());
    }

    #[test]
    fn the_kept_gzip_goes_to_who_takes_gzip_and_not_brotli_or_for_a_large_body() {
        let (small, large) = (10_000, GZIP_OVER_BROTLI_FROM);
        for asked in ["gzip", "gzip, deflate", "GZIP;q=0.5", "gzip, br;q=0"] {
            assert!(kept_gzip_for(asked, small), "{asked}");
        }
        for asked in ["", "br", "identity", "gzip;q=0", "br, gzip; q=0.0", "deflate", "br, gzip", "*"] {
            assert!(!kept_gzip_for(asked, small), "{asked}");
        }
        for asked in ["gzip, deflate, br, zstd", "br;q=1, gzip;q=0.1", "*"] {
            assert!(kept_gzip_for(asked, large), "{asked}");
        }
        assert!(!kept_gzip_for("br", large) && !kept_gzip_for("gzip;q=0, br", large));
    }
}
