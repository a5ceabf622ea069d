//! The `claimwatch` binary: parses the command line, sets up logging, runs
//! the command from the library and maps its result to an exit code.

use std::process::ExitCode;

use claimwatch::cli::{Cli, Command};
use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = match cli.command {
        Command::Run | Command::Check { .. } => "info",
        _ => "warn",
    };
    let filter = cli
        .log
        .clone()
        .or_else(|| std::env::var("CLAIMWATCH_LOG").ok())
        .unwrap_or_else(|| default_level.to_owned());
    let under_journal = std::env::var_os("JOURNAL_STREAM").is_some();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_new(&filter).unwrap_or_else(|_| EnvFilter::new(default_level)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(!under_journal && std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match claimwatch::commands::execute(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let code = e.exit_code();
            eprintln!("claimwatch: {:#}", anyhow::Error::new(e));
            ExitCode::from(code)
        }
    }
}
