//! Pipeline: the path of one source through fetch → (discover) → extract →
//! claims → store → alert, with per-source health. Every request goes
//! through the polite fetcher (`source::gate`): hosts that asked to wait and
//! URLs robots.txt disallows are skipped — a state, not an error. Parsing and
//! sled work run on the blocking pool; a failure is returned to the caller,
//! never fatal.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use url::Url;

use super::document::DocJob;
use super::report::SourceReport;
use crate::alert::{AlertError, Deliverer};
use crate::claims::Lexicon;
use crate::config::{Config, SourceConfig, SourceKind};
use crate::diff::{Alert, AlertKind};
use crate::extract::{ExtractOptions, charset};
use crate::source::discover::{self, DiscoverError};
use crate::source::gate::{GetError, PoliteFetch, Skip, Target};
use crate::source::health::{self, Health, HealthPolicy, PassEnd, Transition};
use crate::source::hoststate::HostPersist;
use crate::source::retry::RetryPolicy;
use crate::source::settings;
use crate::source::{
    FetchError, FetchOptions, FetchOutcome, FetchRequest, Fetched, Fetcher, HostPool,
};
use crate::store::{DocumentRecord, Store, StoreError};

/// Consecutive failed passes before a source is reported unhealthy.
pub const UNHEALTHY_AFTER: u32 = health::UNHEALTHY_AFTER;
/// Discovered article URLs remembered per source.
const MAX_KNOWN_ARTICLES: usize = 500;

/// Why one source's pass failed (or was skipped).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// Fetching failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The request was not made: robots.txt, Retry-After or backoff.
    #[error("{state} ({0})", state = .0.state())]
    Skipped(Skip),
    /// The document had no article text.
    #[error("no article text in {0}")]
    Empty(String),
    /// Discovery failed.
    #[error(transparent)]
    Discover(#[from] DiscoverError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Alert delivery failed.
    #[error(transparent)]
    Alert(#[from] AlertError),
    /// A blocking task panicked or was cancelled.
    #[error("worker task failed: {0}")]
    Join(String),
    /// The state directory's filesystem has less free space than
    /// `min_free_mb`: the pass is skipped, nothing is written.
    #[error("low disk space: {free} bytes free in the state directory, {need} kept free")]
    LowDisk {
        /// Bytes available.
        free: u64,
        /// `min_free_mb` in bytes.
        need: u64,
    },
}

impl PipelineError {
    /// A short class name for health records.
    pub fn class(&self) -> &'static str {
        match self {
            Self::Fetch(e) => e.class(),
            Self::Skipped(s) => s.class(),
            Self::Empty(_) | Self::Discover(_) => "parse",
            Self::Store(_) => "store",
            Self::Alert(_) => "alert",
            Self::Join(_) => "internal",
            Self::LowDisk { .. } => "low_disk",
        }
    }
}

impl From<GetError> for PipelineError {
    fn from(e: GetError) -> Self {
        match e {
            GetError::Skip(s) => Self::Skipped(s),
            GetError::Fetch(f) => Self::Fetch(f),
        }
    }
}

/// Shared pieces every source pass uses.
pub struct Pipeline {
    /// The database.
    pub store: Store,
    /// The HTTP client.
    pub fetcher: Fetcher,
    /// Per-host pacing and cached host state.
    pub hosts: HostPool,
    /// The alert sink.
    pub deliverer: Arc<Deliverer>,
    /// Tracks blocking work, so shutdown waits for commits in progress.
    pub tracker: tokio_util::task::TaskTracker,
    /// Re-check every known article on each pass (`check`), instead of
    /// following the age ladder (the daemon).
    pub recheck_all: bool,
    /// Documents parsed at once: parsing is CPU-bound, so more than the
    /// cores only adds memory (one DOM each), however many fetches are in
    /// flight.
    pub parse_slots: Arc<tokio::sync::Semaphore>,
    /// Cancelled when the database stops taking writes (see
    /// [`Pipeline::check_store`]); the daemon then reopens it.
    pub store_failed: tokio_util::sync::CancellationToken,
    /// Set while the state directory is short of `min_free_mb` (health
    /// `degraded`).
    pub low_disk: Arc<std::sync::atomic::AtomicBool>,
}

/// Permits of [`Pipeline::parse_slots`]: half the available cores, at least
/// one. Each parse holds a page's DOM; on the side-by-side benchmark's 500
/// pages (2 cores) one parse at a time instead of two took the cold pass's
/// peak RSS from 34.0-34.9 MB to 32.3-32.4 MB at the same CPU time, and
/// its wall time from 1.2-1.5 s to 1.5-1.7 s. The other half of the cores
/// fetch, store and deliver meanwhile.
pub fn parse_parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

/// Host state persisted in the store's hosts tree.
struct StoreHosts(Store);

impl HostPersist for StoreHosts {
    fn load(&self, key: &str) -> Option<Vec<u8>> {
        self.0
            .host_get(key)
            .map_err(|e| tracing::error!(error = %e, key, "cannot read host state"))
            .ok()
            .flatten()
    }
    fn save(&self, key: &str, value: &[u8]) {
        if let Err(e) = self.0.host_put(key, value) {
            tracing::error!(error = %e, key, "cannot write host state");
        }
    }
}

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DocOutcome {
    NotModified,
    Unchanged,
    New,
    Changed,
}

impl Pipeline {
    /// Runs one pass of `src`, updates its health, and reports. A skipped
    /// pass (robots.txt, Retry-After, backoff) is reported in `error` with
    /// `errors = 0`: a state, not a failure.
    pub async fn run_source(
        &self,
        cfg: &Config,
        lexicon: &Arc<Lexicon>,
        src: &SourceConfig,
    ) -> SourceReport {
        let mut report = SourceReport {
            source: src.id.clone(),
            ..SourceReport::default()
        };
        if let Err(e) = self.disk_room(cfg) {
            // Nothing is fetched or written, not even the health record:
            // the free space is the database's to finish what it started.
            report.skipped = Some(e.to_string());
            return report;
        }
        if settings::insecure(src) {
            tracing::warn!(source = %src.id, "TLS certificate verification is off for this source (insecure = true)");
        }
        let result = match src.kind {
            SourceKind::Page => self
                .page(cfg, lexicon, src, &src.url, &mut report)
                .await
                .map(|_| ()),
            SourceKind::Feed | SourceKind::Listing | SourceKind::Sitemap => {
                self.discovery(cfg, lexicon, src, &mut report).await
            }
        };
        let end = match &result {
            Ok(()) => PassEnd::Ok,
            Err(PipelineError::Skipped(s)) => {
                tracing::info!(source = %src.id, state = s.state(), reason = %s, "source skipped");
                report.skipped = Some(format!("{}: {s}", s.state()));
                PassEnd::Skipped {
                    class: s.class(),
                    msg: format!("{}: {s}", s.state()),
                    until: s.until(),
                }
            }
            Err(e) => {
                tracing::warn!(source = %src.id, class = e.class(), error = %e, "source pass failed");
                report.errors += 1;
                report.error = Some(format!("{}: {e}", e.class()));
                PassEnd::Failed {
                    class: e.class(),
                    msg: e.to_string(),
                }
            }
        };
        match self.record_health(cfg, src, end).await {
            Ok(alerts) => report.alerts += alerts,
            Err(e) => {
                tracing::error!(source = %src.id, error = %e, "cannot record source health");
                // The pass did not persist: count it, and let the caller
                // probe the store.
                if report.error.is_none() {
                    report.errors += 1;
                    report.error = Some(format!("store: {e}"));
                }
            }
        }
        report
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, PipelineError> + Send + 'static,
    ) -> Result<T, PipelineError> {
        self.tracker
            .spawn_blocking(f)
            .await
            .map_err(|e| PipelineError::Join(e.to_string()))?
    }

    fn polite(&self) -> PoliteFetch<'_> {
        PoliteFetch {
            fetcher: &self.fetcher,
            hosts: &self.hosts,
            persist: Arc::new(StoreHosts(self.store.clone())),
            retry: RetryPolicy::default(),
        }
    }

    fn target(&self, cfg: &Config, src: &SourceConfig, url: &Url) -> Target {
        let limits = cfg.host_limits(url.host_str().unwrap_or_default());
        Target {
            interval: src.interval,
            concurrency: limits.concurrency,
            delay: limits.delay,
            options: FetchOptions {
                insecure: settings::insecure(src),
                refuse_private: settings::refuse_private_addresses(cfg),
                deadline: None,
            },
            honour_backoff: !self.recheck_all,
        }
    }

    async fn get(
        &self,
        cfg: &Config,
        src: &SourceConfig,
        req: &FetchRequest<'_>,
    ) -> Result<FetchOutcome, PipelineError> {
        let target = self.target(cfg, src, req.url);
        Ok(self.polite().get(&target, req).await?)
    }

    /// Fetches one article URL and processes it.
    async fn page(
        &self,
        cfg: &Config,
        lexicon: &Arc<Lexicon>,
        src: &SourceConfig,
        url: &Url,
        report: &mut SourceReport,
    ) -> Result<DocOutcome, PipelineError> {
        let store = self.store.clone();
        let key = url.to_string();
        // Only the head: an unchanged page (304, the common case) needs no
        // claims decoded.
        let prev = self
            .blocking(move || Ok(store.document_head(&key)?))
            .await?;
        let req = FetchRequest {
            url,
            etag: prev.as_ref().and_then(|p| p.etag.as_deref()),
            last_modified: prev.as_ref().and_then(|p| p.last_modified.as_deref()),
            max_bytes: cfg.daemon.max_body_bytes,
        };
        let fetched = match self.get(cfg, src, &req).await? {
            FetchOutcome::NotModified => {
                report.not_modified += 1;
                return Ok(DocOutcome::NotModified);
            }
            FetchOutcome::Body(f) => f,
        };
        report.fetched += 1;
        let job = DocJob {
            store: self.store.clone(),
            deliverer: self.deliverer.clone(),
            lexicon: lexicon.clone(),
            source: src.id.clone(),
            url: url.to_string(),
            opts: ExtractOptions {
                body_selector: src.selector.clone(),
                exclude_selectors: src.exclude.clone(),
            },
            alert_kinds: cfg.daemon.alert_kinds.clone(),
            fetched,
            now: Utc::now(),
        };
        // The semaphore is never closed, so acquiring cannot fail; without a
        // permit the job would still be correct, only less memory-bounded.
        let _slot = self.parse_slots.clone().acquire_owned().await.ok();
        let (outcome, alerts) = self.blocking(move || job.run()).await?;
        match outcome {
            DocOutcome::Unchanged => report.unchanged += 1,
            DocOutcome::New => report.new_documents += 1,
            DocOutcome::Changed => report.changed_documents += 1,
            DocOutcome::NotModified => report.not_modified += 1,
        }
        report.alerts += alerts;
        Ok(outcome)
    }

    /// A feed, listing or sitemap: fetch the index, remember new articles
    /// (an article that leaves the index stays known), then fetch the
    /// articles that are due. An index that does not parse keeps the last
    /// good list; the known articles are still re-checked.
    async fn discovery(
        &self,
        cfg: &Config,
        lexicon: &Arc<Lexicon>,
        src: &SourceConfig,
        report: &mut SourceReport,
    ) -> Result<(), PipelineError> {
        let store = self.store.clone();
        let id = src.id.clone();
        let mut state = self.blocking(move || Ok(store.source_state(&id)?)).await?;
        let max = if src.kind == SourceKind::Feed {
            cfg.daemon.max_feed_bytes
        } else {
            cfg.daemon.max_body_bytes
        };
        let req = FetchRequest {
            url: &src.url,
            etag: state.index_etag.as_deref(),
            last_modified: state.index_last_modified.as_deref(),
            max_bytes: max,
        };
        let outcome = self.get(cfg, src, &req).await?;
        let mut index_error = None;
        if let FetchOutcome::Body(f) = outcome {
            match discover_in(src, &f) {
                Ok(found) => {
                    let filter = settings::url_filter(src);
                    let keywords = (src.keywords.as_slice(), src.keywords_all);
                    discover::merge_new(
                        &mut state.articles,
                        &mut state.guids,
                        found,
                        &filter,
                        keywords,
                        src.max_articles,
                        MAX_KNOWN_ARTICLES,
                    );
                    state.index_etag = f.etag;
                    state.index_last_modified = f.last_modified;
                    let (store, id, st) = (self.store.clone(), src.id.clone(), state.clone());
                    self.blocking(move || Ok(store.put_source_state(&id, &st)?))
                        .await?;
                }
                Err(e) => {
                    tracing::warn!(source = %src.id, error = %e, known = state.articles.len(), "index does not parse; keeping the last good articles");
                    index_error = Some(e);
                }
            }
        }
        let now = Utc::now();
        let ladder = settings::recheck_ladder(src);
        let (mut attempted, mut failures, mut last_err) = (0usize, 0usize, None);
        for u in &state.articles {
            let Ok(url) = Url::parse(u) else { continue };
            let store = self.store.clone();
            let key = u.clone();
            let prev = self
                .blocking(move || Ok(store.document_head(&key)?))
                .await?;
            if !self.recheck_all
                && prev.as_ref().is_some_and(|p| {
                    !health::recheck_due(&ladder, p.first_seen, p.last_checked, now)
                })
            {
                continue;
            }
            attempted += 1;
            match self.page(cfg, lexicon, src, &url, report).await {
                Ok(_) => {}
                Err(PipelineError::Skipped(s @ Skip::RobotsDisallowed { .. })) => {
                    tracing::debug!(source = %src.id, url = %url, reason = %s, "article skipped");
                    attempted -= 1;
                }
                Err(PipelineError::Skipped(s)) => {
                    // The host asked to wait: leave the rest for a later pass.
                    tracing::info!(source = %src.id, reason = %s, "host deferred; remaining articles wait");
                    attempted -= 1;
                    break;
                }
                Err(e) => {
                    tracing::warn!(source = %src.id, url = %url, class = e.class(), error = %e, "article failed");
                    failures += 1;
                    last_err = Some(e);
                }
            }
        }
        if let Some(e) = index_error {
            return Err(e);
        }
        // The pass fails only when every article tried failed; single bad articles are logged.
        match last_err {
            Some(e) if failures == attempted => Err(e),
            _ => Ok(()),
        }
    }

    async fn record_health(
        &self,
        cfg: &Config,
        src: &SourceConfig,
        end: PassEnd,
    ) -> Result<usize, StoreError> {
        let store = self.store.clone();
        let deliverer = self.deliverer.clone();
        let id = src.id.clone();
        let url = src.url.to_string();
        let deliver_unhealthy = cfg
            .daemon
            .alert_kinds
            .iter()
            .any(|k| k == "source_unhealthy");
        let deliver_recovered = cfg
            .daemon
            .alert_kinds
            .iter()
            .any(|k| k == "source_recovered");
        let policy = HealthPolicy {
            unhealthy_after: settings::unhealthy_after(cfg),
            expect_update: settings::expect_update(src),
        };
        let interval = src.interval;
        let res = self
            .tracker
            .spawn_blocking(move || -> Result<usize, StoreError> {
                let now = Utc::now();
                let mut st = store.source_state(&id)?;
                let mut h = Health {
                    last_success: st.last_success,
                    last_error_at: st.last_error_at,
                    last_error: st.last_error.take(),
                    last_error_class: st.last_error_class.take(),
                    consecutive_failures: st.consecutive_failures,
                    next_due: st.next_due,
                    unhealthy: st.unhealthy,
                };
                let backoff = |n| super::scheduler::next_delay(interval, n, 0.0);
                let raise = h.apply(&end, &policy, now, interval, backoff);
                st.passes += 1;
                (
                    st.last_success,
                    st.last_error_at,
                    st.last_error,
                    st.last_error_class,
                ) = (
                    h.last_success,
                    h.last_error_at,
                    h.last_error,
                    h.last_error_class,
                );
                (st.consecutive_failures, st.next_due, st.unhealthy) =
                    (h.consecutive_failures, h.next_due, h.unhealthy);
                store.put_source_state(&id, &st)?;
                let alert = match raise {
                    Some(Transition::Unhealthy(why)) if deliver_unhealthy => {
                        health_alert(AlertKind::SourceUnhealthy, &id, &url, &why, now)
                    }
                    Some(Transition::Recovered) if deliver_recovered => health_alert(
                        AlertKind::SourceRecovered,
                        &id,
                        &url,
                        "source works again",
                        now,
                    ),
                    _ => return Ok(0),
                };
                store.commit_alert(alert)?;
                if let Err(e) = deliverer.drain(&store) {
                    tracing::error!(error = %e, "alert delivery failed");
                }
                Ok(1)
            })
            .await;
        res.unwrap_or_else(|e| {
            tracing::error!(error = %e, "health task failed");
            Ok(0)
        })
    }
}

fn discover_in(
    src: &SourceConfig,
    f: &Fetched,
) -> Result<Vec<discover::Discovered>, PipelineError> {
    Ok(match src.kind {
        SourceKind::Feed => discover::from_feed(&f.body, &f.final_url)?,
        SourceKind::Listing => {
            let html = charset::decode(&f.body, f.content_type.as_deref());
            discover::from_listing(
                &html,
                &f.final_url,
                src.link_selector.as_deref().unwrap_or("a[href]"),
            )?
        }
        SourceKind::Sitemap | SourceKind::Page => {
            let xml = charset::decode(&f.body, f.content_type.as_deref());
            discover::from_sitemap(&xml, &f.final_url)?
        }
    })
}

/// Whether a known article is due for a re-check on the default ladder:
/// often while young, rarely when old, never past 30 days.
pub fn recheck_due(doc: &DocumentRecord, now: DateTime<Utc>) -> bool {
    health::recheck_due(
        health::DEFAULT_LADDER,
        doc.first_seen,
        doc.last_checked,
        now,
    )
}

fn health_alert(kind: AlertKind, id: &str, url: &str, text: &str, now: DateTime<Utc>) -> Alert {
    Alert {
        id: 0,
        ts: now,
        kind,
        quantity: String::new(),
        key: String::new(),
        unit: String::new(),
        old: None,
        new: None,
        delta: None,
        delta_pct: None,
        baseline: None,
        as_of: None,
        source: id.to_owned(),
        url: url.to_owned(),
        title: String::new(),
        sentence: text.to_owned(),
        qualifier: Default::default(),
        old_url: None,
        old_sentence: None,
        old_as_of: None,
    }
}
