//! The site header: name, main navigation, account links and the language switch.

use crate::api::accounts::{current_account, LogOut};
use crate::api::tenancy::header_municipality;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // Refetched on every navigation, so the header follows logging in and out.
    let account = Resource::new(move || location.pathname.get(), |_| current_account());
    let log_out = ServerAction::<LogOut>::new();
    // Pages of a municipality carry its name and colours; signing in, registering and the account
    // carry those of the municipality the resident came from (see `header_municipality`).
    let municipality = Resource::new(
        move || location.pathname.get(),
        |path| async move { header_municipality(path).await.ok().flatten() },
    );
    let language_href = move || {
        let target = match i18n.get_locale() {
            Locale::nl => "en",
            Locale::en => "nl",
        };
        format!("/taal/{target}?next={}", location.pathname.get())
    };
    let language_lang = move || match i18n.get_locale() {
        Locale::nl => "en",
        Locale::en => "nl",
    };
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <Transition fallback=move || view! { <a class="site-header__name" href="/">{t!(i18n, site_name)}</a> }>
                    {move || match municipality.get().flatten() {
                        Some(m) => view! {
                            <link rel="stylesheet" href=format!("/{}/huisstijl.css", m.slug)/>
                            <a class="site-header__name" href=format!("/{}", m.slug)>{m.name}</a>
                        }.into_any(),
                        None => view! { <a class="site-header__name" href="/">{t!(i18n, site_name)}</a> }.into_any(),
                    }}
                </Transition>
                <nav class="site-nav" aria-label=move || t_string!(i18n, nav_label)>
                    <ul class="site-nav__list">
                        <li><a href="/">{t!(i18n, nav_home)}</a></li>
                        <Transition fallback=|| ()>
                            {move || account.get().map(|found| match found {
                                Ok(Some(me)) => view! {
                                    {me.staff.then(|| view! { <li><a href="/beheer">{t!(i18n, nav_admin)}</a></li> })}
                                    <li><a href="/account">{t!(i18n, nav_account)}</a></li>
                                    <li>
                                        <ActionForm action=log_out attr:class="site-nav__form">
                                            <button type="submit" class="link-button">{t!(i18n, nav_log_out)}</button>
                                        </ActionForm>
                                    </li>
                                }.into_any(),
                                _ => view! {
                                    <li><a href="/inloggen">{t!(i18n, nav_log_in)}</a></li>
                                    <li><a href="/registreren">{t!(i18n, nav_register)}</a></li>
                                }.into_any(),
                            })}
                        </Transition>
                        <li>
                            <a href=language_href lang=language_lang rel="external"
                                aria-label=move || t_string!(i18n, language_switch_label)>
                                {t!(i18n, language_switch)}
                            </a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}
