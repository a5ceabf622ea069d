//! Timeline head records: the compact layout round-trips exactly, older
//! layouts read with the sources they counted, and source sets take the
//! shorter of their two forms.

use chrono::{TimeZone, Utc};

use super::*;
use crate::store::records::{encode, encode_json};

fn point(url: &str, value: f64, source: &str) -> TimelinePoint {
    TimelinePoint {
        value,
        qualifier: Qualifier::Over,
        kind: ClaimKind::Target,
        as_of: NaiveDate::from_ymd_opt(2025, 6, 30),
        // Nanoseconds, as `Utc::now()` gives them, must survive.
        seen: Utc.timestamp_opt(1_767_225_600, 123_456_789).unwrap(),
        source: source.into(),
        url: url.into(),
        title: "Title".into(),
        sentence: format!("Over {value} “projects”."),
        historical: false,
    }
}

fn legacy(source_ids: Vec<u64>, sources: &[&str]) -> LegacyHead {
    let (a, b) = (point("u1", 38.0, "s1"), point("u2", 41.0, "s2"));
    LegacyHead {
        key: "projects|count".into(),
        subject: "projects".into(),
        unit: "count".into(),
        baseline: Some(30.0),
        points: vec![a, b.clone()],
        current: Some(b),
        count: 7,
        sources: sources.iter().map(|s| (*s).to_owned()).collect(),
        source_ids,
        last_change: Some(Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()),
    }
}

/// The 32-bit id and the full 64-bit hash older heads kept for `s`.
fn ids(s: &str) -> (u64, u64) {
    let h = xxhash_rust::xxh3::xxh3_64(s.as_bytes());
    (h >> 32, h)
}

fn set(ordinals: &[u32]) -> SourceSet {
    let mut s = SourceSet::default();
    for &o in ordinals {
        s.insert(o);
    }
    s
}

#[test]
fn a_compact_head_round_trips_exactly_and_is_small() {
    let head = decode_head(
        b"projects|count",
        &encode(&legacy(vec![], &["s1"])).unwrap(),
    )
    .unwrap()
    .timeline;
    // (sources' ordinals, unnamed sources)
    let cases: [(&[u32], u32); 4] = [(&[], 0), (&[0], 0), (&[3, 17, 400], 2), (&[0, 1, 2, 3], 0)];
    for (ordinals, unnamed) in cases {
        let bytes = encode_head(&head, &set(ordinals), unnamed).unwrap();
        assert_eq!(bytes[0], RECORD_HEAD);
        let back = decode_head(b"projects|count", &bytes).unwrap();
        assert_eq!(
            (back.set.iter().collect::<Vec<_>>(), back.unnamed),
            (ordinals.to_vec(), unnamed)
        );
        assert_eq!(back.legacy, None);
        let mut want = head.clone();
        want.points.clear();
        want.source_ids.clear();
        want.source_count = (ordinals.len() as u32 + unnamed).into();
        assert_eq!(back.timeline, want);
        assert!(bytes.len() < 250, "{} bytes", bytes.len());
    }
}

#[test]
fn a_source_set_is_stored_as_a_bitmap_or_a_list_whichever_is_shorter() {
    let t = decode_head(b"k", &encode(&legacy(vec![], &["s1"])).unwrap())
        .unwrap()
        .timeline;
    let size = |ordinals: &[u32]| encode_head(&t, &set(ordinals), 0).unwrap().len();
    let empty = size(&[]);
    let all: Vec<u32> = (0..1000).collect();
    // (ordinals, bytes the set takes beyond an empty one's)
    let cases: [(&[u32], usize); 4] = [
        (&[5], 1),
        (&[999], 2),
        (&all, 125),
        (&[0, 8, 16, 24, 32, 40, 48, 56, 64], 9),
    ];
    for (ordinals, extra) in cases {
        assert_eq!(
            size(ordinals) - empty,
            extra,
            "{:?}",
            &ordinals[..ordinals.len().min(9)]
        );
    }
    let mut s = set(&[2, 9]);
    assert!(!s.insert(9) && s.insert(10));
    assert_eq!((s.len(), s.iter().collect::<Vec<_>>()), (3, vec![2, 9, 10]));
}

#[test]
fn heads_of_older_layouts_read_with_the_sources_they_counted() {
    let (s1, s1_full) = ids("s1");
    let (s2, s2_full) = ids("s2");
    let (s3, _) = ids("s3");
    let early = |sources: &[&str]| {
        let l = legacy(vec![], sources);
        EarlyHead {
            key: l.key,
            subject: l.subject,
            unit: l.unit,
            baseline: l.baseline,
            points: l.points,
            current: l.current,
            count: l.count,
            sources: l.sources,
        }
    };
    // (case, record, source ids expected in the tree)
    let cases: Vec<(&str, Vec<u8>, Vec<u64>)> = vec![
        (
            "postcard, 32-bit ids",
            encode(&legacy(vec![s1, s2], &["s1", "s2"])).unwrap(),
            vec![s1, s2],
        ),
        (
            "postcard, 64-bit hashes",
            encode(&legacy(vec![s1_full, s2_full, ids("s3").1], &["s1"])).unwrap(),
            vec![s1, s2, s3],
        ),
        (
            "JSON, mixed ids",
            encode_json(&legacy(vec![s1_full, s2], &["s1", "s2"])),
            vec![s1, s2],
        ),
        (
            "JSON, names only",
            encode_json(&legacy(vec![], &["s1", "s2", "s3"])),
            vec![s1, s2, s3],
        ),
        (
            "first postcard layout",
            encode(&early(&["s2", "s1"])).unwrap(),
            vec![s1, s2],
        ),
    ];
    for (case, bytes, want) in cases {
        let h = decode_head(b"ignored", &bytes).unwrap_or_else(|e| panic!("{case}: {e}"));
        let mut want: Vec<u32> = want.into_iter().map(|id| id as u32).collect();
        want.sort_unstable();
        assert_eq!(h.legacy.as_deref(), Some(want.as_slice()), "{case}");
        let t = &h.timeline;
        assert_eq!(t.source_count(), want.len(), "{case}");
        assert_eq!((t.key.as_str(), t.count), ("projects|count", 7), "{case}");
        assert_eq!(t.points.len(), 2, "{case}: an older head keeps its points");
        assert!(t.recent[1].is("u2", 41.0, NaiveDate::from_ymd_opt(2025, 6, 30)));
        assert_eq!(t.latest().map(|p| p.value), Some(41.0), "{case}");
    }
}

/// A version-2 head as the previous release wrote it (its page URLs
/// replaced by others of the same length).
const V2_HEAD: &[&str] = &[
    "02156578706f72747c5553447c666976652d6d6f6e746811666976652d6d6f6e7468206578706f727403555344000200",
    "000044e37116420000010a323032352d30352d31311e323032362d31312d32395431353a35383a35312e353736393935",
    "3934365a067030303030312368747470733a2f2f6578616d706c652e6f72672f6e6577732f30303030302e68746d6c32",
    "4e6574776f726b20436f6d70616e7920506f6c6963792052756c696e6720436974792053757276657920436170616369",
    "7479424578706f72747320726f73652032392e342520746f202432342e312062696c6c696f6e20696e20746865206669",
    "7273742035206d6f6e746873206f6620323032312e0000000041cd2334420000010a323032342d30332d30361e323032",
    "362d31312d32395431353a35383a35312e3537373038393531305a067030303030342368747470733a2f2f6578616d70",
    "6c652e6f72672f6e6577732f30303030332e68746d6c534167656e637920416e616c7973747320436170616369747920",
    "496e6672617374727563747572652053757276657920527572616c20436170616369747920456c656374696f6e20506c",
    "616e2051756172746572424578706f72747320726f73652033332e372520746f202438362e352062696c6c696f6e2069",
    "6e207468652066697273742035206d6f6e746873206f6620323032322e010100000044e37116420000010a323032352d",
    "30352d31311e323032362d31312d32395431353a35383a35312e3537363939353934365a067030303030312368747470",
    "733a2f2f6578616d706c652e6f72672f6e6577732f30303030302e68746d6c324e6574776f726b20436f6d70616e7920",
    "506f6c6963792052756c696e67204369747920537572766579204361706163697479424578706f72747320726f736520",
    "32392e342520746f202432342e312062696c6c696f6e20696e207468652066697273742035206d6f6e746873206f6620",
    "323032312e000202067030303030310670303030303402b09fed890cb0acbe2a00",
];

#[test]
fn a_head_the_previous_release_wrote_reads_and_shrinks() {
    let hex: String = V2_HEAD.concat();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    let h = decode_head(b"ignored", &bytes).unwrap();
    assert_eq!(h.legacy.as_deref(), Some(&[89_101_872, 3_241_889_712][..]));
    let t = &h.timeline;
    assert_eq!(
        (t.key.as_str(), t.subject.as_str(), t.unit.as_str()),
        ("export|USD|five-month", "five-month export", "USD")
    );
    assert_eq!((t.count, t.source_count(), t.sources.len()), (2, 2, 2));
    let urls: Vec<&str> = t.points.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/news/00000.html",
            "https://example.org/news/00003.html"
        ]
    );
    let current = t.current.as_ref().unwrap();
    assert_eq!((current.value, current.url.as_str()), (24.1e9, urls[0]));
    let compact = encode_head(t, &set(&[0, 1]), 0).unwrap();
    let back = decode_head(b"export|USD|five-month", &compact)
        .unwrap()
        .timeline;
    assert_eq!(
        (back.current.as_ref(), back.source_count),
        (Some(current), 2)
    );
    assert_eq!(back.recent, t.recent);
    assert!(
        compact.len() * 2 < bytes.len(),
        "{} bytes, from {}",
        compact.len(),
        bytes.len()
    );
}

#[test]
fn a_head_of_the_oldest_layout_keeps_its_newest_point_as_current() {
    let mut l = legacy(vec![], &["s1"]);
    l.current = None;
    let t = decode_head(b"k", &encode_json(&l)).unwrap().timeline;
    let back = decode_head(b"k", &encode_head(&t, &set(&[0]), 0).unwrap())
        .unwrap()
        .timeline;
    assert_eq!(back.current.map(|p| p.value), Some(41.0));
}

#[test]
fn bad_head_records_are_errors_not_panics() {
    let good = encode_head(
        &decode_head(b"k", &encode(&legacy(vec![], &["s1"])).unwrap())
            .unwrap()
            .timeline,
        &set(&[1]),
        0,
    )
    .unwrap();
    let cases: [(&[u8], &str); 4] = [
        (&[], "unknown encoding version 0"),
        (&[9, 1], "unknown encoding version 9"),
        (&good[..good.len() / 2], "encoding error"),
        (&[RECORD_POSTCARD, 1], "encoding error"),
    ];
    for (bytes, want) in cases {
        let e = decode_head(b"k", bytes).unwrap_err().to_string();
        assert!(e.contains(want), "{e}");
    }
}

#[test]
fn source_ids_of_either_width_are_the_same_source() {
    let (short, full) = ids("s1");
    assert_eq!(legacy_id(short), source_id("s1"));
    assert_eq!(legacy_id(full), source_id("s1"));
}
