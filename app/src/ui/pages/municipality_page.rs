//! `/{municipality}`: the municipality's participation desk. Later issues fill it with
//! trajectories; for now it shows the municipality in its house style with its areas.

use crate::api::tenancy::get_municipality;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::pages::not_found_page::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MunicipalityPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let municipality = Resource::new(slug, get_municipality);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || municipality.get().map(|found| match found {
                Ok(m) => {
                    let name = m.name.clone();
                    view! {
                        <Title text=m.name.clone()/>
                        <h1>{m.name.clone()}</h1>
                        <p class="lead">{t!(i18n, municipality_intro, name = move || name.clone())}</p>
                        <p>{t!(i18n, trajectories_soon)}</p>
                        <h2>{t!(i18n, areas_title)}</h2>
                        {if m.areas.is_empty() {
                            view! { <p>{t!(i18n, areas_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="tag-list">
                                    {m.areas.into_iter().map(|a| view! { <li class="tag-list__item">{a.name}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any()
                }
                Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
