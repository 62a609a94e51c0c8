//! Every CSV file the platform hands out, written one way: safe to open in a spreadsheet.
//!
//! Excel and LibreOffice read a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one) as a formula, also when the CSV quotes it, so a resident's comment
//! `=HYPERLINK("http://…")` would become a live link or command on a council member's screen
//! (OWASP "CSV injection"). Such cells get a leading apostrophe, which spreadsheets take as "this is
//! text" and do not show. The JSON documents carry the same text unchanged.

use super::failed;
use axum::response::{IntoResponse, Response};
use http::header;
use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a spreadsheet should show it: text that would start a formula gets an apostrophe.
/// Leading spaces are looked past, as some spreadsheets do when they import.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches(' ').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV download: the header row, then every row, each cell made spreadsheet-safe.
pub fn download<R, C>(file_name: &str, header_row: &[&str], rows: R) -> Response
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let bytes = match lines(Some(header_row), rows) {
        Ok(bytes) => bytes,
        Err(error) => return failed(error),
    };
    attachment(file_name, axum::body::Body::from(bytes))
}

/// CSV lines (after the header row, when given), each cell made spreadsheet-safe: a whole file,
/// or one batch of a file that streams ([`super::batched`]).
pub fn lines<R, C>(header_row: Option<&[&str]>, rows: R) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    if let Some(header_row) = header_row {
        writer.write_record(header_row)?;
    }
    for row in rows {
        writer.write_record(row.iter().map(|c| spreadsheet_safe(c.as_ref())).map(|c| c.into_owned()))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// A body as a CSV file to save under `file_name`.
pub fn attachment(file_name: &str, body: axum::body::Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_start_a_formula_become_text() {
        for hostile in [
            "=HYPERLINK(\"http://evil.example\",\"klik\")",
            "+31 6 12345678",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "\t=1+1",
            "\r=1+1",
            "   =1+1",
        ] {
            let safe = spreadsheet_safe(hostile);
            assert_eq!(safe, format!("'{hostile}"), "{hostile:?}");
        }
        for plain in ["Meer bomen", "12", "", "a=b", "e-mail", "'al tekst"] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
    }
}
