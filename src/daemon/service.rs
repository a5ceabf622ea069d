//! Service: the long-running daemon. An outer loop keeps the process up
//! when the database fails (a full disk leaves sled refusing every write
//! until it is reopened): it stops the sources, reports `degraded` to
//! systemd while it keeps the watchdog fed, and reopens the database with
//! backoff until writes work again. Each serving span schedules every
//! source, serves the listeners, reloads the config on change or SIGHUP.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::{Semaphore, watch};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::scheduler::{Progress, SourceLoop};
use super::{
    DaemonError, DaemonHandler, Running, SHUTDOWN_GRACE, control, first_delay, load_config, notify,
    open_pipeline, release_free_memory, reload, start_maintenance, start_webhooks, status,
};
use crate::store::StoreError;

/// First wait before reopening a failed database; it doubles up to
/// [`REOPEN_MAX`].
const REOPEN_MIN: Duration = Duration::from_secs(2);
/// Longest wait between reopen attempts.
const REOPEN_MAX: Duration = Duration::from_secs(16);

/// How a serving span ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanEnd {
    /// Stopped on request.
    Stopped,
    /// The database failed; reopen it.
    StoreFailed,
}

/// The long-running daemon: serves until `cancel` fires. A database that
/// fails while running is reopened in place (see the module docs); one that
/// cannot be opened at start is an error, as before.
pub async fn run(
    config_path: PathBuf,
    state_dir: Option<PathBuf>,
    cancel: CancellationToken,
) -> Result<(), DaemonError> {
    let mut wait = REOPEN_MIN;
    let mut failed_before = false;
    loop {
        let span = serve_span(&config_path, state_dir.as_deref(), cancel.clone()).await;
        let reason = match span {
            Ok(SpanEnd::Stopped) => return Ok(()),
            Ok(SpanEnd::StoreFailed) => "writes fail".to_owned(),
            // Once it failed while running, a database that will not open
            // yet (still full, or a handle not yet released) is waited for.
            Err(DaemonError::Store(e)) if failed_before && reopenable(&e) => e.to_string(),
            Err(e) => return Err(e),
        };
        failed_before = true;
        tracing::warn!(retry_in = ?wait, reason = %reason, "database unavailable; sources paused");
        if !wait_degraded(&cancel, wait, &reason).await {
            return Ok(());
        }
        wait = (wait * 2).min(REOPEN_MAX);
    }
}

/// Errors worth another open attempt: I/O (a full disk) and a lock an
/// ending span's tasks still hold.
fn reopenable(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Locked { .. } | StoreError::Open { .. } | StoreError::Sled(_)
    )
}

/// Waits `wait` while reporting `degraded` and feeding the watchdog;
/// `false` when a stop was requested meanwhile.
async fn wait_degraded(cancel: &CancellationToken, wait: Duration, reason: &str) -> bool {
    let status = format!("degraded: database unavailable ({reason}); retrying");
    let ping = sd_notify::watchdog_enabled()
        .map(|d| d / 2)
        .unwrap_or(Duration::from_secs(30))
        .min(wait);
    let until = tokio::time::Instant::now() + wait;
    loop {
        notify(&[
            sd_notify::NotifyState::Watchdog,
            sd_notify::NotifyState::Status(&status),
        ]);
        let now = tokio::time::Instant::now();
        if now >= until {
            return true;
        }
        tokio::select! {
            () = cancel.cancelled() => return false,
            () = tokio::time::sleep(ping.min(until - now)) => {}
        }
    }
}

/// One serving span: opens the pipeline, schedules every source and serves
/// the listeners until `cancel` fires (a stop) or the database fails.
async fn serve_span(
    config_path: &Path,
    state_dir: Option<&Path>,
    cancel: CancellationToken,
) -> Result<SpanEnd, DaemonError> {
    let cfg = Arc::new(load_config(config_path, state_dir)?);
    let tracker = TaskTracker::new();
    let pipeline = Arc::new(open_pipeline(&cfg, tracker.clone(), false)?);
    // Everything in this span stops with this token: cancelled with the
    // daemon's, or when the store fails.
    let cancel = cancel.child_token();
    let (cfg_tx, cfg_rx) = watch::channel((cfg.clone(), Arc::new(cfg.lexicon())));
    let slots = Arc::new(Semaphore::new(cfg.daemon.concurrency));
    let progress = Arc::new(Progress::default());
    let metrics = Arc::new(status::Metrics::new());
    if let Some(addr) = cfg.daemon.status_listen {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => {
                let state = Arc::new(status::StatusState {
                    metrics: metrics.clone(),
                    store: pipeline.store.clone(),
                    deliverer: pipeline.deliverer.clone(),
                    addr,
                    low_disk: pipeline.low_disk.clone(),
                });
                let c = cancel.clone();
                tracker.spawn(async move {
                    if let Err(e) = status::serve(listener, state, c).await {
                        tracing::error!(error = %e, "status listener failed");
                    }
                });
                tracing::info!(%addr, "status listener: /healthz /metrics /alerts.atom /api/quantities");
            }
            Err(e) => tracing::error!(%addr, error = %e, "cannot bind the status listener"),
        }
    }
    let mut running: HashMap<String, Running> = HashMap::new();
    let spawn = |src: &crate::config::SourceConfig,
                 running: &mut HashMap<String, Running>,
                 first_delay: Duration| {
        let token = cancel.child_token();
        tracker.spawn(
            SourceLoop {
                pipeline: pipeline.clone(),
                config: cfg_rx.clone(),
                source: src.clone(),
                slots: slots.clone(),
                cancel: token.clone(),
                progress: progress.clone(),
                metrics: metrics.clone(),
                first_delay,
            }
            .run(),
        );
        running.insert(
            src.id.clone(),
            Running {
                cancel: token,
                source: src.clone(),
            },
        );
    };
    for src in &cfg.sources {
        let due = first_delay(&pipeline.store, src, cfg.sources.len());
        spawn(src, &mut running, due);
    }
    let handler = Arc::new(DaemonHandler {
        pipeline: pipeline.clone(),
        config: cfg_rx.clone(),
        slots: slots.clone(),
        cancel: cancel.clone(),
    });
    let socket = control::bind_path(&cfg);
    let socket_cancel = cancel.clone();
    tracker.spawn(async move {
        if let Err(e) = control::serve(socket.clone(), handler, socket_cancel).await {
            tracing::warn!(error = %e, path = %socket.display(), "control socket unavailable; queries need the daemon stopped");
        }
    });
    start_webhooks(&cfg, &pipeline.store, &tracker, &cancel);
    start_maintenance(&cfg, &pipeline.store, &tracker, &cancel);
    let (reload_tx, mut reload_rx) = tokio::sync::mpsc::channel::<()>(1);
    let _watcher = reload::watch(&cfg, reload_tx.clone());
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        .map_err(DaemonError::Signal)?;
    notify(&[
        sd_notify::NotifyState::Ready,
        sd_notify::NotifyState::Status(&format!("{} sources", cfg.sources.len())),
    ]);
    tracing::info!(sources = cfg.sources.len(), state_dir = %cfg.daemon.state_dir.display(), "claimwatch running");
    let watchdog = sd_notify::watchdog_enabled()
        .map(|d| d / 2)
        .unwrap_or(Duration::from_secs(30));
    let mut tick = tokio::time::interval(watchdog);
    let mut end = SpanEnd::Stopped;
    loop {
        let reload_now = tokio::select! {
            () = cancel.cancelled() => break,
            () = pipeline.store_failed.cancelled() => {
                end = SpanEnd::StoreFailed;
                break;
            }
            _ = hup.recv() => true,
            Some(()) = reload_rx.recv() => true,
            _ = tick.tick() => false,
        };
        if reload_now {
            notify(&[sd_notify::NotifyState::Reloading]);
            let current = cfg_tx.borrow().0.clone();
            match load_config(config_path, state_dir) {
                Err(e) => {
                    tracing::error!(error = %e, "config reload rejected; the last good config keeps running")
                }
                Ok(new) => {
                    if new.daemon.state_dir != current.daemon.state_dir
                        || new.daemon.alert_log != current.daemon.alert_log
                    {
                        tracing::warn!(
                            "state_dir and alert_log changes take effect after a restart"
                        );
                    }
                    let new = Arc::new(new);
                    let _ = cfg_tx.send((new.clone(), Arc::new(new.lexicon())));
                    running.retain(|id, r| {
                        let keep = new.source(id).is_some_and(|s| *s == r.source);
                        if !keep {
                            r.cancel.cancel();
                        }
                        keep
                    });
                    for src in &new.sources {
                        if !running.contains_key(&src.id) {
                            let due = first_delay(&pipeline.store, src, new.sources.len());
                            spawn(src, &mut running, due);
                        }
                    }
                    tracing::info!(sources = new.sources.len(), "config reloaded");
                }
            }
        }
        release_free_memory();
        let status = format!(
            "{}{} sources, {} passes, {} alerts, {} failed passes",
            if pipeline.low_disk.load(Ordering::Relaxed) {
                "degraded (low disk space): "
            } else {
                ""
            },
            running.len(),
            progress.passes.load(Ordering::Relaxed),
            progress.alerts.load(Ordering::Relaxed),
            progress.errors.load(Ordering::Relaxed)
        );
        notify(&[
            sd_notify::NotifyState::Ready,
            sd_notify::NotifyState::Watchdog,
            sd_notify::NotifyState::Status(&status),
        ]);
    }
    cancel.cancel();
    if end == SpanEnd::Stopped {
        notify(&[sd_notify::NotifyState::Stopping]);
        tracing::info!("stopping: waiting for in-flight work");
    } else {
        tracing::error!("the database failed (a full disk?); stopping the sources to reopen it");
    }
    tracker.close();
    if tokio::time::timeout(SHUTDOWN_GRACE, tracker.wait())
        .await
        .is_err()
    {
        tracing::warn!("in-flight work did not finish in time; it was cancelled");
    }
    let store = pipeline.store.clone();
    match tokio::task::spawn_blocking(move || store.flush()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "final flush failed"),
        Err(e) => tracing::error!(error = %e, "final flush task failed"),
    }
    if end == SpanEnd::Stopped {
        tracing::info!("stopped");
    }
    Ok(end)
}
