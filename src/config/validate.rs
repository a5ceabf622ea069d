//! Validation: turns the raw TOML of the main file and its drop-ins into a
//! [`Config`], collecting every problem instead of stopping at the first.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use url::Url;

use super::raw::{RawBaseline, RawDaemon, RawHost, RawQuantity, RawSource, RawSynonym, RawWebhook};
use super::{
    BaselineConfig, Config, ConfigError, ConfigIssue, DaemonConfig, HostConfig, SourceConfig,
    SourceKind, WebhookConfig, WebhookTemplate,
};
use crate::claims::NamedQuantity;

pub(crate) const DEFAULT_STATE_DIR: &str = "/var/lib/claimwatch";
const DEFAULT_INTERVAL: Duration = Duration::from_secs(30 * 60);
const DEFAULT_JITTER: f64 = 0.1;
const DEFAULT_CONCURRENCY: usize = 8;
const DEFAULT_PER_HOST_DELAY: Duration = Duration::from_secs(5);
const DEFAULT_PER_HOST_CONCURRENCY: usize = 1;
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_BODY: u64 = 5 * 1024 * 1024;
const DEFAULT_MAX_FEED: u64 = 10 * 1024 * 1024;
const DEFAULT_CACHE_MB: u64 = 32;
const DEFAULT_ALERT_LOG_MAX: u64 = 16 * 1024 * 1024;
const DEFAULT_ALERT_LOG_KEEP: usize = 5;
const DEFAULT_MAX_ARTICLES: usize = 50;
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

struct File<'a> {
    path: &'a Path,
    text: &'a str,
    dir: PathBuf,
}

impl File<'_> {
    fn issue(
        &self,
        span: Option<Range<usize>>,
        key: &str,
        message: impl Into<String>,
    ) -> ConfigIssue {
        let (line, column) = span.map_or((0, 0), |s| line_col(self.text, s.start));
        ConfigIssue {
            file: self.path.to_path_buf(),
            line,
            column,
            key: key.to_owned(),
            message: message.into(),
        }
    }

    fn resolve(&self, p: &str) -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir.join(p)
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The key written on the line where `offset` falls, if the line is `key = …`.
fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    let (k, _) = line.split_once('=')?;
    let k = k.trim().trim_matches('"');
    (!k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c)))
        .then(|| k.to_owned())
}

#[derive(Default)]
struct Raw {
    daemon: Option<RawDaemon>,
    sources: Vec<(usize, Spanned<RawSource>)>,
    baselines: Vec<(usize, Spanned<RawBaseline>)>,
    hosts: Vec<(usize, Spanned<RawHost>)>,
    quantities: Vec<(usize, Spanned<RawQuantity>)>,
    synonyms: Vec<(usize, Spanned<RawSynonym>)>,
    webhooks: Vec<(usize, Spanned<RawWebhook>)>,
}

fn de<T: DeserializeOwned>(
    file: &File<'_>,
    value: Spanned<DeValue<'_>>,
    path: &str,
    issues: &mut Vec<ConfigIssue>,
) -> Option<Spanned<T>> {
    let span = value.span();
    match Spanned::<T>::deserialize(value.into_deserializer()) {
        Ok(v) => Some(v),
        Err(e) => {
            let at = e.span().unwrap_or(span);
            let key = match key_on_line(file.text, at.start) {
                Some(k) => format!("{path}.{k}"),
                None => path.to_owned(),
            };
            issues.push(file.issue(Some(at), &key, e.message().to_owned()));
            None
        }
    }
}

fn parse_file(
    file_idx: usize,
    file: &File<'_>,
    main: bool,
    raw: &mut Raw,
    issues: &mut Vec<ConfigIssue>,
) {
    let (table, errors) = DeTable::parse_recoverable(file.text);
    if !errors.is_empty() {
        for e in errors {
            let key = e
                .span()
                .and_then(|s| key_on_line(file.text, s.start))
                .unwrap_or_else(|| "(syntax)".into());
            issues.push(file.issue(e.span(), &key, e.message().to_owned()));
        }
        return;
    }
    for (k, v) in table.into_inner() {
        let name: &str = k.get_ref();
        match name {
            "daemon" if main => {
                raw.daemon = de::<RawDaemon>(file, v, "daemon", issues).map(Spanned::into_inner);
            }
            "daemon" => issues.push(file.issue(Some(k.span()), "daemon", "[daemon] belongs in the main config file, not in a drop-in")),
            "source" | "baseline" | "host" | "quantity" | "synonym" | "webhook" => {
                let span = v.span();
                let DeValue::Array(items) = v.into_inner() else {
                    issues.push(file.issue(Some(span), name, format!("`{name}` must be an array of tables: write [[{name}]]")));
                    continue;
                };
                for (i, item) in items.into_iter().enumerate() {
                    let path = format!("{name}[{i}]");
                    match name {
                        "source" => push(&mut raw.sources, file_idx, de(file, item, &path, issues)),
                        "baseline" => push(&mut raw.baselines, file_idx, de(file, item, &path, issues)),
                        "host" => push(&mut raw.hosts, file_idx, de(file, item, &path, issues)),
                        "quantity" => push(&mut raw.quantities, file_idx, de(file, item, &path, issues)),
                        "webhook" => push(&mut raw.webhooks, file_idx, de(file, item, &path, issues)),
                        _ => push(&mut raw.synonyms, file_idx, de(file, item, &path, issues)),
                    }
                }
            }
            other => issues.push(file.issue(
                Some(k.span()),
                other,
                format!("unknown key `{other}`; expected one of daemon, source, baseline, host, quantity, synonym, webhook"),
            )),
        }
    }
}

fn push<T>(v: &mut Vec<(usize, T)>, idx: usize, item: Option<T>) {
    if let Some(item) = item {
        v.push((idx, item));
    }
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

struct Validator<'a> {
    files: &'a [File<'a>],
    issues: Vec<ConfigIssue>,
}

impl Validator<'_> {
    fn err<T>(&mut self, file: usize, v: &Spanned<T>, key: &str, msg: impl Into<String>) {
        let issue = self.files[file].issue(Some(v.span()), key, msg);
        self.issues.push(issue);
    }

    fn duration(&mut self, file: usize, v: &Spanned<String>, key: &str) -> Option<Duration> {
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

    fn count(
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
            status_listen,
            alert_kinds,
            export_interval,
            export_keep: usize::try_from(export_keep).unwrap_or(3),
            history_max_age,
            refuse_private_addresses: d.refuse_private_addresses.unwrap_or(false),
            unhealthy_after: u32::try_from(unhealthy_after).unwrap_or(3),
        }
    }

    fn sources(
        &mut self,
        raw: Vec<(usize, Spanned<RawSource>)>,
        d: &DaemonConfig,
    ) -> Vec<SourceConfig> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, (file, s)) in raw.into_iter().enumerate() {
            let s = s.into_inner();
            let p = |k: &str| format!("source[{i}].{k}");
            let id = s.id.get_ref().clone();
            let mut ok = true;
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                self.err(
                    file,
                    &s.id,
                    &p("id"),
                    "must be non-empty and use only letters, digits, '-', '_' and '.'",
                );
                ok = false;
            } else if !seen.insert(id.clone()) {
                self.err(file, &s.id, &p("id"), format!("duplicate source id {id:?}"));
                ok = false;
            }
            let kind = match s.kind.as_ref().map(|k| k.get_ref().as_str()) {
                None | Some("page") => SourceKind::Page,
                Some("feed") => SourceKind::Feed,
                Some("listing") => SourceKind::Listing,
                Some("sitemap") => SourceKind::Sitemap,
                Some(other) => {
                    if let Some(k) = &s.kind {
                        self.err(
                            file,
                            k,
                            &p("kind"),
                            format!(
                                "unknown kind {other:?}; expected page, feed, listing or sitemap"
                            ),
                        );
                    }
                    ok = false;
                    SourceKind::Page
                }
            };
            let url = match Url::parse(s.url.get_ref()) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
                    Some(u)
                }
                Ok(u) => {
                    self.err(
                        file,
                        &s.url,
                        &p("url"),
                        format!("scheme {:?} is not allowed; use http or https", u.scheme()),
                    );
                    None
                }
                Err(e) => {
                    self.err(file, &s.url, &p("url"), format!("not a URL: {e}"));
                    None
                }
            };
            let interval = match &s.interval {
                Some(v) => self.duration(file, v, &p("interval")),
                None => Some(d.default_interval),
            };
            for sel in s.selector.iter().chain(&s.exclude).chain(&s.link_selector) {
                if let Err(e) = crate::extract::validate_selector(sel.get_ref()) {
                    self.err(
                        file,
                        sel,
                        &p("selector"),
                        format!("invalid CSS selector {:?}: {e}", sel.get_ref()),
                    );
                    ok = false;
                }
            }
            if kind == SourceKind::Listing && s.link_selector.is_none() {
                self.err(
                    file,
                    &s.id,
                    &p("link_selector"),
                    "a listing source needs link_selector (CSS selector of article links)",
                );
                ok = false;
            }
            let keywords_all = match s.keywords_mode.as_ref().map(|m| m.get_ref().as_str()) {
                None | Some("any") => false,
                Some("all") => true,
                Some(other) => {
                    if let Some(m) = &s.keywords_mode {
                        self.err(
                            file,
                            m,
                            &p("keywords_mode"),
                            format!("expected \"any\" or \"all\", got {other:?}"),
                        );
                    }
                    false
                }
            };
            let max_articles = s
                .max_articles
                .as_ref()
                .and_then(|m| self.count(file, m, &p("max_articles"), 1, 10_000))
                .map_or(DEFAULT_MAX_ARTICLES, |n| {
                    usize::try_from(n).unwrap_or(DEFAULT_MAX_ARTICLES)
                });
            for pat in s.url_include.iter().chain(&s.url_exclude) {
                if let Err(e) = regex::Regex::new(pat.get_ref()) {
                    self.err(file, pat, &p("url_include"), format!("invalid regex: {e}"));
                    ok = false;
                }
            }
            let expect_update = s
                .expect_update
                .as_ref()
                .and_then(|v| self.duration(file, v, &p("expect_update")));
            let recheck = match &s.recheck {
                None => None,
                Some(rungs) => {
                    let mut out: Vec<(Duration, Duration)> = Vec::new();
                    for r in rungs {
                        let parsed = r.get_ref().split_once(':').and_then(|(a, b)| {
                            Some((parse_duration(a).ok()?, parse_duration(b).ok()?))
                        });
                        match parsed {
                            Some(pair) if out.last().is_none_or(|l| l.0 < pair.0) => out.push(pair),
                            Some(_) => {
                                self.err(
                                    file,
                                    r,
                                    &p("recheck"),
                                    "rungs must be in increasing age order",
                                );
                                ok = false;
                            }
                            None => {
                                self.err(
                                    file,
                                    r,
                                    &p("recheck"),
                                    "expected \"AGE:EVERY\", e.g. \"3h:15m\"",
                                );
                                ok = false;
                            }
                        }
                    }
                    Some(out)
                }
            };
            let insecure = s.insecure.unwrap_or(false);
            if insecure {
                tracing::warn!(source = %id, "TLS certificate verification is OFF for this source (insecure = true)");
            }
            let (Some(url), Some(interval), true) = (url, interval, ok) else {
                continue;
            };
            if s.enabled == Some(false) {
                continue;
            }
            out.push(SourceConfig {
                id,
                kind,
                url,
                interval,
                keywords: s
                    .keywords
                    .iter()
                    .map(|k| k.get_ref().to_lowercase())
                    .filter(|k| !k.is_empty())
                    .collect(),
                keywords_all,
                selector: s.selector.map(Spanned::into_inner),
                exclude: s.exclude.into_iter().map(Spanned::into_inner).collect(),
                link_selector: s.link_selector.map(Spanned::into_inner),
                max_articles,
                insecure,
                expect_update,
                url_include: s.url_include.into_iter().map(Spanned::into_inner).collect(),
                url_exclude: s.url_exclude.into_iter().map(Spanned::into_inner).collect(),
                recheck,
            });
        }
        out
    }

    fn baselines(&mut self, raw: Vec<(usize, Spanned<RawBaseline>)>) -> Vec<BaselineConfig> {
        let mut out = Vec::new();
        for (i, (file, b)) in raw.into_iter().enumerate() {
            let b = b.into_inner();
            let path = self.files[file].resolve(b.path.get_ref());
            if !path.is_file() {
                self.err(
                    file,
                    &b.path,
                    &format!("baseline[{i}].path"),
                    format!("no such file: {}", path.display()),
                );
                continue;
            }
            let published = match &b.published {
                Some(p) => match chrono::NaiveDate::parse_from_str(p.get_ref(), "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        self.err(
                            file,
                            p,
                            &format!("baseline[{i}].published"),
                            "expected a date as YYYY-MM-DD",
                        );
                        continue;
                    }
                },
                None => None,
            };
            out.push(BaselineConfig {
                path,
                published,
                url: b.url.map(Spanned::into_inner),
            });
        }
        out
    }

    fn hosts(&mut self, raw: Vec<(usize, Spanned<RawHost>)>) -> HashMap<String, HostConfig> {
        let mut out = HashMap::new();
        for (i, (file, h)) in raw.into_iter().enumerate() {
            let h = h.into_inner();
            let name = h.name.get_ref().trim().to_lowercase();
            if name.is_empty() {
                self.err(
                    file,
                    &h.name,
                    &format!("host[{i}].name"),
                    "must not be empty",
                );
                continue;
            }
            let concurrency = h
                .concurrency
                .as_ref()
                .and_then(|c| self.count(file, c, &format!("host[{i}].concurrency"), 1, 256));
            let delay = h
                .delay
                .as_ref()
                .and_then(|d| self.duration(file, d, &format!("host[{i}].delay")));
            out.insert(
                name,
                HostConfig {
                    concurrency: concurrency.map_or(DEFAULT_PER_HOST_CONCURRENCY, |c| {
                        usize::try_from(c).unwrap_or(1)
                    }),
                    delay: delay.unwrap_or(DEFAULT_PER_HOST_DELAY),
                },
            );
        }
        out
    }

    fn quantities(&mut self, raw: Vec<(usize, Spanned<RawQuantity>)>) -> Vec<NamedQuantity> {
        let mut out = Vec::new();
        for (i, (file, q)) in raw.into_iter().enumerate() {
            let q = q.into_inner();
            if q.name.get_ref().trim().is_empty() {
                self.err(
                    file,
                    &q.name,
                    &format!("quantity[{i}].name"),
                    "must not be empty",
                );
                continue;
            }
            if q.terms.is_empty() || q.terms.iter().any(|t| t.get_ref().trim().is_empty()) {
                self.err(
                    file,
                    &q.name,
                    &format!("quantity[{i}].terms"),
                    "needs at least one non-empty term",
                );
                continue;
            }
            out.push(NamedQuantity {
                name: q.name.into_inner(),
                unit: q.unit.map(Spanned::into_inner),
                terms: q.terms.into_iter().map(Spanned::into_inner).collect(),
            });
        }
        out
    }

    fn synonyms(&mut self, raw: Vec<(usize, Spanned<RawSynonym>)>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, (file, s)) in raw.into_iter().enumerate() {
            let s = s.into_inner();
            if s.word.get_ref().trim().is_empty() || s.means.get_ref().trim().is_empty() {
                self.err(
                    file,
                    &s.word,
                    &format!("synonym[{i}]"),
                    "word and means must not be empty",
                );
                continue;
            }
            out.push((
                s.word.get_ref().to_lowercase(),
                s.means.get_ref().to_lowercase(),
            ));
        }
        out
    }

    fn webhooks(&mut self, raw: Vec<(usize, Spanned<RawWebhook>)>) -> Vec<WebhookConfig> {
        let mut out: Vec<WebhookConfig> = Vec::new();
        for (i, (file, w)) in raw.into_iter().enumerate() {
            let w = w.into_inner();
            let p = |k: &str| format!("webhook[{i}].{k}");
            let name = w.name.get_ref().clone();
            let mut ok = true;
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                self.err(
                    file,
                    &w.name,
                    &p("name"),
                    "must be non-empty and use only letters, digits, '-', '_' and '.'",
                );
                ok = false;
            } else if out.iter().any(|o| o.name == name) || name == crate::store::SINK_LOG {
                self.err(
                    file,
                    &w.name,
                    &p("name"),
                    format!("duplicate or reserved sink name {name:?}"),
                );
                ok = false;
            }
            let url = match Url::parse(w.url.get_ref()) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => Some(u),
                _ => {
                    self.err(file, &w.url, &p("url"), "must be an http or https URL");
                    None
                }
            };
            let template = match (w.template.as_ref().map(|t| t.get_ref().as_str()), &w.body) {
                (_, Some(body)) => WebhookTemplate::Custom(body.get_ref().clone()),
                (None | Some("json"), None) => WebhookTemplate::Json,
                (Some("slack"), None) => WebhookTemplate::Slack,
                (Some("ntfy"), None) => WebhookTemplate::Ntfy,
                (Some(other), None) => {
                    if let Some(t) = &w.template {
                        self.err(file, t, &p("template"), format!("unknown template {other:?}; expected json, slack or ntfy (or set body)"));
                    }
                    ok = false;
                    WebhookTemplate::Json
                }
            };
            let mut kinds = Vec::new();
            match &w.kinds {
                None => kinds.extend(DEFAULT_ALERT_KINDS.iter().map(|s| (*s).to_owned())),
                Some(ks) => {
                    for k in ks {
                        if ALL_ALERT_KINDS.contains(&k.get_ref().as_str()) {
                            kinds.push(k.get_ref().clone());
                        } else {
                            self.err(
                                file,
                                k,
                                &p("kinds"),
                                format!("unknown alert kind {:?}", k.get_ref()),
                            );
                        }
                    }
                }
            }
            let dur = |s: &mut Self, v: &Option<Spanned<String>>, k: &str, def: Duration| {
                v.as_ref()
                    .and_then(|v| s.duration(file, v, &p(k)))
                    .unwrap_or(def)
            };
            let timeout = dur(self, &w.timeout, "timeout", Duration::from_secs(10));
            let retry_initial = dur(
                self,
                &w.retry_initial,
                "retry_initial",
                Duration::from_secs(30),
            );
            let give_up_after = dur(
                self,
                &w.give_up_after,
                "give_up_after",
                Duration::from_secs(24 * 3600),
            );
            if let (Some(url), true) = (url, ok) {
                out.push(WebhookConfig {
                    name,
                    url,
                    template,
                    kinds,
                    timeout,
                    retry_initial,
                    give_up_after,
                });
            }
        }
        out
    }
}
