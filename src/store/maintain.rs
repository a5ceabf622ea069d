//! Store care: lossless JSON-lines export and import of every tree, rotated
//! periodic exports, and history retention by age. Source ordinals need no
//! retention: there is one per source, and a timeline counts every source
//! that ever stated it.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::heads::{StoredHead, decode_head, encode_head};
use super::records::decode;
use super::source_sets::be_u32;
use super::{META_SCHEMA, SCHEMA_VERSION, Store, StoreError};
use crate::diff::timeline::PointMark;
use crate::diff::{Alert, TimelinePoint};

/// One exported entry. `key` and `value` are hex, so the copy is exact;
/// `record` repeats a decodable value as JSON for people and scripts.
#[derive(Debug, Serialize, Deserialize)]
struct Line {
    tree: String,
    key: String,
    value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    record: Option<serde_json::Value>,
}

/// The JSON view of a record in one of the typed trees, if it decodes. A
/// timeline shows as the readers show it (`Store::timeline`; `ids` is
/// `Store::ids_by_ordinal`).
fn record_json(
    store: &Store,
    ids: &std::collections::HashMap<u32, u32>,
    tree: &str,
    k: &[u8],
    v: &[u8],
) -> Option<serde_json::Value> {
    fn view<T: serde::de::DeserializeOwned + Serialize>(v: &[u8]) -> Option<serde_json::Value> {
        serde_json::to_value(decode::<T>(v).ok()?).ok()
    }
    match tree {
        "sources" => view::<super::SourceState>(v),
        "documents" => view::<super::DocumentRecord>(v),
        "timelines" => serde_json::to_value(store.readable_head(k, v, ids).ok()?).ok(),
        "alerts" => view::<crate::diff::Alert>(v),
        "history" => view::<crate::diff::TimelinePoint>(v),
        "source_ordinals" => be_u32(v)
            .ok()
            .map(|o| serde_json::json!({"source": String::from_utf8_lossy(k), "ordinal": o})),
        _ => None,
    }
}

fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push_str(&format!("{x:02x}"));
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Why an export or import failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MaintainError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Reading or writing the file failed.
    #[error("export file: {0}")]
    Io(#[from] std::io::Error),
    /// A line of an import is not an export line.
    #[error("line {line}: {message}")]
    Bad {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Import into a database that already holds documents.
    #[error("the database is not empty; import with --replace to overwrite it")]
    NotEmpty,
}

impl Store {
    fn trees(&self) -> [(&'static str, &sled::Tree); 11] {
        [
            ("meta", &self.meta),
            ("sources", &self.sources),
            ("documents", &self.documents),
            ("texts", &self.texts),
            ("timelines", &self.timelines),
            ("alerts", &self.alerts),
            ("outbox", &self.outbox),
            ("hosts", &self.hosts),
            ("deadletter", &self.deadletter),
            ("history", &self.history),
            ("source_ordinals", &self.source_ordinals),
        ]
    }

    /// Writes every tree as JSON lines; returns the number of entries.
    pub fn export(&self, out: &mut dyn Write) -> Result<usize, MaintainError> {
        let mut n = 0;
        let ids = self.ids_by_ordinal()?;
        for (name, tree) in self.trees().into_iter() {
            for kv in tree.iter() {
                let (k, v) = kv.map_err(StoreError::from)?;
                let record = record_json(self, &ids, name, &k, &v);
                let line = Line {
                    tree: name.to_owned(),
                    key: hex(&k),
                    value: hex(&v),
                    record,
                };
                serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
                out.write_all(b"\n")?;
                n += 1;
            }
        }
        out.flush()?;
        Ok(n)
    }

    /// Reads an export back. With `replace`, existing data is cleared first;
    /// otherwise the database must hold no documents. An export of a newer
    /// schema is refused; one of an older schema is migrated as opening a
    /// database of that schema would (see [`SCHEMA_VERSION`]).
    pub fn import(&self, input: &mut dyn BufRead, replace: bool) -> Result<usize, MaintainError> {
        if !replace && !self.documents.is_empty() {
            return Err(MaintainError::NotEmpty);
        }
        let mut staged = Vec::new();
        for (i, line) in input.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let bad = |message: String| MaintainError::Bad {
                line: i + 1,
                message,
            };
            let l: Line = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
            let tree = self
                .trees()
                .into_iter()
                .find(|(n, _)| *n == l.tree)
                .map(|(_, t)| t.clone());
            let tree = tree.ok_or_else(|| bad(format!("unknown tree {:?}", l.tree)))?;
            let k = unhex(&l.key).ok_or_else(|| bad("key is not hex".into()))?;
            let v = unhex(&l.value).ok_or_else(|| bad("value is not hex".into()))?;
            if l.tree == "meta" && k == META_SCHEMA {
                let found = <[u8; 8]>::try_from(v.as_slice()).map_or(u64::MAX, u64::from_be_bytes);
                if found > SCHEMA_VERSION {
                    return Err(StoreError::Schema { found }.into());
                }
            }
            staged.push((tree, k, v));
        }
        if replace {
            for (_, t) in self.trees().into_iter() {
                t.clear().map_err(StoreError::from)?;
            }
        }
        for (tree, k, v) in &staged {
            tree.insert(k.as_slice(), v.as_slice())
                .map_err(StoreError::from)?;
        }
        self.upgrade_schema()?;
        self.flush()?;
        Ok(staged.len())
    }

    /// Writes an export into `dir` and keeps the newest `keep` of them.
    pub fn export_rotated(
        &self,
        dir: &Path,
        keep: usize,
        now: DateTime<Utc>,
    ) -> Result<PathBuf, MaintainError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!(
            "claimwatch-export-{}.jsonl",
            now.format("%Y%m%dT%H%M%SZ")
        ));
        let tmp = path.with_extension("jsonl.partial");
        {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            self.export(&mut f)?;
            f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        std::fs::rename(&tmp, &path)?;
        let mut exports: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("claimwatch-export-") && n.ends_with(".jsonl"))
            })
            .collect();
        exports.sort();
        let excess = exports.len().saturating_sub(keep.max(1));
        for old in &exports[..excess] {
            let _ = std::fs::remove_file(old);
        }
        Ok(path)
    }

    /// Drops timeline points and stored alerts older than `max_age`. The
    /// first point of a timeline (where it started) and its current point
    /// are always kept. Returns (points, alerts) removed.
    pub fn apply_retention(
        &self,
        max_age: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<(usize, usize), StoreError> {
        let cutoff = now - max_age;
        let mut points = 0;
        for kv in self.timelines.iter() {
            let (k, v) = kv?;
            let StoredHead {
                timeline: mut t,
                set,
                unnamed,
                legacy,
            } = decode_head(&k, &v)?;
            let current = t.latest().map(|p| (p.seen, p.url.clone()));
            let keep = |p: &TimelinePoint| {
                p.seen >= cutoff
                    || current
                        .as_ref()
                        .is_some_and(|(s, u)| *s == p.seen && *u == p.url)
            };
            let mut prefix = k.to_vec();
            prefix.push(0);
            for (i, kv) in self.history.scan_prefix(&prefix).enumerate() {
                let (hk, hv) = kv?;
                let p: TimelinePoint = decode(&hv)?;
                if i > 0 && !keep(&p) {
                    self.history.remove(hk)?;
                    points += 1;
                }
            }
            if legacy.is_some() {
                // Migrated when the database is opened; left as it is here.
                continue;
            }
            // The head's marks age like the points they stand for; the
            // oldest one stays, as the head's oldest point always did.
            let current = current.map(|(s, u)| (s, PointMark::url_hash(&u)));
            let before = t.recent.len();
            let first_seen = t.recent.first().map(|m| m.seen);
            t.recent.retain(|m| {
                m.seen >= cutoff
                    || Some(m.seen) == first_seen
                    || current.is_some_and(|(s, u)| s == m.seen && u == m.url_hash)
            });
            if t.recent.len() != before {
                // Unless a commit rewrote the head meanwhile.
                self.timelines
                    .compare_and_swap(&k, Some(v), Some(encode_head(&t, &set, unnamed)?))?
                    .ok();
            }
        }
        // Texts are stored once per content hash; drop the ones no document
        // points to any more (older versions of changed pages).
        let referenced: std::collections::HashSet<[u8; 8]> = self
            .documents
            .iter()
            .values()
            .filter_map(|v| {
                v.ok()
                    .and_then(|v| decode::<super::DocumentRecord>(&v).ok())
            })
            .map(|d| d.text_hash.to_be_bytes())
            .collect();
        for k in self.texts.iter().keys() {
            let k = k?;
            if <[u8; 8]>::try_from(k.as_ref()).is_ok_and(|h| !referenced.contains(&h)) {
                self.texts.remove(k)?;
            }
        }
        let mut alerts = 0;
        for kv in self.alerts.iter() {
            let (k, v) = kv?;
            let a: Alert = decode(&v)?;
            if a.ts >= cutoff {
                break;
            }
            let id = u64::from_be_bytes(<[u8; 8]>::try_from(k.as_ref()).unwrap_or([0; 8]));
            // Alerts still waiting for a sink stay.
            if !self.pending_any(id)? {
                self.alerts.remove(&k)?;
                alerts += 1;
            }
        }
        Ok((points, alerts))
    }

    fn pending_any(&self, id: u64) -> Result<bool, StoreError> {
        for kv in self.outbox.iter().keys() {
            let k = kv?;
            if k.len() >= 8 && k[k.len() - 8..] == id.to_be_bytes() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        for b in [&b""[..], b"\x00\xff\x10abc"] {
            assert_eq!(unhex(&hex(b)).unwrap(), b);
        }
        assert!(unhex("abc").is_none() && unhex("zz").is_none());
    }
}
