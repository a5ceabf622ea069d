//! Demo: an offline demonstration — starts the bundled site on loopback,
//! writes a config with the real baseline, runs two passes around a site
//! update, and prints the alerts they raise.

pub mod site;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::alert::human_line;
use crate::commands::{EXIT_FAILURES, EXIT_OK};
use crate::diff::{Alert, AlertKind};
use site::DemoSite;

const BASELINE: &str = include_str!("../../config/baselines/it-ministry-cpec-2019-12-08.txt");

/// Why the demo could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DemoError {
    /// Files could not be written.
    #[error("demo I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The generated config did not load.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// A pass failed.
    #[error(transparent)]
    Daemon(#[from] crate::daemon::DaemonError),
}

fn config_text(base: &str, state: &std::path::Path) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"[daemon]
state_dir = "{state}"
alert_log = "{state}/alerts.jsonl"
per_host_delay = "0s"
per_host_concurrency = 4

[[baseline]]
path = "baselines/it-ministry-cpec-2019-12-08.txt"
published = "2019-12-08"

[[source]]
id = "cpec-progress"
kind = "page"
url = "{base}/news/cpec-progress.html"
interval = "1h"

[[source]]
id = "pta-indicators"
kind = "page"
url = "{base}/news/telecom-indicators.html"
interval = "1h"

[[source]]
id = "tech-desk-feed"
kind = "feed"
url = "{base}/feed.xml"
interval = "1h"
keywords = ["IT", "telecom", "freelancer", "exports"]
"#,
        state = state.join("state").display()
    );
    s
}

fn read_alerts(path: &std::path::Path, after: u64) -> Vec<Alert> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Alert>(l).ok())
        .filter(|a| a.id > after)
        .collect()
}

/// Runs the demo; `keep` names a directory to keep its state in.
pub fn run(keep: Option<PathBuf>) -> Result<u8, DemoError> {
    let tmp;
    let dir = match keep {
        Some(d) => {
            std::fs::create_dir_all(&d)?;
            d
        }
        None => {
            tmp = tempfile::Builder::new()
                .prefix("claimwatch-demo-")
                .tempdir()?;
            tmp.path().to_path_buf()
        }
    };
    crate::daemon::tune_allocator();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let cancel = CancellationToken::new();
        let site = DemoSite::start(cancel.clone()).await?;
        std::fs::create_dir_all(dir.join("baselines"))?;
        std::fs::write(dir.join("baselines/it-ministry-cpec-2019-12-08.txt"), BASELINE)?;
        let cfg_path = dir.join("claimwatch.toml");
        std::fs::write(&cfg_path, config_text(&site.base(), &dir))?;
        let cfg = Arc::new(crate::config::load(&cfg_path)?);
        println!("claimwatch demo: local news site at {}", site.base());
        println!("baseline: IT ministry / CPEC article of 2019-12-08 (38 completed CPEC projects, 161 million mobile subscribers, …)\n");
        let mut total_changed = 0;
        let mut last = 0;
        for (pass, label) in [(0, "first pass (site as of mid-2026)"), (1, "second pass (site updated in November 2026)")] {
            site.set_version(pass);
            let (summary, _) = crate::daemon::check(cfg.clone(), &[], cancel.clone(), &mut |_| {}).await?;
            println!(
                "== {label}: {} fetched, {} not modified, {} new documents, {} changed documents, {} errors",
                summary.fetched, summary.not_modified, summary.new_documents, summary.changed_documents, summary.errors
            );
            let alerts = read_alerts(&cfg.daemon.alert_log, last);
            for a in &alerts {
                println!("  {}", human_line(a));
                last = last.max(a.id);
                if a.kind == AlertKind::Changed {
                    total_changed += 1;
                }
            }
            println!();
        }
        cancel.cancel();
        println!("{total_changed} changed alerts. Alert log: {}", cfg.daemon.alert_log.display());
        Ok(if total_changed > 0 { EXIT_OK } else { EXIT_FAILURES })
    })
}
