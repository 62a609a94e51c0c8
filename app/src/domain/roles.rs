//! Roles per municipality and the pure permission predicates every server function asks.
//! The UI may reuse them to hide controls, but only the server's answer counts.

use super::accounts::UserId;
use super::tenancy::MunicipalityId;
use serde::{Deserialize, Serialize};

/// A role someone holds in one municipality. Residents need no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Administrator,
    ProjectLead,
    Moderator,
    DeskOfficer,
    CouncilMember,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Administrator, Role::ProjectLead, Role::Moderator, Role::DeskOfficer, Role::CouncilMember];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::ProjectLead => "project_lead",
            Role::Moderator => "moderator",
            Role::DeskOfficer => "desk_officer",
            Role::CouncilMember => "council_member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Staff work for the municipality; council members read outcomes but are not staff.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::CouncilMember)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub municipality: MunicipalityId,
    pub role: Role,
}

/// Who is making a request: the signed-in person with everything they may act as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: UserId,
    pub platform_admin: bool,
    pub grants: Vec<RoleGrant>,
}

impl Actor {
    pub fn has_role(&self, municipality: MunicipalityId, role: Role) -> bool {
        self.platform_admin || self.grants.iter().any(|g| g.municipality == municipality && g.role == role)
    }

    pub fn is_staff_of(&self, municipality: MunicipalityId) -> bool {
        self.platform_admin || self.grants.iter().any(|g| g.municipality == municipality && g.role.is_staff())
    }

    /// Staff in at least one municipality: may open the administration pages at all.
    pub fn is_staff_anywhere(&self) -> bool {
        self.platform_admin || self.grants.iter().any(|g| g.role.is_staff())
    }
}

/// Creating municipalities and areas is for platform administrators only.
pub fn can_manage_municipalities(actor: &Actor) -> bool {
    actor.platform_admin
}

/// The municipality's own administrator keeps its house style.
pub fn can_edit_house_style(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::Administrator)
}

/// Platform administrators grant every role; a municipal administrator grants the other roles in
/// their own municipality, but cannot make new administrators (that stays a platform decision).
pub fn can_grant_role(actor: &Actor, municipality: MunicipalityId, role: Role) -> bool {
    actor.platform_admin || (role != Role::Administrator && actor.has_role(municipality, Role::Administrator))
}

/// Project leads and the municipality's administrators open and run its trajectories.
pub fn can_manage_trajectories(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::ProjectLead) || actor.has_role(municipality, Role::Administrator)
}

/// Moderators keep discussions within the house rules; the municipality's administrators may too,
/// and they edit the house rules themselves.
pub fn can_moderate(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::Moderator) || actor.has_role(municipality, Role::Administrator)
}

/// Input that came in at the counter, by phone, letter, e-mail or at a meeting is entered by the
/// desk officers and the project leads who received it.
pub fn can_enter_input_for_others(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::DeskOfficer) || can_manage_trajectories(actor, municipality)
}

/// Panels (who is in the youth panel, the invitation codes) are kept by the municipality's
/// administrators.
pub fn can_manage_panels(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::Administrator)
}

/// The participation desk's cases (the queue, messages to initiators, internal notes) are worked
/// by its desk officers and the municipality's administrators.
pub fn can_work_desk(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::DeskOfficer) || actor.has_role(municipality, Role::Administrator)
}

/// The desk's norms, threshold and coordinator are set by the municipality's administrators.
pub fn can_set_desk_norms(actor: &Actor, municipality: MunicipalityId) -> bool {
    actor.has_role(municipality, Role::Administrator)
}

/// The development outbox shows other people's mail, so only platform administrators see it.
pub fn can_read_outbox(actor: &Actor) -> bool {
    actor.platform_admin
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUINWIJK: MunicipalityId = MunicipalityId(1);
    const POLDERVEEN: MunicipalityId = MunicipalityId(2);

    fn actor(grants: &[(MunicipalityId, Role)]) -> Actor {
        Actor {
            user_id: UserId(7),
            platform_admin: false,
            grants: grants.iter().map(|&(municipality, role)| RoleGrant { municipality, role }).collect(),
        }
    }

    #[test]
    fn panels_are_kept_by_the_own_administrators_only() {
        assert!(can_manage_panels(&actor(&[(DUINWIJK, Role::Administrator)]), DUINWIJK));
        assert!(!can_manage_panels(&actor(&[(POLDERVEEN, Role::Administrator)]), DUINWIJK));
        assert!(!can_manage_panels(&actor(&[(DUINWIJK, Role::ProjectLead)]), DUINWIJK));
    }

    #[test]
    fn the_desk_is_worked_by_its_own_officers_and_administrators() {
        assert!(can_work_desk(&actor(&[(DUINWIJK, Role::DeskOfficer)]), DUINWIJK));
        assert!(can_work_desk(&actor(&[(DUINWIJK, Role::Administrator)]), DUINWIJK));
        assert!(!can_work_desk(&actor(&[(POLDERVEEN, Role::DeskOfficer)]), DUINWIJK));
        assert!(!can_work_desk(&actor(&[(DUINWIJK, Role::ProjectLead)]), DUINWIJK));
        assert!(!can_work_desk(&actor(&[(DUINWIJK, Role::CouncilMember)]), DUINWIJK));
        assert!(can_set_desk_norms(&actor(&[(DUINWIJK, Role::Administrator)]), DUINWIJK));
        assert!(!can_set_desk_norms(&actor(&[(DUINWIJK, Role::DeskOfficer)]), DUINWIJK));
    }

    #[test]
    fn moderation_and_input_for_others_stay_within_the_own_municipality() {
        assert!(can_moderate(&actor(&[(DUINWIJK, Role::Moderator)]), DUINWIJK));
        assert!(can_moderate(&actor(&[(DUINWIJK, Role::Administrator)]), DUINWIJK));
        assert!(!can_moderate(&actor(&[(POLDERVEEN, Role::Moderator)]), DUINWIJK));
        assert!(!can_moderate(&actor(&[(DUINWIJK, Role::ProjectLead)]), DUINWIJK));
        assert!(can_enter_input_for_others(&actor(&[(DUINWIJK, Role::DeskOfficer)]), DUINWIJK));
        assert!(can_enter_input_for_others(&actor(&[(DUINWIJK, Role::ProjectLead)]), DUINWIJK));
        assert!(!can_enter_input_for_others(&actor(&[(DUINWIJK, Role::Moderator)]), DUINWIJK));
        assert!(!can_enter_input_for_others(&actor(&[(POLDERVEEN, Role::DeskOfficer)]), DUINWIJK));
    }

    #[test]
    fn only_leads_and_administrators_of_the_municipality_run_its_trajectories() {
        assert!(can_manage_trajectories(&actor(&[(DUINWIJK, Role::ProjectLead)]), DUINWIJK));
        assert!(can_manage_trajectories(&actor(&[(DUINWIJK, Role::Administrator)]), DUINWIJK));
        assert!(!can_manage_trajectories(&actor(&[(DUINWIJK, Role::ProjectLead)]), POLDERVEEN));
        assert!(!can_manage_trajectories(&actor(&[(DUINWIJK, Role::Moderator)]), DUINWIJK));
        assert!(!can_manage_trajectories(&actor(&[(DUINWIJK, Role::CouncilMember)]), DUINWIJK));
    }

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn a_role_counts_only_in_its_own_municipality() {
        let lead = actor(&[(DUINWIJK, Role::ProjectLead)]);
        assert!(lead.has_role(DUINWIJK, Role::ProjectLead));
        assert!(lead.is_staff_of(DUINWIJK));
        assert!(!lead.is_staff_of(POLDERVEEN));
        assert!(!lead.has_role(DUINWIJK, Role::Administrator));
    }

    #[test]
    fn council_members_are_not_staff() {
        let raadslid = actor(&[(DUINWIJK, Role::CouncilMember)]);
        assert!(!raadslid.is_staff_of(DUINWIJK));
    }

    #[test]
    fn residents_can_do_no_staff_work() {
        let resident = actor(&[]);
        assert!(!can_manage_municipalities(&resident));
        assert!(!can_edit_house_style(&resident, DUINWIJK));
        assert!(!can_read_outbox(&resident));
        assert!(Role::ALL.iter().all(|&r| !can_grant_role(&resident, DUINWIJK, r)));
    }

    #[test]
    fn municipal_administrators_grant_other_roles_only_at_home() {
        let admin = actor(&[(DUINWIJK, Role::Administrator)]);
        assert!(can_grant_role(&admin, DUINWIJK, Role::Moderator));
        assert!(!can_grant_role(&admin, DUINWIJK, Role::Administrator));
        assert!(!can_grant_role(&admin, POLDERVEEN, Role::Moderator));
        assert!(can_edit_house_style(&admin, DUINWIJK));
        assert!(!can_edit_house_style(&admin, POLDERVEEN));
        assert!(!can_manage_municipalities(&admin));
    }

    #[test]
    fn platform_administrators_may_do_everything() {
        let mut root = actor(&[]);
        root.platform_admin = true;
        assert!(can_manage_municipalities(&root));
        assert!(can_grant_role(&root, POLDERVEEN, Role::Administrator));
        assert!(can_edit_house_style(&root, POLDERVEEN));
        assert!(can_read_outbox(&root));
    }
}
