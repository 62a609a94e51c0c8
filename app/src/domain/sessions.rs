//! How long a sign-in lasts: an idle timeout that slides while the person is active, and an
//! absolute limit however active they are. Times are unix seconds.

/// A session ends after this long without activity (the store's expiry).
pub const IDLE_TIMEOUT_SECS: i64 = 60 * 60;
/// A session ends this long after sign-in, however active it is.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 12 * 60 * 60;
/// The idle expiry is moved forward at most this often, so an active person costs one write
/// every few minutes instead of one per request. The idle timeout is therefore between
/// `IDLE_TIMEOUT_SECS - SLIDE_EVERY_SECS` and `IDLE_TIMEOUT_SECS` after the last request.
pub const SLIDE_EVERY_SECS: i64 = 5 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionClock {
    /// Past the absolute limit: sign out.
    Ended,
    /// Active long enough since the expiry last moved: move it forward now.
    Slide,
    /// Nothing to write.
    Keep,
}

/// What to do with a session on a request at `now`, signed in at `signed_in_at`, whose idle
/// expiry last moved at `slid_at` (None: not since sign-in).
pub fn session_clock(now: i64, signed_in_at: i64, slid_at: Option<i64>) -> SessionClock {
    if now.saturating_sub(signed_in_at) > ABSOLUTE_TIMEOUT_SECS {
        SessionClock::Ended
    } else if now.saturating_sub(slid_at.unwrap_or(signed_in_at)) >= SLIDE_EVERY_SECS {
        SessionClock::Slide
    } else {
        SessionClock::Keep
    }
}

/// How long a confirmation of the password opens what needs one (seeing and downloading one's
/// data): long enough to read and download, short enough that a session left open on a shared
/// computer does not show it to the next person.
pub const CONFIRMATION_FRESH_SECS: i64 = 10 * 60;

/// Whether a confirmation at `confirmed_at` still counts at `now`.
pub fn confirmation_is_fresh(now: i64, confirmed_at: Option<i64>) -> bool {
    confirmed_at.is_some_and(|at| (0..CONFIRMATION_FRESH_SECS).contains(&now.saturating_sub(at)))
}

/// The browser and system a User-Agent names, in words a person recognises ("Firefox op
/// Android"), for the list of their sessions. Nothing more of the header is kept.
pub fn device_of(user_agent: &str) -> Option<String> {
    // Order matters: Edge and Opera say Chrome, Chrome says Safari, Android says Linux.
    const BROWSERS: &[(&str, &str)] = &[
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: &[(&str, &str)] = &[
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Macintosh", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let first =
        |table: &[(&str, &'static str)]| table.iter().find(|(mark, _)| user_agent.contains(mark)).map(|(_, n)| *n);
    match (first(BROWSERS), first(SYSTEMS)) {
        (Some(browser), Some(system)) => Some(format!("{browser} op {system}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_counts_for_ten_minutes_and_not_from_the_future() {
        assert!(confirmation_is_fresh(1_000, Some(1_000)));
        assert!(confirmation_is_fresh(1_000 + CONFIRMATION_FRESH_SECS - 1, Some(1_000)));
        assert!(!confirmation_is_fresh(1_000 + CONFIRMATION_FRESH_SECS, Some(1_000)));
        assert!(!confirmation_is_fresh(1_000, Some(1_001)));
        assert!(!confirmation_is_fresh(1_000, None));
    }

    #[test]
    fn a_device_is_named_by_browser_and_system() {
        let cases = [
            ("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", Some("Firefox op Android")),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                Some("Safari op iPhone"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                Some("Edge op Windows"),
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                Some("Chrome op Linux"),
            ),
            ("curl/8.5.0", None),
            ("", None),
        ];
        for (agent, named) in cases {
            assert_eq!(device_of(agent).as_deref(), named, "{agent}");
        }
    }

    #[test]
    fn an_active_session_slides_every_few_minutes_until_the_absolute_limit() {
        let start = 1_000_000;
        assert_eq!(session_clock(start + 60, start, None), SessionClock::Keep);
        assert_eq!(session_clock(start + SLIDE_EVERY_SECS, start, None), SessionClock::Slide);
        assert_eq!(session_clock(start + 50 * 60, start, Some(start + 48 * 60)), SessionClock::Keep);
        assert_eq!(session_clock(start + 50 * 60, start, Some(start + 40 * 60)), SessionClock::Slide);
        assert_eq!(session_clock(start + ABSOLUTE_TIMEOUT_SECS, start, Some(start)), SessionClock::Slide);
        assert_eq!(session_clock(start + ABSOLUTE_TIMEOUT_SECS + 1, start, Some(start)), SessionClock::Ended);
        assert_eq!(session_clock(i64::MAX, i64::MIN, None), SessionClock::Ended, "no overflow");
    }
}
