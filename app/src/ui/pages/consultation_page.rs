//! `/{municipality}/raadplegingen/{id}`: a plan put up for comments. The plan comes first, in
//! sections, each with a way to react to it; then the comment form (or, in plain words, why the
//! reader cannot comment now); then the discussion, sorted and paged through the address.

use crate::api::consultations::get_consultation;
use crate::domain::consultations::Window;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::consultations::{ConsultationView, MayComment};
use crate::ui::components::consultations::comment::{Comment, CommentActions, Thread};
use crate::ui::components::consultations::comment_form::CommentForm;
use crate::ui::components::consultations::discussion_controls::{DiscussionControls, Pagination};
use crate::ui::components::consultations::labels::may_comment_text;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{error_of, FormAlert};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let choice = move || {
        let q = query.read();
        (
            q.get("sorteer").unwrap_or_default(),
            q.get("pagina").unwrap_or_default(),
            q.get("onderdeel").unwrap_or_default(),
        )
    };
    let actions = CommentActions::new();
    let consultation = Resource::new(
        move || (slug(), id(), choice(), actions.version()),
        |(slug, id, (sort, page, section), _)| get_consultation(slug, id, sort, page, section),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match consultation.await {
                    Ok(c) => view! { <Consultation c actions/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Consultation(c: ConsultationView, actions: CommentActions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let base = format!("/{}/raadplegingen/{}", c.municipality_slug, c.id);
    let trajectory_href = format!("/{}/trajecten/{}", c.municipality_slug, c.trajectory_id);
    let section_titles: Vec<(i32, String)> = c.sections.iter().map(|s| (s.id, s.title.clone())).collect();
    let thread = Thread {
        slug: c.municipality_slug.clone(),
        consultation: c.id,
        token: c.submission_token.clone(),
        signed_in: c.may_comment != MayComment::SignIn || c.submission_token.is_some(),
        must_confirm_email: c.must_confirm_email,
        reader_area: c.reader_area.clone(),
        can_moderate: c.can_moderate,
        actions,
    };
    let window = c.window;
    let window_text = {
        let locale = i18n.get_locale();
        match window {
            Window::NotYetOpen { opens_on } => {
                let day = long_date(locale, opens_on);
                t!(i18n, consultation_opens, day = move || day.clone()).into_any()
            }
            Window::Open { closes_on } => {
                let day = long_date(locale, closes_on);
                t!(i18n, consultation_open_until, day = move || day.clone()).into_any()
            }
            Window::Closed { closed_on } => {
                let day = long_date(locale, closed_on);
                t!(i18n, consultation_closed, day = move || day.clone()).into_any()
            }
        }
    };
    let saved = move || query.read().get("opgeslagen").is_some();
    let post_error = error_of(actions.post.value());
    let reason = may_comment_text(i18n, &c.may_comment);
    let sign_in_href = format!("/inloggen?next={base}");
    let discussion = c.discussion.clone();
    let phase_name = c.phase_name.clone();
    let total = discussion.readable;
    let comments = discussion.comments.clone();
    view! {
        <PageTitle text=c.title.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/{}", c.municipality_slug)>{c.municipality_name.clone()}</a>
            " › "
            <a href=trajectory_href.clone()>{c.trajectory_title.clone()}</a>
        </nav>
        <h1 lang=content_lang()>{c.title.clone()}</h1>
        <p class="trajectory-meta">
            <span class="badge">{t!(i18n, consultation_badge)}</span>
            <span>{t!(i18n, consultation_in_phase, phase = move || phase_name.clone())}</span>
            " · "
            <strong>{window_text}</strong>
        </p>
        {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, saved_details)}</p> })}
        <StaffLinks c=c.clone() base=base.clone()/>
        <div class="prose" lang=content_lang() inner_html=c.intro_html.clone()></div>
        <p><a href=trajectory_href>{t!(i18n, consultation_rules_link)}</a></p>
        {(!c.attachments.is_empty()).then(|| view! {
            <section aria-labelledby="bijlagen">
                <h2 id="bijlagen">{t!(i18n, attachments_title)}</h2>
                <ul class="attachment-list">
                    {c.attachments.iter().map(|a| view! {
                        <li><a href=a.href.clone() download>{a.file_name.clone()}</a> " (" {a.kind.label()} ", " {a.size.clone()} ")"</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!c.sections.is_empty()).then(|| view! {
            <section aria-labelledby="het-plan">
                <h2 id="het-plan">{t!(i18n, consultation_plan)}</h2>
                {c.sections.iter().map(|s| {
                    let heading = format!("onderdeel-{}", s.id);
                    let count = s.comments;
                    let read_href = format!("{base}?onderdeel={}#discussie", s.id);
                    let react_href = format!("{base}?onderdeel={}#reageren", s.id);
                    view! {
                        <section class="plan-section" aria-labelledby=heading.clone()>
                            <h3 id=heading.clone()>{s.title.clone()}</h3>
                            <div class="prose" lang=content_lang() inner_html=s.body_html.clone()></div>
                            <p class="plan-section__links">
                                <a href=read_href>{t!(i18n, section_read_comments, count = move || count)}</a>
                                {(c.may_comment == MayComment::Yes).then(|| view! {
                                    " · " <a href=react_href>{t!(i18n, section_react)}</a>
                                })}
                            </p>
                        </section>
                    }
                }).collect_view()}
            </section>
        })}
        <section aria-labelledby="reageren">
            <h2 id="reageren">{t!(i18n, consultation_react)}</h2>
            {match reason {
                None => view! {
                    {c.pre_moderation.then(|| view! { <p class="notice" role="note">{t!(i18n, consultation_pre_moderation)}</p> })}
                    <FormAlert error=post_error/>
                    <CommentForm thread=thread.clone() sections=section_titles.clone() chosen=c.discussion.section/>
                }.into_any(),
                Some(text) => view! {
                    <p class="notice" role="note">{text}</p>
                    {(c.may_comment == MayComment::SignIn).then(|| view! {
                        <p><a class="button" href=sign_in_href>{t!(i18n, nav_log_in)}</a></p>
                    })}
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="discussie">
            <h2 id="discussie">{t!(i18n, consultation_discussion, count = move || total)}</h2>
            <DiscussionControls base=base.clone() discussion=discussion.clone() sections=section_titles/>
            {if comments.is_empty() {
                view! { <p>{t!(i18n, discussion_empty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="comments">
                        {comments.into_iter().map(|comment| view! { <li><Comment comment thread=thread.clone()/></li> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <Pagination base discussion/>
        </section>
    }
}

/// What staff of the municipality can do from here.
#[component]
fn StaffLinks(c: ConsultationView, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let any = c.can_manage || c.can_moderate || c.can_enter_for_others;
    any.then(|| {
        view! {
            <ul class="staff-links" aria-label=move || t_string!(i18n, staff_links_label)>
                {c.can_manage.then(|| view! { <li><a class="button button--secondary" href=format!("{base}/bewerken")>{t!(i18n, consultation_edit)}</a></li> })}
                {c.can_enter_for_others.then(|| view! { <li><a class="button button--secondary" href=format!("{base}/invoeren")>{t!(i18n, offline_title)}</a></li> })}
                {c.can_moderate.then(|| view! { <li><a class="button button--secondary" href=format!("/beheer/{}/moderatie", c.municipality_slug)>{t!(i18n, moderation_title)}</a></li> })}
            </ul>
        }
    })
}
