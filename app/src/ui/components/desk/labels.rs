//! Words for the desk's vocabulary, in the chosen language.

use crate::domain::desk::CaseStatus;
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn status_label(i18n: I18nContext<Locale>, status: CaseStatus) -> String {
    match status {
        CaseStatus::Received => t_string!(i18n, case_status_received),
        CaseStatus::Acknowledged => t_string!(i18n, case_status_acknowledged),
        CaseStatus::InProgress => t_string!(i18n, case_status_in_progress),
        CaseStatus::WaitingForInitiator => t_string!(i18n, case_status_waiting),
        CaseStatus::Answered => t_string!(i18n, case_status_answered),
        CaseStatus::Closed => t_string!(i18n, case_status_closed),
        CaseStatus::Forwarded => t_string!(i18n, case_status_forwarded),
    }
    .to_string()
}

pub fn kind_label(i18n: I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "idea" => t_string!(i18n, case_kind_idea),
        "question" => t_string!(i18n, case_kind_question),
        _ => t_string!(i18n, case_kind_initiative),
    }
    .to_string()
}

pub fn support_label(i18n: I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "advice" => t_string!(i18n, support_kind_advice),
        "permit" => t_string!(i18n, support_kind_permit),
        "fund" => t_string!(i18n, support_kind_fund),
        "place" => t_string!(i18n, support_kind_place),
        _ => t_string!(i18n, support_kind_right_to_challenge),
    }
    .to_string()
}

pub fn channel_label(i18n: I18nContext<Locale>, channel: &str) -> String {
    match channel {
        "counter" => t_string!(i18n, channel_counter),
        "phone" => t_string!(i18n, channel_phone),
        "letter" => t_string!(i18n, channel_letter),
        "email" => t_string!(i18n, channel_email),
        _ => t_string!(i18n, channel_online),
    }
    .to_string()
}
