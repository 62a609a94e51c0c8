//! `/{municipality}/raadplegingen/{id}/invoeren`: a desk officer or project lead enters input that
//! came in at the counter, by phone, letter, e-mail or at a meeting. After saving, the form comes
//! back empty (with the same meeting chosen), ready for the next one.

use crate::api::offline_input::{get_offline_entry, EnterOfflineInput};
use crate::domain::consultations::Channel;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::offline_input::OfflineEntry;
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{error_of, Field, FormAlert, Select, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfflineInputPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let enter = ServerAction::<EnterOfflineInput>::new();
    let entry =
        Resource::new(move || (slug(), id(), enter.version().get()), |(slug, id, _)| get_offline_entry(slug, id));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(e) => view! { <EntryForm e enter/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated | AppError::Conflict) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EntryForm(e: OfflineEntry, enter: ServerAction<EnterOfflineInput>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let error = error_of(enter.value());
    let page = format!("/{}/raadplegingen/{}", e.municipality_slug, e.consultation);
    let entered = move || query.read().get("ingevoerd");
    let chosen_meeting = query.read_untracked().get("vergadering").unwrap_or_default();
    let channels: Vec<(String, String)> =
        Channel::OFFLINE.into_iter().map(|c| (c.as_str().to_owned(), channel_label(i18n, c))).collect();
    let mut sections = vec![(String::new(), t_string!(i18n, comment_on_whole_plan).to_string())];
    sections.extend(e.sections.iter().map(|(id, title)| (id.to_string(), title.clone())));
    let mut meetings = vec![(String::new(), t_string!(i18n, offline_meeting_new).to_string())];
    meetings.extend(
        e.meetings
            .iter()
            .map(|m| (m.id.to_string(), format!("{} ({})", m.title, long_date(i18n.get_locale(), m.held_on)))),
    );
    let window =
        format!("{} – {}", long_date(i18n.get_locale(), e.opens_on), long_date(i18n.get_locale(), e.closes_on));
    let entered_href = {
        let page = page.clone();
        move |id: String| format!("{page}#reactie-{id}")
    };
    view! {
        <PageTitle text=format!("{} – {}", t_string!(i18n, offline_title), e.title)/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=page.clone()>{e.title.clone()}</a>
        </nav>
        <h1>{t!(i18n, offline_title)}</h1>
        <p class="lead">{t!(i18n, offline_intro)}</p>
        {move || entered().map(|id| view! {
            <p class="notice" role="status">{t!(i18n, offline_entered)} " " <a href=entered_href(id)>{t!(i18n, offline_entered_view)}</a></p>
        })}
        <FormAlert error/>
        <ActionForm action=enter attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=e.municipality_slug.clone()/>
            <input type="hidden" name="consultation" value=e.consultation/>
            <input type="hidden" name="submission_token" value=e.submission_token.clone()/>
            <Select name="channel" error options=channels initial="phone"
                label=Signal::derive(move || t_string!(i18n, offline_channel).to_string())/>
            <Field name="received_on" kind="date" autocomplete="off" error initial=e.today.to_string()
                label=Signal::derive(move || t_string!(i18n, offline_received_on).to_string())
                hint=Signal::derive(move || format!("{} {window}", t_string!(i18n, offline_received_on_hint)))/>
            <Field name="name" autocomplete="off" error
                label=Signal::derive(move || t_string!(i18n, offline_name).to_string())
                hint=Signal::derive(move || t_string!(i18n, offline_name_hint).to_string())/>
            <p class="checkbox-list__item">
                <input type="checkbox" id="veld-contact_consent" name="contact_consent" value="on"/>
                <label for="veld-contact_consent">{t!(i18n, offline_contact_consent)}</label>
            </p>
            <Field name="contact" autocomplete="off" error
                label=Signal::derive(move || t_string!(i18n, offline_contact).to_string())
                hint=Signal::derive(move || t_string!(i18n, offline_contact_hint).to_string())/>
            {(sections.len() > 1).then(|| view! {
                <Select name="section" error options=sections
                    label=Signal::derive(move || t_string!(i18n, comment_section_label).to_string())/>
            })}
            <TextArea name="body" error rows=6 max_chars=crate::domain::consultations::COMMENT_MAX as u32
                label=Signal::derive(move || t_string!(i18n, offline_body).to_string())
                hint=Signal::derive(move || t_string!(i18n, offline_body_hint).to_string())/>
            <fieldset class="field field--group">
                <legend class="field__label">{t!(i18n, offline_meeting_legend)}</legend>
                <p class="field__hint">{t!(i18n, offline_meeting_hint)}</p>
                <Select name="meeting" error options=meetings initial=chosen_meeting
                    label=Signal::derive(move || t_string!(i18n, offline_meeting).to_string())/>
                <Field name="meeting_title" autocomplete="off" error
                    label=Signal::derive(move || t_string!(i18n, offline_meeting_title).to_string())/>
                <Field name="meeting_held_on" kind="date" autocomplete="off" error
                    label=Signal::derive(move || t_string!(i18n, offline_meeting_held_on).to_string())/>
            </fieldset>
            <button class="button" type="submit">{t!(i18n, offline_save)}</button>
        </ActionForm>
    }
}
