//! `/inloggen`: log in with e-mail address and password.

use crate::api::accounts::LogIn;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LogInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<LogIn>::new();
    let error = error_of(action.value());
    let next = move || {
        error.get().and_then(|e| e.typed_value("next")).or_else(|| query.read().get("next")).unwrap_or_default()
    };
    let just_verified = move || query.read().get("bevestigd").is_some();
    let just_reset = move || query.read().get("hersteld").is_some();
    view! {
        <PageTitle text=t_string!(i18n, log_in_title).to_string()/>
        <h1>{t!(i18n, log_in_title)}</h1>
        <Show when=just_verified>
            <p class="notice" role="status">{t!(i18n, verify_ok)}</p>
        </Show>
        <Show when=just_reset>
            <p class="notice" role="status">{t!(i18n, reset_done)}</p>
        </Show>
        <FormAlert error/>
        // Says what the owner can do when guesses (theirs or a stranger's) locked the login.
        {move || match error.get() {
            Some(AppError::RateLimited { retry_after_secs }) => Some(view! {
                <p class="notice" role="status">
                    {t!(i18n, log_in_rate_limited, seconds = move || retry_after_secs)}
                </p>
            }),
            _ => None,
        }}
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="next" value=next/>
            <Field name="email" kind="email" autocomplete="username" required=true error
                when_empty=Signal::derive(move || t_string!(i18n, empty_email).to_string())
                label=Signal::derive(move || t_string!(i18n, field_email).to_string())/>
            <Field name="password" kind="password" autocomplete="current-password" required=true secret=true error
                when_empty=Signal::derive(move || t_string!(i18n, empty_password).to_string())
                label=Signal::derive(move || t_string!(i18n, field_password).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_log_in)}</button>
        </ActionForm>
        <p><a href="/wachtwoord-vergeten">{t!(i18n, forgot_link)}</a></p>
        <p>{t!(i18n, no_account_yet)} " " <a href="/registreren">{t!(i18n, nav_register)}</a></p>
    }
}
