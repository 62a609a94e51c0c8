//! `/{municipality}/peilingen/{id}/papieren-stemmen`: staff enter votes cast on paper or at a
//! meeting, as counted totals per option of the poll's one-choice questions. They are shown
//! apart from the online votes in the results, with the channel and the day they were counted.

use crate::api::poll_editing::EnterPaperVotes;
use crate::api::polls::get_poll;
use crate::domain::consultations::Channel;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::form::{error_of, Field, FormAlert, Select};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

#[component]
pub fn PaperVotesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let poll = Resource::new(move || (slug(), id()), |(slug, id)| get_poll(slug, id));
    let enter = ServerAction::<EnterPaperVotes>::new();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match poll.await {
                    Ok(p) if p.can_enter_paper => {
                        let error = error_of(enter.value());
                        let channels: Vec<(String, String)> = Channel::OFFLINE
                            .into_iter()
                            .map(|c| (c.as_str().to_owned(), channel_label(i18n, c)))
                            .collect();
                        let questions: Vec<_> = p.questions.iter().filter(|q| q.kind == "single").cloned().collect();
                        let back = format!("/{}/peilingen/{}", p.municipality_slug, p.id);
                        view! {
                            <PageTitle text=t_string!(i18n, poll_paper_enter).to_string()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=back>{p.title.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, poll_paper_enter)}</h1>
                            <p class="lead">{t!(i18n, poll_paper_intro)}</p>
                            <FormAlert error/>
                            {if questions.is_empty() {
                                view! { <p class="notice" role="note">{t!(i18n, poll_paper_no_questions)}</p> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=enter attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="municipality" value=p.municipality_slug.clone()/>
                                        <input type="hidden" name="poll" value=p.id/>
                                        <Select name="channel" error options=channels initial="meeting".to_owned()
                                            label=text(t_string!(i18n, poll_paper_channel).to_string())/>
                                        <Field name="description" autocomplete="off" error required=true
                                            label=text(t_string!(i18n, poll_paper_description).to_string())
                                            hint=text(t_string!(i18n, poll_paper_description_hint).to_string())/>
                                        <Field name="counted_on" kind="date" autocomplete="off" error required=true
                                            label=text(t_string!(i18n, poll_paper_counted_on).to_string())/>
                                        {questions.into_iter().map(|q| view! {
                                            <fieldset class="field field--group">
                                                <legend class="field__label">{q.prompt.clone()}</legend>
                                                {q.options.iter().map(|o| view! {
                                                    <Field name=format!("count[{}]", o.id) kind="number" autocomplete="off" error
                                                        label=text(o.label.clone())/>
                                                }).collect_view()}
                                            </fieldset>
                                        }).collect_view()}
                                        <button class="button" type="submit">{t!(i18n, poll_paper_save)}</button>
                                    </ActionForm>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                    Ok(_) | Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
