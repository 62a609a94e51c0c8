//! A case as its initiator and the desk read it: where it stands, the deadlines the desk keeps
//! (and whether the clock stands still), what was asked, every step with its day, and the
//! messages. Built from `CaseView`, which never holds the desk's internal notes.

use crate::i18n::*;
use crate::model::initiatives::CaseView;
use crate::ui::components::consultations::labels::moment;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::desk::labels::{kind_label, status_label, support_label};
use leptos::prelude::*;

#[component]
pub fn CaseRecord(
    case: CaseView,
    /// Shown to the desk rather than to the initiator: the words say who waits for whom.
    #[prop(optional)]
    for_desk: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let day = move |d: chrono::NaiveDate| long_date(locale, d);
    let status = case.status;
    let received = day(case.received_on);
    let acknowledge_by = day(case.acknowledge_by);
    let acknowledged = case.acknowledged_on.map(day);
    let answer_by = case.answer_by.map(day);
    let answered = case.answered_on.map(day);
    let (ack_within, answer_within) = (case.norm.acknowledge_within, case.norm.answer_within);
    let forwarded = case.forwarded_to.clone().map(|(id, title)| {
        view! {
            <p>{t!(i18n, case_forwarded_to)} " "
                <a href=format!("/{}/trajecten/{id}", case.municipality_slug)>{title}</a>
            </p>
        }
    });
    let brought_in_at = case.brought_in_at.clone().map(|(id, activity, trajectory)| {
        view! {
            <p>{t!(i18n, case_brought_in_at)} " "
                <a href=format!("/{}/ideeen/{id}", case.municipality_slug)>{activity}</a>
                " (" {trajectory} ")"
            </p>
        }
    });
    view! {
        <dl class="case-facts">
            <dt>{t!(i18n, case_number_label)}</dt><dd>{case.number.clone()}</dd>
            <dt>{t!(i18n, case_status_label)}</dt>
            <dd><span class="case-status" data-status=status.as_str()>{status_label(i18n, status)}</span>
                {case.overdue.then(|| view! { " " <strong class="badge badge--late">{t!(i18n, case_overdue)}</strong> })}
            </dd>
            <dt>{t!(i18n, case_kind_label)}</dt><dd>{kind_label(i18n, &case.kind)}</dd>
            <dt>{t!(i18n, case_area_label)}</dt>
            <dd>{case.area_name.clone().unwrap_or_else(|| t_string!(i18n, initiative_area_whole).to_string())}</dd>
            <dt>{t!(i18n, case_received_label)}</dt><dd>{received}</dd>
            <dt>{t!(i18n, case_public_label)}</dt>
            <dd>{if case.public { t!(i18n, case_public_yes).into_any() } else { t!(i18n, case_public_no).into_any() }}</dd>
        </dl>
        {brought_in_at}
        {forwarded}
        <section aria-labelledby="termijnen" class="case-clock">
            <h2 id="termijnen">{t!(i18n, case_deadlines_title)}</h2>
            <p>{t!(i18n, case_norm, acknowledge = move || ack_within, answer = move || answer_within)}</p>
            <ul>
                <li>{match acknowledged {
                    Some(on) => t!(i18n, case_acknowledged_on, day = move || on.clone()).into_any(),
                    None => t!(i18n, case_acknowledge_by, day = move || acknowledge_by.clone()).into_any(),
                }}</li>
                <li>{match (answered, answer_by) {
                    (Some(on), _) => t!(i18n, case_answered_on, day = move || on.clone()).into_any(),
                    (None, Some(by)) => t!(i18n, case_answer_by, day = move || by.clone()).into_any(),
                    (None, None) if for_desk => t!(i18n, case_clock_paused_desk).into_any(),
                    (None, None) => t!(i18n, case_clock_paused).into_any(),
                }}</li>
            </ul>
        </section>
        <section aria-labelledby="vraag">
            <h2 id="vraag">{case.title.clone()}</h2>
            <p class="case-description" lang=content_lang()>{case.description.clone()}</p>
            {(!case.support_asked.is_empty()).then(|| view! {
                <p>{t!(i18n, case_support_asked)} " "
                    {case.support_asked.iter().map(|k| support_label(i18n, k)).collect::<Vec<_>>().join(", ")}
                </p>
            })}
        </section>
        <section aria-labelledby="verloop">
            <h2 id="verloop">{t!(i18n, case_steps_title)}</h2>
            <ol class="case-steps">
                {case.steps.iter().map(|s| {
                    let on = day(s.on);
                    view! { <li>{on} ": " {status_label(i18n, s.status)}</li> }
                }).collect_view()}
            </ol>
        </section>
        // A message sent comes back here (`#berichten`), which takes focus.
        <section aria-labelledby="berichten-titel" id="berichten" tabindex="-1">
            <h2 id="berichten-titel">{t!(i18n, case_messages_title)}</h2>
            {if case.messages.is_empty() {
                view! { <p>{t!(i18n, case_messages_none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="case-messages">
                        {case.messages.iter().map(|m| {
                            let who = if m.from_desk {
                                t_string!(i18n, case_from_desk).to_string()
                            } else {
                                m.author.clone()
                            };
                            let at = moment(i18n, m.at_local);
                            view! {
                                <li class="case-message" class:case-message--desk=m.from_desk>
                                    <p class="case-message__meta"><strong>{who}</strong> " · " <time datetime=m.at.to_rfc3339()>{at}</time></p>
                                    <p class="case-message__body" lang=content_lang()>{m.body.clone()}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
