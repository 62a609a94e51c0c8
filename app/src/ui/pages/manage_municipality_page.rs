//! `/beheer/{municipality}`: areas, house style and roles of one municipality, as far as this
//! person may manage them.

use crate::api::admin::{get_managed_municipality, AddArea, GrantRole, RevokeRole, UpdateHouseStyle};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::admin::ManagedMunicipality;
use crate::ui::components::form::{error_of, problem_text, Field, FormAlert};
use crate::ui::components::roles::role_label;
use crate::ui::components::table_scroll::TableScroll;
use crate::ui::components::trajectories::managed_list::ManagedTrajectories;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ManageMunicipalityPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let actions = Actions {
        add_area: ServerAction::new(),
        style: ServerAction::new(),
        grant: ServerAction::new(),
        revoke: ServerAction::new(),
    };
    // Loaded again after every action, also when its redirect lands on the same address.
    let managed = Resource::new(move || (slug(), actions.versions()), |(slug, _)| get_managed_municipality(slug));
    let changed = move || {
        query.read().get("gewijzigd").and_then(|what| match what.as_str() {
            "gebied" => Some(t_string!(i18n, changed_area).to_string()),
            "huisstijl" => Some(t_string!(i18n, changed_style).to_string()),
            "rol" => Some(t_string!(i18n, changed_role).to_string()),
            _ => None,
        })
    };
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || managed.get().map(|found| match found {
                Ok(m) => view! {
                    <PageTitle text=format!("{} – {}", t_string!(i18n, admin_title), m.detail.name)/>
                    <h1>{t!(i18n, admin_title)} ": " {m.detail.name.clone()}</h1>
                    <ul class="staff-links" aria-label=move || t_string!(i18n, staff_links_label)>
                        <li><a href=format!("/beheer/{}/moderatie", m.detail.slug)>{t!(i18n, moderation_title)}</a></li>
                        <li><a href=format!("/beheer/{}/logboek", m.detail.slug)>{t!(i18n, audit_title)}</a></li>
                        <li><a href=format!("/beheer/{}/panels", m.detail.slug)>{t!(i18n, panels_title)}</a></li>
                        <li><a href=format!("/beheer/{}/loket", m.detail.slug)>{t!(i18n, queue_title)}</a></li>
                        <li><a href=format!("/{}/huisregels", m.detail.slug)>{t!(i18n, house_rules_title)}</a></li>
                    </ul>
                    {changed().map(|text| view! { <p class="notice" role="status">{text}</p> })}
                    <Management m actions/>
                }.into_any(),
                Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                Err(AppError::Forbidden | AppError::Unauthenticated) => view! {
                    <PageTitle text=t_string!(i18n, forbidden_title).to_string()/>
                    <h1>{t!(i18n, forbidden_title)}</h1>
                    <p>{t!(i18n, forbidden_body)}</p>
                }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

/// The page's forms, created once per page so their results can refresh its data.
#[derive(Clone, Copy)]
struct Actions {
    add_area: ServerAction<AddArea>,
    style: ServerAction<UpdateHouseStyle>,
    grant: ServerAction<GrantRole>,
    revoke: ServerAction<RevokeRole>,
}

impl Actions {
    fn versions(&self) -> usize {
        self.add_area.version().get()
            + self.style.version().get()
            + self.grant.version().get()
            + self.revoke.version().get()
    }
}

#[component]
fn Management(m: ManagedMunicipality, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let slug = m.detail.slug.clone();
    view! {
        <ManagedTrajectories slug=slug.clone() may_create=m.may_run_trajectories/>
        <h2>{t!(i18n, manage_areas)}</h2>
        <ul class="tag-list">
            {m.detail.areas.iter().map(|a| view! { <li class="tag-list__item">{a.name.clone()}</li> }).collect_view()}
        </ul>
        {m.may_add_areas.then(|| view! { <AddAreaForm slug=slug.clone() action=actions.add_area/> })}
        {m.may_edit_style.then(|| view! {
            <HouseStyleForm slug=slug.clone() primary=m.detail.primary_colour.clone() accent=m.detail.accent_colour.clone()
                action=actions.style/>
        })}
        {(!m.grantable.is_empty()).then(|| view! { <RolesSection m=m.clone() grant=actions.grant revoke=actions.revoke/> })}
    }
}

#[component]
fn AddAreaForm(slug: String, action: ServerAction<AddArea>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(action.value());
    view! {
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=slug/>
            <Field name="name" form="gebied" autocomplete="off" required=true error
                label=Signal::derive(move || t_string!(i18n, field_area_name).to_string())/>
            <Field name="slug" form="gebied" autocomplete="off" required=true error
                label=Signal::derive(move || t_string!(i18n, field_slug).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_slug_hint).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_add_area)}</button>
        </ActionForm>
    }
}

#[component]
fn HouseStyleForm(
    slug: String,
    primary: String,
    accent: String,
    action: ServerAction<UpdateHouseStyle>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(action.value());
    view! {
        <h2>{t!(i18n, manage_style)}</h2>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=slug/>
            <Field name="primary_colour" autocomplete="off" required=true error initial=primary
                label=Signal::derive(move || t_string!(i18n, field_primary_colour).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_colour_hint).to_string())/>
            <Field name="accent_colour" autocomplete="off" required=true error initial=accent
                label=Signal::derive(move || t_string!(i18n, field_accent_colour).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_colour_hint).to_string())/>
            <button class="button" type="submit">{t!(i18n, submit_update_style)}</button>
        </ActionForm>
    }
}

#[component]
fn RolesSection(
    m: ManagedMunicipality,
    grant: ServerAction<GrantRole>,
    revoke: ServerAction<RevokeRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    let grant_error = error_of(grant.value());
    let slug = m.detail.slug.clone();
    let role_problem = move || grant_error.get().and_then(|e| e.problem_for("role"));
    let holders = m.holders.clone();
    let revocable = m.grantable.clone();
    view! {
        <h2>{t!(i18n, manage_roles)}</h2>
        {if holders.is_empty() {
            view! { <p>{t!(i18n, roles_none)}</p> }.into_any()
        } else {
            let slug = slug.clone();
            view! {
                <TableScroll label=move || t_string!(i18n, manage_roles).to_string()>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, table_person)}</th>
                        <th scope="col">{t!(i18n, table_role)}</th>
                        <th scope="col">{t!(i18n, table_action)}</th>
                    </tr></thead>
                    <tbody>
                        {holders.into_iter().map(|h| {
                            let may_revoke = revocable.contains(&h.role);
                            let slug = slug.clone();
                            view! {
                                <tr>
                                    <td>{h.display_name.clone()} <br/> <span class="muted">{h.email.clone()}</span></td>
                                    <td>{role_label(i18n, h.role)}</td>
                                    <td>{may_revoke.then(|| view! {
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="municipality" value=slug.clone()/>
                                            <input type="hidden" name="grant_id" value=h.grant_id.to_string()/>
                                            <button class="link-button" type="submit">{t!(i18n, submit_revoke_role)}</button>
                                        </ActionForm>
                                    })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </TableScroll>
            }.into_any()
        }}
        <FormAlert error=grant_error/>
        <ActionForm action=grant attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=slug.clone()/>
            <Field name="email" form="rol" kind="email" autocomplete="off" required=true error=grant_error
                label=Signal::derive(move || t_string!(i18n, field_grantee_email).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_grantee_email_hint).to_string())/>
            <div class="field">
                <label class="field__label" for="veld-rol-role">{t!(i18n, field_role)}</label>
                {move || role_problem().map(|p| view! { <p class="field__error">{problem_text(i18n, p)}</p> })}
                <select class="field__input" id="veld-rol-role" name="role">
                    {m.grantable.iter().map(|&role| view! { <option value=role.as_str()>{role_label(i18n, role)}</option> }).collect_view()}
                </select>
            </div>
            <button class="button" type="submit">{t!(i18n, submit_grant_role)}</button>
        </ActionForm>
    }
}
