//! `/wachtwoord-herstellen?token=…`: choose a new password with the link from the mail.

use crate::api::account_settings::ResetPassword;
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<ResetPassword>::new();
    let error = error_of(action.value());
    let token = move || query.read().get("token").unwrap_or_default();
    let link_invalid = move || error.get().is_some_and(|e| e.problem_for("token").is_some());
    view! {
        <PageTitle text=t_string!(i18n, reset_title).to_string()/>
        <h1>{t!(i18n, reset_title)}</h1>
        <Show when=link_invalid>
            <div class="form-alert" role="alert">
                <p>{t!(i18n, link_invalid)} " " <a href="/wachtwoord-vergeten">{t!(i18n, forgot_link)}</a></p>
            </div>
        </Show>
        <FormAlert error=Signal::derive(move || error.get().filter(|e| e.problem_for("token").is_none()))/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="token" value=token/>
            <Field name="password" kind="password" autocomplete="new-password" required=true secret=true error
                label=Signal::derive(move || t_string!(i18n, field_new_password).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_password_hint).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_reset)}</button>
        </ActionForm>
    }
}
