//! Query commands: `baseline list`, `alerts`, `sources`, `quantities` and
//! `history` — read the store or the alert log and print tables or JSON.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

use super::{CommandError, EXIT_OK};
use crate::alert::{format_value, human_line};
use crate::cli::Format;
use crate::config::Config;
use crate::daemon::control::{self, Request};
use crate::diff::{Alert, Timeline};
use crate::store::Store;

fn open(cfg: &Config) -> Result<Store, CommandError> {
    Ok(Store::open(
        &cfg.daemon.state_dir,
        cfg.daemon.cache_capacity,
    )?)
}

fn json<T: Serialize>(v: &T) -> Result<(), CommandError> {
    println!(
        "{}",
        serde_json::to_string(v).map_err(|e| CommandError::Input(e.to_string()))?
    );
    Ok(())
}

/// `baseline list`: stores configured baselines (idempotently) and shows them.
pub fn baseline_list(cfg: &Config, format: Format) -> Result<u8, CommandError> {
    let store = open(cfg)?;
    crate::daemon::document::load_baselines(&store, cfg, &cfg.lexicon())
        .map_err(|e| CommandError::Input(e.to_string()))?;
    let docs: Vec<_> = store
        .documents()?
        .into_iter()
        .filter(|d| d.baseline)
        .collect();
    if format == Format::Json {
        return json(&docs.iter().map(|d| serde_json::json!({"url": d.url, "title": d.title, "published": d.published, "claims": d.claims})).collect::<Vec<_>>()).map(|()| EXIT_OK);
    }
    for d in &docs {
        println!(
            "{}  ({}, {} claims)",
            d.url,
            d.published
                .map(|p| p.to_string())
                .unwrap_or_else(|| "undated".into()),
            d.claims.len()
        );
        println!("  {}", d.title);
        for c in &d.claims {
            println!(
                "  {:>16} {:<8} {}",
                format_value(c.value),
                c.unit,
                c.subject
            );
        }
    }
    Ok(EXIT_OK)
}

/// Filters of `alerts`.
pub struct AlertFilter {
    /// Duration or date.
    pub since: Option<String>,
    /// Duration or date.
    pub until: Option<String>,
    /// Source id.
    pub source: Option<String>,
    /// Quantity substring.
    pub quantity: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Keep following the log.
    pub follow: bool,
}

fn time_arg(s: &str) -> Result<DateTime<Utc>, CommandError> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let d = crate::config::parse_duration(s).map_err(CommandError::Input)?;
    Ok(Utc::now() - chrono::Duration::from_std(d).unwrap_or_default())
}

struct Printer {
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    source: Option<String>,
    kind: Option<String>,
    quantity: Option<String>,
    format: Format,
    color: bool,
    header: bool,
}

impl Printer {
    fn line(&mut self, line: &str) {
        let Ok(a) = serde_json::from_str::<Alert>(line) else {
            return;
        };
        if self.since.is_some_and(|s| a.ts < s)
            || self.until.is_some_and(|u| a.ts > u)
            || self.source.as_deref().is_some_and(|s| a.source != s)
            || self.kind.as_deref().is_some_and(|k| a.kind.as_str() != k)
            || self
                .quantity
                .as_deref()
                .is_some_and(|q| !a.quantity.to_lowercase().contains(q))
        {
            return;
        }
        match self.format {
            Format::Json => println!("{line}"),
            Format::Text => {
                if self.header {
                    self.header = false;
                    println!(
                        "{:<16}  {:<9} quantity  old → new  source  \"sentence\"",
                        "time (UTC)", "kind"
                    );
                }
                let text = format!("{}  {}", a.ts.format("%Y-%m-%d %H:%M"), human_line(&a));
                if self.color {
                    let code = match a.kind.as_str() {
                        "changed" => "33",
                        "conflict" | "source_unhealthy" => "31",
                        "new" | "source_recovered" => "32",
                        _ => "2",
                    };
                    println!("\x1b[{code}m{text}\x1b[0m");
                } else {
                    println!("{text}");
                }
            }
        }
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
    }
}

/// `alerts`: reads the alert log (and its rotated files), never the
/// database; with `--follow`, keeps reading as lines are appended, across
/// rotations.
pub fn alerts(cfg: &Config, f: &AlertFilter, format: Format) -> Result<u8, CommandError> {
    use std::io::IsTerminal as _;
    let mut p = Printer {
        since: f.since.as_deref().map(time_arg).transpose()?,
        until: f.until.as_deref().map(time_arg).transpose()?,
        source: f.source.clone(),
        kind: f.kind.clone(),
        quantity: f.quantity.as_deref().map(str::to_lowercase),
        format,
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        header: true,
    };
    let path = &cfg.daemon.alert_log;
    for n in (1..=cfg.daemon.alert_log_keep).rev() {
        if let Ok(text) = std::fs::read_to_string(crate::alert::log::rotated(path, n)) {
            text.lines().for_each(|l| p.line(l));
        }
    }
    let mut tail = crate::alert::log::Tail::open(path);
    for l in tail.read_lines() {
        p.line(&l);
    }
    if !f.follow {
        return Ok(EXIT_OK);
    }
    loop {
        std::thread::sleep(std::time::Duration::from_millis(200));
        for l in tail.read_lines() {
            p.line(&l);
        }
    }
}

/// Asks a running daemon; `None` when none listens.
fn ask(cfg: &Config, req: &Request) -> Result<Option<Value>, CommandError> {
    super::runtime()?
        .block_on(control::ask(cfg, req))
        .map_err(|e| CommandError::Input(e.to_string()))
}

/// `sources`: health of each configured source.
pub fn sources(cfg: &Config, format: Format) -> Result<u8, CommandError> {
    let rows = match ask(cfg, &Request::Sources)? {
        Some(v) => v,
        None => control::sources_data(cfg, &open(cfg)?).map_err(query_err)?,
    };
    if format == Format::Json {
        return json(&rows).map(|()| EXIT_OK);
    }
    println!(
        "{:<28} {:<8} {:<10} {:<20} {:<20} last error",
        "source", "kind", "state", "last success", "next due"
    );
    let t = |v: &Value| {
        v.as_str()
            .map(|s| s.chars().take(19).collect::<String>())
            .unwrap_or_else(|| "-".into())
    };
    for r in rows.as_array().into_iter().flatten() {
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

fn query_err(e: control::QueryError) -> CommandError {
    match e {
        control::QueryError::Store(s) => CommandError::Store(s),
        other => CommandError::Input(other.to_string()),
    }
}

/// `quantities`: every tracked quantity.
pub fn quantities(cfg: &Config, format: Format) -> Result<u8, CommandError> {
    let rows = match ask(cfg, &Request::Quantities)? {
        Some(v) => v,
        None => control::quantities_data(&open(cfg)?).map_err(query_err)?,
    };
    if format == Format::Json {
        return json(&rows).map(|()| EXIT_OK);
    }
    let num = |v: &Value| v.as_f64().map_or_else(|| "-".into(), format_value);
    println!(
        "{:<44} {:>16} {:<8} {:>16} {:<10} {:>6} {:>7}",
        "quantity", "current", "unit", "baseline", "as of", "points", "sources"
    );
    for r in rows.as_array().into_iter().flatten() {
        println!(
            "{:<44} {:>16} {:<8} {:>16} {:<10} {:>6} {:>7}",
            r["quantity"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(44)
                .collect::<String>(),
            num(&r["current"]),
            r["unit"].as_str().unwrap_or_default(),
            num(&r["baseline"]),
            r["as_of"].as_str().unwrap_or("-"),
            r["points"],
            r["sources"]
        );
    }
    Ok(EXIT_OK)
}

/// `history QUANTITY`: one timeline with provenance.
pub fn history(cfg: &Config, quantity: &str, format: Format) -> Result<u8, CommandError> {
    let t: Timeline = match ask(
        cfg,
        &Request::History {
            quantity: quantity.to_owned(),
        },
    )? {
        Some(v) => serde_json::from_value(v).map_err(|e| CommandError::Input(e.to_string()))?,
        None => control::history_data(&open(cfg)?, quantity).map_err(query_err)?,
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
