//! `/{municipality}/trajecten/{id}/raadpleging-toevoegen` and
//! `/{municipality}/raadplegingen/{id}/bewerken`: where a project lead puts a plan up for
//! comments, in sections, in one of the trajectory's phases.

use crate::api::consultation_editing::{CreateConsultation, RemoveAttachment, UpdateConsultation};
use crate::api::consultations::get_consultation;
use crate::api::trajectories::get_trajectory;
use crate::domain::attachments::{MAX_BYTES, MAX_PER_CONSULTATION};
use crate::domain::consultations::MAX_SECTIONS;
use crate::domain::validation::Problem;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::consultations::ConsultationView;
use crate::ui::components::form::problem_text;
use crate::ui::components::form::{error_of, Field, FormAlert, FormError, Select, SubmissionToken, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What the form starts with: empty for a new consultation, the stored one when editing.
#[derive(Clone, Default)]
struct Initial {
    title: String,
    intro: String,
    phase: usize,
    pre_moderation: bool,
    /// (id, title, Markdown body)
    sections: Vec<(i32, String, String)>,
}

#[component]
fn ConsultationFields(error: FormError, initial: Initial, phases: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = (initial.sections.len() + 2).clamp(3, MAX_SECTIONS);
    let phase_options: Vec<(String, String)> =
        phases.into_iter().enumerate().map(|(i, name)| (i.to_string(), name)).collect();
    view! {
        <Field name="title" autocomplete="off" error required=true initial=initial.title.clone()
            label=Signal::derive(move || t_string!(i18n, consultation_field_title).to_string())/>
        <TextArea name="intro" error rows=5 initial=initial.intro.clone()
            label=Signal::derive(move || t_string!(i18n, consultation_field_intro).to_string())
            hint=Signal::derive(move || t_string!(i18n, consultation_field_intro_hint).to_string())/>
        <Select name="phase" error options=phase_options initial=initial.phase.to_string()
            label=Signal::derive(move || t_string!(i18n, consultation_field_phase).to_string())
            hint=Signal::derive(move || t_string!(i18n, consultation_field_phase_hint).to_string())/>
        <p class="checkbox-list__item">
            <input type="checkbox" id="veld-pre_moderation" name="pre_moderation" value="on" checked=initial.pre_moderation/>
            <label for="veld-pre_moderation">{t!(i18n, consultation_field_pre_moderation)}</label>
        </p>
        <fieldset class="field field--group">
            <legend class="field__label">{t!(i18n, consultation_field_sections)}</legend>
            <p class="field__hint">{t!(i18n, consultation_field_sections_hint)}</p>
            {(0..rows).map(|i| {
                let section = initial.sections.get(i).cloned();
                let number = i + 1;
                view! {
                    <fieldset class="repeat-row">
                        <legend>{t!(i18n, consultation_section_number, number = move || number)}</legend>
                        <input type="hidden" name=format!("section_id[{i}]") value=section.as_ref().map(|s| s.0.to_string()).unwrap_or_default()/>
                        <Field name=format!("section_title[{i}]") autocomplete="off" error
                            initial=section.as_ref().map(|s| s.1.clone()).unwrap_or_default()
                            label=Signal::derive(move || t_string!(i18n, consultation_field_section_title).to_string())/>
                        <TextArea name=format!("section_body[{i}]") error rows=6
                            initial=section.as_ref().map(|s| s.2.clone()).unwrap_or_default()
                            label=Signal::derive(move || t_string!(i18n, consultation_field_section_body).to_string())
                            hint=Signal::derive(move || t_string!(i18n, field_body_hint).to_string())/>
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn NewConsultationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let trajectory = Resource::new(move || (slug(), id()), |(slug, id)| get_trajectory(slug, id));
    let create = ServerAction::<CreateConsultation>::new();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match trajectory.await {
                    Ok(t) if t.can_manage => {
                        let error = error_of(create.value());
                        let phases = t.phases.iter().map(|p| p.name.clone()).collect();
                        view! {
                            <PageTitle text=t_string!(i18n, consultation_new_title).to_string()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=format!("/{}/trajecten/{}", t.municipality_slug, t.id)>{t.title.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, consultation_new_title)}</h1>
                            <p class="lead">{t!(i18n, consultation_new_intro)}</p>
                            {move || matches!(error.get(), Some(AppError::Forbidden)).then(|| view! { <Forbidden/> })}
                            <FormAlert error/>
                            <ActionForm action=create attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="municipality" value=t.municipality_slug.clone()/>
                                <input type="hidden" name="trajectory" value=t.id/>
                                <SubmissionToken/>
                                <ConsultationFields error initial=Initial::default() phases/>
                                <button class="button" type="submit">{t!(i18n, consultation_create)}</button>
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

#[component]
pub fn ConsultationEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let update = ServerAction::<UpdateConsultation>::new();
    let remove = ServerAction::<RemoveAttachment>::new();
    let consultation = Resource::new(
        move || (slug(), id(), remove.version().get()),
        |(slug, id, _)| get_consultation(slug, id, String::new(), String::new(), String::new()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match consultation.await {
                    Ok(c) if c.can_manage => {
                        let error = error_of(update.value());
                        let initial = Initial {
                            title: c.title.clone(),
                            intro: c.intro_markdown.clone().unwrap_or_default(),
                            phase: c.phase_index,
                            pre_moderation: c.pre_moderation,
                            sections: c.sections.iter().map(|s| (s.id, s.title.clone(), s.body_markdown.clone().unwrap_or_default())).collect(),
                        };
                        let page = format!("/{}/raadplegingen/{}", c.municipality_slug, c.id);
                        let phase_names = c.phase_names.clone();
                        let (slug, id, attachments) = (c.municipality_slug.clone(), c.id, c.clone());
                        view! {
                            <PageTitle text=format!("{} – {}", t_string!(i18n, consultation_edit), c.title)/>
                            <h1>{t!(i18n, consultation_edit)} ": " {c.title.clone()}</h1>
                            <p><a href=page>{t!(i18n, consultation_view)}</a></p>
                            <FormAlert error/>
                            <ActionForm action=update attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="municipality" value=slug/>
                                <input type="hidden" name="id" value=id/>
                                <ConsultationFields error initial phases=phase_names/>
                                <button class="button" type="submit">{t!(i18n, consultation_save)}</button>
                            </ActionForm>
                            <Attachments c=attachments remove/>
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

/// The files that go with the plan: a plain multipart form to add one (no JavaScript needed),
/// and a button to remove each.
#[component]
fn Attachments(c: ConsultationView, remove: ServerAction<RemoveAttachment>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let problem = move || {
        query.read().get("bijlage_fout").map(|code| match code.as_str() {
            "leeg" => Problem::Required,
            "te-groot" => Problem::FileTooLarge { max_mb: (MAX_BYTES / (1024 * 1024)) as u32 },
            "te-veel" => Problem::TooMany { max: MAX_PER_CONSULTATION as u32 },
            _ => Problem::FileTypeRefused,
        })
    };
    let added = move || query.read().get("bijlage").is_some();
    let action = format!("/{}/raadplegingen/{}/bijlagen", c.municipality_slug, c.id);
    let slug = c.municipality_slug.clone();
    let consultation = c.id;
    view! {
        <section aria-labelledby="bijlagen">
            <h2 id="bijlagen">{t!(i18n, attachments_title)}</h2>
            {move || added().then(|| view! { <p class="notice" role="status">{t!(i18n, attachment_added)}</p> })}
            {(c.attachments.is_empty()).then(|| view! { <p>{t!(i18n, attachments_none)}</p> })}
            <ul class="attachment-list">
                {c.attachments.into_iter().map(|a| {
                    let slug = slug.clone();
                    let label = format!("{} {}", t_string!(i18n, attachment_remove), a.file_name);
                    view! {
                        <li>
                            <a href=a.href download>{a.file_name}</a> " (" {a.kind.label()} ", " {a.size} ") "
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="municipality" value=slug/>
                                <input type="hidden" name="consultation" value=consultation/>
                                <input type="hidden" name="attachment" value=a.id/>
                                <button class="button button--small button--secondary" type="submit" aria-label=label>{t!(i18n, attachment_remove)}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="form" method="post" enctype="multipart/form-data" action=action>
                <div class="field" class:field--invalid=move || problem().is_some()>
                    <label class="field__label" for="veld-file">{t!(i18n, attachment_field)}</label>
                    <p class="field__hint" id="veld-file-hint">{t!(i18n, attachment_hint)}</p>
                    {move || problem().map(|p| view! { <p class="field__error" id="veld-file-fout">{problem_text(i18n, p)}</p> })}
                    <input class="field__input" type="file" id="veld-file" name="file"
                        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                        aria-invalid=move || problem().map(|_| "true")
                        aria-describedby=move || if problem().is_some() { "veld-file-hint veld-file-fout" } else { "veld-file-hint" }/>
                </div>
                <button class="button button--secondary" type="submit">{t!(i18n, attachment_upload)}</button>
            </form>
        </section>
    }
}
