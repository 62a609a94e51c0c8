//! The Samenspraak application, compiled twice: with `ssr` into the server, with `hydrate` into
//! the WASM front end. `domain` is pure Rust; `server` exists only on the server.
#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod model;
#[cfg(all(test, feature = "ssr"))]
mod source_rules;
pub mod ui;

/// Translations, generated at compile time from `app/locales/*.json`.
#[allow(deprecated)] // the build.rs code generation that replaces this macro is not needed yet
mod translations {
    leptos_i18n::load_locales!();
}
pub use translations::i18n;

#[cfg(feature = "ssr")]
pub mod server;

pub use ui::layout::shell::{shell, App};

/// Entry point of the WASM front end. Pages are rendered on the server and stay as they are; the
/// loader script then wakes each `#[island]` on the page (see docs/front-end.md).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
