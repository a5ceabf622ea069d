//! `claimwatch alerts`: filters over the log and its rotated files, and
//! `--follow` printing a new alert soon after it is written, across rotation.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::bin;

fn alert(id: u64, kind: &str, source: &str, ts: &str) -> String {
    format!(
        r#"{{"id":{id},"ts":"{ts}","kind":"{kind}","quantity":"schools opened","key":"school|count","unit":"count","old":120.0,"new":135.0,"delta":15.0,"delta_pct":12.5,"baseline":null,"as_of":null,"source":"{source}","url":"http://127.0.0.1/a","title":"t","sentence":"Officials said 135 schools were opened."}}"#
    )
}

fn config(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("claimwatch.toml");
    std::fs::write(
        &p,
        format!(
            "[daemon]\nstate_dir = \"{}\"\nalert_log = \"{}\"\nalert_log_keep = 2\n",
            dir.join("state").display(),
            dir.join("alerts.jsonl").display()
        ),
    )
    .unwrap();
    p
}

#[test]
fn filters_read_rotated_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path());
    std::fs::write(
        dir.path().join("alerts.jsonl.1"),
        alert(1, "new", "a", "2026-01-01T00:00:00Z") + "\n",
    )
    .unwrap();
    let live = [
        alert(2, "changed", "a", "2026-02-01T00:00:00Z"),
        alert(3, "changed", "b", "2026-03-01T00:00:00Z"),
    ];
    std::fs::write(dir.path().join("alerts.jsonl"), live.join("\n") + "\n").unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(bin())
            .arg("--config")
            .arg(&cfg)
            .arg("alerts")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_u64()
                    .unwrap()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(run(&[]), [1, 2, 3]);
    assert_eq!(run(&["--kind", "changed"]), [2, 3]);
    assert_eq!(run(&["--source", "a"]), [1, 2]);
    assert_eq!(
        run(&["--since", "2026-01-15", "--until", "2026-02-15"]),
        [2]
    );
    assert_eq!(run(&["--quantity", "SCHOOLS"]), [1, 2, 3]);
}

#[test]
fn follow_shows_new_alerts_quickly_and_survives_rotation() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path());
    let log = dir.path().join("alerts.jsonl");
    std::fs::write(&log, alert(1, "new", "a", "2026-01-01T00:00:00Z") + "\n").unwrap();
    let mut child = Command::new(bin())
        .arg("--config")
        .arg(&cfg)
        .args(["alerts", "--follow", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let id = serde_json::from_str::<serde_json::Value>(&line).unwrap()["id"]
                .as_u64()
                .unwrap();
            if tx.send((id, Instant::now())).is_err() {
                break;
            }
        }
    });
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)).unwrap().0, 1);
    let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let written = Instant::now();
    writeln!(f, "{}", alert(2, "changed", "a", "2026-02-01T00:00:00Z")).unwrap();
    let (id, seen) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(id, 2);
    eprintln!(
        "--follow printed alert 2 {} ms after it was written",
        (seen - written).as_millis()
    );
    std::fs::rename(&log, dir.path().join("alerts.jsonl.1")).unwrap();
    std::fs::write(
        &log,
        alert(3, "changed", "b", "2026-03-01T00:00:00Z") + "\n",
    )
    .unwrap();
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)).unwrap().0, 3);
    child.kill().unwrap();
    child.wait().unwrap();
}
