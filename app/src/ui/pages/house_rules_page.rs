//! `/{municipality}/huisregels`: the house rules for taking part, linked from every comment form.
//! The municipality's administrator edits them here.

use crate::api::moderation::{get_house_rules, SaveHouseRules};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::form::{error_of, FormAlert, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HouseRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let save = ServerAction::<SaveHouseRules>::new();
    let rules = Resource::new(move || (slug(), save.version().get()), |(slug, _)| get_house_rules(slug));
    let saved = move || query.read().get("opgeslagen").is_some();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match rules.await {
                    Ok(r) => {
                        let error = error_of(save.value());
                        view! {
                            <PageTitle text=format!("{} – {}", t_string!(i18n, house_rules_title), r.municipality_name)/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=format!("/{}", r.municipality_slug)>{r.municipality_name.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, house_rules_title)}</h1>
                            {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, saved_details)}</p> })}
                            <div class="prose" lang=content_lang() inner_html=r.rules_html.clone()></div>
                            {r.markdown.clone().map(|text| view! {
                                <section aria-labelledby="huisregels-bewerken">
                                    <h2 id="huisregels-bewerken">{t!(i18n, house_rules_edit)}</h2>
                                    {(!r.own_text).then(|| view! { <p class="notice" role="note">{t!(i18n, house_rules_default_notice)}</p> })}
                                    <FormAlert error/>
                                    <ActionForm action=save attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="municipality" value=r.municipality_slug.clone()/>
                                        <TextArea name="house_rules" error rows=14 initial=text
                                            label=Signal::derive(move || t_string!(i18n, house_rules_field).to_string())
                                            hint=Signal::derive(move || t_string!(i18n, field_body_hint).to_string())/>
                                        <button class="button" type="submit">{t!(i18n, consultation_save)}</button>
                                    </ActionForm>
                                </section>
                            })}
                        }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
