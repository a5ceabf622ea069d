//! Webhook sink: POSTs each routed alert (JSON, Slack- or ntfy-style, or a
//! custom template) with an `Idempotency-Key`, from the store's persisted
//! outbox, retrying with backoff and dead-lettering after a deadline. It runs
//! on its own task, so a down or slow receiver never blocks fetching.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{format_value, human_line};
use crate::config::{WebhookConfig, WebhookTemplate};
use crate::diff::Alert;
use crate::store::{Store, StoreError};

/// Longest wait between two attempts.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(3600);

/// Delivery state kept with a pending outbox entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Attempt {
    attempts: u32,
    first_try: Option<DateTime<Utc>>,
    next_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Acknowledged by the receiver.
    pub delivered: usize,
    /// Failed this round (will be retried).
    pub failed: usize,
    /// Moved to the dead-letter list.
    pub dead: usize,
}

/// One configured webhook.
#[derive(Debug, Clone)]
pub struct WebhookSink {
    cfg: WebhookConfig,
    client: reqwest::Client,
}

fn fill(template: &str, a: &Alert) -> String {
    let num = |v: Option<f64>| v.map(format_value).unwrap_or_default();
    template
        .replace("{id}", &a.id.to_string())
        .replace("{kind}", a.kind.as_str())
        .replace("{quantity}", &a.quantity)
        .replace("{unit}", &a.unit)
        .replace("{old}", &num(a.old))
        .replace("{new}", &num(a.new))
        .replace("{delta}", &num(a.delta))
        .replace("{source}", &a.source)
        .replace("{url}", &a.url)
        .replace("{sentence}", &a.sentence)
        .replace("{line}", &human_line(a))
}

impl WebhookSink {
    /// Builds the sink and its HTTP client.
    pub fn new(cfg: WebhookConfig, user_agent: &str) -> Result<Self, reqwest::Error> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .timeout(cfg.timeout)
            .redirect(reqwest::redirect::Policy::limited(3))
            .no_proxy()
            .build()?;
        Ok(Self { cfg, client })
    }

    /// The sink's name (its outbox prefix).
    pub fn name(&self) -> &str {
        &self.cfg.name
    }

    /// Content type and body for `a`.
    pub fn body(&self, a: &Alert) -> (&'static str, String) {
        match &self.cfg.template {
            WebhookTemplate::Json => (
                "application/json",
                serde_json::to_string(a).unwrap_or_default(),
            ),
            WebhookTemplate::Slack => (
                "application/json",
                serde_json::json!({ "text": human_line(a) }).to_string(),
            ),
            WebhookTemplate::Ntfy => ("text/plain; charset=utf-8", human_line(a)),
            WebhookTemplate::Custom(t) => ("text/plain; charset=utf-8", fill(t, a)),
        }
    }

    async fn post(&self, a: &Alert) -> Result<(), String> {
        let (ct, body) = self.body(a);
        let mut req = self
            .client
            .post(self.cfg.url.clone())
            .header(reqwest::header::CONTENT_TYPE, ct)
            .header("Idempotency-Key", format!("claimwatch-{}", a.id))
            .body(body);
        if self.cfg.template == WebhookTemplate::Ntfy {
            req = req.header(
                "Title",
                format!("claimwatch: {} {}", a.kind.as_str(), a.quantity),
            );
        }
        match req.send().await {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
            Err(e) => Err(e.to_string()),
        }
    }

    fn backoff(&self, attempts: u32) -> Duration {
        let factor = 1u32 << attempts.saturating_sub(1).min(16);
        (self.cfg.retry_initial * factor).min(MAX_RETRY_DELAY)
    }

    /// Delivers every due pending alert, oldest first. Stops the round at the
    /// first failure, so a down receiver costs one attempt per round.
    pub async fn deliver_due(
        &self,
        store: &Store,
        now: DateTime<Utc>,
    ) -> Result<Round, StoreError> {
        let mut round = Round::default();
        let pending = store.pending(&self.cfg.name)?;
        if !pending.is_empty() {
            // An alert must be durable before anyone hears of it: after a crash
            // its id would otherwise be reused for a different alert.
            store.flush()?;
        }
        for id in pending {
            let mut st: Attempt = store
                .outbox_state(&self.cfg.name, id)?
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default();
            if st.next_at.is_some_and(|t| t > now) {
                continue;
            }
            let Some(alert) = store.alert(id)? else {
                store.ack(&self.cfg.name, id)?;
                continue;
            };
            match self.post(&alert).await {
                Ok(()) => {
                    store.ack(&self.cfg.name, id)?;
                    round.delivered += 1;
                }
                Err(e) => {
                    st.attempts += 1;
                    let first = *st.first_try.get_or_insert(now);
                    let age = (now - first).to_std().unwrap_or_default();
                    if age >= self.cfg.give_up_after {
                        tracing::error!(sink = %self.cfg.name, alert_id = id, error = %e, "webhook gave up; alert dead-lettered");
                        store.dead_letter(&self.cfg.name, id, &e)?;
                        round.dead += 1;
                        continue;
                    }
                    st.next_at = Some(
                        now + chrono::Duration::from_std(self.backoff(st.attempts))
                            .unwrap_or_default(),
                    );
                    tracing::warn!(sink = %self.cfg.name, alert_id = id, attempts = st.attempts, error = %e, "webhook delivery failed; will retry");
                    st.last_error = Some(e);
                    store.set_outbox_state(
                        &self.cfg.name,
                        id,
                        &serde_json::to_vec(&st).unwrap_or_default(),
                    )?;
                    round.failed += 1;
                    break;
                }
            }
        }
        Ok(round)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_template_fills_placeholders() {
        let a: Alert = serde_json::from_value(serde_json::json!({
            "id": 7, "ts": "2026-01-01T00:00:00Z", "kind": "changed", "quantity": "completed projects",
            "key": "k", "unit": "count", "old": 38.0, "new": 41.0, "delta": 3.0, "delta_pct": 7.89,
            "baseline": null, "as_of": null, "source": "s", "url": "http://127.0.0.1/a", "title": "t", "sentence": "x"
        }))
        .unwrap();
        assert_eq!(
            fill("{kind}: {quantity} {old} -> {new} ({url}) #{id}", &a),
            "changed: completed projects 38 -> 41 (http://127.0.0.1/a) #7"
        );
    }
}
