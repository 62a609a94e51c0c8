//! The area someone lives in, chosen from every municipality's areas (grouped per municipality),
//! with "not telling" first. Used when registering and on the account page.

use crate::api::tenancy::list_areas;
use crate::i18n::*;
use crate::ui::components::form::{problem_text, FormError};
use leptos::prelude::*;

#[component]
pub fn AreaSelect(error: FormError, #[prop(default = None)] initial: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    let areas = Resource::new(|| (), |_| list_areas());
    let area_problem = move || error.get().and_then(|e| e.problem_for("area_id"));
    let chosen_area = move || {
        error
            .get()
            .and_then(|e| e.typed_value("area_id"))
            .unwrap_or_else(|| initial.map(|id| id.to_string()).unwrap_or_default())
    };
    view! {
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
    }
}
