//! `/wachtwoord-vergeten`: ask for a link to choose a new password.

use crate::api::account_settings::RequestPasswordReset;
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = error_of(action.value());
    view! {
        <PageTitle text=t_string!(i18n, forgot_title).to_string()/>
        <h1>{t!(i18n, forgot_title)}</h1>
        <p>{t!(i18n, forgot_intro)}</p>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="email" kind="email" autocomplete="email" required=true error
                label=Signal::derive(move || t_string!(i18n, field_email).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_forgot)}</button>
        </ActionForm>
    }
}

#[component]
pub fn ForgotPasswordSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, forgot_sent_title).to_string()/>
        <h1>{t!(i18n, forgot_sent_title)}</h1>
        <p role="status">{t!(i18n, forgot_sent_body)}</p>
    }
}
