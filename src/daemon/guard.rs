//! Guard: the daemon's protection of its database. A free-space check
//! pauses passes before a write could meet a full disk (sled stalls for good
//! once one does), and a probe notices a database that stopped taking
//! writes, so the service can reopen it.

use super::pipeline::{Pipeline, PipelineError};
use super::report::SourceReport;
use crate::config::Config;

impl Pipeline {
    /// Checks the state directory keeps `min_free_mb` free, and records the
    /// answer in [`Pipeline::low_disk`] (logging each change once).
    pub fn disk_room(&self, cfg: &Config) -> Result<(), PipelineError> {
        use std::sync::atomic::Ordering;
        let need = cfg.daemon.min_free_bytes;
        if need == 0 {
            return Ok(());
        }
        // A filesystem that cannot be asked is not treated as full.
        let Ok(free) = fs2::available_space(&cfg.daemon.state_dir) else {
            return Ok(());
        };
        let low = free < need;
        if self.low_disk.swap(low, Ordering::Relaxed) != low {
            if low {
                tracing::error!(free, need, state_dir = %cfg.daemon.state_dir.display(), "low disk space: passes paused until space returns");
            } else {
                tracing::warn!(free, need, "disk space is back: passes resume");
            }
        }
        if low {
            Err(PipelineError::LowDisk { free, need })
        } else {
            Ok(())
        }
    }

    /// After a pass that failed in the store: probes whether the database
    /// still takes a durable write, and raises [`Pipeline::store_failed`]
    /// when it does not. sled keeps refusing writes after an I/O error (a
    /// full disk) until it is reopened.
    pub async fn check_store(&self, report: &SourceReport) {
        let suspect = report
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("store") || e.starts_with("alert"));
        if !suspect || self.store_failed.is_cancelled() {
            return;
        }
        let store = self.store.clone();
        match tokio::task::spawn_blocking(move || store.probe()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                tracing::error!(error = %e, "the database no longer takes writes");
                self.store_failed.cancel();
            }
            Err(e) => tracing::error!(error = %e, "store probe task failed"),
        }
    }
}
