//! `/beheer/{municipality}/loket/zaken/{id}`: a case at the desk. The record the initiator also
//! sees, how to reach them, the next steps, giving the case to a colleague, a message to the
//! initiator (possibly asking them something, which stops the clock, or giving the answer), and
//! the internal notes, marked as never shown to the initiator.

use crate::api::desk::{get_desk_case, AddDeskNote, AssignDeskCase, MessageInitiator, MoveDeskCase};
use crate::domain::desk::CaseStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::desk::DeskCase;
use crate::ui::components::consultations::labels::moment;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::desk::case_record::CaseRecord;
use crate::ui::components::desk::labels::{channel_label, status_label};
use crate::ui::components::form::{error_of, FormAlert, Select, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[derive(Clone, Copy)]
struct Actions {
    step: ServerAction<MoveDeskCase>,
    assign: ServerAction<AssignDeskCase>,
    message: ServerAction<MessageInitiator>,
    note: ServerAction<AddDeskNote>,
}

impl Actions {
    fn versions(&self) -> usize {
        self.step.version().get()
            + self.assign.version().get()
            + self.message.version().get()
            + self.note.version().get()
    }
}

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

#[component]
pub fn DeskCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default();
    let actions = Actions {
        step: ServerAction::new(),
        assign: ServerAction::new(),
        message: ServerAction::new(),
        note: ServerAction::new(),
    };
    let case = Resource::new(move || (slug(), id(), actions.versions()), |(m, id, _)| get_desk_case(m, id));
    let entered = move || query.read().get("ingevoerd").is_some();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => view! {
                        {entered().then(|| view! {
                            <p class="notice" role="status">{t!(i18n, desk_case_entered)}</p>
                        })}
                        <CaseAtDesk case slug=slug() actions/>
                    }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseAtDesk(case: DeskCase, slug: String, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = case.case.id;
    let title = case.case.title.clone();
    let contact = case.contact.clone();
    let finished = case.case.status.is_finished();
    // The message and the note share the page's token; their submission keys differ by target.
    let token = StoredValue::new(case.case.submission_token.clone().unwrap_or_default());
    let step_error = error_of(actions.step.value());
    let assign_error = error_of(actions.assign.value());
    let message_error = error_of(actions.message.value());
    let note_error = error_of(actions.note.value());
    let simple_steps: Vec<CaseStatus> = case
        .next_steps
        .iter()
        .copied()
        .filter(|s| matches!(s, CaseStatus::Acknowledged | CaseStatus::InProgress | CaseStatus::Closed))
        .collect();
    let may_forward = case.next_steps.contains(&CaseStatus::Forwarded) && !case.trajectories.is_empty();
    // Nothing chosen in advance: the officer picks the trajectory and the person themselves.
    let choose = (String::new(), t_string!(i18n, choose_one).to_string());
    let trajectories: Vec<(String, String)> = std::iter::once(choose.clone())
        .chain(case.trajectories.iter().map(|(id, title)| (id.to_string(), title.clone())))
        .collect();
    let officers: Vec<(String, String)> =
        std::iter::once(choose).chain(case.officers.iter().map(|(id, name)| (id.to_string(), name.clone()))).collect();
    let owner_initial = case.owner.as_ref().map(|(id, _)| id.to_string()).unwrap_or_default();
    let step_label = move |s: CaseStatus| match s {
        CaseStatus::Acknowledged => t_string!(i18n, desk_step_acknowledge).to_string(),
        CaseStatus::InProgress => t_string!(i18n, desk_step_in_progress).to_string(),
        _ => t_string!(i18n, desk_step_close).to_string(),
    };
    // Copy, so every form on the page can carry the same hidden fields.
    let stored_slug = StoredValue::new(slug.clone());
    let hidden = move || {
        view! {
            <input type="hidden" name="municipality" value=stored_slug.get_value()/>
            <input type="hidden" name="id" value=id/>
        }
    };
    view! {
        <PageTitle text=title.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/beheer/{slug}/loket")>{t!(i18n, queue_title)}</a>
        </nav>
        <h1 lang=content_lang()>{title}</h1>
        {move || {
            let q = query.read();
            let step = q.get("stap").and_then(|s| CaseStatus::parse(&s));
            let assigned = q.get("toegewezen").is_some();
            if let Some(s) = step {
                let status = crate::ui::components::desk::labels::status_label(i18n, s);
                Some(view! { <p class="notice" role="status">{t!(i18n, desk_step_done, status = move || status.clone())}</p> }.into_any())
            } else {
                assigned.then(|| view! { <p class="notice" role="status">{t!(i18n, desk_assign_done)}</p> }.into_any())
            }
        }}
        <section aria-labelledby="contact" class="case-contact">
            <h2 id="contact">{t!(i18n, desk_contact_title)}</h2>
            <dl class="case-facts">
                <dt>{t!(i18n, desk_contact_name)}</dt><dd>{contact.name.clone()}</dd>
                <dt>{t!(i18n, desk_contact_email)}</dt><dd>{contact.email.clone().unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{t!(i18n, desk_contact_phone)}</dt><dd>{contact.phone.clone().unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{t!(i18n, desk_contact_channel)}</dt><dd>{channel_label(i18n, &contact.channel)}</dd>
                <dt>{t!(i18n, queue_owner_label)}</dt>
                <dd>{case.owner.clone().map(|(_, n)| n).unwrap_or_else(|| t_string!(i18n, queue_owner_nobody).to_string())}</dd>
            </dl>
            {(!contact.has_account).then(|| view! { <p class="field__hint">{t!(i18n, desk_contact_no_account)}</p> })}
        </section>
        {(!finished).then(|| view! {
            <section aria-labelledby="stappen">
                <h2 id="stappen">{t!(i18n, desk_next_steps)}</h2>
                <FormAlert error=step_error/>
                <div class="button-row">
                    {simple_steps.into_iter().map(|s| view! {
                        <ActionForm action=actions.step attr:class="inline-form">
                            {hidden()}
                            <input type="hidden" name="to" value=s.as_str()/>
                            <button class="button button--secondary" type="submit">{step_label(s)}</button>
                        </ActionForm>
                    }).collect_view()}
                </div>
                {may_forward.then(|| view! {
                    <ActionForm action=actions.step attr:class="form form--compact">
                        {hidden()}
                        <input type="hidden" name="to" value="forwarded"/>
                        <Select name="trajectory" error=step_error options=trajectories.clone()
                            label=text(t_string!(i18n, desk_forward_label).to_string())
                            when_empty=text(t_string!(i18n, empty_forward_trajectory).to_string())/>
                        <button class="button button--secondary" type="submit">{t!(i18n, desk_forward_button)}</button>
                    </ActionForm>
                })}
                <h3>{t!(i18n, desk_assign_title)}</h3>
                <FormAlert error=assign_error/>
                <ActionForm action=actions.assign attr:class="form form--compact">
                    {hidden()}
                    <Select name="owner" error=assign_error options=officers.clone() initial=owner_initial.clone()
                        label=text(t_string!(i18n, queue_owner_label).to_string())
                        when_empty=text(t_string!(i18n, empty_case_owner).to_string())/>
                    <button class="button button--secondary" type="submit">{t!(i18n, desk_assign_button)}</button>
                </ActionForm>
            </section>
        })}
        <CaseRecord case=case.case.clone() for_desk=true/>
        {(!finished).then(|| view! {
            <section aria-labelledby="bericht">
                <h2 id="bericht">{t!(i18n, desk_message_title)}</h2>
                <FormAlert error=message_error/>
                <ActionForm action=actions.message attr:class="form" attr:novalidate=true>
                    {hidden()}
                    <input type="hidden" name="submission_token" value=token.get_value()/>
                    <TextArea name="body" error=message_error required=true rows=5 max_chars=crate::domain::consultations::COMMENT_MAX as u32
                        label=text(t_string!(i18n, desk_message_label).to_string())
                        hint=text(t_string!(i18n, desk_message_hint).to_string())/>
                    <fieldset class="field field--group">
                        <legend class="field__label">{t!(i18n, desk_message_then)}</legend>
                        <ul class="checkbox-list">
                            <li class="checkbox-list__item">
                                <input type="radio" id="then-none" name="then" value="" checked=true/>
                                <label for="then-none">{t!(i18n, desk_message_then_none)}</label>
                            </li>
                            <li class="checkbox-list__item">
                                <input type="radio" id="then-ask" name="then" value="ask"/>
                                <label for="then-ask">{t!(i18n, desk_message_then_ask)}</label>
                            </li>
                            <li class="checkbox-list__item">
                                <input type="radio" id="then-answer" name="then" value="answer"/>
                                <label for="then-answer">{t!(i18n, desk_message_then_answer)}</label>
                            </li>
                        </ul>
                    </fieldset>
                    <button class="button" type="submit">{t!(i18n, desk_message_button)}</button>
                </ActionForm>
            </section>
        })}
        <section aria-labelledby="notities-titel" id="notities" class="case-notes">
            <h2 id="notities-titel">{t!(i18n, desk_notes_title)}</h2>
            <p class="field__hint">{t!(i18n, desk_notes_hint)}</p>
            {if case.notes.is_empty() {
                view! { <p>{t!(i18n, desk_notes_none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="case-messages">
                        {case.notes.iter().map(|n| view! {
                            <li class="case-message case-message--note">
                                <p class="case-message__meta"><strong>{n.author.clone()}</strong> " · "
                                    <time datetime=n.at.to_rfc3339()>{moment(i18n, n.at_local)}</time></p>
                                <p class="case-message__body" lang=content_lang()>{n.body.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <FormAlert error=note_error/>
            <ActionForm action=actions.note attr:class="form" attr:novalidate=true>
                {hidden()}
                <input type="hidden" name="submission_token" value=token.get_value()/>
                <TextArea name="note" error=note_error required=true rows=3
                    label=text(t_string!(i18n, desk_note_label).to_string())/>
                <button class="button button--secondary" type="submit">{t!(i18n, desk_note_button)}</button>
            </ActionForm>
        </section>
        <p class="field__hint">{t!(i18n, desk_case_status_now)} " " {status_label(i18n, case.case.status)}</p>
    }
}
