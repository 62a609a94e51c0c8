//! The poll editor: the questions as typed, checked field by field.

use crate::domain::validation::{Checks, Problem};
use serde::{Deserialize, Serialize};

pub const PROMPT_MAX: usize = 300;
pub const OPTION_MAX: usize = 200;
pub const MAX_QUESTIONS: usize = 10;
pub const MAX_OPTIONS: usize = 12;

/// Whether a kind of question has options to choose from.
pub fn has_options(kind: &str) -> bool {
    matches!(kind, "single" | "multiple" | "ranking")
}

/// One question as typed into the poll editor. Options come one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    pub prompt: String,
    pub kind: String,
    pub options: String,
    /// The most options a multiple-choice question allows, or the top of a scale (5 or 10).
    pub max: String,
    pub required: bool,
}

/// A question as the editor accepted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    pub prompt: String,
    pub kind: String,
    pub options: Vec<String>,
    pub max_choices: Option<u8>,
    pub scale_max: Option<u8>,
    pub required: bool,
}

/// Checks the questions of the poll editor: blank rows are skipped, at least one question,
/// every problem on its own field (`question_prompt[1]`, `question_options[1]`, `question_max[1]`).
pub fn check_questions(checks: &mut Checks, inputs: &[QuestionInput]) -> Vec<QuestionDraft> {
    use crate::domain::trajectories::required_text;
    let mut drafts = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if input.prompt.trim().is_empty() && input.options.trim().is_empty() {
            continue;
        }
        let prompt = checks.field(&format!("question_prompt[{i}]"), required_text(&input.prompt, PROMPT_MAX));
        let kind = input.kind.trim();
        let options: Vec<String> =
            input.options.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        let options_field = format!("question_options[{i}]");
        let max_field = format!("question_max[{i}]");
        let (mut max_choices, mut scale_max) = (None, None);
        match kind {
            "single" | "multiple" | "ranking" => {
                if options.len() < 2 {
                    checks.add(&options_field, Problem::TooFewOptions { min: 2 });
                } else if options.len() > MAX_OPTIONS {
                    checks.add(&options_field, Problem::TooMany { max: MAX_OPTIONS as u32 });
                } else if options.iter().any(|o| o.chars().count() > OPTION_MAX) {
                    checks.add(&options_field, Problem::TooLong { max: OPTION_MAX as u32 });
                } else if options.iter().enumerate().any(|(n, o)| options[..n].contains(o)) {
                    checks.add(&options_field, Problem::OptionTwice);
                }
                if kind == "multiple" {
                    let most = options.len().clamp(2, MAX_OPTIONS) as u32;
                    match input.max.trim().parse::<u32>() {
                        Ok(max) if (1..=most).contains(&max) => max_choices = Some(max as u8),
                        _ if input.max.trim().is_empty() => checks.add(&max_field, Problem::Required),
                        _ => checks.add(&max_field, Problem::NumberInvalid { max: most }),
                    }
                }
            }
            "scale" => match input.max.trim() {
                "5" => scale_max = Some(5),
                "10" => scale_max = Some(10),
                _ => checks.add(&max_field, Problem::ChoiceInvalid),
            },
            "open" => {}
            _ => checks.add(&format!("question_kind[{i}]"), Problem::ChoiceInvalid),
        }
        if let Some(prompt) = prompt {
            drafts.push(QuestionDraft {
                prompt,
                kind: kind.to_owned(),
                options: if has_options(kind) { options } else { Vec::new() },
                max_choices,
                scale_max,
                required: input.required && kind != "open",
            });
        }
    }
    if drafts.is_empty() && checks.is_empty() {
        checks.add("question_prompt[0]", Problem::Required);
    }
    if drafts.len() > MAX_QUESTIONS {
        checks.add("question_prompt[0]", Problem::TooMany { max: MAX_QUESTIONS as u32 });
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(prompt: &str, kind: &str, options: &str, max: &str) -> QuestionInput {
        QuestionInput {
            prompt: prompt.into(),
            kind: kind.into(),
            options: options.into(),
            max: max.into(),
            required: true,
        }
    }

    #[test]
    fn the_editor_checks_each_question_by_its_kind() {
        let mut checks = Checks::new();
        let drafts = check_questions(
            &mut checks,
            &[
                typed("Welk ontwerp?", "single", "Bos\nWater\n\n", ""),
                typed("", "single", "", ""),
                typed("Hoe blij?", "scale", "", "10"),
                typed("Ideeën?", "open", "", ""),
            ],
        );
        assert!(checks.is_empty());
        assert_eq!(drafts.len(), 3, "the blank row is skipped");
        assert_eq!(drafts[0].options, ["Bos", "Water"]);
        assert_eq!(drafts[1].scale_max, Some(10));
        assert!(!drafts[2].required, "an open question is always optional");
        let mut checks = Checks::new();
        check_questions(
            &mut checks,
            &[
                typed("Eén optie", "single", "Bos", ""),
                typed("Kies", "multiple", "A\nB\nC", "4"),
                typed("Schaal", "scale", "", "7"),
                typed("Dubbel", "ranking", "A\nA", ""),
                typed("Raar", "poll", "", ""),
            ],
        );
        let problems: Vec<(String, Problem)> = checks.into_errors().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            problems,
            [
                ("question_options[0]".to_owned(), Problem::TooFewOptions { min: 2 }),
                ("question_max[1]".to_owned(), Problem::NumberInvalid { max: 3 }),
                ("question_max[2]".to_owned(), Problem::ChoiceInvalid),
                ("question_options[3]".to_owned(), Problem::OptionTwice),
                ("question_kind[4]".to_owned(), Problem::ChoiceInvalid),
            ]
        );
        let mut checks = Checks::new();
        assert!(check_questions(&mut checks, &[typed(" ", "single", "", "")]).is_empty());
        assert_eq!(checks.into_errors()[0].field, "question_prompt[0]", "a poll needs a question");
    }
}
