//! `/account/verwijderen`: what happens when a person deletes their account, and the form that
//! does it (after the password is confirmed again); `/account-verwijderd` says it was done.

use crate::api::own_data::{get_leave_page, ConfirmPassword, DeleteAccount};
use crate::i18n::*;
use crate::ui::components::form::{error_of, FormAlert};
use crate::ui::components::password_confirmation::ConfirmPasswordFirst;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

#[component]
pub fn LeavePage() -> impl IntoView {
    let i18n = use_i18n();
    let confirm = ServerAction::<ConfirmPassword>::new();
    let confirmed = Resource::new(move || confirm.version().get(), |_| get_leave_page());
    view! {
        <PageTitle text=t_string!(i18n, leave_title).to_string()/>
        <h1>{t!(i18n, leave_title)}</h1>
        <p>{t!(i18n, leave_intro)}</p>
        <h2>{t!(i18n, leave_what_title)}</h2>
        <ul>
            <li>{t!(i18n, leave_what_account)}</li>
            <li>{t!(i18n, leave_what_comments)}</li>
            <li>{t!(i18n, leave_what_votes)}</li>
            <li>{t!(i18n, leave_what_cases)}</li>
            <li>{t!(i18n, leave_what_reports)}</li>
            <li>{t!(i18n, leave_what_mail)}</li>
        </ul>
        <p>{t!(i18n, leave_download_first)} " " <a href="/account/mijn-gegevens">{t!(i18n, account_own_data_link)}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match confirmed.await {
                    Ok(true) => view! { <LeaveForm/> }.into_any(),
                    Ok(false) => view! { <ConfirmPasswordFirst confirm then="/account/verwijderen"/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/account">{t!(i18n, leave_cancel)}</a></p>
    }
}

#[component]
fn LeaveForm() -> impl IntoView {
    let i18n = use_i18n();
    let leave = ServerAction::<DeleteAccount>::new();
    let error = error_of(leave.value());
    view! {
        <h2>{t!(i18n, leave_form_title)}</h2>
        <FormAlert error/>
        <ActionForm action=leave attr:class="form" attr:novalidate=true>
            <p class="checkbox-list__item">
                <input type="checkbox" id="veld-withdraw_open" name="withdraw_open" value="on"/>
                <label for="veld-withdraw_open">{t!(i18n, leave_withdraw_open)}</label>
            </p>
            <button class="button button--danger" type="submit">{t!(i18n, leave_submit)}</button>
        </ActionForm>
    }
}

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, account_deleted_title).to_string()/>
        <h1>{t!(i18n, account_deleted_title)}</h1>
        <p role="status">{t!(i18n, account_deleted_text)}</p>
        <p><a href="/">{t!(i18n, account_deleted_home)}</a></p>
    }
}
