//! Shares of a whole, computed in one way wherever a share is shown or published (poll results,
//! the report, the council page, open data): in tenths of a percent (per mille), rounded half up,
//! and nothing of nothing.

/// `part` of `whole` in per mille, rounded half up; 0 when the whole is 0.
pub fn per_mille(part: u64, whole: u64) -> u64 {
    (part * 1000 + whole / 2).checked_div(whole).unwrap_or(0)
}

/// A share in per mille as the percentage open data publishes: a number with one decimal (33.3).
pub fn percentage(per_mille: u64) -> f64 {
    per_mille as f64 / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_rounded_half_up_in_tenths_of_a_percent() {
        assert_eq!(per_mille(1, 3), 333);
        assert_eq!(per_mille(2, 3), 667);
        assert_eq!(per_mille(1, 8), 125);
        assert_eq!(per_mille(1, 2000), 1, "0.05% rounds up to 0.1%");
        assert_eq!(per_mille(5, 5), 1000);
        assert_eq!(per_mille(0, 0), 0, "nothing of nothing");
        assert_eq!(percentage(333), 33.3);
    }
}
