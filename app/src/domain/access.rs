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
    endpoint("/api/list_areas", Access::Public),
    endpoint("/api/current_account", Access::Public),
    endpoint("/api/register", Access::Anonymous),
    endpoint("/api/verify_email", Access::Public),
    endpoint("/api/log_in", Access::Anonymous),
    endpoint("/api/log_out", Access::SignedIn),
    endpoint("/api/request_password_reset", Access::Public),
    endpoint("/api/reset_password", Access::Public),
    endpoint("/api/change_password", Access::SignedIn),
    endpoint("/api/change_display_name", Access::SignedIn),
    endpoint("/api/change_email", Access::SignedIn),
    endpoint("/api/confirm_email_change", Access::Public),
    endpoint("/api/list_managed_municipalities", Access::Staff),
    endpoint("/api/create_municipality", Access::PlatformAdmin),
    endpoint("/api/get_managed_municipality", Access::Staff),
    endpoint("/api/add_area", Access::PlatformAdmin),
    endpoint("/api/update_house_style", Access::Staff),
    endpoint("/api/grant_role", Access::Staff),
    endpoint("/api/revoke_role", Access::Staff),
    endpoint("/api/list_outbox", Access::PlatformAdmin),
];

/// Page routes with restricted access. Every other page is public.
pub const PAGES: &[Endpoint] = &[
    endpoint("/account", Access::SignedIn),
    endpoint("/beheer", Access::Staff),
    endpoint("/beheer/outbox", Access::PlatformAdmin),
];

pub fn server_function_access(path: &str) -> Option<Access> {
    SERVER_FUNCTIONS.iter().find(|e| e.path == path).map(|e| e.access)
}

/// The strictest listed page that is `path` or a parent of it.
pub fn page_access(path: &str) -> Access {
    PAGES
        .iter()
        .filter(|e| path == e.path || path.strip_prefix(e.path).is_some_and(|rest| rest.starts_with('/')))
        .max_by_key(|e| e.path.len())
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
        assert_eq!(page_access("/beheer/outbox"), Access::PlatformAdmin);
    }
}
