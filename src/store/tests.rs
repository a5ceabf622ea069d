//! Store: one-transaction commits, monotonic alert ids, outbox, reopen.

use chrono::Utc;

use super::*;
use crate::claims::{ClaimKind, Qualifier};
use crate::diff::{Alert, AlertKind};
use crate::store::MaintainError;

pub(super) fn claim(key: &str, value: f64) -> Claim {
    Claim {
        subject: key.into(),
        key: key.into(),
        value,
        value_max: None,
        unit: "count".into(),
        qualifier: Qualifier::Exact,
        as_of: None,
        kind: ClaimKind::Actual,
        sentence: format!("{value} {key}"),
    }
}

pub(super) fn doc(url: &str, text_hash: u64, claims: Vec<Claim>) -> DocumentRecord {
    DocumentRecord {
        url: url.into(),
        source: "s".into(),
        title: "t".into(),
        published: None,
        raw_hash: text_hash,
        text_hash,
        first_seen: Utc::now(),
        last_changed: Utc::now(),
        last_checked: None,
        claims,
        etag: Some("\"e\"".into()),
        last_modified: None,
        baseline: false,
    }
}

/// Opens the database at `dir` again after a `Store` of it was dropped:
/// sled's background writes may hold its lock a moment longer (the daemon
/// retries the same way).
pub(super) fn reopen(dir: &std::path::Path) -> Result<Store, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match Store::open(dir, 1 << 20) {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

pub(super) fn commit(store: &Store, d: DocumentRecord) -> CommitOutcome {
    commit_delivering(store, d, &|_| true)
}

fn commit_delivering(
    store: &Store,
    d: DocumentRecord,
    deliver: &dyn Fn(&Alert) -> bool,
) -> CommitOutcome {
    let url = d.url.clone();
    let ctx = DocContext {
        source: "s",
        url: &url,
        title: "t",
        now: Utc::now(),
        is_baseline: false,
    };
    store
        .commit_document(
            &NewDocument {
                record: d,
                text: "body",
            },
            &ctx,
            deliver,
        )
        .unwrap()
}

#[test]
fn commit_writes_document_timelines_alerts_and_outbox_together() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    let out = commit(&store, doc("u", 1, vec![claim("a", 1.0), claim("b", 2.0)]));
    assert!(out.text_changed);
    assert_eq!(out.alerts.iter().map(|a| a.id).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(store.pending(SINK_LOG).unwrap(), [1, 2]);
    assert_eq!(store.document("u").unwrap().unwrap().claims.len(), 2);
    assert_eq!(store.timelines().unwrap().len(), 2);
    assert_eq!(store.text(1).unwrap().as_deref(), Some("body"));

    let out = commit(&store, doc("u", 2, vec![claim("a", 5.0), claim("b", 2.0)]));
    assert_eq!(out.alerts.len(), 1);
    assert_eq!(out.alerts[0].kind, AlertKind::Changed);
    assert_eq!(out.alerts[0].id, 3);
}

#[test]
fn undelivered_alert_kinds_are_not_stored_but_history_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    let only_changed = |a: &Alert| a.kind == AlertKind::Changed;
    let out = commit_delivering(&store, doc("u", 1, vec![claim("a", 1.0)]), &only_changed);
    assert!(out.alerts.is_empty(), "a `new` alert is filtered out");
    assert!(store.alerts_after(0).unwrap().is_empty());
    let out = commit_delivering(&store, doc("u", 2, vec![claim("a", 5.0)]), &only_changed);
    assert_eq!(out.alerts.len(), 1);
    assert_eq!(out.alerts[0].id, 1, "ids stay dense over stored alerts");
    assert_eq!(store.pending(SINK_LOG).unwrap(), [1]);
    assert_eq!(store.history("a").unwrap().len(), 2);
}

#[test]
fn unchanged_text_raises_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    commit(&store, doc("u", 1, vec![claim("a", 1.0)]));
    let out = commit(&store, doc("u", 1, vec![claim("a", 1.0)]));
    assert!(!out.text_changed);
    assert!(out.alerts.is_empty());
}

#[test]
fn state_survives_reopen_and_ids_keep_increasing() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        commit(&store, doc("u", 1, vec![claim("a", 1.0)]));
        store.ack(SINK_LOG, 1).unwrap();
        store.flush().unwrap();
    }
    let store = reopen(dir.path()).unwrap();
    assert!(store.pending(SINK_LOG).unwrap().is_empty());
    let out = commit(&store, doc("v", 2, vec![claim("z", 1.0)]));
    assert_eq!(out.alerts[0].id, 2);
    assert_eq!(store.alerts_after(0).unwrap().len(), 2);
}

#[test]
fn a_second_open_of_the_same_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let _store = Store::open(dir.path(), 1 << 20).unwrap();
    let err = Store::open(dir.path(), 1 << 20)
        .err()
        .expect("second open must fail");
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
}

#[test]
fn records_refuse_unknown_versions() {
    assert!(matches!(
        decode::<SourceState>(b"\x09{}"),
        Err(StoreError::RecordVersion(9))
    ));
    let s = SourceState {
        consecutive_failures: 3,
        ..Default::default()
    };
    assert_eq!(decode::<SourceState>(&encode(&s).unwrap()).unwrap(), s);
}

#[test]
fn a_corrupt_database_is_moved_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        commit(&store, doc("u", 1, vec![claim("a", 1.0)]));
        store.flush().unwrap();
    }
    // Scribble over every data file sled wrote.
    for entry in std::fs::read_dir(dir.path().join("db")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            let len = std::fs::metadata(&p).unwrap().len() as usize;
            std::fs::write(&p, vec![0xA5u8; len.max(64)]).unwrap();
        }
    }
    let (store, aside) = Store::open_or_recover(dir.path(), 1 << 20).unwrap();
    let aside = aside.expect("corruption was detected");
    assert!(aside.exists());
    assert!(
        store.document("u").unwrap().is_none(),
        "the fresh database is empty"
    );
    commit(&store, doc("v", 2, vec![claim("b", 1.0)]));
}

#[test]
fn export_import_round_trip_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a"), 1 << 20).unwrap();
    commit(&store, doc("u", 1, vec![claim("a", 1.0), claim("b", 2.0)]));
    commit(&store, doc("u", 2, vec![claim("a", 3.0)]));
    let mut buf = Vec::new();
    let n = store.export(&mut buf).unwrap();
    assert!(n > 5);
    // Compact records are shown as JSON too, for people and scripts.
    let doc_line = String::from_utf8_lossy(&buf)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["tree"] == "documents")
        .unwrap();
    assert_eq!(doc_line["record"]["url"], "u");
    assert_eq!(doc_line["record"]["claims"][0]["key"], "a");
    let other = Store::open(&dir.path().join("b"), 1 << 20).unwrap();
    assert_eq!(other.import(&mut buf.as_slice(), false).unwrap(), n);
    assert_eq!(other.document("u").unwrap(), store.document("u").unwrap());
    assert_eq!(other.timelines().unwrap(), store.timelines().unwrap());
    assert_eq!(
        other.alerts_after(0).unwrap(),
        store.alerts_after(0).unwrap()
    );
    assert!(matches!(
        other.import(&mut buf.as_slice(), false),
        Err(MaintainError::NotEmpty)
    ));
    assert!(matches!(
        other.import(
            &mut &b"{\"tree\":\"nope\",\"key\":\"\",\"value\":\"\"}\n"[..],
            true
        ),
        Err(MaintainError::Bad { line: 1, .. })
    ));
    let mut again = Vec::new();
    other.export(&mut again).unwrap();
    assert_eq!(again, buf);
}

#[test]
fn rotated_exports_keep_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), 1 << 20).unwrap();
    let t0 = Utc::now();
    for i in 0..5 {
        store
            .export_rotated(
                &dir.path().join("exports"),
                3,
                t0 + chrono::Duration::seconds(i),
            )
            .unwrap();
    }
    let names: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn retention_drops_old_points_and_alerts_but_keeps_first_and_current() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    for (i, v) in [1.0, 2.0, 3.0, 4.0].into_iter().enumerate() {
        commit(&store, doc("u", i as u64 + 1, vec![claim("a", v)]));
    }
    for id in store.pending(SINK_LOG).unwrap() {
        store.ack(SINK_LOG, id).unwrap();
    }
    let later = Utc::now() + chrono::Duration::days(400);
    let (points, alerts) = store
        .apply_retention(chrono::Duration::days(365), later)
        .unwrap();
    assert_eq!(points, 2);
    assert_eq!(alerts, 4);
    assert!(
        store.text(1).unwrap().is_none(),
        "a text no document points to is dropped"
    );
    assert!(store.text(4).unwrap().is_some(), "the current text stays");
    assert_eq!(
        store
            .history("a")
            .unwrap()
            .iter()
            .map(|p| p.value)
            .collect::<Vec<_>>(),
        [1.0, 4.0],
        "the history keeps where the timeline started and its current point"
    );
    let t = store.timeline("a").unwrap().unwrap();
    assert_eq!(t.latest().map(|p| p.value), Some(4.0));
}

#[test]
fn verify_flags_logged_alerts_the_database_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), 1 << 20).unwrap();
    commit(&store, doc("u", 1, vec![claim("a", 1.0), claim("b", 2.0)]));
    let log_path = dir.path().join("alerts.jsonl");
    let mut log = crate::alert::AlertLog::open(&log_path, 1 << 20, 2).unwrap();
    let stored = store.alerts_after(0).unwrap();
    for a in &stored {
        log.append(a).unwrap();
        store.ack(SINK_LOG, a.id).unwrap();
    }
    assert!(store.verify(&log_path, 2).unwrap().problems.is_empty());
    // An alert the log holds but the database never kept (a crash lost it).
    let mut ghost = stored[1].clone();
    ghost.id = 3;
    log.append(&ghost).unwrap();
    let r = store.verify(&log_path, 2).unwrap();
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("alert 3 is in the log but not in the database")),
        "{:?}",
        r.problems
    );
}

/// `db verify` compares the alert log with the stored alerts, so a value
/// written to JSON must read back to the same bits (serde_json's default
/// parser rounds some of them, for example a delta of -20.900000000000002).
#[test]
fn alert_values_read_back_exactly_from_json() {
    let values: [f64; 6] = [
        -20.900_000_000_000_002,
        0.1 + 0.2,
        2.2 - 1.1,
        193_238_238.123_456_79,
        -0.000_123_456_789_012_345_67,
        7.89e-300,
    ];
    for x in values {
        let s = serde_json::to_string(&x).unwrap();
        let y: f64 = serde_json::from_str(&s).unwrap();
        assert_eq!(x.to_bits(), y.to_bits(), "{s}");
    }
}
