//! The parts of the answering screens: one input as the lead sees it, and the fields of an
//! answer (disposition, reason, the fixed item for "outside the scope", where "forwarded" went,
//! a title for a group).

use crate::domain::reports::Disposition;
use crate::i18n::*;
use crate::model::reports::{AnswerView, InputRow};
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{Field, FormError, Select, TextArea};
use crate::ui::components::reports::{disposition_label, item_kind_label};
use leptos::prelude::*;

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

/// "Comment · Online · Jan de Vries · 3 March 2026 · Consultation · Centrum".
pub fn row_meta(i18n: leptos_i18n::I18nContext<Locale>, row: &InputRow) -> String {
    let locale = i18n.get_locale_untracked();
    [item_kind_label(i18n, row.kind), channel_label(i18n, row.channel)]
        .into_iter()
        .chain(row.case_number.clone())
        .chain(row.author.clone())
        .chain([long_date(locale, row.received_on)])
        .chain((!row.activity_title.is_empty()).then(|| row.activity_title.clone()))
        .chain(row.area.clone())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What an input says, and its answer so far.
#[component]
pub fn InputRowBody(row: InputRow, answer_link: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {row.title.clone().map(|t| view! { <p><strong>{t}</strong></p> })}
        <p class="preserve-lines" lang=content_lang()>{row.body.clone()}</p>
        {(!row.public).then(|| view! { <p class="field__hint">{t!(i18n, answering_not_public)}</p> })}
        {match row.answer.clone() {
            Some(answer) => view! { <AnswerSummary answer link=answer_link/> }.into_any(),
            None => view! { <p class="badge badge--late">{t!(i18n, answering_no_answer)}</p> }.into_any(),
        }}
    }
}

#[component]
fn AnswerSummary(answer: AnswerView, link: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let size = answer.size;
    view! {
        <div class="report-answer">
            <p>
                <strong>{disposition_label(i18n, answer.disposition)}</strong>
                {answer.group_title.clone().map(|t| format!(" – {t}"))}
                {(size > 1).then(|| view! { " " <span class="badge">{t!(i18n, answering_group_size, count = move || size)}</span> })}
            </p>
            <p class="preserve-lines" lang=content_lang()>{answer.reason.clone()}</p>
            {link.map(|href| view! { <p><a href=href>{t!(i18n, answering_change_answer)}</a></p> })}
        </div>
    }
}

/// The fields of an answer, filled in with `initial` when revising one. The fields that belong to
/// one disposition (the fixed item for "outside the scope", where a forwarded input went) are
/// marked with it; the stylesheet shows them only while that disposition is chosen, without
/// script (`:has`; a browser without it shows them all, and the server ignores them for any other
/// disposition).
#[component]
pub fn AnswerFields(
    error: FormError,
    fixed_items: Vec<(u32, String)>,
    trajectories: Vec<(i32, String)>,
    #[prop(optional)] initial: Option<AnswerView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut dispositions = vec![(String::new(), t_string!(i18n, answering_choose).to_string())];
    dispositions.extend(Disposition::ALL.into_iter().map(|d| (d.as_str().to_owned(), disposition_label(i18n, d))));
    let mut items = vec![(String::new(), t_string!(i18n, answering_no_fixed_item).to_string())];
    items.extend(fixed_items.iter().map(|(n, what)| (n.to_string(), format!("{n}. {what}"))));
    let mut targets = vec![(String::new(), t_string!(i18n, answering_no_trajectory).to_string())];
    targets.extend(trajectories.iter().map(|(id, title)| (id.to_string(), title.clone())));
    let initial = initial.as_ref();
    view! {
        <Select name="disposition" error options=dispositions
            initial=initial.map(|a| a.disposition.as_str().to_owned()).unwrap_or_default()
            label=text(t_string!(i18n, answering_disposition).to_string())/>
        <TextArea name="reason" error rows=4 required=true
            initial=initial.map(|a| a.reason.clone()).unwrap_or_default()
            label=text(t_string!(i18n, answering_reason).to_string())
            hint=text(t_string!(i18n, answering_reason_hint).to_string())/>
        <div class="form__group" data-for-disposition=Disposition::OutOfScope.as_str()>
            <Select name="fixed_item" error options=items
                initial=initial.and_then(|a| a.fixed_item).map(|n| n.to_string()).unwrap_or_default()
                label=text(t_string!(i18n, answering_fixed_item).to_string())
                hint=text(t_string!(i18n, answering_fixed_item_hint).to_string())/>
        </div>
        <div class="form__group" data-for-disposition=Disposition::Forwarded.as_str()>
            <Field name="forwarded_to" autocomplete="off" error
                initial=initial.and_then(|a| a.forwarded_to.clone()).unwrap_or_default()
                label=text(t_string!(i18n, answering_forwarded_to).to_string())
                hint=text(t_string!(i18n, answering_forwarded_hint).to_string())/>
            <Select name="forwarded_trajectory" error options=targets
                initial=initial.and_then(|a| a.forwarded_trajectory).map(|n| n.to_string()).unwrap_or_default()
                label=text(t_string!(i18n, answering_forwarded_trajectory).to_string())/>
        </div>
        <Field name="group_title" autocomplete="off" error
            initial=initial.and_then(|a| a.group_title.clone()).unwrap_or_default()
            label=text(t_string!(i18n, answering_group_title).to_string())
            hint=text(t_string!(i18n, answering_group_title_hint).to_string())/>
    }
}
