//! Source ordinals: every source that records a point gets a dense number,
//! in the order of its first commit, kept in the `source_ordinals` tree
//! (source name → 4-byte big-endian ordinal; the next one in `meta`). A
//! timeline head keeps the ordinals of the sources that stated it as a
//! [`SourceSet`], so counting sources exactly costs a commit one lookup per
//! document and nothing per quantity beyond the head it rewrites anyway.
//! Also here: migrating heads of the older layout, which counted sources by
//! hash, and the head as the readers show it.

use std::collections::{BTreeSet, HashMap};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::heads::{MAX_ORDINAL, SourceSet, StoredHead, decode_head, encode_head, source_id};
use super::records::{DocumentHead, decode};
use super::{Store, StoreError, abort};
use crate::diff::timeline::RECENT_POINTS;
use crate::diff::{Timeline, TimelinePoint};

/// `meta` key of the next source ordinal.
pub(crate) const META_NEXT_ORDINAL: &[u8] = b"next_source_ordinal";
/// Source ids the readers list in [`Timeline::source_ids`] (the count in
/// [`Timeline::source_count`] is of them all).
const LISTED_SOURCE_IDS: usize = 256;

pub(crate) fn be_u32(v: &[u8]) -> Result<u32, StoreError> {
    <[u8; 4]>::try_from(v)
        .map(u32::from_be_bytes)
        .map_err(|_| StoreError::BadValue("source ordinal"))
}

/// Inside a transaction: the ordinal of `source`, given now if it has none.
pub(crate) fn ordinal(
    meta: &TransactionalTree,
    ordinals: &TransactionalTree,
    source: &str,
) -> Result<u32, ConflictableTransactionError<StoreError>> {
    if let Some(v) = ordinals.get(source.as_bytes())? {
        return be_u32(&v).map_err(abort);
    }
    let next = match meta.get(META_NEXT_ORDINAL)? {
        Some(v) => be_u32(&v).map_err(abort)?,
        None => 0,
    };
    if next >= MAX_ORDINAL {
        return Err(abort(StoreError::BadValue("source ordinal")));
    }
    ordinals.insert(source.as_bytes(), &next.to_be_bytes())?;
    meta.insert(META_NEXT_ORDINAL, &(next + 1).to_be_bytes())?;
    Ok(next)
}

/// The sources of a head of the older layout: each id it counted (see
/// [`source_id`]) becomes the ordinal of the known source with that id; an
/// id no known source has is counted as unnamed.
fn legacy_set(ids: &[u32], by_id: &HashMap<u32, u32>) -> (SourceSet, u32) {
    let mut set = SourceSet::default();
    let mut unnamed = 0;
    for id in ids {
        match by_id.get(id) {
            Some(&o) => {
                set.insert(o);
            }
            None => unnamed += 1,
        }
    }
    (set, unnamed)
}

fn unreadable(what: &str, key: &[u8], e: &StoreError) {
    tracing::warn!(
        key = %String::from_utf8_lossy(key),
        error = %e,
        "{what} record does not decode; left as it is by the schema upgrade"
    );
}

impl Store {
    /// (source name, ordinal) of every source with an ordinal.
    fn ordinals(&self) -> impl Iterator<Item = Result<(String, u32), StoreError>> + '_ {
        self.source_ordinals.iter().map(|kv| {
            let (k, v) = kv?;
            Ok((String::from_utf8_lossy(&k).into_owned(), be_u32(&v)?))
        })
    }

    /// Ordinals by source id, to migrate older heads (of two names with one
    /// id, the first).
    fn ordinals_by_id(&self) -> Result<HashMap<u32, u32>, StoreError> {
        let mut by_id = HashMap::new();
        for kv in self.ordinals() {
            let (name, o) = kv?;
            by_id.entry(source_id(&name)).or_insert(o);
        }
        Ok(by_id)
    }

    /// Source ids by ordinal, for the readers.
    pub(crate) fn ids_by_ordinal(&self) -> Result<HashMap<u32, u32>, StoreError> {
        self.ordinals()
            .map(|kv| kv.map(|(name, o)| (o, source_id(&name))))
            .collect()
    }

    /// Migrates every head of the older layout: gives an ordinal to every
    /// source the database knows (by a source state or a document), then
    /// rewrites each older head with the set of its sources. Returns how
    /// many heads it migrated. Rerunning it after a crash is harmless. A
    /// record that does not decode is left as it is (and logged): it fails
    /// where it is used, as before, rather than failing the open.
    pub(super) fn migrate_heads(&self) -> Result<usize, StoreError> {
        let mut names = BTreeSet::new();
        for k in self.sources.iter().keys() {
            names.insert(String::from_utf8_lossy(&k?).into_owned());
        }
        for kv in self.documents.iter() {
            let (k, v) = kv?;
            match decode::<DocumentHead>(&v) {
                Ok(d) => {
                    names.insert(d.source);
                }
                Err(e) => unreadable("document", &k, &e),
            }
        }
        (&self.meta, &self.source_ordinals).transaction(|(meta, ordinals)| {
            for name in &names {
                ordinal(meta, ordinals, name)?;
            }
            Ok(())
        })?;
        let by_id = self.ordinals_by_id()?;
        let mut migrated = 0;
        for kv in self.timelines.iter() {
            let (k, v) = kv?;
            let h = match decode_head(&k, &v) {
                Ok(h) => h,
                Err(e) => {
                    unreadable("timeline", &k, &e);
                    continue;
                }
            };
            if let Some(ids) = &h.legacy {
                let (set, unnamed) = legacy_set(ids, &by_id);
                let head = encode_head(&h.timeline, &set, unnamed)?;
                // Unless another migration (of a running store) was first.
                if self
                    .timelines
                    .compare_and_swap(&k, Some(v), Some(head))?
                    .is_ok()
                {
                    migrated += 1;
                }
            }
        }
        Ok(migrated)
    }

    /// A stored head as the readers show it: a compact head gets its most
    /// recent [`RECENT_POINTS`] points from the history log, and the ids of
    /// its sources (at most 256), as heads once held them. `ids` is
    /// [`Store::ids_by_ordinal`].
    pub(super) fn readable_head(
        &self,
        key: &[u8],
        bytes: &[u8],
        ids: &HashMap<u32, u32>,
    ) -> Result<Timeline, StoreError> {
        let StoredHead {
            mut timeline,
            set,
            legacy,
            ..
        } = decode_head(key, bytes)?;
        if legacy.is_some() {
            return Ok(timeline);
        }
        let mut prefix = key.to_vec();
        prefix.push(0);
        let mut points = self
            .history
            .scan_prefix(&prefix)
            .values()
            .rev()
            .take(RECENT_POINTS)
            .map(|v| decode::<TimelinePoint>(&v?))
            .collect::<Result<Vec<_>, _>>()?;
        points.reverse();
        timeline.points = points;
        timeline.source_ids = set
            .iter()
            .filter_map(|o| ids.get(&o))
            .take(LISTED_SOURCE_IDS)
            .map(|&id| u64::from(id))
            .collect();
        Ok(timeline)
    }
}
