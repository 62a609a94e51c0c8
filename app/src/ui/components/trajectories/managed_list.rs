//! The trajectories of one municipality as its staff see them: drafts included, each with a link
//! to its editor, and the way to start a new one.

use super::labels::stage_label;
use crate::api::trajectories::list_managed_trajectories;
use crate::i18n::*;
use crate::ui::components::table_scroll::TableScroll;
use leptos::prelude::*;

#[component]
pub fn ManagedTrajectories(slug: String, may_create: bool) -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(
        {
            let slug = slug.clone();
            move || slug.clone()
        },
        list_managed_trajectories,
    );
    let new_href = format!("/{slug}/trajecten/nieuw");
    view! {
        <section aria-labelledby="beheer-trajecten">
            <h2 id="beheer-trajecten">{t!(i18n, manage_trajectories)}</h2>
            {may_create.then(|| view! { <p><a class="button" href=new_href>{t!(i18n, trajectory_new_title)}</a></p> })}
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new({
                    let slug = slug.clone();
                    async move {
                        match list.await {
                            Ok(items) if items.is_empty() => view! { <p>{t!(i18n, desk_none)}</p> }.into_any(),
                            Ok(items) => view! {
                                <TableScroll label=move || t_string!(i18n, manage_trajectories).to_string()>
                                <table class="table">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, field_title)}</th>
                                        <th scope="col">{t!(i18n, filter_stage)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {items.into_iter().map(|t| {
                                            let stage = t.stage;
                                            view! {
                                                <tr>
                                                    <td><a href=format!("/{slug}/trajecten/{}/bewerken", t.id)>{t.title}</a></td>
                                                    <td>{move || stage_label(i18n, stage)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </TableScroll>
                            }.into_any(),
                            Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
