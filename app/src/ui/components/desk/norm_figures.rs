//! The desk's published figures per quarter: how many cases came in and which share was looked at
//! and answered within the norm (with the number of cases counted). Shown in the register and on
//! the council's page.

use crate::domain::desk::QuarterFigures;
use crate::i18n::*;
use crate::ui::components::numbers::percent;
use crate::ui::components::table_scroll::TableScroll;
use leptos::prelude::*;

#[component]
pub fn NormFigures(figures: Vec<QuarterFigures>, acknowledge_within: u32, answer_within: u32) -> impl IntoView {
    let i18n = use_i18n();
    let (ack, answer) = (acknowledge_within, answer_within);
    if figures.is_empty() {
        return view! { <p>{t!(i18n, register_figures_none)}</p> }.into_any();
    }
    let locale = i18n.get_locale_untracked();
    view! {
        <TableScroll label=move || t_string!(i18n, register_figures_caption).to_string()>
        <table class="table">
            <caption>{t!(i18n, register_figures_caption)}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, register_figures_quarter)}</th>
                <th scope="col">{t!(i18n, register_figures_cases)}</th>
                <th scope="col">{t!(i18n, register_figures_acknowledged, days = move || ack)}</th>
                <th scope="col">{t!(i18n, register_figures_answered, days = move || answer)}</th>
            </tr></thead>
            <tbody>
                {figures.iter().map(|q| {
                    let show = |share: Option<u64>, counted: u64| match share {
                        Some(pm) => format!("{} ({counted})", percent(locale, pm)),
                        None => "–".to_owned(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{format!("{} Q{}", q.year, q.quarter)}</th>
                            <td>{q.cases}</td>
                            <td>{show(q.acknowledged_in_time, q.acknowledgements_counted)}</td>
                            <td>{show(q.answered_in_time, q.answers_counted)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </TableScroll>
        <p class="field__hint">{t!(i18n, register_figures_note)}</p>
    }
    .into_any()
}
