//! Words for the consultation vocabulary, in the chosen language.

use crate::domain::consultations::Channel;
use crate::domain::eligibility::NotEligible;
use crate::i18n::*;
use crate::model::consultations::{Author, MayComment};
use crate::ui::components::dates::long_date;
use chrono::{NaiveDateTime, Timelike};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn channel_label(i18n: I18nContext<Locale>, channel: Channel) -> String {
    match channel {
        Channel::Online => t_string!(i18n, channel_online),
        Channel::Counter => t_string!(i18n, channel_counter),
        Channel::Phone => t_string!(i18n, channel_phone),
        Channel::Letter => t_string!(i18n, channel_letter),
        Channel::Email => t_string!(i18n, channel_email),
        Channel::Meeting => t_string!(i18n, channel_meeting),
    }
    .to_string()
}

pub fn author_label(i18n: I18nContext<Locale>, author: &Author) -> String {
    match author {
        Author::Person(name) | Author::Named(name) => name.clone(),
        Author::Anonymous => t_string!(i18n, author_anonymous).to_string(),
        Author::Removed => t_string!(i18n, author_removed).to_string(),
    }
}

/// "3 maart 2026, 14:05".
pub fn moment(i18n: I18nContext<Locale>, at: NaiveDateTime) -> String {
    format!("{}, {:02}:{:02}", long_date(i18n.get_locale(), at.date()), at.hour(), at.minute())
}

/// Why the reader cannot comment, in one plain sentence; None when they can.
pub fn may_comment_text(i18n: I18nContext<Locale>, may: &MayComment) -> Option<AnyView> {
    let locale = i18n.get_locale();
    Some(match may {
        MayComment::Yes => return None,
        MayComment::SignIn => t!(i18n, comment_sign_in).into_any(),
        MayComment::NotYetOpen(day) => {
            let day = long_date(locale, *day);
            t!(i18n, comment_opens_on, day = move || day.clone()).into_any()
        }
        MayComment::Closed(day) => {
            let day = long_date(locale, *day);
            t!(i18n, comment_closed_on, day = move || day.clone()).into_any()
        }
        MayComment::NotEligible(reason) => not_eligible_text(i18n, reason),
    })
}

pub fn not_eligible_text(i18n: I18nContext<Locale>, reason: &NotEligible) -> AnyView {
    match reason {
        NotEligible::AreaUnknown => view! {
            {t!(i18n, not_eligible_area_unknown)} " " <a href="/account#over-jou">{t!(i18n, not_eligible_to_account)}</a>
        }
        .into_any(),
        NotEligible::OtherArea => t!(i18n, not_eligible_other_area).into_any(),
        NotEligible::AgeUnknown => view! {
            {t!(i18n, not_eligible_age_unknown)} " " <a href="/account#over-jou">{t!(i18n, not_eligible_to_account)}</a>
        }
        .into_any(),
        NotEligible::OutsideAgeBand { min, max } => {
            let (min, max) = (*min, *max);
            t!(i18n, not_eligible_age_band, min = move || min, max = move || max).into_any()
        }
        NotEligible::NotInPanel(panel) => {
            let panel = panel.clone();
            t!(i18n, not_eligible_panel, panel = move || panel.clone()).into_any()
        }
        NotEligible::EmailUnconfirmed => view! {
            {t!(i18n, not_eligible_email_unconfirmed)} " " <a href="/account">{t!(i18n, not_eligible_to_account)}</a>
        }
        .into_any(),
    }
}
