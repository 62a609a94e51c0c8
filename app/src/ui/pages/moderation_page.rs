//! `/beheer/{municipality}/moderatie`: the moderators' queue. Each reported or waiting comment
//! with its reports; hide it with a reason everyone can read, let it through, or mark the reports
//! unfounded. Every decision lands in the audit log.

use crate::api::moderation::{list_moderation_queue, ModerateComment};
use crate::domain::consultations::InputStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::moderation::QueueItem;
use crate::ui::components::consultations::labels::moment;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::form::{error_of, FormAlert, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let moderate = ServerAction::<ModerateComment>::new();
    let queue = Resource::new(move || (slug(), moderate.version().get()), |(slug, _)| list_moderation_queue(slug));
    view! {
        <PageTitle text=t_string!(i18n, moderation_title).to_string()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=move || format!("/beheer/{}", slug())>{t!(i18n, nav_admin)}</a>
        </nav>
        <h1>{t!(i18n, moderation_title)}</h1>
        <p class="lead">{t!(i18n, moderation_intro)}</p>
        <p><a href=move || format!("/{}/huisregels", slug())>{t!(i18n, house_rules_title)}</a>
            " · " <a href=move || format!("/beheer/{}/logboek", slug())>{t!(i18n, audit_title)}</a></p>
        <FormAlert error=error_of(moderate.value())/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) if items.is_empty() => view! { <p>{t!(i18n, moderation_empty)}</p> }.into_any(),
                    Ok(items) => view! {
                        <ol class="moderation-queue">
                            {items.into_iter().map(|item| view! { <li><QueueCard item slug=slug() moderate/></li> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueCard(item: QueueItem, slug: String, moderate: ServerAction<ModerateComment>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(moderate.value());
    let heading = format!("melding-{}", item.comment);
    let href = format!("/{slug}/raadplegingen/{}#reactie-{}", item.consultation, item.comment);
    let field = format!("hide_reason[{}]", item.comment);
    let comment = item.comment;
    let decide = {
        let slug = slug.clone();
        move |decision: &'static str, label: AnyView, secondary: bool| {
            let slug = slug.clone();
            view! {
                <ActionForm action=moderate attr:class="inline-form">
                    <input type="hidden" name="municipality" value=slug/>
                    <input type="hidden" name="comment" value=comment/>
                    <input type="hidden" name="decision" value=decision/>
                    <button class="button button--small" class:button--secondary=secondary type="submit">{label}</button>
                </ActionForm>
            }
        }
    };
    let waiting = item.status == InputStatus::Pending;
    view! {
        <article class="comment" aria-labelledby=heading.clone()>
            <h2 class="comment__author" id=heading.clone()>{item.author.clone()} " – " <a href=href>{item.consultation_title.clone()}</a></h2>
            <p class="comment__time">{moment(i18n, item.created_local)}</p>
            {waiting.then(|| view! { <p class="badge">{t!(i18n, moderation_waiting)}</p> })}
            <p class="comment__body" lang=content_lang()>{item.body.clone()}</p>
            {(!item.reports.is_empty()).then(|| view! {
                <h3>{t!(i18n, moderation_reports)}</h3>
                <ul>{item.reports.iter().map(|r| view! { <li>{r.reason.clone()}</li> }).collect_view()}</ul>
            })}
            <ActionForm action=moderate attr:class="form form--compact" attr:novalidate=true>
                <input type="hidden" name="municipality" value=slug.clone()/>
                <input type="hidden" name="comment" value=comment/>
                <input type="hidden" name="decision" value="hide"/>
                <TextArea name="reason" key=field error rows=2
                    label=Signal::derive(move || t_string!(i18n, moderation_hide_reason).to_string())
                    hint=Signal::derive(move || t_string!(i18n, moderation_hide_hint).to_string())/>
                <button class="button" type="submit">{t!(i18n, moderation_hide)}</button>
            </ActionForm>
            <div class="comment__actions">
                {waiting.then(|| decide("approve", t!(i18n, moderation_approve).into_any(), false))}
                {(!item.reports.is_empty()).then(|| decide("unfounded", t!(i18n, moderation_unfounded).into_any(), true))}
            </div>
        </article>
    }
}
