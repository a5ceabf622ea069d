//! Daemon: opens the store and sinks, runs passes (`check`) or the long-lived
//! scheduler (`run`) with hot reload, sd_notify and graceful shutdown.

pub mod control;
pub mod document;
mod guard;
pub mod pipeline;
pub mod reload;
pub mod report;
pub mod scheduler;
mod service;
pub mod status;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Semaphore, watch};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::alert::{AlertLog, Deliverer};
use crate::claims::Lexicon;
use crate::config::{self, Config, ConfigError};
use crate::source::{FetchError, Fetcher, HostPool};
use crate::store::{Store, StoreError};
pub use pipeline::{Pipeline, PipelineError};
pub use report::{PassSummary, SourceReport};
pub use service::run;

/// How long shutdown waits for in-flight work.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);

/// Why the daemon or a pass could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DaemonError {
    /// The config is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The store could not be opened or used.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The alert log could not be opened.
    #[error("cannot open alert log {path}: {source}")]
    AlertLog {
        /// Its path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The HTTP client could not be built.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// A baseline could not be stored.
    #[error("baseline: {0}")]
    Baseline(#[source] PipelineError),
    /// `check` named a source that is not configured.
    #[error("unknown source {0:?}")]
    UnknownSource(String),
    /// Signal handlers could not be installed.
    #[error("cannot install signal handler: {0}")]
    Signal(#[source] std::io::Error),
}

/// Loads the config and applies the `--state-dir` override.
pub fn load_config(path: &Path, state_dir: Option<&Path>) -> Result<Config, ConfigError> {
    let mut cfg = config::load(path)?;
    if let Some(dir) = state_dir {
        cfg.override_state_dir(dir);
    }
    Ok(cfg)
}

/// Opens the store, the alert log and the HTTP client, stores baselines, and
/// delivers any alerts a crash left in the outbox.
pub fn open_pipeline(
    cfg: &Config,
    tracker: TaskTracker,
    recheck_all: bool,
) -> Result<Pipeline, DaemonError> {
    let (store, _moved) = open_store(cfg)?;
    let log = AlertLog::open(
        &cfg.daemon.alert_log,
        cfg.daemon.alert_log_max_bytes,
        cfg.daemon.alert_log_keep,
    )
    .map_err(|source| DaemonError::AlertLog {
        path: cfg.daemon.alert_log.clone(),
        source,
    })?;
    store.ensure_next_alert_id(log.last_id())?;
    let deliverer = Arc::new(Deliverer::new(log, &cfg.daemon.alert_log));
    let fetcher = Fetcher::new(&cfg.daemon.user_agent, cfg.daemon.request_timeout)?;
    document::load_baselines(&store, cfg, &cfg.lexicon()).map_err(DaemonError::Baseline)?;
    if let Err(e) = deliverer.drain(&store) {
        tracing::error!(error = %e, "cannot deliver pending alerts");
    }
    Ok(Pipeline {
        store,
        fetcher,
        hosts: HostPool::new(),
        deliverer,
        tracker,
        recheck_all,
        parse_slots: Arc::new(Semaphore::new(pipeline::parse_parallelism())),
        store_failed: CancellationToken::new(),
        low_disk: Default::default(),
    })
}

/// How long opening waits for a lock held by another process.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Opens the database, waiting briefly while another process holds it: a
/// query command (`claimwatch sources` with no daemon yet listening) opens
/// it for a moment, and a daemon starting at that moment must not give up.
fn open_store(cfg: &Config) -> Result<(Store, Option<PathBuf>), StoreError> {
    let deadline = std::time::Instant::now() + LOCK_WAIT;
    loop {
        match Store::open_or_recover(&cfg.daemon.state_dir, cfg.daemon.cache_capacity) {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// Runs one pass over the named sources (all when `only` is empty) on an
/// open pipeline. Sources run concurrently under the global limit; `on_done`
/// sees each report as it finishes.
pub async fn run_pass(
    pipeline: &Arc<Pipeline>,
    cfg: &Arc<Config>,
    lexicon: &Arc<Lexicon>,
    only: &[String],
    slots: &Arc<Semaphore>,
    cancel: &CancellationToken,
    on_done: &mut (dyn FnMut(&SourceReport) + Send),
) -> Result<(PassSummary, Vec<SourceReport>), DaemonError> {
    for id in only {
        if cfg.source(id).is_none() {
            return Err(DaemonError::UnknownSource(id.clone()));
        }
    }
    let tracker = TaskTracker::new();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<SourceReport>(64);
    for src in cfg
        .sources
        .iter()
        .filter(|s| only.is_empty() || only.contains(&s.id))
    {
        let src = src.clone();
        let (pipeline, cfg, lexicon, slots, tx, cancel) = (
            pipeline.clone(),
            cfg.clone(),
            lexicon.clone(),
            slots.clone(),
            tx.clone(),
            cancel.clone(),
        );
        tracker.spawn(async move {
            let Ok(_permit) = slots.acquire_owned().await else {
                return;
            };
            let report = tokio::select! {
                () = cancel.cancelled() => return,
                r = pipeline.run_source(&cfg, &lexicon, &src) => r,
            };
            let _ = tx.send(report).await;
        });
    }
    drop(tx);
    let mut summary = PassSummary::default();
    let mut reports = Vec::new();
    while let Some(r) = rx.recv().await {
        on_done(&r);
        summary.add(&r);
        reports.push(r);
        // A long pass hands freed pages back as it goes, so that the DOMs
        // of finished pages do not add up to the pass's peak RSS.
        if reports.len() % TRIM_EVERY == 0 {
            release_free_memory();
        }
    }
    tracker.close();
    tracker.wait().await;
    Ok((summary, reports))
}

/// `claimwatch check` without a daemon: opens the store, runs one pass,
/// flushes and closes.
pub async fn check(
    cfg: Arc<Config>,
    only: &[String],
    cancel: CancellationToken,
    on_done: &mut (dyn FnMut(&SourceReport) + Send),
) -> Result<(PassSummary, Vec<SourceReport>), DaemonError> {
    for id in only {
        if cfg.source(id).is_none() {
            return Err(DaemonError::UnknownSource(id.clone()));
        }
    }
    let tracker = TaskTracker::new();
    let pipeline = Arc::new(open_pipeline(&cfg, tracker.clone(), true)?);
    let lexicon = Arc::new(cfg.lexicon());
    let slots = Arc::new(Semaphore::new(cfg.daemon.concurrency));
    let out = run_pass(&pipeline, &cfg, &lexicon, only, &slots, &cancel, on_done).await;
    tracker.close();
    tracker.wait().await;
    let store = pipeline.store.clone();
    let _ = tokio::task::spawn_blocking(move || store.flush()).await;
    out
}

fn notify(states: &[sd_notify::NotifyState<'_>]) {
    if let Err(e) = sd_notify::notify(states) {
        tracing::debug!(error = %e, "sd_notify failed");
    }
}

struct Running {
    cancel: CancellationToken,
    source: crate::config::SourceConfig,
}

/// Routes alerts to the configured webhooks and starts one delivery task
/// per webhook. Delivery runs apart from fetching: a down receiver only
/// delays its own outbox.
fn start_webhooks(cfg: &Config, store: &Store, tracker: &TaskTracker, cancel: &CancellationToken) {
    store.set_routes(
        cfg.webhooks
            .iter()
            .map(|w| crate::store::SinkRoute {
                sink: w.name.clone(),
                kinds: w.kinds.clone(),
            })
            .collect(),
    );
    for w in &cfg.webhooks {
        let sink = match crate::alert::webhook::WebhookSink::new(w.clone(), &cfg.daemon.user_agent)
        {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(sink = %w.name, error = %e, "cannot build webhook client");
                continue;
            }
        };
        let (store, cancel) = (store.clone(), cancel.clone());
        tracker.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    () = cancel.cancelled() => break,
                    _ = tick.tick() => {}
                }
                let round = tokio::select! {
                    () = cancel.cancelled() => break,
                    r = sink.deliver_due(&store, chrono::Utc::now()) => r,
                };
                if let Err(e) = round {
                    tracing::error!(sink = %sink.name(), error = %e, "webhook outbox error");
                }
            }
        });
    }
}

/// Periodic store care: a rotated export and retention, off the runtime.
fn start_maintenance(
    cfg: &Config,
    store: &Store,
    tracker: &TaskTracker,
    cancel: &CancellationToken,
) {
    let (store, cancel) = (store.clone(), cancel.clone());
    let every = cfg.daemon.export_interval;
    let keep = cfg.daemon.export_keep;
    let max_age =
        chrono::Duration::from_std(cfg.daemon.history_max_age).unwrap_or(chrono::Duration::MAX);
    let dir = cfg.daemon.state_dir.join("exports");
    tracker.spawn(async move {
        loop {
            tokio::select! {
                () = cancel.cancelled() => break,
                () = tokio::time::sleep(every) => {}
            }
            let (store, dir) = (store.clone(), dir.clone());
            let done = tokio::task::spawn_blocking(move || {
                let now = chrono::Utc::now();
                let retention = store.apply_retention(max_age, now);
                let export = store.export_rotated(&dir, keep, now);
                (retention, export, store.size_on_disk())
            })
            .await;
            match done {
                Ok((Ok((points, alerts)), Ok(path), size)) => tracing::info!(
                    points, alerts, export = %path.display(), size_on_disk = size.unwrap_or(0), "store maintenance done"
                ),
                Ok((r, e, _)) => tracing::error!(retention = ?r.err(), export = ?e.err(), "store maintenance failed"),
                Err(e) => tracing::error!(error = %e, "store maintenance task failed"),
            }
        }
    });
}

struct DaemonHandler {
    pipeline: Arc<Pipeline>,
    config: watch::Receiver<(Arc<Config>, Arc<Lexicon>)>,
    slots: Arc<Semaphore>,
    cancel: CancellationToken,
}

impl control::Handler for DaemonHandler {
    async fn handle(&self, req: control::Request) -> Result<serde_json::Value, String> {
        let (cfg, lexicon) = self.config.borrow().clone();
        let store = self.pipeline.store.clone();
        let blocking = |f: Box<
            dyn FnOnce() -> Result<serde_json::Value, control::QueryError> + Send,
        >| async move {
            match tokio::task::spawn_blocking(f).await {
                Ok(r) => r.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            }
        };
        match req {
            control::Request::Sources => {
                blocking(Box::new(move || control::sources_data(&cfg, &store))).await
            }
            control::Request::Quantities => {
                blocking(Box::new(move || control::quantities_data(&store))).await
            }
            control::Request::History { quantity } => {
                blocking(Box::new(move || {
                    control::history_data(&store, &quantity).and_then(|t| {
                        serde_json::to_value(t)
                            .map_err(|e| control::QueryError::Socket(e.to_string()))
                    })
                }))
                .await
            }
            control::Request::Check { sources } => {
                let (summary, reports) = run_pass(
                    &self.pipeline,
                    &cfg,
                    &lexicon,
                    &sources,
                    &self.slots,
                    &self.cancel,
                    &mut |_| {},
                )
                .await
                .map_err(|e| e.to_string())?;
                Ok(serde_json::json!({ "summary": summary, "reports": reports }))
            }
        }
    }
}

/// Tunes glibc's allocator for a long-running process whose big buffers
/// (pages, DOMs) are short-lived. Call before the runtime starts threads;
/// `MALLOC_ARENA_MAX` / `MALLOC_MMAP_THRESHOLD_` in the environment still win.
///
/// - At most two arenas (glibc's default is eight per core). Each thread
///   that allocates otherwise gets an arena of its own, and memory freed in
///   one arena is not reused by another.
/// - A fixed mmap threshold of 256 KiB. glibc raises the threshold every
///   time a mapped block is freed, up to 32 MiB, after which every large
///   buffer comes from the heap and fragments it: a first pass over 500
///   pages peaked at 42 MB RSS that way, 30 MB with the threshold fixed
///   (measured with the side-by-side benchmark's corpus).
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let set = |env: &str, param: libc::c_int, value: libc::c_int| {
            if std::env::var_os(env).is_none() {
                // SAFETY: mallopt only changes allocator tuning; both
                // parameters are documented and take any positive value.
                unsafe {
                    libc::mallopt(param, value);
                }
            }
        };
        set("MALLOC_ARENA_MAX", libc::M_ARENA_MAX, 2);
        set("MALLOC_MMAP_THRESHOLD_", libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// How many finished sources of a pass between two [`release_free_memory`].
const TRIM_EVERY: usize = 25;

/// Hands freed heap pages back to the kernel. glibc keeps memory freed by
/// the parser's short-lived DOMs in its arenas, so without this a daemon's
/// idle RSS stays at the peak of its busiest pass.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator's own
    // arenas to the kernel; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// When a source's first pass after start is due: its stored due time if
/// still ahead, else soon, spread a little so sources do not start at once.
/// The spread window grows with the number of sources (50 ms each, at
/// least 1 s), so a large config does not start with a burst while a single
/// new source is still fetched at once.
fn first_delay(store: &Store, src: &crate::config::SourceConfig, sources: usize) -> Duration {
    let now = chrono::Utc::now();
    let window = Duration::from_millis(50 * sources as u64).max(Duration::from_secs(1));
    let spread = src.interval.min(window).mul_f64(fastrand::f64());
    match store.source_state(&src.id).ok().and_then(|s| s.next_due) {
        Some(due) if due > now => (due - now).to_std().unwrap_or_default().min(src.interval),
        _ => spread,
    }
}
