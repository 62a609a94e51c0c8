//! `/e-mail-bevestigen?token=…`: the page the verification link opens. Confirming is a button
//! (a POST), so a mail scanner that opens the link does not use the token up.

use crate::api::accounts::VerifyEmail;
use crate::i18n::*;
use crate::ui::components::form::{error_of, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<VerifyEmail>::new();
    let error = error_of(action.value());
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <PageTitle text=t_string!(i18n, verify_title).to_string()/>
        <h1>{t!(i18n, verify_title)}</h1>
        <Show when=move || error.get().is_some()>
            <p class="form-alert" role="alert">{t!(i18n, verify_failed)}</p>
        </Show>
        <FormAlert error=Signal::derive(move || error.get().filter(|e| e.problem_for("token").is_none()))/>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token/>
            <button class="button" type="submit">{t!(i18n, verify_title)}</button>
        </ActionForm>
    }
}
