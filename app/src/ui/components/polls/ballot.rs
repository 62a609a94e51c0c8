//! The ballot form. Every question is a fieldset with its own error; single choices and scales
//! are radio buttons, multiple choices checkboxes, a ranking gives each option a place from a
//! drop-down list (keyboard and screen reader friendly, no dragging), an open question a text
//! field. Plain HTML: it works the same with and without JavaScript.

use crate::api::polls::CastVote;
use crate::domain::polls::Answer;
use crate::i18n::*;
use crate::model::polls::{PollView, QuestionView};
use crate::ui::components::form::{problem_text, FormAlert, FormError};
use crate::ui::raw_text::textarea_text;
use leptos::prelude::*;

/// What the form shows as chosen: what was sent with a refused ballot, else the reader's kept
/// ballot (polls that are not secret), else nothing.
#[derive(Clone, Copy)]
struct Chosen {
    error: FormError,
}

impl Chosen {
    fn typed(self, field: &str) -> Option<String> {
        self.error.get().and_then(|e| e.typed_value(field))
    }
}

fn kept(mine: &Option<Vec<(i32, Answer)>>, question: i32) -> Option<&Answer> {
    mine.as_ref().and_then(|answers| answers.iter().find(|(q, _)| *q == question).map(|(_, a)| a))
}

#[component]
pub fn Ballot(poll: PollView, action: ServerAction<CastVote>, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = Chosen { error };
    let ballot_problem = Signal::derive(move || error.get().and_then(|e| e.problem_for("ballot")));
    view! {
        <FormAlert error/>
        {move || ballot_problem.get().map(|p| view! { <p class="field__error" role="alert">{problem_text(i18n, p)}</p> })}
        <ActionForm action attr:class="form ballot" attr:novalidate=true>
            <input type="hidden" name="municipality" value=poll.municipality_slug.clone()/>
            <input type="hidden" name="poll" value=poll.id/>
            <input type="hidden" name="submission_token" value=poll.submission_token.clone().unwrap_or_default()/>
            {poll.questions.iter().enumerate().map(|(n, q)| {
                let mine = kept(&poll.my_answers, q.id).cloned();
                view! { <QuestionField question=q.clone() number=n + 1 mine chosen/> }
            }).collect_view()}
            <button class="button" type="submit">
                {if poll.voted { t!(i18n, poll_change_vote).into_any() } else { t!(i18n, poll_vote).into_any() }}
            </button>
        </ActionForm>
    }
}

#[component]
fn QuestionField(question: QuestionView, number: usize, mine: Option<Answer>, chosen: Chosen) -> impl IntoView {
    let i18n = use_i18n();
    let q = question.id;
    let key = format!("answer[{q}]");
    let problem = {
        let key = key.clone();
        Signal::derive(move || chosen.error.get().and_then(|e| e.problem_for(&key)))
    };
    let error_id = format!("vraag-{q}-fout");
    let hint_id = format!("vraag-{q}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || if problem.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    let hint = match question.kind.as_str() {
        "single" => t!(i18n, poll_hint_single).into_any(),
        "multiple" => {
            let max = question.max_choices.unwrap_or(1);
            t!(i18n, poll_hint_multiple, max = move || max).into_any()
        }
        "scale" => {
            let max = question.scale_max.unwrap_or(5);
            t!(i18n, poll_hint_scale, max = move || max).into_any()
        }
        "ranking" => t!(i18n, poll_hint_ranking).into_any(),
        _ => t!(i18n, poll_hint_open).into_any(),
    };
    let required = question.required;
    let controls = match question.kind.as_str() {
        "single" => single(&question, mine, chosen).into_any(),
        "multiple" => multiple(&question, mine, chosen).into_any(),
        "scale" => scale(&question, mine, chosen).into_any(),
        "ranking" => ranking(&question, mine, chosen).into_any(),
        _ => open(&question, mine, chosen).into_any(),
    };
    view! {
        <fieldset class="field field--group ballot__question" id=format!("vraag-{q}")
            class:field--invalid=move || problem.get().is_some() aria-describedby=described_by>
            <legend class="field__label">
                {t!(i18n, poll_question_number, number = move || number)} " " {question.prompt.clone()}
                {(!required).then(|| view! { " " <span class="field__optional">{t!(i18n, poll_optional)}</span> })}
            </legend>
            <p class="field__hint" id=hint_id>{hint}</p>
            {move || problem.get().map(|p| view! { <p class="field__error" id=error_id.clone()>{problem_text(i18n, p)}</p> })}
            {controls}
        </fieldset>
    }
}

fn single(question: &QuestionView, mine: Option<Answer>, chosen: Chosen) -> impl IntoView {
    let q = question.id;
    let field = format!("choice[{q}]");
    let kept = match mine {
        Some(Answer::Single(o)) => Some(o.to_string()),
        _ => None,
    };
    view! {
        <ul class="checkbox-list">
            {question.options.iter().map(|o| {
                let id = format!("keuze-{q}-{}", o.id);
                let value = o.id.to_string();
                let checked = {
                    let (field, value, kept) = (field.clone(), value.clone(), kept.clone());
                    move || chosen.typed(&field).or_else(|| kept.clone()).as_deref() == Some(value.as_str())
                };
                view! {
                    <li class="checkbox-list__item">
                        <input type="radio" id=id.clone() name=field.clone() value=value checked=checked/>
                        <label for=id>{o.label.clone()}</label>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn multiple(question: &QuestionView, mine: Option<Answer>, chosen: Chosen) -> impl IntoView {
    let q = question.id;
    let typed_field = format!("pick[{q}]");
    let kept: Vec<String> = match mine {
        Some(Answer::Multiple(options)) => options.iter().map(i32::to_string).collect(),
        _ => Vec::new(),
    };
    view! {
        <ul class="checkbox-list">
            {question.options.iter().map(|o| {
                let id = format!("keuze-{q}-{}", o.id);
                let value = o.id.to_string();
                let checked = {
                    let (typed_field, value, kept) = (typed_field.clone(), value.clone(), kept.clone());
                    move || match chosen.typed(&typed_field) {
                        Some(typed) => typed.split(',').any(|v| v == value),
                        None => kept.contains(&value),
                    }
                };
                view! {
                    <li class="checkbox-list__item">
                        <input type="checkbox" id=id.clone() name=format!("pick[{q}][{}]", o.id) value="on" checked=checked/>
                        <label for=id>{o.label.clone()}</label>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn scale(question: &QuestionView, mine: Option<Answer>, chosen: Chosen) -> impl IntoView {
    let q = question.id;
    let field = format!("scale[{q}]");
    let kept = match mine {
        Some(Answer::Scale(v)) => Some(v.to_string()),
        _ => None,
    };
    let max = question.scale_max.unwrap_or(5);
    view! {
        <ul class="scale">
            {(1..=max).map(|v| {
                let id = format!("schaal-{q}-{v}");
                let value = v.to_string();
                let checked = {
                    let (field, value, kept) = (field.clone(), value.clone(), kept.clone());
                    move || chosen.typed(&field).or_else(|| kept.clone()).as_deref() == Some(value.as_str())
                };
                view! {
                    <li class="scale__item">
                        <input type="radio" id=id.clone() name=field.clone() value=value checked=checked/>
                        <label for=id>{v}</label>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn ranking(question: &QuestionView, mine: Option<Answer>, chosen: Chosen) -> impl IntoView {
    let i18n = use_i18n();
    let q = question.id;
    let places = question.options.len();
    let kept: Vec<i32> = match mine {
        Some(Answer::Ranking(order)) => order,
        _ => Vec::new(),
    };
    view! {
        <ul class="ranking">
            {question.options.iter().map(|o| {
                let id = format!("plek-{q}-{}", o.id);
                let field = format!("rank[{q}][{}]", o.id);
                let kept_place = kept.iter().position(|k| *k == o.id).map(|p| (p + 1).to_string()).unwrap_or_default();
                let current = {
                    let field = field.clone();
                    Signal::derive(move || chosen.typed(&field).unwrap_or_else(|| kept_place.clone()))
                };
                view! {
                    <li class="ranking__item">
                        <label for=id.clone()>{o.label.clone()}</label>
                        <select class="field__input ranking__place" id=id name=field>
                            <option value="" selected=move || current.get().is_empty()>{t!(i18n, poll_rank_choose)}</option>
                            {(1..=places).map(|place| {
                                let value = place.to_string();
                                let selected = { let value = value.clone(); move || current.get() == value };
                                view! { <option value=value selected=selected>{t!(i18n, poll_rank_place, place = move || place)}</option> }
                            }).collect_view()}
                        </select>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn open(question: &QuestionView, mine: Option<Answer>, chosen: Chosen) -> impl IntoView {
    let i18n = use_i18n();
    let q = question.id;
    let field = format!("open[{q}]");
    let id = format!("open-{q}");
    // Written once: re-rendering a textarea's text would throw away what is being typed.
    let text = chosen.typed(&field).or(match mine {
        Some(Answer::Open(text)) => Some(text),
        _ => None,
    });
    view! {
        <label class="visually-hidden" for=id.clone()>{t!(i18n, poll_open_label)}</label>
        <textarea class="field__input field__input--text" id=id name=field rows=4>{textarea_text(text.unwrap_or_default())}</textarea>
    }
}
