//! Horizontal bars in SVG. The whole chart is one image whose accessible name reads every bar
//! with its value; the page puts a table with the same numbers next to it.

use leptos::prelude::*;

const CHART_WIDTH: u64 = 640;
const LABEL_WIDTH: u64 = 220;
const ROW_HEIGHT: u64 = 36;

/// One bar: its label, its length in per mille of the widest possible bar, and its value as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub per_mille: u64,
    pub value: String,
}

#[component]
pub fn BarChart(title: String, bars: Vec<Bar>) -> impl IntoView {
    let height = ROW_HEIGHT * bars.len() as u64 + 8;
    let bar_space = CHART_WIDTH - LABEL_WIDTH - 70;
    let label =
        format!("{title}: {}", bars.iter().map(|b| format!("{} {}", b.label, b.value)).collect::<Vec<_>>().join(", "));
    view! {
        <svg class="poll-chart" role="img" aria-label=label viewBox=format!("0 0 {CHART_WIDTH} {height}")
            preserveAspectRatio="xMinYMin meet" focusable="false">
            {bars.into_iter().enumerate().map(|(i, bar)| {
                let y = ROW_HEIGHT * i as u64 + 4;
                let width = (bar_space * bar.per_mille.min(1000) / 1000).max(1);
                let text = bar.label;
                let short: String = if text.chars().count() > 28 { format!("{}…", text.chars().take(27).collect::<String>()) } else { text };
                view! {
                    <text class="poll-chart__label" x="0" y=y + 21>{short}</text>
                    <rect class="poll-chart__bar" x=LABEL_WIDTH y=y + 4 width=width height=ROW_HEIGHT - 12 rx="3"/>
                    <text class="poll-chart__value" x=LABEL_WIDTH + width + 8 y=y + 21>{bar.value}</text>
                }
            }).collect_view()}
        </svg>
    }
}
