//! Status: the optional loopback HTTP listener — `/healthz`, `/metrics`
//! (OpenMetrics via prometheus-client), `/alerts.atom` and `/api/quantities`
//! — and the metrics the scheduler records.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use tokio_util::sync::CancellationToken;

use super::control;
use super::report::SourceReport;
use crate::alert::Deliverer;
use crate::store::Store;

type Labels = Vec<(&'static str, String)>;

/// The daemon's metrics.
pub struct Metrics {
    registry: Registry,
    fetches: Family<Labels, Counter>,
    pass_seconds: Histogram,
    alerts: Family<Labels, Gauge>,
    source_up: Family<Labels, Gauge>,
    store_bytes: Gauge,
    lateness: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("claimwatch");
        let fetches = Family::<Labels, Counter>::default();
        registry.register("fetches", "Documents fetched, by result", fetches.clone());
        let pass_seconds = Histogram::new(exponential_buckets(0.05, 2.0, 12));
        registry.register(
            "source_pass_seconds",
            "Duration of one source's pass",
            pass_seconds.clone(),
        );
        let alerts = Family::<Labels, Gauge>::default();
        registry.register(
            "alerts_delivered",
            "Alerts delivered since start, by kind",
            alerts.clone(),
        );
        let source_up = Family::<Labels, Gauge>::default();
        registry.register(
            "source_up",
            "1 when the source's last pass succeeded",
            source_up.clone(),
        );
        let lateness = Histogram::new(exponential_buckets(0.001, 2.0, 18));
        registry.register(
            "schedule_lateness_seconds",
            "How late a source's pass started after its due time",
            lateness.clone(),
        );
        let store_bytes = Gauge::default();
        registry.register(
            "store_size_bytes",
            "Database size on disk",
            store_bytes.clone(),
        );
        Self {
            registry,
            fetches,
            pass_seconds,
            alerts,
            source_up,
            store_bytes,
            lateness,
        }
    }

    /// Records how late a pass started.
    pub fn record_lateness(&self, late: Duration) {
        self.lateness.observe(late.as_secs_f64());
    }

    /// Records one source's pass.
    pub fn record(&self, r: &SourceReport, took: Duration) {
        self.pass_seconds.observe(took.as_secs_f64());
        for (result, n) in [
            ("fetched", r.fetched),
            ("not_modified", r.not_modified),
            ("unchanged", r.unchanged),
            ("new", r.new_documents),
            ("changed", r.changed_documents),
            ("error", r.errors),
        ] {
            if n > 0 {
                self.fetches
                    .get_or_create(&vec![("result", result.to_owned())])
                    .inc_by(n as u64);
            }
        }
        self.source_up
            .get_or_create(&vec![("source", r.source.clone())])
            .set(i64::from(r.errors == 0));
    }

    fn render(&self, store: &Store, deliverer: &Deliverer) -> String {
        for (kind, n) in deliverer.delivered_by_kind() {
            self.alerts
                .get_or_create(&vec![("kind", kind.to_owned())])
                .set(i64::try_from(n).unwrap_or(i64::MAX));
        }
        if let Ok(size) = store.size_on_disk() {
            self.store_bytes
                .set(i64::try_from(size).unwrap_or(i64::MAX));
        }
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

/// What the handlers read.
pub struct StatusState {
    /// Metrics.
    pub metrics: Arc<Metrics>,
    /// The store.
    pub store: Store,
    /// The alert sink (for counts).
    pub deliverer: Arc<Deliverer>,
    /// The listen address (for the feed's self link).
    pub addr: SocketAddr,
    /// Set while passes are paused for lack of disk space.
    pub low_disk: Arc<std::sync::atomic::AtomicBool>,
}

/// `ok`, or 503 `degraded: …` while passes are paused for lack of space.
async fn healthz(State(st): State<Arc<StatusState>>) -> Response {
    if st.low_disk.load(std::sync::atomic::Ordering::Relaxed) {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "degraded: low disk space; passes paused\n",
        )
            .into_response()
    } else {
        "ok\n".into_response()
    }
}

async fn metrics(State(st): State<Arc<StatusState>>) -> Response {
    let body = tokio::task::spawn_blocking(move || st.metrics.render(&st.store, &st.deliverer))
        .await
        .unwrap_or_default();
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

async fn atom(State(st): State<Arc<StatusState>>) -> Response {
    let res = tokio::task::spawn_blocking(move || {
        let alerts = st.store.recent_alerts(100)?;
        let self_url = format!("http://{}/alerts.atom", st.addr);
        Ok::<_, crate::store::StoreError>(crate::alert::atom::render(
            "urn:claimwatch:alerts",
            &self_url,
            &alerts,
            chrono::Utc::now(),
        ))
    })
    .await;
    match res {
        Ok(Ok(body)) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            body,
        )
            .into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "store error\n").into_response(),
    }
}

async fn quantities(State(st): State<Arc<StatusState>>) -> Response {
    match tokio::task::spawn_blocking(move || control::quantities_data(&st.store)).await {
        Ok(Ok(v)) => ([(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "store error\n").into_response(),
    }
}

/// The router (exposed for tests).
pub fn router(state: Arc<StatusState>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/alerts.atom", get(atom))
        .route("/api/quantities", get(quantities))
        .with_state(state)
}

/// Serves on `addr` until `cancel` fires.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<StatusState>,
    cancel: CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async move { cancel.cancelled().await })
        .await
}
