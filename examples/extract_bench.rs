//! Extraction benchmark runner: extracts every `<id>.html` page of a folder,
//! writes `{"id","text"}` JSON lines for the benchmark's evaluator, and
//! reports pages per second (extraction calls only, one thread) and peak heap
//! per page relative to the page size (measured with a counting allocator).
//!
//! Usage: `extract_bench HTML_DIR OUT.jsonl [--ground-truth GT.json]
//! [--repeat N] [--per-page TSV]`. With `--ground-truth`, it also prints a
//! quick in-Rust approximation of the benchmark's shingle F1 (the Python
//! evaluator stays the reference).

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use claimwatch::extract::{ExtractOptions, extract_html};

/// Global allocator wrapper that tracks live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are only bookkeeping.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
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
    dir: PathBuf,
    out: PathBuf,
    ground_truth: Option<PathBuf>,
    per_page: Option<PathBuf>,
    repeat: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut pos = Vec::new();
    let mut ground_truth = None;
    let mut per_page = None;
    let mut repeat = 1;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ground-truth" => ground_truth = it.next().map(PathBuf::from),
            "--per-page" => per_page = it.next().map(PathBuf::from),
            "--repeat" => {
                repeat = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--repeat needs a number")?;
            }
            _ => pos.push(PathBuf::from(a)),
        }
    }
    if pos.len() != 2 {
        return Err(
            "usage: extract_bench HTML_DIR OUT.jsonl [--ground-truth GT.json] \
                    [--repeat N] [--per-page TSV]\n(HTML_DIR holds <id>.html files; \
                    gunzip the benchmark's .html.gz pages first)"
                .into(),
        );
    }
    let out = pos.pop().ok_or("missing OUT")?;
    let dir = pos.pop().ok_or("missing HTML_DIR")?;
    Ok(Args {
        dir,
        out,
        ground_truth,
        per_page,
        repeat: repeat.max(1),
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let mut pages: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(&args.dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(id) = name.strip_suffix(".html") else {
            continue;
        };
        let bytes = std::fs::read(&path)?;
        pages.push((
            id.to_owned(),
            claimwatch::extract::charset::decode(&bytes, None),
        ));
    }
    pages.sort();
    if pages.is_empty() {
        return Err(format!("no .html files in {}", args.dir.display()).into());
    }
    let opts = ExtractOptions::default();
    let mut outputs = Vec::with_capacity(pages.len());
    let mut elapsed = Duration::ZERO;
    let mut worst_ratio = (0.0f64, String::new());
    let mut ratio_sum = 0.0;
    for round in 0..args.repeat {
        for (id, html) in &pages {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let t = Instant::now();
            let article = extract_html(html, &opts);
            elapsed += t.elapsed();
            let extra = PEAK.load(Ordering::Relaxed).saturating_sub(base);
            if round == 0 {
                let ratio = extra as f64 / html.len().max(1) as f64;
                ratio_sum += ratio;
                if ratio > worst_ratio.0 {
                    worst_ratio = (ratio, id.clone());
                }
                outputs.push((id.clone(), article.text));
            }
        }
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    for (id, text) in &outputs {
        let line = serde_json::json!({ "id": id, "text": text });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    let n = (pages.len() * args.repeat) as f64;
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    println!(
        "pages {} x{} in {:.3}s",
        pages.len(),
        args.repeat,
        elapsed.as_secs_f64()
    );
    println!("pages/s {:.1}", n / elapsed.as_secs_f64());
    println!(
        "MB/s {:.1}",
        bytes as f64 * args.repeat as f64 / 1e6 / elapsed.as_secs_f64()
    );
    println!(
        "peak heap / page size: mean {:.2}x, max {:.2}x ({})",
        ratio_sum / pages.len() as f64,
        worst_ratio.0,
        worst_ratio.1
    );
    if let Some(gt) = &args.ground_truth {
        quick_score(gt, &outputs, args.per_page.as_deref())?;
    }
    Ok(())
}

/// Word tokens: runs of alphanumeric characters or `_` (close to Python's `\w`).
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(toks: &[&str]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() <= 4 {
        out.insert(toks.join("\u{1}"), 1);
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.join("\u{1}")).or_insert(0) += 1;
    }
    out
}

fn quick_score(
    gt_path: &std::path::Path,
    outputs: &[(String, String)],
    per_page: Option<&std::path::Path>,
) -> Result<(), Box<dyn std::error::Error>> {
    let gt: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gt_path)?)?;
    let (mut ps, mut rs, mut np) = (0.0, 0.0, 0usize);
    let mut rows = Vec::new();
    for (id, text) in outputs {
        let truth = gt[id]["articleBody"].as_str().unwrap_or("");
        let (t, p) = (shingles(&tokens(truth)), shingles(&tokens(text)));
        let tp: usize = p
            .iter()
            .map(|(k, v)| (*v).min(*t.get(k).unwrap_or(&0)))
            .sum();
        let (pt, tt): (usize, usize) = (p.values().sum(), t.values().sum());
        let prec = if pt > 0 { tp as f64 / pt as f64 } else { 0.0 };
        let rec = if tt > 0 { tp as f64 / tt as f64 } else { 1.0 };
        if pt > 0 {
            ps += prec;
            np += 1;
        }
        rs += rec;
        rows.push((id.clone(), prec, rec));
    }
    let p = ps / np.max(1) as f64;
    let r = rs / outputs.len().max(1) as f64;
    println!("quick P {p:.4} R {r:.4} F1 {:.4}", 2.0 * p * r / (p + r));
    if let Some(path) = per_page {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
        for (id, prec, rec) in rows {
            writeln!(f, "{id}\t{prec:.3}\t{rec:.3}")?;
        }
    }
    Ok(())
}
