//! Whole source passes (`claimwatch check`, in process) against hostile
//! hosts on loopback: the robots.txt matrix, Retry-After that keeps `check`
//! away, health alerts once per transition, broken feeds that keep their
//! last good articles, feed changes with their exact alerts, legacy
//! charsets, and slow or huge sources that do not hold up the others.

#[path = "hostile_server.rs"]
mod server;

use std::path::Path;
use std::sync::Arc;

use claimwatch::config::Config;
use claimwatch::daemon::SourceReport;
use claimwatch::store::Store;
use server::{Route, Server};
use tokio_util::sync::CancellationToken;

const V1: &str = "A total of 38 projects worth $25 billion have been completed under the corridor, the ministry said.";
const V2: &str = "A total of 41 projects worth $25 billion have been completed under the corridor, the ministry said.";
const PLAIN: &str =
    "The minister visited the new office and met the staff there on Monday morning.";

fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2026-05-01T08:00:00Z\"></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1><div class=\"entry-content\">{body}</div></article>\
         <footer>Test Daily</footer></body></html>"
    )
}

fn config(dir: &Path, sources: &[(&str, &str, String)]) -> Arc<Config> {
    let mut s = format!(
        "[daemon]\nstate_dir = \"{}\"\nalert_log = \"{}\"\nper_host_delay = \"0s\"\nper_host_concurrency = 4\n\
         default_interval = \"1h\"\njitter = 0.0\nrequest_timeout = \"2s\"\n\n",
        dir.join("state").display(),
        dir.join("alerts.jsonl").display()
    );
    for (id, kind, url) in sources {
        s.push_str(&format!(
            "[[source]]\nid = \"{id}\"\nkind = \"{kind}\"\nurl = \"{url}\"\n\n"
        ));
    }
    let path = dir.join("claimwatch.toml");
    std::fs::write(&path, &s).unwrap();
    Arc::new(claimwatch::config::load(&path).unwrap())
}

/// One pass; reports in the order they finished.
async fn check(cfg: &Arc<Config>) -> Vec<SourceReport> {
    let mut order = Vec::new();
    let (_, _) = claimwatch::daemon::check(cfg.clone(), &[], CancellationToken::new(), &mut |r| {
        order.push(r.clone())
    })
    .await
    .unwrap();
    order
}

fn report<'a>(rs: &'a [SourceReport], id: &str) -> &'a SourceReport {
    rs.iter()
        .find(|r| r.source == id)
        .unwrap_or_else(|| panic!("no report for {id}: {rs:?}"))
}

fn alerts(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("alerts.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Opens the database a pass just closed. sled releases its file lock when
/// its last background thread lets go of the database, which under load can
/// be a moment after the pass returns: a lock conflict is retried (bounded),
/// any other error fails at once.
fn store(dir: &Path) -> Store {
    let mut tries = 0;
    loop {
        match Store::open(&dir.join("state"), 1 << 20) {
            Ok(s) => return s,
            Err(claimwatch::store::StoreError::Locked { .. }) if tries < 200 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(e) => panic!("open the store: {e}"),
        }
    }
}

fn skipped(r: &SourceReport, state: &str) -> bool {
    r.errors == 0
        && r.fetched == 0
        && r.error.is_none()
        && r.skipped
            .as_deref()
            .is_some_and(|e| e.starts_with(&format!("{state}:")))
}

fn filler_robots(len: usize, head: &str, rules: &[(usize, &str)]) -> String {
    let mut s = head.to_owned();
    let mut rules = rules.to_vec();
    while s.len() < len {
        if let Some(&(at, rule)) = rules.first()
            && s.len() >= at
        {
            s.push_str(rule);
            rules.remove(0);
            continue;
        }
        s.push_str("# nothing to see here, just a long robots.txt comment line.....\n");
    }
    s
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_matrix() {
    let html = Route::html(&page("Story", &[PLAIN]));
    let dis = Server::start("127.0.0.2");
    dis.route(
        "/robots.txt",
        Route::page(200, "text/plain", "User-agent: *\nDisallow: /news/\n"),
    );
    let missing = Server::start("127.0.0.3");
    let down = Server::start("127.0.0.4");
    down.route("/robots.txt", Route::page(503, "text/plain", "maintenance"));
    let big = Server::start("127.0.0.5");
    let rules = [
        (510 * 1024, "Disallow: /late/\n"),
        (590 * 1024, "Disallow: /beyond/\n"),
    ];
    big.route(
        "/robots.txt",
        Route::page(
            200,
            "text/plain",
            filler_robots(600 * 1024, "User-agent: claimwatch\n", &rules),
        ),
    );
    let six = Server::start("127.0.0.6");
    let five = Server::start("127.0.0.7");
    for (srv, hops) in [(&six, 6), (&five, 5)] {
        srv.route(
            "/robots.txt",
            Route::Redirect {
                status: 301,
                to: "/r1".into(),
            },
        );
        for i in 1..hops {
            srv.route(
                &format!("/r{i}"),
                Route::Redirect {
                    status: 302,
                    to: format!("/r{}", i + 1),
                },
            );
        }
        srv.route(
            &format!("/r{hops}"),
            Route::page(200, "text/plain", "User-agent: *\nDisallow: /news/\n"),
        );
    }
    for srv in [&dis, &missing, &down, &six, &five] {
        srv.route("/news/a", html.clone());
        srv.route("/ok/b", html.clone());
    }
    big.route("/late/a", html.clone());
    big.route("/beyond/a", html.clone());
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &[
            ("dis-news", "page", dis.url("/news/a")),
            ("dis-ok", "page", dis.url("/ok/b")),
            ("missing", "page", missing.url("/news/a")),
            ("down", "page", down.url("/news/a")),
            ("big-late", "page", big.url("/late/a")),
            ("big-beyond", "page", big.url("/beyond/a")),
            ("six-redirects", "page", six.url("/news/a")),
            ("five-redirects", "page", five.url("/news/a")),
        ],
    );
    for pass in 0..2 {
        let rs = check(&cfg).await;
        for id in ["dis-news", "down", "big-late", "five-redirects"] {
            assert!(
                skipped(report(&rs, id), "robots_disallowed"),
                "pass {pass}: {id}: {:?}",
                report(&rs, id)
            );
        }
        for id in ["dis-ok", "missing", "big-beyond", "six-redirects"] {
            let r = report(&rs, id);
            assert!(
                r.errors == 0 && r.error.is_none(),
                "pass {pass}: {id}: {r:?}"
            );
        }
    }
    // robots.txt was fetched once per authority, and reused by the second `check`.
    for srv in [&dis, &missing, &down, &big, &six, &five] {
        assert_eq!(srv.hits("/robots.txt"), 1, "{}", srv.addr);
    }
    assert_eq!(
        (
            dis.hits("/news/a"),
            down.hits("/news/a"),
            five.hits("/news/a"),
            big.hits("/late/a")
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(
        (
            dis.hits("/ok/b"),
            missing.hits("/news/a"),
            six.hits("/news/a")
        ),
        (2, 2, 2)
    );
    let st = store(dir.path()).source_state("dis-news").unwrap();
    assert_eq!(
        (
            st.last_error_class.as_deref(),
            st.consecutive_failures,
            st.unhealthy
        ),
        (Some("robots"), 0, false)
    );
    assert!(
        alerts(dir.path())
            .iter()
            .all(|a| a["kind"] != "source_unhealthy")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn retry_after_keeps_check_away_from_the_host_only() {
    let limited = Server::start("127.0.0.8");
    limited.route(
        "/a",
        Route::page(429, "text/html", page("Busy", &[V1])).with_header("Retry-After", "120"),
    );
    let fine = Server::start("127.0.0.9");
    fine.route("/b", Route::html(&page("Fine", &[PLAIN])));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &[
            ("limited", "page", limited.url("/a")),
            ("fine", "page", fine.url("/b")),
        ],
    );
    let rs = check(&cfg).await;
    assert_eq!(report(&rs, "limited").errors, 1, "{rs:?}");
    assert!(
        report(&rs, "limited")
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("429")
    );
    let rs = check(&cfg).await;
    assert!(skipped(report(&rs, "limited"), "retry_after"), "{rs:?}");
    assert_eq!(report(&rs, "fine").errors, 0);
    assert_eq!(
        (limited.hits("/a"), limited.total(), fine.hits("/b")),
        (1, 2, 2)
    );
    let st = store(dir.path()).source_state("limited").unwrap();
    let wait = st.next_due.unwrap() - chrono::Utc::now();
    assert!(wait > chrono::Duration::seconds(110), "next due in {wait}");
    assert!(
        alerts(dir.path()).iter().all(|a| a["source"] != "limited"),
        "an error response raised an alert"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn failing_source_alerts_once_then_recovers_once() {
    let srv = Server::start("127.0.0.10");
    srv.route("/p", Route::page(503, "text/html", page("Error", &[V1])));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &[("flaky", "page", srv.url("/p"))]);
    let kinds = |d: &Path| {
        alerts(d)
            .iter()
            .map(|a| a["kind"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    for _ in 0..4 {
        check(&cfg).await;
    }
    assert_eq!(kinds(dir.path()), ["source_unhealthy"]);
    assert_eq!(srv.hits("/p"), 12, "three attempts per pass");
    srv.route("/p", Route::html(&page("Back", &[PLAIN])));
    check(&cfg).await;
    check(&cfg).await;
    assert_eq!(kinds(dir.path()), ["source_unhealthy", "source_recovered"]);
}

fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(t, l)| format!("<item><title>{t}</title><link>{l}</link><guid>{l}</guid></item>"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>"
    )
}

fn rss_route(body: impl Into<Vec<u8>>) -> Route {
    Route::page(200, "application/rss+xml", body)
}

#[tokio::test(flavor = "multi_thread")]
async fn broken_feeds_keep_the_last_good_articles() {
    let srv = Server::start("127.0.0.11");
    let (a1, a2) = (srv.url("/a1"), srv.url("/a2"));
    srv.route("/a1", Route::html(&page("One", &[V1])));
    srv.route("/a2", Route::html(&page("Two", &[PLAIN])));
    srv.route("/feed", rss_route(rss(&[("One", &a1), ("Two", &a2)])));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &[("feed", "feed", srv.url("/feed"))]);
    let rs = check(&cfg).await;
    assert_eq!((rs[0].new_documents, rs[0].errors), (2, 0), "{rs:?}");
    let first = alerts(dir.path()).len();
    let good = rss(&[("One", &a1), ("Two", &a2)]);
    let broken: Vec<(&str, Vec<u8>, usize)> = vec![
        (
            "truncated before any item ends",
            good.as_bytes()[..good.find("</item>").unwrap()].to_vec(),
            1,
        ),
        (
            "HTML error page with status 200",
            b"<html><body><h1>Oops</h1><p>Error 500: 3 servers down</p></body></html>".to_vec(),
            1,
        ),
        (
            "undeclared entity, one item left",
            rss(&[("Two&nbsp;&mdash;", &a2)]).into_bytes(),
            0,
        ),
        (
            "wrong declared encoding",
            encoding_rs::WINDOWS_1252
                .encode(&rss(&[("Caf\u{e9}", &a2)]))
                .0
                .into_owned(),
            0,
        ),
        (
            "truncated mid-item",
            good.as_bytes()[..good.rfind("</item>").unwrap() - 3].to_vec(),
            0,
        ),
    ];
    for (name, body, errors) in broken {
        srv.route("/feed", rss_route(body));
        let rs = check(&cfg).await;
        assert_eq!(rs[0].errors, errors, "{name}: {rs:?}");
        if errors > 0 {
            assert!(
                rs[0]
                    .error
                    .as_deref()
                    .unwrap_or_default()
                    .starts_with("parse"),
                "{name}: {rs:?}"
            );
        }
        assert_eq!(
            rs[0].unchanged + rs[0].not_modified,
            2,
            "{name}: known articles are still re-checked: {rs:?}"
        );
        let st = store(dir.path()).source_state("feed").unwrap();
        assert_eq!(st.articles.len(), 2, "{name}");
    }
    assert_eq!(
        alerts(dir.path()).len(),
        first,
        "broken feeds raised alerts"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn feed_changes_yield_the_exact_alerts() {
    let srv = Server::start("127.0.0.12");
    let (a, b) = (srv.url("/a"), srv.url("/b"));
    srv.route("/a", Route::html(&page("Corridor progress", &[V1])));
    srv.route("/feed", rss_route(rss(&[("Corridor progress", &a)])));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &[("feed", "feed", srv.url("/feed"))]);
    check(&cfg).await;
    let before = alerts(dir.path()).len();
    // Pass 2: A changes, B appears (no claims).
    srv.route("/a", Route::html(&page("Corridor progress", &[V2])));
    srv.route("/b", Route::html(&page("A visit", &[PLAIN])));
    srv.route(
        "/feed",
        rss_route(rss(&[("A visit", &b), ("Corridor progress", &a)])),
    );
    let rs = check(&cfg).await;
    assert_eq!(
        (rs[0].changed_documents, rs[0].new_documents, rs[0].errors),
        (1, 1, 0),
        "{rs:?}"
    );
    let new: Vec<_> = alerts(dir.path()).into_iter().skip(before).collect();
    let got: Vec<_> = new
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap(),
                a["old"].as_f64(),
                a["new"].as_f64(),
            )
        })
        .collect();
    assert_eq!(got, [("changed", Some(38.0), Some(41.0))], "{new:?}");
    // Pass 3: A leaves the feed. It is not "dropped"; it stays known.
    let count = alerts(dir.path()).len();
    srv.route("/feed", rss_route(rss(&[("A visit", &b)])));
    let rs = check(&cfg).await;
    assert_eq!(rs[0].errors, 0);
    assert_eq!(alerts(dir.path()).len(), count, "{:?}", alerts(dir.path()));
    assert_eq!(
        store(dir.path())
            .source_state("feed")
            .unwrap()
            .articles
            .len(),
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn legacy_charsets_are_decoded() {
    let srv = Server::start("127.0.0.13");
    let cp1252 = encoding_rs::WINDOWS_1252
        .encode(&page(
            "Budget",
            &["The \u{201c}corridor\u{201d} costs \u{20ac}25 billion, the caf\u{e9} owner said."],
        ))
        .0
        .into_owned();
    srv.route(
        "/cp1252",
        Route::page(200, "text/html; charset=windows-1252", cp1252),
    );
    let urdu = page("خبر", &["پاکستان میں موبائل صارفین کی تعداد میں اضافہ ہوا ہے اور حکومت نے نئی پالیسی کا اعلان کیا۔"])
        .replace("charset=\"utf-8\"", "charset=\"windows-1256\"");
    let cp1256 = encoding_rs::WINDOWS_1256.encode(&urdu).0.into_owned();
    srv.route("/cp1256", Route::page(200, "text/html", cp1256));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &[
            ("w1252", "page", srv.url("/cp1252")),
            ("w1256", "page", srv.url("/cp1256")),
        ],
    );
    let rs = check(&cfg).await;
    assert!(rs.iter().all(|r| r.errors == 0 && r.fetched == 1), "{rs:?}");
    let st = store(dir.path());
    let text = |u: String| {
        st.text(st.document(&u).unwrap().unwrap().text_hash)
            .unwrap()
            .unwrap()
    };
    assert!(
        text(srv.url("/cp1252"))
            .contains("\u{201c}corridor\u{201d} costs \u{20ac}25 billion, the caf\u{e9}")
    );
    assert!(text(srv.url("/cp1256")).contains("پاکستان میں موبائل صارفین"));
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_and_huge_sources_do_not_hold_up_the_others() {
    let hostile = Server::start("127.0.0.14");
    hostile.route("/slow", Route::Slowloris);
    hostile.route(
        "/huge",
        Route::Huge {
            len: 200 << 20,
            content_length: false,
        },
    );
    hostile.route(
        "/gz",
        Route::Bomb {
            encoding: "gzip",
            decoded: 1 << 30,
        },
    );
    hostile.route(
        "/br",
        Route::Bomb {
            encoding: "br",
            decoded: 1 << 30,
        },
    );
    hostile.route(
        "/loop",
        Route::Redirect {
            status: 302,
            to: "/loop".into(),
        },
    );
    let good = Server::start("127.0.0.15");
    good.route("/g", Route::html(&page("Fine", &[V1])));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &[
            ("slow", "page", hostile.url("/slow")),
            ("huge", "page", hostile.url("/huge")),
            ("gz", "page", hostile.url("/gz")),
            ("br", "page", hostile.url("/br")),
            ("loop", "page", hostile.url("/loop")),
            ("good", "page", good.url("/g")),
        ],
    );
    let rs = check(&cfg).await;
    assert_eq!(
        rs.last().unwrap().source,
        "slow",
        "the drip-fed source finishes last: {rs:?}"
    );
    for (id, class) in [
        ("slow", "timeout"),
        ("huge", "too_large"),
        ("gz", "too_large"),
        ("br", "too_large"),
        ("loop", "redirect"),
    ] {
        let e = report(&rs, id).error.clone().unwrap_or_default();
        assert!(e.starts_with(class), "{id}: {e}");
    }
    assert_eq!(report(&rs, "good").errors, 0);
    assert!(
        alerts(dir.path()).iter().all(|a| a["source"] == "good"),
        "an error response raised an alert"
    );
}
