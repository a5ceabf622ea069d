//! Parsing: reads each config file into raw sections with spans, turning
//! syntax and shape errors into located issues, so every problem of every
//! file is reported at once.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ConfigIssue;
use super::raw::{RawBaseline, RawDaemon, RawHost, RawQuantity, RawSource, RawSynonym, RawWebhook};

pub(super) struct File<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) dir: PathBuf,
}

impl File<'_> {
    pub(super) fn issue(
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

    pub(super) fn resolve(&self, p: &str) -> PathBuf {
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
pub(super) struct Raw {
    pub(super) daemon: Option<RawDaemon>,
    pub(super) sources: Vec<(usize, Spanned<RawSource>)>,
    pub(super) baselines: Vec<(usize, Spanned<RawBaseline>)>,
    pub(super) hosts: Vec<(usize, Spanned<RawHost>)>,
    pub(super) quantities: Vec<(usize, Spanned<RawQuantity>)>,
    pub(super) synonyms: Vec<(usize, Spanned<RawSynonym>)>,
    pub(super) webhooks: Vec<(usize, Spanned<RawWebhook>)>,
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

pub(super) fn parse_file(
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
