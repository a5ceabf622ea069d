//! Store: one-transaction commits, monotonic alert ids, outbox, reopen.

use chrono::Utc;

use super::*;
use crate::claims::{ClaimKind, Qualifier};
use crate::diff::AlertKind;

fn claim(key: &str, value: f64) -> Claim {
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

fn doc(url: &str, text_hash: u64, claims: Vec<Claim>) -> DocumentRecord {
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

fn commit(store: &Store, d: DocumentRecord) -> CommitOutcome {
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
            &|_| true,
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
    let store = Store::open(dir.path(), 1 << 20).unwrap();
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
    assert!(
        matches!(err, StoreError::Locked { .. } | StoreError::Open { .. }),
        "{err}"
    );
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
