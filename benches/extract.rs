//! Bench: article extraction throughput (pages/s and MiB/s of decoded HTML)
//! over the extraction benchmark's pages, beside a parse-only baseline
//! (`scraper::Html::parse_document` alone) and the full pipeline
//! (extract + claims), so the cost above html5ever parsing can be read.
//!
//! Pages come from `$CLAIMWATCH_BENCH_PAGES` or
//! `../shared/extraction-bench/data/html/*.html.gz` (relative to the crate
//! root); when neither has pages, generated news pages are used. Run with
//! `cargo bench --bench extract`. One iteration processes every page once.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimwatch::claims::{Lexicon, extract_claims};
use claimwatch::extract::{ExtractOptions, extract_html};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// Times parse-only, extract and full pipeline page by page, in rotating
/// order, so a load change on a shared machine hits all three alike; prints
/// the ratios to parse-only (criterion's separate runs can drift apart).
fn interleaved_ratios(pages: &[(String, String)], opts: &ExtractOptions, lexicon: &Lexicon) {
    let steps: [&dyn Fn(&str); 3] = [
        &|html| drop(black_box(scraper::Html::parse_document(html))),
        &|html| drop(black_box(extract_html(html, opts))),
        &|html| {
            let a = extract_html(html, opts);
            black_box(extract_claims(&a.text, a.published, lexicon));
        },
    ];
    let mut total = [Duration::ZERO; 3];
    for round in 0..2 {
        for (n, (_, html)) in pages.iter().enumerate() {
            for k in 0..steps.len() {
                let k = (k + n + round) % steps.len();
                let t = Instant::now();
                steps[k](black_box(html));
                total[k] += t.elapsed();
            }
        }
    }
    let [parse, extract, full] = total.map(|d| d.as_secs_f64());
    eprintln!(
        "bench extract: interleaved, 2 rounds: parse-only {parse:.2}s, extract {extract:.2}s \
         ({:.2}x parse-only), full pipeline {full:.2}s ({:.2}x parse-only; target <= 1.5)",
        extract / parse,
        full / parse
    );
}

fn corpus(c: &mut Criterion) {
    let (pages, origin) = common::bench_pages();
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    eprintln!(
        "bench extract: {} pages ({origin:?}), {:.1} MB decoded",
        pages.len(),
        bytes as f64 / 1e6
    );
    let opts = ExtractOptions::default();
    let lexicon = Lexicon::default();
    interleaved_ratios(&pages, &opts, &lexicon);

    let mut g = c.benchmark_group("extract_corpus");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(24))
        .throughput(Throughput::ElementsAndBytes {
            elements: pages.len() as u64,
            bytes: bytes as u64,
        });
    g.bench_function("parse_only", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                black_box(scraper::Html::parse_document(black_box(html)));
            }
        });
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                black_box(extract_html(black_box(html), &opts));
            }
        });
    });
    g.bench_function("full_pipeline", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                let article = extract_html(black_box(html), &opts);
                black_box(extract_claims(&article.text, article.published, &lexicon));
            }
        });
    });
    g.finish();
}

fn synthetic_page(c: &mut Criterion) {
    // One generated 120 KB news page with heavy boilerplate: a stable figure
    // that does not depend on the shared data being present.
    let html = common::news_page(7, 120);
    let opts = ExtractOptions::default();
    let lexicon = Lexicon::default();
    let mut g = c.benchmark_group("extract_synthetic_page");
    g.throughput(Throughput::ElementsAndBytes {
        elements: 1,
        bytes: html.len() as u64,
    });
    g.bench_function("parse_only", |b| {
        b.iter(|| black_box(scraper::Html::parse_document(black_box(&html))));
    });
    g.bench_function("extract", |b| {
        b.iter(|| black_box(extract_html(black_box(&html), &opts)));
    });
    g.bench_function("full_pipeline", |b| {
        b.iter(|| {
            let article = extract_html(black_box(&html), &opts);
            black_box(extract_claims(&article.text, article.published, &lexicon))
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = corpus, synthetic_page
}
criterion_main!(benches);
