//! Meta: title, published/modified dates, canonical URL, byline and language
//! of an HTML page, from JSON-LD, `<meta>`/`<link>` tags, `<time>`, headings
//! and the URL, in that order of trust.

use chrono::NaiveDate;
use serde_json::Value;

use super::date::{date_from_url, parse_meta_date};
use super::dom::Flat;

/// Longest title, byline or URL kept (hostile pages can carry megabytes).
const MAX_FIELD: usize = 2048;

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct PageMeta {
    pub title: String,
    pub published: Option<NaiveDate>,
    pub modified: Option<NaiveDate>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub lang: Option<String>,
    /// `articleBody` of a JSON-LD article object, when present.
    pub ld_body: Option<String>,
}

/// Facts gathered from one JSON-LD article object.
#[derive(Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    url: Option<String>,
    author: Option<String>,
    lang: Option<String>,
    body: Option<String>,
}

/// Reads the metadata of a flattened page.
pub(crate) fn read(flat: &Flat<'_>) -> PageMeta {
    let mut metas: Vec<(String, &str)> = Vec::new();
    let mut canonical = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut time_dt: Option<&str> = None;
    let mut itemprop_author = None;
    let mut lang = None;
    let mut ld = LdArticle::default();
    for (i, node) in flat.nodes.iter().enumerate() {
        let Some(el) = node.element() else { continue };
        match el.name() {
            "html" if lang.is_none() => lang = el.attr("lang").map(str::to_owned),
            "meta" => {
                let key = el
                    .attr("property")
                    .or(el.attr("name"))
                    .or(el.attr("itemprop"));
                let key = key.or(el.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    metas.push((k.to_ascii_lowercase(), v));
                }
            }
            "link" if canonical.is_none() => {
                let rel = el.attr("rel").unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    canonical = el.attr("href").map(str::to_owned);
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(flat.text_of(i)),
            "h1" if h1.is_none() => h1 = Some(flat.text_of(i)).filter(|t| !t.is_empty()),
            "time" if time_dt.is_none() => time_dt = el.attr("datetime"),
            "script" if el.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                read_json_ld(&flat.text_of_raw(i), &mut ld);
            }
            _ => {}
        }
        if itemprop_author.is_none() && el.attr("itemprop") == Some("author") {
            itemprop_author = Some(flat.text_of(i)).filter(|t| !t.is_empty());
        }
    }
    let meta = |keys: &[&str]| -> Option<&str> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(mk, v)| mk == k && !v.trim().is_empty())
                .map(|(_, v)| *v)
        })
    };
    let site = meta(&["og:site_name", "application-name"]);
    let title = meta(&["og:title", "twitter:title"])
        .map(str::to_owned)
        .or(ld.headline.clone())
        .or(h1.clone())
        .or(title_tag.clone())
        .map(|t| strip_site_name(t.trim(), site))
        .unwrap_or_default();
    let url = canonical
        .filter(|c| c.starts_with("http"))
        .or(meta(&["og:url"]).map(str::to_owned))
        .or(ld.url.clone())
        .map(|u| clip(u.trim()));
    let published = ld
        .published
        .as_deref()
        .and_then(parse_meta_date)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "article.published",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "date",
            ])
            .and_then(parse_meta_date)
        })
        .or_else(|| time_dt.and_then(parse_meta_date))
        .or_else(|| url.as_deref().and_then(date_from_url));
    let modified = ld
        .modified
        .as_deref()
        .and_then(parse_meta_date)
        .or_else(|| {
            meta(&[
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "last-modified",
            ])
            .and_then(parse_meta_date)
        });
    let byline = ld
        .author
        .clone()
        .or(meta(&[
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(str::to_owned))
        .or(itemprop_author)
        .map(|b| clip(b.trim().trim_start_matches("By ").trim_start_matches("by ")))
        .filter(|b| !b.is_empty());
    let lang = lang
        .or(ld.lang.clone())
        .or(meta(&["og:locale", "content-language", "language"]).map(str::to_owned))
        .map(|l| clip(&l.trim().replace('_', "-")))
        .filter(|l| !l.is_empty());
    PageMeta {
        title: clip(&title),
        published,
        modified,
        url,
        byline,
        lang,
        ld_body: ld.body,
    }
}

/// Cuts a field to [`MAX_FIELD`] bytes at a character boundary.
fn clip(s: &str) -> String {
    let mut end = s.len().min(MAX_FIELD);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// Removes a trailing or leading " | Site" part from a title.
pub(crate) fn strip_site_name(title: &str, site: Option<&str>) -> String {
    const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    for sep in SEPS {
        let Some(pos) = title.rfind(sep) else {
            continue;
        };
        let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
        let tail_is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
            || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3);
        if tail_is_site {
            return head.trim().to_owned();
        }
        if let Some(first) = title.find(sep) {
            let (lead, rest) = (&title[..first], &title[first + sep.len()..]);
            if site.is_some_and(|s| lead.trim().eq_ignore_ascii_case(s.trim())) {
                return rest.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Parses one JSON-LD script and fills what `ld` still lacks.
fn read_json_ld(text: &str, ld: &mut LdArticle) {
    let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
        return;
    };
    // Iterative walk over arrays and @graph containers.
    let mut stack = vec![&value];
    let mut budget = 10_000;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if let Some(g) = map.get("@graph") {
                    stack.push(g);
                }
                if is_article(map.get("@type")) {
                    fill(map, ld);
                }
            }
            _ => {}
        }
    }
}

fn is_article(t: Option<&Value>) -> bool {
    let matches = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match t {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(matches)),
        _ => false,
    }
}

fn fill(map: &serde_json::Map<String, Value>, ld: &mut LdArticle) {
    let s = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_owned);
    ld.headline = ld.headline.take().or(s("headline")).or(s("name"));
    ld.published = ld
        .published
        .take()
        .or(s("datePublished"))
        .or(s("dateCreated"));
    ld.modified = ld.modified.take().or(s("dateModified"));
    ld.lang = ld.lang.take().or(s("inLanguage"));
    ld.body = ld.body.take().or(s("articleBody"));
    if ld.url.is_none() {
        ld.url = s("url").or_else(|| match map.get("mainEntityOfPage") {
            Some(Value::String(u)) => Some(u.clone()),
            Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        });
    }
    if ld.author.is_none() {
        ld.author = author_names(map.get("author"));
    }
}

fn author_names(v: Option<&Value>) -> Option<String> {
    let name = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    };
    let names: Vec<String> = match v? {
        Value::Array(a) => a.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.trim().is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}
