//! Logging: sets up tracing — structured journald entries (fields prefixed
//! `CLAIMWATCH_`, so `journalctl -u claimwatch CLAIMWATCH_KIND=changed`
//! works) when running under systemd's journal, plain lines on stderr
//! otherwise.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Where log events go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The systemd journal, with structured fields.
    Journald,
    /// Human-readable lines on stderr.
    Stderr,
}

/// Initialises tracing with `filter` (an `EnvFilter` directive string).
/// Journald is used when `JOURNAL_STREAM` says stderr is the journal and its
/// socket is reachable; events then are not also written to stderr (they
/// would appear twice).
pub fn init(filter: &str, default: &str) -> Output {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new(default));
    if std::env::var_os("JOURNAL_STREAM").is_some()
        && let Ok(layer) = tracing_journald::layer()
    {
        let layer = layer.with_field_prefix(Some("CLAIMWATCH".to_owned()));
        let _ = tracing_subscriber::registry()
            .with(filter)
            .with(layer)
            .try_init();
        return Output::Journald;
    }
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none());
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .try_init();
    Output::Stderr
}
