//! Horizontal bars. The whole chart is one image whose accessible name reads every bar with its
//! value; the page puts a table with the same numbers next to it.

use leptos::prelude::*;

/// One bar: its label, its length in per mille of the widest possible bar, and its value as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub per_mille: u64,
    pub value: String,
}

/// Labels and values are text of the page, at the page's size, wrapping as the page does; only
/// the bar itself is drawn, as an SVG stretched to its row. (One SVG for the whole chart scaled its
/// text down with it: 16 px labels became 9 px on a phone.) The bar's length is an attribute of
/// the SVG, not a style, so it needs nothing the content security policy forbids.
#[component]
pub fn BarChart(title: String, bars: Vec<Bar>) -> impl IntoView {
    let label =
        format!("{title}: {}", bars.iter().map(|b| format!("{} {}", b.label, b.value)).collect::<Vec<_>>().join(", "));
    view! {
        <div class="bar-chart" role="img" aria-label=label>
            {bars.into_iter().map(|bar| view! {
                <div class="bar-chart__row">
                    <span class="bar-chart__label">{bar.label}</span>
                    <span class="bar-chart__track">
                        <svg class="bar-chart__bar" viewBox="0 0 1000 10" preserveAspectRatio="none" focusable="false" aria-hidden="true">
                            <rect width=bar.per_mille.clamp(4, 1000) height="10"/>
                        </svg>
                        <span class="bar-chart__value">{bar.value}</span>
                    </span>
                </div>
            }).collect_view()}
        </div>
    }
}
