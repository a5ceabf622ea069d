//! Throughput check of claim extraction on plain text (run with
//! `cargo test --release --test claims_speed -- --ignored --nocapture`).

use std::time::Instant;

use claimwatch::claims::{Lexicon, extract_claims};

/// A news-like article: about one figure per 250 bytes, as in wire copy.
const ARTICLE: &str = "ISLAMABAD: The regulator said on Monday that mobile subscriptions rose to 201.3 million at the \
end of March, up 1.2 million from a month earlier, as operators expanded coverage in rural districts and \
cut the price of entry-level bundles.\n\n\
Broadband users numbered 146m, a penetration rate of 59.1 per cent, while fixed-line connections stood at \
2.9 million. The authority said demand for data had grown steadily since the start of the year, driven by \
video streaming, online classes and the spread of digital payments in smaller towns.\n\n\
Officials said 14 of the 40 planned projects, worth roughly $9.5bn, have been completed, and another 12 are \
under construction. The remaining schemes are at various stages of approval, and the ministry expects the \
pace of work to pick up once the monsoon season ends and contractors return to the sites.\n\n\
The minister told reporters in Karachi that the programme would create 250,000 jobs by 2030. He added that \
the government was talking to several foreign lenders about financing for the next phase, but declined to \
name them or to say when an agreement might be signed.\n\n\
Traffic on the new motorway has grown steadily since it opened, and the authority expects to finish the \
second section next year. Residents of nearby villages have complained about noise and dust, and local \
officials have promised to plant trees along the route and to build service roads for farmers.\n\n\
Analysts noted that the currency weakened against the dollar during the week while the stock index closed \
higher on Friday afternoon, helped by buying in banking and energy shares after the central bank left its \
policy rate unchanged at its latest meeting.\n\n";

#[test]
#[ignore = "throughput measurement, run on demand in release mode"]
fn throughput() {
    let text: String = ARTICLE.repeat(8_000);
    let lexicon = Lexicon::default();
    let start = Instant::now();
    let published = chrono::NaiveDate::from_ymd_opt(2024, 4, 2);
    let n = extract_claims(&text, published, &lexicon).len();
    let secs = start.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!("{mb:.1} MB, {n} claims, {secs:.2} s, {:.1} MB/s", mb / secs);
}
