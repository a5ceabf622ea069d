//! Bench: the steps after claims extraction — `diff_claims` on two realistic
//! claim lists, `timeline::evaluate` of a document against existing
//! timelines, and one `Store::commit_document` transaction on a temporary
//! sled database (a first-seen document, and a changed one with and
//! without a flush). Claim lists come from
//! generated news text, and from the dev-set pair 009 → 013
//! (`../shared/claims-eval/dev`) when present.
//! Run with `cargo bench --bench pipeline`.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use chrono::Utc;
use claimwatch::claims::{Claim, Lexicon, extract_claims};
use claimwatch::diff::{DocContext, Timeline, diff_claims, evaluate};
use claimwatch::extract::{ExtractOptions, extract_document};
use claimwatch::store::{DocumentRecord, NewDocument, Store};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// An old/new pair of claim lists for the same quantities: the new list
/// changes about a third of the values, drops a few claims and adds some.
fn generated_pair() -> (Vec<Claim>, Vec<Claim>) {
    let lexicon = Lexicon::default();
    let old = extract_claims(&common::news_text(24_000, 1), None, &lexicon);
    let extra = extract_claims(&common::news_text(4_000, 2), None, &lexicon);
    let mut new: Vec<Claim> = old
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 11 != 5)
        .map(|(i, c)| {
            let mut c = c.clone();
            if i % 3 == 0 {
                c.value = (c.value * 1.07).round();
            }
            c
        })
        .collect();
    new.extend(extra);
    (old, new)
}

/// Claims of the dev-set pair with the most labelled changes (009.txt →
/// 013.html), if the set is present.
fn dev_pair() -> Option<(Vec<Claim>, Vec<Claim>)> {
    let mut docs = common::dev_documents("txt");
    docs.extend(common::dev_documents("html"));
    let find = |name: &str| {
        docs.iter()
            .find(|(n, _)| n == name)
            .map(|(n, t)| (n.ends_with(".html"), t))
    };
    let (old, new) = (find("009.txt")?, find("013.html")?);
    let lexicon = Lexicon::default();
    let opts = ExtractOptions::default();
    let claims_of = |(is_html, content): (bool, &String)| {
        let a = extract_document(content, Some(is_html), &opts);
        extract_claims(&a.text, a.published, &lexicon)
    };
    Some((claims_of(old), claims_of(new)))
}

fn ctx<'a>(url: &'a str, is_baseline: bool) -> DocContext<'a> {
    DocContext {
        source: "bench",
        url,
        title: "Corridor progress report",
        now: Utc::now(),
        is_baseline,
    }
}

/// The timelines the old claims leave behind when seeded as a baseline.
fn timelines_after(old: &[Claim]) -> HashMap<String, Timeline> {
    evaluate(
        &ctx("https://example.org/old", true),
        old,
        None,
        &HashMap::new(),
    )
    .timelines
    .into_iter()
    .map(|t| (t.key.clone(), t))
    .collect()
}

fn diff_and_timeline(c: &mut Criterion) {
    let mut pairs = vec![("generated", generated_pair())];
    if let Some(p) = dev_pair() {
        pairs.push(("dev_009_013", p));
    }
    let mut g = c.benchmark_group("diff");
    for (name, (old, new)) in &pairs {
        eprintln!(
            "bench pipeline: {name}: {} old claims, {} new claims",
            old.len(),
            new.len()
        );
        g.throughput(Throughput::Elements((old.len() + new.len()) as u64));
        g.bench_function(format!("diff_claims/{name}"), |b| {
            b.iter(|| black_box(diff_claims(black_box(old), black_box(new))));
        });
        let timelines = timelines_after(old);
        let url = "https://example.org/new";
        g.throughput(Throughput::Elements(new.len() as u64));
        g.bench_function(format!("timeline_evaluate/{name}"), |b| {
            b.iter(|| {
                black_box(evaluate(
                    &ctx(url, false),
                    black_box(new),
                    Some(old),
                    &timelines,
                ))
            });
        });
    }
    g.finish();
}

fn record(url: &str, hash: u64, claims: Vec<Claim>) -> DocumentRecord {
    let now = Utc::now();
    DocumentRecord {
        url: url.into(),
        source: "bench".into(),
        title: "Corridor progress report".into(),
        published: None,
        raw_hash: hash,
        text_hash: hash,
        first_seen: now,
        last_changed: now,
        last_checked: Some(now),
        claims,
        etag: None,
        last_modified: None,
        baseline: false,
    }
}

/// The claims with every key made unique to round `n`, so each round
/// starts timelines of its own.
fn with_suffix(claims: &[Claim], n: usize) -> Vec<Claim> {
    claims
        .iter()
        .map(|c| Claim {
            key: format!("{}#{n}", c.key),
            ..c.clone()
        })
        .collect()
}

fn store_commit(c: &mut Criterion) {
    // An article-sized document (about 5 KB of text) in two versions.
    let lexicon = Lexicon::default();
    let texts = [common::news_text(5_000, 11), common::news_text(5_000, 12)];
    let old = extract_claims(&texts[0], None, &lexicon);
    let mut new = old.clone();
    for (i, c) in new.iter_mut().enumerate() {
        if i % 3 == 0 {
            c.value = (c.value * 1.07).round();
        }
    }
    eprintln!("bench pipeline: store document {} claims", old.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), 16 << 20).expect("open store");
    let mut g = c.benchmark_group("store");
    g.throughput(Throughput::Elements(1));

    // A URL and quantities never seen before: every claim starts a
    // timeline and raises a `new` alert.
    let mut round = 0usize;
    g.bench_function("commit_document/first_seen", |b| {
        b.iter_batched(
            || {
                round += 1;
                let url = format!("https://example.org/first/{round}");
                (
                    url.clone(),
                    record(&url, round as u64, with_suffix(&old, round)),
                )
            },
            |(url, rec)| {
                let doc = NewDocument {
                    record: rec,
                    text: &texts[0],
                };
                black_box(
                    store
                        .commit_document(&doc, &ctx(&url, false), &|_| true)
                        .expect("commit"),
                )
            },
            BatchSize::SmallInput,
        );
    });

    // One URL whose text alternates between two versions: every commit
    // changes the text, extends each timeline and raises `changed` alerts.
    // After warm-up the timelines sit at their point cap (long-lived
    // quantities). `_and_flush` adds a durable flush.
    let url = "https://example.org/story";
    let versions = [record(url, 1, old.clone()), record(url, 2, new)];
    for flush in [false, true] {
        let mut turn = 0usize;
        let name = if flush {
            "commit_document/changed_and_flush"
        } else {
            "commit_document/changed"
        };
        g.bench_function(name, |b| {
            b.iter_batched(
                || {
                    turn += 1;
                    turn % 2
                },
                |i| {
                    let doc = NewDocument {
                        record: versions[i].clone(),
                        text: &texts[i],
                    };
                    let out = store
                        .commit_document(&doc, &ctx(url, false), &|_| true)
                        .expect("commit");
                    if flush {
                        store.flush().expect("flush");
                    }
                    black_box(out)
                },
                BatchSize::SmallInput,
            );
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = diff_and_timeline, store_commit
}
criterion_main!(benches);
