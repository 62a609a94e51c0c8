//! Where a person may be sent after logging in: only paths on this site (no open redirects).

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

#[cfg(test)]
mod tests {
    use super::safe_next;

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
