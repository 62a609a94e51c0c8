//! The frame every table sits in. A table wider than the screen (many columns, long option names)
//! scrolls inside this frame and never makes the page scroll sideways (WCAG 1.4.10 reflow). The
//! frame can take focus, so a keyboard user can scroll it too, and it carries the table's name so
//! a screen reader says what the focused frame holds.

use leptos::prelude::*;

#[component]
pub fn TableScroll(#[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    view! { <div class="table-scroll" role="region" tabindex="0" aria-label=label>{children()}</div> }
}
