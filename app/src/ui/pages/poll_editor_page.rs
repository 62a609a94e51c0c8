//! `/{municipality}/trajecten/{id}/peiling-toevoegen`: where a project lead puts a poll in a
//! phase of a trajectory. Questions are rows of the form (options one per line), so the editor
//! works without JavaScript; empty rows are skipped.

use crate::api::poll_editing::{get_poll_editor, get_poll_for_editing, CreatePoll, UpdatePoll};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::poll_editing::{PollEditor, PollInitial, QuestionInitial};
use crate::ui::components::form::{
    error_of, CheckboxGroup, Field, FormAlert, FormError, Select, SubmissionToken, TextArea,
};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Question rows offered: enough for a real poll; the domain allows ten.
const QUESTION_ROWS: usize = 6;

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

#[component]
fn QuestionRow(i: usize, error: FormError, initial: Option<QuestionInitial>) -> impl IntoView {
    let i18n = use_i18n();
    let number = i + 1;
    let kinds: Vec<(String, String)> = [
        ("single", t_string!(i18n, poll_kind_single).to_string()),
        ("multiple", t_string!(i18n, poll_kind_multiple).to_string()),
        ("scale", t_string!(i18n, poll_kind_scale).to_string()),
        ("ranking", t_string!(i18n, poll_kind_ranking).to_string()),
        ("open", t_string!(i18n, poll_kind_open).to_string()),
    ]
    .into_iter()
    .map(|(v, l)| (v.to_owned(), l))
    .collect();
    // Refused forms say per row whether the box was ticked.
    let required_name = format!("question_required[{i}]");
    // A new question is required unless unticked; a stored one keeps its choice.
    let required_at_first = initial.as_ref().is_none_or(|q| q.required);
    let required = {
        let name = required_name.clone();
        move || match error.get().and_then(|e| e.typed_value(&name)) {
            Some(typed) => typed == "on",
            None => error.get().is_none() && required_at_first,
        }
    };
    let q = initial.unwrap_or_default();
    let required_id = format!("veld-question_required-{i}");
    view! {
        <fieldset class="repeat-row">
            <legend>{t!(i18n, poll_question_number, number = move || number)}</legend>
            <Field name=format!("question_prompt[{i}]") autocomplete="off" error initial=q.prompt
                label=text(t_string!(i18n, poll_field_prompt).to_string())/>
            <Select name=format!("question_kind[{i}]") error options=kinds
                initial=if q.kind.is_empty() { "single".to_owned() } else { q.kind }
                label=text(t_string!(i18n, poll_field_kind).to_string())/>
            <TextArea name=format!("question_options[{i}]") error rows=4 initial=q.options
                label=text(t_string!(i18n, poll_field_options).to_string())
                hint=text(t_string!(i18n, poll_field_options_hint).to_string())/>
            <Field name=format!("question_max[{i}]") kind="number" autocomplete="off" error initial=q.max
                label=text(t_string!(i18n, poll_field_max).to_string())
                hint=text(t_string!(i18n, poll_field_max_hint).to_string())/>
            <p class="checkbox-list__item">
                <input type="checkbox" id=required_id.clone() name="question_required[]" value=i.to_string() checked=required/>
                <label for=required_id>{t!(i18n, poll_field_required)}</label>
            </p>
        </fieldset>
    }
}

#[component]
fn PollFields(editor: PollEditor, error: FormError, initial: PollInitial) -> impl IntoView {
    let i18n = use_i18n();
    let phases: Vec<(String, String)> = editor
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                i.to_string(),
                format!("{} ({} – {})", p.name, p.starts_on.format("%d-%m-%Y"), p.ends_on.format("%d-%m-%Y")),
            )
        })
        .collect();
    let results: Vec<(String, String)> = vec![
        ("after_close".to_owned(), t_string!(i18n, poll_results_after).to_string()),
        ("live".to_owned(), t_string!(i18n, poll_results_live).to_string()),
    ];
    let mut kinds: Vec<(String, String)> = vec![
        (String::new(), t_string!(i18n, poll_eligibility_rules).to_string()),
        ("areas".to_owned(), t_string!(i18n, eligibility_areas).to_string()),
        ("age_band".to_owned(), t_string!(i18n, eligibility_age_band).to_string()),
    ];
    if !editor.panels.is_empty() {
        kinds.push(("panel".to_owned(), t_string!(i18n, eligibility_panel).to_string()));
    }
    let areas: Vec<(String, String)> = editor.areas.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
    let panels: Vec<(String, String)> = std::iter::once((String::new(), String::new()))
        .chain(editor.panels.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect();
    let ticked = move |name: &'static str, at_first: bool| {
        move || match error.get().and_then(|e| e.typed_value(name)) {
            Some(typed) => typed == "on",
            None => at_first,
        }
    };
    let i = initial.clone();
    view! {
        <Field name="title" autocomplete="off" error required=true initial=i.title
            label=text(t_string!(i18n, poll_field_title).to_string())/>
        <TextArea name="intro" error rows=4 initial=i.intro
            label=text(t_string!(i18n, poll_field_intro).to_string())
            hint=text(t_string!(i18n, poll_field_intro_hint).to_string())/>
        <Select name="phase" error options=phases initial=i.phase.to_string()
            label=text(t_string!(i18n, poll_field_phase).to_string())/>
        <fieldset class="field field--group">
            <legend class="field__label">{t!(i18n, poll_field_when)}</legend>
            <p class="field__hint">{t!(i18n, poll_field_when_hint)}</p>
            <div class="field-pair">
                <Field name="opens_on" kind="date" autocomplete="off" error initial=i.opens_on label=text(t_string!(i18n, poll_field_opens_on).to_string())/>
                <Field name="opens_time" kind="time" autocomplete="off" error
                    initial=if i.opens_time.is_empty() { "09:00".to_owned() } else { i.opens_time } label=text(t_string!(i18n, poll_field_time).to_string())/>
            </div>
            <div class="field-pair">
                <Field name="closes_on" kind="date" autocomplete="off" error initial=i.closes_on label=text(t_string!(i18n, poll_field_closes_on).to_string())/>
                <Field name="closes_time" kind="time" autocomplete="off" error
                    initial=if i.closes_time.is_empty() { "17:00".to_owned() } else { i.closes_time } label=text(t_string!(i18n, poll_field_time).to_string())/>
            </div>
        </fieldset>
        <Select name="results" error options=results initial=i.results label=text(t_string!(i18n, poll_field_results).to_string())/>
        <fieldset class="field field--group">
            <legend class="field__label">{t!(i18n, poll_field_ballot)}</legend>
            <p class="checkbox-list__item">
                <input type="checkbox" id="veld-secret" name="secret" value="on" checked=ticked("secret", i.secret)/>
                <label for="veld-secret">{t!(i18n, poll_field_secret)}</label>
            </p>
            <p class="checkbox-list__item">
                <input type="checkbox" id="veld-changeable" name="changeable" value="on" checked=ticked("changeable", i.changeable)
                    aria-describedby="veld-changeable-fout"/>
                <label for="veld-changeable">{t!(i18n, poll_field_changeable)}</label>
            </p>
            {move || error.get().and_then(|e| e.problem_for("changeable")).map(|p| view! {
                <p class="field__error" id="veld-changeable-fout">{crate::ui::components::form::problem_text(i18n, p)}</p>
            })}
        </fieldset>
        <Select name="eligibility" error options=kinds initial=i.eligibility
            label=text(t_string!(i18n, poll_field_eligibility).to_string())
            hint=text(t_string!(i18n, poll_field_eligibility_hint).to_string())/>
        <CheckboxGroup name="eligible_areas" error options=areas initial=i.areas legend=text(t_string!(i18n, field_eligible_areas).to_string())/>
        <Field name="eligible_min_age" kind="number" autocomplete="off" error initial=i.min_age label=text(t_string!(i18n, field_eligible_min_age).to_string())/>
        <Field name="eligible_max_age" kind="number" autocomplete="off" error initial=i.max_age label=text(t_string!(i18n, field_eligible_max_age).to_string())/>
        {(!editor.panels.is_empty()).then(|| view! {
            <Select name="eligible_panel" error options=panels initial=i.panel label=text(t_string!(i18n, field_eligible_panel).to_string())/>
        })}
        <fieldset class="field field--group">
            <legend class="field__label">{t!(i18n, poll_field_questions)}</legend>
            <p class="field__hint">{t!(i18n, poll_field_questions_hint)}</p>
            {(0..QUESTION_ROWS.max(initial.questions.len() + 1)).map(|n| {
                let stored = initial.questions.get(n).cloned();
                view! { <QuestionRow i=n error initial=stored/> }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn NewPollPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let editor = Resource::new(move || (slug(), id()), |(slug, id)| get_poll_editor(slug, id));
    let create = ServerAction::<CreatePoll>::new();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => {
                        let error = error_of(create.value());
                        view! {
                            <PageTitle text=t_string!(i18n, poll_new_title).to_string()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=format!("/{}/trajecten/{}", editor.municipality_slug, editor.trajectory_id)>{editor.trajectory_title.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, poll_new_title)}</h1>
                            <p class="lead">{t!(i18n, poll_new_intro)}</p>
                            {move || matches!(error.get(), Some(AppError::Forbidden)).then(|| view! { <Forbidden/> })}
                            <FormAlert error/>
                            <ActionForm action=create attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="municipality" value=editor.municipality_slug.clone()/>
                                <input type="hidden" name="trajectory" value=editor.trajectory_id/>
                                <SubmissionToken/>
                                <PollFields editor=editor.clone() error initial=PollInitial::default()/>
                                <button class="button" type="submit">{t!(i18n, poll_create)}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PollEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let stored = Resource::new(move || (slug(), id()), |(slug, id)| get_poll_for_editing(slug, id));
    let update = ServerAction::<UpdatePoll>::new();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match stored.await {
                    Ok((editor, initial)) => {
                        let error = error_of(update.value());
                        let poll_href = format!("/{}/peilingen/{}", editor.municipality_slug, initial.id);
                        let locked = initial.has_votes;
                        view! {
                            <PageTitle text=t_string!(i18n, poll_edit_title).to_string()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=poll_href>{initial.title.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, poll_edit_title)}</h1>
                            {if locked {
                                view! { <p class="notice" role="note">{t!(i18n, problem_poll_has_votes)}</p> }.into_any()
                            } else {
                                view! {
                                    <FormAlert error/>
                                    {move || error.get().and_then(|e| e.problem_for("poll")).map(|_| view! {
                                        <p class="notice" role="alert">{t!(i18n, problem_poll_has_votes)}</p>
                                    })}
                                    <ActionForm action=update attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="municipality" value=editor.municipality_slug.clone()/>
                                        <input type="hidden" name="id" value=initial.id/>
                                        <PollFields editor=editor.clone() error initial=initial.clone()/>
                                        <button class="button" type="submit">{t!(i18n, save)}</button>
                                    </ActionForm>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
