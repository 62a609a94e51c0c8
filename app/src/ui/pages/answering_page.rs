//! `/{municipality}/trajecten/{id}/antwoorden`: the project lead answers every input of a
//! trajectory in one screen: filtered by activity, channel, area and whether it has an answer;
//! one or more inputs ticked get one answer together (a group). Progress on top, and the way to
//! publishing once nothing is open. And `/{municipality}/trajecten/{id}/antwoorden/{answer}`: one
//! answer, to revise it or take inputs out of its group.

use crate::api::reports::{get_answer, get_answering, AnswerInputs, ReviseAnswer, TakeOutOfAnswer};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::reports::{AnswerPage, AnsweringPage};
use crate::ui::components::answering::{row_meta, AnswerFields, InputRowBody};
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::form::{error_of, problem_text, FormAlert};
use crate::ui::components::pagination::PageLinks;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AnsweringScreen() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let answer = ServerAction::<AnswerInputs>::new();
    let key = move || {
        let p = params.read();
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        (
            p.get("municipality").unwrap_or_default(),
            p.get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default(),
            [get("activiteit"), get("kanaal"), get("gebied"), get("status"), get("pagina")],
            answer.version().get(),
        )
    };
    let screen = Resource::new(key, |(m, id, [activity, channel, area, status, page], _)| {
        get_answering(m, id, activity, channel, area, status, page)
    });
    view! {
        <PageTitle text=t_string!(i18n, answering_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(page) => view! { <Answering page answer/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Answering(page: AnsweringPage, answer: ServerAction<AnswerInputs>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(answer.value());
    let base = format!("/{}/trajecten/{}", page.municipality_slug, page.trajectory_id);
    let screen = format!("{base}/antwoorden");
    let progress = page.progress;
    let per_cent = progress.per_cent();
    let filter = page.filter.clone();
    let query_without_page = {
        let mut f = filter.clone();
        f.page = 1;
        let q = f.query();
        if q.is_empty() {
            "?".to_owned()
        } else {
            format!("{q}&")
        }
    };
    let (current, pages) = (filter.page.min(page.pages), page.pages);
    let prev = (current > 1).then(|| format!("{screen}{query_without_page}pagina={}", current - 1));
    let next = (current < pages).then(|| format!("{screen}{query_without_page}pagina={}", current + 1));
    let chosen_before = move || error.get().and_then(|e| e.typed_value("chosen")).unwrap_or_default();
    let chosen_problem = move || error.get().and_then(|e| e.problem_for("chosen"));
    let status_options = [
        ("", t_string!(i18n, answering_status_all)),
        ("open", t_string!(i18n, answering_status_open)),
        ("beantwoord", t_string!(i18n, answering_status_answered)),
    ];
    let header = view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=base.clone()>{page.trajectory_title.clone()}</a>
        </nav>
        <h1>{t!(i18n, answering_title)}": " {page.trajectory_title.clone()}</h1>
        <p class="lead">{t!(i18n, answering_intro)}</p>
        <p>
            <progress class="progress-bar" max=progress.total.max(1).to_string() value=progress.answered.to_string()
                aria-label=move || t_string!(i18n, answering_progress_label)></progress>
        </p>
        <p role="status"><strong>{t!(i18n, answering_progress, answered = move || progress.answered, total = move || progress.total, per_cent = move || per_cent)}</strong></p>
        {(page.awaiting_moderation > 0).then(|| {
            let n = page.awaiting_moderation;
            view! { <p class="notice notice--warning">{t!(i18n, answering_awaiting_moderation, count = move || n)}</p> }
        })}
        {match page.blocked {
            Some(problem) => view! { <p class="notice">{problem_text(i18n, problem)}</p> }.into_any(),
            None => view! {
                <p class="notice">{t!(i18n, answering_ready)} " "
                    <a class="button" href=format!("{base}/verslag-publiceren")>{t!(i18n, answering_to_publish)}</a>
                </p>
            }.into_any(),
        }}
        {page.published.last().map(|v| {
            let version = v.version;
            view! {
                <p class="notice">{t!(i18n, answering_published, version = move || version)} " "
                    <a href=format!("{base}/verslag")>{t!(i18n, answering_read_report)}</a>
                </p>
            }
        })}
    }
    .into_any();
    let filters = view! {
        <form method="get" action=screen.clone() class="filters">
            <div class="filters__field">
                <label for="activiteit">{t!(i18n, report_filter_activity)}</label>
                <select id="activiteit" name="activiteit">
                    <option value="">{t!(i18n, report_filter_all)}</option>
                    {page.activities.iter().map(|(id, title)| view! {
                        <option value=id.to_string() selected=filter.activity == id.to_string()>{title.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filters__field">
                <label for="kanaal">{t!(i18n, report_channel)}</label>
                <select id="kanaal" name="kanaal">
                    <option value="">{t!(i18n, report_filter_all)}</option>
                    {page.channels.iter().map(|c| view! {
                        <option value=c.as_str() selected=filter.channel == c.as_str()>{channel_label(i18n, *c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filters__field">
                <label for="gebied">{t!(i18n, report_area)}</label>
                <select id="gebied" name="gebied">
                    <option value="">{t!(i18n, report_filter_all)}</option>
                    {page.areas.iter().map(|a| view! {
                        <option value=a.id.to_string() selected=filter.area == a.id.to_string()>{a.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filters__field">
                <label for="status">{t!(i18n, answering_status)}</label>
                <select id="status" name="status">
                    {status_options.into_iter().map(|(value, label)| view! {
                        <option value=value selected=filter.status == value>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="button button--secondary" type="submit">{t!(i18n, report_filter_button)}</button>
        </form>
        <p role="status">{t!(i18n, answering_matching, count = move || page.matching)}</p>
    }
    .into_any();
    let rows = page.rows.clone();
    // How many inputs are ticked, next to the list and on the answer: rendered by the server (so a
    // refused answer shows what was ticked), kept current by the loader's `data-chosen` script.
    let chosen_count = move || chosen_before().split(',').filter(|k| !k.is_empty()).count();
    let chosen_template = move || t_string!(i18n, answering_chosen_count).to_string();
    let chosen_text = move || chosen_template().replace("{n}", &chosen_count().to_string());
    let form = view! {
        <FormAlert error/>
        <ActionForm action=answer attr:class="form answering" attr:novalidate=true>
            <input type="hidden" name="municipality" value=page.municipality_slug.clone()/>
            <input type="hidden" name="trajectory" value=page.trajectory_id.to_string()/>
            <input type="hidden" name="back" value=filter.query()/>
            <div class="answering__inputs">
                <fieldset>
                    <legend>{t!(i18n, answering_choose_inputs)}</legend>
                    {move || chosen_problem().map(|p| view! { <p class="field__error" id="veld-chosen-fout">{problem_text(i18n, p)}</p> })}
                    <ul class="answer-rows">
                        {rows.iter().map(|row| {
                            let id = format!("kies-{}", row.key);
                            let key = row.key.clone();
                            let checked = move || chosen_before().split(',').any(|k| k == key);
                            let link = row.answer.as_ref().map(|a| format!("{screen}/{}", a.id));
                            view! {
                                <li class="answer-row" id=row.key.clone()>
                                    <div class="answer-row__choose">
                                        <input type="checkbox" id=id.clone() name="chosen[]" value=row.key.clone() checked=checked/>
                                        <label for=id>{row_meta(i18n, row)}</label>
                                    </div>
                                    <InputRowBody row=row.clone() answer_link=link/>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <PageLinks current pages prev next/>
                <p class="answering__jump">
                    <span data-chosen=chosen_template>{chosen_text}</span>
                    <a class="button button--secondary" href="#antwoord">{t!(i18n, answering_to_answer)}</a>
                </p>
            </div>
            <fieldset class="answer-form" id="antwoord" tabindex="-1">
                <legend>{t!(i18n, answering_answer_legend)}</legend>
                <p class="answer-form__chosen"><strong data-chosen=chosen_template>{chosen_text}</strong></p>
                <AnswerFields error fixed_items=page.fixed_items.clone() trajectories=page.trajectories.clone()/>
                <button class="button" type="submit">{t!(i18n, answering_submit)}</button>
            </fieldset>
        </ActionForm>
    }
    .into_any();
    view! { {header} {filters} {form} }
}

#[component]
pub fn AnswerScreen() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let revise = ServerAction::<ReviseAnswer>::new();
    let take_out = ServerAction::<TakeOutOfAnswer>::new();
    let key = move || {
        let p = params.read();
        (
            p.get("municipality").unwrap_or_default(),
            p.get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default(),
            p.get("answer").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default(),
            revise.version().get() + take_out.version().get(),
        )
    };
    let found = Resource::new(key, |(m, id, answer, _)| get_answer(m, id, answer));
    let saved = move || query.read().get("opgeslagen").is_some() || matches!(revise.value().get(), Some(Ok(())));
    view! {
        <PageTitle text=t_string!(i18n, answer_edit_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(page) => view! { <AnswerEditor page revise take_out saved=Signal::derive(saved)/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AnswerEditor(
    page: AnswerPage,
    revise: ServerAction<ReviseAnswer>,
    take_out: ServerAction<TakeOutOfAnswer>,
    saved: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(revise.value());
    let screen = format!("/{}/trajecten/{}/antwoorden", page.municipality_slug, page.trajectory_id);
    let size = page.answer.size;
    let top = view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=screen.clone()>{t!(i18n, answering_title)}": " {page.trajectory_title.clone()}</a>
        </nav>
        <h1>{t!(i18n, answer_edit_title)}</h1>
        {move || saved.get().then(|| view! { <p class="notice" role="status">{t!(i18n, answer_edit_saved)}</p> })}
        <p class="lead">{t!(i18n, answer_edit_intro, count = move || size)}</p>
    }
    .into_any();
    let (slug, trajectory_id, answer_id) = (page.municipality_slug.clone(), page.trajectory_id, page.answer.id);
    let (fixed_items, trajectories, initial) =
        (page.fixed_items.clone(), page.trajectories.clone(), page.answer.clone());
    let form_slug = slug.clone();
    let form = view! {
        <FormAlert error/>
        <ActionForm action=revise attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=form_slug/>
            <input type="hidden" name="trajectory" value=trajectory_id.to_string()/>
            <input type="hidden" name="answer" value=answer_id.to_string()/>
            <AnswerFields error fixed_items trajectories initial/>
            <button class="button" type="submit">{t!(i18n, save)}</button>
        </ActionForm>
    }
    .into_any();
    let inputs = view! {
        <h2>{t!(i18n, answer_edit_inputs)}</h2>
        <ul class="answer-rows">
            {page.rows.iter().map(|row| {
                let slug = slug.clone();
                let key = row.key.clone();
                view! {
                    <li class="answer-row">
                        <p class="report-line__meta">{row_meta(i18n, row)}</p>
                        {row.title.clone().map(|t| view! { <p><strong>{t}</strong></p> })}
                        <p class="preserve-lines" lang=content_lang()>{row.body.clone()}</p>
                        <ActionForm action=take_out>
                            <input type="hidden" name="municipality" value=slug/>
                            <input type="hidden" name="trajectory" value=trajectory_id.to_string()/>
                            <input type="hidden" name="answer" value=answer_id.to_string()/>
                            <input type="hidden" name="input" value=key/>
                            <button class="button button--secondary" type="submit">{t!(i18n, answer_edit_take_out)}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any();
    view! { {top} {form} {inputs} }
}
