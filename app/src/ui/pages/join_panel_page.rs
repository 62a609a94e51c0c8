//! `/{municipality}/panel-aanmelden`: joining a panel with a personal code, from an invitation
//! e-mail (`?code=` fills it in) or typed from paper.

use crate::api::accounts::current_account;
use crate::api::panels::JoinPanel;
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn JoinPanelPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let join = ServerAction::<JoinPanel>::new();
    let error = error_of(join.value());
    let account = Resource::new(|| (), |_| current_account());
    let code = move || query.read().get("code").unwrap_or_default();
    let joined = move || query.read().get("lid").is_some() || matches!(join.value().get(), Some(Ok(_)));
    view! {
        <PageTitle text=t_string!(i18n, join_panel_title).to_string()/>
        <h1>{t!(i18n, join_panel_title)}</h1>
        {move || joined().then(|| view! { <p class="notice" role="status">{t!(i18n, join_panel_done)}</p> })}
        <p class="lead">{t!(i18n, join_panel_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let signed_in = matches!(account.await, Ok(Some(_)));
                if signed_in {
                    view! {
                        <FormAlert error/>
                        <ActionForm action=join attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="municipality" value=slug()/>
                            <Field name="code" autocomplete="off" error required=true initial=code()
                                label=Signal::derive(move || t_string!(i18n, join_panel_code).to_string())
                                hint=Signal::derive(move || t_string!(i18n, join_panel_code_hint).to_string())/>
                            <button class="button" type="submit">{t!(i18n, join_panel_button)}</button>
                        </ActionForm>
                        <p>{t!(i18n, join_panel_leave_note)}</p>
                    }.into_any()
                } else {
                    let next = format!("/{}/panel-aanmelden?code={}", slug(), code());
                    view! {
                        <p class="notice" role="note">{t!(i18n, join_panel_sign_in)}</p>
                        <p>
                            <a class="button" href=format!("/inloggen?next={}", urlencoding(&next))>{t!(i18n, nav_log_in)}</a>
                            " "
                            <a class="button button--secondary" href="/registreren">{t!(i18n, nav_register)}</a>
                        </p>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// Just enough escaping for a path with a query inside a `next` parameter.
fn urlencoding(s: &str) -> String {
    s.replace('%', "%25").replace('?', "%3F").replace('=', "%3D").replace('&', "%26")
}
