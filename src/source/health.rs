//! Source health and re-check rules, pure: when a failing source becomes
//! unhealthy (K consecutive failed passes, or no success within its
//! `expect_update`), and the age-based ladder that says when a known article
//! is fetched again.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// Consecutive failed passes before a source is reported unhealthy.
pub const UNHEALTHY_AFTER: u32 = 3;

/// One rung of the re-check ladder: articles younger than `younger_than`
/// are re-checked every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rung {
    /// The age limit of this rung.
    pub younger_than: Duration,
    /// How often an article of that age is fetched again.
    pub every: Duration,
}

const H: u64 = 3600;

/// The default ladder: every 15 min for 3 h, hourly for a day, every 6 h for
/// a week, daily for 30 days, then never.
pub const DEFAULT_LADDER: &[Rung] = &[
    Rung {
        younger_than: Duration::from_secs(3 * H),
        every: Duration::from_secs(15 * 60),
    },
    Rung {
        younger_than: Duration::from_secs(24 * H),
        every: Duration::from_secs(H),
    },
    Rung {
        younger_than: Duration::from_secs(7 * 24 * H),
        every: Duration::from_secs(6 * H),
    },
    Rung {
        younger_than: Duration::from_secs(30 * 24 * H),
        every: Duration::from_secs(24 * H),
    },
];

/// Whether an article first seen at `first_seen` and last fetched at
/// `last_checked` is due again at `now` on `ladder` (past the last rung: never).
pub fn recheck_due(
    ladder: &[Rung],
    first_seen: DateTime<Utc>,
    last_checked: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let age = (now - first_seen).to_std().unwrap_or(Duration::ZERO);
    let Some(rung) = ladder.iter().find(|r| age < r.younger_than) else {
        return false;
    };
    last_checked.is_none_or(|c| (now - c).to_std().unwrap_or(Duration::ZERO) >= rung.every)
}

/// When a source's failures are worth an operator's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthPolicy {
    /// Consecutive failed passes before `source_unhealthy`.
    pub unhealthy_after: u32,
    /// A source that has not succeeded for this long is unhealthy even
    /// before `unhealthy_after` failures.
    pub expect_update: Option<Duration>,
}

impl Default for HealthPolicy {
    fn default() -> Self {
        Self {
            unhealthy_after: UNHEALTHY_AFTER,
            expect_update: None,
        }
    }
}

impl HealthPolicy {
    /// Why a source that just failed its `failures`-th pass in a row (and
    /// last succeeded at `last_success`) is unhealthy, if it is.
    pub fn unhealthy(
        &self,
        failures: u32,
        last_success: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<String> {
        if failures >= self.unhealthy_after {
            return Some(format!("{failures} failed passes in a row"));
        }
        let (limit, since) = (self.expect_update?, last_success?);
        let quiet = (now - since).to_std().unwrap_or(Duration::ZERO);
        (quiet > limit).then(|| {
            format!(
                "no successful pass for {}",
                humantime::format_duration(limit)
            )
        })
    }
}

/// How a pass ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassEnd {
    /// It worked.
    Ok,
    /// No request was made (robots.txt, Retry-After, backoff): not a failure.
    Skipped {
        /// Health class.
        class: &'static str,
        /// What happened.
        msg: String,
        /// When the host may be asked again.
        until: Option<DateTime<Utc>>,
    },
    /// It failed.
    Failed {
        /// Error class.
        class: &'static str,
        /// The error.
        msg: String,
    },
}

/// A health alert a pass raises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// The source became unhealthy (with the reason).
    Unhealthy(String),
    /// It works again.
    Recovered,
}

/// A source's health fields (mirrors the store's source state).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    /// Last successful pass.
    pub last_success: Option<DateTime<Utc>>,
    /// Last failed (or skipped) pass.
    pub last_error_at: Option<DateTime<Utc>>,
    /// Its message.
    pub last_error: Option<String>,
    /// Its class.
    pub last_error_class: Option<String>,
    /// Failed passes in a row.
    pub consecutive_failures: u32,
    /// When it is due next.
    pub next_due: Option<DateTime<Utc>>,
    /// An unhealthy alert was raised and not yet followed by a recovery.
    pub unhealthy: bool,
}

impl Health {
    /// Updates the fields for a pass that ended with `end` and returns the
    /// one transition it raises, if any: first failures stay quiet, the one
    /// that makes the source unhealthy raises once, the next success raises
    /// a recovery once; a skip changes no failure count. `backoff` gives the
    /// delay after n consecutive failures.
    pub fn apply(
        &mut self,
        end: &PassEnd,
        policy: &HealthPolicy,
        now: DateTime<Utc>,
        interval: Duration,
        backoff: impl Fn(u32) -> Duration,
    ) -> Option<Transition> {
        let after = |d: Duration| now + chrono::Duration::from_std(d).unwrap_or_default();
        let mut raise = None;
        let mut due = after(interval);
        match end {
            PassEnd::Ok => {
                self.last_success = Some(now);
                self.consecutive_failures = 0;
                if self.unhealthy {
                    self.unhealthy = false;
                    raise = Some(Transition::Recovered);
                }
            }
            PassEnd::Skipped { class, msg, until } => {
                self.last_error_at = Some(now);
                self.last_error_class = Some((*class).to_owned());
                self.last_error = Some(msg.clone());
                due = due.max(until.unwrap_or(due));
            }
            PassEnd::Failed { class, msg } => {
                self.last_error_at = Some(now);
                self.last_error_class = Some((*class).to_owned());
                self.last_error = Some(msg.clone());
                self.consecutive_failures += 1;
                if !self.unhealthy
                    && let Some(why) =
                        policy.unhealthy(self.consecutive_failures, self.last_success, now)
                {
                    self.unhealthy = true;
                    raise = Some(Transition::Unhealthy(format!(
                        "{why}; last error {class}: {msg}"
                    )));
                }
                due = after(backoff(self.consecutive_failures));
            }
        }
        self.next_due = Some(due);
        raise
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(mins: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + mins * 60, 0).expect("valid timestamp")
    }

    #[test]
    fn ladder() {
        let day = 24 * 60;
        // (age in minutes, minutes since last check (None: never), due)
        for (age, since, due) in [
            (10, None, true),
            (10, Some(5), false),
            (60, Some(15), true),
            (5 * 60, Some(30), false),
            (5 * 60, Some(60), true),
            (3 * day, Some(5 * 60), false),
            (3 * day, Some(6 * 60), true),
            (20 * day, Some(23 * 60), false),
            (20 * day, Some(day), true),
            (31 * day, None, false),
        ] {
            let now = at(age);
            let last = since.map(|s| at(age - s));
            assert_eq!(
                recheck_due(DEFAULT_LADDER, at(0), last, now),
                due,
                "age={age} since={since:?}"
            );
        }
    }

    #[test]
    fn one_alert_per_transition() {
        let policy = HealthPolicy::default();
        let fail = PassEnd::Failed {
            class: "http_status",
            msg: "HTTP status 503".into(),
        };
        let skip = PassEnd::Skipped {
            class: "robots",
            msg: "robots_disallowed".into(),
            until: None,
        };
        let mut h = Health::default();
        let mut seen = Vec::new();
        for (i, end) in [
            &PassEnd::Ok,
            &fail,
            &fail,
            &skip,
            &fail,
            &fail,
            &fail,
            &PassEnd::Ok,
            &PassEnd::Ok,
        ]
        .into_iter()
        .enumerate()
        {
            let t = h.apply(end, &policy, at(i as i64), Duration::from_secs(60), |n| {
                Duration::from_secs(60 << n)
            });
            seen.push(t.map(|t| matches!(t, Transition::Recovered)));
        }
        assert_eq!(
            seen,
            [
                None,
                None,
                None,
                None,
                Some(false),
                None,
                None,
                Some(true),
                None
            ]
        );
        assert_eq!(h.consecutive_failures, 0);
        let mut h = Health::default();
        let until = at(500);
        let skip = PassEnd::Skipped {
            class: "rate_limited",
            msg: "retry_after".into(),
            until: Some(until),
        };
        assert_eq!(
            h.apply(&skip, &policy, at(0), Duration::from_secs(60), |_| {
                Duration::ZERO
            }),
            None
        );
        assert_eq!(
            (
                h.next_due,
                h.consecutive_failures,
                h.last_error_class.as_deref()
            ),
            (Some(until), 0, Some("rate_limited"))
        );
    }

    #[test]
    fn unhealthy_rules() {
        let p = HealthPolicy {
            unhealthy_after: 3,
            expect_update: Some(Duration::from_secs(3600)),
        };
        for (failures, last_success, now, want) in [
            (1, Some(at(0)), at(10), false),
            (2, Some(at(0)), at(59), false),
            (3, Some(at(0)), at(10), true),
            (1, Some(at(0)), at(61), true),
            (1, None, at(600), false),
        ] {
            assert_eq!(
                p.unhealthy(failures, last_success, now).is_some(),
                want,
                "{failures} {last_success:?} {now}"
            );
        }
        assert!(
            HealthPolicy::default()
                .unhealthy(2, Some(at(0)), at(100_000))
                .is_none()
        );
    }
}
