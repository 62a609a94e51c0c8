//! Numbers written the way readers of the page's language write them: "33,3%" and "7,5" in
//! Dutch, "33.3%" and "7.5" in English. Every share and mean on a page goes through here.

use crate::i18n::Locale;

/// A number given in tenths, with one decimal: 75 → "7,5" (nl) or "7.5" (en).
pub fn tenths(locale: Locale, tenths: u64) -> String {
    let separator = match locale {
        Locale::nl => ',',
        Locale::en => '.',
    };
    format!("{}{separator}{}", tenths / 10, tenths % 10)
}

/// A share in tenths of a percent (see `domain::shares`): "33,3%" or "33.3%".
pub fn percent(locale: Locale, per_mille: u64) -> String {
    format!("{}%", tenths(locale, per_mille))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_means_are_written_the_local_way() {
        assert_eq!(percent(Locale::nl, 333), "33,3%");
        assert_eq!(percent(Locale::en, 333), "33.3%");
        assert_eq!(percent(Locale::en, 1000), "100.0%");
        assert_eq!(percent(Locale::nl, 5), "0,5%");
        assert_eq!(tenths(Locale::nl, 75), "7,5");
        assert_eq!(tenths(Locale::en, 75), "7.5");
    }
}
