//! Words for the trajectory vocabulary, in the chosen language.

use crate::domain::rules_of_play::ParticipationLevel;
use crate::domain::trajectories::{Stage, Theme};
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn stage_label(i18n: I18nContext<Locale>, stage: Stage) -> String {
    match stage {
        Stage::Draft => t_string!(i18n, stage_draft),
        Stage::Upcoming => t_string!(i18n, stage_upcoming),
        Stage::Open => t_string!(i18n, stage_open),
        Stage::Closed => t_string!(i18n, stage_closed),
        Stage::Reported => t_string!(i18n, stage_reported),
        Stage::Archived => t_string!(i18n, stage_archived),
    }
    .to_string()
}

pub fn level_label(i18n: I18nContext<Locale>, level: ParticipationLevel) -> String {
    match level {
        ParticipationLevel::Inform => t_string!(i18n, level_inform),
        ParticipationLevel::Consult => t_string!(i18n, level_consult),
        ParticipationLevel::Coproduce => t_string!(i18n, level_coproduce),
        ParticipationLevel::Codecide => t_string!(i18n, level_codecide),
    }
    .to_string()
}

/// One plain sentence per rung of the ladder: what it means for the resident.
pub fn level_explanation(i18n: I18nContext<Locale>, level: ParticipationLevel) -> String {
    match level {
        ParticipationLevel::Inform => t_string!(i18n, level_inform_explained),
        ParticipationLevel::Consult => t_string!(i18n, level_consult_explained),
        ParticipationLevel::Coproduce => t_string!(i18n, level_coproduce_explained),
        ParticipationLevel::Codecide => t_string!(i18n, level_codecide_explained),
    }
    .to_string()
}

pub fn theme_label(i18n: I18nContext<Locale>, theme: Theme) -> String {
    match theme {
        Theme::Housing => t_string!(i18n, theme_housing),
        Theme::Mobility => t_string!(i18n, theme_mobility),
        Theme::PublicSpace => t_string!(i18n, theme_public_space),
        Theme::Youth => t_string!(i18n, theme_youth),
        Theme::Care => t_string!(i18n, theme_care),
        Theme::Sustainability => t_string!(i18n, theme_sustainability),
        Theme::Economy => t_string!(i18n, theme_economy),
        Theme::CultureAndSport => t_string!(i18n, theme_culture_and_sport),
        Theme::Safety => t_string!(i18n, theme_safety),
    }
    .to_string()
}
