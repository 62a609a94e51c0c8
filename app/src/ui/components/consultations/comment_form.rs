//! The form to comment on the plan, on one of its sections, or to reply to a comment. It carries
//! the page's submission token, so sending it twice makes one comment, and links the house rules.

use crate::i18n::*;
use crate::ui::components::consultations::comment::Thread;
use crate::ui::components::form::{error_of, Select, TextArea};
use leptos::prelude::*;

#[component]
pub fn CommentForm(
    thread: Thread,
    /// Set for a reply: the comment it answers.
    #[prop(optional)]
    parent: Option<i32>,
    /// For a new comment: the sections one can react to (id, title).
    #[prop(optional)]
    sections: Vec<(i32, String)>,
    /// The section chosen beforehand (from "react to this section").
    #[prop(default = None)]
    chosen: Option<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(thread.actions.post.value());
    let key = match parent {
        Some(p) => format!("reply_body[{p}]"),
        None => "body".to_owned(),
    };
    let house_rules = format!("/{}/huisregels", thread.slug);
    let label = move || match parent {
        Some(_) => t_string!(i18n, comment_reply_label).to_string(),
        None => t_string!(i18n, comment_body_label).to_string(),
    };
    let mut options = vec![(String::new(), t_string!(i18n, comment_on_whole_plan).to_string())];
    options.extend(sections.iter().map(|(id, title)| (id.to_string(), title.clone())));
    let show_area_id = format!("toon-wijk-{}", parent.map_or("plan".to_owned(), |p| p.to_string()));
    view! {
        <ActionForm action=thread.actions.post attr:class="form form--compact" attr:novalidate=true>
            <input type="hidden" name="municipality" value=thread.slug.clone()/>
            <input type="hidden" name="consultation" value=thread.consultation/>
            <input type="hidden" name="submission_token" value=thread.token.clone().unwrap_or_default()/>
            {parent.map(|p| view! { <input type="hidden" name="parent" value=p/> })}
            {(parent.is_none() && !sections.is_empty()).then(|| view! {
                <Select name="section" error options initial=chosen.map(|c| c.to_string()).unwrap_or_default()
                    label=Signal::derive(move || t_string!(i18n, comment_section_label).to_string())/>
            })}
            <TextArea name="body" key=key error rows=if parent.is_some() { 3 } else { 6 } label=Signal::derive(label)
                max_chars=crate::domain::consultations::COMMENT_MAX as u32
                when_empty=Signal::derive(move || if parent.is_some() { t_string!(i18n, empty_reply).to_string() } else { t_string!(i18n, empty_comment).to_string() })
                hint=Signal::derive(move || t_string!(i18n, comment_body_hint).to_string())/>
            {thread.reader_area.clone().map(|area| view! {
                <p class="checkbox-list__item">
                    <input type="checkbox" id=show_area_id.clone() name="show_area" value="on"/>
                    <label for=show_area_id.clone()>{t!(i18n, comment_show_area, area = move || area.clone())}</label>
                </p>
            })}
            <p class="field__hint"><a href=house_rules>{t!(i18n, comment_house_rules_link)}</a></p>
            <button class="button" type="submit">
                {if parent.is_some() { t!(i18n, comment_reply_send).into_any() } else { t!(i18n, comment_send).into_any() }}
            </button>
        </ActionForm>
    }
}
