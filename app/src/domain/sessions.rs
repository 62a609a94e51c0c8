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

#[cfg(test)]
mod tests {
    use super::*;

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
