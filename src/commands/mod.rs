//! Commands: what each CLI command does, returning an exit status; the
//! binary only parses arguments, sets up logging and maps errors to codes.

mod docs;
mod query;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::cli::{BaselineAction, Cli, Command, ConfigAction, DbAction, Format};
use crate::config::{self, ConfigError};
use crate::daemon::{self, DaemonError};
use crate::store::StoreError;

/// Everything went well.
pub const EXIT_OK: u8 = 0;
/// The command ran but something failed (e.g. some sources in `check`).
pub const EXIT_FAILURES: u8 = 1;
/// A usage or config error.
pub const EXIT_USAGE: u8 = 2;
/// The database could not be opened.
pub const EXIT_STORE: u8 = 3;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// The daemon or pass failed.
    #[error(transparent)]
    Daemon(#[from] DaemonError),
    /// The config is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Input could not be read.
    #[error("{0}")]
    Input(String),
    /// Output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// The async runtime could not start.
    #[error("cannot start runtime: {0}")]
    Runtime(String),
}

impl CommandError {
    /// The exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Config(_)
            | Self::Daemon(DaemonError::Config(_) | DaemonError::UnknownSource(_)) => EXIT_USAGE,
            Self::Input(_) => EXIT_USAGE,
            Self::Store(_) | Self::Daemon(DaemonError::Store(_)) => EXIT_STORE,
            _ => EXIT_FAILURES,
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    crate::daemon::tune_allocator();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Blocking work is parsing (bounded by the parse slots) and short
        // sled calls; tokio's default of 512 threads would only spread the
        // heap over more allocator arenas.
        .max_blocking_threads(crate::daemon::pipeline::parse_parallelism() + 2)
        .build()
        .map_err(|e| CommandError::Runtime(e.to_string()))
}

/// Cancels `token` on SIGINT or SIGTERM; a second signal exits at once.
pub fn cancel_on_signals(token: CancellationToken) {
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            tracing::error!("cannot install SIGTERM/SIGINT handlers");
            return;
        };
        tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
        tracing::info!("signal received: shutting down (send again to exit at once)");
        token.cancel();
        tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
        std::process::exit(130);
    });
}

/// Runs the command the CLI names.
pub fn execute(cli: Cli) -> Result<u8, CommandError> {
    let config_path = config::resolve_path(cli.config.as_deref());
    let explicit_config = cli.config.is_some() || std::env::var_os("CLAIMWATCH_CONFIG").is_some();
    match cli.command {
        Command::Run => {
            let token = CancellationToken::new();
            let rt = runtime()?;
            let res = rt.block_on(async {
                cancel_on_signals(token.clone());
                daemon::run(config_path, cli.state_dir, token).await
            });
            // A blocking call stuck in the store (sled after a failed disk
            // write) must not keep the process from exiting.
            rt.shutdown_timeout(daemon::SHUTDOWN_GRACE);
            res?;
            Ok(EXIT_OK)
        }
        Command::Check { sources, format } => {
            let cfg = Arc::new(daemon::load_config(&config_path, cli.state_dir.as_deref())?);
            check(cfg, &sources, format)
        }
        Command::Demo { keep } => {
            crate::demo::run(keep).map_err(|e| CommandError::Input(e.to_string()))
        }
        Command::Extract {
            input,
            format,
            selector,
        } => {
            let lexicon = if explicit_config {
                config::load(&config_path)?.lexicon()
            } else {
                Default::default()
            };
            docs::extract(&input, format, selector, &lexicon)
        }
        Command::Diff { old, new, format } => {
            let lexicon = if explicit_config {
                config::load(&config_path)?.lexicon()
            } else {
                Default::default()
            };
            docs::diff(&old, &new, format, &lexicon)
        }
        Command::Config {
            action: ConfigAction::Check,
        } => config_check(&config_path),
        Command::Db { action } => {
            let cfg = daemon::load_config(&config_path, cli.state_dir.as_deref())?;
            db(&cfg, action)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "claimwatch", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(EXIT_OK)
        }
        Command::Baseline {
            action: BaselineAction::List { format },
        } => {
            let cfg = daemon::load_config(&config_path, cli.state_dir.as_deref())?;
            query::baseline_list(&cfg, format)
        }
        Command::Alerts {
            since,
            until,
            follow,
            source,
            quantity,
            kind,
            format,
        } => {
            let cfg = daemon::load_config(&config_path, cli.state_dir.as_deref())?;
            query::alerts(
                &cfg,
                &query::AlertFilter {
                    since,
                    until,
                    source,
                    quantity,
                    kind,
                    follow,
                },
                format,
            )
        }
        Command::Sources { format } => {
            let cfg = daemon::load_config(&config_path, cli.state_dir.as_deref())?;
            query::sources(&cfg, format)
        }
        Command::Quantities { format } => {
            let cfg = daemon::load_config(&config_path, cli.state_dir.as_deref())?;
            query::quantities(&cfg, format)
        }
        Command::History { quantity, format } => {
            let cfg = daemon::load_config(&config_path, cli.state_dir.as_deref())?;
            query::history(&cfg, &quantity, format)
        }
    }
}

fn db(cfg: &config::Config, action: DbAction) -> Result<u8, CommandError> {
    let store = crate::store::Store::open(&cfg.daemon.state_dir, cfg.daemon.cache_capacity)?;
    let io = |e: crate::store::MaintainError| CommandError::Input(e.to_string());
    match action {
        DbAction::Export { file: None } => {
            let n = store
                .export(&mut std::io::BufWriter::new(std::io::stdout().lock()))
                .map_err(io)?;
            eprintln!("exported {n} records");
        }
        DbAction::Export { file: Some(path) } => {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let n = store.export(&mut f).map_err(io)?;
            eprintln!("exported {n} records to {}", path.display());
        }
        DbAction::Verify { format } => {
            let r = store.verify(&cfg.daemon.alert_log, cfg.daemon.alert_log_keep)?;
            match format {
                Format::Json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
                Format::Text => {
                    println!(
                        "{} documents, {} timelines, {} alerts, {} log lines, {} pending: {}",
                        r.documents,
                        r.timelines,
                        r.alerts,
                        r.log_lines,
                        r.pending,
                        if r.problems.is_empty() {
                            "consistent"
                        } else {
                            "PROBLEMS"
                        }
                    );
                    for p in &r.problems {
                        println!("  {p}");
                    }
                }
            }
            return Ok(if r.problems.is_empty() {
                EXIT_OK
            } else {
                EXIT_FAILURES
            });
        }
        DbAction::Import { file, replace } => {
            let mut f = std::io::BufReader::new(std::fs::File::open(&file)?);
            let n = store.import(&mut f, replace).map_err(io)?;
            eprintln!("imported {n} records from {}", file.display());
        }
    }
    Ok(EXIT_OK)
}

fn config_check(path: &std::path::Path) -> Result<u8, CommandError> {
    match config::load(path) {
        Ok(cfg) => {
            println!(
                "{}: ok ({} sources, {} baselines, {} quantities; files: {})",
                path.display(),
                cfg.sources.len(),
                cfg.baselines.len(),
                cfg.lexicon_quantities.len(),
                cfg.files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok(EXIT_OK)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(EXIT_USAGE)
        }
    }
}

fn check(cfg: Arc<config::Config>, sources: &[String], format: Format) -> Result<u8, CommandError> {
    let token = CancellationToken::new();
    let tty = std::io::stderr().is_terminal();
    let (summary, reports) = runtime()?.block_on(async {
        cancel_on_signals(token.clone());
        let req = daemon::control::Request::Check {
            sources: sources.to_vec(),
        };
        match daemon::control::ask(&cfg, &req).await {
            Ok(Some(v)) => {
                tracing::info!("a daemon is running: it ran the pass");
                let summary = serde_json::from_value(v["summary"].clone()).unwrap_or_default();
                let reports = serde_json::from_value(v["reports"].clone()).unwrap_or_default();
                return Ok((summary, reports));
            }
            Ok(None) => {}
            Err(e) => return Err(DaemonError::UnknownSource(e.to_string())),
        }
        let total = if sources.is_empty() {
            cfg.sources.len()
        } else {
            sources.len()
        };
        // A progress bar only for people at a terminal; scripts get nothing extra.
        let bar = (tty && format == Format::Text).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} sources  {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        let mut progress = |r: &daemon::SourceReport| {
            if let Some(bar) = &bar {
                let state = match (&r.error, &r.skipped) {
                    (Some(e), _) => format!("error: {e}"),
                    (None, Some(s)) => format!("skipped: {s}"),
                    (None, None) if r.changed_documents > 0 => {
                        format!("{} changed, {} alerts", r.changed_documents, r.alerts)
                    }
                    (None, None) => "ok".to_owned(),
                };
                bar.println(format!("  {:<28} {state}", r.source));
                bar.inc(1);
                bar.set_message(r.source.clone());
            }
        };
        let out = daemon::check(cfg, sources, token, &mut progress).await;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        out
    })?;
    match format {
        Format::Json => {
            for r in &reports {
                println!("{}", serde_json::to_string(r).unwrap_or_default());
            }
            println!("{}", serde_json::to_string(&summary).unwrap_or_default());
        }
        Format::Text => {
            for r in &reports {
                if let Some(e) = &r.error {
                    println!("error    {:<24} {e}", r.source);
                } else if let Some(s) = &r.skipped {
                    println!("skipped  {:<24} {s}", r.source);
                }
            }
            println!(
                "{} sources: {} fetched, {} not modified, {} unchanged, {} new documents, {} changed documents, {} alerts, {} errors, {} skipped",
                summary.sources,
                summary.fetched,
                summary.not_modified,
                summary.unchanged,
                summary.new_documents,
                summary.changed_documents,
                summary.alerts,
                summary.errors,
                summary.skipped
            );
        }
    }
    Ok(if summary.errors > 0 {
        EXIT_FAILURES
    } else {
        EXIT_OK
    })
}

/// A path or URL given on the command line.
pub(crate) fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Reads a file argument.
pub(crate) fn read_file(p: &str) -> Result<Vec<u8>, CommandError> {
    std::fs::read(PathBuf::from(p))
        .map_err(|e| CommandError::Input(format!("cannot read {p}: {e}")))
}
