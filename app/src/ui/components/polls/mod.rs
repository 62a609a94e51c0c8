//! Polls: the ballot form (every kind of question, usable by keyboard and without JavaScript)
//! and the results (an SVG bar chart with the same numbers in a table).

pub mod ballot;
pub mod results;

use crate::i18n::Locale;

/// A share in tenths of a percent as people write it: "33,3%" in Dutch, "33.3%" in English.
pub fn percent(locale: Locale, per_mille: u64) -> String {
    let text = format!("{}.{}%", per_mille / 10, per_mille % 10);
    match locale {
        Locale::nl => text.replace('.', ","),
        Locale::en => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written_the_local_way() {
        assert_eq!(percent(Locale::nl, 333), "33,3%");
        assert_eq!(percent(Locale::en, 1000), "100.0%");
        assert_eq!(percent(Locale::nl, 5), "0,5%");
    }
}
