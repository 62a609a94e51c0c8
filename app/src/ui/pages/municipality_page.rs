//! `/{municipality}`: the participation desk. Open, upcoming and recently reported trajectories
//! first, then the full list with filters. The filters are a plain GET form, so the list works
//! without JavaScript and every filtered view has its own address to share or bookmark.

use crate::api::follows::{list_follows, SetFollow};
use crate::api::tenancy::get_municipality;
use crate::api::trajectories::list_trajectories;
use crate::domain::follows::FollowTarget;
use crate::domain::rules_of_play::ParticipationLevel;
use crate::domain::tenancy::AreaId;
use crate::domain::trajectories::{Stage, Theme};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::tenancy::MunicipalityDetail;
use crate::model::trajectories::DeskPage;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::pagination::PageLinks;
use crate::ui::components::trajectories::card::TrajectoryCard;
use crate::ui::components::trajectories::follow_button::FollowButton;
use crate::ui::components::trajectories::labels::{level_label, stage_label, theme_label};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The filters as they appear in the address.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    q: String,
    area: String,
    theme: String,
    level: String,
    stage: String,
    page: String,
}

impl Filters {
    fn is_filtered(&self) -> bool {
        !(self.q.is_empty()
            && self.area.is_empty()
            && self.theme.is_empty()
            && self.level.is_empty()
            && self.stage.is_empty())
    }

    /// The address of another page of the same list.
    fn href(&self, slug: &str, page: u64) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("q", &self.q),
            ("gebied", &self.area),
            ("thema", &self.theme),
            ("niveau", &self.level),
            ("stand", &self.stage),
        ] {
            if !value.is_empty() {
                parts.push(format!("{name}={}", encode(value)));
            }
        }
        parts.push(format!("pagina={page}"));
        format!("/{slug}?{}#trajecten", parts.join("&"))
    }
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn MunicipalityPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let filters = move || {
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        Filters {
            q: get("q"),
            area: get("gebied"),
            theme: get("thema"),
            level: get("niveau"),
            stage: get("stand"),
            page: get("pagina"),
        }
    };
    let follow = ServerAction::<SetFollow>::new();
    let municipality = Resource::new(slug, get_municipality);
    let desk = Resource::new(
        move || (slug(), filters()),
        |(slug, f)| list_trajectories(slug, f.q, f.area, f.theme, f.level, f.stage, f.page),
    );
    let follows = Resource::new(move || (slug(), follow.version().get()), |(slug, _)| list_follows(slug));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match (municipality.await, desk.await) {
                    (Ok(m), Ok(page)) => {
                        let following = follows.await.ok().flatten();
                        let join_href = format!("/{}/panel-aanmelden", m.slug);
                        let initiatives_href = format!("/{}/initiatieven", m.slug);
                        let submit_href = format!("/{}/initiatief-indienen", m.slug);
                        let council_href = format!("/{}/raad", m.slug);
                        // Feed readers find the trajectories' Atom feed from this page.
                        let feed_href = format!("/api/v1/{}/trajectories.atom", m.slug);
                        let feed_title = format!("{}: {}", m.name, t_string!(i18n, desk_feed_title));
                        view! {
                            <leptos_meta::Link rel="alternate" type_="application/atom+xml" href=feed_href.clone() title=feed_title/>
                            <Desk m page filters=filters() following follow/>
                            <section aria-labelledby="eigen-initiatief" class="desk-initiatives">
                                <h2 id="eigen-initiatief">{t!(i18n, desk_initiatives_title)}</h2>
                                <p>{t!(i18n, desk_initiatives_intro)}</p>
                                <p>
                                    <a class="button" href=submit_href>{t!(i18n, initiative_title)}</a>
                                    " "
                                    <a class="button button--secondary" href=initiatives_href>{t!(i18n, initiatives_register_title)}</a>
                                </p>
                            </section>
                            <p class="desk-footnote">
                                {t!(i18n, desk_panel_code)} " " <a href=join_href>{t!(i18n, join_panel_title)}</a>
                            </p>
                            <p class="desk-footnote">
                                {t!(i18n, desk_council_link_intro)} " " <a href=council_href>{t!(i18n, council_title)}</a>
                            </p>
                            <p class="desk-footnote">
                                {t!(i18n, desk_feed_intro)} " " <a href=feed_href type="application/atom+xml">{t!(i18n, desk_feed_title)}</a>
                            </p>
                        }.into_any()
                    }
                    (Err(AppError::NotFound), _) => view! { <NotFoundPage/> }.into_any(),
                    _ => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Desk(
    m: MunicipalityDetail,
    page: DeskPage,
    filters: Filters,
    following: Option<Vec<FollowTarget>>,
    follow: ServerAction<SetFollow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = m.name.clone();
    let slug = m.slug.clone();
    let DeskPage { highlights, results, total, page: current, pages } = page;
    // Following an area or a theme is offered once someone filters on it.
    let chosen_area =
        m.areas.iter().find(|a| a.slug == filters.area).map(|a| (FollowTarget::Area(AreaId(a.id)), a.name.clone()));
    let chosen_theme = Theme::parse(&filters.theme).map(|t| (FollowTarget::Theme(t), t));
    let back_to = filters.href(&slug, 1);
    let follow_offers = {
        let (slug, following) = (slug.clone(), following.clone());
        let follows = move |target: FollowTarget| following.as_ref().map(|list| list.contains(&target));
        let area = chosen_area.map(|(target, area_name)| {
            view! {
                <div class="follow-offer">
                    <h3>{t!(i18n, follow_area_title, area = move || area_name.clone())}</h3>
                    <FollowButton slug=slug.clone() target back_to=back_to.clone() following=follows(target) action=follow/>
                </div>
            }
        });
        let theme = chosen_theme.map(|(target, theme)| {
            view! {
                <div class="follow-offer">
                    <h3>{t!(i18n, follow_theme_title, theme = move || theme_label(i18n, theme))}</h3>
                    <FollowButton slug=slug.clone() target back_to=back_to.clone() following=follows(target) action=follow/>
                </div>
            }
        });
        view! { {area} {theme} }
    };
    let prev = (current > 1).then(|| filters.href(&slug, current - 1));
    let next = (current < pages).then(|| filters.href(&slug, current + 1));
    view! {
        <PageTitle text=m.name.clone()/>
        <h1 lang=content_lang()>{m.name.clone()}</h1>
        <p class="lead">{t!(i18n, municipality_intro, name = move || name.clone())}</p>
        {(!highlights.is_empty() && !filters.is_filtered()).then(|| view! {
            <section aria-labelledby="nu-en-binnenkort">
                <h2 id="nu-en-binnenkort">{t!(i18n, desk_highlights)}</h2>
                <ul class="trajectory-list">
                    {highlights.into_iter().map(|t| view! { <TrajectoryCard trajectory=t municipality=slug.clone()/> }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="trajecten">
            <h2 id="trajecten">{t!(i18n, desk_all)}</h2>
            <FilterForm m=m.clone() filters=filters.clone()/>
            {follow_offers}
            <p role="status" class="desk__count">{t!(i18n, desk_count, count = move || total)}</p>
            {if results.is_empty() {
                view! { <p>{t!(i18n, desk_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="trajectory-list">
                        {results.into_iter().map(|t| view! { <TrajectoryCard trajectory=t municipality=slug.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <PageLinks current pages prev next/>
        </section>
    }
}

#[component]
fn FilterForm(m: MunicipalityDetail, filters: Filters) -> impl IntoView {
    let i18n = use_i18n();
    let action = format!("/{}#trajecten", m.slug);
    let select = move |name: &'static str, label: String, chosen: String, options: Vec<(String, String)>| {
        let id = format!("filter-{name}");
        view! {
            <div class="field">
                <label class="field__label" for=id.clone()>{label}</label>
                <select class="field__input" id=id name=name>
                    <option value="">{t!(i18n, filter_all)}</option>
                    {options.into_iter().map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let areas: Vec<(String, String)> = m.areas.iter().map(|a| (a.slug.clone(), a.name.clone())).collect();
    let themes: Vec<(String, String)> =
        Theme::ALL.iter().map(|&t| (t.as_str().to_owned(), theme_label(i18n, t))).collect();
    let levels: Vec<(String, String)> =
        ParticipationLevel::ALL.iter().map(|&l| (l.as_str().to_owned(), level_label(i18n, l))).collect();
    let stages: Vec<(String, String)> =
        Stage::PUBLIC.iter().map(|&s| (s.as_str().to_owned(), stage_label(i18n, s))).collect();
    view! {
        <form class="filters" method="get" action=action role="search" aria-label=move || t_string!(i18n, filter_label)>
            <div class="field">
                <label class="field__label" for="filter-q">{t!(i18n, filter_search)}</label>
                <input class="field__input" id="filter-q" type="search" name="q" value=filters.q.clone()/>
            </div>
            {select("gebied", t_string!(i18n, filter_area).to_string(), filters.area.clone(), areas)}
            {select("thema", t_string!(i18n, filter_theme).to_string(), filters.theme.clone(), themes)}
            {select("niveau", t_string!(i18n, filter_level).to_string(), filters.level.clone(), levels)}
            {select("stand", t_string!(i18n, filter_stage).to_string(), filters.stage.clone(), stages)}
            <div class="filters__actions">
                <button class="button" type="submit">{t!(i18n, filter_submit)}</button>
                {filters.is_filtered().then(|| view! { <a href=format!("/{}#trajecten", m.slug)>{t!(i18n, filter_clear)}</a> })}
            </div>
        </form>
    }
}
