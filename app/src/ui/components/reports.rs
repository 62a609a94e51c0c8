//! Words for the report vocabulary, in the chosen language: dispositions, kinds of input, age
//! bands, counts of people (small groups hidden), and who gave an input.

use crate::domain::reports::{AgeBand, Disposition, ItemKind, Shown};
use crate::i18n::*;
use crate::model::reports::LineAuthor;
use crate::ui::components::consultations::labels::channel_label;
use leptos_i18n::I18nContext;

pub fn disposition_label(i18n: I18nContext<Locale>, d: Disposition) -> String {
    match d {
        Disposition::Adopted => t_string!(i18n, disposition_adopted),
        Disposition::PartlyAdopted => t_string!(i18n, disposition_partly_adopted),
        Disposition::NotAdopted => t_string!(i18n, disposition_not_adopted),
        Disposition::OutOfScope => t_string!(i18n, disposition_out_of_scope),
        Disposition::AlreadyCovered => t_string!(i18n, disposition_already_covered),
        Disposition::Forwarded => t_string!(i18n, disposition_forwarded),
    }
    .to_string()
}

pub fn item_kind_label(i18n: I18nContext<Locale>, k: ItemKind) -> String {
    match k {
        ItemKind::Comment => t_string!(i18n, item_kind_comment),
        ItemKind::Reply => t_string!(i18n, item_kind_reply),
        ItemKind::PollAnswer => t_string!(i18n, item_kind_poll_answer),
        ItemKind::Idea => t_string!(i18n, item_kind_idea),
        ItemKind::Initiative => t_string!(i18n, item_kind_initiative),
    }
    .to_string()
}

pub fn age_band_label(i18n: I18nContext<Locale>, band: AgeBand) -> String {
    match band {
        AgeBand::Under18 => t_string!(i18n, age_band_under_18).to_string(),
        AgeBand::From65 => t_string!(i18n, age_band_65_plus).to_string(),
        AgeBand::Unknown => t_string!(i18n, age_band_unknown).to_string(),
        other => format!("{} {}", other.as_str().replace('-', "–"), t_string!(i18n, age_band_years)),
    }
}

pub fn shown_label(i18n: I18nContext<Locale>, shown: Shown) -> String {
    match shown {
        Shown::Exactly(n) => n.to_string(),
        Shown::FewerThan(n) => format!("{} {n}", t_string!(i18n, fewer_than)),
        Shown::Hidden => t_string!(i18n, shown_hidden).to_string(),
    }
}

pub fn line_author_label(i18n: I18nContext<Locale>, author: &LineAuthor) -> String {
    match author {
        LineAuthor::Named(name) => name.clone(),
        LineAuthor::Resident => t_string!(i18n, author_resident).to_string(),
        LineAuthor::Via(channel) => format!("{} ({})", t_string!(i18n, author_resident), channel_label(i18n, *channel)),
    }
}
