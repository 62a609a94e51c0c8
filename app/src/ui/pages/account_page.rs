//! `/account`: the signed-in person's own page. Sends people who are not signed in to the login
//! page and back here afterwards.

use crate::api::accounts::current_account;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(|| (), |_| current_account());
    view! {
        <Title text=move || t_string!(i18n, account_title).to_string()/>
        <h1>{t!(i18n, account_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || account.get().map(|found| match found {
                Ok(Some(me)) => {
                    let name = me.display_name.clone();
                    view! {
                        <p>{t!(i18n, account_signed_in_as, name = move || name.clone())}</p>
                        <Show when=move || !me.email_verified>
                            <p class="notice">{t!(i18n, account_unverified)}</p>
                        </Show>
                    }.into_any()
                }
                Ok(None) => view! { <Redirect path="/inloggen?next=/account"/> }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
