//! Store: each quantity's sources counted once and without a cap, heads of
//! the older layout migrated with their counts (when the database opens,
//! when an export is imported, or when a commit meets one), historical
//! values deduplicated, and the counts kept through export, import, verify
//! and retention.

use chrono::{Duration, Utc};

use super::heads::{LegacyHead, SourceSet, encode_head, source_id};
use super::tests::{claim, commit, doc, reopen};
use super::*;
use crate::claims::{ClaimKind, Qualifier};
use crate::diff::{AlertKind, TimelinePoint};
use crate::store::MaintainError;

fn commit_as(store: &Store, source: &str, mut d: DocumentRecord) -> CommitOutcome {
    d.source = source.into();
    let url = d.url.clone();
    let ctx = DocContext {
        source,
        url: &url,
        title: "t",
        now: Utc::now(),
        is_baseline: false,
    };
    let doc = NewDocument {
        record: d,
        text: "body",
    };
    store.commit_document(&doc, &ctx, &|_| true).unwrap()
}

fn count(store: &Store, key: &str) -> usize {
    store.timeline(key).unwrap().unwrap().source_count()
}

fn problems(store: &Store, dir: &std::path::Path) -> Vec<String> {
    store.verify(&dir.join("no-log"), 1).unwrap().problems
}

/// A head of key `a` as the previous layout stored it.
fn legacy_head(source_ids: Vec<u64>, sources: &[&str]) -> LegacyHead {
    let p = TimelinePoint {
        value: 1.0,
        qualifier: Qualifier::Exact,
        kind: ClaimKind::Actual,
        as_of: None,
        seen: Utc::now() - Duration::days(1),
        source: sources.first().copied().unwrap_or("s1").into(),
        url: "old".into(),
        title: "t".into(),
        sentence: "1 a".into(),
        historical: false,
    };
    LegacyHead {
        key: "a".into(),
        subject: "a".into(),
        unit: "count".into(),
        baseline: None,
        points: vec![p.clone()],
        current: Some(p),
        count: 1,
        sources: sources.iter().map(|s| (*s).to_owned()).collect(),
        source_ids,
        last_change: None,
    }
}

/// The 32-bit id and the 64-bit hash older heads counted `s` under.
fn ids(s: &str) -> (u64, u64) {
    let h = xxhash_rust::xxh3::xxh3_64(s.as_bytes());
    (h >> 32, h)
}

#[test]
fn every_source_is_counted_once_without_a_cap() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    for i in 0..300 {
        let d = doc(&format!("u{i}"), i, vec![claim("a", 1.0)]);
        commit_as(&store, &format!("s{i}"), d);
    }
    // Sources already counted, stating it again from other pages.
    for i in [0, 7, 299] {
        let d = doc(&format!("again{i}"), 1000 + i, vec![claim("a", 2.0)]);
        commit_as(&store, &format!("s{i}"), d);
    }
    let t = store.timeline("a").unwrap().unwrap();
    assert_eq!((t.source_count(), t.count), (300, 303));
    assert_eq!(t.source_ids.len(), 256, "at most 256 ids are listed");
    assert_eq!(t.source_ids[1], u64::from(source_id("s1")));
    let head = store.timelines.get("a").unwrap().unwrap();
    assert!(
        head.len() < 300,
        "the head stays small: {} bytes",
        head.len()
    );
    assert!(problems(&store, dir.path()).is_empty());
}

#[test]
fn older_heads_are_migrated_when_the_database_opens_and_count_each_source_once() {
    let (s1, s1_full) = ids("s1");
    let (s2, s2_full) = ids("s2");
    // (case, head record, sources it counted)
    let cases = [
        (
            "version 2, 32-bit ids",
            encode(&legacy_head(vec![s1, s2], &["s1", "s2"])).unwrap(),
            2,
        ),
        (
            "version 2, 64-bit hashes",
            encode(&legacy_head(vec![s1_full, s2_full, ids("s3").1], &["s1"])).unwrap(),
            3,
        ),
        (
            "version 1 JSON, mixed ids",
            records::encode_json(&legacy_head(vec![s1_full, s2], &["s1", "s2"])),
            2,
        ),
        (
            "version 1 JSON, names only",
            records::encode_json(&legacy_head(vec![], &["s1", "s2", "s3"])),
            3,
        ),
        (
            "a source no longer known",
            encode(&legacy_head(vec![s1, s2, ids("gone").0], &["s1"])).unwrap(),
            3,
        ),
    ];
    for (case, record, counted) in cases {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path(), 1 << 20).unwrap();
            // The sources the database knows: by their state or a document.
            for s in ["s1", "s3"] {
                store.put_source_state(s, &SourceState::default()).unwrap();
            }
            commit_as(&store, "s2", doc("other", 1, vec![claim("a", 1.0)]));
            store.timelines.insert("a", record).unwrap();
            store.source_ordinals.clear().unwrap();
            store.meta.remove(source_sets::META_NEXT_ORDINAL).unwrap();
            store.meta.insert(META_SCHEMA, &1u64.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = reopen(dir.path()).unwrap();
        let head = store.timelines.get("a").unwrap().unwrap();
        assert_eq!(head[0], records::RECORD_HEAD, "{case}: migrated");
        assert_eq!(count(&store, "a"), counted, "{case}");
        // A source the old head counted, then one it did not, then both again.
        let steps = [("s1", counted), ("s9", counted + 1), ("s2", counted + 1)];
        for (i, (source, want)) in steps.into_iter().enumerate() {
            let d = doc(&format!("u{i}"), i as u64 + 10, vec![claim("a", 2.0)]);
            commit_as(&store, source, d);
            assert_eq!(count(&store, "a"), want, "{case}: after {source}");
        }
        commit_as(&store, "s9", doc("u9", 99, vec![claim("a", 3.0)]));
        assert_eq!(count(&store, "a"), counted + 1, "{case}: s9 again");
        let t = store.timeline("a").unwrap().unwrap();
        assert_eq!(t.count, 5, "{case}");
        assert_eq!(
            t.points.iter().map(|p| p.value).collect::<Vec<_>>(),
            [2.0, 3.0],
            "{case}: the readers show the recent points"
        );
        assert!(problems(&store, dir.path()).is_empty(), "{case}");
    }
}

#[test]
fn a_historical_value_restated_by_its_page_is_recorded_once_in_either_head_layout() {
    for older_head in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        let dated = |value: f64, as_of: &str| Claim {
            as_of: chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").ok(),
            ..claim("a", value)
        };
        commit(&store, doc("u1", 1, vec![dated(100.0, "2025-06-01")]));
        let out = commit(&store, doc("u2", 2, vec![dated(90.0, "2024-06-01")]));
        assert_eq!(out.alerts[0].kind, AlertKind::Historical);
        if older_head {
            // The same head as the previous layout stored it, found by a
            // commit (as after an import into a running store).
            let t = store.timeline("a").unwrap().unwrap();
            let l = LegacyHead {
                key: t.key,
                subject: t.subject,
                unit: t.unit,
                baseline: t.baseline,
                points: t.points,
                current: t.current,
                count: t.count,
                sources: t.sources,
                source_ids: vec![u64::from(source_id("s"))],
                last_change: t.last_change,
            };
            store.timelines.insert("a", encode(&l).unwrap()).unwrap();
        }
        // u2 changes elsewhere but states the same older figure.
        let out = commit(&store, doc("u2", 3, vec![dated(90.0, "2024-06-01")]));
        assert!(out.alerts.is_empty(), "older head: {older_head}");
        assert_eq!(
            store.history("a").unwrap().len(),
            2,
            "older head: {older_head}"
        );
        let out = commit(&store, doc("u3", 4, vec![dated(90.0, "2024-06-01")]));
        assert_eq!(out.alerts.len(), 1, "another page is recorded");
        assert_eq!(count(&store, "a"), 1, "older head: {older_head}");
        assert!(problems(&store, dir.path()).is_empty());
    }
}

#[test]
fn retention_ages_the_marks_of_the_recent_points() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    let dated = |value: f64, as_of: &str| Claim {
        as_of: chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").ok(),
        ..claim("a", value)
    };
    commit(&store, doc("u1", 1, vec![dated(100.0, "2025-06-01")]));
    commit(&store, doc("u2", 2, vec![dated(90.0, "2024-06-01")]));
    store
        .apply_retention(Duration::days(365), Utc::now() + Duration::days(400))
        .unwrap();
    let t = store.timeline("a").unwrap().unwrap();
    assert_eq!(t.recent.len(), 1, "the old historical point's mark is gone");
    assert_eq!(t.latest().map(|p| p.value), Some(100.0));
    assert_eq!(store.history("a").unwrap().len(), 1);
    // As before, a value the head no longer remembers is recorded again.
    let out = commit(&store, doc("u2", 3, vec![dated(90.0, "2024-06-01")]));
    assert_eq!(out.alerts.len(), 1);
}

#[test]
fn the_schema_is_upgraded_from_older_and_newer_ones_are_refused() {
    // (schema found, Ok(schema after open) or Err(found))
    let cases: [(Option<u64>, Result<u64, u64>); 4] = [
        (None, Ok(SCHEMA_VERSION)),
        (Some(1), Ok(SCHEMA_VERSION)),
        (Some(SCHEMA_VERSION), Ok(SCHEMA_VERSION)),
        (Some(SCHEMA_VERSION + 1), Err(SCHEMA_VERSION + 1)),
    ];
    for (found, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        if let Some(v) = found {
            let store = Store::open(dir.path(), 1 << 20).unwrap();
            store.meta.insert(META_SCHEMA, &v.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let got = reopen(dir.path()).map(|s| {
            let v = s.meta.get(META_SCHEMA).unwrap().unwrap();
            u64::from_be_bytes(v.as_ref().try_into().unwrap())
        });
        match (got, want) {
            (Ok(v), Ok(w)) => assert_eq!(v, w, "{found:?}"),
            (Err(StoreError::Schema { found: f }), Err(w)) => assert_eq!(f, w),
            (got, _) => panic!("{found:?}: {:?}", got.map_err(|e| e.to_string())),
        }
    }
}

fn export(store: &Store) -> Vec<u8> {
    let mut buf = Vec::new();
    store.export(&mut buf).unwrap();
    buf
}

#[test]
fn an_export_round_trip_keeps_source_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a"), 1 << 20).unwrap();
    for (i, source) in ["s1", "s2", "s1", "s3"].into_iter().enumerate() {
        let d = doc(&format!("u{i}"), i as u64 + 1, vec![claim("a", 1.0)]);
        commit_as(&store, source, d);
    }
    let buf = export(&store);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&buf)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let head = lines.iter().find(|l| l["tree"] == "timelines").unwrap();
    assert_eq!(head["record"]["source_count"], 3);
    assert_eq!(
        head["record"]["source_ids"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(head["record"]["points"].as_array().map(Vec::len), Some(2));
    let ordinals: Vec<_> = lines
        .iter()
        .filter(|l| l["tree"] == "source_ordinals")
        .map(|l| {
            (
                l["record"]["source"].as_str(),
                l["record"]["ordinal"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        ordinals,
        [
            (Some("s1"), Some(0)),
            (Some("s2"), Some(1)),
            (Some("s3"), Some(2))
        ]
    );

    let other = Store::open(&dir.path().join("b"), 1 << 20).unwrap();
    other.import(&mut buf.as_slice(), false).unwrap();
    assert_eq!(count(&other, "a"), 3);
    for (i, (source, want)) in [("s2", 3), ("s4", 4)].into_iter().enumerate() {
        commit_as(
            &other,
            source,
            doc(&format!("v{i}"), 9 + i as u64, vec![claim("a", 1.0)]),
        );
        assert_eq!(count(&other, "a"), want, "after {source}");
    }
    assert!(problems(&other, dir.path()).is_empty());

    // An export of a newer schema is refused.
    let newer = format!(
        "{{\"tree\":\"meta\",\"key\":\"{}\",\"value\":\"{:016x}\"}}\n",
        META_SCHEMA
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
        SCHEMA_VERSION + 1
    );
    assert!(matches!(
        other.import(&mut newer.as_bytes(), true),
        Err(MaintainError::Store(StoreError::Schema { .. }))
    ));
}

#[test]
fn an_export_of_an_older_database_is_migrated_when_imported() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a"), 1 << 20).unwrap();
    commit_as(&store, "s1", doc("u1", 1, vec![claim("a", 1.0)]));
    commit_as(&store, "s2", doc("u2", 2, vec![claim("a", 1.0)]));
    // Make it the database an older release left.
    let l = LegacyHead {
        count: 2,
        ..legacy_head(vec![ids("s1").0, ids("s2").0], &["s1", "s2"])
    };
    store.timelines.insert("a", encode(&l).unwrap()).unwrap();
    store.source_ordinals.clear().unwrap();
    store.meta.remove(source_sets::META_NEXT_ORDINAL).unwrap();
    store.meta.insert(META_SCHEMA, &1u64.to_be_bytes()).unwrap();
    let old = export(&store);

    let other = Store::open(&dir.path().join("b"), 1 << 20).unwrap();
    other.import(&mut old.as_slice(), false).unwrap();
    assert_eq!(
        other.timelines.get("a").unwrap().unwrap()[0],
        records::RECORD_HEAD
    );
    assert_eq!(count(&other, "a"), 2);
    commit_as(&other, "s2", doc("u3", 3, vec![claim("a", 1.0)]));
    assert_eq!(count(&other, "a"), 2);
    let p = problems(&other, dir.path());
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn verify_flags_sources_without_ordinals_and_clashing_ordinals() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 1 << 20).unwrap();
    commit_as(&store, "s1", doc("u1", 1, vec![claim("a", 1.0)]));
    commit_as(&store, "s2", doc("u2", 2, vec![claim("a", 1.0)]));
    assert!(problems(&store, dir.path()).is_empty());
    store
        .source_ordinals
        .insert("s9", &1u32.to_be_bytes())
        .unwrap();
    store
        .source_ordinals
        .insert("s8", &7u32.to_be_bytes())
        .unwrap();
    let t = store.timeline("a").unwrap().unwrap();
    let mut set = SourceSet::default();
    set.insert(0);
    set.insert(5);
    store
        .timelines
        .insert("a", encode_head(&t, &set, 0).unwrap())
        .unwrap();
    assert_eq!(
        problems(&store, dir.path()),
        [
            "source s8 has ordinal 7, not below the next one (2)",
            "sources s2 and s9 share ordinal 1",
            "timeline a counts source ordinal 5, which no source has"
        ]
    );
}

#[test]
fn an_unreadable_head_does_not_stop_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path(), 1 << 20).unwrap();
        store.timelines.insert("bad", &[2, 0xff][..]).unwrap();
        let l = legacy_head(vec![ids("s1").0], &["s1"]);
        store.timelines.insert("a", encode(&l).unwrap()).unwrap();
        store
            .put_source_state("s1", &SourceState::default())
            .unwrap();
        store.meta.insert(META_SCHEMA, &1u64.to_be_bytes()).unwrap();
        store.flush().unwrap();
    }
    let store = reopen(dir.path()).unwrap();
    assert_eq!(
        store.timelines.get("a").unwrap().unwrap()[0],
        records::RECORD_HEAD
    );
    assert_eq!(
        store.timelines.get("bad").unwrap().unwrap().as_ref(),
        [2, 0xff]
    );
    assert!(store.timeline("bad").is_err());
}
