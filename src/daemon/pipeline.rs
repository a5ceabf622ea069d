//! Pipeline: the path of one source through fetch → (discover) → extract →
//! claims → store → alert, with per-source health. Parsing and sled work run
//! on the blocking pool; a failure is returned to the caller, never fatal.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use url::Url;
use xxhash_rust::xxh3::xxh3_64;

use super::report::SourceReport;
use crate::alert::{AlertError, Deliverer};
use crate::claims::{Lexicon, extract_claims};
use crate::config::{Config, SourceConfig, SourceKind};
use crate::diff::{Alert, AlertKind, DocContext};
use crate::extract::{ExtractOptions, charset, extract_document};
use crate::source::discover::{self, DiscoverError};
use crate::source::{FetchError, FetchOutcome, FetchRequest, Fetched, Fetcher, HostPool};
use crate::store::{DocumentRecord, NewDocument, Store, StoreError};

/// Consecutive failed passes before a source is reported unhealthy.
pub const UNHEALTHY_AFTER: u32 = 3;
/// Discovered article URLs remembered per source.
const MAX_KNOWN_ARTICLES: usize = 500;

/// Why one source's pass failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// Fetching failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
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
}

impl PipelineError {
    /// A short class name for health records.
    pub fn class(&self) -> &'static str {
        match self {
            Self::Fetch(e) => e.class(),
            Self::Empty(_) | Self::Discover(_) => "parse",
            Self::Store(_) => "store",
            Self::Alert(_) => "alert",
            Self::Join(_) => "internal",
        }
    }
}

/// Shared pieces every source pass uses.
pub struct Pipeline {
    /// The database.
    pub store: Store,
    /// The HTTP client.
    pub fetcher: Fetcher,
    /// Per-host pacing.
    pub hosts: HostPool,
    /// The alert sink.
    pub deliverer: Arc<Deliverer>,
    /// Tracks blocking work, so shutdown waits for commits in progress.
    pub tracker: tokio_util::task::TaskTracker,
    /// Re-check every known article on each pass (`check`), instead of
    /// following the age ladder (the daemon).
    pub recheck_all: bool,
}

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocOutcome {
    NotModified,
    Unchanged,
    New,
    Changed,
}

impl Pipeline {
    /// Runs one pass of `src`, updates its health, and reports.
    pub async fn run_source(&self, cfg: &Config, lexicon: &Arc<Lexicon>, src: &SourceConfig) -> SourceReport {
        let mut report = SourceReport { source: src.id.clone(), ..SourceReport::default() };
        let result = match src.kind {
            SourceKind::Page => self.page(cfg, lexicon, src, &src.url, &mut report).await.map(|_| ()),
            SourceKind::Feed | SourceKind::Listing | SourceKind::Sitemap => {
                self.discovery(cfg, lexicon, src, &mut report).await
            }
        };
        if let Err(e) = &result {
            tracing::warn!(source = %src.id, class = e.class(), error = %e, "source pass failed");
            report.errors += 1;
            report.error = Some(format!("{}: {e}", e.class()));
        }
        match self.record_health(cfg, src, result.as_ref().err()).await {
            Ok(alerts) => report.alerts += alerts,
            Err(e) => tracing::error!(source = %src.id, error = %e, "cannot record source health"),
        }
        report
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, PipelineError> + Send + 'static,
    ) -> Result<T, PipelineError> {
        self.tracker.spawn_blocking(f).await.map_err(|e| PipelineError::Join(e.to_string()))?
    }

    async fn get(
        &self,
        cfg: &Config,
        url: &Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
        max_bytes: u64,
    ) -> Result<FetchOutcome, FetchError> {
        let host = url.host_str().unwrap_or_default();
        let limits = cfg.host_limits(host);
        let _permit = self.hosts.acquire(host, limits.concurrency, limits.delay).await;
        self.fetcher.fetch(&FetchRequest { url, etag, last_modified, max_bytes }).await
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
        let prev = self.blocking(move || Ok(store.document(&key)?)).await?;
        let outcome = self
            .get(
                cfg,
                url,
                prev.as_ref().and_then(|p| p.etag.as_deref()),
                prev.as_ref().and_then(|p| p.last_modified.as_deref()),
                cfg.daemon.max_body_bytes,
            )
            .await?;
        let fetched = match outcome {
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
            opts: ExtractOptions { body_selector: src.selector.clone(), exclude_selectors: src.exclude.clone() },
            alert_kinds: cfg.daemon.alert_kinds.clone(),
            prev,
            fetched,
            now: Utc::now(),
        };
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
        let max = if src.kind == SourceKind::Feed { cfg.daemon.max_feed_bytes } else { cfg.daemon.max_body_bytes };
        let outcome =
            self.get(cfg, &src.url, state.index_etag.as_deref(), state.index_last_modified.as_deref(), max).await?;
        if let FetchOutcome::Body(f) = outcome {
            let found = discover_in(src, &f)?;
            let mut fresh = Vec::new();
            for d in found {
                let u = d.url.to_string();
                if discover::keywords_match(&src.keywords, src.keywords_all, &d.title) && !state.articles.contains(&u) {
                    fresh.push(u);
                }
            }
            fresh.truncate(src.max_articles);
            fresh.append(&mut state.articles);
            fresh.truncate(MAX_KNOWN_ARTICLES);
            state.articles = fresh;
            state.index_etag = f.etag;
            state.index_last_modified = f.last_modified;
            let (store, id, st) = (self.store.clone(), src.id.clone(), state.clone());
            self.blocking(move || Ok(store.put_source_state(&id, &st)?)).await?;
        }
        let now = Utc::now();
        let mut failures = 0usize;
        let mut last_err = None;
        for u in &state.articles {
            let Ok(url) = Url::parse(u) else { continue };
            let store = self.store.clone();
            let key = u.clone();
            let prev = self.blocking(move || Ok(store.document(&key)?)).await?;
            if !self.recheck_all && prev.as_ref().is_some_and(|p| !recheck_due(p, now)) {
                continue;
            }
            match self.page(cfg, lexicon, src, &url, report).await {
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(source = %src.id, url = %url, class = e.class(), error = %e, "article failed");
                    failures += 1;
                    last_err = Some(e);
                }
            }
        }
        // The pass fails only when every article failed; single bad articles are logged.
        match last_err {
            Some(e) if failures == state.articles.len() => Err(e),
            _ => Ok(()),
        }
    }

    async fn record_health(&self, cfg: &Config, src: &SourceConfig, err: Option<&PipelineError>) -> Result<usize, StoreError> {
        let store = self.store.clone();
        let deliverer = self.deliverer.clone();
        let id = src.id.clone();
        let url = src.url.to_string();
        let deliver_unhealthy = cfg.daemon.alert_kinds.iter().any(|k| k == "source_unhealthy");
        let deliver_recovered = cfg.daemon.alert_kinds.iter().any(|k| k == "source_recovered");
        let err = err.map(|e| (e.class().to_owned(), e.to_string()));
        let interval = src.interval;
        let res = self.tracker.spawn_blocking(move || -> Result<usize, StoreError> {
            let now = Utc::now();
            let mut st = store.source_state(&id)?;
            st.passes += 1;
            let mut raise = None;
            match err {
                None => {
                    st.last_success = Some(now);
                    st.consecutive_failures = 0;
                    if st.unhealthy {
                        st.unhealthy = false;
                        raise = deliver_recovered.then(|| health_alert(AlertKind::SourceRecovered, &id, &url, "source works again", now));
                    }
                }
                Some((class, msg)) => {
                    st.last_error_at = Some(now);
                    st.last_error_class = Some(class.clone());
                    st.last_error = Some(msg.clone());
                    st.consecutive_failures += 1;
                    if st.consecutive_failures >= UNHEALTHY_AFTER && !st.unhealthy {
                        st.unhealthy = true;
                        let text = format!("{} failed passes in a row; last error {class}: {msg}", st.consecutive_failures);
                        raise = deliver_unhealthy.then(|| health_alert(AlertKind::SourceUnhealthy, &id, &url, &text, now));
                    }
                }
            }
            st.next_due = Some(now + chrono::Duration::from_std(super::scheduler::next_delay(interval, st.consecutive_failures, 0.0)).unwrap_or_default());
            store.put_source_state(&id, &st)?;
            let mut n = 0;
            if let Some(a) = raise {
                store.commit_alert(a)?;
                n = 1;
                if let Err(e) = deliverer.drain(&store) {
                    tracing::error!(error = %e, "alert delivery failed");
                }
            }
            Ok(n)
        })
        .await;
        res.unwrap_or_else(|e| {
            tracing::error!(error = %e, "health task failed");
            Ok(0)
        })
    }
}

fn discover_in(src: &SourceConfig, f: &Fetched) -> Result<Vec<discover::Discovered>, PipelineError> {
    Ok(match src.kind {
        SourceKind::Feed => discover::from_feed(&f.body, &f.final_url)?,
        SourceKind::Listing => {
            let html = charset::decode(&f.body, f.content_type.as_deref());
            discover::from_listing(&html, &f.final_url, src.link_selector.as_deref().unwrap_or("a[href]"))?
        }
        SourceKind::Sitemap | SourceKind::Page => {
            let xml = charset::decode(&f.body, f.content_type.as_deref());
            discover::from_sitemap(&xml, &f.final_url)?
        }
    })
}

/// Whether a known article is due for a re-check: often while young, rarely
/// when old, never past 30 days.
pub fn recheck_due(doc: &DocumentRecord, now: DateTime<Utc>) -> bool {
    let age = now - doc.first_seen;
    let every = if age < chrono::Duration::hours(3) {
        chrono::Duration::minutes(15)
    } else if age < chrono::Duration::days(1) {
        chrono::Duration::hours(1)
    } else if age < chrono::Duration::days(7) {
        chrono::Duration::hours(6)
    } else if age < chrono::Duration::days(30) {
        chrono::Duration::days(1)
    } else {
        return false;
    };
    doc.last_checked.is_none_or(|c| now - c >= every)
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

/// The synchronous part of processing one fetched document.
struct DocJob {
    store: Store,
    deliverer: Arc<Deliverer>,
    lexicon: Arc<Lexicon>,
    source: String,
    url: String,
    opts: ExtractOptions,
    alert_kinds: Vec<String>,
    prev: Option<DocumentRecord>,
    fetched: Fetched,
    now: DateTime<Utc>,
}

impl DocJob {
    fn run(self) -> Result<(DocOutcome, usize), PipelineError> {
        let f = &self.fetched;
        let raw_hash = xxh3_64(&f.body);
        if let Some(prev) = &self.prev {
            if prev.raw_hash == raw_hash {
                self.touch(prev, raw_hash)?;
                return Ok((DocOutcome::Unchanged, 0));
            }
        }
        let text = charset::decode(&f.body, f.content_type.as_deref());
        let is_html = f.content_type.as_deref().map(|ct| ct.contains("html") || ct.contains("xml"));
        let article = extract_document(&text, is_html, &self.opts);
        if article.text.trim().is_empty() {
            return Err(PipelineError::Empty(self.url.clone()));
        }
        let mut hash_input = String::with_capacity(article.title.len() + article.text.len() + 1);
        hash_input.push_str(&article.title);
        hash_input.push('\n');
        hash_input.push_str(&article.text);
        let text_hash = xxh3_64(hash_input.as_bytes());
        if let Some(prev) = &self.prev {
            if prev.text_hash == text_hash {
                self.touch(prev, raw_hash)?;
                return Ok((DocOutcome::Unchanged, 0));
            }
        }
        let as_of = article.published.or_else(|| Some(self.now.date_naive()));
        let claims = extract_claims(&article.text, as_of, &self.lexicon);
        let record = DocumentRecord {
            url: self.url.clone(),
            source: self.source.clone(),
            title: article.title.clone(),
            published: article.published,
            raw_hash,
            text_hash,
            first_seen: self.prev.as_ref().map_or(self.now, |p| p.first_seen),
            last_changed: self.now,
            last_checked: Some(self.now),
            claims,
            etag: f.etag.clone(),
            last_modified: f.last_modified.clone(),
            baseline: false,
        };
        let ctx = DocContext { source: &self.source, url: &self.url, title: &article.title, now: self.now, is_baseline: false };
        let kinds = &self.alert_kinds;
        let out = self.store.commit_document(
            &NewDocument { record, text: &article.text },
            &ctx,
            &|a: &Alert| kinds.iter().any(|k| k == a.kind.as_str()),
        )?;
        let delivered = self.deliverer.drain(&self.store)?.len();
        let outcome = match (&self.prev, out.text_changed) {
            (_, false) => DocOutcome::Unchanged,
            (None, true) => DocOutcome::New,
            (Some(_), true) => DocOutcome::Changed,
        };
        Ok((outcome, delivered))
    }

    fn touch(&self, prev: &DocumentRecord, raw_hash: u64) -> Result<(), PipelineError> {
        let f = &self.fetched;
        let mut rec = prev.clone();
        rec.raw_hash = raw_hash;
        rec.etag.clone_from(&f.etag);
        rec.last_modified.clone_from(&f.last_modified);
        rec.last_checked = Some(self.now);
        if rec != *prev {
            self.store.touch_document(&rec)?;
        }
        Ok(())
    }
}

/// Stores each configured baseline (idempotently) and seeds timelines from
/// its claims. Synchronous.
pub fn load_baselines(store: &Store, cfg: &Config, lexicon: &Lexicon) -> Result<usize, PipelineError> {
    let mut n = 0;
    for b in &cfg.baselines {
        let bytes = std::fs::read(&b.path)
            .map_err(|e| PipelineError::Empty(format!("baseline {}: {e}", b.path.display())))?;
        let text = charset::decode(&bytes, None);
        let is_html = b.path.extension().is_some_and(|e| e == "html" || e == "htm");
        let article = extract_document(&text, Some(is_html), &ExtractOptions::default());
        let published = b.published.or(article.published);
        let url = b.url.clone().unwrap_or_else(|| {
            format!("baseline:{}", b.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default())
        });
        let text_hash = xxh3_64(article.text.as_bytes());
        if store.document(&url)?.is_some_and(|d| d.text_hash == text_hash) {
            continue;
        }
        let now = Utc::now();
        let claims = extract_claims(&article.text, published, lexicon);
        let record = DocumentRecord {
            url: url.clone(),
            source: "baseline".into(),
            title: article.title.clone(),
            published,
            raw_hash: xxh3_64(&bytes),
            text_hash,
            first_seen: now,
            last_changed: now,
            last_checked: Some(now),
            claims,
            etag: None,
            last_modified: None,
            baseline: true,
        };
        let ctx = DocContext { source: "baseline", url: &url, title: &article.title, now, is_baseline: true };
        store.commit_document(&NewDocument { record, text: &article.text }, &ctx, &|_| false)?;
        n += 1;
    }
    Ok(n)
}
