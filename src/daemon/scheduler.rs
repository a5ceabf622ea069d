//! Scheduler: one tracked, cancellable loop per source that waits for its due
//! time (interval with jitter, backing off while it fails), takes a slot of
//! the global concurrency limit, and runs the pipeline.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{Semaphore, watch};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::pipeline::Pipeline;
use crate::claims::Lexicon;
use crate::config::{Config, SourceConfig};

/// The longest a failing source waits between passes.
pub const MAX_BACKOFF: Duration = Duration::from_secs(24 * 3600);

/// The delay before the next pass: the interval, doubled per consecutive
/// failure (up to 16×, and never past 24 h unless the interval is longer),
/// then spread by ±`jitter`.
pub fn next_delay(interval: Duration, failures: u32, jitter: f64) -> Duration {
    let factor = 1u32 << failures.min(4);
    let base = if failures == 0 {
        interval
    } else {
        (interval * factor).min(MAX_BACKOFF.max(interval))
    };
    if jitter <= 0.0 {
        return base;
    }
    let spread = (fastrand::f64() * 2.0 - 1.0) * jitter;
    base.mul_f64((1.0 + spread).max(0.0))
}

/// Counters the control loop reads for STATUS and the watchdog.
#[derive(Debug, Default)]
pub struct Progress {
    /// Source passes completed.
    pub passes: AtomicU64,
    /// Alerts delivered since start.
    pub alerts: AtomicU64,
    /// Failed passes since start.
    pub errors: AtomicU64,
}

/// What a source loop needs.
pub struct SourceLoop {
    /// The shared pipeline.
    pub pipeline: Arc<Pipeline>,
    /// The current config (replaced on reload).
    pub config: watch::Receiver<(Arc<Config>, Arc<Lexicon>)>,
    /// The source.
    pub source: SourceConfig,
    /// Global concurrency limit.
    pub slots: Arc<Semaphore>,
    /// Stops this loop.
    pub cancel: CancellationToken,
    /// Shared counters.
    pub progress: Arc<Progress>,
    /// Metrics.
    pub metrics: Arc<super::status::Metrics>,
    /// Delay before the first pass.
    pub first_delay: Duration,
}

impl SourceLoop {
    /// Runs until cancelled.
    pub async fn run(self) {
        let mut due = Instant::now() + self.first_delay;
        let mut failures = 0u32;
        loop {
            tokio::select! {
                () = self.cancel.cancelled() => break,
                () = tokio::time::sleep_until(due) => {}
            }
            let permit = tokio::select! {
                () = self.cancel.cancelled() => break,
                p = self.slots.clone().acquire_owned() => p,
            };
            let Ok(_permit) = permit else { break };
            self.metrics
                .record_lateness(Instant::now().saturating_duration_since(due));
            let (cfg, lexicon) = self.config.borrow().clone();
            let started = Instant::now();
            let report = tokio::select! {
                () = self.cancel.cancelled() => break,
                r = self.pipeline.run_source(&cfg, &lexicon, &self.source) => r,
            };
            self.metrics.record(&report, started.elapsed());
            self.pipeline.check_store(&report).await;
            self.progress.passes.fetch_add(1, Ordering::Relaxed);
            self.progress
                .alerts
                .fetch_add(report.alerts as u64, Ordering::Relaxed);
            if report.errors > 0 {
                self.progress.errors.fetch_add(1, Ordering::Relaxed);
                failures += 1;
            } else {
                failures = 0;
            }
            due = Instant::now() + next_delay(self.source.interval, failures, cfg.daemon.jitter);
            // The pass may have pushed the source's due time later (a host's
            // Retry-After or backoff); waking before it would only be skipped.
            let (store, id) = (self.pipeline.store.clone(), self.source.id.clone());
            if let Ok(Ok(st)) = tokio::task::spawn_blocking(move || store.source_state(&id)).await
                && let Some(later) = st
                    .next_due
                    .and_then(|d| (d - chrono::Utc::now()).to_std().ok())
            {
                due = due.max(Instant::now() + later);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        let i = Duration::from_secs(60);
        assert_eq!(next_delay(i, 0, 0.0), i);
        assert_eq!(next_delay(i, 1, 0.0), i * 2);
        assert_eq!(next_delay(i, 3, 0.0), i * 8);
        assert_eq!(next_delay(i, 10, 0.0), i * 16);
        let day = Duration::from_secs(86_400);
        assert_eq!(next_delay(Duration::from_secs(6 * 3600), 5, 0.0), day);
        assert_eq!(next_delay(day * 2, 5, 0.0), day * 2);
    }

    #[test]
    fn jitter_stays_in_bounds() {
        let i = Duration::from_secs(100);
        for _ in 0..1000 {
            let d = next_delay(i, 0, 0.1);
            assert!(
                d >= Duration::from_secs(90) && d <= Duration::from_secs(110),
                "{d:?}"
            );
        }
    }
}
