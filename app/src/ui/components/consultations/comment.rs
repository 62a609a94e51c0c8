//! One comment with its replies and what the reader can do with it: support it, reply, report
//! it, or edit and take back their own. Every action is a plain form inside a disclosure, so it
//! all works without JavaScript; hidden and taken-back comments leave a placeholder so a thread
//! stays readable.

use crate::api::consultations::{EditComment, PostComment, ReportComment, SupportComment, WithdrawComment};
use crate::api::moderation::ModerateComment;
use crate::domain::consultations::{Channel, InputStatus};
use crate::i18n::*;
use crate::model::consultations::CommentView;
use crate::ui::components::consultations::comment_form::CommentForm;
use crate::ui::components::consultations::labels::{author_label, channel_label, moment};
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{error_of, TextArea};
use leptos::prelude::*;

/// The page's comment actions, made once so every result refreshes the discussion.
#[derive(Clone, Copy)]
pub struct CommentActions {
    pub post: ServerAction<PostComment>,
    pub edit: ServerAction<EditComment>,
    pub withdraw: ServerAction<WithdrawComment>,
    pub support: ServerAction<SupportComment>,
    pub report: ServerAction<ReportComment>,
    pub moderate: ServerAction<ModerateComment>,
}

impl CommentActions {
    pub fn new() -> Self {
        Self {
            post: ServerAction::new(),
            edit: ServerAction::new(),
            withdraw: ServerAction::new(),
            support: ServerAction::new(),
            report: ServerAction::new(),
            moderate: ServerAction::new(),
        }
    }

    /// Changes whenever any of them finished.
    pub fn version(&self) -> usize {
        self.post.version().get()
            + self.edit.version().get()
            + self.withdraw.version().get()
            + self.support.version().get()
            + self.report.version().get()
            + self.moderate.version().get()
    }
}

impl Default for CommentActions {
    fn default() -> Self {
        Self::new()
    }
}

/// What every comment on the page shares.
#[derive(Clone)]
pub struct Thread {
    pub slug: String,
    pub consultation: i32,
    /// Signs the page's forms; present only when the reader may comment.
    pub token: Option<String>,
    pub signed_in: bool,
    /// Signed in, but supports count only after the e-mail address is confirmed.
    pub must_confirm_email: bool,
    pub reader_area: Option<String>,
    /// The reader moderates this municipality: hide, restore and approve in place.
    pub can_moderate: bool,
    pub actions: CommentActions,
}

#[component]
pub fn Comment(comment: CommentView, thread: Thread, #[prop(optional)] reply: bool) -> AnyView {
    let i18n = use_i18n();
    let id = comment.id;
    let anchor = format!("reactie-{id}");
    let heading_id = format!("reactie-{id}-kop");
    let author = author_label(i18n, &comment.author);
    let readable = matches!(comment.status, InputStatus::Visible | InputStatus::Pending);
    let may_act = comment.status == InputStatus::Visible && thread.signed_in;
    let replies = comment.replies.clone();
    let received = (comment.channel != Channel::Online).then_some((comment.channel, comment.received_on));
    // After an error the reply form stays open, showing what was typed and why it was refused.
    let reply_error = error_of(thread.actions.post.value());
    let reply_key = format!("reply_body[{id}]");
    let reply_open = move || reply_error.get().is_some_and(|e| e.problem_for(&reply_key).is_some());
    let heading = if reply {
        view! { <h4 class="comment__author" id=heading_id.clone()>{author}</h4> }.into_any()
    } else {
        view! { <h3 class="comment__author" id=heading_id.clone()>{author}</h3> }.into_any()
    };
    // What the reader just did to this comment, said beside it: the page lands here after the
    // action (the address ends in #reactie-N), and focus with it.
    let query = leptos_router::hooks::use_query_map();
    let done = move || {
        let q = query.read();
        let here = |key: &str| q.get(key).and_then(|v| v.parse::<i32>().ok()) == Some(id);
        let text = if here("geplaatst") {
            t_string!(i18n, comment_posted)
        } else if here("gemeld") {
            t_string!(i18n, comment_reported)
        } else if here("gesteund") {
            t_string!(i18n, comment_supported)
        } else if here("steun-ingetrokken") {
            t_string!(i18n, comment_support_taken_back)
        } else if here("bewerkt") {
            t_string!(i18n, comment_edit_done)
        } else if here("ingetrokken") {
            t_string!(i18n, comment_withdraw_done)
        } else {
            return None;
        };
        Some(view! { <p class="notice comment__done" role="status">{text.to_string()}</p> })
    };
    view! {
        <article class="comment" class:comment--official=comment.official class:comment--reply=reply
            id=anchor aria-labelledby=heading_id tabindex="-1">
            <header class="comment__meta">
                {heading}
                {comment.official.then(|| view! { <span class="badge badge--official">{t!(i18n, comment_official)}</span> })}
                {comment.area.clone().map(|area| view! { <span class="badge">{area}</span> })}
                <span class="comment__time">
                    <time datetime=comment.created_at.to_rfc3339()>{moment(i18n, comment.posted_local)}</time>
                    {comment.edited.then(|| view! { " " {t!(i18n, comment_edited)} })}
                </span>
                {received.map(|(channel, on)| {
                    let how = channel_label(i18n, channel);
                    let day = on.map(|d| long_date(i18n.get_locale(), d)).unwrap_or_default();
                    view! { <span class="comment__channel">{t!(i18n, comment_received, how = move || how.clone(), day = move || day.clone())}</span> }
                })}
                {comment.meeting.clone().map(|meeting| view! { <span class="comment__channel">{meeting}</span> })}
                {comment.section.clone().map(|section| view! { <span class="comment__section">{t!(i18n, comment_about)} " " {section}</span> })}
            </header>
            {done}
            {match comment.status {
                InputStatus::Hidden => view! {
                    <p class="comment__placeholder">
                        {t!(i18n, comment_hidden)}
                        {comment.hidden_reason.clone().map(|reason| view! { " " {t!(i18n, comment_hidden_reason)} " " {reason} })}
                    </p>
                }.into_any(),
                InputStatus::Withdrawn => view! { <p class="comment__placeholder">{t!(i18n, comment_withdrawn)}</p> }.into_any(),
                InputStatus::Pending => view! {
                    <p class="notice" role="note">{t!(i18n, comment_pending)}</p>
                    <p class="comment__body" lang=content_lang()>{comment.body.clone().unwrap_or_default()}</p>
                }.into_any(),
                InputStatus::Visible => view! { <p class="comment__body" lang=content_lang()>{comment.body.clone().unwrap_or_default()}</p> }.into_any(),
            }}
            {readable.then(|| view! {
                <div class="comment__actions">
                    <SupportCount count=comment.supports/>
                    {(may_act && !comment.own).then(|| if thread.must_confirm_email {
                        view! { <p>{t!(i18n, support_confirm_email)}</p> }.into_any()
                    } else {
                        view! { <SupportForm id supported=comment.supported thread=thread.clone()/> }.into_any()
                    })}
                    {(!reply && thread.token.is_some() && comment.status == InputStatus::Visible).then(|| view! {
                        <details class="disclosure" open=reply_open>
                            <summary>{t!(i18n, comment_reply)}</summary>
                            <CommentForm thread=thread.clone() parent=id/>
                        </details>
                    })}
                    {(may_act && !comment.own).then(|| view! { <ReportForm id thread=thread.clone()/> })}
                    {(comment.own && thread.token.is_some()).then(|| view! {
                        <OwnCommentForms id body=comment.body.clone().unwrap_or_default() thread=thread.clone()/>
                    })}
                </div>
            })}
            {thread.can_moderate.then(|| view! { <ModeratorForms id status=comment.status thread=thread.clone()/> })}
            {(!replies.is_empty()).then(|| view! {
                <ol class="comment__replies" aria-label=move || t_string!(i18n, comment_replies_label)>
                    {replies.into_iter().map(|r| view! { <li><Comment comment=r thread=thread.clone() reply=true/></li> }).collect_view()}
                </ol>
            })}
        </article>
    }
    .into_any()
}

#[component]
fn SupportCount(count: u64) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="comment__supports">{t!(i18n, comment_supports, count = move || count)}</p> }
}

#[component]
fn SupportForm(id: i32, supported: bool, thread: Thread) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action=thread.actions.support attr:class="inline-form">
            <input type="hidden" name="municipality" value=thread.slug.clone()/>
            <input type="hidden" name="consultation" value=thread.consultation/>
            <input type="hidden" name="comment" value=id/>
            <input type="hidden" name="support" value=(!supported).to_string()/>
            <button class="button button--small button--secondary" type="submit">
                {if supported { t!(i18n, comment_unsupport).into_any() } else { t!(i18n, comment_support).into_any() }}
            </button>
        </ActionForm>
    }
}

#[component]
fn ReportForm(id: i32, thread: Thread) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(thread.actions.report.value());
    let field = format!("report_reason[{id}]");
    let open = {
        let field = field.clone();
        move || error.get().is_some_and(|e| e.problem_for(&field).is_some())
    };
    view! {
        <details class="disclosure" open=open>
            <summary>{t!(i18n, comment_report)}</summary>
            <ActionForm action=thread.actions.report attr:class="form form--compact" attr:novalidate=true>
                <input type="hidden" name="municipality" value=thread.slug.clone()/>
                <input type="hidden" name="consultation" value=thread.consultation/>
                <input type="hidden" name="comment" value=id/>
                <TextArea name="reason" key=field.clone() error rows=3
                    label=Signal::derive(move || t_string!(i18n, comment_report_reason).to_string())
                    hint=Signal::derive(move || t_string!(i18n, comment_report_hint).to_string())/>
                <button class="button button--secondary" type="submit">{t!(i18n, comment_report_send)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn OwnCommentForms(id: i32, body: String, thread: Thread) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(thread.actions.edit.value());
    let field = format!("edit_body[{id}]");
    let (edit, withdraw, consultation) = (thread.actions.edit, thread.actions.withdraw, thread.consultation);
    let (slug, slug_again) = (thread.slug.clone(), thread.slug);
    view! {
        <details class="disclosure">
            <summary>{t!(i18n, comment_edit)}</summary>
            <ActionForm action=edit attr:class="form form--compact" attr:novalidate=true>
                <input type="hidden" name="municipality" value=slug.clone()/>
                <input type="hidden" name="consultation" value=consultation/>
                <input type="hidden" name="comment" value=id/>
                <TextArea name="body" key=field error rows=5 initial=body max_chars=crate::domain::consultations::COMMENT_MAX as u32
                    label=Signal::derive(move || t_string!(i18n, comment_edit_label).to_string())/>
                <button class="button" type="submit">{t!(i18n, comment_edit_save)}</button>
            </ActionForm>
        </details>
        // Taking a comment back cannot be undone: one more step, which works without script.
        <details class="disclosure">
            <summary>{t!(i18n, comment_withdraw)}</summary>
            <ActionForm action=withdraw attr:class="form form--compact">
                <input type="hidden" name="municipality" value=slug_again/>
                <input type="hidden" name="consultation" value=consultation/>
                <input type="hidden" name="comment" value=id/>
                <p>{t!(i18n, comment_withdraw_confirm)}</p>
                <button class="button button--small button--secondary" type="submit">{t!(i18n, comment_withdraw_yes)}</button>
            </ActionForm>
        </details>
    }
}

/// A moderator's controls on the page itself: hide with a public reason, show again, let through.
#[component]
fn ModeratorForms(id: i32, status: InputStatus, thread: Thread) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(thread.actions.moderate.value());
    let field = format!("hide_reason[{id}]");
    let back_to = format!("/{}/raadplegingen/{}#reactie-{id}", thread.slug, thread.consultation);
    let open = {
        let field = field.clone();
        move || error.get().is_some_and(|e| e.problem_for(&field).is_some())
    };
    let action = thread.actions.moderate;
    let decide = {
        let (slug, back_to) = (thread.slug.clone(), back_to.clone());
        move |decision: &'static str, label: AnyView| {
            let (slug, back_to) = (slug.clone(), back_to.clone());
            view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="municipality" value=slug/>
                    <input type="hidden" name="comment" value=id/>
                    <input type="hidden" name="decision" value=decision/>
                    <input type="hidden" name="back_to" value=back_to/>
                    <button class="button button--small button--secondary" type="submit">{label}</button>
                </ActionForm>
            }
        }
    };
    let hideable = matches!(status, InputStatus::Visible | InputStatus::Pending);
    view! {
        <div class="comment__moderation">
            {hideable.then(|| view! {
                <details class="disclosure" open=open>
                    <summary>{t!(i18n, moderation_hide_open)}</summary>
                    <ActionForm action attr:class="form form--compact" attr:novalidate=true>
                        <input type="hidden" name="municipality" value=thread.slug.clone()/>
                        <input type="hidden" name="comment" value=id/>
                        <input type="hidden" name="decision" value="hide"/>
                        <input type="hidden" name="back_to" value=back_to.clone()/>
                        <TextArea name="reason" key=field.clone() error rows=2
                            label=Signal::derive(move || t_string!(i18n, moderation_hide_reason).to_string())/>
                        <button class="button" type="submit">{t!(i18n, moderation_hide)}</button>
                    </ActionForm>
                </details>
            })}
            {(status == InputStatus::Pending).then(|| decide("approve", t!(i18n, moderation_approve).into_any()))}
            {(status == InputStatus::Hidden).then(|| decide("restore", t!(i18n, moderation_restore).into_any()))}
        </div>
    }
}
