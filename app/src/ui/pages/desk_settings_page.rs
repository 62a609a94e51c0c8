//! `/beheer/{municipality}/loket/instellingen`: the municipality's administrators set the desk's
//! service norms (for cases that come in from then on), the support threshold for the council's
//! list, and the coordinator who hears about deadlines.

use crate::api::desk::{get_desk_settings, SaveDeskSettings};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert, Select};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

#[component]
pub fn DeskSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let save = ServerAction::<SaveDeskSettings>::new();
    let settings = Resource::new(move || (slug(), save.version().get()), |(m, _)| get_desk_settings(m));
    let saved = move || query.read().get("opgeslagen").is_some() || matches!(save.value().get(), Some(Ok(())));
    view! {
        <PageTitle text=t_string!(i18n, desk_settings_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(page) => {
                        let error = error_of(save.value());
                        let mut coordinators = vec![(String::new(), t_string!(i18n, desk_settings_no_coordinator).to_string())];
                        coordinators.extend(page.officers.iter().map(|(id, name)| (id.to_string(), name.clone())));
                        view! {
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=format!("/beheer/{}/loket", page.municipality_slug)>{t!(i18n, queue_title)}</a>
                            </nav>
                            <h1>{t!(i18n, desk_settings_title)}</h1>
                            {saved().then(|| view! { <p class="notice" role="status">{t!(i18n, desk_settings_saved)}</p> })}
                            <p class="lead">{t!(i18n, desk_settings_intro)}</p>
                            <FormAlert error/>
                            <ActionForm action=save attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="municipality" value=page.municipality_slug.clone()/>
                                <div class="field-pair">
                                    <Field name="acknowledge_within" kind="number" autocomplete="off" error required=true
                                        initial=page.acknowledge_within.to_string()
                                        label=text(t_string!(i18n, desk_settings_acknowledge).to_string())/>
                                    <Field name="answer_within" kind="number" autocomplete="off" error required=true
                                        initial=page.answer_within.to_string()
                                        label=text(t_string!(i18n, desk_settings_answer).to_string())/>
                                </div>
                                <Field name="support_threshold" kind="number" autocomplete="off" error
                                    initial=page.support_threshold.map(|t| t.to_string()).unwrap_or_default()
                                    label=text(t_string!(i18n, desk_settings_threshold).to_string())
                                    hint=text(t_string!(i18n, desk_settings_threshold_hint).to_string())/>
                                <Select name="coordinator" error options=coordinators
                                    initial=page.coordinator_id.map(|c| c.to_string()).unwrap_or_default()
                                    label=text(t_string!(i18n, desk_settings_coordinator).to_string())
                                    hint=text(t_string!(i18n, desk_settings_coordinator_hint).to_string())/>
                                <button class="button" type="submit">{t!(i18n, save)}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
