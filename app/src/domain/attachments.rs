//! Attachments to a consultation: which files are accepted and under what name they are served.
//! The type is decided by the file's content (its first bytes), never by its name or by what the
//! browser claims, so a script renamed to `plan.pdf` is refused.

use super::validation::Problem;
use serde::{Deserialize, Serialize};

/// At most this many bytes per file.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// At most this many files per consultation.
pub const MAX_PER_CONSULTATION: usize = 10;
const NAME_MAX: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

impl FileKind {
    /// From the MIME type content sniffing found; None for anything else.
    pub fn from_detected(mime: &str) -> Option<FileKind> {
        match mime {
            "application/pdf" => Some(FileKind::Pdf),
            "image/png" => Some(FileKind::Png),
            "image/jpeg" => Some(FileKind::Jpeg),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }

    /// "PDF", "PNG", "JPEG": how the file is announced next to its link.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Png => "PNG",
            FileKind::Jpeg => "JPEG",
        }
    }
}

/// A safe file name: only the last path part, letters, digits, spaces, dots, dashes and
/// underscores (other characters become dashes), at most 120 characters, ending in the
/// extension of the detected type.
pub fn safe_file_name(raw: &str, kind: FileKind) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let cleaned: String =
        stem.chars().map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.') { c } else { '-' }).collect();
    let cleaned =
        cleaned.trim_matches(|c: char| c == '.' || c == ' ' || c == '-').chars().take(NAME_MAX).collect::<String>();
    let stem = if cleaned.is_empty() { "bijlage".to_owned() } else { cleaned };
    format!("{stem}.{}", kind.extension())
}

/// The file name as one segment of an address: everything but letters, digits, `.`, `-` and `_`
/// percent-encoded.
pub fn name_in_path(file_name: &str) -> String {
    file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Checks an upload: not empty, not too big, a PDF, PNG or JPEG by content, and room left.
pub fn check(size: usize, detected: Option<&str>, already: usize) -> Result<FileKind, Problem> {
    if size == 0 {
        return Err(Problem::Required);
    }
    if size > MAX_BYTES {
        return Err(Problem::FileTooLarge { max_mb: (MAX_BYTES / (1024 * 1024)) as u32 });
    }
    if already >= MAX_PER_CONSULTATION {
        return Err(Problem::TooMany { max: MAX_PER_CONSULTATION as u32 });
    }
    detected.and_then(FileKind::from_detected).ok_or(Problem::FileTypeRefused)
}

/// "1,2 MB" or "850 kB", the Dutch way.
pub fn readable_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} kB", bytes.div_ceil(1024).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pdf_png_and_jpeg_by_content_within_the_limits() {
        assert_eq!(check(1_000, Some("application/pdf"), 0), Ok(FileKind::Pdf));
        assert_eq!(check(1_000, Some("image/jpeg"), 9), Ok(FileKind::Jpeg));
        assert_eq!(check(1_000, Some("text/html"), 0), Err(Problem::FileTypeRefused));
        assert_eq!(check(1_000, Some("image/svg+xml"), 0), Err(Problem::FileTypeRefused), "SVG can carry scripts");
        assert_eq!(check(1_000, None, 0), Err(Problem::FileTypeRefused));
        assert_eq!(check(0, Some("application/pdf"), 0), Err(Problem::Required));
        assert_eq!(check(MAX_BYTES + 1, Some("application/pdf"), 0), Err(Problem::FileTooLarge { max_mb: 10 }));
        assert_eq!(check(1_000, Some("image/png"), 10), Err(Problem::TooMany { max: 10 }));
    }

    #[test]
    fn file_names_lose_paths_and_odd_characters_and_get_the_right_extension() {
        assert_eq!(safe_file_name("C:\\Users\\an\\Ontwerp plein.PDF", FileKind::Pdf), "Ontwerp plein.pdf");
        assert_eq!(safe_file_name("../../etc/passwd", FileKind::Png), "passwd.png");
        assert_eq!(safe_file_name("tekening\"; filename=x.html", FileKind::Jpeg), "tekening-- filename-x.jpg");
        assert_eq!(safe_file_name("script.html", FileKind::Pdf), "script.pdf");
        assert_eq!(safe_file_name("", FileKind::Pdf), "bijlage.pdf");
        assert_eq!(safe_file_name(".pdf", FileKind::Pdf), "bijlage.pdf");
        assert_eq!(safe_file_name(&"a".repeat(300), FileKind::Pdf).len(), 124);
    }

    #[test]
    fn names_in_addresses_are_encoded() {
        assert_eq!(name_in_path("Ontwerp plein.pdf"), "Ontwerp%20plein.pdf");
        assert_eq!(name_in_path("café.png"), "caf%C3%A9.png");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(readable_size(500), "1 kB");
        assert_eq!(readable_size(850 * 1024), "850 kB");
        assert_eq!(readable_size(1_258_291), "1,2 MB");
    }
}
