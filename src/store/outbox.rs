//! Store accessors outside the document commit: timelines and their history
//! log, alerts that concern no document, the per-sink outbox (pending ids,
//! delivery state, acknowledgement, dead letters), sink routes, and host
//! politeness bytes.

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::records::{decode, encode};
use super::{SINK_LOG, SinkRoute, Store, StoreError, abort, alert_key, next_id, outbox_key, route};
use crate::diff::{Alert, Timeline};

impl Store {
    /// Stores an alert that concerns no document (source health), with its
    /// outbox entry, in one transaction; returns it with its id.
    pub fn commit_alert(&self, alert: Alert) -> Result<Alert, StoreError> {
        let routes = self.routes_for();
        let out =
            (&self.meta, &self.alerts, &self.outbox).transaction(|(meta, alerts, outbox)| {
                let id = next_id(meta)?;
                let alert = Alert {
                    id,
                    ..alert.clone()
                };
                alerts.insert(&alert_key(id), encode(&alert).map_err(abort)?)?;
                outbox.insert(outbox_key(SINK_LOG, id), &[])?;
                route(outbox, &routes, &alert)?;
                Ok(alert.clone())
            })?;
        Ok(out)
    }

    /// Per-host politeness state (robots.txt cache, Retry-After, backoff),
    /// stored as opaque bytes the `source` layer encodes.
    pub fn host_get(&self, host: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.hosts.get(host.as_bytes())?.map(|v| v.to_vec()))
    }

    /// Writes a host's politeness state.
    pub fn host_put(&self, host: &str, value: &[u8]) -> Result<(), StoreError> {
        self.hosts.insert(host.as_bytes(), value)?;
        Ok(())
    }

    /// Every timeline, with its most recent points (see
    /// [`Timeline::points`]).
    pub fn timelines(&self) -> Result<Vec<Timeline>, StoreError> {
        let ids = self.ids_by_ordinal()?;
        self.timelines
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                self.readable_head(&k, &v, &ids)
            })
            .collect()
    }

    /// Every recorded point of a quantity, oldest first (retention may have
    /// dropped old ones).
    pub fn history(&self, key: &str) -> Result<Vec<crate::diff::TimelinePoint>, StoreError> {
        let mut prefix = key.as_bytes().to_vec();
        prefix.push(0);
        self.history
            .scan_prefix(&prefix)
            .values()
            .map(|v| decode(&v?))
            .collect()
    }

    /// Whether a timeline exists for `key`.
    pub fn has_timeline(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self.timelines.contains_key(key.as_bytes())?)
    }

    /// One timeline, with its most recent points.
    pub fn timeline(&self, key: &str) -> Result<Option<Timeline>, StoreError> {
        let Some(v) = self.timelines.get(key.as_bytes())? else {
            return Ok(None);
        };
        let ids = self.ids_by_ordinal()?;
        self.readable_head(key.as_bytes(), &v, &ids).map(Some)
    }

    /// Alerts with id greater than `after`, oldest first.
    pub fn alerts_after(&self, after: u64) -> Result<Vec<Alert>, StoreError> {
        self.alerts
            .range(alert_key(after.saturating_add(1))..)
            .values()
            .map(|v| decode(&v?))
            .collect()
    }

    /// Sets the extra sinks (webhooks) that committed alerts are routed to.
    pub fn set_routes(&self, routes: Vec<SinkRoute>) {
        *self
            .routes
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = routes;
    }

    pub(super) fn routes_for(&self) -> Vec<SinkRoute> {
        self.routes
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The delivery state a sink keeps with a pending alert (opaque bytes).
    pub fn outbox_state(&self, sink: &str, id: u64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.outbox.get(outbox_key(sink, id))?.map(|v| v.to_vec()))
    }

    /// Updates that state, if the entry is still pending.
    pub fn set_outbox_state(&self, sink: &str, id: u64, state: &[u8]) -> Result<(), StoreError> {
        let key = outbox_key(sink, id);
        if self.outbox.contains_key(&key)? {
            self.outbox.insert(key, state)?;
        }
        Ok(())
    }

    /// Moves a pending alert of `sink` to the dead-letter list.
    pub fn dead_letter(&self, sink: &str, id: u64, reason: &str) -> Result<(), StoreError> {
        let key = outbox_key(sink, id);
        (&self.outbox, &self.deadletter).transaction(|(outbox, dead)| {
            outbox.remove(key.clone())?;
            dead.insert(key.clone(), reason.as_bytes())?;
            Ok::<_, ConflictableTransactionError<StoreError>>(())
        })?;
        Ok(())
    }

    /// Dead-lettered (sink, alert id, reason) entries.
    pub fn dead_letters(&self) -> Result<Vec<(String, u64, String)>, StoreError> {
        self.deadletter
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                let split = k.iter().position(|b| *b == 0).unwrap_or(k.len());
                let id = k
                    .get(split + 1..)
                    .and_then(|t| <[u8; 8]>::try_from(t).ok())
                    .map_or(0, u64::from_be_bytes);
                Ok((
                    String::from_utf8_lossy(&k[..split]).into_owned(),
                    id,
                    String::from_utf8_lossy(&v).into_owned(),
                ))
            })
            .collect()
    }

    /// The `n` most recent alerts, newest first.
    pub fn recent_alerts(&self, n: usize) -> Result<Vec<Alert>, StoreError> {
        self.alerts
            .iter()
            .values()
            .rev()
            .take(n)
            .map(|v| decode(&v?))
            .collect()
    }

    /// Alert ids waiting for `sink`.
    pub fn pending(&self, sink: &str) -> Result<Vec<u64>, StoreError> {
        let mut prefix = sink.as_bytes().to_vec();
        prefix.push(0);
        self.outbox
            .scan_prefix(&prefix)
            .keys()
            .map(|k| {
                let k = k?;
                let tail = k
                    .get(prefix.len()..)
                    .and_then(|t| <[u8; 8]>::try_from(t).ok());
                Ok(tail.map_or(0, u64::from_be_bytes))
            })
            .collect()
    }

    /// One alert by id.
    pub fn alert(&self, id: u64) -> Result<Option<Alert>, StoreError> {
        self.alerts
            .get(alert_key(id))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Marks `id` delivered to `sink`.
    pub fn ack(&self, sink: &str, id: u64) -> Result<(), StoreError> {
        self.outbox.remove(outbox_key(sink, id))?;
        Ok(())
    }
}
