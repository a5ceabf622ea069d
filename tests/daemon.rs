//! `claimwatch run` as a real process against a local site: graceful stop on
//! SIGTERM, no repeated alert after kill -9 and restart, hot reload that
//! keeps the last good config.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Daemon, Site, alerts, bin, news_page, wait_for, write_config};

const P1: &[&str] = &["Officials said 120 schools were opened in the district this year."];
const P2: &[&str] = &["Officials said 135 schools were opened in the district this year."];

#[test]
fn sigterm_stops_gracefully_with_exit_0() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let mut d = Daemon::start(&cfg);
    wait_for(Duration::from_secs(20), "first fetch", || {
        !site.hits().is_empty()
    });
    d.signal(libc::SIGTERM);
    assert_eq!(d.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn kill_9_and_restart_never_repeats_an_alert() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let mut d = Daemon::start(&cfg);
    wait_for(Duration::from_secs(20), "first alerts", || {
        !alerts(dir.path()).is_empty()
    });
    let hits = site.hits().len();
    wait_for(Duration::from_secs(20), "a second pass", || {
        site.hits().len() > hits
    });
    d.signal(libc::SIGKILL);
    d.wait_exit(Duration::from_secs(5));
    let before = alerts(dir.path());

    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P2));
    let mut d = Daemon::start(&cfg);
    wait_for(Duration::from_secs(20), "the change to be alerted", || {
        alerts(dir.path()).iter().any(|a| a["kind"] == "changed")
    });
    let hits = site.hits().len();
    wait_for(Duration::from_secs(20), "two more passes", || {
        site.hits().len() > hits + 1
    });
    d.signal(libc::SIGTERM);
    assert_eq!(d.wait_exit(Duration::from_secs(10)), Some(0));

    let all = alerts(dir.path());
    let mut ids: Vec<u64> = all.iter().map(|a| a["id"].as_u64().unwrap()).collect();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "an alert id was written twice");
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "ids not increasing: {ids:?}"
    );
    assert_eq!(&all[..before.len()], &before[..], "history was rewritten");
    let changed: Vec<_> = all.iter().filter(|a| a["kind"] == "changed").collect();
    assert_eq!(changed.len(), 1, "{all:?}");
    assert_eq!(
        (changed[0]["old"].as_f64(), changed[0]["new"].as_f64()),
        (Some(120.0), Some(135.0))
    );
}

#[test]
fn reload_applies_valid_configs_and_keeps_the_last_good_one() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P1));
    site.set_html(
        "/b.html",
        &news_page(
            "Clinics",
            "2026-03-01",
            &["The province opened 40 clinics."],
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let mut d = Daemon::start(&cfg);
    wait_for(Duration::from_secs(20), "source a", || {
        site.hits().iter().any(|h| h.0 == "/a.html")
    });

    // A broken file must not stop the daemon or its sources.
    std::fs::write(&cfg, "[[source]]\nid = \"a\"\nurl = ").unwrap();
    let n = site.hits().len();
    wait_for(Duration::from_secs(20), "source a to keep running", || {
        site.hits().len() > n + 1
    });
    assert!(
        d.0.try_wait().unwrap().is_none(),
        "daemon exited on a broken config"
    );

    // A valid config with a new source is picked up without a restart.
    write_config(dir.path(), &site, &[("a", "/a.html"), ("b", "/b.html")], "");
    wait_for(Duration::from_secs(20), "source b", || {
        site.hits().iter().any(|h| h.0 == "/b.html")
    });
    d.signal(libc::SIGTERM);
    assert_eq!(d.wait_exit(Duration::from_secs(10)), Some(0));
}

fn cli(cfg: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(bin())
        .arg("--config")
        .arg(cfg)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn queries_and_check_go_through_the_daemon_while_it_runs() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    // Without a daemon the commands open the database themselves.
    let (code, out) = cli(&cfg, &["sources", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()[0]["state"],
        "new"
    );

    let mut d = Daemon::start(&cfg);
    wait_for(Duration::from_secs(20), "first pass", || {
        !alerts(dir.path()).is_empty()
    });
    // The alert log is written before the source's state is committed, so
    // wait for `last_success` rather than assume it follows the alerts.
    let mut rows = serde_json::Value::Null;
    wait_for(Duration::from_secs(20), "the source's last success", || {
        let (code, out) = cli(&cfg, &["sources", "--format", "json"]);
        assert_eq!(code, 0, "sources failed while the daemon runs");
        rows = serde_json::from_str(&out).unwrap();
        rows[0]["last_success"].is_string()
    });
    assert_eq!(rows[0]["id"], "a");
    let (code, out) = cli(&cfg, &["quantities", "--format", "json"]);
    assert_eq!(code, 0);
    let q: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(q.as_array().is_some_and(|a| !a.is_empty()), "{q}");
    let key = q[0]["key"].as_str().unwrap().to_owned();
    let (code, out) = cli(&cfg, &["history", &key, "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("/a.html"));

    let hits = site.hits().len();
    let (code, out) = cli(&cfg, &["check", "--format", "json"]);
    assert_eq!(code, 0);
    let summary: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["sources"], 1);
    assert!(
        site.hits().len() > hits,
        "check did not make the daemon fetch"
    );
    d.signal(libc::SIGTERM);
    assert_eq!(d.wait_exit(Duration::from_secs(10)), Some(0));
    assert!(
        !dir.path().join("state/claimwatch.sock").exists(),
        "socket left behind"
    );
}

#[test]
fn status_listener_serves_health_metrics_atom_and_quantities() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P1));
    let dir = tempfile::tempdir().unwrap();
    let addr = format!("127.0.0.1:{}", common::free_port());
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "[daemon]\n",
        &format!("[daemon]\nstatus_listen = \"{addr}\"\n"),
    );
    std::fs::write(&cfg, text).unwrap();
    let mut d = Daemon::start(&cfg);
    wait_for(Duration::from_secs(20), "the status listener", || {
        common::http_get(&addr, "/healthz").is_some()
    });
    assert_eq!(
        common::http_get(&addr, "/healthz").unwrap(),
        (200, "ok\n".to_owned())
    );
    wait_for(Duration::from_secs(20), "a pass", || {
        common::http_get(&addr, "/metrics")
            .is_some_and(|(_, b)| b.contains("claimwatch_fetches_total{result=\"fetched\"}"))
    });
    let (_, m) = common::http_get(&addr, "/metrics").unwrap();
    for name in [
        "claimwatch_source_pass_seconds",
        "claimwatch_source_up{source=\"a\"} 1",
        "claimwatch_store_size_bytes",
        "# EOF",
    ] {
        assert!(m.contains(name), "metrics lack {name}:\n{m}");
    }
    let (status, atom) = common::http_get(&addr, "/alerts.atom").unwrap();
    assert_eq!(status, 200);
    let feed = feed_rs::parser::parse(atom.as_bytes()).expect("valid Atom");
    assert_eq!(feed.entries.len(), alerts(dir.path()).len());
    let (status, q) = common::http_get(&addr, "/api/quantities").unwrap();
    assert_eq!(status, 200);
    assert!(
        serde_json::from_str::<serde_json::Value>(&q)
            .unwrap()
            .is_array()
    );
    d.signal(libc::SIGTERM);
    assert_eq!(d.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn sd_notify_ready_watchdog_status_reloading_stopping() {
    use std::os::unix::net::UnixDatagram;
    let site = Site::start();
    site.set_html("/a.html", &news_page("Schools", "2026-03-01", P1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let sock_path = dir.path().join("notify.sock");
    let sock = UnixDatagram::bind(&sock_path).unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let child = Command::new(bin())
        .arg("--config")
        .arg(&cfg)
        .arg("run")
        .env("NOTIFY_SOCKET", &sock_path)
        .env("WATCHDOG_USEC", "400000")
        .env("CLAIMWATCH_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut d = Daemon(child);
    let mut seen = String::new();
    let recv_until = |what: &str, seen: &mut String| {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut buf = [0u8; 4096];
        while !seen.contains(what) {
            assert!(Instant::now() < deadline, "no {what} in {seen:?}");
            if let Ok(n) = sock.recv(&mut buf) {
                seen.push_str(&String::from_utf8_lossy(&buf[..n]));
                seen.push('|');
            }
        }
    };
    recv_until("READY=1", &mut seen);
    assert!(seen.contains("STATUS="), "{seen}");
    seen.clear();
    recv_until("WATCHDOG=1", &mut seen);
    seen.clear();
    recv_until("WATCHDOG=1", &mut seen);
    d.signal(libc::SIGHUP);
    recv_until("RELOADING=1", &mut seen);
    d.signal(libc::SIGTERM);
    recv_until("STOPPING=1", &mut seen);
    assert_eq!(d.wait_exit(Duration::from_secs(10)), Some(0));
}
