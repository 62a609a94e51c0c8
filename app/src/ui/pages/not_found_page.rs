//! The page for an address that does not exist, served with status 404.

use crate::i18n::*;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    // The request's correlation id, worked out on the server and handed to the front end with
    // the page, so the hydrated page shows the same reference.
    let reference = Resource::new(
        || (),
        |_| async {
            #[cfg(feature = "ssr")]
            let id = crate::server::context::correlation_id();
            #[cfg(not(feature = "ssr"))]
            let id = String::new();
            id
        },
    );
    view! {
        <PageTitle text=t_string!(i18n, not_found_title).to_string()/>
        <h1>{t!(i18n, not_found_title)}</h1>
        <p>{t!(i18n, not_found_body)}</p>
        <p><a href="/">{t!(i18n, back_home)}</a></p>
        <Suspense fallback=|| ()>
            {move || reference.get().filter(|id| !id.is_empty()).map(|id| view! {
                <p class="muted">{t!(i18n, reference)} " " <code>{id}</code></p>
            })}
        </Suspense>
    }
}
