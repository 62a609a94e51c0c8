//! `/{municipality}/ideeen/{id}`: an ideas activity in a trajectory: what the municipality asks,
//! while the phase runs the form to bring an idea in (each idea gets a case number and an answer,
//! like at the desk), and the ideas shown publicly, with their supports. And
//! `/{municipality}/trajecten/{id}/ideeen-toevoegen`: a project lead opens one in a phase.

use crate::api::ideas::{get_ideas, CreateIdeasActivity};
use crate::api::initiatives::SubmitInitiative;
use crate::api::trajectories::get_trajectory;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::consultations::MayComment;
use crate::model::ideas::IdeasView;
use crate::ui::components::consultations::labels::not_eligible_text;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::desk::initiative_form::InitiativeFields;
use crate::ui::components::desk::labels::status_label;
use crate::ui::components::form::{error_of, Field, FormAlert, Select, SubmissionToken, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn IdeasPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default();
    let submit = ServerAction::<SubmitInitiative>::new();
    let ideas = Resource::new(move || (slug(), id()), |(m, id)| get_ideas(m, id));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match ideas.await {
                    Ok(view) => view! { <Ideas view submit/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Ideas(view: IdeasView, submit: ServerAction<SubmitInitiative>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = error_of(submit.value());
    let slug = view.municipality_slug.clone();
    let total = view.total;
    let why_not = match &view.may_take_part {
        MayComment::Yes => None,
        MayComment::SignIn => Some(
            view! {
                <a href=format!("/inloggen?next=/{}/ideeen/{}", slug, view.id)>{t!(i18n, ideas_sign_in)}</a>
            }
            .into_any(),
        ),
        MayComment::NotYetOpen(day) => {
            let day = long_date(locale, *day);
            Some(t!(i18n, ideas_opens_on, day = move || day.clone()).into_any())
        }
        MayComment::Closed(day) => {
            let day = long_date(locale, *day);
            Some(t!(i18n, ideas_closed_on, day = move || day.clone()).into_any())
        }
        MayComment::NotEligible(reason) => Some(not_eligible_text(i18n, reason)),
    };
    let form = view.form.clone().map(|page| {
        let id = view.id;
        view! {
            <section aria-labelledby="idee-inbrengen">
                <h2 id="idee-inbrengen">{t!(i18n, ideas_form_title)}</h2>
                <FormAlert error/>
                <ActionForm action=submit attr:class="form" attr:novalidate=true>
                    <InitiativeFields page error for_someone_else=false activity=id/>
                    <button class="button" type="submit">{t!(i18n, initiative_submit)}</button>
                </ActionForm>
            </section>
        }
    });
    view! {
        <PageTitle text=view.title.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/{slug}/trajecten/{}", view.trajectory_id)>{view.trajectory_title.clone()}</a>
        </nav>
        <h1 lang=content_lang()>{view.title.clone()}</h1>
        <div class="prose" lang=content_lang() inner_html=view.intro_html.clone()></div>
        <p>{t!(i18n, ideas_explained)}</p>
        {why_not.map(|text| view! { <p class="notice" role="note">{text}</p> })}
        {form}
        <section aria-labelledby="ideeen">
            <h2 id="ideeen">{t!(i18n, ideas_list_title)}</h2>
            <p role="status">{t!(i18n, ideas_count, count = move || total)}</p>
            {if view.ideas.is_empty() {
                view! { <p>{t!(i18n, ideas_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="activity-list">
                        {view.ideas.iter().map(|idea| {
                            let supports = idea.supports;
                            view! {
                                <li class="activity-card">
                                    <h3><a href=format!("/{slug}/initiatieven/{}", idea.id)>{idea.title.clone()}</a></h3>
                                    <p>{status_label(i18n, idea.status)} " · " {t!(i18n, register_supports, count = move || supports)}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn NewIdeasPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let trajectory = Resource::new(move || (slug(), id()), |(slug, id)| get_trajectory(slug, id));
    let create = ServerAction::<CreateIdeasActivity>::new();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match trajectory.await {
                    Ok(t) if t.can_manage => {
                        let error = error_of(create.value());
                        let phases: Vec<(String, String)> =
                            t.phases.iter().enumerate().map(|(i, p)| (i.to_string(), p.name.clone())).collect();
                        view! {
                            <PageTitle text=t_string!(i18n, ideas_new_title).to_string()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=format!("/{}/trajecten/{}", t.municipality_slug, t.id)>{t.title.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, ideas_new_title)}</h1>
                            <p class="lead">{t!(i18n, ideas_new_intro)}</p>
                            <FormAlert error/>
                            <ActionForm action=create attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="municipality" value=t.municipality_slug.clone()/>
                                <input type="hidden" name="trajectory" value=t.id/>
                                <SubmissionToken/>
                                <Field name="title" autocomplete="off" error required=true
                                    label=Signal::derive(move || t_string!(i18n, consultation_field_title).to_string())/>
                                <TextArea name="intro" error rows=5
                                    label=Signal::derive(move || t_string!(i18n, consultation_field_intro).to_string())
                                    hint=Signal::derive(move || t_string!(i18n, consultation_field_intro_hint).to_string())/>
                                <Select name="phase" error options=phases
                                    label=Signal::derive(move || t_string!(i18n, consultation_field_phase).to_string())
                                    hint=Signal::derive(move || t_string!(i18n, ideas_field_phase_hint).to_string())/>
                                <button class="button" type="submit">{t!(i18n, ideas_create)}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    Ok(_) | Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
