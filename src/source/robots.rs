//! robots.txt (RFC 9309): what one authority's robots.txt says about our
//! product token — the access result of fetching it (success, unavailable,
//! unreachable), the parse limit, line clean-up before the `texting_robots`
//! matcher (longest match wins, Allow wins ties), Crawl-delay, and how long a
//! result may be cached. Pure: fetching lives in `fetch.rs`, caching in
//! `hoststate.rs`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use texting_robots::Robot;
use url::Url;

/// Bytes of a robots.txt that are parsed; RFC 9309 asks for at least 500 KiB.
pub const PARSE_LIMIT: usize = 512 * 1024;
/// Redirects followed when fetching robots.txt (RFC 9309 §2.3.1.2: at least five).
pub const MAX_REDIRECTS: usize = 5;
/// Longest a fetched robots.txt (or its absence) is trusted (RFC 9309 §2.4).
pub const CACHE_FOR: Duration = Duration::from_secs(24 * 3600);
/// How long an unreachable robots.txt (5xx, network error) blocks the
/// authority before it is asked again.
pub const UNREACHABLE_RETRY: Duration = Duration::from_secs(15 * 60);
/// How long a previously fetched robots.txt may stand in for an unreachable
/// one (RFC 9309 §2.3.1.4 allows a cached copy while it is unreachable).
pub const STALE_OK_FOR: Duration = Duration::from_secs(30 * 24 * 3600);
/// The most Crawl-delay we honour; a larger one is clamped.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// The result of fetching `/robots.txt` (RFC 9309 §2.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "access", rename_all = "snake_case")]
pub enum Access {
    /// 2xx: follow the rules in `text` (already cut to [`PARSE_LIMIT`]).
    Rules {
        /// The file's text.
        text: String,
    },
    /// 4xx (or more than five redirects): crawl anything.
    Unavailable {
        /// The status, 0 when the redirect limit was hit.
        status: u16,
    },
    /// 5xx or a network failure: crawl nothing.
    Unreachable {
        /// What went wrong.
        reason: String,
    },
}

/// A robots.txt access result with the time it was obtained; this is what is
/// cached in memory and persisted in the hosts tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotsRecord {
    /// When it was fetched.
    pub fetched_at: DateTime<Utc>,
    /// What the fetch gave.
    pub access: Access,
}

impl RobotsRecord {
    /// Whether the record may still be used at `now` without asking again.
    pub fn fresh(&self, now: DateTime<Utc>) -> bool {
        let age = (now - self.fetched_at).to_std().unwrap_or(Duration::ZERO);
        match self.access {
            Access::Unreachable { .. } => age < UNREACHABLE_RETRY,
            _ => age < CACHE_FOR,
        }
    }

    /// The record to keep after a new fetch at `now` gave `access`: an
    /// unreachable file keeps the earlier rules while they are under 30 days
    /// old (RFC 9309 §2.3.1.4), marked as checked now.
    pub fn updated(
        prev: Option<&RobotsRecord>,
        access: Access,
        now: DateTime<Utc>,
    ) -> RobotsRecord {
        if let (Access::Unreachable { .. }, Some(p)) = (&access, prev) {
            let age = (now - p.fetched_at).to_std().unwrap_or(Duration::ZERO);
            if matches!(p.access, Access::Rules { .. }) && age < STALE_OK_FOR {
                // Keep the old rules but ask again after the short retry period.
                let retry_at = now
                    - chrono::Duration::from_std(CACHE_FOR - UNREACHABLE_RETRY).unwrap_or_default();
                return RobotsRecord {
                    fetched_at: retry_at.max(p.fetched_at),
                    access: p.access.clone(),
                };
            }
        }
        RobotsRecord {
            fetched_at: now,
            access,
        }
    }
}

/// What robots.txt allows us on one authority.
#[derive(Debug)]
pub enum Policy {
    /// No robots.txt restrictions.
    AllowAll,
    /// robots.txt could not be reached: nothing may be fetched.
    DisallowAll,
    /// Parsed rules for our product token.
    Rules(Robot),
}

impl Policy {
    /// The policy of an access result for `token`. A file the matcher cannot
    /// parse at all counts as having no rules (RFC 9309 §2.2: use what parses).
    pub fn new(access: &Access, token: &str) -> Self {
        match access {
            Access::Unavailable { .. } => Self::AllowAll,
            Access::Unreachable { .. } => Self::DisallowAll,
            Access::Rules { text } => match Robot::new(token, clean(text.as_bytes()).as_bytes()) {
                Ok(r) => Self::Rules(r),
                Err(e) => {
                    tracing::warn!(error = %e, "robots.txt does not parse; treating it as empty");
                    Self::AllowAll
                }
            },
        }
    }

    /// Whether `url` may be fetched.
    pub fn allowed(&self, url: &Url) -> bool {
        match self {
            Self::AllowAll => true,
            Self::DisallowAll => url.path() == "/robots.txt",
            Self::Rules(r) => r.allowed(url.as_str()),
        }
    }

    /// The Crawl-delay for our token, clamped to [`MAX_CRAWL_DELAY`].
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Self::Rules(r) => r.delay.filter(|d| d.is_finite() && *d > 0.0).map(|d| {
                Duration::try_from_secs_f32(d)
                    .unwrap_or(MAX_CRAWL_DELAY)
                    .min(MAX_CRAWL_DELAY)
            }),
            _ => None,
        }
    }

    /// Sitemaps the file names.
    pub fn sitemaps(&self) -> &[String] {
        match self {
            Self::Rules(r) => &r.sitemaps,
            _ => &[],
        }
    }
}

/// The robots.txt URL of `url`'s authority (scheme, host, port).
pub fn robots_url(url: &Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.join("/robots.txt").ok()
}

/// The cache key of `url`'s authority: `scheme://host:port`.
pub fn authority(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The product token of a User-Agent header: its first word before `/`, e.g.
/// `claimwatch` of `claimwatch/0.1 (+https://…)`.
pub fn product_token(user_agent: &str) -> &str {
    let first = user_agent.split_whitespace().next().unwrap_or_default();
    first.split('/').next().unwrap_or_default()
}

/// Whether `token` is a product token robots.txt rules can name (RFC 9309
/// §2.2.1: letters, `_` and `-` only).
pub fn valid_token(token: &str) -> bool {
    !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-')
}

/// Cuts a fetched body to [`PARSE_LIMIT`] at the last line break before it.
pub fn truncate(body: &[u8]) -> String {
    let cut = if body.len() > PARSE_LIMIT {
        let head = &body[..PARSE_LIMIT];
        head.iter()
            .rposition(|&b| b == b'\n')
            .map_or(head, |i| &head[..=i])
    } else {
        body
    };
    String::from_utf8_lossy(cut).into_owned()
}

/// Rewrites robots.txt lines into the plain form the matcher reads: a
/// leading byte-order mark dropped, CR and CRLF line ends made LF, a missing
/// colon after a known key added, and a user-agent value cut at its first
/// space (`User-agent: FooBot Bar` names `FooBot`), and rules before the
/// first user-agent line dropped (RFC 9309 §2.2: they belong to no group).
fn clean(text: &[u8]) -> String {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let text = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(text.len());
    let mut in_group = false;
    for line in text.split(['\n', '\r']) {
        let line = line.trim();
        let (key, value) = match line.split_once(':') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => match line.split_once(char::is_whitespace) {
                Some((k, v)) if is_key(k) => (k, v.trim()),
                _ => (line, ""),
            },
        };
        if key.eq_ignore_ascii_case("user-agent") {
            in_group = true;
            let token = value.split_whitespace().next().unwrap_or_default();
            out.push_str("User-agent: ");
            out.push_str(token);
        } else if is_key(key) && (in_group || !is_rule(key)) {
            out.push_str(key);
            out.push_str(": ");
            out.push_str(value);
        } else if !line.is_empty() && !line.starts_with('#') {
            // An unknown line stays, so it neither joins nor ends a group oddly;
            // the matcher ignores it.
            out.push_str("# ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn is_rule(k: &str) -> bool {
    k.eq_ignore_ascii_case("allow") || k.eq_ignore_ascii_case("disallow")
}

fn is_key(k: &str) -> bool {
    ["user-agent", "allow", "disallow", "crawl-delay", "sitemap"]
        .iter()
        .any(|w| k.eq_ignore_ascii_case(w))
}

#[cfg(test)]
#[path = "robots_tests.rs"]
mod tests;
