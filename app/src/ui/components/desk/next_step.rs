//! The top of an initiator's own case page: what they need to do now, if anything. When the desk
//! asked something, its question is quoted here with the way to answer it, instead of two screens
//! further down among the messages; otherwise it says there is nothing to do and when the answer
//! comes.

use crate::domain::desk::CaseStatus;
use crate::i18n::*;
use crate::model::initiatives::CaseView;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use leptos::prelude::*;

#[component]
pub fn NextStep(case: CaseView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    match case.status {
        CaseStatus::WaitingForInitiator => {
            let question = case.messages.iter().rev().find(|m| m.from_desk).map(|m| m.body.clone());
            view! {
                <section class="next-step next-step--action" aria-labelledby="te-doen">
                    <h2 id="te-doen">{t!(i18n, case_next_step_title)}</h2>
                    <p>{t!(i18n, case_waiting_note)}</p>
                    {question.map(|q| view! {
                        <blockquote class="next-step__question preserve-lines" lang=content_lang()>{q}</blockquote>
                    })}
                    <p><a class="button" href="#antwoorden">{t!(i18n, case_next_step_answer)}</a></p>
                </section>
            }
            .into_any()
        }
        status if status.is_finished() => ().into_any(),
        _ => {
            let answer_by = case.answer_by.filter(|_| case.answered_on.is_none()).map(|d| long_date(locale, d));
            view! {
                <section class="next-step" aria-labelledby="te-doen">
                    <h2 id="te-doen">{t!(i18n, case_next_step_title)}</h2>
                    <p>{t!(i18n, case_next_step_nothing)}
                        {answer_by.map(|day| view! { " " {t!(i18n, case_answer_by, day = move || day.clone())} })}
                    </p>
                </section>
            }
            .into_any()
        }
    }
}
