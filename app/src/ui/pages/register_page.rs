//! `/registreren`: create an account. Birth date and area are optional and explained: they are
//! only used to check whether someone may take part in, for example, a youth panel.

use crate::api::accounts::Register;
use crate::api::tenancy::list_areas;
use crate::i18n::*;
use crate::ui::components::form::{error_of, problem_text, Field, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let error = error_of(action.value());
    let areas = Resource::new(|| (), |_| list_areas());
    let area_problem = move || error.get().and_then(|e| e.problem_for("area_id"));
    let chosen_area = move || error.get().and_then(|e| e.typed_value("area_id")).unwrap_or_default();
    view! {
        <Title text=move || t_string!(i18n, register_title).to_string()/>
        <h1>{t!(i18n, register_title)}</h1>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Field name="email" kind="email" autocomplete="email" required=true error
                label=Signal::derive(move || t_string!(i18n, field_email).to_string())/>
            <Field name="display_name" autocomplete="nickname" required=true error
                label=Signal::derive(move || t_string!(i18n, field_display_name).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_display_name_hint).to_string())/>
            <Field name="password" kind="password" autocomplete="new-password" required=true secret=true error
                label=Signal::derive(move || t_string!(i18n, field_new_password).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_password_hint).to_string())/>
            <Field name="birth_date" kind="date" autocomplete="bday" error
                label=Signal::derive(move || t_string!(i18n, field_birth_date).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_birth_date_hint).to_string())/>
            <div class="field" class:field--invalid=move || area_problem().is_some()>
                <label class="field__label" for="veld-area_id">{t!(i18n, field_area)}</label>
                <p class="field__hint" id="veld-area_id-hint">{t!(i18n, field_area_hint)}</p>
                {move || area_problem().map(|p| view! {
                    <p class="field__error" id="veld-area_id-fout">{problem_text(i18n, p)}</p>
                })}
                <select class="field__input" id="veld-area_id" name="area_id"
                    aria-invalid=move || area_problem().map(|_| "true")
                    aria-describedby=move || if area_problem().is_some() { "veld-area_id-hint veld-area_id-fout" } else { "veld-area_id-hint" }>
                    <option value="">{t!(i18n, field_area_none)}</option>
                    <Suspense fallback=|| ()>
                        {move || areas.get().and_then(Result::ok).map(|groups| groups.into_iter().map(|group| view! {
                            <optgroup label=group.municipality>
                                {group.areas.into_iter().map(|a| {
                                    let value = a.id.to_string();
                                    let selected = chosen_area() == value;
                                    view! { <option value=value selected=selected>{a.name}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view())}
                    </Suspense>
                </select>
            </div>
            <button class="button" type="submit">{t!(i18n, submit_register)}</button>
        </ActionForm>
        <p>{t!(i18n, have_account)} " " <a href="/inloggen">{t!(i18n, nav_log_in)}</a></p>
    }
}

#[component]
pub fn RegisterDonePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, register_done_title).to_string()/>
        <h1>{t!(i18n, register_done_title)}</h1>
        <p role="status">{t!(i18n, register_done_body)}</p>
    }
}
