//! `/beheer/{municipality}/logboek`: the audit log of a municipality, for its staff. Read-only:
//! the database itself refuses changes to it.

use crate::api::moderation::list_audit_log;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::components::consultations::labels::moment;
use crate::ui::components::pagination::PageLinks;
use crate::ui::components::table_scroll::TableScroll;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let page = move || query.read().get("pagina").unwrap_or_default();
    let log = Resource::new(move || (slug(), page()), |(slug, page)| list_audit_log(slug, page));
    view! {
        <PageTitle text=t_string!(i18n, audit_title).to_string()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=move || format!("/beheer/{}", slug())>{t!(i18n, nav_admin)}</a>
        </nav>
        <h1>{t!(i18n, audit_title)}</h1>
        <p class="lead">{t!(i18n, audit_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(log) => {
                        let (current, pages) = (log.page, log.pages);
                        let base = format!("/beheer/{}/logboek", slug());
                        view! {
                            <TableScroll label=move || t_string!(i18n, audit_title).to_string()>
                            <table class="table">
                                <caption>{t!(i18n, audit_caption, name = move || log.municipality_name.clone())}</caption>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, audit_when)}</th>
                                    <th scope="col">{t!(i18n, audit_who)}</th>
                                    <th scope="col">{t!(i18n, audit_what)}</th>
                                    <th scope="col">{t!(i18n, audit_details)}</th>
                                </tr></thead>
                                <tbody>
                                    {log.entries.into_iter().map(|e| view! {
                                        <tr>
                                            <td><time datetime=e.at.to_rfc3339()>{moment(i18n, e.at_local)}</time></td>
                                            <td>{e.actor.unwrap_or_default()}</td>
                                            <td><code>{e.action}</code></td>
                                            <td>{e.details}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </TableScroll>
                            <PageLinks current pages
                                prev=(current > 1).then(|| format!("{base}?pagina={}", current - 1))
                                next=(current < pages).then(|| format!("{base}?pagina={}", current + 1))/>
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
