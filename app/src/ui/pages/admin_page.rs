//! `/beheer`: the municipalities this person manages; platform administrators add new ones.

use crate::api::accounts::current_account;
use crate::api::admin::{list_managed_municipalities, CreateMunicipality};
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::components::municipality_cards::MunicipalityCards;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let managed = Resource::new(|| (), |_| list_managed_municipalities());
    let me = Resource::new(|| (), |_| current_account());
    view! {
        <PageTitle text=t_string!(i18n, admin_title).to_string()/>
        <h1>{t!(i18n, admin_title)}</h1>
        <p>{t!(i18n, admin_intro)}</p>
        <h2>{t!(i18n, admin_municipalities)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || managed.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p>{t!(i18n, admin_none)}</p> }.into_any(),
                Ok(list) => view! { <MunicipalityCards list prefix="/beheer"/> }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
            })}
            {move || me.get().and_then(Result::ok).flatten().filter(|a| a.platform_admin).map(|_| view! {
                <NewMunicipalityForm/>
                <p><a href="/beheer/outbox">{t!(i18n, admin_outbox_link)}</a></p>
            })}
        </Suspense>
    }
}

#[component]
fn NewMunicipalityForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateMunicipality>::new();
    let error = error_of(action.value());
    view! {
        <h2>{t!(i18n, admin_new_municipality)}</h2>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="name" autocomplete="off" required=true error
                label=Signal::derive(move || t_string!(i18n, field_municipality_name).to_string())/>
            <Field name="slug" autocomplete="off" required=true error
                label=Signal::derive(move || t_string!(i18n, field_slug).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_slug_hint).to_string())/>
            <Field name="primary_colour" autocomplete="off" required=true error initial="#1f4e79"
                label=Signal::derive(move || t_string!(i18n, field_primary_colour).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_colour_hint).to_string())/>
            <Field name="accent_colour" autocomplete="off" required=true error initial="#9b2335"
                label=Signal::derive(move || t_string!(i18n, field_accent_colour).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_colour_hint).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_create_municipality)}</button>
        </ActionForm>
    }
}
