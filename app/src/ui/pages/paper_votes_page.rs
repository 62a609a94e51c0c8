//! `/{municipality}/peilingen/{id}/papieren-stemmen`: staff enter votes cast on paper or at a
//! meeting, as counted totals per option of the poll's one-choice questions. They are shown
//! apart from the online votes in the results, with the channel and the day they were counted.
//! Below the form, the batches entered so far; a wrong one is withdrawn with a reason.

use crate::api::paper_votes::{list_paper_votes, EnterPaperVotes, WithdrawPaperVotes};
use crate::api::polls::get_poll;
use crate::domain::consultations::Channel;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::polls::PaperBatchView;
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::form::{error_of, Field, FormAlert, FormError, Select, SubmissionToken};
use crate::ui::components::polls::results::PaperBatch;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let withdraw = ServerAction::<WithdrawPaperVotes>::new();
    let batches =
        Resource::new(move || (slug(), id(), withdraw.version().get()), |(slug, id, _)| list_paper_votes(slug, id));
    let query = use_query_map();
    let withdrawn = move || query.read().get("ingetrokken").is_some();
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
                        let slug_for_list = p.municipality_slug.clone();
                        view! {
                            <PageTitle text=t_string!(i18n, poll_paper_enter).to_string()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=back>{p.title.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, poll_paper_enter)}</h1>
                            {move || withdrawn().then(|| view! { <p class="notice" role="status">{t!(i18n, poll_paper_withdrawn_notice)}</p> })}
                            <p class="lead">{t!(i18n, poll_paper_intro)}</p>
                            <FormAlert error/>
                            {if questions.is_empty() {
                                view! { <p class="notice" role="note">{t!(i18n, poll_paper_no_questions)}</p> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=enter attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="municipality" value=p.municipality_slug.clone()/>
                                        <input type="hidden" name="poll" value=p.id/>
                                        <SubmissionToken/>
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
                            <EnteredBatches batches withdraw slug=slug_for_list poll=p.id/>
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

/// The batches entered so far, each with a form to withdraw it while it still counts.
#[component]
fn EnteredBatches(
    batches: Resource<Result<Vec<PaperBatchView>, AppError>>,
    withdraw: ServerAction<WithdrawPaperVotes>,
    slug: String,
    poll: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: FormError = error_of(withdraw.value());
    let slug = StoredValue::new(slug);
    view! {
        <section aria-labelledby="ingevoerd">
            <h2 id="ingevoerd">{t!(i18n, poll_paper_entered_title)}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = batches.await.unwrap_or_default();
                    if list.is_empty() {
                        return view! { <p>{t!(i18n, poll_paper_entered_none)}</p> }.into_any();
                    }
                    view! {
                        <ul class="paper-batches">
                            {list.into_iter().map(|b| {
                                let id = b.id;
                                let still_counts = b.withdrawn.is_none();
                                view! {
                                    <li class="paper-batches__item">
                                        <p id=format!("partij-{id}")><PaperBatch batch=b/></p>
                                        {still_counts.then(|| view! {
                                            <ActionForm action=withdraw attr:class="form form--compact" attr:novalidate=true>
                                                <fieldset class="field field--group">
                                                    <legend class="field__label">{t!(i18n, poll_paper_withdraw_legend)}</legend>
                                                    <input type="hidden" name="municipality" value=slug.get_value()/>
                                                    <input type="hidden" name="poll" value=poll/>
                                                    <input type="hidden" name="batch" value=id/>
                                                    <Field name=format!("reason[{id}]") autocomplete="off" error required=true
                                                        label=text(t_string!(i18n, poll_paper_withdraw_reason).to_string())
                                                        hint=text(t_string!(i18n, poll_paper_withdraw_reason_hint).to_string())/>
                                                    // Every batch has this button: the batch it is for is its description.
                                                    <button class="button button--secondary" type="submit" aria-describedby=format!("partij-{id}")>
                                                        {t!(i18n, poll_paper_withdraw_button)}
                                                    </button>
                                                </fieldset>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
