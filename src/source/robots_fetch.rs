//! The robots.txt fetch: GET `/robots.txt` of an authority with its own
//! client (at most five redirects), read at most the parse limit, and map
//! the answer to an RFC 9309 access result (§2.3.1).

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header;
use url::Url;

use super::fetch::{ClientKey, FetchError, FetchOptions, Fetcher, error_chain};
use super::robots::{self, Access};

impl Fetcher {
    /// Fetches the robots.txt of `url`'s authority and says what it gives
    /// (RFC 9309 §2.3.1): 2xx → its first [`robots::PARSE_LIMIT`] bytes;
    /// 4xx or more than five redirects → unavailable; 5xx, 429 or a network
    /// failure → unreachable. Also returns a Retry-After the server sent.
    pub async fn fetch_robots(&self, url: &Url, opts: &FetchOptions) -> (Access, Option<String>) {
        let Some(robots_url) = robots::robots_url(url) else {
            return (Access::Unavailable { status: 0 }, None);
        };
        let clients = match self.clients(ClientKey {
            insecure: opts.insecure,
            refuse_private: opts.refuse_private,
        }) {
            Ok(c) => c,
            Err(e) => {
                return (
                    Access::Unreachable {
                        reason: e.to_string(),
                    },
                    None,
                );
            }
        };
        let limit = self.attempt_timeout(opts.deadline);
        match tokio::time::timeout(limit, robots_inner(&clients.robots, robots_url, limit)).await {
            Ok(r) => r,
            Err(_) => (
                Access::Unreachable {
                    reason: FetchError::Timeout(limit).to_string(),
                },
                None,
            ),
        }
    }
}

async fn robots_inner(
    client: &reqwest::Client,
    url: Url,
    limit: Duration,
) -> (Access, Option<String>) {
    let mut resp = match client.get(url).send().await {
        Ok(r) => r,
        Err(e) if e.is_redirect() && !error_chain(&e).contains("refused") => {
            // More than five redirects (or a loop): RFC 9309 lets us call it unavailable.
            return (Access::Unavailable { status: 0 }, None);
        }
        Err(e) => {
            return (
                Access::Unreachable {
                    reason: FetchError::from_reqwest(&e, limit).to_string(),
                },
                None,
            );
        }
    };
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        return (
            Access::Unreachable {
                reason: format!("HTTP status {}", status.as_u16()),
            },
            retry_after,
        );
    }
    if !status.is_success() {
        return (
            Access::Unavailable {
                status: status.as_u16(),
            },
            None,
        );
    }
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk);
                if body.len() >= robots::PARSE_LIMIT {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                return (
                    Access::Unreachable {
                        reason: FetchError::from_reqwest(&e, limit).to_string(),
                    },
                    None,
                );
            }
        }
    }
    (
        Access::Rules {
            text: robots::truncate(&body),
        },
        None,
    )
}
