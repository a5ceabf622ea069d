//! Alert sinks: delivers committed alerts from the store's outbox to the
//! JSON-lines alert log and to tracing (journald under systemd), and renders
//! the human line. Sits above the store and reads its outbox.

pub mod atom;
pub mod log;
pub mod webhook;

use std::fmt::Write as _;
use std::sync::Mutex;

use crate::diff::{Alert, AlertKind};
use crate::store::{SINK_LOG, Store, StoreError};
pub use log::AlertLog;

/// Why delivery failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AlertError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The alert log could not be written.
    #[error("alert log {path}: {source}")]
    Log {
        /// The log file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Formats a number for people: integers without a fraction, large values
/// grouped ("161,000,000").
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        // Guarded above: the value is integral and fits in i64.
        #[allow(clippy::cast_possible_truncation)]
        let n = v as i64;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        if n < 0 { format!("-{out}") } else { out }
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", format_value(v))
    } else {
        format_value(v)
    }
}

/// The one-line human form of an alert:
/// `changed  completed projects  38 → 41 (+3, +7.9%)  source  "sentence"`.
pub fn human_line(a: &Alert) -> String {
    let mut s = format!("{:<9} {}  ", a.kind.as_str(), a.quantity);
    let unit = if a.unit == "count" {
        String::new()
    } else {
        format!(" {}", a.unit)
    };
    match (a.kind, a.old, a.new) {
        (AlertKind::SourceUnhealthy | AlertKind::SourceRecovered, _, _) => {}
        (_, Some(o), Some(n)) => {
            let _ = write!(s, "{} → {}{unit}", format_value(o), format_value(n));
            if let Some(d) = a.delta {
                let _ = write!(s, " ({}", signed(d));
                if let Some(p) = a.delta_pct {
                    let _ = write!(s, ", {}{:.1}%", if p >= 0.0 { "+" } else { "" }, p);
                }
                s.push(')');
            }
        }
        (_, None, Some(n)) => {
            let _ = write!(s, "{}{unit}", format_value(n));
        }
        (_, Some(o), None) => {
            let _ = write!(s, "{}{unit} → (gone)", format_value(o));
        }
        (_, None, None) => {}
    }
    let _ = write!(
        s,
        "  {}  \"{}\"",
        a.source,
        a.sentence.chars().take(160).collect::<String>()
    );
    s
}

/// Emits the tracing event of an alert (journald fields under systemd).
pub fn trace_alert(a: &Alert) {
    tracing::info!(
        target: "claimwatch::alert",
        alert_id = a.id,
        kind = a.kind.as_str(),
        quantity = %a.quantity,
        key = %a.key,
        unit = %a.unit,
        old = a.old,
        new = a.new,
        source = %a.source,
        url = %a.url,
        "{}",
        human_line(a)
    );
}

/// Delivers the store's pending alerts to the alert log.
#[derive(Debug)]
pub struct Deliverer {
    log: Mutex<AlertLog>,
    path: String,
    by_kind: Mutex<std::collections::BTreeMap<&'static str, u64>>,
}

impl Deliverer {
    /// Wraps an open alert log.
    pub fn new(log: AlertLog, path: &std::path::Path) -> Self {
        Self {
            log: Mutex::new(log),
            path: path.display().to_string(),
            by_kind: Mutex::default(),
        }
    }

    /// Writes every pending alert to the log (in id order), syncs it, then
    /// acknowledges them in the store. Returns the alerts written.
    /// Synchronous: call it off the async runtime.
    pub fn drain(&self, store: &Store) -> Result<Vec<Alert>, AlertError> {
        let ids = store.pending(SINK_LOG)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // sled makes commits durable in the background (every 500 ms). The
        // log must never hold an alert the database could still lose in a
        // crash, or the alert would be raised and written again.
        store.flush()?;
        let log_err = |source| AlertError::Log {
            path: self.path.clone(),
            source,
        };
        // A poisoned lock means a panic mid-write; the file handle is still valid.
        let mut log = self
            .log
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut written = Vec::new();
        for id in &ids {
            if let Some(a) = store.alert(*id)?
                && log.append(&a).map_err(log_err)?
            {
                trace_alert(&a);
                *self
                    .by_kind
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .entry(a.kind.as_str())
                    .or_default() += 1;
                written.push(a);
            }
        }
        log.sync().map_err(log_err)?;
        for id in ids {
            store.ack(SINK_LOG, id)?;
        }
        Ok(written)
    }
}

impl Deliverer {
    /// Alerts delivered since start, by kind.
    pub fn delivered_by_kind(&self) -> Vec<(&'static str, u64)> {
        self.by_kind
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_grouped() {
        for (v, s) in [
            (38.0, "38"),
            (161_000_000.0, "161,000,000"),
            (-1500.0, "-1,500"),
            (7.89, "7.89"),
            (0.5, "0.5"),
        ] {
            assert_eq!(format_value(v), s);
        }
    }
}
