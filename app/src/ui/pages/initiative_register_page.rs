//! `/{municipality}/initiatieven`: the public register of residents' initiatives (newest or most
//! supported first), the initiatives on the council's list, and the desk's norms with its
//! published figures per quarter. `/{municipality}/initiatieven/{id}`: one initiative, with the
//! button to support it.

use crate::api::initiatives::{get_public_initiative, get_register, SupportInitiative};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::initiatives::{MaySupport, PublicInitiative, RegisterItem, RegisterPage};
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::desk::labels::{kind_label, status_label, support_label};
use crate::ui::components::desk::norm_figures::NormFigures;
use crate::ui::components::pagination::PageLinks;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InitiativeRegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let sort = move || query.read().get("sorteer").unwrap_or_default();
    let page = move || query.read().get("pagina").unwrap_or_default();
    let register = Resource::new(move || (slug(), sort(), page()), |(m, s, p)| get_register(m, s, p));
    view! {
        <PageTitle text=t_string!(i18n, initiatives_register_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match register.await {
                    Ok(page) => view! { <Register page/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ItemCard(item: RegisterItem, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let received = long_date(locale, item.received_on);
    let supports = item.supports;
    view! {
        <li class="activity-card">
            <h3><a href=format!("/{slug}/initiatieven/{}", item.id)>{item.title.clone()}</a></h3>
            <p>
                {kind_label(i18n, &item.kind)} " · "
                {item.area_name.clone().unwrap_or_else(|| t_string!(i18n, initiative_area_whole).to_string())} " · "
                {status_label(i18n, item.status)} " · "
                {t!(i18n, register_supports, count = move || supports)} " · "
                {t!(i18n, register_received, day = move || received.clone())}
            </p>
        </li>
    }
}

#[component]
fn Register(page: RegisterPage) -> impl IntoView {
    let i18n = use_i18n();
    let slug = page.municipality_slug.clone();
    let (ack, answer) = (page.norm.acknowledge_within, page.norm.answer_within);
    let base = format!("/{slug}/initiatieven");
    let sort_query = if page.most_supported { "sorteer=steun&" } else { "" };
    let prev = (page.page > 1).then(|| format!("{base}?{sort_query}pagina={}", page.page - 1));
    let next = (page.page < page.pages).then(|| format!("{base}?{sort_query}pagina={}", page.page + 1));
    let (current, pages, total) = (page.page, page.pages, page.total);
    let threshold = page.support_threshold;
    view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/{slug}")>{page.municipality_name.clone()}</a>
        </nav>
        <h1>{t!(i18n, initiatives_register_title)}</h1>
        <p class="lead">{t!(i18n, register_intro)}</p>
        <p><a class="button" href=format!("/{slug}/initiatief-indienen")>{t!(i18n, initiative_title)}</a></p>
        <section aria-labelledby="normen">
            <h2 id="normen">{t!(i18n, register_norms_title)}</h2>
            <p>{t!(i18n, initiative_norm, acknowledge = move || ack, answer = move || answer)}</p>
            <NormFigures figures=page.figures.clone() acknowledge_within=ack answer_within=answer/>
        </section>
        {threshold.map(|t| view! {
            <section aria-labelledby="raad">
                <h2 id="raad">{t!(i18n, register_council_title)}</h2>
                <p>{t!(i18n, register_council_intro, count = move || t)}</p>
                {if page.council_list.is_empty() {
                    view! { <p>{t!(i18n, register_council_none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="activity-list">
                            {page.council_list.iter().map(|item| view! { <ItemCard item=item.clone() slug=slug.clone()/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="alle">
            <h2 id="alle">{t!(i18n, register_all_title)}</h2>
            <form method="get" action=base.clone() class="filters">
                <label for="sorteer">{t!(i18n, register_sort_label)}</label>
                <select id="sorteer" name="sorteer">
                    <option value="" selected=!page.most_supported>{t!(i18n, register_sort_newest)}</option>
                    <option value="steun" selected=page.most_supported>{t!(i18n, register_sort_supported)}</option>
                </select>
                <button class="button button--secondary" type="submit">{t!(i18n, register_sort_button)}</button>
            </form>
            <p role="status">{t!(i18n, register_count, count = move || total)}</p>
            {if page.items.is_empty() {
                view! { <p>{t!(i18n, register_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="activity-list">
                        {page.items.iter().map(|item| view! { <ItemCard item=item.clone() slug=slug.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <PageLinks current pages prev next/>
        </section>
    }
}

#[component]
pub fn PublicInitiativePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default();
    let support = ServerAction::<SupportInitiative>::new();
    let found =
        Resource::new(move || (slug(), id(), support.version().get()), |(m, id, _)| get_public_initiative(m, id));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(initiative) => view! { <Initiative initiative support/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Initiative(initiative: PublicInitiative, support: ServerAction<SupportInitiative>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let slug = initiative.municipality_slug.clone();
    let item = initiative.item.clone();
    let supports = item.supports;
    let received = long_date(locale, item.received_on);
    let listed = item.council_listed_on.map(|d| long_date(locale, d));
    let support_block = match initiative.may_support {
        MaySupport::SignIn => view! {
            <p><a href=format!("/inloggen?next=/{}/initiatieven/{}", slug.clone(), item.id)>{t!(i18n, initiative_support_sign_in)}</a></p>
        }.into_any(),
        MaySupport::Own => view! { <p>{t!(i18n, initiative_support_own)}</p> }.into_any(),
        MaySupport::ConfirmEmail => view! { <p>{t!(i18n, support_confirm_email)}</p> }.into_any(),
        MaySupport::Yes { supported } => {
            let slug = slug.clone();
            view! {
            <ActionForm action=support attr:class="inline-form">
                <input type="hidden" name="municipality" value=slug/>
                <input type="hidden" name="id" value=item.id/>
                <input type="hidden" name="support" value=if supported { "0" } else { "1" }/>
                <button class="button" class:button--secondary=supported type="submit">
                    {if supported { t!(i18n, initiative_unsupport).into_any() } else { t!(i18n, initiative_support).into_any() }}
                </button>
            </ActionForm>
            }.into_any()
        }
    };
    view! {
        <PageTitle text=item.title.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/{slug}")>{initiative.municipality_name.clone()}</a> " › "
            <a href=format!("/{slug}/initiatieven")>{t!(i18n, initiatives_register_title)}</a>
        </nav>
        <h1 lang=content_lang()>{item.title.clone()}</h1>
        <dl class="case-facts">
            <dt>{t!(i18n, case_kind_label)}</dt><dd>{kind_label(i18n, &item.kind)}</dd>
            <dt>{t!(i18n, case_number_label)}</dt><dd>{item.number.clone()}</dd>
            <dt>{t!(i18n, case_status_label)}</dt><dd>{status_label(i18n, item.status)}</dd>
            <dt>{t!(i18n, case_area_label)}</dt>
            <dd>{item.area_name.clone().unwrap_or_else(|| t_string!(i18n, initiative_area_whole).to_string())}</dd>
            <dt>{t!(i18n, case_received_label)}</dt><dd>{received}</dd>
        </dl>
        <p class="case-description" lang=content_lang()>{initiative.description.clone()}</p>
        {(!initiative.support_asked.is_empty()).then(|| view! {
            <p>{t!(i18n, case_support_asked)} " "
                {initiative.support_asked.iter().map(|k| support_label(i18n, k)).collect::<Vec<_>>().join(", ")}
            </p>
        })}
        <section aria-labelledby="steun-titel" id="steun">
            <h2 id="steun-titel">{t!(i18n, initiative_support_title)}</h2>
            <p role="status">{t!(i18n, register_supports, count = move || supports)}</p>
            {listed.map(|day| view! { <p class="notice">{t!(i18n, initiative_on_council_list, day = move || day.clone())}</p> })}
            {initiative.support_threshold.filter(|_| item.council_listed_on.is_none()).map(|t| view! {
                <p>{t!(i18n, initiative_threshold, count = move || t)}</p>
            })}
            {support_block}
        </section>
    }
}
