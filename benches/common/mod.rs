//! Shared bench inputs: the benchmark pages and dev-set texts read at bench
//! time (never copied into the project), and deterministic generated news
//! text and pages used when the shared data is absent.
//!
//! Each bench target compiles this module separately and uses only part of
//! it, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::Criterion;

/// Env var naming a folder of benchmark pages (`*.html.gz` or `*.html`).
pub const PAGES_ENV: &str = "CLAIMWATCH_BENCH_PAGES";
/// Env var naming the shared folder (default `../shared` from the crate root).
pub const SHARED_ENV: &str = "CLAIMWATCH_SHARED";

/// Criterion settings that keep `cargo bench` to a few minutes on 2 cores.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args()
}

/// The shared folder: `$CLAIMWATCH_SHARED`, else `../shared` next to the crate.
pub fn shared_dir() -> PathBuf {
    std::env::var_os(SHARED_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// Where the pages come from, for the bench's first line of output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOrigin {
    /// The extraction benchmark's pages (or `$CLAIMWATCH_BENCH_PAGES`).
    Benchmark,
    /// Generated here because no page folder was found.
    Synthetic,
}

/// Benchmark pages as `(id, decoded html)`, sorted by id; generated pages
/// when no folder is found or it holds no page.
pub fn bench_pages() -> (Vec<(String, String)>, PageOrigin) {
    let dir = std::env::var_os(PAGES_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| shared_dir().join("extraction-bench/data/html"));
    match read_pages(&dir) {
        Ok(pages) if !pages.is_empty() => (pages, PageOrigin::Benchmark),
        Ok(_) | Err(_) => {
            eprintln!(
                "bench: no pages in {}; using generated pages",
                dir.display()
            );
            let pages = (0..24)
                .map(|i| {
                    (
                        format!("synthetic-{i:02}"),
                        news_page(i, 40 + 4 * i as usize),
                    )
                })
                .collect();
            (pages, PageOrigin::Synthetic)
        }
    }
}

/// Reads every `<id>.html.gz` / `<id>.html` page of `dir`, decoded the way
/// the CLI decodes a file (no content type).
pub fn read_pages(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(id) = name.strip_suffix(".html.gz") {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut raw)?;
            pages.push((id.to_owned(), raw));
        } else if let Some(id) = name.strip_suffix(".html") {
            pages.push((id.to_owned(), std::fs::read(&path)?));
        }
    }
    pages.sort();
    Ok(pages
        .into_iter()
        .map(|(id, raw)| (id, claimwatch::extract::charset::decode(&raw, None)))
        .collect())
}

/// The dev set's plain-text documents (`dev/*.txt`) and HTML pages
/// (`dev/*.html`), as `(name, content)`; empty when the set is absent.
pub fn dev_documents(ext: &str) -> Vec<(String, String)> {
    let dir = shared_dir().join("claims-eval/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, claimwatch::extract::charset::decode(&bytes, None)))
        })
        .collect();
    out.sort();
    out
}

const SUBJECTS: &[(&str, &str)] = &[
    ("cellular subscribers", "million"),
    ("broadband subscribers", "million"),
    ("3G and 4G users", "million"),
    ("CPEC projects", ""),
    ("power plants", ""),
    ("special economic zones", ""),
    ("registered companies", ""),
    ("foreign students", ""),
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FILLER: &[&str] = &[
    "Officials said the programme remained on track despite delays at several sites.",
    "The ministry did not respond to a request for comment by the time of publication.",
    "Analysts expect the pace of work to pick up once the new fiscal year begins.",
    "The report was presented to the cabinet on Tuesday and later shared with reporters.",
    "Critics have long argued that the figures overstate what has actually been delivered.",
    "A spokesperson for the regulator said the data would be revised in the coming weeks.",
    "Work on the northern section was suspended during the monsoon and resumed in autumn.",
    "Industry groups welcomed the announcement but asked for clearer timelines.",
    "Residents of the affected districts said they had seen little change on the ground so far.",
    "The opposition called for a parliamentary debate on the terms of the financing agreements.",
    "Engineers at the site said the tunnel boring machines had been running around the clock.",
    "The central bank noted that imports of machinery had slowed in line with the wider economy.",
    "Several provincial governments have asked for a larger share of the planned industrial zones.",
    "Operators blamed frequent power outages and rising fuel costs for the slower network rollout.",
    "Independent economists cautioned that the official survey relies on self-reported data.",
    "The board is expected to review the proposal at its next meeting, according to people familiar with the matter.",
];

/// Deterministic news-like text of about `target` bytes: paragraphs in
/// which about a third of the sentences state dated, qualified figures
/// (counts, millions, USD, PKR, MW, percent) and the rest state none.
/// `seed` varies the figures and the order.
pub fn news_text(target: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = String::with_capacity(target + 512);
    out.push_str("Government report shows steady progress on corridor projects\n2024-06-12\n\n");
    while out.len() < target {
        for _ in 0..rng.usize(3..6) {
            out.push_str(&sentence(&mut rng));
            out.push(' ');
        }
        out.pop();
        out.push_str("\n\n");
    }
    out
}

fn sentence(rng: &mut fastrand::Rng) -> String {
    let (subject, scale) = SUBJECTS[rng.usize(..SUBJECTS.len())];
    let month = MONTHS[rng.usize(..MONTHS.len())];
    let year = rng.u32(2018..2026);
    let small = rng.u32(12..400);
    let big = f64::from(rng.u32(100..2000)) / 10.0;
    // About a third of news sentences state a figure; the rest state none.
    match rng.u8(..20) {
        0 => format!(
            "The number of {subject} rose to {big} {scale} by the end of {month} {year}, up from {} {scale} a year earlier.",
            big - 3.5
        ),
        1 => format!(
            "A total of {small} {subject} were reported in {month} {year}, according to official data."
        ),
        2 => format!(
            "Some {small} {subject} worth about ${big} billion are under construction, the survey said."
        ),
        3 => format!(
            "The authority said more than {small} MW of new capacity was added to the grid in {year}."
        ),
        4 => format!(
            "Revenue grew by {}% to Rs {big} billion in the quarter ending {month} {year}.",
            rng.u32(2..40)
        ),
        5 => format!(
            "Nearly {small} {subject} have been completed at a cost of US${big} billion since {year}."
        ),
        6 => format!(
            "The plan aims for {} {subject} by {}, officials said.",
            small * 2,
            year + 5
        ),
        7 => format!(
            "Subscriptions declined by {} million to {big} million in {month}.",
            rng.u32(1..9)
        ),
        _ => FILLER[rng.usize(..FILLER.len())].to_owned(),
    }
}

/// A generated news page of about `kb` KB: header, navigation, teaser
/// sidebar with figures, the article, comments and a footer.
pub fn news_page(seed: u64, kb: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    let mut html = String::with_capacity(kb * 1024 + 4096);
    html.push_str("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.push_str("<title>Corridor progress report | Example News</title>");
    html.push_str("<meta property=\"article:published_time\" content=\"2024-06-12T09:00:00Z\">");
    html.push_str("<style>body{font-family:sans-serif}.nav a{margin:0 4px}</style>");
    html.push_str("<script>window.dataLayer=[];function track(){}</script></head><body>");
    html.push_str("<header class=\"site-header\"><div class=\"logo\">Example News</div><nav class=\"nav\"><ul>");
    for section in [
        "Home", "Pakistan", "World", "Business", "Sport", "Opinion", "Tech", "Markets",
    ] {
        html.push_str(&format!(
            "<li><a href=\"/{s}\">{section}</a></li>",
            s = section.to_lowercase()
        ));
    }
    html.push_str(
        "</ul></nav></header><div class=\"layout\"><aside class=\"sidebar\"><h3>Most read</h3><ul>",
    );
    for i in 0..8 {
        html.push_str(&format!(
            "<li class=\"teaser\"><a href=\"/story/{i}\">{}</a></li>",
            sentence(&mut rng)
        ));
    }
    html.push_str("</ul></aside><main><article class=\"story\"><h1>Corridor progress report</h1>");
    html.push_str(
        "<p class=\"byline\">By Staff Reporter | June 12, 2024</p><div class=\"story-body\">",
    );
    let body = news_text(kb * 1024 * 6 / 10, seed);
    for para in body.split("\n\n").skip(1) {
        if !para.trim().is_empty() {
            html.push_str("<p>");
            html.push_str(para);
            html.push_str("</p>\n");
        }
        if rng.u8(..12) == 0 {
            html.push_str("<div class=\"ad-slot\"><a href=\"/ads\">Advertisement</a></div>");
        }
    }
    html.push_str("</div><div class=\"share\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div></article>");
    html.push_str("<section class=\"comments\"><h3>Comments</h3>");
    for i in 0..6 {
        html.push_str(&format!(
            "<div class=\"comment\"><span class=\"user\">reader{i}</span><p>{}</p></div>",
            FILLER[rng.usize(..FILLER.len())]
        ));
    }
    html.push_str("</section></main></div><footer class=\"site-footer\"><p>© 2024 Example News. All rights reserved.</p><ul>");
    for link in ["About", "Contact", "Privacy", "Terms", "Advertise"] {
        html.push_str(&format!("<li><a href=\"/{link}\">{link}</a></li>"));
    }
    html.push_str("</ul></footer></body></html>");
    html
}
