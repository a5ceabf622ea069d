//! Bench: claims extraction throughput (MiB/s of plain text, one core) on
//! about 1 MB of generated news-like text, on the claims dev set's plain
//! texts (`../shared/claims-eval/dev/*.txt`) and on the text our extractor
//! reads from the dev set's HTML pages, when that set is present.
//! Target: at least 20 MB/s. Run with `cargo bench --bench claims`.

mod common;

use std::hint::black_box;

use claimwatch::claims::{Lexicon, extract_claims};
use claimwatch::extract::{ExtractOptions, extract_html};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench_texts(c: &mut Criterion, name: &str, texts: &[String], lexicon: &Lexicon) {
    if texts.is_empty() {
        eprintln!("bench claims: {name}: no input, skipped");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("claims");
    g.throughput(Throughput::ElementsAndBytes {
        elements: texts.len() as u64,
        bytes: bytes as u64,
    });
    g.bench_function(name, |b| {
        b.iter(|| {
            for t in texts {
                black_box(extract_claims(black_box(t), None, lexicon));
            }
        });
    });
    g.finish();
}

fn claims(c: &mut Criterion) {
    let lexicon = Lexicon::default();

    let generated = common::news_text(1 << 20, 42);
    let n = extract_claims(&generated, None, &lexicon).len();
    eprintln!(
        "bench claims: generated text {:.2} MB, {n} claims",
        generated.len() as f64 / 1e6
    );
    bench_texts(c, "generated_1mb", &[generated], &lexicon);

    let dev_txt: Vec<String> = common::dev_documents("txt")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    bench_texts(c, "dev_txt", &dev_txt, &lexicon);

    let opts = ExtractOptions::default();
    let dev_html_text: Vec<String> = common::dev_documents("html")
        .into_iter()
        .map(|(_, h)| extract_html(&h, &opts).text)
        .collect();
    bench_texts(c, "dev_html_extracted_text", &dev_html_text, &lexicon);
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = claims
}
criterion_main!(benches);
