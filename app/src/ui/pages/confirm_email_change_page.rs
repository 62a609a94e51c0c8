//! `/e-mail-wijzigen?token=…`: confirm a new e-mail address with a button (a POST), so a mail
//! scanner opening the link does not use the token up.

use crate::api::account_settings::ConfirmEmailChange;
use crate::domain::validation::Problem;
use crate::i18n::*;
use crate::ui::components::form::error_of;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmEmailChangePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<ConfirmEmailChange>::new();
    let error = error_of(action.value());
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <PageTitle text=t_string!(i18n, confirm_email_title).to_string()/>
        <h1>{t!(i18n, confirm_email_title)}</h1>
        {move || error.get().map(|e| view! {
            <div class="form-alert" role="alert">
                <p>{if e.problem_for("token") == Some(Problem::EmailTaken) {
                    t!(i18n, email_taken_on_confirm).into_any()
                } else {
                    t!(i18n, link_invalid).into_any()
                }}</p>
            </div>
        })}
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token/>
            <button class="button" type="submit">{t!(i18n, confirm_email_title)}</button>
        </ActionForm>
    }
}
