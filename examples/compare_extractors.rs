//! Side-by-side run of our extractor and dom_smoothie's `Readability` (text
//! output) over the same benchmark pages in one process: writes one
//! `{"id","text"}` JSONL per extractor for the benchmark's `evaluate.py`,
//! and prints pages/s (one thread, extraction calls only) and peak heap per
//! page for both, measured with a counting global allocator.
//!
//! Commands (from the crate root):
//!
//! ```text
//! cargo run --release --example compare_extractors -- \
//!     ../shared/extraction-bench/data/html target/compare
//! python3 ../shared/extraction-bench/evaluate.py target/compare/claimwatch.jsonl
//! python3 ../shared/extraction-bench/evaluate.py target/compare/dom_smoothie.jsonl
//! ```
//!
//! Usage: `compare_extractors [PAGES_DIR [OUT_DIR]] [--repeat N]
//! [--text-mode raw|formatted|markdown]`. `PAGES_DIR` holds `<id>.html.gz`
//! or `<id>.html` pages (default `../shared/extraction-bench/data/html`,
//! relative to the working directory); `OUT_DIR` defaults to
//! `target/compare`. dom_smoothie's text mode defaults to `formatted`
//! (block elements become line breaks, so words are not run together).

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use claimwatch::extract::{ExtractOptions, extract_html};
use dom_smoothie::{Config, Readability, TextMode};

/// Global allocator wrapper that tracks live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are bookkeeping only.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

struct Args {
    pages: PathBuf,
    out: PathBuf,
    repeat: usize,
    text_mode: TextMode,
}

const USAGE: &str = "usage: compare_extractors [PAGES_DIR [OUT_DIR]] [--repeat N] \
                     [--text-mode raw|formatted|markdown]";

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut pos = Vec::new();
    let mut repeat = 1usize;
    let mut text_mode = TextMode::Formatted;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--repeat" => {
                repeat = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--repeat needs a number")?;
            }
            "--text-mode" => {
                text_mode = match it.next().as_deref() {
                    Some("raw") => TextMode::Raw,
                    Some("formatted") => TextMode::Formatted,
                    Some("markdown") => TextMode::Markdown,
                    _ => return Err("--text-mode takes raw, formatted or markdown".into()),
                };
            }
            "-h" | "--help" => return Err(USAGE.into()),
            _ => pos.push(PathBuf::from(a)),
        }
    }
    if pos.len() > 2 {
        return Err(USAGE.into());
    }
    let mut pos = pos.into_iter();
    Ok(Args {
        pages: pos
            .next()
            .unwrap_or_else(|| PathBuf::from("../shared/extraction-bench/data/html")),
        out: pos
            .next()
            .unwrap_or_else(|| PathBuf::from("target/compare")),
        repeat: repeat.max(1),
        text_mode,
    })
}

/// `(id, decoded html)` for every `<id>.html.gz` or `<id>.html` in `dir`.
fn read_pages(dir: &Path) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (id, raw) = if let Some(id) = name.strip_suffix(".html.gz") {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut raw)?;
            (id, raw)
        } else if let Some(id) = name.strip_suffix(".html") {
            (id, std::fs::read(&path)?)
        } else {
            continue;
        };
        pages.push((
            id.to_owned(),
            claimwatch::extract::charset::decode(&raw, None),
        ));
    }
    pages.sort();
    if pages.is_empty() {
        return Err(format!("no .html.gz or .html pages in {}", dir.display()).into());
    }
    Ok(pages)
}

/// An extractor: page HTML to body text (`None` when it fails).
type TextFn<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// One extractor's totals over the run.
#[derive(Default)]
struct Tally {
    elapsed: Duration,
    calls: usize,
    failures: usize,
    empty: usize,
    /// Sum and max of (peak heap above the start) per page, bytes.
    peak_sum: usize,
    peak_max: usize,
    /// Sum and max of that peak divided by the page size.
    ratio_sum: f64,
    ratio_max: f64,
}

impl Tally {
    fn record_peak(&mut self, extra: usize, page_len: usize) {
        self.peak_sum += extra;
        self.peak_max = self.peak_max.max(extra);
        let ratio = extra as f64 / page_len.max(1) as f64;
        self.ratio_sum += ratio;
        self.ratio_max = self.ratio_max.max(ratio);
    }
}

/// Runs `f` on `html` once, adding its time to `tally`; with `measure`, also
/// its peak heap above the live bytes at the start.
fn run_one(tally: &mut Tally, html: &str, measure: bool, f: &TextFn<'_>) -> Option<String> {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    let text = f(html);
    tally.elapsed += t.elapsed();
    tally.calls += 1;
    if measure {
        let extra = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        tally.record_peak(extra, html.len());
    }
    text
}

fn write_jsonl(path: &Path, rows: &[(String, String)]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (id, text) in rows {
        writeln!(out, "{}", serde_json::json!({ "id": id, "text": text }))?;
    }
    out.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let pages = read_pages(&args.pages)?;
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    std::fs::create_dir_all(&args.out)?;

    let opts = ExtractOptions::default();
    let ours = |html: &str| Some(extract_html(html, &opts).text);
    let ds_config = Config {
        text_mode: args.text_mode,
        ..Config::default()
    };
    let theirs = |html: &str| {
        let mut r = Readability::new(html, None, Some(ds_config.clone())).ok()?;
        r.parse().ok().map(|a| a.text_content.to_string())
    };
    let extractors: [(&str, &TextFn<'_>); 2] = [("claimwatch", &ours), ("dom_smoothie", &theirs)];

    let mut tallies: Vec<Tally> = extractors.iter().map(|_| Tally::default()).collect();
    let mut outputs: Vec<Vec<(String, String)>> = extractors.iter().map(|_| Vec::new()).collect();
    for round in 0..args.repeat {
        // Alternate the order per page so neither extractor always runs on a
        // warm cache left by the other.
        for (n, (id, html)) in pages.iter().enumerate() {
            for k in 0..extractors.len() {
                let k = (k + n + round) % extractors.len();
                let (_, f) = extractors[k];
                let text = run_one(&mut tallies[k], html, round == 0, f);
                if round == 0 {
                    let text = text.unwrap_or_else(|| {
                        tallies[k].failures += 1;
                        String::new()
                    });
                    if text.trim().is_empty() {
                        tallies[k].empty += 1;
                    }
                    outputs[k].push((id.clone(), text));
                }
            }
        }
    }

    println!(
        "{} pages ({:.1} MB decoded) from {}, {} round(s), one thread, release build: {}",
        pages.len(),
        bytes as f64 / 1e6,
        args.pages.display(),
        args.repeat,
        if cfg!(debug_assertions) {
            "NO (timings meaningless)"
        } else {
            "yes"
        }
    );
    println!(
        "{:<14} {:>8} {:>7} {:>15} {:>15} {:>13} {:>13} {:>6} {:>6}",
        "extractor",
        "pages/s",
        "MB/s",
        "peak/page mean",
        "peak/page max",
        "peak/size avg",
        "peak/size max",
        "fail",
        "empty"
    );
    for (k, (name, _)) in extractors.iter().enumerate() {
        let t = &tallies[k];
        let secs = t.elapsed.as_secs_f64().max(1e-9);
        let n = pages.len().max(1) as f64;
        println!(
            "{:<14} {:>8.1} {:>7.1} {:>12.2} MB {:>12.2} MB {:>12.2}x {:>12.2}x {:>6} {:>6}",
            name,
            t.calls as f64 / secs,
            bytes as f64 * args.repeat as f64 / 1e6 / secs,
            t.peak_sum as f64 / n / 1e6,
            t.peak_max as f64 / 1e6,
            t.ratio_sum / n,
            t.ratio_max,
            t.failures,
            t.empty
        );
        let path = args.out.join(format!("{name}.jsonl"));
        write_jsonl(&path, &outputs[k])?;
        println!("  wrote {}", path.display());
    }
    Ok(())
}
