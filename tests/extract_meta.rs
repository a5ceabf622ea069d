//! Metadata: title, dates, canonical URL, byline and language, table-driven
//! over small pages; plus the plain-text forms.

use chrono::NaiveDate;
use claimwatch::extract::{ExtractOptions, extract_document, extract_html, parse_plain_text};

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body>{body}<p>Body text that is long enough to count as a paragraph, with 3 figures.</p></body></html>"
    )
}

#[test]
fn titles() {
    let cases = [
        ("<title>Plain title</title>", "", "Plain title"),
        (
            "<title>Rates rise again | Daily Mail Room</title><meta property=\"og:site_name\" content=\"Daily Mail Room\">",
            "",
            "Rates rise again",
        ),
        (
            "<title>Site - Section - Rates rise again today</title>",
            "<h1>Rates rise again today</h1>",
            "Rates rise again today",
        ),
        (
            "<meta property=\"og:title\" content=\"OG wins\"><title>Other</title>",
            "<h1>H1 loses</h1>",
            "OG wins",
        ),
        (
            "<title>Long story about budgets in the city – Herald</title>",
            "",
            "Long story about budgets in the city",
        ),
    ];
    for (head, body, want) in cases {
        let a = extract_html(&page(head, body), &ExtractOptions::default());
        assert_eq!(a.title, want, "{head}");
    }
}

#[test]
fn dates() {
    let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2022-09-20T14:53:00+05:00","dateModified":"2022-09-21"}]}</script>"#;
    let cases: [(&str, &str, Option<NaiveDate>, Option<NaiveDate>); 6] = [
        (ld, "", d(2022, 9, 20), d(2022, 9, 21)),
        (
            "<meta property=\"article:published_time\" content=\"2024-01-02T11:37:00+05:00\"><meta property=\"article:modified_time\" content=\"2024-01-03\">",
            "",
            d(2024, 1, 2),
            d(2024, 1, 3),
        ),
        (
            "<meta itemprop=\"datePublished\" content=\"2020-06-18\">",
            "",
            d(2020, 6, 18),
            None,
        ),
        (
            "",
            "<time datetime=\"2019-12-08T09:00\">Dec 8</time>",
            d(2019, 12, 8),
            None,
        ),
        (
            "<link rel=\"canonical\" href=\"https://x.example/2021/05/17/story/\">",
            "",
            d(2021, 5, 17),
            None,
        ),
        ("", "", None, None),
    ];
    for (head, body, published, modified) in cases {
        let a = extract_html(&page(head, body), &ExtractOptions::default());
        assert_eq!(
            (a.published, a.modified),
            (published, modified),
            "{head} {body}"
        );
    }
}

#[test]
fn canonical_byline_lang() {
    let cases = [
        (
            "<link rel=\"canonical\" href=\"https://x.example/a\"><meta property=\"og:url\" content=\"https://x.example/b\">",
            Some("https://x.example/a"),
            None,
            Some("en"),
        ),
        (
            "<meta property=\"og:url\" content=\"https://x.example/b\"><meta name=\"author\" content=\"By Sara Khan\">",
            Some("https://x.example/b"),
            Some("Sara Khan"),
            Some("en"),
        ),
        (
            r#"<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"A One"},{"name":"B Two"}],"url":"https://x.example/c"}</script>"#,
            Some("https://x.example/c"),
            Some("A One, B Two"),
            Some("en"),
        ),
    ];
    for (head, url, byline, lang) in cases {
        let a = extract_html(&page(head, ""), &ExtractOptions::default());
        assert_eq!(a.url.as_deref(), url, "{head}");
        assert_eq!(a.byline.as_deref(), byline, "{head}");
        assert_eq!(a.lang.as_deref(), lang, "{head}");
    }
    let no_lang =
        "<html><head><meta property=\"og:locale\" content=\"ur_PK\"></head><body></body></html>";
    assert_eq!(
        extract_html(no_lang, &ExtractOptions::default())
            .lang
            .as_deref(),
        Some("ur-PK")
    );
}

#[test]
fn plain_text_with_header() {
    let a = parse_plain_text(
        "Headline\n2021-04-03\nhttps://x.example/n\n\nFirst para.\n\nALSO READ: Other story",
    );
    assert_eq!(a.title, "Headline");
    assert_eq!(a.published, d(2021, 4, 3));
    assert_eq!(a.url.as_deref(), Some("https://x.example/n"));
    assert_eq!(a.text, "First para.\n\nALSO READ: Other story");
}

#[test]
fn plain_text_without_header_like_the_seed() {
    let src = "Home Latest News Ministry plans 7 parks\nLatest News - December 8, 2019\n\nMinistry plans 7 parks\n\nThe ministry plans 7 parks.\n\nCheck Also\n\nISLAMABAD: A total of 38 projects worth over $25 billion have been completed";
    let a = extract_document(src, None, &ExtractOptions::default());
    assert_eq!(a.title, "Ministry plans 7 parks");
    assert_eq!(a.published, d(2019, 12, 8));
    assert!(a.text.starts_with("Home Latest News"));
    assert!(
        a.text
            .ends_with("A total of 38 projects worth over $25 billion have been completed")
    );
    assert!(a.text.contains("Check Also"));
}

#[test]
fn document_kind_detection() {
    let html = extract_document(
        "  <html><body><p>Some paragraph text long enough to be kept, yes.</p></body></html>",
        None,
        &ExtractOptions::default(),
    );
    assert_eq!(
        html.text,
        "Some paragraph text long enough to be kept, yes."
    );
    let forced = extract_document(
        "<b>not html</b>\n2020-01-01\n\nx",
        Some(false),
        &ExtractOptions::default(),
    );
    assert_eq!(forced.title, "<b>not html</b>");
}

#[test]
fn selector_validation() {
    assert!(claimwatch::extract::validate_selector("main article > p").is_ok());
    assert!(claimwatch::extract::validate_selector("div[").is_err());
}
