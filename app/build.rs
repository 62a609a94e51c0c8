//! The translations in `locales/` are read at compile time by `leptos_i18n::load_locales!`, which
//! cargo cannot see into: without this, a changed text would not be built until some Rust file
//! changed too.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
