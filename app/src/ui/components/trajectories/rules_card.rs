//! The rules-of-play card as residents read it, at the top of a trajectory page: the ladder with
//! this trajectory's rung marked and explained, then each rule under its own heading. Earlier
//! versions follow, each with its date and the reason it was changed.

use super::labels::{level_explanation, level_label};
use crate::domain::rules_of_play::{Eligibility, ParticipationLevel};
use crate::i18n::*;
use crate::model::trajectories::RulesVersion;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use leptos::prelude::*;

#[component]
pub fn RulesCard(rules: RulesVersion, #[prop(optional)] heading_level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let RulesVersion { version, rules, eligible_area_names, in_force_since, .. } = rules;
    let level = rules.level;
    let sub = move |text: AnyView| {
        if heading_level == 3 {
            view! { <h4>{text}</h4> }.into_any()
        } else {
            view! { <h3>{text}</h3> }.into_any()
        }
    };
    let not_set = move || view! { <p class="muted">{t!(i18n, rules_not_filled)}</p> }.into_any();
    let text_or_not_set = move |text: String| {
        if text.trim().is_empty() {
            not_set()
        } else {
            view! { <p class="pre-line" lang=content_lang()>{text}</p> }.into_any()
        }
    };
    let date_or_not_set = move |date: Option<chrono::NaiveDate>| match date {
        Some(d) => view! { <p>{move || long_date(i18n.get_locale(), d)}</p> }.into_any(),
        None => not_set(),
    };
    let eligibility = match rules.eligibility.clone() {
        None => not_set(),
        Some(Eligibility::Everyone) => view! { <p>{t!(i18n, eligibility_everyone_text)}</p> }.into_any(),
        Some(Eligibility::Areas(_)) => {
            let names = eligible_area_names.join(", ");
            view! { <p>{t!(i18n, eligibility_areas_text, areas = move || names.clone())}</p> }.into_any()
        }
        Some(Eligibility::AgeBand { min, max }) => {
            view! { <p>{t!(i18n, eligibility_age_text, min = move || min, max = move || max)}</p> }.into_any()
        }
        Some(Eligibility::Panel(panel)) => {
            view! { <p>{t!(i18n, eligibility_panel_text, panel = move || panel.clone())}</p> }.into_any()
        }
    };
    let retention = rules.retention_months;
    view! {
        <div class="rules-card">
            <p class="rules-card__version">
                {t!(i18n, rules_version, version = move || version)}
                {in_force_since.map(|since| {
                    let day = since.date_naive();
                    view! { " · " {t!(i18n, rules_in_force_since)} " " {move || long_date(i18n.get_locale(), day)} }
                })}
            </p>
            {sub(t!(i18n, rules_level).into_any())}
            <ol class="ladder">
                {ParticipationLevel::ALL.into_iter().map(|rung| {
                    let here = Some(rung) == level;
                    view! {
                        <li class="ladder__rung" class:ladder__rung--here=here aria-current=here.then_some("true")>
                            <strong>{move || level_label(i18n, rung)}</strong>
                            {here.then(|| view! { <span class="badge badge--open">{t!(i18n, rules_level_this_one)}</span> })}
                            <span class="ladder__explanation">{move || level_explanation(i18n, rung)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {if level.is_none() { Some(not_set()) } else { None }}
            {sub(t!(i18n, rules_municipality_role).into_any())}
            {text_or_not_set(rules.municipality_role.clone())}
            {sub(t!(i18n, rules_open_for_input).into_any())}
            {text_or_not_set(rules.open_for_input.clone())}
            {sub(t!(i18n, rules_fixed).into_any())}
            {if rules.fixed_items.is_empty() {
                not_set()
            } else {
                view! {
                    <ol class="fixed-items">
                        {rules.fixed_items.iter().map(|item| view! {
                            <li><strong>{item.what.clone()}</strong> <span class="pre-line" lang=content_lang()>{item.why.clone()}</span></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {sub(t!(i18n, rules_decision).into_any())}
            {text_or_not_set(rules.decision_maker.clone())}
            {sub(t!(i18n, rules_decision_date).into_any())}
            {date_or_not_set(rules.decision_date)}
            {sub(t!(i18n, rules_weighing).into_any())}
            {text_or_not_set(rules.weighing.clone())}
            {sub(t!(i18n, rules_eligibility).into_any())}
            {eligibility}
            {sub(t!(i18n, rules_report_date).into_any())}
            {date_or_not_set(rules.report_date)}
            {sub(t!(i18n, rules_personal_data).into_any())}
            {text_or_not_set(rules.personal_data.clone())}
            {match retention {
                Some(months) => view! { <p>{t!(i18n, rules_retention_text, months = move || months)}</p> }.into_any(),
                None => not_set(),
            }}
        </div>
    }
}

/// Earlier versions of the card, newest first, each folded away with its date and reason.
#[component]
pub fn RulesHistory(history: Vec<RulesVersion>) -> impl IntoView {
    let i18n = use_i18n();
    (!history.is_empty()).then(|| {
        view! {
            <section class="rules-history" aria-labelledby="spelregels-geschiedenis">
                <h2 id="spelregels-geschiedenis">{t!(i18n, rules_history)}</h2>
                <p>{t!(i18n, rules_history_intro)}</p>
                {history.into_iter().map(|old| {
                    let version = old.version;
                    view! {
                        <details class="rules-history__version">
                            <summary>{t!(i18n, rules_version, version = move || version)}</summary>
                            <RulesCard rules=old heading_level=3/>
                        </details>
                    }
                }).collect_view()}
            </section>
        }
    })
}

/// Why the card in force replaced the previous one.
#[component]
pub fn ChangeNotice(rules: RulesVersion) -> impl IntoView {
    let i18n = use_i18n();
    rules.change_reason.map(|reason| {
        view! {
            <div class="notice" role="note">
                <p><strong>{t!(i18n, rules_changed_title)}</strong></p>
                <p class="pre-line" lang=content_lang()>{reason}</p>
            </div>
        }
    })
}
