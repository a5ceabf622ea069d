//! Discovery: article URLs from feeds (RSS, Atom, JSON Feed via feed-rs),
//! listing pages (a CSS selector for links) and sitemaps, filtered by the
//! source's keywords. Pure functions over fetched bytes.

use scraper::{Html, Selector};
use url::Url;

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

/// Whether `text` passes the keyword filter (`all` or any; case-insensitive).
pub fn keywords_match(keywords: &[String], all: bool, text: &str) -> bool {
    if keywords.is_empty() {
        return true;
    }
    let hay = text.to_lowercase();
    let hit = |k: &String| hay.contains(k.as_str());
    if all { keywords.iter().all(hit) } else { keywords.iter().any(hit) }
}

fn http_url(base: &Url, href: &str) -> Option<Url> {
    let u = base.join(href.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then_some(u)
}

/// Articles listed in an RSS, Atom or JSON feed.
pub fn from_feed(body: &[u8], base: &Url) -> Result<Vec<Discovered>, DiscoverError> {
    let feed = feed_rs::parser::parse(body).map_err(|e| DiscoverError::Feed(e.to_string()))?;
    let mut out = Vec::new();
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first());
        let Some(url) = link.and_then(|l| http_url(base, &l.href)) else { continue };
        let mut title = entry.title.map(|t| t.content).unwrap_or_default();
        if let Some(s) = entry.summary {
            title.push('\n');
            title.push_str(&s.content);
        }
        let guid = (!entry.id.is_empty()).then_some(entry.id);
        out.push(Discovered { url, title, guid });
    }
    Ok(out)
}

/// Links matched by `selector` on a listing page.
pub fn from_listing(html: &str, base: &Url, selector: &str) -> Result<Vec<Discovered>, DiscoverError> {
    let sel = Selector::parse(selector).map_err(|e| DiscoverError::Selector(e.to_string()))?;
    let doc = Html::parse_document(html);
    let mut out: Vec<Discovered> = Vec::new();
    for el in doc.select(&sel) {
        let href = el.value().attr("href").or_else(|| {
            let a = Selector::parse("a[href]").ok()?;
            el.select(&a).next().and_then(|a| a.value().attr("href"))
        });
        let Some(url) = href.and_then(|h| http_url(base, h)) else { continue };
        if out.iter().any(|d| d.url == url) {
            continue;
        }
        let title = el.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(Discovered { url, title, guid: None });
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
        let Some(loc) = between(block, "<loc>", "</loc>") else { continue };
        let Some(url) = http_url(base, &unescape(loc)) else { continue };
        let title = between(block, "<news:title>", "</news:title>").map(unescape).unwrap_or_default();
        out.push(Discovered { url, title, guid: None });
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
    let s = s.strip_prefix("<![CDATA[").and_then(|x| x.strip_suffix("]]>")).unwrap_or(s);
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://127.0.0.1/").expect("literal URL")
    }

    #[test]
    fn keyword_filter() {
        let k = vec!["corridor".to_owned(), "telecom".to_owned()];
        assert!(keywords_match(&k, false, "The Corridor grows"));
        assert!(!keywords_match(&k, true, "The Corridor grows"));
        assert!(keywords_match(&k, true, "Corridor and TELECOM"));
        assert!(keywords_match(&[], true, "anything"));
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
