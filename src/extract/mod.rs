//! Extract: turns an HTML page or a plain-text document into an [`Article`]
//! (title, dates, canonical URL, body text without page furniture). Pure and
//! synchronous; no I/O.
//!
//! HTML goes through [`dom`] (a flat pre-order view of the parsed page, so no
//! step recurses), [`article`] (furniture marking and container scoring),
//! [`text`] (paragraph rendering) and [`meta`] (title, dates, URL, byline,
//! language). Plain text goes through [`plain`].

mod article;
pub mod charset;
pub mod date;
mod dom;
mod guard;
mod hints;
mod meta;
mod plain;
mod text;

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

pub use plain::parse_plain_text;

/// The article read from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Headline.
    pub title: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Last-modified date.
    pub modified: Option<NaiveDate>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// Body text, paragraphs separated by blank lines.
    pub text: String,
}

/// Per-source extraction settings.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// CSS selector for the body; overrides detection when it matches.
    pub body_selector: Option<String>,
    /// CSS selectors whose elements are removed first.
    pub exclude_selectors: Vec<String>,
}

/// Checks that a CSS selector parses; returns the parser's message otherwise.
pub fn validate_selector(selector: &str) -> Result<(), String> {
    scraper::Selector::parse(selector)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Extracts the article from an HTML page.
///
/// Invalid selectors in `opts` are ignored here (config validation reports
/// them through [`validate_selector`]).
pub fn extract_html(html: &str, opts: &ExtractOptions) -> Article {
    let html = guard::prepare(html, guard::MAX_DEPTH);
    let doc = scraper::Html::parse_document(&html);
    let flat = dom::Flat::new(&doc);
    let page = meta::read(&flat);

    let excluded = selected(&doc, &flat, &opts.exclude_selectors);
    let mut excluded_marks = vec![false; flat.len()];
    for i in excluded {
        excluded_marks[i] = true;
    }
    let mut analysis = article::analyse(&flat, &excluded_marks, true);
    let mut roots = Vec::new();
    if let Some(sel) = &opts.body_selector {
        let plain = article::analyse(&flat, &excluded_marks, false);
        roots = selected(&doc, &flat, std::slice::from_ref(sel));
        roots.retain(|&i| plain.text[i] > 0);
        // Drop matches nested in an earlier match: their text is already in.
        let mut kept: Vec<usize> = Vec::new();
        for r in roots {
            if kept.last().is_none_or(|&k| r >= flat.nodes[k].end as usize) {
                kept.push(r);
            }
        }
        roots = kept;
        if !roots.is_empty() {
            analysis = plain;
        }
    }
    let from_selector = !roots.is_empty();
    if !from_selector {
        roots = article::select(&flat, &analysis);
    }
    let mut text = text::render(&flat, &analysis, &roots, !from_selector);
    if !from_selector && let Some(body) = page.ld_body.as_deref() {
        let body = plain::normalise_paragraphs(body);
        // Trust JSON-LD when the page itself yields much less (teaser-only
        // markup, or a body rendered by script).
        if body.len() >= 80 && body.len() > 2 * text.len() {
            text = body;
        }
    }
    Article {
        title: page.title,
        published: page.published,
        modified: page.modified,
        url: page.url,
        byline: page.byline,
        lang: page.lang,
        text,
    }
}

/// Flat indices (document order) of the elements matched by `selectors`.
fn selected(doc: &scraper::Html, flat: &dom::Flat<'_>, selectors: &[String]) -> Vec<usize> {
    let parsed: Vec<scraper::Selector> = selectors
        .iter()
        .filter_map(|s| scraper::Selector::parse(s).ok())
        .collect();
    if parsed.is_empty() {
        return Vec::new();
    }
    let mut wanted: HashSet<*const scraper::node::Element> = HashSet::new();
    for sel in &parsed {
        for el in doc.select(sel) {
            wanted.insert(std::ptr::from_ref(el.value()));
        }
    }
    flat.nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            n.element()
                .is_some_and(|e| wanted.contains(&std::ptr::from_ref(e)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Extracts either form: HTML when `is_html` says so, or when the content starts with `<`.
pub fn extract_document(content: &str, is_html: Option<bool>, opts: &ExtractOptions) -> Article {
    let html = is_html.unwrap_or_else(|| content.trim_start().starts_with('<'));
    if html {
        extract_html(content, opts)
    } else {
        parse_plain_text(content)
    }
}

/// Diagnostics for tuning: the chosen content roots and the ancestor chain
/// (tag, class, id, junk flag, text length) of each. Not a stable format.
#[doc(hidden)]
pub fn explain_html(html: &str, needle: Option<&str>) -> String {
    let doc = scraper::Html::parse_document(html);
    let flat = dom::Flat::new(&doc);
    let an = article::analyse(&flat, &[], true);
    let roots = article::select(&flat, &an);
    let mut out = String::new();
    let describe = |i: usize| {
        let n = &flat.nodes[i];
        format!(
            "{}[{}#{}] junk={} text={} link={}",
            n.tag(),
            n.attr("class").unwrap_or(""),
            n.attr("id").unwrap_or(""),
            an.junk[i],
            an.text[i],
            an.link[i]
        )
    };
    let hit = needle.and_then(|n| flat.nodes.iter().position(|x| x.text().contains(n)));
    for &r in roots.iter().chain(hit.iter()) {
        out.push_str(&format!("root {}\n", describe(r)));
        for a in flat.ancestors(r) {
            out.push_str(&format!("  < {}\n", describe(a)));
        }
    }
    out
}
