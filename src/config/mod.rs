//! Config: loads the TOML file and its `sources.d/*.toml` drop-ins, validates
//! them whole into a [`Config`], and reports every problem with file, line,
//! column and key.

mod entries;
mod parse;
mod raw;
mod validate;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use url::Url;

use crate::claims::{Lexicon, NamedQuantity};

pub use validate::{ALL_ALERT_KINDS, DEFAULT_USER_AGENT, parse_duration};

/// Where the config is read from when neither `--config` nor
/// `$CLAIMWATCH_CONFIG` names one.
pub const DEFAULT_CONFIG_PATH: &str = "/etc/claimwatch/claimwatch.toml";

/// The validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The main config file.
    pub path: PathBuf,
    /// Every file that was read (main file first, then drop-ins in order).
    pub files: Vec<PathBuf>,
    /// `[daemon]`.
    pub daemon: DaemonConfig,
    /// `[[baseline]]`.
    pub baselines: Vec<BaselineConfig>,
    /// `[[source]]`, in file order.
    pub sources: Vec<SourceConfig>,
    /// `[[host]]` overrides by host name.
    pub hosts: HashMap<String, HostConfig>,
    /// `[[quantity]]` and `[[synonym]]`.
    pub lexicon_quantities: Vec<NamedQuantity>,
    /// `[[synonym]]` pairs (word, canonical).
    pub synonyms: Vec<(String, String)>,
    /// `[[webhook]]` sinks.
    pub webhooks: Vec<WebhookConfig>,
}

/// How a webhook body is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookTemplate {
    /// The alert's JSON, as in the alert log.
    Json,
    /// `{"text": "<human line>"}` for Slack-style incoming webhooks.
    Slack,
    /// The human line as plain text, with a `Title` header (ntfy).
    Ntfy,
    /// A custom body with `{field}` placeholders.
    Custom(String),
}

/// One validated `[[webhook]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookConfig {
    /// Sink name (unique).
    pub name: String,
    /// Where to POST.
    pub url: Url,
    /// Body format.
    pub template: WebhookTemplate,
    /// Alert kinds sent.
    pub kinds: Vec<String>,
    /// Deadline of one POST.
    pub timeout: Duration,
    /// First retry delay (doubles per attempt, capped at 1 h).
    pub retry_initial: Duration,
    /// After this long without success an alert goes to the dead-letter list.
    pub give_up_after: Duration,
}

/// `[daemon]`, with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct DaemonConfig {
    /// Where the sled database lives.
    pub state_dir: PathBuf,
    /// The JSON-lines alert log.
    pub alert_log: PathBuf,
    /// Rotate the alert log past this size.
    pub alert_log_max_bytes: u64,
    /// Rotated alert logs kept.
    pub alert_log_keep: usize,
    /// Interval of sources that set none.
    pub default_interval: Duration,
    /// Jitter as a fraction of the interval (0.0 to 0.5).
    pub jitter: f64,
    /// Sources fetched at once, in all.
    pub concurrency: usize,
    /// Minimum delay between two requests to one host.
    pub per_host_delay: Duration,
    /// Requests in flight to one host.
    pub per_host_concurrency: usize,
    /// The User-Agent header.
    pub user_agent: String,
    /// Total deadline of one request (connect, headers and body).
    pub request_timeout: Duration,
    /// Cap on the decoded bytes of a page.
    pub max_body_bytes: u64,
    /// Cap on the decoded bytes of a feed.
    pub max_feed_bytes: u64,
    /// sled's page cache, in bytes.
    pub cache_capacity: u64,
    /// Free space the state directory's filesystem must keep: below it,
    /// passes are skipped (nothing is fetched or written) until space
    /// returns. sled stalls for good once a write hits a full disk, so
    /// the daemon never lets it get there.
    pub min_free_bytes: u64,
    /// Optional status HTTP listener (loopback only).
    pub status_listen: Option<SocketAddr>,
    /// Alert kinds that are delivered (others are recorded only).
    pub alert_kinds: Vec<String>,
    /// How often the daemon writes an export into `<state_dir>/exports` and
    /// applies retention.
    pub export_interval: Duration,
    /// Exports kept.
    pub export_keep: usize,
    /// Timeline points and stored alerts older than this are dropped (the
    /// alert log keeps its own history).
    pub history_max_age: Duration,
    /// Refuse to fetch from private, loopback and link-local addresses.
    pub refuse_private_addresses: bool,
    /// Consecutive failed passes before a source is reported unhealthy.
    pub unhealthy_after: u32,
}

/// What a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// One article page.
    Page,
    /// An RSS, Atom or JSON feed of articles.
    Feed,
    /// An index page whose links (by `link_selector`) are articles.
    Listing,
    /// A (news) sitemap.
    Sitemap,
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Page => "page",
            Self::Feed => "feed",
            Self::Listing => "listing",
            Self::Sitemap => "sitemap",
        })
    }
}

/// One validated `[[source]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceConfig {
    /// Unique id.
    pub id: String,
    /// Kind.
    pub kind: SourceKind,
    /// URL (http or https).
    pub url: Url,
    /// Poll interval.
    pub interval: Duration,
    /// Keywords that a discovered article must contain (lower-cased).
    pub keywords: Vec<String>,
    /// Whether all keywords must match, rather than any.
    pub keywords_all: bool,
    /// CSS selector for the article body.
    pub selector: Option<String>,
    /// CSS selectors removed before extraction.
    pub exclude: Vec<String>,
    /// CSS selector of article links on a listing page.
    pub link_selector: Option<String>,
    /// Most articles taken from one feed or listing per pass.
    pub max_articles: usize,
    /// Skip TLS certificate verification (logged at every load).
    pub insecure: bool,
    /// Report the source unhealthy when nothing succeeded for this long.
    pub expect_update: Option<Duration>,
    /// Discovered URLs must match one of these regexes (when any).
    pub url_include: Vec<String>,
    /// Discovered URLs matching one of these regexes are dropped.
    pub url_exclude: Vec<String>,
    /// Re-check ladder: (article younger than, fetch again every).
    pub recheck: Option<Vec<(Duration, Duration)>>,
}

impl SourceConfig {
    /// The host name of the source's URL.
    pub fn host(&self) -> String {
        self.url.host_str().unwrap_or_default().to_owned()
    }
}

/// One validated `[[baseline]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineConfig {
    /// Path of the baseline document, resolved against the config file.
    pub path: PathBuf,
    /// Its publication date.
    pub published: Option<NaiveDate>,
    /// The URL it was published at, if known.
    pub url: Option<String>,
}

/// A per-host politeness override.
#[derive(Debug, Clone, PartialEq)]
pub struct HostConfig {
    /// Requests in flight.
    pub concurrency: usize,
    /// Minimum delay between requests.
    pub delay: Duration,
}

impl Config {
    /// The claims lexicon this config describes.
    pub fn lexicon(&self) -> Lexicon {
        Lexicon {
            quantities: self.lexicon_quantities.clone(),
            synonyms: self.synonyms.clone(),
        }
    }

    /// The politeness settings for `host`.
    pub fn host_limits(&self, host: &str) -> HostConfig {
        self.hosts.get(host).cloned().unwrap_or(HostConfig {
            concurrency: self.daemon.per_host_concurrency,
            delay: self.daemon.per_host_delay,
        })
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&SourceConfig> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// One problem found in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    /// The file.
    pub file: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// The key path, e.g. `source[2].interval`.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.key,
            self.message
        )
    }
}

/// Why a config could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A file could not be read.
    #[error("cannot read config {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The config has problems; every one is listed.
    #[error("{}", render_issues(.0))]
    Invalid(Vec<ConfigIssue>),
}

fn render_issues(issues: &[ConfigIssue]) -> String {
    let mut out = format!("config has {} error(s):", issues.len());
    for i in issues {
        out.push_str("\n  ");
        out.push_str(&i.to_string());
    }
    out
}

impl ConfigError {
    /// The located problems (empty for I/O errors).
    pub fn issues(&self) -> &[ConfigIssue] {
        match self {
            Self::Invalid(v) => v,
            Self::Read { .. } => &[],
        }
    }
}

/// Picks the config path: the flag, else `$CLAIMWATCH_CONFIG`, else the default.
pub fn resolve_path(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    match std::env::var_os("CLAIMWATCH_CONFIG") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(DEFAULT_CONFIG_PATH),
    }
}

/// Loads and validates `path` and the drop-ins in `sources.d/` beside it.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let main = read(path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut dropins = Vec::new();
    let dropin_dir = dir.join("sources.d");
    if let Ok(entries) = std::fs::read_dir(&dropin_dir) {
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let text = read(&p)?;
            dropins.push((p, text));
        }
    }
    validate::from_texts(path, &main, &dropins)
}

/// Validates a config given as text (used by tests and `load`).
pub fn from_str(path: &Path, text: &str) -> Result<Config, ConfigError> {
    validate::from_texts(path, text, &[])
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })
}

impl Config {
    /// Applies `--state-dir`: the database moves there, and so does the alert
    /// log when it was not set explicitly elsewhere.
    pub fn override_state_dir(&mut self, dir: &Path) {
        if let Ok(rest) = self.daemon.alert_log.strip_prefix(&self.daemon.state_dir) {
            self.daemon.alert_log = dir.join(rest);
        }
        self.daemon.state_dir = dir.to_path_buf();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issues(text: &str) -> Vec<(usize, usize, String)> {
        match from_str(Path::new("t.toml"), text) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .issues()
                .iter()
                .map(|i| (i.line, i.column, i.key.clone()))
                .collect(),
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_location() {
        let text = "[daemon]\nconcurrency = 0\ndefault_interval = \"sometimes\"\n\n[[source]]\nid = \"bad id\"\nurl = \"ftp://x.test/\"\n\n[[source]]\nid = \"ok\"\nurl = \"http://x.test/\"\ninterval = 5\n";
        let found = issues(text);
        let expected = [
            (2, 15, "daemon.concurrency"),
            (3, 20, "daemon.default_interval"),
            (6, 6, "source[0].id"),
            (7, 7, "source[0].url"),
            (12, 12, "source[1].interval"),
        ];
        for (line, col, key) in expected {
            assert!(
                found
                    .iter()
                    .any(|f| f.0 == line && f.1 == col && f.2 == key),
                "missing {line}:{col} {key} in {found:?}"
            );
        }
        assert_eq!(found.len(), expected.len(), "{found:?}");
    }

    #[test]
    fn table_of_invalid_values() {
        let cases: &[(&str, &str)] = &[
            ("[daemon]\njitter = 0.9\n", "daemon.jitter"),
            (
                "[daemon]\nstatus_listen = \"0.0.0.0:80\"\n",
                "daemon.status_listen",
            ),
            (
                "[daemon]\nalert_kinds = [\"everything\"]\n",
                "daemon.alert_kinds",
            ),
            ("[daemon]\nbogus = 1\n", "daemon.bogus"),
            (
                "[[source]]\nid = \"a\"\nurl = \"http://x/\"\nkind = \"blog\"\n",
                "source[0].kind",
            ),
            (
                "[[source]]\nid = \"a\"\nurl = \"http://x/\"\nselector = \"p[\"\n",
                "source[0].selector",
            ),
            (
                "[[source]]\nid = \"a\"\nkind = \"listing\"\nurl = \"http://x/\"\n",
                "source[0].link_selector",
            ),
            ("[[source]]\nurl = \"http://x/\"\n", "source[0]"),
            (
                "[[baseline]]\npath = \"does-not-exist.txt\"\n",
                "baseline[0].path",
            ),
            ("[[quantity]]\nname = \"jobs\"\n", "quantity[0].terms"),
            (
                "[[host]]\nname = \"x\"\ndelay = \"fast\"\n",
                "host[0].delay",
            ),
            ("colour = \"red\"\n", "colour"),
            ("[[source]\n", "(syntax)"),
        ];
        for (text, key) in cases {
            let found = issues(text);
            assert!(
                found.iter().any(|f| f.2 == *key),
                "{text:?}: expected an issue at {key}, got {found:?}"
            );
        }
    }

    #[test]
    fn defaults_are_polite() {
        let cfg = from_str(
            Path::new("t.toml"),
            "[[source]]\nid = \"a\"\nurl = \"https://x.test/\"\n",
        )
        .unwrap();
        assert_eq!(cfg.daemon.per_host_concurrency, 1);
        assert_eq!(cfg.daemon.per_host_delay, Duration::from_secs(5));
        assert_eq!(cfg.sources[0].interval, Duration::from_secs(1800));
        assert!(cfg.daemon.user_agent.starts_with("claimwatch/"));
        assert_eq!(cfg.daemon.cache_capacity, 8 * 1024 * 1024);
    }

    #[test]
    fn state_dir_override_moves_the_default_alert_log() {
        let mut cfg = from_str(
            Path::new("/etc/cw/t.toml"),
            "[daemon]\nstate_dir = \"/var/lib/cw\"\n",
        )
        .unwrap();
        if std::env::var_os("STATE_DIRECTORY").is_none()
            && std::env::var_os("LOGS_DIRECTORY").is_none()
        {
            cfg.override_state_dir(Path::new("/tmp/x"));
            assert_eq!(cfg.daemon.state_dir, Path::new("/tmp/x"));
            assert_eq!(cfg.daemon.alert_log, Path::new("/tmp/x/alerts.jsonl"));
        }
    }
}
