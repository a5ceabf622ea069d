//! Retry policy, in one place: which failures are retried within a pass
//! (connect errors, timeouts, 408, 429, 5xx), the capped exponential backoff
//! with jitter between attempts, the attempt budget bounded by the request
//! deadline, and Retry-After (delta-seconds or HTTP-date) clamped to
//! [interval, 24 h]. Across passes the scheduler backs off on its own.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

use super::fetch::FetchError;

/// The longest Retry-After we honour.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// How one request is retried within a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Backoff before the first retry; doubled for each further one.
    pub base: Duration,
    /// The longest backoff.
    pub cap: Duration,
    /// A retry is made only when at least this much of the request deadline
    /// is left after its backoff.
    pub min_attempt: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            retries: 2,
            base: Duration::from_millis(250),
            cap: Duration::from_secs(4),
            min_attempt: Duration::from_millis(500),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Try again after this backoff.
    Retry(Duration),
    /// The server asked us to wait: stop, and keep the host away until then.
    Wait(Duration),
    /// Give up for this pass.
    GiveUp,
}

impl RetryPolicy {
    /// The backoff before retry number `n` (1-based): `base·2^(n-1)`, capped,
    /// then "equal jitter" — a uniform draw from its upper half — using `unit`
    /// in [0, 1).
    pub fn backoff(&self, n: u32, unit: f64) -> Duration {
        let exp = self
            .base
            .saturating_mul(1u32 << n.saturating_sub(1).min(16))
            .min(self.cap);
        let half = exp / 2;
        half + half.mul_f64(unit.clamp(0.0, 1.0))
    }

    /// The verdict after attempt number `attempt` (1-based) failed with `err`,
    /// with `left` of the request deadline remaining. `interval` is the
    /// source's interval, the floor of any Retry-After.
    pub fn verdict(
        &self,
        err: &FetchError,
        attempt: u32,
        left: Duration,
        interval: Duration,
        now: SystemTime,
    ) -> Verdict {
        if let FetchError::HttpStatus {
            status: 429 | 503,
            retry_after: Some(ra),
        } = err
            && let Some(wait) = parse_retry_after(ra, now)
        {
            return Verdict::Wait(clamp_retry_after(wait, interval));
        }
        if !retryable(err) || attempt > self.retries {
            return Verdict::GiveUp;
        }
        let pause = self.backoff(attempt, fastrand::f64());
        if left.saturating_sub(pause) < self.min_attempt {
            return Verdict::GiveUp;
        }
        Verdict::Retry(pause)
    }
}

/// Whether a failure may pass if tried again soon.
pub fn retryable(err: &FetchError) -> bool {
    match err {
        FetchError::Timeout(_) | FetchError::Connect(_) | FetchError::Dns(_) => true,
        FetchError::HttpStatus { status, .. } => matches!(status, 408 | 429 | 500..=599),
        FetchError::Request(_) => true,
        _ => false,
    }
}

/// Parses a Retry-After value: delta-seconds or an HTTP-date (any of the
/// three formats of RFC 9110 §5.6.7). A date in the past means zero.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            v.parse::<u64>()
                .map_or(MAX_RETRY_AFTER, Duration::from_secs),
        );
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Clamps a requested wait to [`interval`, 24 h].
pub fn clamp_retry_after(wait: Duration, interval: Duration) -> Duration {
    wait.max(interval).min(MAX_RETRY_AFTER)
}

/// `now + d` on the wall clock, for persisted deadlines.
pub fn wall_after(now: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    now + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: u16, ra: Option<&str>) -> FetchError {
        FetchError::HttpStatus {
            status: s,
            retry_after: ra.map(str::to_owned),
        }
    }

    #[test]
    fn which_failures_are_retried() {
        for (err, want) in [
            (FetchError::Timeout(Duration::from_secs(1)), true),
            (FetchError::Connect("refused".into()), true),
            (FetchError::Dns("nxdomain".into()), true),
            (status(408, None), true),
            (status(429, None), true),
            (status(500, None), true),
            (status(503, None), true),
            (status(404, None), false),
            (status(403, None), false),
            (status(410, None), false),
            (FetchError::TooLarge { limit: 1 }, false),
            (FetchError::Tls("bad cert".into()), false),
            (FetchError::Redirect("loop".into()), false),
            (FetchError::ContentType("image/png".into()), false),
        ] {
            assert_eq!(retryable(&err), want, "{err}");
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        for (v, want) in [
            ("120", Some(Duration::from_secs(120))),
            (" 0 ", Some(Duration::ZERO)),
            (
                "Sun, 06 Nov 1994 08:51:37 GMT",
                Some(Duration::from_secs(120)),
            ),
            (
                "Sunday, 06-Nov-94 08:51:37 GMT",
                Some(Duration::from_secs(120)),
            ),
            ("Sun Nov  6 08:51:37 1994", Some(Duration::from_secs(120))),
            ("Sun, 06 Nov 1994 08:00:00 GMT", Some(Duration::ZERO)),
            ("99999999999999999999999", Some(MAX_RETRY_AFTER)),
            ("-5", None),
            ("soon", None),
            ("", None),
        ] {
            assert_eq!(parse_retry_after(v, now), want, "{v:?}");
        }
    }

    #[test]
    fn retry_after_is_clamped() {
        let min = Duration::from_secs(60);
        let day = MAX_RETRY_AFTER;
        for (wait, interval, want) in [
            (Duration::from_secs(1), min, min),
            (Duration::from_secs(120), min, Duration::from_secs(120)),
            (day * 3, min, day),
            (Duration::ZERO, day * 2, day),
        ] {
            assert_eq!(
                clamp_retry_after(wait, interval),
                want,
                "{wait:?} {interval:?}"
            );
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_and_cap() {
        let p = RetryPolicy::default();
        for (n, unit, want_ms) in [
            (1, 0.0, 125),
            (1, 1.0, 250),
            (2, 0.0, 250),
            (3, 0.5, 750),
            (10, 1.0, 4000),
            (40, 0.0, 2000),
        ] {
            assert_eq!(
                p.backoff(n, unit),
                Duration::from_millis(want_ms),
                "n={n} unit={unit}"
            );
        }
    }

    #[test]
    fn verdicts() {
        let p = RetryPolicy::default();
        let now = SystemTime::now();
        let left = Duration::from_secs(10);
        let iv = Duration::from_secs(60);
        assert!(matches!(
            p.verdict(&status(503, None), 1, left, iv, now),
            Verdict::Retry(_)
        ));
        assert!(matches!(
            p.verdict(&status(503, None), 3, left, iv, now),
            Verdict::GiveUp
        ));
        assert_eq!(
            p.verdict(&status(404, None), 1, left, iv, now),
            Verdict::GiveUp
        );
        assert_eq!(
            p.verdict(&status(429, Some("120")), 1, left, iv, now),
            Verdict::Wait(Duration::from_secs(120))
        );
        assert_eq!(
            p.verdict(&status(503, Some("5")), 1, left, iv, now),
            Verdict::Wait(iv)
        );
        // Not enough of the deadline left for another attempt.
        assert_eq!(
            p.verdict(&status(500, None), 1, Duration::from_millis(300), iv, now),
            Verdict::GiveUp
        );
    }
}
