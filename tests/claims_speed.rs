//! Throughput check of claim extraction on plain text (run with
//! `cargo test --release --test claims_speed -- --ignored --nocapture`).

use std::time::Instant;

use claimwatch::claims::{Lexicon, extract_claims};

const ARTICLE: &str = "ISLAMABAD: The regulator said on Monday that mobile subscriptions rose to 201.3 million at the end of March, up 1.2 million from a month earlier.\n\n\
Broadband users numbered 146m, a penetration rate of 59.1 per cent, while fixed-line connections stood at 2.9 million.\n\n\
Officials said 14 of the 40 planned projects, worth roughly $9.5bn, have been completed, and another 12 are under construction.\n\n\
The minister told reporters in Karachi that the programme would create 250,000 jobs by 2030 and that Rs 18 crore 87 lakh had been released.\n\n\
Traffic on the new motorway has grown steadily since it opened in 2019, and the authority expects to finish the second section next year.\n\n\
Analysts noted that the currency weakened against the dollar during the week while the stock index closed higher on Friday afternoon.\n\n";

#[test]
#[ignore = "throughput measurement, run on demand in release mode"]
fn throughput() {
    let text: String = ARTICLE.repeat(20_000);
    let lexicon = Lexicon::default();
    let start = Instant::now();
    let n = extract_claims(&text, None, &lexicon).len();
    let secs = start.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!("{mb:.1} MB, {n} claims, {secs:.2} s, {:.1} MB/s", mb / secs);
}
