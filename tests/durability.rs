//! Graceful stop with fetches in flight: `claimwatch run` against a local
//! site whose pages hold their responses until the test releases them, so
//! ten fetches are in flight at once. SIGTERM must end the daemon with exit
//! code 0 within 10 s, `db verify` must find the database consistent, and no
//! record may be partial: documents whose fetch completed are stored whole
//! (record, text, timelines, alerts logged), and documents whose fetch was
//! cancelled are absent.

mod common;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use common::{Daemon, bin, news_page, wait_for};

const PAGES: usize = 10;
const NOUNS: [&str; PAGES] = [
    "schools", "clinics", "bridges", "wells", "roads", "dams", "parks", "ports", "mills", "depots",
];

/// A site whose page responses wait until their page is released.
struct HoldSite {
    addr: SocketAddr,
    release: watch::Sender<HashSet<usize>>,
    held: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

struct HoldState {
    release: watch::Receiver<HashSet<usize>>,
    held: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

/// Counts a response as held while it is alive (also when the client goes
/// away and the handler is dropped).
struct Held(Arc<AtomicUsize>);

impl Held {
    fn new(n: &Arc<AtomicUsize>) -> Self {
        n.fetch_add(1, Ordering::SeqCst);
        Self(n.clone())
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn page_body(n: usize) -> String {
    news_page(
        &format!("Report {n}"),
        "2026-03-01",
        &[&format!(
            "Officials said {} {} were completed in the district this year.",
            100 + n,
            NOUNS[n]
        )],
    )
}

async fn serve(State(st): State<Arc<HoldState>>, uri: Uri) -> Response {
    let path = uri.path();
    if path == "/robots.txt" {
        return (StatusCode::OK, "User-agent: *\nAllow: /\n").into_response();
    }
    let Some(n) = path
        .strip_prefix("/slow/")
        .and_then(|p| p.strip_suffix(".html"))
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|n| *n < PAGES)
    else {
        return (StatusCode::NOT_FOUND, "no such page").into_response();
    };
    st.requests.fetch_add(1, Ordering::SeqCst);
    // A released page answers at once and never counts as held.
    if !st.release.borrow().contains(&n) {
        let _held = Held::new(&st.held);
        let mut rx = st.release.clone();
        if rx.wait_for(|s| s.contains(&n)).await.is_err() {
            return (StatusCode::SERVICE_UNAVAILABLE, "site stopped").into_response();
        }
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page_body(n),
    )
        .into_response()
}

impl HoldSite {
    fn start() -> Self {
        let (release, rx) = watch::channel(HashSet::new());
        let held = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let st = Arc::new(HoldState {
            release: rx,
            held: held.clone(),
            requests: requests.clone(),
        });
        let addr =
            common::serve_on_thread("127.0.0.1:0", Router::new().fallback(serve).with_state(st));
        Self {
            addr,
            release,
            held,
            requests,
        }
    }

    fn url(&self, n: usize) -> String {
        format!("http://{}/slow/{n}.html", self.addr)
    }

    fn release(&self, pages: impl IntoIterator<Item = usize>) {
        self.release.send_modify(|s| s.extend(pages));
    }

    fn held(&self) -> usize {
        self.held.load(Ordering::SeqCst)
    }
}

fn write_config(dir: &Path, site: &HoldSite) -> PathBuf {
    let mut s = format!(
        "[daemon]\nstate_dir = \"{}\"\nalert_log = \"{}\"\nconcurrency = 10\nper_host_concurrency = 10\nper_host_delay = \"0s\"\nrequest_timeout = \"60s\"\njitter = 0.0\n\n",
        dir.join("state").display(),
        dir.join("alerts.jsonl").display()
    );
    for n in 0..PAGES {
        s.push_str(&format!(
            "[[source]]\nid = \"slow{n}\"\nkind = \"page\"\nurl = \"{}\"\ninterval = \"1s\"\n\n",
            site.url(n)
        ));
    }
    let p = dir.join("claimwatch.toml");
    std::fs::write(&p, s).unwrap();
    p
}

fn logged_alerts(dir: &Path) -> Vec<serde_json::Value> {
    // Only complete lines: the daemon may be writing the last one.
    let text = std::fs::read_to_string(dir.join("alerts.jsonl")).unwrap_or_default();
    let complete = text.rfind('\n').map_or("", |i| &text[..i]);
    complete
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn db_verify(cfg: &Path) -> (i32, String) {
    let out = Command::new(bin())
        .arg("--config")
        .arg(cfg)
        .args(["db", "verify"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Runs the scenario: all ten fetches in flight, then `completed` of them
/// released and committed, then SIGTERM with the rest still in flight.
fn stop_with_fetches_in_flight(completed: &[usize]) {
    let site = HoldSite::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site);
    let mut d = Daemon::start(&cfg);

    wait_for(Duration::from_secs(30), "ten fetches in flight", || {
        site.held() == PAGES
    });
    site.release(completed.iter().copied());
    let urls: HashSet<String> = completed.iter().map(|&n| site.url(n)).collect();
    wait_for(
        Duration::from_secs(30),
        "the completed documents' alerts",
        || {
            let logged: HashSet<String> = logged_alerts(dir.path())
                .iter()
                .filter(|a| a["kind"] == "new")
                .filter_map(|a| a["url"].as_str().map(str::to_owned))
                .collect();
            urls.is_subset(&logged)
        },
    );
    let cancelled = PAGES - completed.len();
    assert_eq!(site.held(), cancelled, "fetches in flight at SIGTERM");

    let stopping = Instant::now();
    d.signal(libc::SIGTERM);
    let code = d.wait_exit(Duration::from_secs(10));
    assert_eq!(
        code,
        Some(0),
        "exit after SIGTERM with {cancelled} fetches in flight (after {:?})",
        stopping.elapsed()
    );
    assert!(
        site.requests.load(Ordering::SeqCst) >= PAGES,
        "every page was requested"
    );

    let (code, out) = db_verify(&cfg);
    assert_eq!(code, 0, "db verify: {out}");
    assert!(out.contains("consistent"), "db verify: {out}");

    let store = claimwatch::store::Store::open(&dir.path().join("state"), 8 << 20).unwrap();
    let alerts = logged_alerts(dir.path());
    for n in 0..PAGES {
        let url = site.url(n);
        let doc = store.document(&url).unwrap();
        if completed.contains(&n) {
            let doc = doc.unwrap_or_else(|| panic!("completed document {url} is missing"));
            assert!(
                store.text(doc.text_hash).unwrap().is_some(),
                "{url}: record without its text"
            );
            assert!(!doc.claims.is_empty(), "{url}: no claims");
            for c in &doc.claims {
                let t = store
                    .timeline(&c.key)
                    .unwrap()
                    .unwrap_or_else(|| panic!("{url}: no timeline for {}", c.key));
                assert!(
                    t.points.iter().any(|p| p.url == url),
                    "{url}: timeline {} has no point from it",
                    c.key
                );
                assert!(
                    alerts
                        .iter()
                        .any(|a| a["url"] == url.as_str() && a["key"] == c.key.as_str()),
                    "{url}: no alert logged for {}",
                    c.key
                );
            }
        } else {
            assert!(doc.is_none(), "cancelled document {url} was stored");
            assert!(
                !alerts.iter().any(|a| a["url"] == url.as_str()),
                "an alert was logged for the cancelled {url}"
            );
            for t in store.timelines().unwrap() {
                assert!(
                    !t.points.iter().any(|p| p.url == url),
                    "timeline {} has a point from the cancelled {url}",
                    t.key
                );
            }
        }
    }
    let ids: Vec<u64> = alerts.iter().filter_map(|a| a["id"].as_u64()).collect();
    let unique: HashSet<u64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an alert id was logged twice");
}

#[test]
fn sigterm_with_ten_fetches_in_flight_exits_0_and_stores_nothing_partial() {
    stop_with_fetches_in_flight(&[]);
}

#[test]
fn sigterm_keeps_completed_documents_whole_and_drops_cancelled_ones() {
    stop_with_fetches_in_flight(&[0, 1, 2, 3, 4]);
}
