//! Where a person is sent: after logging in only to paths on this site (no open redirects), and
//! after an action back to the view they acted in. And whose header a page wears.

/// `next` if it is a local path, otherwise `fallback`. Refuses `//host`, `/\host`, schemes and
/// control characters, which browsers would treat as another site.
pub fn safe_next<'a>(next: &'a str, fallback: &'a str) -> &'a str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\')
        && !next.contains("://");
    if local {
        next
    } else {
        fallback
    }
}

/// The query parameter naming where the server keeps the text of a refused form (see the
/// server's `form_flash`): only this id and the field errors travel in the address.
pub const TYPED_TEXT_PARAMETER: &str = "__ingevuld";

/// Query parameters that say what the last action did, or carry a refused form back; they are
/// never carried over to the next action's address.
const RESULT_PARAMETERS: &[&str] = &[
    "__err",
    "__path",
    TYPED_TEXT_PARAMETER,
    "geplaatst",
    "gemeld",
    "gesteund",
    "steun-ingetrokken",
    "bewerkt",
    "ingetrokken",
];

/// The address to send someone to after an action on the page at `page`: the same view they
/// acted in when the browser's Referer shows they came from that page (so its sorting, page and
/// filters stay as they were), with what was done (`done`) and the place it was done (`anchor`),
/// where the browser scrolls to and puts focus.
pub fn back_to(referer: Option<&str>, page: &str, done: Option<(&str, i32)>, anchor: &str) -> String {
    let mut pairs: Vec<String> = referer
        .and_then(path_and_query)
        .filter(|(path, _)| *path == page)
        .map(|(_, query)| {
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .filter(|pair| !RESULT_PARAMETERS.contains(&pair.split('=').next().unwrap_or_default()))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let Some((what, id)) = done {
        pairs.push(format!("{what}={id}"));
    }
    let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    let anchor = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
    format!("{page}{query}{anchor}")
}

/// The path and query of an absolute address (`https://host/path?query#fragment`).
fn path_and_query(address: &str) -> Option<(&str, &str)> {
    let after_scheme = &address[address.find("://")? + 3..];
    let local = &after_scheme[after_scheme.find('/')?..];
    let local = local.split('#').next().unwrap_or_default();
    Some(local.split_once('?').unwrap_or((local, "")))
}

/// Whose name and colours the header of the page at `path` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderOwner {
    /// A page of this municipality: `/{slug}/…`, or staff's `/beheer/{slug}/…`.
    Municipality(crate::domain::tenancy::Slug),
    /// A page of no municipality of its own that a resident reaches from one (signing in,
    /// registering, their account): it wears the header of the municipality they came from.
    LastVisited,
    /// The platform's own pages: its home and the administrator's overview.
    Platform,
}

pub fn header_owner(path: &str) -> HeaderOwner {
    use crate::domain::tenancy::Slug;
    let mut segments = path.split(['?', '#']).next().unwrap_or_default().split('/').filter(|s| !s.is_empty());
    match segments.next() {
        None => HeaderOwner::Platform,
        Some("beheer") => match segments.next().map(Slug::parse) {
            Some(Ok(slug)) => HeaderOwner::Municipality(slug),
            _ => HeaderOwner::Platform,
        },
        Some(first) => match Slug::parse(first) {
            Ok(slug) => HeaderOwner::Municipality(slug),
            Err(_) => HeaderOwner::LastVisited,
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_wears_its_municipality_and_pages_without_one_the_last_visited() {
        use super::{header_owner, HeaderOwner};
        let of = |slug: &str| HeaderOwner::Municipality(crate::domain::tenancy::Slug::parse(slug).unwrap());
        assert_eq!(header_owner("/duinwijk"), of("duinwijk"));
        assert_eq!(header_owner("/duinwijk/trajecten/3?pagina=2#reactie-4"), of("duinwijk"));
        assert_eq!(header_owner("/beheer/duinwijk/loket"), of("duinwijk"));
        assert_eq!(header_owner("/"), HeaderOwner::Platform);
        assert_eq!(header_owner(""), HeaderOwner::Platform);
        assert_eq!(header_owner("/beheer"), HeaderOwner::Platform);
        assert_eq!(header_owner("/beheer/Nope!"), HeaderOwner::Platform);
        for path in ["/inloggen?next=/duinwijk", "/registreren", "/account", "/account/zaken/3", "/wachtwoord-vergeten"]
        {
            assert_eq!(header_owner(path), HeaderOwner::LastVisited, "{path}");
        }
    }
    use super::{back_to, safe_next};

    #[test]
    fn an_action_lands_in_the_view_it_was_done_in() {
        let referer = "http://127.0.0.1:3000/duinwijk/raadplegingen/1?sorteer=oudste&pagina=3";
        assert_eq!(
            back_to(Some(referer), "/duinwijk/raadplegingen/1", Some(("gesteund", 12)), "reactie-12"),
            "/duinwijk/raadplegingen/1?sorteer=oudste&pagina=3&gesteund=12#reactie-12"
        );
    }

    #[test]
    fn the_last_result_and_a_refused_form_are_not_carried_over() {
        let referer = "https://x.nl/a/raadplegingen/1?pagina=2&geplaatst=9&__path=%2Fapi%2Fp&__err=eyJ9";
        assert_eq!(
            back_to(Some(referer), "/a/raadplegingen/1", None, "reactie-3"),
            "/a/raadplegingen/1?pagina=2#reactie-3"
        );
    }

    #[test]
    fn another_page_or_no_referer_gives_the_page_itself() {
        for referer in [None, Some("https://x.nl/other?pagina=2"), Some("not a url at all \u{0}")] {
            assert_eq!(
                back_to(referer, "/a/raadplegingen/1", Some(("gemeld", 4)), "reactie-4"),
                "/a/raadplegingen/1?gemeld=4#reactie-4"
            );
        }
    }

    #[test]
    fn local_paths_pass() {
        assert_eq!(safe_next("/duinwijk?fase=2", "/"), "/duinwijk?fase=2");
    }

    #[test]
    fn other_sites_fall_back() {
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
            "/x\n/y",
            "javascript:alert(1)",
            "/redirect?u=http://x",
        ] {
            assert_eq!(safe_next(bad, "/"), "/", "{bad:?}");
        }
    }
}
