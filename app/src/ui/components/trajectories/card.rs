//! A trajectory in the desk's list: title, where it stands, level, areas and themes, dates.

use super::labels::{level_label, stage_label, theme_label};
use crate::i18n::*;
use crate::model::trajectories::TrajectorySummary;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use leptos::prelude::*;

#[component]
pub fn TrajectoryCard(trajectory: TrajectorySummary, municipality: String) -> impl IntoView {
    let i18n = use_i18n();
    let TrajectorySummary { id, title, summary, stage, level, area_names, themes, starts_on, ends_on, .. } = trajectory;
    let href = format!("/{municipality}/trajecten/{id}");
    view! {
        <li class="trajectory-card">
            <h3 class="trajectory-card__title" lang=content_lang()><a href=href>{title}</a></h3>
            <p class="trajectory-card__meta">
                <span class=format!("badge badge--{}", stage.as_str())>{move || stage_label(i18n, stage)}</span>
                {level.map(|level| view! { <span class="badge">{move || level_label(i18n, level)}</span> })}
                {match (starts_on, ends_on) {
                    (Some(from), Some(to)) => Some(view! {
                        <span class="trajectory-card__dates">
                            {move || long_date(i18n.get_locale(), from)} " – " {move || long_date(i18n.get_locale(), to)}
                        </span>
                    }),
                    _ => None,
                }}
            </p>
            <p lang=content_lang()>{summary}</p>
            {(!area_names.is_empty() || !themes.is_empty()).then(|| view! {
                <ul class="tag-list" aria-label=move || t_string!(i18n, trajectory_tags_label)>
                    {area_names.into_iter().map(|a| view! { <li class="tag-list__item">{a}</li> }).collect_view()}
                    {themes.into_iter().map(|t| view! { <li class="tag-list__item">{move || theme_label(i18n, t)}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}
