//! Fetch: the HTTP client — rustls (certificates always verified unless a
//! source is marked insecure), gzip/brotli, a total deadline per request plus
//! a read-idle timeout, a cap on decoded bytes counted while streaming, a
//! redirect cap with loop detection, http(s) only (every hop), optional
//! refusal of non-public addresses, conditional GET, and the robots.txt fetch
//! with its RFC 9309 access results.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use tokio::time::Instant;
use url::Url;

use super::addr::{self, PublicOnlyResolver};
use super::robots;

/// Most redirects followed for one request.
pub const MAX_REDIRECTS: usize = 10;
/// The longest a connection may sit idle between two reads of a body.
pub const READ_IDLE: Duration = Duration::from_secs(10);

/// Why a fetch failed. [`FetchError::class`] names the class for health
/// records and metrics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The total deadline passed.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The decoded body passed the cap.
    #[error("body larger than {limit} bytes")]
    TooLarge {
        /// The cap.
        limit: u64,
    },
    /// A non-success status.
    #[error("HTTP status {status}")]
    HttpStatus {
        /// The status code.
        status: u16,
        /// Retry-After, when the server sent one.
        retry_after: Option<String>,
    },
    /// The body is not a document we can read.
    #[error("unsupported content type {0:?}")]
    ContentType(String),
    /// Too many redirects, or a redirect to a scheme we do not fetch.
    #[error("redirect refused: {0}")]
    Redirect(String),
    /// TLS handshake or certificate failure.
    #[error("TLS error: {0}")]
    Tls(String),
    /// Name resolution failed.
    #[error("DNS error: {0}")]
    Dns(String),
    /// Connection refused or reset.
    #[error("connection error: {0}")]
    Connect(String),
    /// Any other transport failure.
    #[error("request failed: {0}")]
    Request(String),
    /// The client could not be built.
    #[error("HTTP client setup failed: {0}")]
    Setup(String),
    /// The address is not one we may fetch (a non-public address while
    /// those are refused).
    #[error("blocked: {0}")]
    Blocked(String),
}

impl FetchError {
    /// A short class name: timeout, too_large, http_status, content_type,
    /// redirect, tls, dns, connect, request, setup, blocked.
    pub fn class(&self) -> &'static str {
        match self {
            Self::Timeout(_) => "timeout",
            Self::TooLarge { .. } => "too_large",
            Self::HttpStatus { .. } => "http_status",
            Self::ContentType(_) => "content_type",
            Self::Redirect(_) => "redirect",
            Self::Tls(_) => "tls",
            Self::Dns(_) => "dns",
            Self::Connect(_) => "connect",
            Self::Request(_) => "request",
            Self::Setup(_) => "setup",
            Self::Blocked(_) => "blocked",
        }
    }

    pub(super) fn from_reqwest(e: &reqwest::Error, timeout: Duration) -> Self {
        let chain = error_chain(e);
        let lower = chain.to_lowercase();
        if lower.contains(addr::REFUSED) {
            Self::Blocked(chain)
        } else if e.is_timeout() {
            Self::Timeout(timeout)
        } else if e.is_redirect() {
            Self::Redirect(chain)
        } else if lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
        {
            Self::Tls(chain)
        } else if lower.contains("dns") || lower.contains("resolve") || lower.contains("lookup") {
            Self::Dns(chain)
        } else if e.is_connect() {
            Self::Connect(chain)
        } else {
            Self::Request(chain)
        }
    }
}

pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// One request.
#[derive(Debug, Clone)]
pub struct FetchRequest<'a> {
    /// The URL.
    pub url: &'a Url,
    /// Validator from the last fetch.
    pub etag: Option<&'a str>,
    /// Validator from the last fetch.
    pub last_modified: Option<&'a str>,
    /// Cap on decoded body bytes.
    pub max_bytes: u64,
}

/// How a request may connect, and by when it must be done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchOptions {
    /// Skip certificate verification (a source's `insecure = true`).
    pub insecure: bool,
    /// Refuse loopback, private and other non-public addresses.
    pub refuse_private: bool,
    /// An overall deadline (retries included); the attempt ends at the
    /// earlier of it and the client's own timeout.
    pub deadline: Option<Instant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct ClientKey {
    pub(super) insecure: bool,
    pub(super) refuse_private: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Clients {
    pub(super) page: reqwest::Client,
    pub(super) robots: reqwest::Client,
}

/// A fetched body.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: Url,
    /// Content-Type header.
    pub content_type: Option<String>,
    /// ETag header.
    pub etag: Option<String>,
    /// Last-Modified header.
    pub last_modified: Option<String>,
    /// Decoded (decompressed) body.
    pub body: Vec<u8>,
}

/// What a fetch gave.
#[derive(Debug, Clone)]
pub enum FetchOutcome {
    /// 304: unchanged since the validators.
    NotModified,
    /// A 2xx body.
    Body(Fetched),
}

/// The shared HTTP clients (one per combination of connection options,
/// built on first use).
#[derive(Debug, Clone)]
pub struct Fetcher {
    user_agent: String,
    timeout: Duration,
    clients: Arc<Mutex<HashMap<ClientKey, Clients>>>,
}

fn redirect_policy(max: usize, refuse_private: bool) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if let Err(why) = addr::check_url(attempt.url(), refuse_private) {
            attempt.error(format!("redirect refused: {why}"))
        } else if attempt.previous().contains(attempt.url()) {
            let url = attempt.url().to_string();
            attempt.error(format!("redirect loop back to {url}"))
        } else if attempt.previous().len() > max {
            attempt.error(format!("more than {max} redirects"))
        } else {
            attempt.follow()
        }
    })
}

impl Fetcher {
    /// Builds the client with `user_agent` and a total per-request deadline.
    pub fn new(user_agent: &str, timeout: Duration) -> Result<Self, FetchError> {
        // Installing twice returns Err, which only means a provider is already set.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let f = Self {
            user_agent: user_agent.to_owned(),
            timeout,
            clients: Arc::default(),
        };
        f.clients(ClientKey {
            insecure: false,
            refuse_private: false,
        })?;
        Ok(f)
    }

    /// The total deadline of one request.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The User-Agent header sent.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    fn build(&self, key: ClientKey, max_redirects: usize) -> Result<reqwest::Client, FetchError> {
        let mut b = reqwest::Client::builder()
            .user_agent(&self.user_agent)
            .redirect(redirect_policy(max_redirects, key.refuse_private))
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .read_timeout(READ_IDLE.min(self.timeout))
            .pool_idle_timeout(Duration::from_secs(30))
            .no_proxy();
        if key.refuse_private {
            b = b.dns_resolver(PublicOnlyResolver);
        }
        if key.insecure {
            b = b.tls_danger_accept_invalid_certs(true);
        }
        b.build().map_err(|e| FetchError::Setup(error_chain(&e)))
    }

    pub(super) fn clients(&self, key: ClientKey) -> Result<Clients, FetchError> {
        // A poisoned lock only means another task panicked mid-insert; the map is still usable.
        let mut map = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(c) = map.get(&key) {
            return Ok(c.clone());
        }
        let c = Clients {
            page: self.build(key, MAX_REDIRECTS)?,
            robots: self.build(key, robots::MAX_REDIRECTS)?,
        };
        map.insert(key, c.clone());
        Ok(c)
    }

    pub(super) fn attempt_timeout(&self, deadline: Option<Instant>) -> Duration {
        deadline.map_or(self.timeout, |d| {
            d.saturating_duration_since(Instant::now())
                .min(self.timeout)
        })
    }

    /// GETs `req.url` conditionally, reading at most `req.max_bytes` decoded
    /// bytes, all within the deadline.
    pub async fn fetch(&self, req: &FetchRequest<'_>) -> Result<FetchOutcome, FetchError> {
        self.fetch_with(req, &FetchOptions::default()).await
    }

    /// [`Fetcher::fetch`] with connection options and an overall deadline.
    pub async fn fetch_with(
        &self,
        req: &FetchRequest<'_>,
        opts: &FetchOptions,
    ) -> Result<FetchOutcome, FetchError> {
        addr::check_url(req.url, opts.refuse_private).map_err(|why| classify_refusal(&why))?;
        let clients = self.clients(ClientKey {
            insecure: opts.insecure,
            refuse_private: opts.refuse_private,
        })?;
        let limit = self.attempt_timeout(opts.deadline);
        match tokio::time::timeout(limit, self.fetch_inner(&clients.page, req, limit)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout(limit)),
        }
    }

    async fn fetch_inner(
        &self,
        client: &reqwest::Client,
        req: &FetchRequest<'_>,
        limit: Duration,
    ) -> Result<FetchOutcome, FetchError> {
        let mut headers = HeaderMap::new();
        if let Some(v) = req.etag.and_then(|e| HeaderValue::from_str(e).ok()) {
            headers.insert(header::IF_NONE_MATCH, v);
        }
        if let Some(v) = req
            .last_modified
            .and_then(|e| HeaderValue::from_str(e).ok())
        {
            headers.insert(header::IF_MODIFIED_SINCE, v);
        }
        let mut resp = client
            .get(req.url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(|e| FetchError::from_reqwest(&e, limit))?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(FetchOutcome::NotModified);
        }
        let header_str = |h: header::HeaderName| {
            resp.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if status.is_redirection() {
            // A redirect the client would not follow (to a scheme we do not fetch).
            let to = header_str(header::LOCATION).unwrap_or_default();
            return Err(FetchError::Redirect(format!(
                "status {} to {to:?} not followed",
                status.as_u16()
            )));
        }
        if !status.is_success() {
            return Err(FetchError::HttpStatus {
                status: status.as_u16(),
                retry_after: header_str(header::RETRY_AFTER),
            });
        }
        let content_type = header_str(header::CONTENT_TYPE);
        if let Some(ct) = &content_type
            && !is_text_type(ct)
        {
            return Err(FetchError::ContentType(ct.clone()));
        }
        // With a Content-Encoding reqwest drops the wire length; a length
        // that is there is the decoded one.
        if resp.content_length().is_some_and(|n| n > req.max_bytes) {
            return Err(FetchError::TooLarge {
                limit: req.max_bytes,
            });
        }
        let etag = header_str(header::ETAG);
        let last_modified = header_str(header::LAST_MODIFIED);
        let final_url = resp.url().clone();
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| FetchError::from_reqwest(&e, limit))?
        {
            if body.len() as u64 + chunk.len() as u64 > req.max_bytes {
                return Err(FetchError::TooLarge {
                    limit: req.max_bytes,
                });
            }
            body.extend_from_slice(&chunk);
        }
        if looks_binary(&body) {
            return Err(FetchError::ContentType(
                content_type.unwrap_or_else(|| "binary data".into()),
            ));
        }
        Ok(FetchOutcome::Body(Fetched {
            final_url,
            content_type,
            etag,
            last_modified,
            body,
        }))
    }
}

fn classify_refusal(why: &str) -> FetchError {
    if why.contains(addr::REFUSED) {
        FetchError::Blocked(why.to_owned())
    } else {
        FetchError::Redirect(why.to_owned())
    }
}

/// Whether a Content-Type names something textual we can read.
fn is_text_type(ct: &str) -> bool {
    let mime = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    mime.starts_with("text/")
        || mime.contains("xml")
        || mime.contains("json")
        || mime.contains("html")
        || mime.is_empty()
}

/// NUL bytes early in a body mean it is not a text document.
fn looks_binary(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    // UTF-16 text has NULs too; it starts with a BOM.
    !(head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])) && head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for (ct, ok) in [
            ("text/html; charset=utf-8", true),
            ("application/xhtml+xml", true),
            ("application/rss+xml", true),
            ("application/feed+json", true),
            ("text/plain", true),
            ("application/pdf", false),
            ("image/png", false),
        ] {
            assert_eq!(is_text_type(ct), ok, "{ct}");
        }
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0"));
        assert!(!looks_binary(b"<html>plain</html>"));
        assert!(!looks_binary(b"\xFF\xFEh\0i\0"));
    }
}
