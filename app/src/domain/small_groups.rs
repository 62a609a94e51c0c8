//! Publishing counts of people by group (area, age band) without giving away a small group.
//!
//! A group of fewer than [`SMALLEST_GROUP`] people is never shown. That alone is not enough when
//! the total is published too: the people hidden are then the total minus the groups shown, and
//! if only one group is hidden, or the hidden people are few, its size (and, for a poll, how it
//! voted) can be worked out by subtraction. So more groups are hidden, smallest first, until
//! every hidden group could, for all anyone can work out, hold [`SMALLEST_GROUP`] people or more:
//! the people hidden together number at least `SMALLEST_GROUP + (hidden groups − 1)`.
//!
//! A group with nobody in it is shown as 0: it hides nobody, and which neighbourhoods were not
//! reached is what a council needs to know. That is why the rule counts hidden groups (each holds
//! at least one person) and not only hidden people. When even hiding every group with people in it
//! is not enough (eleven people from eleven areas), the whole breakdown is hidden, zeros too, and
//! only the total remains.

/// Groups smaller than this are never shown.
pub const SMALLEST_GROUP: u64 = 10;

/// For each of `groups` (the counts of one breakdown), whether it may be published exactly.
/// `total` is the published total the groups belong to; people in none of the listed groups
/// (voters who gave no area, say) count as one more hidden group. Ties hide the earlier group
/// first, so the answer never varies.
pub fn publishable(groups: &[u64], total: u64) -> Vec<bool> {
    let mut shown: Vec<bool> = groups.iter().map(|n| *n == 0 || *n >= SMALLEST_GROUP).collect();
    let listed: u64 = groups.iter().sum();
    let unlisted = total.saturating_sub(listed);
    loop {
        let hidden_people = unlisted + groups.iter().zip(&shown).filter(|(_, s)| !**s).map(|(n, _)| n).sum::<u64>();
        let hidden_groups =
            u64::from(unlisted > 0) + groups.iter().zip(&shown).filter(|(n, s)| !**s && **n > 0).count() as u64;
        if hidden_groups == 0 || hidden_people >= SMALLEST_GROUP + hidden_groups - 1 {
            return shown;
        }
        let smallest = groups
            .iter()
            .enumerate()
            .filter(|(i, n)| shown[*i] && **n > 0)
            .min_by_key(|(i, n)| (**n, *i))
            .map(|(i, _)| i);
        match smallest {
            Some(i) => shown[i] = false,
            // Every group with people in it is hidden and their sizes still follow from the
            // total: hide the zeros too, so no hidden group is known to hold anyone.
            None => return vec![false; groups.len()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What someone who knows the total, the groups shown and which groups are hidden (each with
    /// at least one person) can say about the largest size a hidden group could have. The lowest
    /// such bound over the hidden groups; None when nothing is hidden.
    fn largest_possible_hidden(groups: &[u64], total: u64, shown: &[bool]) -> Option<u64> {
        let listed: u64 = groups.iter().sum();
        let unlisted = total - listed;
        let visible: u64 = groups.iter().zip(shown).filter(|(_, s)| **s).map(|(n, _)| n).sum();
        let hidden_people = total - visible;
        let hidden_groups =
            u64::from(unlisted > 0) + groups.iter().zip(shown).filter(|(n, s)| !**s && **n > 0).count() as u64;
        (hidden_groups > 0).then(|| hidden_people - (hidden_groups - 1))
    }

    #[test]
    fn groups_of_ten_or_more_are_shown_when_nothing_can_be_worked_out() {
        assert_eq!(publishable(&[12, 30, 0], 42), [true, true, true]);
        assert_eq!(publishable(&[], 0), Vec::<bool>::new());
    }

    #[test]
    fn one_small_group_takes_the_smallest_other_with_it() {
        // The only person from one area: 43 − 12 − 30 would say it is 1.
        assert_eq!(publishable(&[12, 30, 1], 43), [false, true, false]);
        // People who gave no area count as a hidden group of their own.
        assert_eq!(publishable(&[12, 30], 45), [false, true]);
    }

    #[test]
    fn when_every_group_is_too_small_only_the_total_remains() {
        // Eleven people, one in each of eleven areas, and an area nobody came from.
        let mut groups = vec![1; 11];
        groups.push(0);
        assert!(publishable(&groups, 11).iter().all(|s| !s), "not even the 0 is shown");
    }

    #[test]
    fn many_groups_of_one_cannot_be_read_off_either() {
        // Ten areas of one person each: 10 hidden people in 10 hidden groups would say each is 1.
        let mut groups = vec![1; 10];
        groups.push(25);
        let shown = publishable(&groups, 35);
        assert!(!shown[10], "the large group is hidden too");
    }

    #[test]
    fn no_hidden_group_can_be_bounded_below_the_smallest_group_size() {
        // Every breakdown of four groups of 0–14 people, with 0–3 people in no group.
        let mut cases = 0;
        for code in 0..15u64.pow(4) {
            let groups: Vec<u64> = (0..4).map(|i| (code / 15u64.pow(i)) % 15).collect();
            for unlisted in 0..4 {
                cases += 1;
                let total = groups.iter().sum::<u64>() + unlisted;
                let shown = publishable(&groups, total);
                for (n, s) in groups.iter().zip(&shown) {
                    assert!(!s || *n == 0 || *n >= SMALLEST_GROUP, "{groups:?}: a small group shown");
                }
                if shown.iter().all(|s| !s) {
                    // Only the total is left, and it is published as "fewer than 10" when small.
                    continue;
                }
                if let Some(bound) = largest_possible_hidden(&groups, total, &shown) {
                    assert!(bound >= SMALLEST_GROUP, "{groups:?} + {unlisted}: a hidden group is at most {bound}");
                }
            }
        }
        assert_eq!(cases, 15u64.pow(4) * 4);
    }
}
