//! Disk growth of the store under a long run: commits many document updates
//! (realistic article texts and claims, cycling over a bounded set of URLs so
//! the live data stays bounded) through the library's `Store`, applies
//! history retention periodically, and reports `size_on_disk` against the
//! live data (the latest records) over time.
//!
//! Usage: `cargo run --release --example disk_growth -- [OPTIONS]`
//!
//! ```text
//!   --updates N          document updates (default 100000)
//!   --urls N             distinct URLs cycled over (default 200)
//!   --claims N           changing claims per article (default 3)
//!   --text-bytes N       article text size (default 4000)
//!   --texts fresh|pool   fresh: every update is a new text (a page that keeps
//!                        changing); pool: each URL cycles over --pool texts,
//!                        so stored texts stay bounded (default fresh)
//!   --pool N             texts per URL with --texts pool (default 4)
//!   --step-secs N        simulated seconds between updates (default 60)
//!   --max-age-days N     retention of timeline points and alerts (default 7)
//!   --retention-every N  apply retention every N updates (default 2000)
//!   --flush-every N      call flush() every N updates; 0 = only sled's own
//!                        background flush (default 0)
//!   --reopen-every N     close and reopen the store every N updates (0 = never)
//!   --report-every N     print a row every N updates (default 5000)
//!   --cache-mb N         sled page cache in MiB (default 32, the daemon's)
//!   --stall-secs N       exit with code 3, naming the store call, when one
//!                        update makes no progress for N seconds (default 30)
//!   --trees              with each row, the stored live bytes per tree
//!   --dir PATH           database directory (default: a temporary one)
//! ```
//!
//! Live data is the sum of the encoded sizes of what a reader can reach now:
//! every document record, the (compressed) text each one points at, every
//! timeline head with its history points, stored alert and source state,
//! with records sized as JSON. The store keeps them as postcard, which is
//! smaller, so `live MiB` overstates the data about 1.5 times; `stored MiB`
//! is exact: the bytes of the keys and values the trees hold (from an
//! export), less the texts no document points at (retention drops those),
//! and `disk/stored` is the amplification against it. `written texts` is the
//! compressed size of every distinct text ever committed; the store keeps a
//! text per content hash until retention finds no document pointing at it,
//! so with `--texts fresh` that column grows with the number of updates
//! while the texts on disk stay bounded.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use claimwatch::claims::{Claim, ClaimKind, Qualifier};
use claimwatch::diff::{Alert, DocContext};
use claimwatch::store::{DocumentRecord, NewDocument, Store};

struct Opts {
    updates: u64,
    urls: u64,
    claims: usize,
    text_bytes: usize,
    fresh: bool,
    pool: u64,
    step_secs: i64,
    max_age_days: i64,
    retention_every: u64,
    flush_every: u64,
    reopen_every: u64,
    report_every: u64,
    cache_mb: u64,
    stall_secs: u64,
    trees: bool,
    dir: Option<PathBuf>,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        updates: 100_000,
        urls: 200,
        claims: 3,
        text_bytes: 4000,
        fresh: true,
        pool: 4,
        step_secs: 60,
        max_age_days: 7,
        retention_every: 2000,
        flush_every: 0,
        reopen_every: 0,
        report_every: 5000,
        cache_mb: 32,
        stall_secs: 30,
        trees: false,
        dir: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        let num = |s: String| s.parse::<u64>().map_err(|e| format!("{s}: {e}"));
        match a.as_str() {
            "--updates" => o.updates = num(val()?)?,
            "--urls" => o.urls = num(val()?)?.max(1),
            "--claims" => o.claims = usize::try_from(num(val()?)?).map_err(|e| e.to_string())?,
            "--text-bytes" => {
                o.text_bytes = usize::try_from(num(val()?)?).map_err(|e| e.to_string())?;
            }
            "--texts" => match val()?.as_str() {
                "fresh" => o.fresh = true,
                "pool" => o.fresh = false,
                other => return Err(format!("--texts: fresh or pool, not {other}")),
            },
            "--pool" => o.pool = num(val()?)?.max(1),
            "--step-secs" => {
                o.step_secs = i64::try_from(num(val()?)?).map_err(|e| e.to_string())?
            }
            "--max-age-days" => {
                o.max_age_days = i64::try_from(num(val()?)?).map_err(|e| e.to_string())?;
            }
            "--retention-every" => o.retention_every = num(val()?)?,
            "--flush-every" => o.flush_every = num(val()?)?,
            "--reopen-every" => o.reopen_every = num(val()?)?,
            "--report-every" => o.report_every = num(val()?)?.max(1),
            "--cache-mb" => o.cache_mb = num(val()?)?.max(1),
            "--stall-secs" => o.stall_secs = num(val()?)?.max(1),
            "--trees" => o.trees = true,
            "--dir" => o.dir = Some(PathBuf::from(val()?)),
            "-h" | "--help" => {
                return Err("see the comment at the top of examples/disk_growth.rs".into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

/// The store call in progress and the update it belongs to, for the stall
/// watchdog.
static PHASE: AtomicUsize = AtomicUsize::new(0);
static STEP: AtomicU64 = AtomicU64::new(0);
const PHASES: [&str; 7] = [
    "start",
    "document",
    "commit_document",
    "flush",
    "apply_retention",
    "reopen",
    "report",
];

fn phase(p: usize, step: u64) {
    PHASE.store(p, Ordering::SeqCst);
    STEP.store(step * 8 + p as u64, Ordering::SeqCst);
}

/// Exits with code 3 when no store call finishes for `secs` seconds.
fn start_watchdog(secs: u64) {
    std::thread::spawn(move || {
        let mut last = (u64::MAX, Instant::now());
        loop {
            std::thread::sleep(std::time::Duration::from_millis(500));
            let now = STEP.load(Ordering::SeqCst);
            if now != last.0 {
                last = (now, Instant::now());
            } else if last.1.elapsed().as_secs() >= secs {
                eprintln!(
                    "disk_growth: STALL: no progress for {secs} s in {} at update {}",
                    PHASES[PHASE.load(Ordering::SeqCst)],
                    now / 8
                );
                std::process::exit(3);
            }
        }
    });
}

const WORDS: &str = "\
    the ministry said on tuesday that work on a new phase of the programme \
    would begin after the budget review officials told reporters in the capital while critics \
    questioned whether the targets were realistic given delays in land acquisition and \
    financing provincial governments have asked for a larger share of the funds according to \
    documents seen by this newspaper spokesperson declined to comment on the timeline but \
    added consultations with stakeholders continue committee meeting chaired senator briefed \
    members progress corridor energy transmission line special economic zone investors \
    incentives tariff customs exports telecom spectrum auction licence operators coverage \
    rural districts";

const NOUNS: &[&str] = &[
    "schools", "clinics", "bridges", "wells", "roads", "dams", "parks", "ports", "mills", "depots",
];

/// A deterministic article of about `bytes` bytes for `url` version `v`,
/// with `claims` claim sentences; returns the text and its claims.
fn article(
    url: u64,
    v: u64,
    bytes: usize,
    claims: usize,
    as_of: NaiveDate,
) -> (String, Vec<Claim>) {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = fastrand::Rng::with_seed(url.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ v);
    let mut text = String::with_capacity(bytes + 256);
    let mut out = Vec::with_capacity(claims);
    let mut sentence_no = 0;
    while text.len() < bytes {
        let s = if sentence_no % 4 == 1 && out.len() < claims {
            let k = out.len();
            let noun = NOUNS[(url as usize + k) % NOUNS.len()];
            let value = (1000 + url * 10 + k as u64 * 7 + v) as f64;
            let s = format!(
                "Officials said {value} {noun} were completed in district {url} part {k} this year."
            );
            out.push(Claim {
                subject: format!("completed {noun} district {url} part {k}"),
                key: format!("completed {noun} district {url} part {k}|count"),
                value,
                value_max: None,
                unit: "count".into(),
                qualifier: Qualifier::default(),
                as_of: Some(as_of),
                kind: ClaimKind::default(),
                sentence: s.clone(),
            });
            s
        } else {
            let n = 12 + rng.usize(..18);
            let mut s = String::new();
            for i in 0..n {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(words[rng.usize(..words.len())]);
            }
            s.push('.');
            s
        };
        text.push_str(&s);
        sentence_no += 1;
        text.push_str(if sentence_no % 5 == 0 { "\n\n" } else { " " });
    }
    (text, out)
}

fn text_hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

fn encoded_len<T: serde::Serialize>(v: &T) -> u64 {
    serde_json::to_vec(v).map_or(0, |b| b.len() as u64 + 1)
}

/// Bytes of the latest records: documents, their current texts (as stored,
/// lz4), timeline heads and their history points, alerts, source states.
fn live_bytes(store: &Store) -> Result<u64, Box<dyn std::error::Error>> {
    let mut n = 0u64;
    let mut hashes = HashSet::new();
    for d in store.documents()? {
        n += d.url.len() as u64 + encoded_len(&d);
        if hashes.insert(d.text_hash)
            && let Some(t) = store.text(d.text_hash)?
        {
            n += 8 + lz4_flex::compress_prepend_size(t.as_bytes()).len() as u64;
        }
    }
    for t in store.timelines()? {
        n += t.key.len() as u64 + encoded_len(&t);
        for p in store.history(&t.key)? {
            n += t.key.len() as u64 + 9 + encoded_len(&p);
        }
    }
    for a in store.alerts_after(0)? {
        n += 8 + encoded_len(&a);
    }
    for (id, s) in store.source_states()? {
        n += id.len() as u64 + encoded_len(&s);
    }
    Ok(n)
}

/// Bytes per tree, by tree name.
type TreeBytes = Vec<(String, u64)>;

/// Stored bytes (keys and values exactly as the trees hold them, from an
/// export) of what retention keeps: every entry of every tree, except texts
/// no document points at (retention drops those). Returns the total and
/// the bytes per tree, texts counting only the referenced ones.
fn stored_live_bytes(store: &Store) -> Result<(u64, TreeBytes), Box<dyn std::error::Error>> {
    #[derive(serde::Deserialize)]
    struct Line {
        tree: String,
        key: String,
        value: String,
    }
    let referenced: HashSet<String> = store
        .documents()?
        .iter()
        .map(|d| format!("{:016x}", d.text_hash))
        .collect();
    let mut out = Vec::new();
    store.export(&mut out)?;
    let mut per_tree: Vec<(String, u64)> = Vec::new();
    let mut total = 0;
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let l: Line = serde_json::from_slice(line)?;
        if l.tree == "texts" && !referenced.contains(&l.key) {
            continue;
        }
        let n = (l.key.len() + l.value.len()) as u64 / 2;
        total += n;
        match per_tree.iter_mut().find(|(t, _)| *t == l.tree) {
            Some((_, b)) => *b += n,
            None => per_tree.push((l.tree, n)),
        }
    }
    Ok((total, per_tree))
}

/// (apparent bytes, allocated bytes) of every file under `dir`.
fn dir_bytes(dir: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let mut out = (0, 0);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                let (a, b) = dir_bytes(&e.path());
                out.0 += a;
                out.1 += b;
            } else {
                out.0 += m.len();
                out.1 += m.blocks() * 512;
            }
        }
    }
    out
}

fn mib(b: u64) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("disk_growth: {e}");
            std::process::exit(2);
        }
    };
    start_watchdog(o.stall_secs);
    let tmp = tempfile::tempdir()?;
    let dir = o.dir.clone().unwrap_or_else(|| tmp.path().join("state"));
    let cache = o.cache_mb * 1024 * 1024;
    let mut store = Store::open(&dir, cache)?;
    let start: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .ok_or("date")?;
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    let max_age = Duration::days(o.max_age_days);
    let mut written_texts = 0u64;
    let mut seen_texts = HashSet::new();
    let mut alerts = 0u64;
    let (mut pruned_points, mut pruned_alerts) = (0usize, 0usize);
    let began = Instant::now();
    println!(
        "disk_growth: {} updates over {} URLs, {} claims, {} B texts ({}), retention {} days every {} updates, step {} s, flush every {}, reopen every {}, cache {} MiB",
        o.updates,
        o.urls,
        o.claims,
        o.text_bytes,
        if o.fresh {
            "fresh".to_owned()
        } else {
            format!("pool of {}", o.pool)
        },
        o.max_age_days,
        o.retention_every,
        o.step_secs,
        o.flush_every,
        o.reopen_every,
        o.cache_mb
    );
    println!(
        "{:>8} {:>6} {:>11} {:>11} {:>11} {:>9} {:>11} {:>11} {:>12} {:>12} {:>7}",
        "updates",
        "day",
        "on disk MiB",
        "files MiB",
        "alloc MiB",
        "live MiB",
        "disk/live",
        "stored MiB",
        "disk/stored",
        "texts MiB",
        "secs"
    );
    for i in 1..=o.updates {
        let now = start + Duration::seconds(o.step_secs * i as i64);
        let url_no = i % o.urls;
        let version = i / o.urls;
        let v = if o.fresh { version } else { version % o.pool };
        let url = format!("https://news.example.org/2026/{url_no:04}/article.html");
        let (text, claims) = article(url_no, v, o.text_bytes, o.claims, as_of);
        let th = text_hash(&text);
        if seen_texts.insert(th) {
            written_texts += lz4_flex::compress_prepend_size(text.as_bytes()).len() as u64;
        }
        phase(1, i);
        let prev = store.document(&url)?;
        let source = format!("src-{}", url_no % 20);
        let title = format!("Progress report {url_no}");
        let record = DocumentRecord {
            url: url.clone(),
            source: source.clone(),
            title: title.clone(),
            published: Some(as_of),
            raw_hash: th ^ 0x5555,
            text_hash: th,
            first_seen: prev.as_ref().map_or(now, |p| p.first_seen),
            last_changed: now,
            last_checked: Some(now),
            claims,
            etag: Some(format!("\"{th:x}\"")),
            last_modified: None,
            baseline: false,
        };
        let ctx = DocContext {
            source: &source,
            url: &url,
            title: &title,
            now,
            is_baseline: false,
        };
        phase(2, i);
        let out = store.commit_document(
            &NewDocument {
                record,
                text: &text,
            },
            &ctx,
            &|_: &Alert| false,
        )?;
        alerts += out.alerts.len() as u64;
        if o.flush_every > 0 && i % o.flush_every == 0 {
            phase(3, i);
            store.flush()?;
        }
        if o.retention_every > 0 && i % o.retention_every == 0 {
            phase(4, i);
            let (p, a) = store.apply_retention(max_age, now)?;
            pruned_points += p;
            pruned_alerts += a;
        }
        if o.reopen_every > 0 && i % o.reopen_every == 0 {
            phase(5, i);
            store.flush()?;
            drop(store);
            store = Store::open(&dir, cache)?;
        }
        if i % o.report_every == 0 || i == o.updates {
            phase(6, i);
            store.flush()?;
            let disk = store.size_on_disk()?;
            let (files, alloc) = dir_bytes(&dir);
            let live = live_bytes(&store)?;
            let (stored, per_tree) = stored_live_bytes(&store)?;
            println!(
                "{:>8} {:>6.1} {:>11.1} {:>11.1} {:>11.1} {:>9.2} {:>10.1}x {:>11.2} {:>11.1}x {:>12.1} {:>7.0}",
                i,
                (o.step_secs * i as i64) as f64 / 86_400.0,
                mib(disk),
                mib(files),
                mib(alloc),
                mib(live),
                disk as f64 / live.max(1) as f64,
                mib(stored),
                disk as f64 / stored.max(1) as f64,
                mib(written_texts),
                began.elapsed().as_secs_f64()
            );
            if o.trees {
                let trees: Vec<String> = per_tree
                    .iter()
                    .map(|(t, b)| format!("{t} {:.2}", mib(*b)))
                    .collect();
                println!("{:>8} stored MiB by tree: {}", "", trees.join(", "));
            }
        }
    }
    println!(
        "alerts raised {alerts}, retention removed {pruned_points} timeline points and {pruned_alerts} alerts"
    );
    Ok(())
}
