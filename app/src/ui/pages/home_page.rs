//! `/`: the municipalities on this installation.

use crate::api::tenancy::list_municipalities;
use crate::i18n::*;
use crate::ui::components::municipality_cards::MunicipalityCards;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let municipalities = Resource::new(|| (), |_| list_municipalities());
    view! {
        <PageTitle text=t_string!(i18n, home_title).to_string()/>
        <h1>{t!(i18n, home_title)}</h1>
        <p class="lead">{t!(i18n, home_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || municipalities.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p>{t!(i18n, home_empty)}</p> }.into_any(),
                // An installation for one municipality goes straight to it.
                Ok(list) if list.len() == 1 => {
                    let path = format!("/{}", list[0].slug);
                    // On the server a real 302, so it also works without JavaScript.
                    #[cfg(feature = "ssr")]
                    leptos_axum::redirect(&path);
                    view! { <Redirect path/> }.into_any()
                }
                Ok(list) => view! { <MunicipalityCards list prefix=""/> }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
