//! Host state: what is remembered about a host across passes and restarts —
//! the Retry-After deadline a server set, our own backoff after failed
//! requests, and (under a separate key per authority) the robots.txt record.
//! Stored as JSON in the store's hosts tree through [`HostPersist`], so that
//! neither the daemon after a restart nor `claimwatch check` asks a host that
//! said to wait.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::retry::wall_after;

/// Our backoff after the first failed request to a host.
pub const BACKOFF_BASE: Duration = Duration::from_secs(30);
/// The longest backoff of our own.
pub const BACKOFF_CAP: Duration = Duration::from_secs(3600);

/// Where host state is kept (the store's hosts tree, in the daemon).
pub trait HostPersist: Send + Sync {
    /// The bytes stored under `key`.
    fn load(&self, key: &str) -> Option<Vec<u8>>;
    /// Stores `value` under `key`; failures are logged, not fatal.
    fn save(&self, key: &str, value: &[u8]);
}

/// Host state kept nowhere: for tests and one-off fetches.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoPersist;

impl HostPersist for NoPersist {
    fn load(&self, _key: &str) -> Option<Vec<u8>> {
        None
    }
    fn save(&self, _key: &str, _value: &[u8]) {}
}

/// The key of a host's record.
pub fn host_key(host: &str) -> String {
    format!("host:{host}")
}

/// The key of an authority's robots.txt record.
pub fn robots_key(authority: &str) -> String {
    format!("robots:{authority}")
}

/// Encodes a record (JSON).
pub fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    // Serializing plain structs of strings, numbers and dates cannot fail.
    serde_json::to_vec(v).unwrap_or_default()
}

/// Decodes a record; a record that does not decode is treated as absent.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    serde_json::from_slice(bytes)
        .map_err(|e| tracing::warn!(error = %e, "ignoring undecodable host record"))
        .ok()
}

/// Why no request may go to a host now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deferral {
    /// The server sent Retry-After (with this status).
    RetryAfter {
        /// No request before this.
        until: DateTime<Utc>,
        /// 429 or 503.
        status: u16,
    },
    /// Our own backoff after failures.
    Backoff {
        /// No request before this.
        until: DateTime<Utc>,
    },
}

impl Deferral {
    /// When the host may be asked again.
    pub fn until(&self) -> DateTime<Utc> {
        match self {
            Self::RetryAfter { until, .. } | Self::Backoff { until } => *until,
        }
    }
}

/// One host's politeness state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRecord {
    /// The server asked for no request before this (Retry-After).
    #[serde(default)]
    pub retry_after_until: Option<DateTime<Utc>>,
    /// The status that carried the Retry-After.
    #[serde(default)]
    pub retry_after_status: Option<u16>,
    /// Our own backoff: no request before this.
    #[serde(default)]
    pub backoff_until: Option<DateTime<Utc>>,
    /// Requests that failed in a row (after in-pass retries).
    #[serde(default)]
    pub failures: u32,
}

impl HostRecord {
    /// Whether a request may go to the host at `now`. A server's Retry-After
    /// always counts; our own backoff only when `honour_backoff` (the daemon,
    /// not an explicit `check`).
    pub fn gate(&self, now: DateTime<Utc>, honour_backoff: bool) -> Option<Deferral> {
        if let Some(until) = self.retry_after_until.filter(|u| *u > now) {
            return Some(Deferral::RetryAfter {
                until,
                status: self.retry_after_status.unwrap_or(0),
            });
        }
        match self.backoff_until {
            Some(until) if honour_backoff && until > now => Some(Deferral::Backoff { until }),
            _ => None,
        }
    }

    /// The server said to wait `wait` (already clamped).
    pub fn on_retry_after(&mut self, now: DateTime<Utc>, wait: Duration, status: u16) {
        let until = wall_after(now, wait);
        // Never shorten a wait a server already asked for.
        if self.retry_after_until.is_none_or(|u| u < until) {
            self.retry_after_until = Some(until);
            self.retry_after_status = Some(status);
        }
    }

    /// A request failed in a way that may pass (5xx, timeout, connection):
    /// back off `30 s · 2^(n-1)`, at most an hour.
    pub fn on_failure(&mut self, now: DateTime<Utc>) {
        self.failures = self.failures.saturating_add(1);
        let wait = BACKOFF_BASE
            .saturating_mul(1 << (self.failures - 1).min(10))
            .min(BACKOFF_CAP);
        self.backoff_until = Some(wall_after(now, wait));
    }

    /// A request succeeded; returns whether anything changed.
    pub fn on_success(&mut self) -> bool {
        let changed = self.failures != 0 || self.backoff_until.is_some();
        self.failures = 0;
        self.backoff_until = None;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).expect("valid timestamp")
    }

    #[test]
    fn retry_after_gates_everyone_until_it_expires() {
        let mut r = HostRecord::default();
        r.on_retry_after(at(0), Duration::from_secs(120), 429);
        for (now, backoff, deferred) in [
            (0, true, true),
            (0, false, true),
            (119, false, true),
            (120, false, false),
            (500, true, false),
        ] {
            assert_eq!(
                r.gate(at(now), backoff).is_some(),
                deferred,
                "t={now} backoff={backoff}"
            );
        }
        assert_eq!(
            r.gate(at(1), false),
            Some(Deferral::RetryAfter {
                until: at(120),
                status: 429
            })
        );
        // A shorter later request does not shorten the wait.
        r.on_retry_after(at(10), Duration::from_secs(5), 503);
        assert_eq!(r.retry_after_until, Some(at(120)));
    }

    #[test]
    fn backoff_doubles_caps_and_resets() {
        let mut r = HostRecord::default();
        let mut waits = Vec::new();
        for _ in 0..9 {
            r.on_failure(at(0));
            waits.push((r.backoff_until.expect("set") - at(0)).num_seconds());
        }
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert!(r.gate(at(10), true).is_some());
        assert!(
            r.gate(at(10), false).is_none(),
            "check ignores our own backoff"
        );
        assert!(r.on_success());
        assert!(!r.on_success());
        assert_eq!(r, HostRecord::default());
    }

    #[test]
    fn records_round_trip() {
        let mut r = HostRecord::default();
        r.on_retry_after(at(0), Duration::from_secs(60), 503);
        assert_eq!(decode::<HostRecord>(&encode(&r)), Some(r));
        assert_eq!(decode::<HostRecord>(b"not json"), None);
        assert_eq!(decode::<HostRecord>(b"{}"), Some(HostRecord::default()));
    }
}
