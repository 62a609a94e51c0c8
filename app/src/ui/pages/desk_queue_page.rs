//! `/beheer/{municipality}/loket`: the desk's queue. Open cases, the oldest first, with their
//! next deadline; filters (status, area, owner, due soon, overdue) in a plain GET form, so every
//! view has its own address and works without JavaScript.

use crate::api::desk::list_desk_queue;
use crate::domain::desk::CaseStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::desk::{QueueItem, QueuePage};
use crate::ui::components::dates::long_date;
use crate::ui::components::desk::labels::{kind_label, status_label};
use crate::ui::components::pagination::PageLinks;
use crate::ui::components::table_scroll::TableScroll;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn DeskQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let filters = move || {
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        (get("status"), get("gebied"), get("behandelaar"), get("termijn"), get("pagina"))
    };
    let queue = Resource::new(
        move || (slug(), filters()),
        |(slug, (status, area, owner, due, page))| list_desk_queue(slug, status, area, owner, due, page),
    );
    view! {
        <PageTitle text=t_string!(i18n, queue_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(page) => view! { <Queue page/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn select(id: &'static str, label: String, chosen: &str, options: Vec<(String, String)>) -> impl IntoView {
    let chosen = chosen.to_owned();
    view! {
        <div class="filters__field">
            <label for=id>{label}</label>
            <select id=id name=id>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Queue(page: QueuePage) -> impl IntoView {
    let i18n = use_i18n();
    let slug = page.municipality_slug.clone();
    let base = format!("/beheer/{slug}/loket");
    let f = page.filters.clone();
    let mut statuses = vec![
        (String::new(), t_string!(i18n, queue_status_open).to_string()),
        ("alle".to_owned(), t_string!(i18n, queue_status_all).to_string()),
    ];
    statuses.extend(CaseStatus::ALL.iter().map(|s| (s.as_str().to_owned(), status_label(i18n, *s))));
    let mut areas = vec![(String::new(), t_string!(i18n, queue_any).to_string())];
    areas.extend(page.areas.iter().map(|a| (a.slug.clone(), a.name.clone())));
    let mut owners = vec![
        (String::new(), t_string!(i18n, queue_any).to_string()),
        ("ik".to_owned(), t_string!(i18n, queue_owner_me).to_string()),
        ("niemand".to_owned(), t_string!(i18n, queue_owner_nobody).to_string()),
    ];
    owners.extend(page.officers.iter().map(|(id, name)| (id.to_string(), name.clone())));
    let dues = vec![
        (String::new(), t_string!(i18n, queue_any).to_string()),
        ("binnenkort".to_owned(), t_string!(i18n, queue_due_soon).to_string()),
        ("te-laat".to_owned(), t_string!(i18n, queue_overdue).to_string()),
    ];
    let (total, overdue, current, pages) = (page.total, page.overdue_total, page.page, page.pages);
    let query = format!("status={}&gebied={}&behandelaar={}&termijn={}", f.status, f.area, f.owner, f.due);
    let prev = (current > 1).then(|| format!("{base}?{query}&pagina={}", current - 1));
    let next = (current < pages).then(|| format!("{base}?{query}&pagina={}", current + 1));
    view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/beheer/{slug}")>{page.municipality_name.clone()}</a>
        </nav>
        <h1>{t!(i18n, queue_title)}</h1>
        <p class="lead">{t!(i18n, queue_intro)}</p>
        <p>
            <a class="button" href=format!("/beheer/{slug}/loket/invoeren")>{t!(i18n, initiative_enter_title)}</a>
            " "
            <a class="button button--secondary" href=format!("/{slug}/initiatieven")>{t!(i18n, initiatives_register_title)}</a>
            {page.may_set_norms.then(|| view! {
                " " <a class="button button--secondary" href=format!("/beheer/{slug}/loket/instellingen")>{t!(i18n, desk_settings_title)}</a>
            })}
        </p>
        {(overdue > 0).then(|| view! {
            <p class="notice notice--warning" role="status">
                <a href=format!("{base}?termijn=te-laat")>{t!(i18n, queue_overdue_count, count = move || overdue)}</a>
            </p>
        })}
        <form method="get" action=base.clone() class="filters" aria-label=move || t_string!(i18n, queue_filters_label)>
            {select("status", t_string!(i18n, case_status_label).to_string(), &f.status, statuses)}
            {select("gebied", t_string!(i18n, case_area_label).to_string(), &f.area, areas)}
            {select("behandelaar", t_string!(i18n, queue_owner_label).to_string(), &f.owner, owners)}
            {select("termijn", t_string!(i18n, queue_due_label).to_string(), &f.due, dues)}
            <button class="button button--secondary" type="submit">{t!(i18n, queue_filter_button)}</button>
        </form>
        <p role="status">{t!(i18n, queue_count, count = move || total)}</p>
        {if page.items.is_empty() {
            view! { <p>{t!(i18n, queue_none)}</p> }.into_any()
        } else {
            view! {
                <TableScroll label=move || t_string!(i18n, queue_title).to_string()>
                <table class="table queue">
                    <caption class="visually-hidden">{t!(i18n, queue_title)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, case_number_label)}</th>
                        <th scope="col">{t!(i18n, queue_what)}</th>
                        <th scope="col">{t!(i18n, case_status_label)}</th>
                        <th scope="col">{t!(i18n, queue_owner_label)}</th>
                        <th scope="col">{t!(i18n, case_received_label)}</th>
                        <th scope="col">{t!(i18n, queue_next_deadline)}</th>
                    </tr></thead>
                    <tbody>
                        {page.items.into_iter().map(|item| view! { <QueueRow item slug=slug.clone()/> }).collect_view()}
                    </tbody>
                </table>
                </TableScroll>
            }.into_any()
        }}
        <PageLinks current pages prev next/>
    }
}

#[component]
fn QueueRow(item: QueueItem, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let deadline = item.next_deadline.clone().map(|(what, by)| {
        let by = long_date(locale, by);
        let text = if what == "acknowledge" {
            t_string!(i18n, queue_deadline_acknowledge).to_string()
        } else {
            t_string!(i18n, queue_deadline_answer).to_string()
        };
        format!("{text}: {by}")
    });
    view! {
        <tr class:queue__row--late=item.overdue>
            <td>{item.number.clone()}</td>
            <td>
                <a href=format!("/beheer/{slug}/loket/zaken/{}", item.id)>{item.title.clone()}</a>
                <br/><small>{kind_label(i18n, &item.kind)}
                    {item.area_name.clone().map(|a| format!(" · {a}"))}</small>
            </td>
            <td>{status_label(i18n, item.status)}</td>
            <td>{item.owner_name.clone().unwrap_or_else(|| t_string!(i18n, queue_owner_nobody).to_string())}</td>
            <td>{long_date(locale, item.received_on)}</td>
            <td>
                {deadline}
                {item.overdue.then(|| view! { " " <strong class="badge badge--late">{t!(i18n, case_overdue)}</strong> })}
            </td>
        </tr>
    }
}
