//! The top of a trajectory page on a phone: the rules of play in four lines (the full card is one
//! link away, further down the page), then what a resident can do now and until when, each with
//! the button that does it. Everything else on the page comes after.

use super::labels::level_label;
use crate::domain::consultations::Window;
use crate::domain::rules_of_play::Eligibility;
use crate::i18n::*;
use crate::model::trajectories::{ActivitySummary, RulesVersion};
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use leptos::prelude::*;

/// The rules of play in short: what kind of say residents have, who may take part, who decides
/// and when, and when everyone hears what was done with their input.
#[component]
pub fn RulesInShort(rules: RulesVersion) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let changed = rules.change_reason.is_some();
    let card = rules.rules;
    let names = rules.eligible_area_names.join(", ");
    let who = card.eligibility.clone().map(|e| match e {
        Eligibility::Everyone => t!(i18n, eligibility_everyone_text).into_any(),
        Eligibility::Areas(_) => t!(i18n, eligibility_areas_text, areas = move || names.clone()).into_any(),
        Eligibility::AgeBand { min, max } => {
            t!(i18n, eligibility_age_text, min = move || min, max = move || max).into_any()
        }
        Eligibility::Panel(panel) => t!(i18n, eligibility_panel_text, panel = move || panel.clone()).into_any(),
    });
    let decision = card.decision_date.map(|d| long_date(locale, d));
    let decision_maker = card.decision_maker.clone();
    let report = card.report_date.map(|d| long_date(locale, d));
    view! {
        <section class="rules-short" aria-labelledby="spelregels-kort">
            <h2 id="spelregels-kort">{t!(i18n, rules_short_title)}</h2>
            {changed.then(|| view! { <p class="rules-short__changed"><strong>{t!(i18n, rules_short_changed)}</strong></p> })}
            <dl class="rules-short__list">
                {card.level.map(|level| view! {
                    <dt>{t!(i18n, rules_short_say)}</dt>
                    <dd>{move || level_label(i18n, level)}</dd>
                })}
                {who.map(|who| view! { <dt>{t!(i18n, rules_short_who)}</dt><dd>{who}</dd> })}
                {(!decision_maker.trim().is_empty()).then(|| view! {
                    <dt>{t!(i18n, rules_short_decides)}</dt>
                    <dd>
                        <span lang=content_lang()>{decision_maker.clone()}</span>
                        {decision.clone().map(|day| view! { ", " {t!(i18n, rules_short_on, day = move || day.clone())} })}
                    </dd>
                })}
                {report.map(|day| view! {
                    <dt>{t!(i18n, rules_short_answer)}</dt>
                    <dd>{t!(i18n, rules_short_report_on, day = move || day.clone())}</dd>
                })}
            </dl>
            <p><a href="#spelregels">{t!(i18n, rules_short_read_all)}</a></p>
        </section>
    }
}

/// What a resident can do now, until when, with the button that does it; and what opens soon.
/// Closed activities are left to the full list further down.
#[component]
pub fn TakePart(slug: String, activities: Vec<ActivitySummary>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // What is open now with the day it closes, and what opens soon with the day it opens.
    let dated = |day: fn(Window) -> Option<chrono::NaiveDate>| -> Vec<(ActivitySummary, chrono::NaiveDate)> {
        activities.iter().filter_map(|a| day(a.window).map(|d| (a.clone(), d))).collect()
    };
    let now = dated(|w| match w {
        Window::Open { closes_on } => Some(closes_on),
        _ => None,
    });
    let soon = dated(|w| match w {
        Window::NotYetOpen { opens_on } => Some(opens_on),
        _ => None,
    });
    (!now.is_empty() || !soon.is_empty()).then(|| {
        view! {
            <section class="take-part" aria-labelledby="doe-mee">
                <h2 id="doe-mee">{t!(i18n, take_part_title)}</h2>
                <ul class="take-part__list">
                    {now.iter().map(|(a, closes_on)| {
                        let day = long_date(locale, *closes_on);
                        let (until, action) = match a.kind.as_str() {
                            "poll" => (t!(i18n, take_part_vote_until, day = move || day.clone()).into_any(), t!(i18n, take_part_vote).into_any()),
                            "ideas" => (t!(i18n, take_part_ideas_until, day = move || day.clone()).into_any(), t!(i18n, take_part_idea).into_any()),
                            _ => (t!(i18n, take_part_comment_until, day = move || day.clone()).into_any(), t!(i18n, take_part_comment).into_any()),
                        };
                        view! {
                            <li class="take-part__item">
                                <h3 class="take-part__title" lang=content_lang()>{a.title.clone()}</h3>
                                <p class="take-part__until"><strong>{until}</strong></p>
                                <p><a class="button" href=a.path(&slug)>{action}</a></p>
                            </li>
                        }
                    }).collect_view()}
                    {soon.iter().map(|(a, opens_on)| {
                        let day = long_date(locale, *opens_on);
                        view! {
                            <li class="take-part__item take-part__item--soon">
                                <h3 class="take-part__title"><a href=a.path(&slug) lang=content_lang()>{a.title.clone()}</a></h3>
                                <p class="take-part__until">{t!(i18n, take_part_opens_on, day = move || day.clone())}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
