//! One test per timeline rule.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn d(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn claim(key: &str, value: f64, q: Qualifier, as_of: &str) -> Claim {
    Claim {
        subject: key.replace('.', " "),
        key: key.to_owned(),
        value,
        value_max: None,
        unit: "count".into(),
        qualifier: q,
        as_of: d(as_of),
        kind: ClaimKind::Actual,
        sentence: format!("{value} of {key}"),
    }
}

fn ctx<'a>(source: &'a str, url: &'a str) -> DocContext<'a> {
    DocContext {
        source,
        url,
        title: "t",
        now: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        is_baseline: false,
    }
}

fn apply(
    tl: &mut HashMap<String, Timeline>,
    c: &DocContext<'_>,
    claims: &[Claim],
    prev: Option<&[Claim]>,
) -> Vec<Alert> {
    let e = evaluate(c, claims, prev, tl);
    for t in e.timelines {
        tl.insert(t.key.clone(), t);
    }
    e.alerts
}

fn kinds(a: &[Alert]) -> Vec<AlertKind> {
    a.iter().map(|a| a.kind).collect()
}

#[test]
fn first_sighting_is_new() {
    let mut tl = HashMap::new();
    let a = apply(
        &mut tl,
        &ctx("s", "u1"),
        &[claim("schools", 10.0, Qualifier::Exact, "2025-01-01")],
        None,
    );
    assert_eq!(kinds(&a), [AlertKind::New]);
    assert_eq!(a[0].new, Some(10.0));
    assert_eq!(a[0].old, None);
}

#[test]
fn a_different_value_is_changed_with_delta_and_provenance() {
    let mut tl = HashMap::new();
    let base = DocContext {
        is_baseline: true,
        ..ctx("baseline", "b")
    };
    assert!(
        apply(
            &mut tl,
            &base,
            &[claim("projects", 38.0, Qualifier::Exact, "2019-12-08")],
            None
        )
        .is_empty()
    );
    let a = apply(
        &mut tl,
        &ctx("s", "u1"),
        &[claim("projects", 41.0, Qualifier::Exact, "2026-01-01")],
        None,
    );
    assert_eq!(kinds(&a), [AlertKind::Changed]);
    let a = &a[0];
    assert_eq!(
        (a.old, a.new, a.delta, a.baseline),
        (Some(38.0), Some(41.0), Some(3.0), Some(38.0))
    );
    assert_eq!(a.delta_pct, Some(7.89));
    assert_eq!(a.url, "u1");
    assert_eq!(a.old_url.as_deref(), Some("b"));
    assert!(a.sentence.contains("41"));
}

#[test]
fn a_consistent_restatement_is_restated_not_changed() {
    let mut tl = HashMap::new();
    apply(
        &mut tl,
        &ctx("s", "u1"),
        &[claim("investment", 25e9, Qualifier::Over, "2025-01-01")],
        None,
    );
    let a = apply(
        &mut tl,
        &ctx("t", "u2"),
        &[claim("investment", 25e9, Qualifier::Over, "2025-02-01")],
        None,
    );
    assert_eq!(kinds(&a), [AlertKind::Restated]);
}

#[test]
fn the_same_document_restating_itself_raises_nothing() {
    let mut tl = HashMap::new();
    let c = [claim("jobs", 5.0, Qualifier::Exact, "2025-01-01")];
    apply(&mut tl, &ctx("s", "u1"), &c, None);
    assert!(apply(&mut tl, &ctx("s", "u1"), &c, Some(&c)).is_empty());
}

#[test]
fn an_older_period_is_historical() {
    let mut tl = HashMap::new();
    apply(
        &mut tl,
        &ctx("s", "u1"),
        &[claim("users", 100.0, Qualifier::Exact, "2025-06-01")],
        None,
    );
    let a = apply(
        &mut tl,
        &ctx("s", "u2"),
        &[claim("users", 90.0, Qualifier::Exact, "2024-06-01")],
        None,
    );
    assert_eq!(kinds(&a), [AlertKind::Historical]);
    let t = &tl["users"];
    assert_eq!(
        t.latest().map(|p| p.value),
        Some(100.0),
        "a historical point never becomes current"
    );
    assert!(t.recent.iter().any(|m| m.is("u2", 90.0, d("2024-06-01"))));
}

#[test]
fn a_historical_value_is_recorded_once_per_document_that_states_it() {
    // (url, value, as_of) of a second statement of an older period, after
    // u2 stated 90 for 2024-06-01: points recorded for it.
    let cases = [
        ("u2", 90.0, "2024-06-01", 0),
        ("u3", 90.0, "2024-06-01", 1),
        ("u2", 91.0, "2024-06-01", 1),
        ("u2", 90.0, "2024-05-01", 1),
    ];
    for (url, value, as_of, recorded) in cases {
        let mut tl = HashMap::new();
        apply(
            &mut tl,
            &ctx("s", "u1"),
            &[claim("users", 100.0, Qualifier::Exact, "2025-06-01")],
            None,
        );
        apply(
            &mut tl,
            &ctx("s", "u2"),
            &[claim("users", 90.0, Qualifier::Exact, "2024-06-01")],
            None,
        );
        let e = evaluate(
            &ctx("s", url),
            &[claim("users", value, Qualifier::Exact, as_of)],
            None,
            &tl,
        );
        assert_eq!(e.appended.len(), recorded, "{url} {value} {as_of}");
        assert_eq!(e.alerts.len(), recorded, "{url} {value} {as_of}");
    }
}

#[test]
fn two_sources_disagreeing_on_one_period_conflict() {
    let mut tl = HashMap::new();
    apply(
        &mut tl,
        &ctx("s", "u1"),
        &[claim("users", 100.0, Qualifier::Exact, "2025-06-01")],
        None,
    );
    let a = apply(
        &mut tl,
        &ctx("t", "u2"),
        &[claim("users", 104.0, Qualifier::Exact, "2025-06-01")],
        None,
    );
    assert_eq!(kinds(&a), [AlertKind::Conflict]);
    assert_eq!((a[0].old, a[0].new), (Some(100.0), Some(104.0)));
}

#[test]
fn a_claim_gone_from_the_same_url_is_dropped() {
    let mut tl = HashMap::new();
    let v1 = [
        claim("users", 100.0, Qualifier::Exact, "2025-06-01"),
        claim("towers", 7.0, Qualifier::Exact, "2025-06-01"),
    ];
    apply(&mut tl, &ctx("s", "u1"), &v1, None);
    let v2 = [claim("users", 100.0, Qualifier::Exact, "2025-06-01")];
    let a = apply(&mut tl, &ctx("s", "u1"), &v2, Some(&v1));
    assert_eq!(kinds(&a), [AlertKind::Dropped]);
    assert_eq!((a[0].old, a[0].new), (Some(7.0), None));
}

#[test]
fn baselines_seed_without_alerts() {
    let mut tl = HashMap::new();
    let base = DocContext {
        is_baseline: true,
        ..ctx("baseline", "b")
    };
    let a = apply(
        &mut tl,
        &base,
        &[claim("projects", 38.0, Qualifier::Exact, "2019-12-08")],
        None,
    );
    assert!(a.is_empty());
    assert_eq!(tl["projects"].baseline, Some(38.0));
}

#[test]
fn the_head_keeps_recent_points_and_logs_every_point() {
    let mut tl = HashMap::new();
    let mut logged = Vec::new();
    for i in 0..(RECENT_POINTS + 20) {
        let url = format!("u{i}");
        let c = ctx("s", &url);
        let e = evaluate(
            &c,
            &[claim("n", i as f64, Qualifier::Exact, "2025-01-01")],
            None,
            &tl,
        );
        logged.extend(
            e.appended
                .iter()
                .map(|(k, seq, p)| (k.clone(), *seq, p.value)),
        );
        for t in e.timelines {
            tl.insert(t.key.clone(), t);
        }
    }
    let t = &tl["n"];
    assert_eq!(t.recent.len(), RECENT_POINTS);
    assert!(t.points.is_empty(), "the points are the history log's");
    assert_eq!(t.count, (RECENT_POINTS + 20) as u64);
    assert_eq!(
        t.latest().map(|p| p.value),
        Some((RECENT_POINTS + 19) as f64)
    );
    let seqs: Vec<u64> = logged.iter().map(|l| l.1).collect();
    assert_eq!(
        seqs,
        (0..(RECENT_POINTS + 20) as u64).collect::<Vec<_>>(),
        "one log entry per point, in order"
    );
    assert_eq!(t.source_count(), 1);
}

#[test]
fn the_head_names_its_first_sources_and_remembers_when_the_value_last_moved() {
    let mut tl = HashMap::new();
    let day = |n: u32| Utc.with_ymd_and_hms(2026, 1, n, 0, 0, 0).unwrap();
    for i in 0..20u32 {
        let (src, url) = (format!("s{i}"), format!("u{i}"));
        let mut c = ctx(&src, &url);
        c.now = day(i + 1);
        // The value moves on the 6th document and then holds.
        let v = if i < 5 { 10.0 } else { 12.0 };
        apply(
            &mut tl,
            &c,
            &[claim("n", v, Qualifier::Exact, "2025-01-01")],
            None,
        );
    }
    let t = &tl["n"];
    assert_eq!(
        t.sources,
        (0..8).map(|i| format!("s{i}")).collect::<Vec<_>>()
    );
    assert_eq!(t.last_change, Some(day(6)));
}

#[test]
fn the_source_count_is_the_stores_count_or_what_the_lists_show() {
    let mut t = Timeline::start("k", "k", "count", None);
    // (counted by the store, listed ids, names): source_count()
    let cases = [
        (0, 0, 0, 0),
        (5, 0, 2, 5),
        (0, 3, 2, 3),
        (0, 0, 4, 4),
        (300, 256, 8, 300),
    ];
    for (counted, ids, names, want) in cases {
        t.source_count = counted;
        t.source_ids = (0..ids).collect();
        t.sources = (0..names).map(|i| format!("s{i}")).collect();
        assert_eq!(t.source_count(), want, "{counted} {ids} {names}");
    }
}

/// What `claimwatch diff` would not call one quantity is neither alerted nor
/// recorded, so the timeline's next change still starts from its last value.
#[test]
fn a_figure_that_cannot_be_the_quantity_is_skipped() {
    let plan = |key: &str, v: f64| Claim {
        kind: ClaimKind::Target,
        sentence: format!("The firm plans to add {v} {key}."),
        ..claim(key, v, Qualifier::Exact, "2026-01-01")
    };
    let cases: &[(&str, Claim)] = &[
        (
            "ten times apart",
            claim("trainset", 6.0, Qualifier::Exact, "2026-01-01"),
        ),
        ("a plan against a fact", plan("trainset", 70.0)),
    ];
    for (label, odd) in cases {
        let mut tl = HashMap::new();
        let key = odd.key.clone();
        apply(
            &mut tl,
            &ctx("s", "u0"),
            &[claim(&key, 64.0, Qualifier::Exact, "2025-12-01")],
            None,
        );
        let a = apply(&mut tl, &ctx("s", "u1"), std::slice::from_ref(odd), None);
        assert!(a.is_empty(), "{label}: {a:?}");
        assert_eq!(tl[&key].latest().map(|p| p.value), Some(64.0), "{label}");
        let a = apply(
            &mut tl,
            &ctx("s", "u2"),
            &[claim(&key, 68.0, Qualifier::Exact, "2026-02-01")],
            None,
        );
        assert_eq!(kinds(&a), [AlertKind::Changed], "{label}");
        assert_eq!((a[0].old, a[0].new), (Some(64.0), Some(68.0)), "{label}");
    }
    // A figure without a subject is never a change, only a restatement.
    let mut tl = HashMap::new();
    let none = |v: f64, url: &str, tl: &mut HashMap<String, Timeline>| {
        apply(
            tl,
            &ctx("s", url),
            &[claim("quantity|PKR", v, Qualifier::Exact, "2026-01-01")],
            None,
        )
    };
    none(2.5e9, "u0", &mut tl);
    assert!(none(1.2e9, "u1", &mut tl).is_empty());
    assert_eq!(kinds(&none(2.5e9, "u2", &mut tl)), [AlertKind::Restated]);
    // A zero says nothing about the ratio: it changes like any value.
    let mut tl = HashMap::new();
    apply(
        &mut tl,
        &ctx("s", "u0"),
        &[claim("death", 0.0, Qualifier::Exact, "2025-12-01")],
        None,
    );
    let a = apply(
        &mut tl,
        &ctx("s", "u1"),
        &[claim("death", 3.0, Qualifier::Exact, "2026-01-01")],
        None,
    );
    assert_eq!(kinds(&a), [AlertKind::Changed]);
}

/// A page that restates undated a figure its previous version dated long
/// before the quantity's current point ("the 860,000 tickets sold by her
/// previous film", dated 2019 there) raises no change, and the quantity
/// keeps its current value.
#[test]
fn an_undated_restatement_of_a_historical_figure_is_no_change() {
    let mut tl = HashMap::new();
    let v1 = [
        claim("tickets", 1_380_000.0, Qualifier::Exact, "2024-11-28"),
        claim("tickets", 860_000.0, Qualifier::Exact, "2019-12-31"),
    ];
    apply(&mut tl, &ctx("s", "u1"), &v1, None);
    let v2 = [claim("tickets", 860_000.0, Qualifier::Exact, "2025-01-09")];
    let a = apply(&mut tl, &ctx("s", "u1"), &v2, Some(&v1));
    assert!(!kinds(&a).contains(&AlertKind::Changed), "{a:?}");
    assert_eq!(tl["tickets"].latest().map(|p| p.value), Some(1_380_000.0));
    // Another page stating the figure has no such history: a change.
    let a = apply(&mut tl, &ctx("s", "u2"), &v2, None);
    assert_eq!(kinds(&a), [AlertKind::Changed]);
}
