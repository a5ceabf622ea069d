//! The fetcher against a hostile web on loopback: drip-fed bodies, huge
//! bodies, compression bombs, redirect loops and chains, non-http redirects,
//! rate limiting with Retry-After, flapping 5xx, self-signed TLS and
//! non-public addresses. Each case asserts the error class and that the call
//! returned; time-driven logic runs on a paused clock.

#[path = "hostile_server.rs"]
mod server;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use claimwatch::source::gate::{GetError, PoliteFetch, Skip, Target};
use claimwatch::source::hoststate::{Deferral, HostPersist};
use claimwatch::source::retry::RetryPolicy;
use claimwatch::source::{FetchError, FetchOptions, FetchOutcome, FetchRequest, Fetcher, HostPool};
use server::{Route, Server};
use url::Url;

const MIB: u64 = 1024 * 1024;
const HTML_CAP: u64 = 5 * MIB;
const DEADLINE: Duration = Duration::from_secs(2);

fn fetcher() -> Fetcher {
    Fetcher::new("claimwatch/0.1 (test)", DEADLINE).unwrap()
}

async fn get(f: &Fetcher, url: &str, opts: FetchOptions) -> Result<FetchOutcome, FetchError> {
    let url = Url::parse(url).unwrap();
    let t0 = Instant::now();
    let r = f
        .fetch_with(
            &FetchRequest {
                url: &url,
                etag: None,
                last_modified: None,
                max_bytes: HTML_CAP,
            },
            &opts,
        )
        .await;
    // Reported, not asserted: the bar is deadline + 1 s.
    eprintln!(
        "{url}: {:?} in {:?}",
        r.as_ref().err().map(|e| (e.class(), e.to_string())),
        t0.elapsed()
    );
    r
}

fn class(r: Result<FetchOutcome, FetchError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.class(),
    }
}

#[tokio::test]
async fn slowloris_ends_at_the_deadline_as_timeout() {
    let srv = Server::start("127.0.0.1");
    srv.route("/drip", Route::Slowloris);
    assert_eq!(
        class(get(&fetcher(), &srv.url("/drip"), FetchOptions::default()).await),
        "timeout"
    );
}

#[tokio::test(start_paused = true)]
async fn the_deadline_is_the_total_time_on_a_paused_clock() {
    let srv = Server::start("127.0.0.1");
    srv.route("/drip", Route::Slowloris);
    let t0 = tokio::time::Instant::now();
    let r = get(&fetcher(), &srv.url("/drip"), FetchOptions::default()).await;
    assert_eq!(class(r), "timeout");
    assert_eq!(tokio::time::Instant::now() - t0, DEADLINE);
    // An overall deadline shorter than the client's wins.
    let t0 = tokio::time::Instant::now();
    let opts = FetchOptions {
        deadline: Some(t0 + Duration::from_millis(700)),
        ..FetchOptions::default()
    };
    assert_eq!(
        class(get(&fetcher(), &srv.url("/drip"), opts).await),
        "timeout"
    );
    assert_eq!(tokio::time::Instant::now() - t0, Duration::from_millis(700));
}

#[tokio::test]
async fn huge_bodies_stop_at_the_cap() {
    let srv = Server::start("127.0.0.1");
    srv.route(
        "/cl",
        Route::Huge {
            len: 200 * MIB,
            content_length: true,
        },
    );
    srv.route(
        "/chunked",
        Route::Huge {
            len: 200 * MIB,
            content_length: false,
        },
    );
    let f = fetcher();
    assert_eq!(
        class(get(&f, &srv.url("/cl"), FetchOptions::default()).await),
        "too_large"
    );
    assert_eq!(
        class(get(&f, &srv.url("/chunked"), FetchOptions::default()).await),
        "too_large"
    );
}

#[tokio::test]
async fn compression_bombs_stop_at_the_decoded_cap() {
    let srv = Server::start("127.0.0.1");
    srv.route(
        "/gz",
        Route::Bomb {
            encoding: "gzip",
            decoded: 1024 * MIB,
        },
    );
    srv.route(
        "/br",
        Route::Bomb {
            encoding: "br",
            decoded: 1024 * MIB,
        },
    );
    let f = fetcher();
    assert_eq!(
        class(get(&f, &srv.url("/gz"), FetchOptions::default()).await),
        "too_large"
    );
    assert_eq!(
        class(get(&f, &srv.url("/br"), FetchOptions::default()).await),
        "too_large"
    );
}

#[tokio::test]
async fn redirect_loops_long_chains_and_foreign_schemes_are_refused() {
    let srv = Server::start("127.0.0.1");
    srv.route(
        "/a",
        Route::Redirect {
            status: 302,
            to: "/b".into(),
        },
    );
    srv.route(
        "/b",
        Route::Redirect {
            status: 302,
            to: "/a".into(),
        },
    );
    for i in 0..11 {
        srv.route(
            &format!("/hop{i}"),
            Route::Redirect {
                status: 301,
                to: format!("/hop{}", i + 1),
            },
        );
    }
    srv.route("/hop11", Route::html("<p>end of an 11-hop chain</p>"));
    srv.route(
        "/hop10-start",
        Route::Redirect {
            status: 301,
            to: "/hop2".into(),
        },
    );
    srv.route(
        "/file",
        Route::Redirect {
            status: 302,
            to: "file:///etc/passwd".into(),
        },
    );
    let f = fetcher();
    let d = FetchOptions::default;
    assert_eq!(class(get(&f, &srv.url("/a"), d()).await), "redirect");
    assert_eq!(class(get(&f, &srv.url("/hop0"), d()).await), "redirect");
    assert_eq!(
        class(get(&f, &srv.url("/hop10-start"), d()).await),
        "ok",
        "ten redirects are followed"
    );
    assert_eq!(class(get(&f, &srv.url("/file"), d()).await), "redirect");
}

#[tokio::test]
async fn self_signed_tls_fails_unless_the_source_is_insecure() {
    let srv = Server::start_tls("127.0.0.1", server::self_signed_acceptor());
    srv.route("/", Route::html("<p>secret</p>"));
    let f = fetcher();
    assert_eq!(
        class(get(&f, &srv.https_url("/"), FetchOptions::default()).await),
        "tls"
    );
    let insecure = FetchOptions {
        insecure: true,
        ..FetchOptions::default()
    };
    assert_eq!(class(get(&f, &srv.https_url("/"), insecure).await), "ok");
}

#[tokio::test]
async fn private_addresses_are_refused_when_asked() {
    let srv = Server::start("127.0.0.1");
    srv.route("/", Route::html("<p>internal</p>"));
    let f = fetcher();
    let refuse = FetchOptions {
        refuse_private: true,
        ..FetchOptions::default()
    };
    assert_eq!(class(get(&f, &srv.url("/"), refuse).await), "blocked");
    assert_eq!(
        class(
            get(
                &f,
                &format!("http://localhost:{}/", srv.addr.port()),
                refuse
            )
            .await
        ),
        "blocked"
    );
    assert_eq!(srv.total(), 0);
    assert_eq!(
        class(get(&f, &srv.url("/"), FetchOptions::default()).await),
        "ok",
        "off by default"
    );
    // The resolver itself drops loopback answers.
    use reqwest::dns::Resolve;
    let name: reqwest::dns::Name = "localhost".parse().unwrap();
    assert!(
        claimwatch::source::addr::PublicOnlyResolver
            .resolve(name)
            .await
            .is_err()
    );
}

/// Host state kept in memory, standing in for the store's hosts tree.
#[derive(Default)]
struct MemPersist(Mutex<HashMap<String, Vec<u8>>>);

impl HostPersist for MemPersist {
    fn load(&self, key: &str) -> Option<Vec<u8>> {
        self.0.lock().unwrap().get(key).cloned()
    }
    fn save(&self, key: &str, value: &[u8]) {
        self.0
            .lock()
            .unwrap()
            .insert(key.to_owned(), value.to_vec());
    }
}

fn target() -> Target {
    Target {
        interval: Duration::from_secs(60),
        concurrency: 1,
        delay: Duration::ZERO,
        options: FetchOptions::default(),
        honour_backoff: true,
    }
}

async fn polite_get(
    f: &Fetcher,
    hosts: &HostPool,
    persist: &Arc<MemPersist>,
    url: &str,
) -> Result<FetchOutcome, GetError> {
    let p = PoliteFetch {
        fetcher: f,
        hosts,
        persist: persist.clone(),
        retry: RetryPolicy::default(),
    };
    let url = Url::parse(url).unwrap();
    p.get(
        &target(),
        &FetchRequest {
            url: &url,
            etag: None,
            last_modified: None,
            max_bytes: HTML_CAP,
        },
    )
    .await
}

#[tokio::test]
async fn retry_after_in_both_forms_keeps_every_request_away_even_after_a_restart() {
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(600));
    for (ip, value, min_wait) in [
        ("127.0.0.2", "120".to_owned(), 119),
        ("127.0.0.3", later, 590),
    ] {
        let srv = Server::start(ip);
        srv.route(
            "/news",
            Route::page(429, "text/html", "<p>slow down: 12 requests</p>")
                .with_header("Retry-After", &value),
        );
        srv.route("/other", Route::html("<p>other</p>"));
        let persist = Arc::new(MemPersist::default());
        let f = fetcher();
        let hosts = HostPool::new();
        let r = polite_get(&f, &hosts, &persist, &srv.url("/news")).await;
        assert!(
            matches!(
                r,
                Err(GetError::Fetch(FetchError::HttpStatus { status: 429, .. }))
            ),
            "{r:?}"
        );
        assert_eq!(
            srv.hits("/news"),
            1,
            "429 with Retry-After is not retried within the pass"
        );
        // Every path of the host waits, in this process and after a restart.
        for hosts in [hosts, HostPool::new()] {
            let r = polite_get(&f, &hosts, &persist, &srv.url("/other")).await;
            let Err(GetError::Skip(Skip::Deferred(Deferral::RetryAfter { until, status: 429 }))) =
                r
            else {
                panic!("expected a Retry-After deferral, got {r:?}")
            };
            assert!(
                until - chrono::Utc::now() > chrono::Duration::seconds(min_wait),
                "{until}"
            );
        }
        assert_eq!(srv.total(), 2, "only robots.txt and the 429 reached {ip}");
    }
}

#[tokio::test]
async fn flapping_5xx_is_retried_and_other_4xx_are_not() {
    let srv = Server::start("127.0.0.4");
    srv.route(
        "/flap",
        Route::Cycle(vec![
            Route::page(503, "text/html", "<p>down</p>"),
            Route::html("<p>up</p>"),
        ]),
    );
    srv.route(
        "/down",
        Route::page(500, "text/html", "<p>Error 500: 12 servers down</p>"),
    );
    srv.route("/gone", Route::page(404, "text/html", "<p>gone</p>"));
    let persist = Arc::new(MemPersist::default());
    let f = fetcher();
    let hosts = HostPool::new();
    let r = polite_get(&f, &hosts, &persist, &srv.url("/flap")).await;
    assert!(matches!(r, Ok(FetchOutcome::Body(_))), "{r:?}");
    assert_eq!(srv.hits("/flap"), 2);
    let r = polite_get(&f, &hosts, &persist, &srv.url("/gone")).await;
    assert!(
        matches!(
            r,
            Err(GetError::Fetch(FetchError::HttpStatus { status: 404, .. }))
        ),
        "{r:?}"
    );
    assert_eq!(srv.hits("/gone"), 1);
    let r = polite_get(&f, &hosts, &persist, &srv.url("/down")).await;
    assert!(
        matches!(
            r,
            Err(GetError::Fetch(FetchError::HttpStatus { status: 500, .. }))
        ),
        "{r:?}"
    );
    assert_eq!(srv.hits("/down"), 3, "one attempt and two retries");
    // Our own backoff now keeps the daemon away from the host.
    let r = polite_get(&f, &hosts, &persist, &srv.url("/flap")).await;
    assert!(
        matches!(
            r,
            Err(GetError::Skip(Skip::Deferred(Deferral::Backoff { .. })))
        ),
        "{r:?}"
    );
}
