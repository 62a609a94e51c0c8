//! A list of municipalities as large links, on the home page and in administration.

use crate::model::tenancy::MunicipalitySummary;
use leptos::prelude::*;

/// Each municipality links to `{prefix}/{slug}`: "" for its desk, "/beheer" for its management.
#[component]
pub fn MunicipalityCards(list: Vec<MunicipalitySummary>, prefix: &'static str) -> impl IntoView {
    view! {
        <ul class="card-list">
            {list.into_iter().map(|m| view! {
                <li class="card-list__item">
                    <a class="card-list__link" href=format!("{prefix}/{}", m.slug)>{m.name}</a>
                </li>
            }).collect_view()}
        </ul>
    }
}
