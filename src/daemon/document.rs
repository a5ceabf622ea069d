//! Document: the synchronous part of one document's path — decode,
//! extract, hash, read claims, and commit with its alerts — and the loading
//! of baseline documents. Runs on the blocking pool.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use xxhash_rust::xxh3::xxh3_64;

use super::pipeline::{DocOutcome, PipelineError};
use crate::alert::Deliverer;
use crate::claims::{Lexicon, extract_claims};
use crate::config::Config;
use crate::diff::{Alert, DocContext, carry_keys, file_first_quarters};
use crate::extract::{ExtractOptions, charset, extract_document};
use crate::source::Fetched;
use crate::store::{DocumentRecord, NewDocument, Store};

/// The synchronous part of processing one fetched document.
pub(super) struct DocJob {
    pub(super) store: Store,
    pub(super) deliverer: Arc<Deliverer>,
    pub(super) lexicon: Arc<Lexicon>,
    pub(super) source: String,
    pub(super) url: String,
    pub(super) opts: ExtractOptions,
    pub(super) alert_kinds: Vec<String>,
    pub(super) fetched: Fetched,
    pub(super) now: DateTime<Utc>,
}

impl DocJob {
    pub(super) fn run(self) -> Result<(DocOutcome, usize), PipelineError> {
        let f = &self.fetched;
        let raw_hash = xxh3_64(&f.body);
        let prev = self.store.document(&self.url)?;
        if let Some(prev) = &prev
            && prev.raw_hash == raw_hash
        {
            self.touch(prev, raw_hash)?;
            return Ok((DocOutcome::Unchanged, 0));
        }
        let text = charset::decode(&f.body, f.content_type.as_deref());
        let is_html = f
            .content_type
            .as_deref()
            .map(|ct| ct.contains("html") || ct.contains("xml"));
        let article = extract_document(&text, is_html, &self.opts);
        if article.text.trim().is_empty() {
            return Err(PipelineError::Empty(self.url.clone()));
        }
        let mut hash_input = String::with_capacity(article.title.len() + article.text.len() + 1);
        hash_input.push_str(&article.title);
        hash_input.push('\n');
        hash_input.push_str(&article.text);
        let text_hash = xxh3_64(hash_input.as_bytes());
        if let Some(prev) = &prev
            && prev.text_hash == text_hash
        {
            self.touch(prev, raw_hash)?;
            return Ok((DocOutcome::Unchanged, 0));
        }
        let as_of = article.published.or_else(|| Some(self.now.date_naive()));
        let mut claims = extract_claims(&article.text, as_of, &self.lexicon);
        if let Some(prev) = &prev {
            // A reworded version continues the quantities the page stated.
            carry_keys(&prev.claims, &mut claims);
        }
        // A first quarter continues the timeline of a quarter or of the
        // year so far.
        file_first_quarters(&mut claims, |k| self.store.has_timeline(k))?;
        let record = DocumentRecord {
            url: self.url.clone(),
            source: self.source.clone(),
            title: article.title.clone(),
            published: article.published,
            raw_hash,
            text_hash,
            first_seen: prev.as_ref().map_or(self.now, |p| p.first_seen),
            last_changed: self.now,
            last_checked: Some(self.now),
            claims,
            etag: f.etag.clone(),
            last_modified: f.last_modified.clone(),
            baseline: false,
        };
        let ctx = DocContext {
            source: &self.source,
            url: &self.url,
            title: &article.title,
            now: self.now,
            is_baseline: false,
        };
        let kinds = &self.alert_kinds;
        let out = self.store.commit_document(
            &NewDocument {
                record,
                text: &article.text,
            },
            &ctx,
            &|a: &Alert| kinds.iter().any(|k| k == a.kind.as_str()),
        )?;
        let delivered = self.deliverer.drain(&self.store)?.len();
        let outcome = match (&prev, out.text_changed) {
            (_, false) => DocOutcome::Unchanged,
            (None, true) => DocOutcome::New,
            (Some(_), true) => DocOutcome::Changed,
        };
        Ok((outcome, delivered))
    }

    fn touch(&self, prev: &DocumentRecord, raw_hash: u64) -> Result<(), PipelineError> {
        let f = &self.fetched;
        let mut rec = prev.clone();
        rec.raw_hash = raw_hash;
        rec.etag.clone_from(&f.etag);
        rec.last_modified.clone_from(&f.last_modified);
        rec.last_checked = Some(self.now);
        if rec != *prev {
            self.store.touch_document(&rec)?;
        }
        Ok(())
    }
}

/// Stores each configured baseline (idempotently) and seeds timelines from
/// its claims. Synchronous.
pub fn load_baselines(
    store: &Store,
    cfg: &Config,
    lexicon: &Lexicon,
) -> Result<usize, PipelineError> {
    let mut n = 0;
    for b in &cfg.baselines {
        let bytes = std::fs::read(&b.path)
            .map_err(|e| PipelineError::Empty(format!("baseline {}: {e}", b.path.display())))?;
        let text = charset::decode(&bytes, None);
        let is_html = b
            .path
            .extension()
            .is_some_and(|e| e == "html" || e == "htm");
        let article = extract_document(&text, Some(is_html), &ExtractOptions::default());
        let published = b.published.or(article.published);
        let url = b.url.clone().unwrap_or_else(|| {
            format!(
                "baseline:{}",
                b.path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )
        });
        let text_hash = xxh3_64(article.text.as_bytes());
        if store
            .document(&url)?
            .is_some_and(|d| d.text_hash == text_hash)
        {
            continue;
        }
        let now = Utc::now();
        let mut claims = extract_claims(&article.text, published, lexicon);
        file_first_quarters(&mut claims, |k| store.has_timeline(k))?;
        let record = DocumentRecord {
            url: url.clone(),
            source: "baseline".into(),
            title: article.title.clone(),
            published,
            raw_hash: xxh3_64(&bytes),
            text_hash,
            first_seen: now,
            last_changed: now,
            last_checked: Some(now),
            claims,
            etag: None,
            last_modified: None,
            baseline: true,
        };
        let ctx = DocContext {
            source: "baseline",
            url: &url,
            title: &article.title,
            now,
            is_baseline: true,
        };
        store.commit_document(
            &NewDocument {
                record,
                text: &article.text,
            },
            &ctx,
            &|_| false,
        )?;
        n += 1;
    }
    Ok(n)
}
