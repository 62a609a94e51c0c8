//! `/registreren`: create an account. Birth date and area are optional and explained: they are
//! only used to check whether someone may take part in, for example, a youth panel.

use crate::api::accounts::{pending_registration, Register, ResendConfirmation};
use crate::i18n::*;
use crate::ui::components::area_select::AreaSelect;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let error = error_of(action.value());
    let query = use_query_map();
    // Where the person came from (a consultation, a poll), to lead them back once they are in.
    let next = move || {
        error.get().and_then(|e| e.typed_value("next")).or_else(|| query.read().get("next")).unwrap_or_default()
    };
    view! {
        <PageTitle text=t_string!(i18n, register_title).to_string()/>
        <h1>{t!(i18n, register_title)}</h1>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="next" value=next/>
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
    let query = use_query_map();
    let resend = ServerAction::<ResendConfirmation>::new();
    let error = error_of(resend.value());
    let pending = Resource::new(|| (), |_| pending_registration());
    let sent_again = move || query.read().get("opnieuw").is_some();
    view! {
        <PageTitle text=t_string!(i18n, register_done_title).to_string()/>
        <h1>{t!(i18n, register_done_title)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match pending.await.ok().flatten() {
                    Some(p) => {
                        let email = p.email.clone();
                        view! {
                            <p role="status">
                                {move || if sent_again() {
                                    t!(i18n, register_done_sent_again, email = { let email = email.clone(); move || email.clone() }).into_any()
                                } else {
                                    t!(i18n, register_done_sent_to, email = { let email = email.clone(); move || email.clone() }).into_any()
                                }}
                            </p>
                            <p>{t!(i18n, register_done_next_step)}</p>
                            <h2>{t!(i18n, register_done_no_mail_title)}</h2>
                            <ul>
                                <li>{t!(i18n, register_done_check_spam)}</li>
                                <li>{t!(i18n, register_done_wrong_address)} " " <a href="/registreren">{t!(i18n, register_done_register_again)}</a></li>
                            </ul>
                            <FormAlert error/>
                            <ActionForm action=resend attr:class="form form--compact">
                                <button class="button button--secondary" type="submit">{t!(i18n, register_done_resend)}</button>
                            </ActionForm>
                            {p.next.clone().map(|next| view! {
                                <p><a href=next>{t!(i18n, register_done_back)}</a></p>
                            })}
                        }.into_any()
                    }
                    None => view! { <p role="status">{t!(i18n, register_done_body)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
