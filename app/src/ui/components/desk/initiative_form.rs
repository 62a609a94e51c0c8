//! The fields of an initiative, idea or question: the same for a resident and for a desk officer
//! entering one for someone at the counter (who also notes how it came in and how to answer).

use crate::domain::initiatives::{CaseKind, SupportKind};
use crate::i18n::*;
use crate::model::initiatives::InitiativeFormPage;
use crate::ui::components::desk::labels::{channel_label, kind_label, support_label};
use crate::ui::components::form::{CheckboxGroup, Field, FormError, RadioGroup, Select, TextArea};
use leptos::prelude::*;

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

/// The fields; inside an ideas activity (`activity`) the kind is an idea and not asked.
#[component]
pub fn InitiativeFields(
    page: InitiativeFormPage,
    error: FormError,
    for_someone_else: bool,
    #[prop(optional)] activity: Option<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kinds: Vec<(String, String)> =
        CaseKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_label(i18n, k.as_str()))).collect();
    let supports: Vec<(String, String)> =
        SupportKind::ALL.iter().map(|k| (k.as_str().to_owned(), support_label(i18n, k.as_str()))).collect();
    let mut areas = vec![(String::new(), t_string!(i18n, initiative_area_whole).to_string())];
    areas.extend(page.areas.iter().map(|a| (a.id.to_string(), a.name.clone())));
    let reader_area = if for_someone_else { None } else { page.reader_area.map(|a| a.to_string()) };
    let public_choices = vec![
        ("ja".to_owned(), t_string!(i18n, initiative_public_yes).to_string()),
        ("nee".to_owned(), t_string!(i18n, initiative_public_no).to_string()),
    ];
    let behalf = for_someone_else.then(|| {
        let channels: Vec<(String, String)> =
            ["counter", "phone", "letter", "email"].iter().map(|c| (c.to_string(), channel_label(i18n, c))).collect();
        view! {
            <fieldset class="field field--group">
                <legend class="field__label">{t!(i18n, initiative_behalf_legend)}</legend>
                <input type="hidden" name="on_behalf" value="1"/>
                <Select name="channel" error options=channels initial="counter".to_owned()
                    label=text(t_string!(i18n, initiative_behalf_channel).to_string())/>
                <Field name="contact_name" autocomplete="off" error required=true
                    label=text(t_string!(i18n, initiative_behalf_name).to_string())/>
                <div class="field-pair">
                    <Field name="contact_email" kind="email" autocomplete="off" error
                        label=text(t_string!(i18n, initiative_behalf_email).to_string())/>
                    <Field name="contact_phone" kind="tel" autocomplete="off" error
                        label=text(t_string!(i18n, initiative_behalf_phone).to_string())/>
                </div>
                <p class="field__hint">{t!(i18n, initiative_behalf_hint)}</p>
            </fieldset>
        }
    });
    view! {
        <input type="hidden" name="municipality" value=page.municipality_slug.clone()/>
        <input type="hidden" name="submission_token" value=page.submission_token.clone().unwrap_or_default()/>
        {behalf}
        {match activity {
            Some(id) => view! {
                <input type="hidden" name="activity" value=id/>
                <input type="hidden" name="kind" value="idea"/>
            }.into_any(),
            None => view! {
                <Select name="kind" error options=kinds initial="initiative".to_owned()
                    label=text(t_string!(i18n, initiative_field_kind).to_string())
                    hint=text(t_string!(i18n, initiative_field_kind_hint).to_string())/>
            }.into_any(),
        }}
        <Field name="title" autocomplete="off" error required=true
            when_empty=text(t_string!(i18n, empty_initiative_title).to_string())
            label=text(t_string!(i18n, initiative_field_title).to_string())
            hint=text(t_string!(i18n, initiative_field_title_hint).to_string())/>
        <TextArea name="description" error required=true rows=8
            max_chars=crate::domain::initiatives::DESCRIPTION_MAX as u32
            when_empty=text(t_string!(i18n, empty_initiative_description).to_string())
            label=text(t_string!(i18n, initiative_field_description).to_string())
            hint=text(t_string!(i18n, initiative_field_description_hint).to_string())/>
        <Select name="area" error options=areas initial=reader_area.unwrap_or_default()
            label=text(t_string!(i18n, initiative_field_area).to_string())/>
        <CheckboxGroup name="support" error options=supports
            legend=text(t_string!(i18n, initiative_field_support).to_string())
            hint=text(t_string!(i18n, initiative_field_support_hint).to_string())/>
        <RadioGroup name="public" error options=public_choices
            legend=text(t_string!(i18n, initiative_field_public).to_string())
            hint=text(t_string!(i18n, initiative_field_public_hint).to_string())
            when_empty=text(t_string!(i18n, empty_initiative_public).to_string())/>
    }
}
