//! The `claimwatch` binary: parses the command line, sets up logging, runs
//! the command from the library and maps its result to an exit code.

use std::process::ExitCode;

use claimwatch::cli::{Cli, Command};
use clap::Parser;

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
    claimwatch::logging::init(&filter, default_level);
    match claimwatch::commands::execute(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let code = e.exit_code();
            eprintln!("claimwatch: {:#}", anyhow::Error::new(e));
            ExitCode::from(code)
        }
    }
}
