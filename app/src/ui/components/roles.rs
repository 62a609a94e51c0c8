//! How roles are named on screen.

use crate::domain::roles::Role;
use crate::i18n::*;
use leptos::prelude::*;

pub fn role_label(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> AnyView {
    match role {
        Role::Administrator => t!(i18n, role_administrator).into_any(),
        Role::ProjectLead => t!(i18n, role_project_lead).into_any(),
        Role::Moderator => t!(i18n, role_moderator).into_any(),
        Role::DeskOfficer => t!(i18n, role_desk_officer).into_any(),
        Role::CouncilMember => t!(i18n, role_council_member).into_any(),
    }
}
