//! Records: the serde shapes stored in the sled trees, and their versioned
//! encoding (one version byte, then JSON).

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::claims::Claim;

/// Encoding version of every record.
const RECORD_VERSION: u8 = 1;

pub(crate) fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![RECORD_VERSION];
    serde_json::to_writer(&mut out, v).map_err(StoreError::Codec)?;
    Ok(out)
}

pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    match bytes.split_first() {
        Some((&RECORD_VERSION, rest)) => serde_json::from_slice(rest).map_err(StoreError::Codec),
        Some((&v, _)) => Err(StoreError::RecordVersion(v)),
        None => Err(StoreError::RecordVersion(0)),
    }
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
    /// The claims it makes now.
    pub claims: Vec<Claim>,
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
