//! "Previous page · Page 2 of 9 · Next page" under a paged list; shown only when there is more
//! than one page. The pages build the addresses, so every page of a list has its own.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PageLinks(current: u64, pages: u64, prev: Option<String>, next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=move || t_string!(i18n, pagination_label)>
                {prev.map(|href| view! { <a href=href rel="prev">{t!(i18n, pagination_prev)}</a> })}
                <span>{t!(i18n, pagination_page, page = move || current, pages = move || pages)}</span>
                {next.map(|href| view! { <a href=href rel="next">{t!(i18n, pagination_next)}</a> })}
            </nav>
        }
    })
}
