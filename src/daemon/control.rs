//! Control: the daemon's local Unix socket, through which `sources`,
//! `quantities`, `history` and `check` work while the daemon holds the
//! database, and the query functions both paths share.
//!
//! Protocol: one JSON request line (`{"cmd":"sources"}`, `{"cmd":"history",
//! "quantity":"…"}`, `{"cmd":"check","sources":[…]}`), one JSON reply line
//! (`{"ok":true,"data":…}` or `{"ok":false,"error":"…"}`).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::diff::Timeline;
use crate::store::{Store, StoreError};

/// File name of the control socket.
pub const SOCKET_NAME: &str = "claimwatch.sock";
/// Where systemd's `RuntimeDirectory=claimwatch` puts it.
pub const SYSTEM_RUNTIME_DIR: &str = "/run/claimwatch";

/// A request on the control socket.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Request {
    /// Source health.
    Sources,
    /// Every quantity.
    Quantities,
    /// One timeline.
    History {
        /// Key or name substring.
        quantity: String,
    },
    /// Run a pass now.
    Check {
        /// Source ids (all when empty).
        #[serde(default)]
        sources: Vec<String>,
    },
}

/// Why a query failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No quantity matched, or several did.
    #[error("{0}")]
    NotFound(String),
    /// Talking to the daemon failed.
    #[error("control socket: {0}")]
    Socket(String),
}

/// Where the daemon binds its socket: `$RUNTIME_DIRECTORY`, else the state dir.
pub fn bind_path(cfg: &Config) -> PathBuf {
    match std::env::var_os("RUNTIME_DIRECTORY").filter(|s| !s.is_empty()) {
        Some(d) => PathBuf::from(d.to_string_lossy().split(':').next().unwrap_or_default())
            .join(SOCKET_NAME),
        None => cfg.daemon.state_dir.join(SOCKET_NAME),
    }
}

/// Where a client looks for the socket, in order.
pub fn client_paths(cfg: &Config) -> Vec<PathBuf> {
    let mut v = vec![
        bind_path(cfg),
        Path::new(SYSTEM_RUNTIME_DIR).join(SOCKET_NAME),
        cfg.daemon.state_dir.join(SOCKET_NAME),
    ];
    v.dedup();
    v
}

/// Source rows for `claimwatch sources`.
pub fn sources_data(cfg: &Config, store: &Store) -> Result<Value, QueryError> {
    let mut rows = Vec::new();
    for s in &cfg.sources {
        let st = store.source_state(&s.id)?;
        let state = if st.unhealthy {
            "unhealthy"
        } else if st.passes == 0 {
            "new"
        } else if st.consecutive_failures > 0 {
            "failing"
        } else if st
            .last_error_at
            .is_some_and(|e| st.last_success.is_none_or(|s| e > s))
        {
            match st.last_error_class.as_deref() {
                Some("robots") => "robots_disallowed",
                Some("rate_limited") => "retry_after",
                Some("backoff") => "backoff",
                _ => "ok",
            }
        } else {
            "ok"
        };
        rows.push(json!({
            "id": s.id, "kind": s.kind, "url": s.url.as_str(),
            "interval": humantime::format_duration(s.interval).to_string(),
            "state": state, "last_success": st.last_success, "last_error": st.last_error,
            "last_error_class": st.last_error_class, "last_error_at": st.last_error_at,
            "consecutive_failures": st.consecutive_failures, "next_due": st.next_due,
            "articles": st.articles.len(),
        }));
    }
    Ok(Value::Array(rows))
}

/// Quantity rows for `claimwatch quantities`.
pub fn quantities_data(store: &Store) -> Result<Value, QueryError> {
    let rows: Vec<Value> = store
        .timelines()?
        .iter()
        .map(|t| {
            let latest = t.latest();
            // Heads from before `last_change` was kept: the recent points.
            let last_change = t.last_change.or_else(|| {
                t.points
                    .iter()
                    .filter(|p| !p.historical)
                    .zip(t.points.iter().filter(|p| !p.historical).skip(1))
                    .filter(|(a, b)| a.value != b.value)
                    .map(|(_, b)| b.seen)
                    .max()
            });
            json!({
                "quantity": t.subject, "key": t.key, "unit": t.unit,
                "current": latest.map(|p| p.value), "as_of": latest.and_then(|p| p.as_of),
                "baseline": t.baseline, "last_change": last_change,
                "points": t.count.max(t.points.len() as u64), "sources": t.source_count(),
                "url": latest.map(|p| p.url.clone()),
            })
        })
        .collect();
    Ok(Value::Array(rows))
}

/// One timeline with every recorded point, by key or by a unique
/// substring of its name.
pub fn history_data(store: &Store, quantity: &str) -> Result<Timeline, QueryError> {
    let mut t = find_timeline(store, quantity)?;
    let all = store.history(&t.key)?;
    if !all.is_empty() {
        t.points = all;
    }
    Ok(t)
}

fn find_timeline(store: &Store, quantity: &str) -> Result<Timeline, QueryError> {
    if let Some(t) = store.timeline(quantity)? {
        return Ok(t);
    }
    let needle = quantity.to_lowercase();
    let mut found: Vec<_> = store
        .timelines()?
        .into_iter()
        .filter(|t| t.subject.to_lowercase().contains(&needle))
        .collect();
    if let Some(i) = found
        .iter()
        .position(|t| t.subject.to_lowercase() == needle)
    {
        return Ok(found.swap_remove(i));
    }
    match found.len() {
        0 => Err(QueryError::NotFound(format!(
            "no quantity matches {quantity:?}"
        ))),
        1 => Ok(found.remove(0)),
        n => {
            let names: Vec<_> = found
                .iter()
                .map(|t| format!("  {} ({})", t.subject, t.key))
                .collect();
            Err(QueryError::NotFound(format!(
                "{n} quantities match {quantity:?}; name one:\n{}",
                names.join("\n")
            )))
        }
    }
}

/// Sends `req` to a running daemon. `Ok(None)` when no daemon listens.
pub async fn ask(cfg: &Config, req: &Request) -> Result<Option<Value>, QueryError> {
    for path in client_paths(cfg) {
        let Ok(stream) = UnixStream::connect(&path).await else {
            continue;
        };
        let (read, mut write) = stream.into_split();
        let mut line = serde_json::to_vec(req).map_err(|e| QueryError::Socket(e.to_string()))?;
        line.push(b'\n');
        write
            .write_all(&line)
            .await
            .map_err(|e| QueryError::Socket(e.to_string()))?;
        let mut reply = String::new();
        BufReader::new(read)
            .read_line(&mut reply)
            .await
            .map_err(|e| QueryError::Socket(e.to_string()))?;
        let v: Value = serde_json::from_str(&reply)
            .map_err(|e| QueryError::Socket(format!("bad reply: {e}")))?;
        if v["ok"] == true {
            return Ok(Some(v["data"].clone()));
        }
        return Err(QueryError::NotFound(
            v["error"].as_str().unwrap_or("daemon error").to_owned(),
        ));
    }
    Ok(None)
}

/// What the server needs to answer requests.
pub trait Handler: Send + Sync + 'static {
    /// Answers one request.
    fn handle(
        &self,
        req: Request,
    ) -> impl std::future::Future<Output = Result<Value, String>> + Send;
}

/// Serves the socket at `path` until `cancel` fires. The socket is made
/// readable and writable by the owner and group only.
pub async fn serve<H: Handler>(
    path: PathBuf,
    handler: Arc<H>,
    cancel: CancellationToken,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // A stale socket from a crashed run would make bind fail.
    if UnixStream::connect(&path).await.is_err() {
        let _ = std::fs::remove_file(&path);
    }
    let listener = UnixListener::bind(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o660))?;
    let tracker = tokio_util::task::TaskTracker::new();
    loop {
        let (stream, _) = tokio::select! {
            () = cancel.cancelled() => break,
            r = listener.accept() => match r {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!(error = %e, "control socket accept failed");
                    continue;
                }
            },
        };
        let handler = handler.clone();
        let cancel = cancel.clone();
        tracker.spawn(async move {
            let (read, mut write) = stream.into_split();
            let mut line = String::new();
            let mut reader = BufReader::new(read).take(64 * 1024);
            let reply = tokio::select! {
                () = cancel.cancelled() => return,
                r = reader.read_line(&mut line) => match r {
                    Err(e) => json!({"ok": false, "error": e.to_string()}),
                    Ok(_) => match serde_json::from_str::<Request>(&line) {
                        Err(e) => json!({"ok": false, "error": format!("bad request: {e}")}),
                        Ok(req) => match handler.handle(req).await {
                            Ok(data) => json!({"ok": true, "data": data}),
                            Err(e) => json!({"ok": false, "error": e}),
                        },
                    },
                },
            };
            let mut out = reply.to_string();
            out.push('\n');
            let _ = write.write_all(out.as_bytes()).await;
        });
    }
    tracker.close();
    tracker.wait().await;
    let _ = std::fs::remove_file(&path);
    Ok(())
}
