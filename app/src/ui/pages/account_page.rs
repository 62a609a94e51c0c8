//! `/account`: the signed-in person's own page: name, password and e-mail address. Visitors who
//! are not signed in are sent to the login page (by the server, or here after client navigation).

use crate::api::account_settings::{ChangeDisplayName, ChangeEmail, ChangePassword, ChangePersonalDetails};
use crate::api::accounts::current_account;
use crate::api::initiatives::list_my_cases;
use crate::api::panels::{list_my_panels, LeavePanel};
use crate::i18n::*;
use crate::model::accounts::AccountSummary;
use crate::ui::components::area_select::AreaSelect;
use crate::ui::components::dates::long_date;
use crate::ui::components::desk::labels::status_label;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = SettingsActions {
        rename: ServerAction::new(),
        new_password: ServerAction::new(),
        new_email: ServerAction::new(),
        details: ServerAction::new(),
    };
    // Loaded again after every change, also when its redirect lands on the same address.
    let account = Resource::new(move || actions.versions(), |_| current_account());
    let changed = move || {
        query.read().get("gewijzigd").and_then(|what| match what.as_str() {
            "naam" => Some(t_string!(i18n, changed_name).to_string()),
            "wachtwoord" => Some(t_string!(i18n, changed_password).to_string()),
            "e-mail-verstuurd" => Some(t_string!(i18n, changed_email_sent).to_string()),
            "e-mail" => Some(t_string!(i18n, changed_email).to_string()),
            "over-jou" => Some(t_string!(i18n, changed_details).to_string()),
            _ => None,
        })
    };
    view! {
        <PageTitle text=t_string!(i18n, account_title).to_string()/>
        <h1>{t!(i18n, account_title)}</h1>
        {move || changed().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || account.get().map(|found| match found {
                Ok(Some(me)) => view! { <AccountSettings me actions/> }.into_any(),
                Ok(None) => view! { <Redirect path="/inloggen?next=/account"/> }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct SettingsActions {
    rename: ServerAction<ChangeDisplayName>,
    new_password: ServerAction<ChangePassword>,
    new_email: ServerAction<ChangeEmail>,
    details: ServerAction<ChangePersonalDetails>,
}

impl SettingsActions {
    fn versions(&self) -> usize {
        self.rename.version().get()
            + self.new_password.version().get()
            + self.new_email.version().get()
            + self.details.version().get()
    }
}

#[component]
fn AccountSettings(me: AccountSummary, actions: SettingsActions) -> impl IntoView {
    let i18n = use_i18n();
    let SettingsActions { rename, new_password, new_email, details } = actions;
    let details_error = error_of(details.value());
    let rename_error = error_of(rename.value());
    let password_error = error_of(new_password.value());
    let email_error = error_of(new_email.value());
    let name = me.display_name.clone();
    view! {
        <p>{t!(i18n, account_signed_in_as, name = move || name.clone())}</p>
        <Show when=move || !me.email_verified>
            <p class="notice">{t!(i18n, account_unverified)}</p>
        </Show>

        <h2>{t!(i18n, account_name_title)}</h2>
        <FormAlert error=rename_error/>
        <ActionForm action=rename attr:class="form" attr:novalidate=true>
            <Field name="display_name" autocomplete="nickname" required=true error=rename_error initial=me.display_name.clone()
                label=Signal::derive(move || t_string!(i18n, field_display_name).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_display_name_hint).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_change_name)}</button>
        </ActionForm>

        <h2>{t!(i18n, account_password_title)}</h2>
        <FormAlert error=password_error/>
        <ActionForm action=new_password attr:class="form" attr:novalidate=true>
            <Field name="current_password" form="wachtwoord" kind="password" autocomplete="current-password" required=true
                secret=true error=password_error label=Signal::derive(move || t_string!(i18n, field_current_password).to_string())/>
            <Field name="new_password" kind="password" autocomplete="new-password" required=true secret=true
                error=password_error label=Signal::derive(move || t_string!(i18n, field_new_password_change).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_password_hint).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_change_password)}</button>
        </ActionForm>

        <h2>{t!(i18n, account_email_title)}</h2>
        <p>{t!(i18n, account_email_current)} " " <strong>{me.email.clone()}</strong></p>
        <FormAlert error=email_error/>
        <ActionForm action=new_email attr:class="form" attr:novalidate=true>
            <Field name="new_email" kind="email" autocomplete="email" required=true error=email_error
                label=Signal::derive(move || t_string!(i18n, field_new_email).to_string())/>
            <Field name="current_password" form="e-mail" kind="password" autocomplete="current-password" required=true
                secret=true error=email_error label=Signal::derive(move || t_string!(i18n, field_current_password).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_change_email)}</button>
        </ActionForm>

        <h2 id="over-jou">{t!(i18n, account_details_title)}</h2>
        <p>{t!(i18n, account_details_intro)}</p>
        <FormAlert error=details_error/>
        <ActionForm action=details attr:class="form" attr:novalidate=true>
            <Field name="birth_date" kind="date" autocomplete="bday" error=details_error
                initial=me.birth_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
                label=Signal::derive(move || t_string!(i18n, field_birth_date).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_birth_date_hint).to_string())/>
            <AreaSelect error=details_error initial=me.area_id/>
            <button class="button" type="submit">{t!(i18n, account_details_save)}</button>
        </ActionForm>

        <MyCases/>
        <MyPanels/>

        <h2 id="gegevens">{t!(i18n, account_own_data_title)}</h2>
        <p>{t!(i18n, account_own_data_intro)}</p>
        <ul class="panel-list">
            <li><a href="/account/mijn-gegevens">{t!(i18n, account_own_data_link)}</a></li>
            <li><a href="/account/verwijderen">{t!(i18n, account_leave_link)}</a></li>
        </ul>
    }
}

/// What the person brought to a participation desk, each linking to its case page.
#[component]
fn MyCases() -> impl IntoView {
    let i18n = use_i18n();
    let cases = Resource::new(|| (), |_| list_my_cases());
    view! {
        <h2 id="zaken">{t!(i18n, account_cases_title)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let locale = i18n.get_locale_untracked();
                match cases.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, account_cases_none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="panel-list">
                            {list.into_iter().map(|c| view! {
                                <li>
                                    <a href=format!("/account/zaken/{}", c.id)>{c.title.clone()}</a>
                                    " · " {c.number.clone()} " · " {status_label(i18n, c.status)}
                                    " · " {long_date(locale, c.received_on)}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The panels the person is in, each with a way out.
#[component]
fn MyPanels() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let leave = ServerAction::<LeavePanel>::new();
    let panels = Resource::new(move || leave.version().get(), |_| list_my_panels());
    let left = move || query.read().get("panel-verlaten").is_some();
    view! {
        <h2 id="panels">{t!(i18n, account_panels_title)}</h2>
        {move || left().then(|| view! { <p class="notice" role="status">{t!(i18n, account_panel_left)}</p> })}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match panels.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, account_panels_none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="panel-list">
                            {list.into_iter().map(|p| view! {
                                <li>
                                    <strong>{p.name.clone()}</strong>
                                    <ActionForm action=leave attr:class="inline-form">
                                        <input type="hidden" name="panel" value=p.id/>
                                        <button class="button button--secondary button--small" type="submit">
                                            {t!(i18n, account_panel_leave)} <span class="visually-hidden">": " {p.name.clone()}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
