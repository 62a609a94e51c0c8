//! `/afmelden/{key}`: the page the unsubscribe link in a mail opens. The link itself changes
//! nothing (mail scanners open links); the button on this page does, without logging in.

use crate::api::follows::Unsubscribe;
use crate::i18n::*;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let action = ServerAction::<Unsubscribe>::new();
    let outcome = move || {
        action.value().get().and_then(|r| r.ok()).or_else(|| query.read().get("klaar").map(|done| done == "ja"))
    };
    view! {
        <PageTitle text=t_string!(i18n, unsubscribe_title).to_string()/>
        <h1>{t!(i18n, unsubscribe_title)}</h1>
        {move || match outcome() {
            Some(true) => view! { <p role="status" class="notice">{t!(i18n, unsubscribe_done)}</p> }.into_any(),
            Some(false) => view! { <p role="status" class="notice">{t!(i18n, unsubscribe_nothing)}</p> }.into_any(),
            None => view! {
                <p>{t!(i18n, unsubscribe_intro)}</p>
                <ActionForm action attr:class="form">
                    <input type="hidden" name="key" value=key()/>
                    <button class="button" type="submit">{t!(i18n, unsubscribe_submit)}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
