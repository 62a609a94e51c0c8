//! The access table: for every server function and every page route, who may call it. The server
//! refuses any `/api/` path that is not listed (deny by default), and a test fails when a server
//! function exists that this table does not name. Object-level checks (which municipality, which
//! record) stay inside each function, through the predicates in `roles`.

/// Who may reach an endpoint at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Only when not signed in (registration, login): signed-in people are sent on.
    Anonymous,
    /// Any signed-in account.
    SignedIn,
    /// Anyone holding a staff role somewhere; the function checks which municipality.
    Staff,
    /// Platform administrators only.
    PlatformAdmin,
}

#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    pub path: &'static str,
    pub access: Access,
}

const fn endpoint(path: &'static str, access: Access) -> Endpoint {
    Endpoint { path, access }
}

/// Server functions, by their stable URL.
pub const SERVER_FUNCTIONS: &[Endpoint] = &[
    endpoint("/api/list_municipalities", Access::Public),
    endpoint("/api/get_municipality", Access::Public),
    endpoint("/api/header_municipality", Access::Public),
    endpoint("/api/list_areas", Access::Public),
    endpoint("/api/current_account", Access::Public),
    endpoint("/api/register", Access::Anonymous),
    endpoint("/api/pending_registration", Access::Public),
    endpoint("/api/resend_confirmation", Access::Anonymous),
    endpoint("/api/verify_email", Access::Public),
    endpoint("/api/log_in", Access::Anonymous),
    endpoint("/api/log_out", Access::SignedIn),
    endpoint("/api/new_submission_token", Access::SignedIn),
    endpoint("/api/request_password_reset", Access::Public),
    endpoint("/api/reset_password", Access::Public),
    endpoint("/api/change_password", Access::SignedIn),
    endpoint("/api/change_display_name", Access::SignedIn),
    endpoint("/api/change_email", Access::SignedIn),
    endpoint("/api/change_personal_details", Access::SignedIn),
    endpoint("/api/get_own_data", Access::SignedIn),
    endpoint("/api/confirm_password", Access::SignedIn),
    endpoint("/api/get_leave_page", Access::SignedIn),
    endpoint("/api/delete_account", Access::SignedIn),
    endpoint("/api/confirm_email_change", Access::Public),
    endpoint("/api/list_managed_municipalities", Access::Staff),
    endpoint("/api/create_municipality", Access::PlatformAdmin),
    endpoint("/api/get_managed_municipality", Access::Staff),
    endpoint("/api/add_area", Access::PlatformAdmin),
    endpoint("/api/update_house_style", Access::Staff),
    endpoint("/api/grant_role", Access::Staff),
    endpoint("/api/revoke_role", Access::Staff),
    endpoint("/api/list_outbox", Access::PlatformAdmin),
    endpoint("/api/get_trajectory", Access::Public),
    endpoint("/api/list_trajectories", Access::Public),
    endpoint("/api/list_managed_trajectories", Access::Staff),
    endpoint("/api/create_trajectory", Access::Staff),
    endpoint("/api/update_trajectory", Access::Staff),
    endpoint("/api/save_rules", Access::Staff),
    endpoint("/api/publish_trajectory", Access::Staff),
    endpoint("/api/amend_rules", Access::Staff),
    endpoint("/api/change_trajectory_status", Access::Staff),
    endpoint("/api/set_follow", Access::SignedIn),
    endpoint("/api/list_follows", Access::Public),
    endpoint("/api/unsubscribe", Access::Public),
    endpoint("/api/get_consultation", Access::Public),
    endpoint("/api/post_comment", Access::SignedIn),
    endpoint("/api/edit_comment", Access::SignedIn),
    endpoint("/api/withdraw_comment", Access::SignedIn),
    endpoint("/api/support_comment", Access::SignedIn),
    endpoint("/api/report_comment", Access::SignedIn),
    endpoint("/api/create_consultation", Access::Staff),
    endpoint("/api/update_consultation", Access::Staff),
    endpoint("/api/remove_attachment", Access::Staff),
    endpoint("/api/get_house_rules", Access::Public),
    endpoint("/api/save_house_rules", Access::Staff),
    endpoint("/api/list_moderation_queue", Access::Staff),
    endpoint("/api/moderate_comment", Access::Staff),
    endpoint("/api/list_audit_log", Access::Staff),
    endpoint("/api/get_offline_entry", Access::Staff),
    endpoint("/api/enter_offline_input", Access::Staff),
    endpoint("/api/get_poll", Access::Public),
    endpoint("/api/cast_vote", Access::SignedIn),
    endpoint("/api/get_poll_editor", Access::Staff),
    endpoint("/api/create_poll", Access::Staff),
    endpoint("/api/get_poll_for_editing", Access::Staff),
    endpoint("/api/update_poll", Access::Staff),
    endpoint("/api/enter_paper_votes", Access::Staff),
    endpoint("/api/list_paper_votes", Access::Staff),
    endpoint("/api/withdraw_paper_votes", Access::Staff),
    endpoint("/api/list_panels", Access::Staff),
    endpoint("/api/get_panel", Access::Staff),
    endpoint("/api/save_panel", Access::Staff),
    endpoint("/api/make_panel_codes", Access::Staff),
    endpoint("/api/invite_to_panel", Access::Staff),
    endpoint("/api/add_panel_member", Access::Staff),
    endpoint("/api/end_panel_membership", Access::Staff),
    endpoint("/api/join_panel", Access::SignedIn),
    endpoint("/api/list_my_panels", Access::SignedIn),
    endpoint("/api/panel_welcome", Access::SignedIn),
    endpoint("/api/leave_panel", Access::SignedIn),
    endpoint("/api/get_initiative_form", Access::Public),
    endpoint("/api/submit_initiative", Access::SignedIn),
    endpoint("/api/list_my_cases", Access::SignedIn),
    endpoint("/api/get_my_case", Access::SignedIn),
    endpoint("/api/reply_to_desk", Access::SignedIn),
    endpoint("/api/get_register", Access::Public),
    endpoint("/api/get_public_initiative", Access::Public),
    endpoint("/api/support_initiative", Access::SignedIn),
    endpoint("/api/list_desk_queue", Access::Staff),
    endpoint("/api/get_desk_case", Access::Staff),
    endpoint("/api/move_desk_case", Access::Staff),
    endpoint("/api/assign_desk_case", Access::Staff),
    endpoint("/api/message_initiator", Access::Staff),
    endpoint("/api/add_desk_note", Access::Staff),
    endpoint("/api/get_desk_settings", Access::Staff),
    endpoint("/api/save_desk_settings", Access::Staff),
    endpoint("/api/get_ideas", Access::Public),
    endpoint("/api/create_ideas_activity", Access::Staff),
    endpoint("/api/get_answering", Access::Staff),
    endpoint("/api/answer_inputs", Access::Staff),
    endpoint("/api/get_answer", Access::Staff),
    endpoint("/api/revise_answer", Access::Staff),
    endpoint("/api/take_out_of_answer", Access::Staff),
    endpoint("/api/get_publication", Access::Staff),
    endpoint("/api/publish_report", Access::Staff),
    endpoint("/api/get_report", Access::Public),
    endpoint("/api/get_council", Access::Public),
];

/// Every page route, in the router's notation (`:name` is a path parameter). A test fails when
/// the router has a route this table does not list.
pub const PAGES: &[Endpoint] = &[
    endpoint("/", Access::Public),
    endpoint("/:municipality", Access::Public),
    endpoint("/inloggen", Access::Public),
    endpoint("/registreren", Access::Public),
    endpoint("/registreren/klaar", Access::Public),
    endpoint("/account-verwijderd", Access::Public),
    endpoint("/e-mail-bevestigen", Access::Public),
    endpoint("/wachtwoord-vergeten", Access::Public),
    endpoint("/wachtwoord-vergeten/verstuurd", Access::Public),
    endpoint("/wachtwoord-herstellen", Access::Public),
    endpoint("/e-mail-wijzigen", Access::Public),
    endpoint("/account", Access::SignedIn),
    endpoint("/account/mijn-gegevens", Access::SignedIn),
    endpoint("/account/verwijderen", Access::SignedIn),
    endpoint("/beheer", Access::Staff),
    endpoint("/beheer/outbox", Access::PlatformAdmin),
    endpoint("/beheer/:municipality", Access::Staff),
    endpoint("/:municipality/trajecten/nieuw", Access::Staff),
    endpoint("/:municipality/trajecten/:id", Access::Public),
    endpoint("/:municipality/trajecten/:id/bewerken", Access::Staff),
    endpoint("/afmelden/:key", Access::Public),
    endpoint("/:municipality/trajecten/:id/raadpleging-toevoegen", Access::Staff),
    endpoint("/:municipality/raadplegingen/:id", Access::Public),
    endpoint("/:municipality/raadplegingen/:id/bewerken", Access::Staff),
    endpoint("/:municipality/huisregels", Access::Public),
    endpoint("/:municipality/raadplegingen/:id/invoeren", Access::Staff),
    endpoint("/beheer/:municipality/moderatie", Access::Staff),
    endpoint("/beheer/:municipality/logboek", Access::Staff),
    endpoint("/:municipality/trajecten/:id/peiling-toevoegen", Access::Staff),
    endpoint("/:municipality/peilingen/:id", Access::Public),
    endpoint("/:municipality/peilingen/:id/papieren-stemmen", Access::Staff),
    endpoint("/:municipality/peilingen/:id/bewerken", Access::Staff),
    endpoint("/beheer/:municipality/panels", Access::Staff),
    endpoint("/beheer/:municipality/panels/:id", Access::Staff),
    endpoint("/:municipality/panel-aanmelden", Access::Public),
    endpoint("/:municipality/initiatief-indienen", Access::Public),
    endpoint("/:municipality/initiatieven", Access::Public),
    endpoint("/:municipality/initiatieven/:id", Access::Public),
    endpoint("/account/zaken/:id", Access::SignedIn),
    endpoint("/beheer/:municipality/loket", Access::Staff),
    endpoint("/beheer/:municipality/loket/zaken/:id", Access::Staff),
    endpoint("/beheer/:municipality/loket/invoeren", Access::Staff),
    endpoint("/beheer/:municipality/loket/instellingen", Access::Staff),
    endpoint("/:municipality/ideeen/:id", Access::Public),
    endpoint("/:municipality/trajecten/:id/ideeen-toevoegen", Access::Staff),
    endpoint("/:municipality/trajecten/:id/antwoorden", Access::Staff),
    endpoint("/:municipality/trajecten/:id/antwoorden/:answer", Access::Staff),
    endpoint("/:municipality/trajecten/:id/verslag-publiceren", Access::Staff),
    endpoint("/:municipality/trajecten/:id/verslag", Access::Public),
    endpoint("/:municipality/raad", Access::Public),
];

/// Server functions live under /api/; the open-data interface /api/v1/ is ordinary routes.
pub fn is_server_function_path(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/v1/")
}

pub fn server_function_access(path: &str) -> Option<Access> {
    SERVER_FUNCTIONS.iter().find(|e| e.path == path).map(|e| e.access)
}

/// Whether a route pattern covers a path: segment by segment, `:name` matching any one segment,
/// and a pattern also covers everything below it.
fn covers(pattern: &str, path: &str) -> bool {
    let mut path_segments = path.split('/').filter(|s| !s.is_empty());
    pattern
        .split('/')
        .filter(|s| !s.is_empty())
        .all(|p| path_segments.next().is_some_and(|s| p.starts_with(':') || p == s))
}

/// The access of the most specific route covering `path`: the one with the most segments, and
/// among those the one with the most literal segments. Unknown paths are public (they get a 404).
pub fn page_access(path: &str) -> Access {
    let specificity = |pattern: &str| {
        let segments: Vec<_> = pattern.split('/').filter(|s| !s.is_empty()).collect();
        (segments.len(), segments.iter().filter(|s| !s.starts_with(':')).count())
    };
    PAGES
        .iter()
        .filter(|e| covers(e.path, path))
        .max_by_key(|e| specificity(e.path))
        .map_or(Access::Public, |e| e.access)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_listed_once() {
        let mut paths: Vec<_> = SERVER_FUNCTIONS.iter().chain(PAGES).map(|e| e.path).collect();
        let before = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(before, paths.len());
    }

    #[test]
    fn unlisted_server_functions_have_no_access() {
        assert_eq!(server_function_access("/api/log_in"), Some(Access::Anonymous));
        assert_eq!(server_function_access("/api/drop_tables"), None);
    }

    #[test]
    fn pages_inherit_the_access_of_their_parent() {
        assert_eq!(page_access("/"), Access::Public);
        assert_eq!(page_access("/account"), Access::SignedIn);
        assert_eq!(page_access("/account/gegevens"), Access::SignedIn);
        assert_eq!(page_access("/accountx"), Access::Public);
        assert_eq!(page_access("/beheer/duinwijk"), Access::Staff);
        assert_eq!(page_access("/duinwijk"), Access::Public);
        assert_eq!(page_access("/beheer/duinwijk/rollen"), Access::Staff);
        assert_eq!(page_access("/beheer/outbox"), Access::PlatformAdmin);
    }
}
