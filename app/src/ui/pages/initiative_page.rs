//! `/{municipality}/initiatief-indienen`: a resident brings an initiative, idea or question to the
//! desk; and `/beheer/{municipality}/loket/invoeren`: a desk officer enters one for someone helped
//! at the counter, by phone or by letter. One form for both; without JavaScript it posts and the
//! server sends the person on to the new case.

use crate::api::initiatives::{get_initiative_form, SubmitInitiative};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::initiatives::InitiativeFormPage;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::desk::initiative_form::InitiativeFields;
use crate::ui::components::form::{error_of, FormAlert};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SubmitInitiativePage() -> impl IntoView {
    view! { <InitiativePage for_someone_else=false/> }
}

#[component]
pub fn EnterInitiativePage() -> impl IntoView {
    view! { <InitiativePage for_someone_else=true/> }
}

#[component]
fn InitiativePage(for_someone_else: bool) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let form = Resource::new(slug, get_initiative_form);
    let submit = ServerAction::<SubmitInitiative>::new();
    let title = move || {
        if for_someone_else {
            t_string!(i18n, initiative_enter_title).to_string()
        } else {
            t_string!(i18n, initiative_title).to_string()
        }
    };
    view! {
        <PageTitle text=title()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(page) if for_someone_else && !page.may_enter_for_others => view! { <Forbidden/> }.into_any(),
                    Ok(page) => view! { <FormOrSignIn page submit for_someone_else title=title()/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FormOrSignIn(
    page: InitiativeFormPage,
    submit: ServerAction<SubmitInitiative>,
    for_someone_else: bool,
    title: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(submit.value());
    let (ack, answer) = (page.norm.acknowledge_within, page.norm.answer_within);
    let back = if for_someone_else {
        format!("/beheer/{}/loket", page.municipality_slug)
    } else {
        format!("/{}", page.municipality_slug)
    };
    let back_name = page.municipality_name.clone();
    let register = format!("/{}/initiatieven", page.municipality_slug);
    let body = if page.submission_token.is_none() {
        let next = format!("/{}/initiatief-indienen", page.municipality_slug);
        view! {
            <p class="notice" role="note">{t!(i18n, initiative_sign_in)}</p>
            <p>
                <a class="button" href=format!("/inloggen?next={next}")>{t!(i18n, nav_log_in)}</a>
                " "
                <a class="button button--secondary" href="/registreren">{t!(i18n, nav_register)}</a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <FormAlert error/>
            <ActionForm action=submit attr:class="form" attr:novalidate=true>
                <InitiativeFields page=page.clone() error for_someone_else/>
                <button class="button" type="submit">{t!(i18n, initiative_submit)}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=back>{back_name}</a>
        </nav>
        <h1 lang=content_lang()>{title}</h1>
        <p class="lead">{t!(i18n, initiative_intro)}</p>
        <p>{t!(i18n, initiative_norm, acknowledge = move || ack, answer = move || answer)} " "
            <a href=register>{t!(i18n, initiative_register_link)}</a>
        </p>
        {body}
    }
}
