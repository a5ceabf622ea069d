//! Politeness: per-host pacing shared by every source on a host — at most N
//! requests in flight and a minimum delay between request starts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

#[derive(Debug)]
struct HostSlot {
    inflight: Arc<Semaphore>,
    next_start: Mutex<Instant>,
}

/// Per-host limits, created on first use.
#[derive(Debug, Default)]
pub struct HostPool {
    hosts: Mutex<HashMap<String, Arc<HostSlot>>>,
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
        // A poisoned lock only means another task panicked mid-insert; the map is still usable.
        let mut hosts = self.hosts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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

    /// Waits until a request to `host` may start, then returns a permit that
    /// keeps its place among the host's in-flight requests.
    pub async fn acquire(&self, host: &str, concurrency: usize, delay: Duration) -> HostPermit {
        let slot = self.slot(host, concurrency);
        // acquire_owned fails only on a closed semaphore, and nothing ever
        // closes a host's semaphore.
        let permit = slot.inflight.clone().acquire_owned().await.expect("host semaphore is never closed");
        let start = {
            let mut next = slot.next_start.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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
            let _p = pool.acquire("example.test", 1, Duration::from_secs(5)).await;
            starts.push(Instant::now() - t0);
        }
        assert_eq!(starts, vec![Duration::ZERO, Duration::from_secs(5), Duration::from_secs(10)]);
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
