//! Validation: turns the raw TOML of the main file and its drop-ins into a
//! [`Config`], collecting every problem instead of stopping at the first.

use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;

use super::parse::{File, Raw, parse_file};
use super::raw::RawDaemon;
use super::{Config, ConfigError, ConfigIssue, DaemonConfig};

pub(crate) const DEFAULT_STATE_DIR: &str = "/var/lib/claimwatch";
const DEFAULT_INTERVAL: Duration = Duration::from_secs(30 * 60);
const DEFAULT_JITTER: f64 = 0.1;
const DEFAULT_CONCURRENCY: usize = 8;
pub(super) const DEFAULT_PER_HOST_DELAY: Duration = Duration::from_secs(5);
pub(super) const DEFAULT_PER_HOST_CONCURRENCY: usize = 1;
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_BODY: u64 = 5 * 1024 * 1024;
const DEFAULT_MAX_FEED: u64 = 10 * 1024 * 1024;
const DEFAULT_CACHE_MB: u64 = 8;
const DEFAULT_MIN_FREE_MB: u64 = 64;
const DEFAULT_ALERT_LOG_MAX: u64 = 16 * 1024 * 1024;
const DEFAULT_ALERT_LOG_KEEP: usize = 5;
pub(super) const DEFAULT_MAX_ARTICLES: usize = 50;
const MIN_INTERVAL: Duration = Duration::from_secs(1);
/// The default User-Agent; it names the product so site operators can find us.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "claimwatch/",
    env!("CARGO_PKG_VERSION"),
    " (news claim monitor)"
);
/// Alert kinds delivered unless `alert_kinds` says otherwise.
pub const DEFAULT_ALERT_KINDS: &[&str] = &[
    "changed",
    "new",
    "dropped",
    "conflict",
    "source_unhealthy",
    "source_recovered",
];
/// Every alert kind the daemon knows.
pub const ALL_ALERT_KINDS: &[&str] = &[
    "changed",
    "new",
    "restated",
    "dropped",
    "conflict",
    "historical",
    "source_unhealthy",
    "source_recovered",
];

/// Parses a duration such as `30m`, `6h`, `1h 30m` or `1s`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s.trim())
        .map_err(|e| format!("invalid duration {s:?}: {e} (examples: 30s, 15m, 6h)"))
}

pub(super) fn from_texts(
    path: &Path,
    text: &str,
    dropins: &[(PathBuf, String)],
) -> Result<Config, ConfigError> {
    let dir_of = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = vec![File {
        path,
        text,
        dir: dir_of(path),
    }];
    for (p, t) in dropins {
        files.push(File {
            path: p,
            text: t,
            dir: dir_of(p),
        });
    }
    let mut issues = Vec::new();
    let mut raw = Raw::default();
    for (i, f) in files.iter().enumerate() {
        parse_file(i, f, i == 0, &mut raw, &mut issues);
    }
    let mut v = Validator {
        files: &files,
        issues,
    };
    let daemon = v.daemon(raw.daemon.unwrap_or_default());
    let sources = v.sources(raw.sources, &daemon);
    let baselines = v.baselines(raw.baselines);
    let hosts = v.hosts(raw.hosts);
    let quantities = v.quantities(raw.quantities);
    let synonyms = v.synonyms(raw.synonyms);
    let webhooks = v.webhooks(raw.webhooks);
    if !v.issues.is_empty() {
        return Err(ConfigError::Invalid(v.issues));
    }
    Ok(Config {
        path: path.to_path_buf(),
        files: files.iter().map(|f| f.path.to_path_buf()).collect(),
        daemon,
        baselines,
        sources,
        hosts,
        lexicon_quantities: quantities,
        synonyms,
        webhooks,
    })
}

pub(super) struct Validator<'a> {
    pub(super) files: &'a [File<'a>],
    pub(super) issues: Vec<ConfigIssue>,
}

impl Validator<'_> {
    pub(super) fn err<T>(
        &mut self,
        file: usize,
        v: &Spanned<T>,
        key: &str,
        msg: impl Into<String>,
    ) {
        let issue = self.files[file].issue(Some(v.span()), key, msg);
        self.issues.push(issue);
    }

    pub(super) fn duration(
        &mut self,
        file: usize,
        v: &Spanned<String>,
        key: &str,
    ) -> Option<Duration> {
        match parse_duration(v.get_ref()) {
            Ok(d) if d >= MIN_INTERVAL || key.ends_with("delay") => Some(d),
            Ok(_) => {
                self.err(file, v, key, "must be at least 1s");
                None
            }
            Err(e) => {
                self.err(file, v, key, e);
                None
            }
        }
    }

    pub(super) fn count(
        &mut self,
        file: usize,
        v: &Spanned<i64>,
        key: &str,
        min: i64,
        max: i64,
    ) -> Option<u64> {
        let n = *v.get_ref();
        if (min..=max).contains(&n) {
            u64::try_from(n).ok()
        } else {
            self.err(
                file,
                v,
                key,
                format!("must be between {min} and {max}, got {n}"),
            );
            None
        }
    }

    fn daemon(&mut self, d: RawDaemon) -> DaemonConfig {
        let f = &self.files[0];
        let state_dir = match std::env::var_os("STATE_DIRECTORY").filter(|s| !s.is_empty()) {
            // systemd's StateDirectory= may list several; the first is ours.
            Some(s) => PathBuf::from(s.to_string_lossy().split(':').next().unwrap_or_default()),
            None => d.state_dir.as_ref().map_or_else(
                || PathBuf::from(DEFAULT_STATE_DIR),
                |s| f.resolve(s.get_ref()),
            ),
        };
        let alert_log = match &d.alert_log {
            Some(p) => f.resolve(p.get_ref()),
            None => match std::env::var_os("LOGS_DIRECTORY").filter(|s| !s.is_empty()) {
                Some(l) => PathBuf::from(l.to_string_lossy().split(':').next().unwrap_or_default())
                    .join("alerts.jsonl"),
                None => state_dir.join("alerts.jsonl"),
            },
        };
        let opt_dur = |s: &mut Self, v: &Option<Spanned<String>>, k: &str, def: Duration| {
            v.as_ref().and_then(|v| s.duration(0, v, k)).unwrap_or(def)
        };
        let opt_n =
            |s: &mut Self, v: &Option<Spanned<i64>>, k: &str, min: i64, max: i64, def: u64| {
                v.as_ref()
                    .and_then(|v| s.count(0, v, k, min, max))
                    .unwrap_or(def)
            };
        let default_interval = opt_dur(
            self,
            &d.default_interval,
            "daemon.default_interval",
            DEFAULT_INTERVAL,
        );
        let per_host_delay = opt_dur(
            self,
            &d.per_host_delay,
            "daemon.per_host_delay",
            DEFAULT_PER_HOST_DELAY,
        );
        let request_timeout = opt_dur(
            self,
            &d.request_timeout,
            "daemon.request_timeout",
            DEFAULT_REQUEST_TIMEOUT,
        );
        let export_interval = opt_dur(
            self,
            &d.export_interval,
            "daemon.export_interval",
            Duration::from_secs(24 * 3600),
        );
        let history_max_age = opt_dur(
            self,
            &d.history_max_age,
            "daemon.history_max_age",
            Duration::from_secs(5 * 365 * 24 * 3600),
        );
        let unhealthy_after = opt_n(
            self,
            &d.unhealthy_after,
            "daemon.unhealthy_after",
            1,
            100,
            3,
        );
        let export_keep = opt_n(self, &d.export_keep, "daemon.export_keep", 1, 1000, 3);
        let concurrency = opt_n(
            self,
            &d.concurrency,
            "daemon.concurrency",
            1,
            1024,
            DEFAULT_CONCURRENCY as u64,
        );
        let per_host_concurrency = opt_n(
            self,
            &d.per_host_concurrency,
            "daemon.per_host_concurrency",
            1,
            256,
            DEFAULT_PER_HOST_CONCURRENCY as u64,
        );
        let max_body_bytes = opt_n(
            self,
            &d.max_body_bytes,
            "daemon.max_body_bytes",
            1024,
            1 << 30,
            DEFAULT_MAX_BODY,
        );
        let max_feed_bytes = opt_n(
            self,
            &d.max_feed_bytes,
            "daemon.max_feed_bytes",
            1024,
            1 << 30,
            DEFAULT_MAX_FEED,
        );
        let cache_mb = opt_n(
            self,
            &d.cache_capacity_mb,
            "daemon.cache_capacity_mb",
            1,
            4096,
            DEFAULT_CACHE_MB,
        );
        let min_free_mb = opt_n(
            self,
            &d.min_free_mb,
            "daemon.min_free_mb",
            0,
            1 << 20,
            DEFAULT_MIN_FREE_MB,
        );
        let log_max = opt_n(
            self,
            &d.alert_log_max_bytes,
            "daemon.alert_log_max_bytes",
            4096,
            1 << 40,
            DEFAULT_ALERT_LOG_MAX,
        );
        let log_keep = opt_n(
            self,
            &d.alert_log_keep,
            "daemon.alert_log_keep",
            0,
            1000,
            DEFAULT_ALERT_LOG_KEEP as u64,
        );
        let jitter = match &d.jitter {
            Some(j) if !(0.0..=0.5).contains(j.get_ref()) => {
                self.err(0, j, "daemon.jitter", "must be between 0.0 and 0.5");
                DEFAULT_JITTER
            }
            Some(j) => *j.get_ref(),
            None => DEFAULT_JITTER,
        };
        let user_agent = match &d.user_agent {
            Some(ua) if ua.get_ref().trim().is_empty() || !ua.get_ref().is_ascii() => {
                self.err(
                    0,
                    ua,
                    "daemon.user_agent",
                    "must be non-empty printable ASCII",
                );
                DEFAULT_USER_AGENT.to_owned()
            }
            Some(ua) => ua.get_ref().clone(),
            None => DEFAULT_USER_AGENT.to_owned(),
        };
        let status_listen = d.status_listen.as_ref().and_then(|s| {
            match s.get_ref().parse::<std::net::SocketAddr>() {
                Ok(a) if a.ip().is_loopback() => Some(a),
                Ok(_) => {
                    self.err(
                        0,
                        s,
                        "daemon.status_listen",
                        "must be a loopback address such as 127.0.0.1:9797",
                    );
                    None
                }
                Err(e) => {
                    self.err(0, s, "daemon.status_listen", format!("not an address: {e}"));
                    None
                }
            }
        });
        let alert_kinds = match &d.alert_kinds {
            None => DEFAULT_ALERT_KINDS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            Some(kinds) => {
                let mut out = Vec::new();
                for k in kinds {
                    if ALL_ALERT_KINDS.contains(&k.get_ref().as_str()) {
                        out.push(k.get_ref().clone());
                    } else {
                        self.err(
                            0,
                            k,
                            "daemon.alert_kinds",
                            format!(
                                "unknown alert kind {:?}; known: {}",
                                k.get_ref(),
                                ALL_ALERT_KINDS.join(", ")
                            ),
                        );
                    }
                }
                out
            }
        };
        DaemonConfig {
            state_dir,
            alert_log,
            alert_log_max_bytes: log_max,
            alert_log_keep: usize::try_from(log_keep).unwrap_or(DEFAULT_ALERT_LOG_KEEP),
            default_interval,
            jitter,
            concurrency: usize::try_from(concurrency).unwrap_or(DEFAULT_CONCURRENCY),
            per_host_delay,
            per_host_concurrency: usize::try_from(per_host_concurrency).unwrap_or(1),
            user_agent,
            request_timeout,
            max_body_bytes,
            max_feed_bytes,
            cache_capacity: cache_mb * 1024 * 1024,
            min_free_bytes: min_free_mb * 1024 * 1024,
            status_listen,
            alert_kinds,
            export_interval,
            export_keep: usize::try_from(export_keep).unwrap_or(3),
            history_max_age,
            refuse_private_addresses: d.refuse_private_addresses.unwrap_or(false),
            unhealthy_after: u32::try_from(unhealthy_after).unwrap_or(3),
        }
    }
}
