//! A poll's questions and a voter's answers: what a valid ballot is, checked whole before anything
//! is stored, and a ranking as the form sends it.

use crate::domain::validation::{Checks, Problem};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

pub const OPEN_ANSWER_MAX: usize = 2_000;

/// One question of a poll. Options are identified by their stored id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Exactly one option.
    Single { options: Vec<i32> },
    /// Up to `max` options (at least one).
    Multiple { options: Vec<i32>, max: u8 },
    /// A whole number from 1 to `max` (5 or 10).
    Scale { max: u8 },
    /// Every option in an order of preference, each once.
    Ranking { options: Vec<i32> },
    /// Free text; becomes an input record the report answers.
    Open,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i32,
    pub kind: QuestionKind,
    /// An unanswered optional question is fine; an open question is always optional.
    pub required: bool,
}

/// What a voter sent for one question, as text from the form (so nothing typed is lost).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInput {
    /// Chosen option ids (one for single choice, several for multiple choice, in order for ranking).
    pub options: Vec<String>,
    /// The scale value or the open answer.
    pub text: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Single(i32),
    Multiple(Vec<i32>),
    Scale(u8),
    Ranking(Vec<i32>),
    Open(String),
}

fn option_ids(raw: &[String], known: &[i32]) -> Result<Vec<i32>, Problem> {
    raw.iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| r.trim().parse::<i32>().ok().filter(|id| known.contains(id)).ok_or(Problem::ChoiceInvalid))
        .collect()
}

/// Checks one answer; Ok(None) for an optional question left blank.
pub fn check_answer(question: &Question, input: &AnswerInput) -> Result<Option<Answer>, Problem> {
    let blank = input.options.iter().all(|o| o.trim().is_empty()) && input.text.trim().is_empty();
    if blank {
        return if question.required && question.kind != QuestionKind::Open {
            Err(Problem::Required)
        } else {
            Ok(None)
        };
    }
    match &question.kind {
        QuestionKind::Single { options } => match option_ids(&input.options, options)?.as_slice() {
            [one] => Ok(Some(Answer::Single(*one))),
            _ => Err(Problem::ChoiceInvalid),
        },
        QuestionKind::Multiple { options, max } => {
            let chosen = option_ids(&input.options, options)?;
            let distinct: HashSet<_> = chosen.iter().collect();
            if distinct.len() != chosen.len() {
                Err(Problem::ChoiceInvalid)
            } else if chosen.len() > usize::from(*max) {
                Err(Problem::TooMany { max: u32::from(*max) })
            } else {
                Ok(Some(Answer::Multiple(chosen)))
            }
        }
        QuestionKind::Scale { max } => input
            .text
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|v| (1..=*max).contains(v))
            .map(|v| Some(Answer::Scale(v)))
            .ok_or(Problem::NumberInvalid { max: u32::from(*max) }),
        QuestionKind::Ranking { options } => {
            let order = option_ids(&input.options, options)?;
            let distinct: HashSet<_> = order.iter().collect();
            if order.len() == options.len() && distinct.len() == order.len() {
                Ok(Some(Answer::Ranking(order)))
            } else {
                Err(Problem::RankingIncomplete)
            }
        }
        QuestionKind::Open => {
            let text = input.text.trim();
            if text.chars().count() > OPEN_ANSWER_MAX {
                Err(Problem::TooLong { max: OPEN_ANSWER_MAX as u32 })
            } else {
                Ok(Some(Answer::Open(text.to_owned())))
            }
        }
    }
}

/// Checks a whole ballot: every problem tied to its question (`answer[12]`), nothing stored
/// unless all of it is right.
pub fn check_ballot(questions: &[Question], inputs: &BTreeMap<i32, AnswerInput>) -> Result<Vec<(i32, Answer)>, Checks> {
    let mut checks = Checks::new();
    let mut answers = Vec::new();
    for question in questions {
        let input = inputs.get(&question.id).cloned().unwrap_or_default();
        if let Some(Some(answer)) = checks.field(&format!("answer[{}]", question.id), check_answer(question, &input)) {
            answers.push((question.id, answer));
        }
    }
    // Answers to questions the poll does not have mean a tampered or outdated form.
    if let Some(unknown) = inputs.keys().find(|id| !questions.iter().any(|q| q.id == **id)) {
        checks.add(&format!("answer[{unknown}]"), Problem::ChoiceInvalid);
    }
    if checks.is_empty() {
        Ok(answers)
    } else {
        Err(checks)
    }
}

/// A ranking as the form sends it, each option with its place (`rank[q][option] = 2`), as the
/// options in order. Err when the places are not 1, 2, 3, … each used once (two options both
/// second, one left without a place); all places left empty is no answer.
pub fn order_from_ranks<S: std::hash::BuildHasher>(
    ranks: &std::collections::HashMap<String, String, S>,
) -> Result<Vec<String>, RankingIncomplete> {
    if ranks.values().all(|v| v.trim().is_empty()) {
        return Ok(Vec::new());
    }
    let mut placed: Vec<(usize, &String)> = Vec::new();
    for (option, place) in ranks {
        let place = place.trim().parse::<usize>().map_err(|_| RankingIncomplete)?;
        placed.push((place, option));
    }
    placed.sort();
    if placed.iter().enumerate().all(|(i, (place, _))| *place == i + 1) {
        Ok(placed.into_iter().map(|(_, o)| o.clone()).collect())
    } else {
        Err(RankingIncomplete)
    }
}

/// A ranking whose places are not 1, 2, 3, … each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingIncomplete;

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(options: &[&str], text: &str) -> AnswerInput {
        AnswerInput { options: options.iter().map(|s| (*s).to_owned()).collect(), text: text.to_owned() }
    }

    fn question(id: i32, kind: QuestionKind) -> Question {
        Question { id, kind, required: true }
    }

    #[test]
    fn single_choice_needs_exactly_one_known_option() {
        let q = question(1, QuestionKind::Single { options: vec![10, 11, 12] });
        assert_eq!(check_answer(&q, &answer(&["11"], "")), Ok(Some(Answer::Single(11))));
        assert_eq!(check_answer(&q, &answer(&["99"], "")), Err(Problem::ChoiceInvalid), "unknown option");
        assert_eq!(check_answer(&q, &answer(&["10", "11"], "")), Err(Problem::ChoiceInvalid), "two options");
        assert_eq!(check_answer(&q, &answer(&["abc"], "")), Err(Problem::ChoiceInvalid));
        assert_eq!(check_answer(&q, &answer(&[], "")), Err(Problem::Required));
    }

    #[test]
    fn multiple_choice_keeps_to_its_maximum_and_counts_each_option_once() {
        let q = question(2, QuestionKind::Multiple { options: vec![1, 2, 3, 4], max: 2 });
        assert_eq!(check_answer(&q, &answer(&["1", "3"], "")), Ok(Some(Answer::Multiple(vec![1, 3]))));
        assert_eq!(check_answer(&q, &answer(&["1", "2", "3"], "")), Err(Problem::TooMany { max: 2 }));
        assert_eq!(check_answer(&q, &answer(&["1", "1"], "")), Err(Problem::ChoiceInvalid));
    }

    #[test]
    fn a_scale_value_stays_within_its_scale() {
        let q = question(3, QuestionKind::Scale { max: 5 });
        assert_eq!(check_answer(&q, &answer(&[], "5")), Ok(Some(Answer::Scale(5))));
        for bad in ["0", "6", "-1", "3.5", "veel"] {
            assert_eq!(check_answer(&q, &answer(&[], bad)), Err(Problem::NumberInvalid { max: 5 }), "{bad}");
        }
    }

    #[test]
    fn a_ranking_orders_every_option_exactly_once() {
        let q = question(4, QuestionKind::Ranking { options: vec![7, 8, 9] });
        assert_eq!(check_answer(&q, &answer(&["9", "7", "8"], "")), Ok(Some(Answer::Ranking(vec![9, 7, 8]))));
        assert_eq!(check_answer(&q, &answer(&["9", "9", "8"], "")), Err(Problem::RankingIncomplete), "duplicates");
        assert_eq!(check_answer(&q, &answer(&["9", "8"], "")), Err(Problem::RankingIncomplete), "one missing");
    }

    #[test]
    fn an_open_answer_is_optional_and_limited() {
        let q = question(5, QuestionKind::Open);
        assert_eq!(check_answer(&q, &answer(&[], "  ")), Ok(None));
        assert_eq!(check_answer(&q, &answer(&[], "Meer schaduw")), Ok(Some(Answer::Open("Meer schaduw".into()))));
        assert_eq!(check_answer(&q, &answer(&[], &"x".repeat(2_001))), Err(Problem::TooLong { max: 2_000 }));
    }

    #[test]
    fn a_ballot_is_stored_whole_or_not_at_all() {
        let questions =
            [question(1, QuestionKind::Single { options: vec![10, 11] }), question(2, QuestionKind::Scale { max: 10 })];
        let mut inputs = BTreeMap::new();
        inputs.insert(1, answer(&["10"], ""));
        inputs.insert(2, answer(&[], "11"));
        let fields: Vec<String> =
            check_ballot(&questions, &inputs).unwrap_err().into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["answer[2]"]);
        inputs.insert(2, answer(&[], "7"));
        assert_eq!(check_ballot(&questions, &inputs).unwrap(), vec![(1, Answer::Single(10)), (2, Answer::Scale(7))]);
        inputs.insert(3, answer(&["1"], ""));
        assert!(check_ballot(&questions, &inputs).is_err(), "an answer to a question the poll does not have");
    }

    #[test]
    fn a_ranking_form_needs_each_place_once() {
        let ranks = |pairs: &[(&str, &str)]| -> std::collections::HashMap<String, String> {
            pairs.iter().map(|(o, p)| ((*o).to_owned(), (*p).to_owned())).collect()
        };
        assert_eq!(
            order_from_ranks(&ranks(&[("7", "2"), ("8", "1"), ("9", "3")])),
            Ok(vec!["8".into(), "7".into(), "9".into()])
        );
        assert_eq!(
            order_from_ranks(&ranks(&[("7", "1"), ("8", "1"), ("9", "3")])),
            Err(RankingIncomplete),
            "two firsts"
        );
        assert_eq!(
            order_from_ranks(&ranks(&[("7", "1"), ("8", ""), ("9", "2")])),
            Err(RankingIncomplete),
            "one without a place"
        );
        assert_eq!(order_from_ranks(&ranks(&[("7", ""), ("8", "")])), Ok(vec![]), "not answered");
    }
}
