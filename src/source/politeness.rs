//! Politeness: per-host pacing shared by every source on a host — at most N
//! requests in flight and a minimum delay between request starts — and the
//! in-memory copies of host records and parsed robots.txt policies (one
//! lock per authority, so robots.txt is fetched once however many sources
//! share it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::hoststate::HostRecord;
use super::robots::{Policy, RobotsRecord};

/// A robots.txt record with its parsed policy.
#[derive(Debug)]
pub struct CachedRobots {
    /// The record (as persisted).
    pub record: RobotsRecord,
    /// Its policy for our product token.
    pub policy: Arc<Policy>,
}

/// The robots.txt cache of one authority, locked while it is fetched.
pub type RobotsSlot = Arc<tokio::sync::Mutex<Option<CachedRobots>>>;

#[derive(Debug)]
struct HostSlot {
    inflight: Arc<Semaphore>,
    next_start: Mutex<Instant>,
}

/// Per-host limits, created on first use.
#[derive(Debug, Default)]
pub struct HostPool {
    hosts: Mutex<HashMap<String, Arc<HostSlot>>>,
    records: Mutex<HashMap<String, HostRecord>>,
    robots: Mutex<HashMap<String, RobotsSlot>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A poisoned lock only means another task panicked mid-update; the map is still usable.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Held while a request to a host is in flight.
#[derive(Debug)]
pub struct HostPermit {
    _permit: OwnedSemaphorePermit,
}

impl HostPool {
    /// A new, empty pool.
    pub fn new() -> Self {
        Self::default()
    }

    fn slot(&self, host: &str, concurrency: usize) -> Arc<HostSlot> {
        let mut hosts = lock(&self.hosts);
        hosts
            .entry(host.to_owned())
            .or_insert_with(|| {
                Arc::new(HostSlot {
                    inflight: Arc::new(Semaphore::new(concurrency.max(1))),
                    next_start: Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// The in-memory record of `host`, if it was loaded.
    pub fn record(&self, host: &str) -> Option<HostRecord> {
        lock(&self.records).get(host).cloned()
    }

    /// Inserts a loaded record unless one is already there; returns the one kept.
    pub fn record_or_insert(&self, host: &str, loaded: HostRecord) -> HostRecord {
        lock(&self.records)
            .entry(host.to_owned())
            .or_insert(loaded)
            .clone()
    }

    /// Applies `f` to `host`'s record (which must have been loaded) and
    /// returns the result, to be persisted.
    pub fn update_record(&self, host: &str, f: impl FnOnce(&mut HostRecord)) -> HostRecord {
        let mut map = lock(&self.records);
        let rec = map.entry(host.to_owned()).or_default();
        f(rec);
        rec.clone()
    }

    /// The robots.txt cache slot of an authority.
    pub fn robots_slot(&self, authority: &str) -> RobotsSlot {
        lock(&self.robots)
            .entry(authority.to_owned())
            .or_default()
            .clone()
    }

    /// Waits until a request to `host` may start, then returns a permit that
    /// keeps its place among the host's in-flight requests.
    pub async fn acquire(&self, host: &str, concurrency: usize, delay: Duration) -> HostPermit {
        let slot = self.slot(host, concurrency);
        // acquire_owned fails only on a closed semaphore, and nothing ever
        // closes a host's semaphore.
        let permit = slot
            .inflight
            .clone()
            .acquire_owned()
            .await
            .expect("host semaphore is never closed");
        let start = {
            let mut next = lock(&slot.next_start);
            let now = Instant::now();
            let start = (*next).max(now);
            *next = start + delay;
            start
        };
        tokio::time::sleep_until(start).await;
        HostPermit { _permit: permit }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_requests_to_one_host() {
        let pool = HostPool::new();
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let _p = pool
                .acquire("example.test", 1, Duration::from_secs(5))
                .await;
            starts.push(Instant::now() - t0);
        }
        assert_eq!(
            starts,
            vec![
                Duration::ZERO,
                Duration::from_secs(5),
                Duration::from_secs(10)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn hosts_are_independent() {
        let pool = HostPool::new();
        let t0 = Instant::now();
        let _a = pool.acquire("a.test", 1, Duration::from_secs(5)).await;
        let _b = pool.acquire("b.test", 1, Duration::from_secs(5)).await;
        assert_eq!(Instant::now() - t0, Duration::ZERO);
    }
}
