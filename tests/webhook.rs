//! Webhook outbox: a receiver that is down for several passes and then comes
//! back gets every alert exactly once per Idempotency-Key, and fetching keeps
//! its cadence meanwhile.

mod common;

use std::collections::HashMap;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use common::{Daemon, Site, alerts, news_page, wait_for, write_config};

#[derive(Default)]
struct Receiver {
    up: AtomicBool,
    keys: Mutex<HashMap<String, usize>>,
    refused: Mutex<usize>,
}

async fn hook(State(r): State<Arc<Receiver>>, headers: HeaderMap, _body: String) -> StatusCode {
    if !r.up.load(Ordering::SeqCst) {
        *r.refused.lock().unwrap() += 1;
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    *r.keys.lock().unwrap().entry(key).or_default() += 1;
    StatusCode::OK
}

fn start_receiver() -> (String, Arc<Receiver>) {
    let state = Arc::new(Receiver::default());
    let st = state.clone();
    let addr = common::serve_on_thread("127.0.0.2:0", Router::new().fallback(hook).with_state(st));
    (format!("http://{addr}/hook"), state)
}

#[test]
fn down_receiver_gets_each_alert_exactly_once_when_back_and_fetching_goes_on() {
    let site = Site::start();
    let page = |n: u32| {
        news_page(
            "Schools",
            "2026-03-01",
            &[&format!(
                "Officials said {n} schools were opened in the district this year."
            )],
        )
    };
    site.set_html("/a.html", &page(137));
    let (url, recv) = start_receiver();
    let dir = tempfile::tempdir().unwrap();
    let extra = format!(
        "[[webhook]]\nname = \"hook\"\nurl = \"{url}\"\nretry_initial = \"1s\"\nkinds = [\"changed\", \"new\"]\n"
    );
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], &extra);
    let mut daemon = Daemon::start(&cfg);

    // Three passes with changes while the receiver is down.
    let fetches = || site.hits().iter().filter(|h| h.0 == "/a.html").count();
    for n in [141, 146, 152] {
        let before = fetches();
        wait_for(Duration::from_secs(20), "a pass", || fetches() > before);
        site.set_html("/a.html", &page(n));
    }
    let before = fetches();
    wait_for(
        Duration::from_secs(20),
        "the last change to be fetched",
        || fetches() > before + 1,
    );
    assert!(
        *recv.refused.lock().unwrap() >= 2,
        "the receiver was not tried while down"
    );
    assert!(recv.keys.lock().unwrap().is_empty());

    recv.up.store(true, Ordering::SeqCst);
    let expected: Vec<String> = alerts(dir.path())
        .iter()
        .filter(|a| a["kind"] == "changed" || a["kind"] == "new")
        .map(|a| format!("claimwatch-{}", a["id"]))
        .collect();
    assert!(
        expected.len() >= 4,
        "expected a new and three changed alerts, got {expected:?}; log: {:?}; hits: {:?}",
        alerts(dir.path()),
        site.hits()
    );
    wait_for(Duration::from_secs(30), "delivery after recovery", || {
        let keys = recv.keys.lock().unwrap();
        expected.iter().all(|k| keys.contains_key(k))
    });
    // Give it a few more delivery rounds to (wrongly) repeat anything.
    let settled = fetches();
    wait_for(Duration::from_secs(20), "two more passes", || {
        fetches() > settled + 1
    });
    let keys = recv.keys.lock().unwrap().clone();
    for k in &expected {
        assert_eq!(
            keys.get(k),
            Some(&1),
            "{k} delivered {:?} times",
            keys.get(k)
        );
    }
    daemon.signal(libc::SIGTERM);
    assert_eq!(daemon.wait_exit(Duration::from_secs(10)), Some(0));
}
