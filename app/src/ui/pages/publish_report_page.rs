//! `/{municipality}/trajecten/{id}/verslag-publiceren`: the project lead publishes the report
//! once every input has an answer: the decision, by whom and when, a link to the council's
//! decision, and for a later version the reason for the correction. While anything is still open
//! the page says what and links to it instead of offering the form; a publication refused all
//! the same (something opened meanwhile) keeps everything typed.

use crate::api::reports::{get_publication, PublishReport};
use crate::domain::validation::Problem;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::reports::PublicationPage;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{error_of, problem_text, Field, FormAlert, FormError, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

#[component]
pub fn PublishReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let publish = ServerAction::<PublishReport>::new();
    let key = move || {
        let p = params.read();
        (
            p.get("municipality").unwrap_or_default(),
            p.get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default(),
            publish.version().get(),
        )
    };
    let found = Resource::new(key, |(m, id, _)| get_publication(m, id));
    view! {
        <PageTitle text=t_string!(i18n, publish_report_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(page) => view! { <Publish page publish/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Publish(page: PublicationPage, publish: ServerAction<PublishReport>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = error_of(publish.value());
    let base = format!("/{}/trajecten/{}", page.municipality_slug, page.trajectory_id);
    let progress = page.progress;
    let per_cent = progress.per_cent();
    let report_problem = move || error.get().and_then(|e| e.problem_for("report"));
    let top = view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("{base}/antwoorden")>{t!(i18n, answering_title)}": " {page.trajectory_title.clone()}</a>
        </nav>
        <h1>{t!(i18n, publish_report_title)}": " {page.trajectory_title.clone()}</h1>
        <p><strong>{t!(i18n, answering_progress, answered = move || progress.answered, total = move || progress.total, per_cent = move || per_cent)}</strong></p>
        {page.promised_on.map(|d| view! { <p>{t!(i18n, publish_report_promised)} " " {long_date(locale, d)} "."</p> })}
        {move || report_problem().map(|p| view! {
            <div class="form-alert" role="alert" id="veld-report-fout"><p>{problem_text(i18n, p)}</p></div>
        })}
    }
    .into_any();
    // While something stands in the way there is nothing to fill in yet: the page says what and
    // leads to it, instead of a form whose button can only be refused. A publication refused
    // after all (something opened while the lead typed) gets its form back with what was typed.
    let refused = error.get_untracked().is_some();
    let Some(blocked) = page.blocked.filter(|_| !refused) else {
        return view! { {top} <PublishForm page publish error/> }.into_any();
    };
    let open_inputs = matches!(blocked, Problem::InputsUnanswered { .. });
    view! {
        {top}
        <div class="notice notice--warning"><p>{problem_text(i18n, blocked)}</p></div>
        <p>{if open_inputs {
            view! { <a class="button" href=format!("{base}/antwoorden?status=open")>{t!(i18n, publish_report_to_open)}</a> }.into_any()
        } else {
            view! { <a href=format!("{base}/antwoorden")>{t!(i18n, publish_report_to_answering)}</a> }.into_any()
        }}</p>
    }
    .into_any()
}

#[component]
fn PublishForm(page: PublicationPage, publish: ServerAction<PublishReport>, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let version = page.next_version;
    view! {
        <p class="lead">{if version > 1 {
            t!(i18n, publish_report_correction_intro, version = move || version).into_any()
        } else {
            t!(i18n, publish_report_intro).into_any()
        }}</p>
        <FormAlert error/>
        <ActionForm action=publish attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=page.municipality_slug.clone()/>
            <input type="hidden" name="trajectory" value=page.trajectory_id.to_string()/>
            <TextArea name="decision" error rows=5 required=true initial=page.decision.clone()
                label=text(t_string!(i18n, publish_report_decision).to_string())
                hint=text(t_string!(i18n, publish_report_decision_hint).to_string())/>
            <Field name="decided_by" autocomplete="off" error required=true initial=page.decided_by.clone()
                label=text(t_string!(i18n, report_decided_by).to_string())/>
            <Field name="decided_on" kind="date" autocomplete="off" error required=true
                initial=page.decided_on.map(|d| d.to_string()).unwrap_or_default()
                label=text(t_string!(i18n, publish_report_decided_on).to_string())/>
            <Field name="council_decision_url" kind="url" autocomplete="off" error initial=page.council_decision_url.clone()
                label=text(t_string!(i18n, publish_report_council_url).to_string())
                hint=text(t_string!(i18n, publish_report_council_url_hint).to_string())/>
            {(version > 1).then(|| view! {
                <TextArea name="correction_reason" error rows=3 required=true
                    label=text(t_string!(i18n, publish_report_correction_reason).to_string())
                    hint=text(t_string!(i18n, publish_report_correction_hint).to_string())/>
            })}
            <button class="button" type="submit">{if version > 1 {
                t!(i18n, publish_report_submit_correction).into_any()
            } else {
                t!(i18n, publish_report_submit).into_any()
            }}</button>
        </ActionForm>
    }
}
