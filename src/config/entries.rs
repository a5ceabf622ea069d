//! Entry validation: `[[source]]`, `[[baseline]]`, `[[host]]`,
//! `[[quantity]]`, `[[synonym]]` and `[[webhook]]` tables become validated
//! config values, each problem recorded with its location.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use toml::Spanned;
use url::Url;

use super::raw::{RawBaseline, RawHost, RawQuantity, RawSource, RawSynonym, RawWebhook};
use super::validate::{
    ALL_ALERT_KINDS, DEFAULT_ALERT_KINDS, DEFAULT_MAX_ARTICLES, DEFAULT_PER_HOST_CONCURRENCY,
    DEFAULT_PER_HOST_DELAY, Validator, parse_duration,
};
use super::{
    BaselineConfig, DaemonConfig, HostConfig, SourceConfig, SourceKind, WebhookConfig,
    WebhookTemplate,
};
use crate::claims::NamedQuantity;

impl Validator<'_> {
    pub(super) fn sources(
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

    pub(super) fn baselines(
        &mut self,
        raw: Vec<(usize, Spanned<RawBaseline>)>,
    ) -> Vec<BaselineConfig> {
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

    pub(super) fn hosts(
        &mut self,
        raw: Vec<(usize, Spanned<RawHost>)>,
    ) -> HashMap<String, HostConfig> {
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

    pub(super) fn quantities(
        &mut self,
        raw: Vec<(usize, Spanned<RawQuantity>)>,
    ) -> Vec<NamedQuantity> {
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

    pub(super) fn synonyms(
        &mut self,
        raw: Vec<(usize, Spanned<RawSynonym>)>,
    ) -> Vec<(String, String)> {
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

    pub(super) fn webhooks(
        &mut self,
        raw: Vec<(usize, Spanned<RawWebhook>)>,
    ) -> Vec<WebhookConfig> {
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
