//! Store: the sled database — trees, key encoding, schema version, and the one
//! transaction that writes a document with its claims, timeline updates,
//! alerts and outbox entries. Synchronous; callers keep calls short or run
//! them off the async runtime.

mod heads;
mod maintain;
mod outbox;
mod records;
mod source_sets;
mod verify;

pub use verify::VerifyReport;

pub use maintain::MaintainError;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use crate::claims::Claim;
use crate::diff::{Alert, DocContext, evaluate};
use heads::decode_head;
pub use records::{DocumentHead, DocumentRecord, SourceState};
use records::{decode, encode};

/// Version of the database layout; bumped with a migration. 2: compact
/// timeline heads, which keep their sources as a set of source ordinals
/// (`source_ordinals`); opening a version-1 database migrates its heads.
pub const SCHEMA_VERSION: u64 = 2;
/// The outbox sink name of the alert log.
pub const SINK_LOG: &str = "log";

const META_SCHEMA: &[u8] = b"schema_version";
const META_NEXT_ALERT: &[u8] = b"next_alert_id";
/// Written by [`Store::probe`].
const META_PROBE: &[u8] = b"probe";

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database could not be opened.
    #[error("cannot open database at {path}: {source}")]
    Open {
        /// Its directory.
        path: PathBuf,
        /// sled's error.
        #[source]
        source: sled::Error,
    },
    /// Another process holds the database.
    #[error("database at {path} is in use by another process (is the daemon running?)")]
    Locked {
        /// Its directory.
        path: PathBuf,
    },
    /// The database was written by a newer claimwatch.
    #[error(
        "database schema version {found} is newer than this claimwatch understands ({SCHEMA_VERSION})"
    )]
    Schema {
        /// The version found.
        found: u64,
    },
    /// A sled operation failed.
    #[error("database error: {0}")]
    Sled(#[from] sled::Error),
    /// A record did not decode.
    #[error("record encoding error: {0}")]
    Codec(#[source] serde_json::Error),
    /// A compact (postcard) record did not encode or decode.
    #[error("record encoding error: {0}")]
    Compact(#[source] postcard::Error),
    /// A record has an unknown version byte.
    #[error("record has unknown encoding version {0}")]
    RecordVersion(u8),
    /// A record decoded, but holds a value out of range.
    #[error("record holds an invalid {0}")]
    BadValue(&'static str),
    /// A timeline head of the older layout was met where only migrated
    /// ones are expected.
    #[error("a timeline head of the older layout is not migrated")]
    Unmigrated,
}

impl From<TransactionError<StoreError>> for StoreError {
    fn from(e: TransactionError<StoreError>) -> Self {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => StoreError::Sled(e),
        }
    }
}

fn abort(e: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(e)
}

/// What committing a document did.
#[derive(Debug, Clone, Default)]
pub struct CommitOutcome {
    /// Alerts raised and stored for delivery, with their ids (kinds the
    /// `deliver` filter refuses are neither stored nor returned).
    pub alerts: Vec<Alert>,
    /// Whether the text differed from what was stored.
    pub text_changed: bool,
}

/// A document ready to be committed.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    /// The record to store (claims included).
    pub record: DocumentRecord,
    /// The extracted text.
    pub text: &'a str,
}

/// The sled database.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    path: PathBuf,
    meta: sled::Tree,
    sources: sled::Tree,
    documents: sled::Tree,
    texts: sled::Tree,
    timelines: sled::Tree,
    alerts: sled::Tree,
    outbox: sled::Tree,
    hosts: sled::Tree,
    deadletter: sled::Tree,
    history: sled::Tree,
    source_ordinals: sled::Tree,
    routes: std::sync::Arc<std::sync::RwLock<Vec<SinkRoute>>>,
}

/// An extra sink (a webhook) and the alert kinds it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkRoute {
    /// Sink name (outbox prefix).
    pub sink: String,
    /// Alert kinds it takes.
    pub kinds: Vec<String>,
}

fn alert_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// Whether an open failed because another process holds the database's
/// file lock. sled wraps the `flock` error in a message of its own, so the
/// inner error is looked for as well as the outer one.
fn is_lock_conflict(io: &std::io::Error) -> bool {
    let would_block = |e: &std::io::Error| {
        e.kind() == std::io::ErrorKind::WouldBlock || e.raw_os_error() == Some(libc::EWOULDBLOCK)
    };
    would_block(io)
        || io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<std::io::Error>())
            .is_some_and(would_block)
        || io.to_string().contains("could not acquire lock")
}

/// History log key: quantity key, a zero byte, the point's sequence number.
pub(crate) fn history_key(key: &str, seq: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(key.len() + 9);
    k.extend_from_slice(key.as_bytes());
    k.push(0);
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

fn outbox_key(sink: &str, id: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(sink.len() + 9);
    k.extend_from_slice(sink.as_bytes());
    k.push(0);
    k.extend_from_slice(&id.to_be_bytes());
    k
}

impl Store {
    /// Opens (or creates) the database in `dir` with a page cache of
    /// `cache_capacity` bytes.
    pub fn open(dir: &Path, cache_capacity: u64) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        let db = sled::Config::new()
            .path(dir.join("db"))
            .cache_capacity(cache_capacity)
            .flush_every_ms(Some(500))
            .mode(sled::Mode::LowSpace)
            .open()
            .map_err(|e| match &e {
                sled::Error::Io(io) if is_lock_conflict(io) => StoreError::Locked {
                    path: dir.to_path_buf(),
                },
                _ => StoreError::Open {
                    path: dir.to_path_buf(),
                    source: e,
                },
            })?;
        let tree = |n: &str| db.open_tree(n);
        let store = Self {
            meta: tree("meta")?,
            sources: tree("sources")?,
            documents: tree("documents")?,
            texts: tree("texts")?,
            timelines: tree("timelines")?,
            alerts: tree("alerts")?,
            outbox: tree("outbox")?,
            hosts: tree("hosts")?,
            deadletter: tree("deadletter")?,
            history: tree("history")?,
            source_ordinals: tree("source_ordinals")?,
            routes: Default::default(),
            path: dir.to_path_buf(),
            db,
        };
        store.upgrade_schema()?;
        Ok(store)
    }

    /// Refuses a database of a newer schema, and migrates one of an older
    /// schema (or of none: a new one, or an import without `meta`).
    fn upgrade_schema(&self) -> Result<(), StoreError> {
        let found = self
            .meta
            .get(META_SCHEMA)?
            .map(|v| u64::from_be_bytes(v.as_ref().try_into().unwrap_or([0xff; 8])));
        match found {
            Some(found) if found > SCHEMA_VERSION => return Err(StoreError::Schema { found }),
            Some(SCHEMA_VERSION) => return Ok(()),
            None if self.timelines.is_empty() => {}
            _ => {
                // Safe to repeat if a crash comes before the version is
                // written; a head found unmigrated later is migrated then.
                let heads = self.migrate_heads()?;
                tracing::info!(
                    from = found.unwrap_or(0),
                    to = SCHEMA_VERSION,
                    heads,
                    "database schema upgraded: timeline heads rewritten compactly"
                );
            }
        }
        self.meta
            .insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
        Ok(())
    }

    /// Opens the database; when it is corrupt (or sled panics reading it),
    /// moves it aside to `db.corrupt-<timestamp>` and starts a fresh one.
    /// Returns where the corrupt copy went, if anywhere. A database held by
    /// another process is never moved.
    pub fn open_or_recover(
        dir: &Path,
        cache_capacity: u64,
    ) -> Result<(Self, Option<PathBuf>), StoreError> {
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Self::open(dir, cache_capacity)
        }));
        let why = match attempt {
            Ok(Ok(store)) => return Ok((store, None)),
            Ok(Err(e @ (StoreError::Locked { .. } | StoreError::Schema { .. }))) => return Err(e),
            Ok(Err(StoreError::Open {
                source: sled::Error::Io(io),
                path,
            })) if !matches!(
                io.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            ) =>
            {
                return Err(StoreError::Open {
                    path,
                    source: sled::Error::Io(io),
                });
            }
            Ok(Err(e)) => e.to_string(),
            Err(_) => "sled panicked while opening".to_owned(),
        };
        let aside = dir.join(format!(
            "db.corrupt-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
        ));
        std::fs::rename(dir.join("db"), &aside).map_err(|e| StoreError::Open {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        tracing::error!(
            reason = %why,
            moved_to = %aside.display(),
            "CRITICAL: the database was corrupt; it was moved aside and a fresh one started from the baselines"
        );
        Ok((Self::open(dir, cache_capacity)?, Some(aside)))
    }

    /// Makes sure new alert ids start above `last_written` (after a fresh
    /// start, the alert log may already hold higher ids).
    pub fn ensure_next_alert_id(&self, last_written: u64) -> Result<(), StoreError> {
        let cur = self
            .meta
            .get(META_NEXT_ALERT)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(1, u64::from_be_bytes);
        if cur <= last_written {
            self.meta
                .insert(META_NEXT_ALERT, &(last_written + 1).to_be_bytes())?;
        }
        Ok(())
    }

    /// The database directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes everything to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// Writes and flushes a marker: `Ok` when the database still takes
    /// durable writes.
    pub fn probe(&self) -> Result<(), StoreError> {
        let now = chrono::Utc::now().timestamp_micros().to_be_bytes();
        self.meta.insert(META_PROBE, &now)?;
        self.db.flush()?;
        Ok(())
    }

    /// Bytes on disk.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.db.size_on_disk()?)
    }

    /// The stored document at `url`.
    pub fn document(&self, url: &str) -> Result<Option<DocumentRecord>, StoreError> {
        self.documents
            .get(url.as_bytes())?
            .map(|v| decode(&v))
            .transpose()
    }

    /// The head of the stored document for `url`: everything but its claims.
    pub fn document_head(&self, url: &str) -> Result<Option<DocumentHead>, StoreError> {
        self.documents
            .get(url.as_bytes())?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Every stored document (baselines included).
    pub fn documents(&self) -> Result<Vec<DocumentRecord>, StoreError> {
        self.documents
            .iter()
            .values()
            .map(|v| decode(&v?))
            .collect()
    }

    /// The extracted text stored under `hash`.
    pub fn text(&self, hash: u64) -> Result<Option<String>, StoreError> {
        Ok(self.texts.get(hash.to_be_bytes())?.and_then(|v| {
            lz4_flex::decompress_size_prepended(&v)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
        }))
    }

    /// A source's state.
    pub fn source_state(&self, id: &str) -> Result<SourceState, StoreError> {
        Ok(self
            .sources
            .get(id.as_bytes())?
            .map(|v| decode(&v))
            .transpose()?
            .unwrap_or_default())
    }

    /// Every source state by id.
    pub fn source_states(&self) -> Result<Vec<(String, SourceState)>, StoreError> {
        self.sources
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                Ok((String::from_utf8_lossy(&k).into_owned(), decode(&v)?))
            })
            .collect()
    }

    /// Writes a source's state.
    pub fn put_source_state(&self, id: &str, s: &SourceState) -> Result<(), StoreError> {
        self.sources.insert(id.as_bytes(), encode(s)?)?;
        Ok(())
    }

    /// Records a document seen again with unchanged content: only its HTTP
    /// validators and fetch hash move. No claims, timelines or alerts change.
    pub fn touch_document(&self, rec: &DocumentRecord) -> Result<(), StoreError> {
        self.documents.insert(rec.url.as_bytes(), encode(rec)?)?;
        Ok(())
    }

    /// Commits a document: its record and text, the timeline updates its
    /// claims cause and the alerts they raise, with outbox entries — all in
    /// one transaction, so a crash can neither lose nor repeat an alert.
    /// `deliver` says which alert kinds go to the outbox.
    pub fn commit_document(
        &self,
        doc: &NewDocument<'_>,
        ctx: &DocContext<'_>,
        deliver: &dyn Fn(&Alert) -> bool,
    ) -> Result<CommitOutcome, StoreError> {
        match self.commit_once(doc, ctx, deliver) {
            // Opening the database migrated the older heads; one imported or
            // written since is migrated now (outside the transaction, which
            // must not read the trees directly).
            Err(StoreError::Unmigrated) => {
                self.migrate_heads()?;
                self.commit_once(doc, ctx, deliver)
            }
            other => other,
        }
    }

    fn commit_once(
        &self,
        doc: &NewDocument<'_>,
        ctx: &DocContext<'_>,
        deliver: &dyn Fn(&Alert) -> bool,
    ) -> Result<CommitOutcome, StoreError> {
        let rec = &doc.record;
        let text_key = rec.text_hash.to_be_bytes();
        let compressed = lz4_flex::compress_prepend_size(doc.text.as_bytes());
        let encoded_doc = encode(rec)?;
        let routes = self.routes_for();
        let trees = (
            &self.meta,
            &self.documents,
            &self.texts,
            &self.timelines,
            &self.alerts,
            &self.outbox,
            &self.history,
            &self.source_ordinals,
        );
        let outcome = trees.transaction(
            |(meta, documents, texts, timelines, alerts, outbox, history, ordinals)| {
                let prev: Option<DocumentRecord> = documents
                    .get(rec.url.as_bytes())?
                    .map(|v| decode(&v))
                    .transpose()
                    .map_err(abort)?;
                let text_changed = prev.as_ref().is_none_or(|p| p.text_hash != rec.text_hash);
                let mut keys: Vec<&str> = rec.claims.iter().map(|c| c.key.as_str()).collect();
                keys.sort_unstable();
                keys.dedup();
                let mut current = HashMap::new();
                let mut sets = HashMap::new();
                for k in keys {
                    if let Some(v) = timelines.get(k.as_bytes())? {
                        let head = decode_head(k.as_bytes(), &v).map_err(abort)?;
                        if head.legacy.is_some() {
                            return Err(abort(StoreError::Unmigrated));
                        }
                        sets.insert(k, (head.set, head.unnamed));
                        current.insert(k.to_owned(), head.timeline);
                    }
                }
                let prev_claims: Option<&[Claim]> = prev.as_ref().map(|p| p.claims.as_slice());
                let mut eval = if text_changed {
                    evaluate(ctx, &rec.claims, prev_claims, &current)
                } else {
                    Default::default()
                };
                documents.insert(rec.url.as_bytes(), encoded_doc.clone())?;
                if texts.get(text_key)?.is_none() {
                    texts.insert(&text_key, compressed.clone())?;
                }
                // Each head counts the source of every point appended to it
                // (this document's); `known` holds the ordinals looked up.
                let mut known: Vec<(&str, u32)> = Vec::with_capacity(1);
                for t in &mut eval.timelines {
                    let (mut set, unnamed) = sets.remove(t.key.as_str()).unwrap_or_default();
                    for (_, _, p) in eval.appended.iter().filter(|(k, ..)| *k == t.key) {
                        let o = match known.iter().find(|(s, _)| *s == p.source) {
                            Some(&(_, o)) => o,
                            None => {
                                let o = source_sets::ordinal(meta, ordinals, &p.source)?;
                                known.push((&p.source, o));
                                o
                            }
                        };
                        set.insert(o);
                    }
                    t.source_count = set.len() + u64::from(unnamed);
                    let head = heads::encode_head(t, &set, unnamed).map_err(abort)?;
                    timelines.insert(t.key.as_bytes(), head)?;
                }
                for (key, seq, point) in &eval.appended {
                    history.insert(history_key(key, *seq), encode(point).map_err(abort)?)?;
                }
                // Only alerts that will be delivered are stored: the others
                // (`historical`, `restated` by default) are already recorded
                // as history points, and a busy first pass raises thousands.
                let mut raised = Vec::with_capacity(eval.alerts.len());
                for mut a in eval.alerts.into_iter().filter(|a| deliver(a)) {
                    let id = next_id(meta)?;
                    a.id = id;
                    alerts.insert(&alert_key(id), encode(&a).map_err(abort)?)?;
                    outbox.insert(outbox_key(SINK_LOG, id), &[])?;
                    route(outbox, &routes, &a)?;
                    raised.push(a);
                }
                Ok(CommitOutcome {
                    alerts: raised,
                    text_changed,
                })
            },
        )?;
        Ok(outcome)
    }
}

fn route(
    outbox: &sled::transaction::TransactionalTree,
    routes: &[SinkRoute],
    a: &Alert,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    for r in routes
        .iter()
        .filter(|r| r.kinds.iter().any(|k| k == a.kind.as_str()))
    {
        outbox.insert(outbox_key(&r.sink, a.id), &[])?;
    }
    Ok(())
}

fn next_id(
    meta: &sled::transaction::TransactionalTree,
) -> Result<u64, ConflictableTransactionError<StoreError>> {
    let cur = meta
        .get(META_NEXT_ALERT)?
        .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
        .map_or(1, u64::from_be_bytes);
    meta.insert(META_NEXT_ALERT, &(cur + 1).to_be_bytes())?;
    Ok(cur)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "sources_tests.rs"]
mod sources_tests;
