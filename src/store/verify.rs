//! Verify: an offline consistency check of the database against itself and
//! the alert log — every document's claims have timeline points, every
//! timeline's sources are sources with an ordinal, every alert id is unique
//! and below the counter, every delivered alert is in the log exactly once, and
//! the log holds nothing the database does not.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Serialize;

use super::heads::{StoredHead, decode_head};
use super::records::decode;
use super::source_sets::{META_NEXT_ORDINAL, be_u32};
use super::{DocumentRecord, META_NEXT_ALERT, SINK_LOG, Store, StoreError};
use crate::diff::Alert;

/// What `verify` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Documents checked.
    pub documents: usize,
    /// Timelines checked.
    pub timelines: usize,
    /// Alerts in the database.
    pub alerts: usize,
    /// Alert lines in the log files.
    pub log_lines: usize,
    /// Alerts still waiting for the log.
    pub pending: usize,
    /// Every inconsistency, one line each.
    pub problems: Vec<String>,
}

/// The URLs a quantity's history log has points from (cached per key).
fn history_urls<'a>(
    store: &Store,
    cache: &'a mut std::collections::HashMap<String, HashSet<String>>,
    key: &str,
) -> Result<&'a HashSet<String>, StoreError> {
    if !cache.contains_key(key) {
        let urls = store.history(key)?.into_iter().map(|p| p.url).collect();
        cache.insert(key.to_owned(), urls);
    }
    Ok(cache.entry(key.to_owned()).or_default())
}

impl Store {
    /// Checks the database, and the alert log at `alert_log` (with its
    /// rotated files up to `keep`), for consistency.
    pub fn verify(&self, alert_log: &Path, keep: usize) -> Result<VerifyReport, StoreError> {
        let mut r = VerifyReport::default();
        let mut timelines: BTreeMap<String, StoredHead> = BTreeMap::new();
        for kv in self.timelines.iter() {
            let (k, v) = kv?;
            let h = decode_head(&k, &v)?;
            timelines.insert(h.timeline.key.clone(), h);
        }
        r.timelines = timelines.len();
        self.verify_sources(&timelines, &mut r)?;
        let mut urls_by_key: std::collections::HashMap<String, HashSet<String>> =
            Default::default();
        for v in self.documents.iter().values() {
            let d: DocumentRecord = decode(&v?)?;
            r.documents += 1;
            if self.texts.get(d.text_hash.to_be_bytes())?.is_none() {
                r.problems
                    .push(format!("document {} has no stored text", d.url));
            }
            for c in &d.claims {
                match timelines.get(&c.key) {
                    None => r.problems.push(format!(
                        "document {} claims {} but no timeline has that key",
                        d.url, c.key
                    )),
                    Some(_) if !history_urls(self, &mut urls_by_key, &c.key)?.contains(&d.url) => {
                        r.problems
                            .push(format!("timeline {} has no point from {}", c.key, d.url));
                    }
                    Some(_) => {}
                }
            }
        }
        let next = self
            .meta
            .get(META_NEXT_ALERT)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(1, u64::from_be_bytes);
        let mut db_alerts: BTreeMap<u64, Alert> = BTreeMap::new();
        for kv in self.alerts.iter() {
            let (k, v) = kv?;
            let a: Alert = decode(&v)?;
            let key_id = <[u8; 8]>::try_from(k.as_ref()).map_or(0, u64::from_be_bytes);
            if key_id != a.id {
                r.problems
                    .push(format!("alert stored under id {key_id} says id {}", a.id));
            }
            if a.id >= next {
                r.problems
                    .push(format!("alert {} is not below the id counter {next}", a.id));
            }
            db_alerts.insert(a.id, a);
        }
        r.alerts = db_alerts.len();
        let pending: HashSet<u64> = self.pending(SINK_LOG)?.into_iter().collect();
        r.pending = pending.len();
        // Retention removes settled alerts oldest first, so every logged alert
        // from the oldest settled one still stored onwards must be stored too.
        let oldest_kept = db_alerts
            .keys()
            .copied()
            .filter(|id| !pending.contains(id))
            .min();
        let mut seen = HashSet::new();
        let mut files: Vec<_> = (1..=keep)
            .rev()
            .map(|n| crate::alert::log::rotated(alert_log, n))
            .collect();
        files.push(alert_log.to_path_buf());
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            for line in text.lines() {
                let Ok(a) = serde_json::from_str::<Alert>(line) else {
                    r.problems
                        .push(format!("{}: unreadable alert line", f.display()));
                    continue;
                };
                r.log_lines += 1;
                if !seen.insert(a.id) {
                    r.problems
                        .push(format!("alert {} is in the log twice", a.id));
                }
                match db_alerts.get(&a.id) {
                    Some(stored) if stored != &a => r
                        .problems
                        .push(format!("alert {} differs between log and database", a.id)),
                    None if oldest_kept.is_some_and(|k| a.id > k) => r.problems.push(format!(
                        "alert {} is in the log but not in the database (lost in a crash?)",
                        a.id
                    )),
                    // Older ones may have been pruned by retention; a pending
                    // one was written before a crash and is acknowledged at the
                    // next start without being written again.
                    _ => {}
                }
            }
        }
        let max_logged = seen.iter().max().copied().unwrap_or(0);
        for id in &pending {
            if !seen.contains(id) && *id < max_logged {
                r.problems.push(format!(
                    "pending alert {id} is older than logged alerts but missing from the log"
                ));
            }
        }
        Ok(r)
    }

    /// Source ordinals are unique and below the next one, and every head
    /// is of the current layout and counts only sources with an ordinal.
    fn verify_sources(
        &self,
        timelines: &BTreeMap<String, StoredHead>,
        r: &mut VerifyReport,
    ) -> Result<(), StoreError> {
        let next = match self.meta.get(META_NEXT_ORDINAL)? {
            Some(v) => be_u32(&v)?,
            None => 0,
        };
        let mut names: BTreeMap<u32, String> = BTreeMap::new();
        for kv in self.source_ordinals.iter() {
            let (k, v) = kv?;
            let name = String::from_utf8_lossy(&k).into_owned();
            let o = be_u32(&v)?;
            if o >= next {
                r.problems.push(format!(
                    "source {name} has ordinal {o}, not below the next one ({next})"
                ));
            }
            if let Some(other) = names.insert(o, name.clone()) {
                r.problems
                    .push(format!("sources {other} and {name} share ordinal {o}"));
            }
        }
        for (key, h) in timelines {
            if h.legacy.is_some() {
                r.problems
                    .push(format!("timeline {key} has a head of the older layout"));
            }
            if let Some(o) = h.set.iter().find(|o| !names.contains_key(o)) {
                r.problems.push(format!(
                    "timeline {key} counts source ordinal {o}, which no source has"
                ));
            }
        }
        Ok(())
    }
}
