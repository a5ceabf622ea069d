//! Discovery: article URLs from feeds (RSS, Atom, JSON Feed via feed-rs,
//! with a repair pass for broken feeds), listing pages (a CSS selector for
//! links) and sitemaps; canonical URLs and de-duplication by URL and GUID;
//! URL include/exclude patterns; Unicode-aware keyword matching. Pure
//! functions over fetched bytes.

use regex::Regex;
use scraper::{Html, Selector};
use url::Url;

use super::feedfix;

/// One discovered article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// Absolute article URL.
    pub url: Url,
    /// Title as the feed or link text gives it.
    pub title: String,
    /// Feed GUID, when there is one.
    pub guid: Option<String>,
}

/// Why discovery failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiscoverError {
    /// The feed did not parse.
    #[error("feed does not parse: {0}")]
    Feed(String),
    /// The link selector is invalid.
    #[error("invalid link selector: {0}")]
    Selector(String),
    /// The sitemap is not XML with `<loc>` entries.
    #[error("sitemap has no <loc> entries")]
    Sitemap,
}

/// Folds text for caseless matching: Unicode lower case, with the few
/// characters whose lower case is not their fold (final sigma, sharp s, …)
/// folded too, and every run of whitespace made one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            'ς' => out.push('σ'),
            'ß' => out.push_str("ss"),
            'ſ' => out.push('s'),
            '\u{307}' => {} // the dot İ leaves behind when lower-cased
            c => out.push(c),
        }
    }
    out
}

/// Whether `needle` (folded) occurs in `hay` (folded) at the start of a word.
fn word_prefix(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    hay.match_indices(needle).any(|(i, _)| {
        hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `text` passes the keyword filter (`all` or any). Matching is
/// caseless by Unicode folding (`ÖKONOMIE` finds `ökonomie`, `STRASSE`
/// finds `straße`) and anchored at the start of a word, so `IT ministry`
/// does not match inside `digit ministry` while `telecom` still finds
/// `telecommunications`.
pub fn keywords_match(keywords: &[String], all: bool, text: &str) -> bool {
    if keywords.is_empty() {
        return true;
    }
    let hay = fold(text);
    let hit = |k: &String| word_prefix(&hay, &fold(k));
    if all {
        keywords.iter().all(hit)
    } else {
        keywords.iter().any(hit)
    }
}

/// Query parameters that only track the reader and never change the page.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga",
];

/// The canonical form of an article URL: no fragment, no tracking
/// parameters (`utm_*` and the like), no empty query.
pub fn canonical_url(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_fragment(None);
    if u.query().is_some() {
        let kept: Vec<(String, String)> = u
            .query_pairs()
            .filter(|(k, _)| !k.starts_with("utm_") && !TRACKING_PARAMS.contains(&k.as_ref()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            u.set_query(None);
        } else {
            u.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    u
}

/// Drops repeats: the same canonical URL, or the same feed GUID under
/// another URL. The first occurrence wins; URLs become canonical.
pub fn dedupe(items: Vec<Discovered>) -> Vec<Discovered> {
    let mut urls = std::collections::HashSet::new();
    let mut guids = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for mut d in items {
        d.url = canonical_url(&d.url);
        let new_guid = d.guid.as_ref().is_none_or(|g| guids.insert(g.clone()));
        if urls.insert(d.url.to_string()) && new_guid {
            out.push(d);
        }
    }
    out
}

/// Puts newly found articles — canonical URLs that pass `filter` and the
/// keywords, not already in `known` — in front of `known`, at most
/// `max_new` of them, keeping at most `max_known` in all. Articles that left
/// the index stay known.
pub fn merge_new(
    known: &mut Vec<String>,
    guids: &mut Vec<String>,
    found: Vec<Discovered>,
    filter: &UrlFilter,
    keywords: (&[String], bool),
    max_new: usize,
    max_known: usize,
) {
    let seen: std::collections::HashSet<String> = known
        .iter()
        .filter_map(|u| Url::parse(u).ok())
        .map(|u| canonical_url(&u).to_string())
        .collect();
    let known_guids: std::collections::HashSet<String> = guids.iter().cloned().collect();
    let mut new_guids = Vec::new();
    let mut fresh: Vec<String> = dedupe(found)
        .into_iter()
        .filter(|d| filter.allows(&d.url) && keywords_match(keywords.0, keywords.1, &d.title))
        .filter(|d| d.guid.as_ref().is_none_or(|g| !known_guids.contains(g)))
        .filter(|d| !seen.contains(d.url.as_str()))
        .take(max_new)
        .map(|d| {
            new_guids.extend(d.guid);
            d.url.to_string()
        })
        .collect();
    new_guids.append(guids);
    new_guids.truncate(max_known);
    *guids = new_guids;
    fresh.append(known);
    fresh.truncate(max_known);
    *known = fresh;
}

/// URL include/exclude patterns (regular expressions, matched anywhere in
/// the absolute URL). With includes, a URL must match one; a URL matching
/// an exclude is dropped.
#[derive(Debug, Clone, Default)]
pub struct UrlFilter {
    /// A URL must match one of these (when there are any).
    pub include: Vec<Regex>,
    /// A URL matching one of these is dropped.
    pub exclude: Vec<Regex>,
}

impl UrlFilter {
    /// Builds a filter from pattern strings.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, regex::Error> {
        let compile = |v: &[String]| {
            v.iter()
                .map(|p| Regex::new(p))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Self {
            include: compile(include)?,
            exclude: compile(exclude)?,
        })
    }

    /// Whether `url` passes.
    pub fn allows(&self, url: &Url) -> bool {
        let s = url.as_str();
        (self.include.is_empty() || self.include.iter().any(|r| r.is_match(s)))
            && !self.exclude.iter().any(|r| r.is_match(s))
    }
}

fn http_url(base: &Url, href: &str) -> Option<Url> {
    let u = base.join(href.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then_some(u)
}

/// Articles listed in an RSS, Atom or JSON feed. A feed that does not parse
/// gets one repair attempt ([`feedfix::repair`]) before it is an error.
pub fn from_feed(body: &[u8], base: &Url) -> Result<Vec<Discovered>, DiscoverError> {
    let feed = match feed_rs::parser::parse(body) {
        Ok(f) => f,
        Err(e) => {
            let fixed = feedfix::repair(body).ok_or_else(|| DiscoverError::Feed(e.to_string()))?;
            let f = feed_rs::parser::parse(fixed.as_slice())
                .map_err(|_| DiscoverError::Feed(e.to_string()))?;
            tracing::warn!(error = %e, entries = f.entries.len(), "feed did not parse; used a repaired copy");
            f
        }
    };
    let mut out = Vec::new();
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first());
        let Some(url) = link.and_then(|l| http_url(base, &l.href)) else {
            continue;
        };
        let mut title = entry.title.map(|t| t.content).unwrap_or_default();
        if let Some(s) = entry.summary {
            title.push('\n');
            title.push_str(&s.content);
        }
        let guid = (!entry.id.is_empty()).then_some(entry.id);
        out.push(Discovered { url, title, guid });
    }
    Ok(dedupe(out))
}

/// Links matched by `selector` on a listing page.
pub fn from_listing(
    html: &str,
    base: &Url,
    selector: &str,
) -> Result<Vec<Discovered>, DiscoverError> {
    let sel = Selector::parse(selector).map_err(|e| DiscoverError::Selector(e.to_string()))?;
    let doc = Html::parse_document(html);
    let mut out: Vec<Discovered> = Vec::new();
    for el in doc.select(&sel) {
        let href = el.value().attr("href").or_else(|| {
            let a = Selector::parse("a[href]").ok()?;
            el.select(&a).next().and_then(|a| a.value().attr("href"))
        });
        let Some(url) = href.and_then(|h| http_url(base, h)) else {
            continue;
        };
        if out.iter().any(|d| d.url == url) {
            continue;
        }
        let title = el
            .text()
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Discovered {
            url,
            title,
            guid: None,
        });
    }
    Ok(out)
}

/// Page URLs in a sitemap (`<url><loc>`), with news titles when present.
///
/// Sitemaps are a flat list; a small scan for `<loc>` and `<news:title>` is
/// all that is needed, and no sitemap crate adds more than that.
pub fn from_sitemap(xml: &str, base: &Url) -> Result<Vec<Discovered>, DiscoverError> {
    let mut out = Vec::new();
    for block in xml.split("<url>").skip(1) {
        let Some(loc) = between(block, "<loc>", "</loc>") else {
            continue;
        };
        let Some(url) = http_url(base, &unescape(loc)) else {
            continue;
        };
        let title = between(block, "<news:title>", "</news:title>")
            .map(unescape)
            .unwrap_or_default();
        out.push(Discovered {
            url,
            title,
            guid: None,
        });
    }
    if out.is_empty() && !xml.contains("<urlset") {
        return Err(DiscoverError::Sitemap);
    }
    Ok(out)
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(s[start..end].trim())
}

fn unescape(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("<![CDATA[")
        .and_then(|x| x.strip_suffix("]]>"))
        .unwrap_or(s);
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://127.0.0.1/").expect("literal URL")
    }

    #[test]
    fn keyword_filter() {
        let k = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        for (keywords, all, text, want) in [
            (
                k(&["corridor", "telecom"]),
                false,
                "The Corridor grows",
                true,
            ),
            (
                k(&["corridor", "telecom"]),
                true,
                "The Corridor grows",
                false,
            ),
            (
                k(&["corridor", "telecom"]),
                true,
                "Corridor and TELECOM",
                true,
            ),
            (k(&[]), true, "anything", true),
            (k(&["telecom"]), false, "Telecommunications rise", true),
            (k(&["IT ministry"]), false, "the digit ministry", false),
            (
                k(&["IT ministry"]),
                false,
                "The IT\u{a0}Ministry said",
                true,
            ),
            (k(&["ökonomie"]), false, "DIE ÖKONOMIE WÄCHST", true),
            (k(&["straße"]), false, "STRASSE gesperrt", true),
            (k(&["ΟΔΟΣ"]), false, "η οδος", true),
            (k(&["ΟΔΟΣ"]), false, "η οδός", false),
            (k(&["istanbul"]), false, "İSTANBUL", true),
            (k(&["سی پیک"]), false, "خبر: سی پیک منصوبے", true),
            (k(&["CPEC"]), false, "cpec-related", true),
        ] {
            assert_eq!(
                keywords_match(&keywords, all, text),
                want,
                "{keywords:?} all={all} in {text:?}"
            );
        }
    }

    #[test]
    fn canonical_urls_and_dedupe() {
        for (raw, want) in [
            (
                "http://x.test/a?utm_source=rss&utm_medium=feed#top",
                "http://x.test/a",
            ),
            ("http://x.test/a?id=3&fbclid=zz", "http://x.test/a?id=3"),
            ("HTTP://X.TEST:80/a", "http://x.test/a"),
        ] {
            assert_eq!(
                canonical_url(&Url::parse(raw).expect("test URL")).as_str(),
                want
            );
        }
        let d = |u: &str, g: Option<&str>| Discovered {
            url: Url::parse(u).expect("test URL"),
            title: String::new(),
            guid: g.map(str::to_owned),
        };
        let out = dedupe(vec![
            d("http://x.test/1?utm_source=a", Some("g1")),
            d("http://x.test/1", Some("g9")),
            d("http://x.test/1-renamed", Some("g1")),
            d("http://x.test/2", None),
        ]);
        let urls: Vec<_> = out.iter().map(|d| d.url.as_str()).collect();
        assert_eq!(urls, ["http://x.test/1", "http://x.test/2"]);
    }

    #[test]
    fn merging_keeps_articles_that_left_the_index() {
        let d = |u: &str, t: &str| Discovered {
            url: Url::parse(u).expect("test URL"),
            title: t.into(),
            guid: None,
        };
        let mut known = vec!["http://x.test/old".to_owned(), "http://x.test/1".to_owned()];
        let found = vec![
            d("http://x.test/1?utm_source=x", "corridor"),
            d("http://x.test/2", "corridor"),
            d("http://x.test/3", "sport"),
        ];
        let mut guids = Vec::new();
        merge_new(
            &mut known,
            &mut guids,
            found,
            &UrlFilter::default(),
            (&["corridor".to_owned()], false),
            10,
            500,
        );
        assert_eq!(
            known,
            ["http://x.test/2", "http://x.test/old", "http://x.test/1"]
        );
        merge_new(
            &mut known,
            &mut guids,
            vec![],
            &UrlFilter::default(),
            (&[], false),
            10,
            2,
        );
        assert_eq!(known.len(), 2);
    }

    #[test]
    fn a_known_guid_under_a_new_url_is_not_new() {
        let d = |u: &str, g: &str| Discovered {
            url: Url::parse(u).expect("test URL"),
            title: "t".into(),
            guid: Some(g.into()),
        };
        let (mut known, mut guids) = (Vec::new(), Vec::new());
        let f = UrlFilter::default();
        merge_new(
            &mut known,
            &mut guids,
            vec![d("http://x.test/a", "g1")],
            &f,
            (&[], false),
            10,
            500,
        );
        merge_new(
            &mut known,
            &mut guids,
            vec![
                d("http://x.test/a-renamed", "g1"),
                d("http://x.test/b", "g2"),
            ],
            &f,
            (&[], false),
            10,
            500,
        );
        assert_eq!(known, ["http://x.test/b", "http://x.test/a"]);
        assert_eq!(guids, ["g2", "g1"]);
    }

    #[test]
    fn url_filters() {
        let f = UrlFilter::new(&["/news/".to_owned()], &["/news/sport/".to_owned()])
            .expect("valid patterns");
        for (u, want) in [
            ("http://x.test/news/1", true),
            ("http://x.test/news/sport/2", false),
            ("http://x.test/about", false),
        ] {
            assert_eq!(f.allows(&Url::parse(u).expect("test URL")), want, "{u}");
        }
        assert!(UrlFilter::default().allows(&Url::parse("http://x.test/").expect("test URL")));
    }

    #[test]
    fn rss_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>One</title><link>/a/1.html</link><guid>g1</guid></item>
            <item><title>Two</title><link>http://127.0.0.1/a/2.html</link></item></channel></rss>"#;
        let items = from_feed(rss, &base()).expect("valid feed");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].url.as_str(), "http://127.0.0.1/a/1.html");
        assert!(items[0].title.starts_with("One"));
    }

    #[test]
    fn broken_feed_is_an_error() {
        assert!(from_feed(b"<rss><channel><item><title>x", &base()).is_err());
        assert!(from_feed(b"<html><body>Error</body></html>", &base()).is_err());
    }

    #[test]
    fn listing_links() {
        let html = r#"<ul class="news"><li><a href="/x/1">First story</a></li><li><a href="/x/1">dup</a></li>
            <li><a href="mailto:a@b">mail</a></li><li><a href="/x/2">Second</a></li></ul>"#;
        let items = from_listing(html, &base(), "ul.news a").expect("valid selector");
        let urls: Vec<_> = items.iter().map(|d| d.url.path()).collect();
        assert_eq!(urls, ["/x/1", "/x/2"]);
    }

    #[test]
    fn sitemap_locs() {
        let xml = "<urlset><url><loc>http://127.0.0.1/n/1?a=1&amp;b=2</loc><news:title>Hi</news:title></url></urlset>";
        let items = from_sitemap(xml, &base()).expect("valid sitemap");
        assert_eq!(items[0].url.as_str(), "http://127.0.0.1/n/1?a=1&b=2");
        assert_eq!(items[0].title, "Hi");
        assert!(from_sitemap("<html></html>", &base()).is_err());
    }
}
