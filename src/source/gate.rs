//! Polite fetching: every request of every source goes through
//! [`PoliteFetch::get`], which refuses hosts that asked to wait (Retry-After,
//! persisted) or that we back off from, applies robots.txt (fetched once per
//! authority, cached ≤ 24 h in memory and in the hosts tree), paces the host
//! (in-flight limit, max of the configured delay and Crawl-delay), and
//! retries by the [`RetryPolicy`] within one request deadline.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use super::fetch::{FetchError, FetchOptions, FetchOutcome, FetchRequest, Fetcher};
use super::hoststate::{self, Deferral, HostPersist, HostRecord};
use super::politeness::{CachedRobots, HostPool};
use super::retry::{self, RetryPolicy, Verdict};
use super::robots::{self, Policy, RobotsRecord};

/// The token robots.txt groups are matched against when the User-Agent has
/// no valid one.
pub const DEFAULT_TOKEN: &str = "claimwatch";

/// Why a request was not made. None of these is a failure of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// robots.txt disallows the URL (or could not be reached).
    RobotsDisallowed {
        /// The URL.
        url: String,
        /// Whether robots.txt was unreachable rather than disallowing.
        unreachable: bool,
    },
    /// The host asked us to wait, or we back off from it.
    Deferred(Deferral),
}

impl Skip {
    /// The per-source state name: `robots_disallowed`, `retry_after` or `backoff`.
    pub fn state(&self) -> &'static str {
        match self {
            Self::RobotsDisallowed { .. } => "robots_disallowed",
            Self::Deferred(Deferral::RetryAfter { .. }) => "retry_after",
            Self::Deferred(Deferral::Backoff { .. }) => "backoff",
        }
    }

    /// The health class: `robots`, `rate_limited` or `backoff`.
    pub fn class(&self) -> &'static str {
        match self {
            Self::RobotsDisallowed { .. } => "robots",
            Self::Deferred(Deferral::RetryAfter { .. }) => "rate_limited",
            Self::Deferred(Deferral::Backoff { .. }) => "backoff",
        }
    }

    /// When the host may be asked again, for a deferral.
    pub fn until(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Deferred(d) => Some(d.until()),
            Self::RobotsDisallowed { .. } => None,
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::RobotsDisallowed {
                url,
                unreachable: false,
            } => write!(f, "robots.txt disallows {url}"),
            Self::RobotsDisallowed {
                url,
                unreachable: true,
            } => {
                write!(
                    f,
                    "robots.txt unreachable (5xx or network error), so {url} is not fetched"
                )
            }
            Self::Deferred(Deferral::RetryAfter { until, status }) => {
                write!(
                    f,
                    "host answered {status} with Retry-After; waiting until {}",
                    until.to_rfc3339()
                )
            }
            Self::Deferred(Deferral::Backoff { until }) => {
                write!(f, "backing off the host until {}", until.to_rfc3339())
            }
        }
    }
}

/// Why [`PoliteFetch::get`] gave no body.
#[derive(Debug)]
pub enum GetError {
    /// The request was not made.
    Skip(Skip),
    /// It was made and failed.
    Fetch(FetchError),
}

/// Per-source settings of a request.
#[derive(Debug, Clone)]
pub struct Target {
    /// The source's interval (the floor of any Retry-After).
    pub interval: Duration,
    /// Requests in flight to the host.
    pub concurrency: usize,
    /// Configured minimum delay between requests to the host.
    pub delay: Duration,
    /// Connection options (insecure, refuse private addresses).
    pub options: FetchOptions,
    /// Whether our own backoff is honoured (the daemon; `check` ignores it).
    pub honour_backoff: bool,
}

/// The pieces a polite request needs.
pub struct PoliteFetch<'a> {
    /// The HTTP clients.
    pub fetcher: &'a Fetcher,
    /// In-memory per-host state.
    pub hosts: &'a HostPool,
    /// Where host state is persisted.
    pub persist: Arc<dyn HostPersist>,
    /// The retry policy.
    pub retry: RetryPolicy,
}

impl PoliteFetch<'_> {
    async fn load(&self, key: String) -> Option<Vec<u8>> {
        let p = self.persist.clone();
        tokio::task::spawn_blocking(move || p.load(&key))
            .await
            .ok()
            .flatten()
    }

    async fn save(&self, key: String, value: Vec<u8>) {
        let p = self.persist.clone();
        if let Err(e) = tokio::task::spawn_blocking(move || p.save(&key, &value)).await {
            tracing::error!(error = %e, "host state task failed");
        }
    }

    async fn record(&self, host: &str) -> HostRecord {
        if let Some(r) = self.hosts.record(host) {
            return r;
        }
        let loaded = self
            .load(hoststate::host_key(host))
            .await
            .and_then(|b| hoststate::decode(&b))
            .unwrap_or_default();
        self.hosts.record_or_insert(host, loaded)
    }

    async fn update(&self, host: &str, f: impl FnOnce(&mut HostRecord)) {
        self.record(host).await;
        let rec = self.hosts.update_record(host, f);
        self.save(hoststate::host_key(host), hoststate::encode(&rec))
            .await;
    }

    /// Whether `host` may be asked now.
    pub async fn deferral(&self, host: &str, honour_backoff: bool) -> Option<Deferral> {
        self.record(host).await.gate(Utc::now(), honour_backoff)
    }

    fn token(&self) -> &str {
        let t = robots::product_token(self.fetcher.user_agent());
        if robots::valid_token(t) {
            t
        } else {
            DEFAULT_TOKEN
        }
    }

    /// The robots.txt policy of `url`'s authority: from memory, else the
    /// store, else fetched (politely, once per authority) and persisted.
    pub async fn robots(&self, url: &url::Url, t: &Target) -> Arc<Policy> {
        let authority = robots::authority(url);
        let slot = self.hosts.robots_slot(&authority);
        let mut cached = slot.lock().await;
        let now = Utc::now();
        if let Some(c) = cached.as_ref().filter(|c| c.record.fresh(now)) {
            return c.policy.clone();
        }
        let key = hoststate::robots_key(&authority);
        let stored: Option<RobotsRecord> = match cached.as_ref() {
            Some(c) => Some(c.record.clone()),
            None => self
                .load(key.clone())
                .await
                .and_then(|b| hoststate::decode(&b)),
        };
        let record = match stored {
            Some(r) if r.fresh(now) => r,
            prev => {
                let host = url.host_str().unwrap_or_default();
                let permit = self.hosts.acquire(host, t.concurrency, t.delay).await;
                let opts = FetchOptions {
                    deadline: Some(Instant::now() + self.fetcher.timeout()),
                    ..t.options
                };
                let (access, retry_after) = self.fetcher.fetch_robots(url, &opts).await;
                drop(permit);
                if let Some(wait) =
                    retry_after.and_then(|v| retry::parse_retry_after(&v, SystemTime::now()))
                {
                    let wait = retry::clamp_retry_after(wait, t.interval);
                    self.update(host, |r| r.on_retry_after(Utc::now(), wait, 503))
                        .await;
                }
                let kind = match &access {
                    robots::Access::Rules { text } => format!("{} bytes of rules", text.len()),
                    robots::Access::Unavailable { status } => {
                        format!("unavailable ({status}): allow all")
                    }
                    robots::Access::Unreachable { reason } => {
                        format!("unreachable ({reason}): disallow all")
                    }
                };
                tracing::info!(authority = %authority, result = %kind, "robots.txt fetched");
                let r = RobotsRecord::updated(prev.as_ref(), access, Utc::now());
                self.save(key, hoststate::encode(&r)).await;
                r
            }
        };
        let policy = Arc::new(Policy::new(&record.access, self.token()));
        *cached = Some(CachedRobots {
            record,
            policy: policy.clone(),
        });
        policy
    }

    /// GETs `req.url` if the host and robots.txt allow it, pacing the host
    /// and retrying within one request deadline.
    pub async fn get(&self, t: &Target, req: &FetchRequest<'_>) -> Result<FetchOutcome, GetError> {
        let url = req.url;
        let host = url.host_str().unwrap_or_default().to_owned();
        if let Some(d) = self.deferral(&host, t.honour_backoff).await {
            return Err(GetError::Skip(Skip::Deferred(d)));
        }
        let policy = self.robots(url, t).await;
        if !policy.allowed(url) {
            let unreachable = matches!(*policy, Policy::DisallowAll);
            return Err(GetError::Skip(Skip::RobotsDisallowed {
                url: url.to_string(),
                unreachable,
            }));
        }
        let delay = policy.crawl_delay().map_or(t.delay, |d| d.max(t.delay));
        let mut deadline = None;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let permit = self.hosts.acquire(&host, t.concurrency, delay).await;
            // Another source may have been told to wait while this one queued.
            if let Some(d) = self.deferral(&host, t.honour_backoff).await {
                return Err(GetError::Skip(Skip::Deferred(d)));
            }
            let deadline = *deadline.get_or_insert_with(|| Instant::now() + self.fetcher.timeout());
            let result = self
                .fetcher
                .fetch_with(
                    req,
                    &FetchOptions {
                        deadline: Some(deadline),
                        ..t.options
                    },
                )
                .await;
            drop(permit);
            let err = match result {
                Ok(out) => {
                    if self.record(&host).await.failures > 0 {
                        self.update(&host, |r| {
                            r.on_success();
                        })
                        .await;
                    }
                    return Ok(out);
                }
                Err(e) => e,
            };
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .retry
                .verdict(&err, attempt, left, t.interval, SystemTime::now())
            {
                Verdict::Retry(pause) => {
                    tracing::debug!(url = %url, attempt, error = %err, ?pause, "retrying");
                    tokio::time::sleep(pause).await;
                }
                Verdict::Wait(wait) => {
                    let status = match &err {
                        FetchError::HttpStatus { status, .. } => *status,
                        _ => 0,
                    };
                    tracing::warn!(host = %host, status, ?wait, "host asked us to wait (Retry-After)");
                    self.update(&host, |r| r.on_retry_after(Utc::now(), wait, status))
                        .await;
                    return Err(GetError::Fetch(err));
                }
                Verdict::GiveUp => {
                    if retry::retryable(&err) {
                        self.update(&host, |r| r.on_failure(Utc::now())).await;
                    }
                    return Err(GetError::Fetch(err));
                }
            }
        }
    }
}
