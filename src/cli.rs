//! CLI: the clap definitions of every command and flag.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// claimwatch — tracks the numeric claims in news articles and alerts when
/// they change.
#[derive(Debug, Parser)]
#[command(name = "claimwatch", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Config file [default: $CLAIMWATCH_CONFIG, else /etc/claimwatch/claimwatch.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Override the config's state directory (the database).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Log filter, e.g. `info` or `claimwatch=debug` [env: CLAIMWATCH_LOG]
    #[arg(long, global = true, value_name = "FILTER")]
    pub log: Option<String>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// One JSON object (a stable contract).
    Json,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the daemon in the foreground (systemd Type=notify aware; SIGHUP reloads).
    Run,
    /// Run one pass over all or the named sources, then exit.
    Check {
        /// Source ids (default: all).
        sources: Vec<String>,
        /// Output format; json ends with one summary object.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Offline demonstration on a bundled local site; prints the alerts it raises.
    Demo {
        /// Keep the demo's state directory here instead of a temporary one.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
    },
    /// Print the article and claims of one document (file or URL).
    Extract {
        /// An HTML or plain-text file, or an http(s) URL.
        input: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// CSS selector for the article body.
        #[arg(long)]
        selector: Option<String>,
    },
    /// Claim-level diff of two documents (OLD is the earlier).
    Diff {
        /// The earlier document.
        old: String,
        /// The later document.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Baseline documents.
    Baseline {
        /// What to do.
        #[command(subcommand)]
        action: BaselineAction,
    },
    /// Database export and import.
    Db {
        /// What to do.
        #[command(subcommand)]
        action: DbAction,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Config tools.
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Recent alerts from the alert log.
    Alerts {
        /// Only alerts newer than this (a duration like 24h, or a date YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only alerts older than this (a duration like 1h, or a date YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        /// Keep printing new alerts as they are written (like `tail -f`; survives rotation).
        #[arg(long, short)]
        follow: bool,
        /// Only this source.
        #[arg(long)]
        source: Option<String>,
        /// Only quantities whose name contains this text.
        #[arg(long)]
        quantity: Option<String>,
        /// Only this kind (changed, new, dropped, conflict, …).
        #[arg(long)]
        kind: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Sources and their health.
    Sources {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Tracked quantities: current value, baseline value, history size.
    Quantities {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One quantity's timeline with provenance.
    History {
        /// Quantity key or a substring of its name.
        quantity: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// `db` actions.
#[derive(Debug, Subcommand)]
pub enum DbAction {
    /// Write every record as JSON lines (to FILE, or stdout).
    Export {
        /// Output file (default: stdout).
        file: Option<PathBuf>,
    },
    /// Check the database and the alert log for consistency (offline).
    Verify {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Load an export into the database (the daemon must be stopped).
    Import {
        /// The export file.
        file: PathBuf,
        /// Clear the database first instead of refusing a non-empty one.
        #[arg(long)]
        replace: bool,
    },
}

/// `baseline` actions.
#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Show configured baselines and their claims.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// `config` actions.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Validate; exit 2 listing every error with file, line, column and key.
    Check,
}
