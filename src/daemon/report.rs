//! Reports: what one source's pass did, and the summary of a whole pass that
//! `check --format json` prints (a contract: fields are only ever added).

use serde::{Deserialize, Serialize};

/// One source's pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceReport {
    /// Source id.
    pub source: String,
    /// Bodies fetched (2xx).
    pub fetched: usize,
    /// 304 answers.
    pub not_modified: usize,
    /// Bodies whose content had not changed.
    pub unchanged: usize,
    /// Known documents whose text changed.
    pub changed_documents: usize,
    /// Documents seen for the first time.
    pub new_documents: usize,
    /// Alerts delivered.
    pub alerts: usize,
    /// Failures.
    pub errors: usize,
    /// The failure, when the pass failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why the pass was skipped (robots_disallowed, retry_after, backoff):
    /// a state, not a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// A whole pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassSummary {
    /// Sources run.
    pub sources: usize,
    /// Bodies fetched (2xx).
    pub fetched: usize,
    /// 304 answers.
    pub not_modified: usize,
    /// Bodies whose content had not changed.
    pub unchanged: usize,
    /// Known documents whose text changed.
    pub changed_documents: usize,
    /// Documents seen for the first time.
    pub new_documents: usize,
    /// Alerts delivered.
    pub alerts: usize,
    /// Failures.
    pub errors: usize,
    /// Sources skipped by robots.txt, Retry-After or backoff.
    #[serde(default)]
    pub skipped: usize,
}

impl PassSummary {
    /// Adds one source's report.
    pub fn add(&mut self, r: &SourceReport) {
        self.sources += 1;
        self.fetched += r.fetched;
        self.not_modified += r.not_modified;
        self.unchanged += r.unchanged;
        self.changed_documents += r.changed_documents;
        self.new_documents += r.new_documents;
        self.alerts += r.alerts;
        self.errors += r.errors;
        self.skipped += usize::from(r.skipped.is_some());
    }
}
