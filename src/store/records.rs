//! Records: the serde shapes stored in the sled trees, and their versioned
//! encoding (one version byte, then the body). Version 2, written now, is
//! postcard: compact and several times cheaper to decode than JSON, which
//! matters because every commit reads and rewrites the timelines a
//! document touches. Version 1 (JSON) records from older databases still
//! decode, and are rewritten as version 2 when next updated. Timeline heads
//! have a layout of their own, version 3 (see `heads.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::claims::Claim;

/// Version byte of JSON records (read only).
pub(crate) const RECORD_JSON: u8 = 1;
/// Version byte of postcard records (written).
pub(crate) const RECORD_POSTCARD: u8 = 2;
/// Version byte of compact timeline heads (postcard; see `heads.rs`).
pub(crate) const RECORD_HEAD: u8 = 3;

pub(crate) fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>, StoreError> {
    postcard::to_extend(v, vec![RECORD_POSTCARD]).map_err(StoreError::Compact)
}

pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    match bytes.split_first() {
        Some((&RECORD_POSTCARD, rest)) => postcard::from_bytes(rest).map_err(StoreError::Compact),
        Some((&RECORD_JSON, rest)) => serde_json::from_slice(rest).map_err(StoreError::Codec),
        Some((&v, _)) => Err(StoreError::RecordVersion(v)),
        None => Err(StoreError::RecordVersion(0)),
    }
}

/// Encodes `v` as a version-1 (JSON) record, as older databases hold them.
#[cfg(test)]
pub(crate) fn encode_json<T: Serialize>(v: &T) -> Vec<u8> {
    let mut out = vec![RECORD_JSON];
    // Serialising the store's own record types to a Vec cannot fail.
    serde_json::to_writer(&mut out, v).expect("JSON encoding of a record");
    out
}

/// One fetched (or baseline) document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// URL (or `baseline:<path>`).
    pub url: String,
    /// Source id.
    pub source: String,
    /// Title.
    pub title: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Hash of the fetched bytes.
    pub raw_hash: u64,
    /// Hash of the extracted text (key into `texts`).
    pub text_hash: u64,
    /// First seen.
    pub first_seen: DateTime<Utc>,
    /// Last time its content changed.
    pub last_changed: DateTime<Utc>,
    /// Last time it was fetched.
    #[serde(default)]
    pub last_checked: Option<DateTime<Utc>>,
    /// HTTP validator.
    #[serde(default)]
    pub etag: Option<String>,
    /// HTTP validator.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// A baseline document.
    #[serde(default)]
    pub baseline: bool,
    /// The claims it makes now. Last, so [`DocumentHead`] can stop before
    /// it.
    pub claims: Vec<Claim>,
}

/// The fields of a [`DocumentRecord`] before its claims, in the same order:
/// what a fetch needs (validators, hashes, dates). Decoding a stored record
/// as a head skips the claims, which are most of its bytes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DocumentHead {
    /// URL (or `baseline:<path>`).
    pub url: String,
    /// Source id.
    pub source: String,
    /// Title.
    pub title: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Hash of the fetched bytes.
    pub raw_hash: u64,
    /// Hash of the extracted text.
    pub text_hash: u64,
    /// First seen.
    pub first_seen: DateTime<Utc>,
    /// Last time its content changed.
    pub last_changed: DateTime<Utc>,
    /// Last time it was fetched.
    #[serde(default)]
    pub last_checked: Option<DateTime<Utc>>,
    /// HTTP validator.
    #[serde(default)]
    pub etag: Option<String>,
    /// HTTP validator.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// A baseline document.
    #[serde(default)]
    pub baseline: bool,
}

/// Health and schedule of one source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceState {
    /// Last successful pass.
    pub last_success: Option<DateTime<Utc>>,
    /// Last failed pass.
    pub last_error_at: Option<DateTime<Utc>>,
    /// Its message.
    pub last_error: Option<String>,
    /// Its class (timeout, too_large, http_status, tls, dns, connect, robots, parse, …).
    pub last_error_class: Option<String>,
    /// Failed passes in a row.
    pub consecutive_failures: u32,
    /// When it is due next.
    pub next_due: Option<DateTime<Utc>>,
    /// An unhealthy alert was raised and not yet followed by a recovery.
    #[serde(default)]
    pub unhealthy: bool,
    /// Passes run.
    #[serde(default)]
    pub passes: u64,
    /// Validator of the feed, listing or sitemap.
    #[serde(default)]
    pub index_etag: Option<String>,
    /// Validator of the feed, listing or sitemap.
    #[serde(default)]
    pub index_last_modified: Option<String>,
    /// Article URLs discovered, newest first (kept when they leave the feed).
    #[serde(default)]
    pub articles: Vec<String>,
    /// Feed GUIDs already seen, newest first (an article whose URL changed
    /// but whose GUID did not is not new).
    #[serde(default)]
    pub guids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{ClaimKind, Qualifier};

    fn claim(value_max: Option<f64>) -> Claim {
        Claim {
            subject: "completed project".into(),
            key: "completed project|count".into(),
            value: 20.0,
            value_max,
            unit: "count".into(),
            qualifier: Qualifier::Over,
            as_of: NaiveDate::from_ymd_opt(2024, 3, 1),
            kind: ClaimKind::Target,
            sentence: "Between 20 and 25 projects — “über” 20.".into(),
        }
    }

    fn record() -> DocumentRecord {
        let t = DateTime::parse_from_rfc3339("2026-01-02T03:04:05.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        DocumentRecord {
            url: "https://example.org/a".into(),
            source: "s".into(),
            title: "T".into(),
            published: NaiveDate::from_ymd_opt(2025, 12, 31),
            raw_hash: u64::MAX,
            text_hash: 7,
            first_seen: t,
            last_changed: t,
            last_checked: None,
            claims: vec![claim(None), claim(Some(25.0))],
            etag: Some("\"x\"".into()),
            last_modified: None,
            baseline: true,
        }
    }

    #[test]
    fn records_round_trip_in_the_compact_encoding() {
        let r = record();
        let bytes = encode(&r).unwrap();
        assert_eq!(bytes[0], RECORD_POSTCARD);
        assert_eq!(decode::<DocumentRecord>(&bytes).unwrap(), r);
        assert!(bytes.len() < encode_json(&r).len(), "compact is smaller");
    }

    #[test]
    fn a_head_decodes_from_a_whole_record_in_either_encoding() {
        let r = record();
        for bytes in [encode(&r).unwrap(), encode_json(&r)] {
            let h: DocumentHead = decode(&bytes).unwrap();
            assert_eq!(
                (h.url.as_str(), h.raw_hash, h.text_hash, h.first_seen),
                (r.url.as_str(), r.raw_hash, r.text_hash, r.first_seen)
            );
            assert_eq!(
                (h.etag, h.last_modified, h.baseline),
                (r.etag.clone(), None, true)
            );
            assert_eq!((h.published, h.last_checked), (r.published, r.last_checked));
        }
    }

    #[test]
    fn json_records_of_older_databases_still_decode() {
        let r = record();
        assert_eq!(decode::<DocumentRecord>(&encode_json(&r)).unwrap(), r);
    }

    #[test]
    fn unknown_versions_and_garbage_are_errors_not_panics() {
        assert!(matches!(
            decode::<DocumentRecord>(&[9, 1, 2]),
            Err(StoreError::RecordVersion(9))
        ));
        assert!(matches!(
            decode::<DocumentRecord>(&[]),
            Err(StoreError::RecordVersion(0))
        ));
        let mut truncated = encode(&record()).unwrap();
        truncated.truncate(truncated.len() / 2);
        assert!(matches!(
            decode::<DocumentRecord>(&truncated),
            Err(StoreError::Compact(_))
        ));
    }

    #[test]
    fn json_output_of_a_claim_still_omits_an_absent_range_end() {
        let single = serde_json::to_value(claim(None)).unwrap();
        assert!(single.get("value_max").is_none());
        let range = serde_json::to_value(claim(Some(25.0))).unwrap();
        assert_eq!(range["value_max"], 25.0);
    }
}
