//! Reload: watches the config file's directory and `sources.d/` (debounced,
//! so editors that write a temp file and rename it are handled) and asks the
//! control loop to reload.

use std::time::Duration;

use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::mpsc;

use crate::config::Config;

/// Debounce window for config file events.
pub const DEBOUNCE: Duration = Duration::from_millis(500);

/// A running watcher; dropping it stops watching.
pub type ConfigWatcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Starts watching; returns `None` (with a warning) where watching fails, in
/// which case SIGHUP still reloads.
pub fn watch(cfg: &Config, tx: mpsc::Sender<()>) -> Option<ConfigWatcher> {
    let names: Vec<_> = cfg
        .files
        .iter()
        .filter_map(|f| f.file_name().map(ToOwned::to_owned))
        .collect();
    let handler = move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        let relevant = events.iter().any(|e| {
            e.paths.iter().any(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    || p.file_name().is_some_and(|n| names.iter().any(|m| m == n))
            })
        });
        if relevant {
            // A full channel already holds a pending reload; nothing is lost.
            let _ = tx.try_send(());
        }
    };
    let mut debouncer = match new_debouncer(DEBOUNCE, None, handler) {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = %e, "cannot watch the config; reload with SIGHUP");
            return None;
        }
    };
    let dir = cfg
        .path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let dir = if dir.as_os_str().is_empty() {
        std::path::PathBuf::from(".")
    } else {
        dir
    };
    if let Err(e) = debouncer.watch(&dir, RecursiveMode::NonRecursive) {
        tracing::warn!(error = %e, dir = %dir.display(), "cannot watch the config directory; reload with SIGHUP");
        return None;
    }
    let dropins = dir.join("sources.d");
    if dropins.is_dir()
        && let Err(e) = debouncer.watch(&dropins, RecursiveMode::NonRecursive)
    {
        tracing::warn!(error = %e, "cannot watch sources.d");
    }
    Some(debouncer)
}
