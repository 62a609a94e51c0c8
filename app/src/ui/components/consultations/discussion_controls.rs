//! Sorting, narrowing to one section, and paging through a discussion. A plain GET form and plain
//! links, so the address always says what is shown and works without JavaScript.

use crate::domain::consultations::SortOrder;
use crate::i18n::*;
use crate::model::consultations::Discussion;
use crate::ui::components::pagination::PageLinks;
use leptos::prelude::*;

fn sort_label(i18n: leptos_i18n::I18nContext<Locale>, order: SortOrder) -> String {
    match order {
        SortOrder::Newest => t_string!(i18n, sort_newest),
        SortOrder::Oldest => t_string!(i18n, sort_oldest),
        SortOrder::MostSupported => t_string!(i18n, sort_most_supported),
    }
    .to_string()
}

/// The address of one page of the discussion with the current choices.
pub fn discussion_href(base: &str, d: &Discussion, page: u64) -> String {
    let mut query = vec![format!("sorteer={}", d.sort.as_str())];
    if let Some(section) = d.section {
        query.push(format!("onderdeel={section}"));
    }
    if page > 1 {
        query.push(format!("pagina={page}"));
    }
    format!("{base}?{}#discussie", query.join("&"))
}

#[component]
pub fn DiscussionControls(base: String, discussion: Discussion, sections: Vec<(i32, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let sort = discussion.sort;
    let section = discussion.section;
    view! {
        <form class="discussion-controls" method="get" action=format!("{base}#discussie")>
            <div class="field">
                <label class="field__label" for="sorteer">{t!(i18n, sort_label)}</label>
                <select class="field__input" id="sorteer" name="sorteer">
                    {SortOrder::ALL.into_iter().map(|order| view! {
                        <option value=order.as_str() selected=order == sort>{sort_label(i18n, order)}</option>
                    }).collect_view()}
                </select>
            </div>
            {(!sections.is_empty()).then(|| view! {
                <div class="field">
                    <label class="field__label" for="onderdeel">{t!(i18n, section_filter_label)}</label>
                    <select class="field__input" id="onderdeel" name="onderdeel">
                        <option value="" selected=section.is_none()>{t!(i18n, section_filter_all)}</option>
                        {sections.into_iter().map(|(id, title)| view! {
                            <option value=id.to_string() selected=section == Some(id)>{title}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <button class="button button--secondary" type="submit">{t!(i18n, discussion_show)}</button>
        </form>
    }
}

#[component]
pub fn Pagination(base: String, discussion: Discussion) -> impl IntoView {
    let (page, pages) = (discussion.page, discussion.pages);
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| discussion_href(&base, &discussion, page - 1));
        let next = (page < pages).then(|| discussion_href(&base, &discussion, page + 1));
        view! { <PageLinks current=page pages prev=previous next/> }
    })
}
