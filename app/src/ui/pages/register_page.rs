//! `/registreren`: create an account. Birth date and area are optional and explained: they are
//! only used to check whether someone may take part in, for example, a youth panel.

use crate::api::accounts::Register;
use crate::i18n::*;
use crate::ui::components::area_select::AreaSelect;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let error = error_of(action.value());
    view! {
        <PageTitle text=t_string!(i18n, register_title).to_string()/>
        <h1>{t!(i18n, register_title)}</h1>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="email" kind="email" autocomplete="email" required=true error
                when_empty=Signal::derive(move || t_string!(i18n, empty_email).to_string())
                label=Signal::derive(move || t_string!(i18n, field_email).to_string())/>
            <Field name="display_name" autocomplete="nickname" required=true error
                when_empty=Signal::derive(move || t_string!(i18n, empty_display_name).to_string())
                label=Signal::derive(move || t_string!(i18n, field_display_name).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_display_name_hint).to_string())/>
            <Field name="password" kind="password" autocomplete="new-password" required=true secret=true error
                when_empty=Signal::derive(move || t_string!(i18n, empty_new_password).to_string())
                label=Signal::derive(move || t_string!(i18n, field_new_password).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_password_hint).to_string())/>
            <Field name="birth_date" kind="date" autocomplete="bday" error
                label=Signal::derive(move || t_string!(i18n, field_birth_date).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_birth_date_hint).to_string())/>
            <AreaSelect error/>
            <button class="button" type="submit">{t!(i18n, submit_register)}</button>
        </ActionForm>
        <p>{t!(i18n, have_account)} " " <a href="/inloggen">{t!(i18n, nav_log_in)}</a></p>
    }
}

#[component]
pub fn RegisterDonePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, register_done_title).to_string()/>
        <h1>{t!(i18n, register_done_title)}</h1>
        <p role="status">{t!(i18n, register_done_body)}</p>
    }
}
