//! Hot reload under a burst of hostile config writes: the daemon never
//! exits, never runs an invalid config, and ends on the last valid one.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Daemon, Site, bin, news_page};

fn valid(dir: &Path, site: &Site, ids: &[String]) -> String {
    let mut s = format!(
        "[daemon]\nstate_dir = \"{}\"\nalert_log = \"{}\"\nper_host_delay = \"0s\"\ndefault_interval = \"1h\"\n",
        dir.join("state").display(),
        dir.join("alerts.jsonl").display()
    );
    for id in ids {
        s.push_str(&format!(
            "[[source]]\nid = \"{id}\"\nurl = \"{}\"\n",
            site.url("/a.html")
        ));
    }
    s
}

fn listed(cfg: &Path) -> Option<BTreeSet<String>> {
    let out = Command::new(bin())
        .arg("--config")
        .arg(cfg)
        .args(["sources", "--format", "json"])
        .output()
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(
        v.as_array()?
            .iter()
            .filter_map(|r| r["id"].as_str().map(str::to_owned))
            .collect(),
    )
}

#[test]
fn burst_of_writes_never_kills_or_misconfigures_the_daemon() {
    let site = Site::start();
    site.set_html(
        "/a.html",
        &news_page(
            "Schools",
            "2026-03-01",
            &["Officials said 120 schools were opened."],
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("claimwatch.toml");
    let first = vec!["s0".to_owned()];
    std::fs::write(&cfg, valid(dir.path(), &site, &first)).unwrap();
    // The query client reads state_dir from the file, so it keeps a valid copy.
    let client_cfg = dir.path().join("client.toml");
    std::fs::write(&client_cfg, valid(dir.path(), &site, &[])).unwrap();
    let mut daemon = Daemon::start(&cfg);
    let deadline = Instant::now() + Duration::from_secs(20);
    while listed(&client_cfg).is_none_or(|l| l.is_empty()) {
        assert!(Instant::now() < deadline, "daemon did not come up");
        std::thread::sleep(Duration::from_millis(50));
    }

    let mut rng = fastrand::Rng::with_seed(20261129);
    let mut valid_sets: Vec<BTreeSet<String>> = vec![first.iter().cloned().collect()];
    let mut last_valid = first.clone();
    for round in 0..60 {
        let n = rng.usize(1..5);
        let ids: Vec<String> = (0..n).map(|i| format!("s{round}-{i}")).collect();
        let good = valid(dir.path(), &site, &ids);
        let tmp = dir.path().join(".claimwatch.toml.swp");
        match rng.u8(0..6) {
            0 => {
                std::fs::write(&cfg, &good).unwrap();
                last_valid = ids.clone();
                valid_sets.push(ids.iter().cloned().collect());
            }
            1 => std::fs::write(&cfg, "[[source]\nid = ").unwrap(),
            2 => std::fs::write(
                &cfg,
                good.replace("default_interval = \"1h\"", "default_interval = \"often\""),
            )
            .unwrap(),
            3 => std::fs::write(&cfg, &good[..good.len() / 2]).unwrap(),
            4 => {
                std::fs::write(&tmp, &good).unwrap();
                std::fs::rename(&tmp, &cfg).unwrap();
                last_valid = ids.clone();
                valid_sets.push(ids.iter().cloned().collect());
            }
            _ => {
                std::fs::remove_file(&cfg).unwrap();
                std::fs::write(&cfg, &good).unwrap();
                last_valid = ids.clone();
                valid_sets.push(ids.iter().cloned().collect());
            }
        }
        if round % 10 == 0 {
            // While the burst goes on, whatever runs is one of the valid configs.
            if let Some(l) = listed(&client_cfg) {
                let running: BTreeSet<String> = l;
                assert!(
                    valid_sets.contains(&running) || running.is_empty(),
                    "running an invalid config: {running:?}"
                );
            }
        }
        std::thread::sleep(Duration::from_millis(rng.u64(0..40)));
        assert!(
            daemon.0.try_wait().unwrap().is_none(),
            "daemon exited during the burst"
        );
    }
    // End on a truncated write after the last valid one: the valid one must win.
    std::fs::write(&cfg, valid(dir.path(), &site, &last_valid)).unwrap();
    let want: BTreeSet<String> = last_valid.iter().cloned().collect();
    let written = Instant::now();
    let deadline = written + Duration::from_secs(20);
    loop {
        // `sources` lists the daemon's running config through its socket.
        let out = Command::new(bin())
            .arg("--config")
            .arg(&cfg)
            .args(["sources", "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let running: BTreeSet<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["id"].as_str().map(str::to_owned))
            .collect();
        if running == want {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "last valid config {want:?} not applied; running {running:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!(
        "last valid config applied {} ms after it was written",
        written.elapsed().as_millis()
    );
    assert!(daemon.0.try_wait().unwrap().is_none());
    daemon.signal(libc::SIGTERM);
    assert_eq!(daemon.wait_exit(Duration::from_secs(10)), Some(0));
}
