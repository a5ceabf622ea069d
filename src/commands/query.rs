//! Query commands: `baseline list`, `alerts`, `sources`, `quantities` and
//! `history` — read the store or the alert log and print tables or JSON.

use std::io::BufRead;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{CommandError, EXIT_OK};
use crate::alert::{format_value, human_line};
use crate::cli::Format;
use crate::config::Config;
use crate::diff::{Alert, Timeline};
use crate::store::Store;

fn open(cfg: &Config) -> Result<Store, CommandError> {
    Ok(Store::open(&cfg.daemon.state_dir, cfg.daemon.cache_capacity)?)
}

fn json<T: Serialize>(v: &T) -> Result<(), CommandError> {
    println!("{}", serde_json::to_string(v).map_err(|e| CommandError::Input(e.to_string()))?);
    Ok(())
}

/// `baseline list`: stores configured baselines (idempotently) and shows them.
pub fn baseline_list(cfg: &Config, format: Format) -> Result<u8, CommandError> {
    let store = open(cfg)?;
    crate::daemon::pipeline::load_baselines(&store, cfg, &cfg.lexicon())
        .map_err(|e| CommandError::Input(e.to_string()))?;
    let docs: Vec<_> = store.documents()?.into_iter().filter(|d| d.baseline).collect();
    if format == Format::Json {
        return json(&docs.iter().map(|d| serde_json::json!({"url": d.url, "title": d.title, "published": d.published, "claims": d.claims})).collect::<Vec<_>>()).map(|()| EXIT_OK);
    }
    for d in &docs {
        println!("{}  ({}, {} claims)", d.url, d.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into()), d.claims.len());
        println!("  {}", d.title);
        for c in &d.claims {
            println!("  {:>16} {:<8} {}", format_value(c.value), c.unit, c.subject);
        }
    }
    Ok(EXIT_OK)
}

/// Filters of `alerts`.
pub struct AlertFilter {
    /// Duration or date.
    pub since: Option<String>,
    /// Source id.
    pub source: Option<String>,
    /// Quantity substring.
    pub quantity: Option<String>,
    /// Kind.
    pub kind: Option<String>,
}

fn since_time(s: &str) -> Result<DateTime<Utc>, CommandError> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let d = crate::config::parse_duration(s).map_err(CommandError::Input)?;
    Ok(Utc::now() - chrono::Duration::from_std(d).unwrap_or_default())
}

/// `alerts`: reads the alert log (and its rotated files), never the database.
pub fn alerts(cfg: &Config, f: &AlertFilter, format: Format) -> Result<u8, CommandError> {
    let since = f.since.as_deref().map(since_time).transpose()?;
    let path = &cfg.daemon.alert_log;
    let mut files: Vec<_> = (1..=cfg.daemon.alert_log_keep).rev().map(|n| crate::alert::log::rotated(path, n)).collect();
    files.push(path.clone());
    let q = f.quantity.as_deref().map(str::to_lowercase);
    for file in files {
        let Ok(fh) = std::fs::File::open(&file) else { continue };
        for line in std::io::BufReader::new(fh).lines() {
            let line = line?;
            let Ok(a) = serde_json::from_str::<Alert>(&line) else { continue };
            if since.is_some_and(|s| a.ts < s)
                || f.source.as_deref().is_some_and(|s| a.source != s)
                || f.kind.as_deref().is_some_and(|k| a.kind.as_str() != k)
                || q.as_deref().is_some_and(|q| !a.quantity.to_lowercase().contains(q))
            {
                continue;
            }
            match format {
                Format::Json => println!("{line}"),
                Format::Text => println!("{}  {}", a.ts.format("%Y-%m-%d %H:%M"), human_line(&a)),
            }
        }
    }
    Ok(EXIT_OK)
}

/// `sources`: health of each configured source.
pub fn sources(cfg: &Config, format: Format) -> Result<u8, CommandError> {
    let store = open(cfg)?;
    let mut rows = Vec::new();
    for s in &cfg.sources {
        let st = store.source_state(&s.id)?;
        rows.push(serde_json::json!({
            "id": s.id, "kind": s.kind, "url": s.url.as_str(), "interval": humantime::format_duration(s.interval).to_string(),
            "last_success": st.last_success, "last_error": st.last_error, "last_error_class": st.last_error_class,
            "last_error_at": st.last_error_at, "consecutive_failures": st.consecutive_failures, "next_due": st.next_due,
            "state": if st.unhealthy { "unhealthy" } else if st.passes == 0 { "new" } else if st.consecutive_failures > 0 { "failing" } else { "ok" },
        }));
    }
    if format == Format::Json {
        return json(&rows).map(|()| EXIT_OK);
    }
    println!("{:<28} {:<8} {:<10} {:<20} {:<20} last error", "source", "kind", "state", "last success", "next due");
    let t = |v: &serde_json::Value| v.as_str().map(|s| s.chars().take(19).collect::<String>()).unwrap_or_else(|| "-".into());
    for r in rows {
        println!(
            "{:<28} {:<8} {:<10} {:<20} {:<20} {}",
            r["id"].as_str().unwrap_or_default(),
            r["kind"].as_str().unwrap_or_default(),
            r["state"].as_str().unwrap_or_default(),
            t(&r["last_success"]),
            t(&r["next_due"]),
            r["last_error"].as_str().unwrap_or("-")
        );
    }
    Ok(EXIT_OK)
}

#[derive(Serialize)]
struct QuantityRow<'a> {
    quantity: &'a str,
    key: &'a str,
    unit: &'a str,
    current: Option<f64>,
    as_of: Option<NaiveDate>,
    baseline: Option<f64>,
    last_change: Option<DateTime<Utc>>,
    points: usize,
    sources: usize,
}

fn row(t: &Timeline) -> QuantityRow<'_> {
    let latest = t.latest();
    QuantityRow {
        quantity: &t.subject,
        key: &t.key,
        unit: &t.unit,
        current: latest.map(|p| p.value),
        as_of: latest.and_then(|p| p.as_of),
        baseline: t.baseline,
        last_change: latest.map(|p| p.seen),
        points: t.points.len(),
        sources: t.source_count(),
    }
}

/// `quantities`: every tracked quantity.
pub fn quantities(cfg: &Config, format: Format) -> Result<u8, CommandError> {
    let store = open(cfg)?;
    let timelines = store.timelines()?;
    let rows: Vec<_> = timelines.iter().map(row).collect();
    if format == Format::Json {
        return json(&rows).map(|()| EXIT_OK);
    }
    println!("{:<44} {:>16} {:<8} {:>16} {:<10} {:>6} {:>7}", "quantity", "current", "unit", "baseline", "as of", "points", "sources");
    for r in rows {
        println!(
            "{:<44} {:>16} {:<8} {:>16} {:<10} {:>6} {:>7}",
            r.quantity.chars().take(44).collect::<String>(),
            r.current.map_or_else(|| "-".into(), format_value),
            r.unit,
            r.baseline.map_or_else(|| "-".into(), format_value),
            r.as_of.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            r.points,
            r.sources
        );
    }
    Ok(EXIT_OK)
}

/// `history QUANTITY`: one timeline with provenance.
pub fn history(cfg: &Config, quantity: &str, format: Format) -> Result<u8, CommandError> {
    let store = open(cfg)?;
    let needle = quantity.to_lowercase();
    let t = match store.timeline(quantity)? {
        Some(t) => t,
        None => {
            let mut found: Vec<_> =
                store.timelines()?.into_iter().filter(|t| t.subject.to_lowercase().contains(&needle)).collect();
            match found.len() {
                0 => return Err(CommandError::Input(format!("no quantity matches {quantity:?}"))),
                1 => found.remove(0),
                n => {
                    let names: Vec<_> = found.iter().map(|t| format!("  {} ({})", t.subject, t.key)).collect();
                    return Err(CommandError::Input(format!("{n} quantities match {quantity:?}:\n{}", names.join("\n"))));
                }
            }
        }
    };
    if format == Format::Json {
        return json(&t).map(|()| EXIT_OK);
    }
    println!("{} [{}] ({})", t.subject, t.unit, t.key);
    if let Some(b) = t.baseline {
        println!("baseline: {}", format_value(b));
    }
    for p in &t.points {
        println!(
            "  {:<10} {:>16}{}  {}  {}\n      \"{}\"",
            p.as_of.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            format_value(p.value),
            if p.historical { " (historical)" } else { "" },
            p.source,
            p.url,
            p.sentence
        );
    }
    Ok(EXIT_OK)
}
