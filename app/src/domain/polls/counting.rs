//! Counting: the counts a ballot adds, results per option, rankings and scales, and breakdowns
//! by age band and area that no small group can be read from.

use super::ballot::Answer;
use crate::domain::small_groups;
pub use crate::domain::small_groups::SMALLEST_GROUP;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row of a result: an option's count and its share in tenths of a percent (so 33.3% is
/// 333), of the ballots that answered the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionResult {
    pub option: i32,
    pub count: u64,
    pub per_mille: u64,
}

/// Counts per option, in the options' order, as shares of `answered` (the voters who answered).
pub fn tally(options: &[i32], counts: &BTreeMap<i32, u64>, answered: u64) -> Vec<OptionResult> {
    options
        .iter()
        .map(|option| {
            let count = counts.get(option).copied().unwrap_or(0);
            OptionResult { option: *option, count, per_mille: crate::domain::shares::per_mille(count, answered) }
        })
        .collect()
}

/// The groups of a breakdown (age bands, areas) that may be published, out of `total` voters who
/// answered, and whether any group with voters was left out. Which groups: see
/// [`crate::domain::small_groups`]; the votes of a group no one can pin down stay hidden with it.
pub fn shown_groups(groups: &BTreeMap<String, u64>, total: u64) -> (Vec<(String, u64)>, bool) {
    let counts: Vec<u64> = groups.values().copied().collect();
    let publishable = small_groups::publishable(&counts, total);
    let shown: Vec<(String, u64)> = groups
        .iter()
        .zip(publishable)
        .filter(|((_, n), publish)| *publish && **n > 0)
        .map(|((g, n), _)| (g.clone(), *n))
        .collect();
    let hidden_any = total > shown.iter().map(|(_, n)| n).sum::<u64>();
    (shown, hidden_any)
}

/// Age bands for breakdowns, wide enough that groups reach ten voters, narrow enough to tell
/// young people apart (the youth panels are 12–23).
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=15 => "0-15",
        16..=17 => "16-17",
        18..=23 => "18-23",
        24..=34 => "24-34",
        35..=49 => "35-49",
        50..=66 => "50-66",
        _ => "67+",
    }
}

/// One count to add for a ballot: ballots (question 0), a question answered (option and value
/// 0), an option chosen, a scale value, or an option at a rank (value = rank, 1 is first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TallyKey {
    pub question: i32,
    pub option: i32,
    pub value: i32,
    /// Empty for the total; `age:16-17` or `area:3` for a group.
    pub breakdown: String,
}

/// The groups a voter counts in besides the total, from what they told us (nothing is counted
/// for what they did not tell).
pub fn voter_groups(age_band: Option<&str>, area: Option<i32>) -> Vec<String> {
    let mut groups = Vec::new();
    if let Some(band) = age_band {
        groups.push(format!("age:{band}"));
    }
    if let Some(area) = area {
        groups.push(format!("area:{area}"));
    }
    groups
}

/// Every count one ballot adds. Choices of single- and multiple-choice questions are also counted
/// per group, for the breakdowns; scales, rankings and open answers only in total.
pub fn tally_keys(answers: &[(i32, Answer)], groups: &[String]) -> Vec<TallyKey> {
    let all: Vec<&str> = std::iter::once("").chain(groups.iter().map(String::as_str)).collect();
    let key = |question: i32, option: i32, value: i32, breakdown: &str| TallyKey {
        question,
        option,
        value,
        breakdown: breakdown.to_owned(),
    };
    let mut keys: Vec<TallyKey> = all.iter().map(|b| key(0, 0, 0, b)).collect();
    for (question, answer) in answers {
        let q = *question;
        match answer {
            Answer::Single(option) => {
                keys.extend(all.iter().flat_map(|b| [key(q, 0, 0, b), key(q, *option, 0, b)]));
            }
            Answer::Multiple(options) => {
                for b in &all {
                    keys.push(key(q, 0, 0, b));
                    keys.extend(options.iter().map(|o| key(q, *o, 0, b)));
                }
            }
            Answer::Scale(value) => keys.extend([key(q, 0, 0, ""), key(q, 0, i32::from(*value), "")]),
            Answer::Ranking(order) => {
                keys.push(key(q, 0, 0, ""));
                keys.extend(order.iter().enumerate().map(|(rank, o)| key(q, *o, rank as i32 + 1, "")));
            }
            Answer::Open(_) => keys.push(key(q, 0, 0, "")),
        }
    }
    keys
}

/// A ranking's result per option: Borda points (last place 1, first place n) and first places.
pub fn ranking_points(options: &[i32], ranks: &BTreeMap<(i32, i32), u64>) -> Vec<(i32, u64, u64)> {
    let n = options.len() as u64;
    options
        .iter()
        .map(|option| {
            let points =
                (1..=n).map(|rank| ranks.get(&(*option, rank as i32)).copied().unwrap_or(0) * (n + 1 - rank)).sum();
            (*option, points, ranks.get(&(*option, 1)).copied().unwrap_or(0))
        })
        .collect()
}

/// The mean of a scale in tenths (3.7 is 37), None without answers.
pub fn scale_mean_tenths(values: &BTreeMap<i32, u64>) -> Option<u64> {
    let answered: u64 = values.values().sum();
    let total: u64 = values.iter().map(|(v, n)| (*v).max(0) as u64 * n).sum();
    (answered > 0).then(|| (total * 10 + answered / 2) / answered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn shares_are_rounded_per_mille_and_small_groups_stay_hidden() {
        let mut counts = BTreeMap::new();
        counts.insert(1, 1);
        counts.insert(2, 2);
        let rows = tally(&[1, 2, 3], &counts, 3);
        assert_eq!(rows.iter().map(|r| r.per_mille).collect::<Vec<_>>(), [333, 667, 0]);
        assert_eq!(tally(&[1], &BTreeMap::new(), 0)[0].per_mille, 0, "no ballots, no division by zero");
        let mut groups = BTreeMap::new();
        groups.insert("12-15".to_owned(), 14);
        groups.insert("16-18".to_owned(), 9);
        groups.insert("19-23".to_owned(), 0);
        let (shown, hidden) = shown_groups(&groups, 33);
        assert_eq!(shown, [("12-15".to_owned(), 14)]);
        assert!(hidden, "the group of 9 is folded into \"fewer than 10\" with 10 voters without an age");
        // Only these two groups: 23 minus 14 would give the 9 away, so 14 goes too.
        let (shown, hidden) = shown_groups(&groups, 23);
        assert_eq!(shown, []);
        assert!(hidden);
    }

    #[test]
    fn a_ballot_counts_once_in_total_and_once_per_group_for_choices() {
        let answers = vec![
            (1, Answer::Single(10)),
            (2, Answer::Multiple(vec![20, 21])),
            (3, Answer::Scale(4)),
            (4, Answer::Ranking(vec![41, 40])),
            (5, Answer::Open("Meer bankjes".into())),
        ];
        let groups = voter_groups(Some("16-17"), None);
        let keys = tally_keys(&answers, &groups);
        let has = |q: i32, o: i32, v: i32, b: &str| {
            keys.iter().filter(|k| k.question == q && k.option == o && k.value == v && k.breakdown == b).count()
        };
        assert_eq!((has(0, 0, 0, ""), has(0, 0, 0, "age:16-17")), (1, 1), "the ballot itself");
        assert_eq!((has(1, 10, 0, ""), has(1, 10, 0, "age:16-17"), has(1, 0, 0, "")), (1, 1, 1));
        assert_eq!((has(2, 20, 0, ""), has(2, 21, 0, "age:16-17"), has(2, 0, 0, "")), (1, 1, 1));
        assert_eq!((has(3, 0, 4, ""), has(3, 0, 4, "age:16-17")), (1, 0), "scales only in total");
        assert_eq!((has(4, 41, 1, ""), has(4, 40, 2, "")), (1, 1), "ranks start at 1");
        assert_eq!(has(5, 0, 0, ""), 1, "an open answer counts as answered");
        let unique: HashSet<&TallyKey> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "no count is added twice");
    }

    #[test]
    fn rankings_score_borda_points_and_scales_a_mean() {
        let mut ranks = BTreeMap::new();
        ranks.insert((1, 1), 3); // option 1 first three times
        ranks.insert((2, 2), 3);
        ranks.insert((2, 1), 1);
        ranks.insert((1, 2), 1);
        assert_eq!(ranking_points(&[1, 2], &ranks), [(1, 7, 3), (2, 5, 1)]);
        let mut values = BTreeMap::new();
        values.insert(3, 1);
        values.insert(4, 2);
        assert_eq!(scale_mean_tenths(&values), Some(37));
        assert_eq!(scale_mean_tenths(&BTreeMap::new()), None);
        assert_eq!((age_band(15), age_band(16), age_band(23), age_band(80)), ("0-15", "16-17", "18-23", "67+"));
    }

    /// The subtraction attack, tried on every way to split up to 49 voters over three groups and
    /// voters without a group: when any group is shown, the voters left out are none or at least
    /// ten, so no small group can be worked out from the total.
    #[test]
    fn no_small_group_can_be_worked_out_from_the_total() {
        for a in 0..=20u64 {
            for b in 0..=12u64 {
                for c in 0..=12u64 {
                    for without_group in [0u64, 1, 3, 9, 10] {
                        let groups: BTreeMap<String, u64> =
                            [("a".to_owned(), a), ("b".to_owned(), b), ("c".to_owned(), c)].into_iter().collect();
                        let total = a + b + c + without_group;
                        let (shown, hidden) = shown_groups(&groups, total);
                        let left_out = total - shown.iter().map(|(_, n)| n).sum::<u64>();
                        // With no group shown nothing is subtracted: the total is all there is.
                        assert!(
                            shown.is_empty() || !(1..SMALLEST_GROUP).contains(&left_out),
                            "{groups:?} of {total}: {shown:?}"
                        );
                        assert!(shown.iter().all(|(_, n)| *n >= SMALLEST_GROUP));
                        assert_eq!(hidden, left_out > 0);
                    }
                }
            }
        }
    }
}
