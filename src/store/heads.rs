//! Timeline heads as stored. A head is read and rewritten by every commit
//! that touches its quantity, so it is kept compact: the current point in
//! full, marks of the recent points (see [`PointMark`]), when the value last
//! moved, the first source names, and the set of sources that stated it as
//! a [`SourceSet`] of source ordinals (see `source_sets.rs`): a bitmap, or
//! a list when that is shorter, at most one bit per source the database
//! knows however many of them state the quantity. Heads of the older layout
//! (version 1 JSON or version 2 postcard: recent points in full, up to 256
//! source hashes) still read, and are migrated when the database is opened.

use std::borrow::Cow;
use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::StoreError;
use super::records::{RECORD_HEAD, RECORD_JSON, RECORD_POSTCARD};
use crate::claims::{ClaimKind, Qualifier};
use crate::diff::timeline::PointMark;
use crate::diff::{Timeline, TimelinePoint};

/// The id older heads counted a source under, and the one the readers list
/// in [`Timeline::source_ids`]: the top 32 bits of its xxh3 hash.
pub(crate) fn source_id(source: &str) -> u32 {
    // The shift leaves 32 bits, so the cast keeps them all.
    (xxhash_rust::xxh3::xxh3_64(source.as_bytes()) >> 32) as u32
}

/// The id of an entry of an older head's list: a 32-bit id, or (before
/// those) the source's whole 64-bit hash, whose top 32 bits are the id.
pub(crate) fn legacy_id(id: u64) -> u32 {
    u32::try_from(id).unwrap_or((id >> 32) as u32)
}

/// A time, exactly: seconds and nanoseconds since the epoch (some 10 bytes
/// in postcard, against about 30 for chrono's text form).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Stamp(i64, u32);

impl From<DateTime<Utc>> for Stamp {
    fn from(t: DateTime<Utc>) -> Self {
        Self(t.timestamp(), t.timestamp_subsec_nanos())
    }
}

impl Stamp {
    fn time(self) -> Result<DateTime<Utc>, StoreError> {
        DateTime::from_timestamp(self.0, self.1).ok_or(StoreError::BadValue("timestamp"))
    }
}

fn day(d: Option<NaiveDate>) -> Option<i32> {
    d.map(|d| d.num_days_from_ce())
}

fn date(d: Option<i32>) -> Result<Option<NaiveDate>, StoreError> {
    d.map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or(StoreError::BadValue("date")))
        .transpose()
}

/// Source ordinals stay below this (a set of them all is 2 MiB).
pub(crate) const MAX_ORDINAL: u32 = 1 << 24;

/// A set of source ordinals (see `source_sets.rs`), as a bitmap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SourceSet {
    bits: Vec<u8>,
}

impl SourceSet {
    /// Adds `ordinal`; whether it was not in the set.
    pub fn insert(&mut self, ordinal: u32) -> bool {
        let (byte, bit) = (ordinal as usize / 8, 1u8 << (ordinal % 8));
        if self.bits.len() <= byte {
            self.bits.resize(byte + 1, 0);
        }
        let new = self.bits[byte] & bit == 0;
        self.bits[byte] |= bit;
        new
    }

    /// Members.
    pub fn len(&self) -> u64 {
        self.bits.iter().map(|b| u64::from(b.count_ones())).sum()
    }

    /// Members, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..).step_by(8).zip(&self.bits).flat_map(|(base, &b)| {
            (0..8)
                .filter(move |i| b & (1 << i) != 0)
                .map(move |i| base + i)
        })
    }

    fn record(&self) -> SetRecord<'_> {
        // Postcard's varints take 7 bits a byte.
        let varint = |n: u64| (64 - n.leading_zeros()).div_ceil(7).max(1) as usize;
        let used = self.bits.len() - self.bits.iter().rev().take_while(|b| **b == 0).count();
        let listed = varint(self.len()) + self.iter().map(|o| varint(o.into())).sum::<usize>();
        if listed < varint(used as u64) + used {
            SetRecord::List(self.iter().collect())
        } else {
            SetRecord::Bits(Cow::Borrowed(&self.bits[..used]))
        }
    }

    fn of_record(r: SetRecord<'_>) -> Result<Self, StoreError> {
        match r {
            SetRecord::Bits(b) if b.len() <= MAX_ORDINAL as usize / 8 => Ok(Self {
                bits: b.into_owned(),
            }),
            SetRecord::List(l) if l.iter().all(|o| *o < MAX_ORDINAL) => {
                let mut s = Self::default();
                for o in l {
                    s.insert(o);
                }
                Ok(s)
            }
            _ => Err(StoreError::BadValue("source ordinal")),
        }
    }
}

/// [`SourceSet`] as stored: whichever is shorter.
#[derive(Debug, Serialize, Deserialize)]
enum SetRecord<'a> {
    /// Bit `n` of byte `n / 8`, from the lowest bit, is ordinal `n`.
    Bits(Cow<'a, [u8]>),
    /// The ordinals, ascending.
    List(Vec<u32>),
}

/// [`PointMark`] as stored.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct MarkRecord {
    url: [u8; 8],
    value: f64,
    as_of: Option<i32>,
    seen: Stamp,
}

/// [`TimelinePoint`] as stored in a compact head.
#[derive(Debug, Serialize, Deserialize)]
struct PointRecord<'a> {
    value: f64,
    qualifier: Qualifier,
    kind: ClaimKind,
    as_of: Option<i32>,
    seen: Stamp,
    #[serde(borrow)]
    source: Cow<'a, str>,
    #[serde(borrow)]
    url: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    sentence: Cow<'a, str>,
    historical: bool,
}

/// A compact head (record version 3). The quantity key is the record's key.
#[derive(Debug, Serialize, Deserialize)]
struct HeadRecord<'a> {
    #[serde(borrow)]
    subject: Cow<'a, str>,
    #[serde(borrow)]
    unit: Cow<'a, str>,
    baseline: Option<f64>,
    #[serde(borrow)]
    current: Option<PointRecord<'a>>,
    count: u64,
    sources: Cow<'a, [String]>,
    source_set: SetRecord<'a>,
    /// Sources an older head counted that no known source name matched
    /// when it was migrated: counted, never matched again.
    unnamed: u32,
    last_change: Option<Stamp>,
    recent: Vec<MarkRecord>,
}

/// The head layout of record versions 1 and 2: the `Timeline` of then,
/// field for field (postcard depends on their order).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct LegacyHead {
    pub key: String,
    pub subject: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub points: Vec<TimelinePoint>,
    #[serde(default)]
    pub current: Option<TimelinePoint>,
    #[serde(default)]
    pub count: u64,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub source_ids: Vec<u64>,
    #[serde(default)]
    pub last_change: Option<DateTime<Utc>>,
}

/// The first postcard head layout, without source ids and `last_change`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct EarlyHead {
    pub key: String,
    pub subject: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub points: Vec<TimelinePoint>,
    pub current: Option<TimelinePoint>,
    pub count: u64,
    pub sources: Vec<String>,
}

impl From<EarlyHead> for LegacyHead {
    fn from(e: EarlyHead) -> Self {
        Self {
            key: e.key,
            subject: e.subject,
            unit: e.unit,
            baseline: e.baseline,
            points: e.points,
            current: e.current,
            count: e.count,
            sources: e.sources,
            source_ids: Vec::new(),
            last_change: None,
        }
    }
}

/// A head as read from the `timelines` tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredHead {
    /// The timeline (no points, no listed source ids: see
    /// `Store::readable_head`); its `source_count` is that of the set.
    pub timeline: Timeline,
    /// The sources that stated it.
    pub set: SourceSet,
    /// Sources counted besides the set (see [`HeadRecord::unnamed`]).
    pub unnamed: u32,
    /// For a head of the older layout, the ids of the sources it counted
    /// (see [`source_id`]); its set is empty until it is migrated.
    pub legacy: Option<Vec<u32>>,
}

/// Decodes a head stored under `key`, in any layout.
pub(crate) fn decode_head(key: &[u8], bytes: &[u8]) -> Result<StoredHead, StoreError> {
    let legacy = match bytes.split_first() {
        Some((&RECORD_HEAD, rest)) => {
            let h: HeadRecord<'_> = postcard::from_bytes(rest).map_err(StoreError::Compact)?;
            let unnamed = h.unnamed;
            let (mut timeline, set) = h.timeline(String::from_utf8_lossy(key).into_owned())?;
            timeline.source_count = set.len() + u64::from(unnamed);
            return Ok(StoredHead {
                timeline,
                set,
                unnamed,
                legacy: None,
            });
        }
        Some((&RECORD_POSTCARD, rest)) => match postcard::from_bytes::<LegacyHead>(rest) {
            Ok(l) => l,
            Err(e) => postcard::from_bytes::<EarlyHead>(rest)
                .map(LegacyHead::from)
                .map_err(|_| StoreError::Compact(e))?,
        },
        Some((&RECORD_JSON, rest)) => serde_json::from_slice(rest).map_err(StoreError::Codec)?,
        Some((&v, _)) => return Err(StoreError::RecordVersion(v)),
        None => return Err(StoreError::RecordVersion(0)),
    };
    Ok(from_legacy(legacy))
}

fn from_legacy(l: LegacyHead) -> StoredHead {
    // Heads from before the id list counted by name.
    let ids: BTreeSet<u32> = l
        .source_ids
        .iter()
        .map(|&id| legacy_id(id))
        .chain(l.sources.iter().map(|s| source_id(s)))
        .collect();
    let timeline = Timeline {
        recent: l.points.iter().map(PointMark::of).collect(),
        source_count: ids.len() as u64,
        key: l.key,
        subject: l.subject,
        unit: l.unit,
        baseline: l.baseline,
        points: l.points,
        current: l.current,
        count: l.count,
        sources: l.sources,
        source_ids: l.source_ids,
        last_change: l.last_change,
    };
    StoredHead {
        timeline,
        set: SourceSet::default(),
        unnamed: 0,
        legacy: Some(ids.into_iter().collect()),
    }
}

impl<'a> HeadRecord<'a> {
    fn of(t: &'a Timeline, set: &'a SourceSet, unnamed: u32) -> Self {
        // A head of the oldest layout may have no `current`: its newest point.
        let current = t.latest().map(|p| PointRecord {
            value: p.value,
            qualifier: p.qualifier,
            kind: p.kind,
            as_of: day(p.as_of),
            seen: p.seen.into(),
            source: Cow::Borrowed(&p.source),
            url: Cow::Borrowed(&p.url),
            title: Cow::Borrowed(&p.title),
            sentence: Cow::Borrowed(&p.sentence),
            historical: p.historical,
        });
        Self {
            subject: Cow::Borrowed(&t.subject),
            unit: Cow::Borrowed(&t.unit),
            baseline: t.baseline,
            current,
            count: t.count,
            sources: Cow::Borrowed(&t.sources),
            source_set: set.record(),
            unnamed,
            last_change: t.last_change.map(Stamp::from),
            recent: t
                .recent
                .iter()
                .map(|m| MarkRecord {
                    url: m.url_hash.to_le_bytes(),
                    value: m.value,
                    as_of: day(m.as_of),
                    seen: m.seen.into(),
                })
                .collect(),
        }
    }

    fn timeline(self, key: String) -> Result<(Timeline, SourceSet), StoreError> {
        let current = self
            .current
            .map(|p| {
                Ok::<_, StoreError>(TimelinePoint {
                    value: p.value,
                    qualifier: p.qualifier,
                    kind: p.kind,
                    as_of: date(p.as_of)?,
                    seen: p.seen.time()?,
                    source: p.source.into_owned(),
                    url: p.url.into_owned(),
                    title: p.title.into_owned(),
                    sentence: p.sentence.into_owned(),
                    historical: p.historical,
                })
            })
            .transpose()?;
        let recent = self
            .recent
            .iter()
            .map(|m| {
                Ok(PointMark {
                    url_hash: u64::from_le_bytes(m.url),
                    value: m.value,
                    as_of: date(m.as_of)?,
                    seen: m.seen.time()?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let t = Timeline {
            key,
            subject: self.subject.into_owned(),
            unit: self.unit.into_owned(),
            baseline: self.baseline,
            points: Vec::new(),
            current,
            count: self.count,
            sources: self.sources.into_owned(),
            source_ids: Vec::new(),
            last_change: self.last_change.map(Stamp::time).transpose()?,
            source_count: 0,
            recent,
        };
        Ok((t, SourceSet::of_record(self.source_set)?))
    }
}

/// Encodes `t`, stated by the sources of `set` and `unnamed` others, as a
/// compact head (the key is not repeated in it).
pub(crate) fn encode_head(
    t: &Timeline,
    set: &SourceSet,
    unnamed: u32,
) -> Result<Vec<u8>, StoreError> {
    postcard::to_extend(&HeadRecord::of(t, set, unnamed), vec![RECORD_HEAD])
        .map_err(StoreError::Compact)
}

#[cfg(test)]
#[path = "heads_tests.rs"]
mod tests;
