//! Page numbers of paged lists as they arrive in addresses, forms and open-data queries, and the
//! offsets they lead to. Anyone can type any page number; none of them may crash or slow a list.

/// No list is longer than this many pages; a larger number is read as this one, so the offset
/// (page × page size) stays far from what a 64-bit number holds.
pub const MAX_PAGE: u64 = 100_000;

/// The page asked for: a whole number from 1 up to `MAX_PAGE`. Nothing, 0, a negative or
/// otherwise unreadable number is the first page; a number too large for any list (also one too
/// large for a 64-bit number) is the last page there could be.
pub fn page_number(raw: &str) -> u64 {
    let digits = raw.trim();
    match digits.parse::<u64>() {
        Ok(n) => n.clamp(1, MAX_PAGE),
        Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => MAX_PAGE,
        Err(_) => 1,
    }
}

/// The page counted from 0, as paginators take it.
pub fn index(page: u64) -> u64 {
    page.clamp(1, MAX_PAGE) - 1
}

/// How many items come before the first one of `page`.
pub fn offset(page: u64, page_size: u64) -> u64 {
    index(page).saturating_mul(page_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_page_number_is_a_page_of_the_list() {
        for (raw, page) in [
            ("3", 3),
            (" 7 ", 7),
            ("", 1),
            ("0", 1),
            ("-1", 1),
            ("abc", 1),
            ("2.5", 1),
            ("1e9", 1),
            ("18446744073709551615", MAX_PAGE),
            ("99999999999999999999999999", MAX_PAGE),
        ] {
            assert_eq!(page_number(raw), page, "{raw:?}");
        }
    }

    #[test]
    fn offsets_never_overflow() {
        assert_eq!(index(0), 0);
        assert_eq!(index(u64::MAX), MAX_PAGE - 1);
        assert_eq!(offset(1, 50), 0);
        assert_eq!(offset(3, 20), 40);
        assert_eq!(offset(0, 20), 0);
        assert_eq!(offset(u64::MAX, u64::MAX), (MAX_PAGE - 1).saturating_mul(u64::MAX));
        assert_eq!(offset(u64::MAX, 50), (MAX_PAGE - 1) * 50);
    }
}
