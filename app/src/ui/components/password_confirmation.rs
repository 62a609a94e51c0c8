//! The question for the password before something personal is shown or done (one's own data,
//! deleting the account). A confirmation counts for ten minutes, for every such page.

use crate::api::own_data::ConfirmPassword;
use crate::i18n::*;
use crate::ui::components::form::{error_of, Field, FormAlert};
use leptos::prelude::*;

/// The form; after it the person lands on `then` (a page of their own account).
#[component]
pub fn ConfirmPasswordFirst(confirm: ServerAction<ConfirmPassword>, then: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(confirm.value());
    view! {
        <h2>{t!(i18n, own_data_confirm_title)}</h2>
        <p>{t!(i18n, own_data_confirm_intro)}</p>
        <FormAlert error/>
        <ActionForm action=confirm attr:class="form" attr:novalidate=true>
            <input type="hidden" name="then" value=then/>
            <Field name="password" kind="password" autocomplete="current-password" required=true secret=true error
                label=Signal::derive(move || t_string!(i18n, field_current_password).to_string())/>
            <button class="button" type="submit">{t!(i18n, own_data_confirm_submit)}</button>
        </ActionForm>
    }
}
