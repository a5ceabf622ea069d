//! Extraction fixtures: each page under `tests/fixtures/extract/` is decoded
//! from raw bytes (no HTTP header) and extracted; the body must equal the
//! `.txt` file next to it exactly.

use std::path::PathBuf;

use claimwatch::extract::{ExtractOptions, charset, extract_html};

fn fixture(name: &str) -> (Vec<u8>, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let html = std::fs::read(dir.join(format!("{name}.html"))).expect("fixture page");
    let want = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture text");
    (html, want.trim_end().to_owned())
}

fn check(name: &str) -> claimwatch::extract::Article {
    let (bytes, want) = fixture(name);
    let html = charset::decode(&bytes, None);
    let article = extract_html(&html, &ExtractOptions::default());
    assert_eq!(article.text, want, "fixture {name}");
    article
}

#[test]
fn teaser_sidebar_and_also_read_are_dropped() {
    let a = check("teaser_sidebar");
    assert_eq!(a.title, "Port handles 14 ships a week");
}

#[test]
fn comments_with_numbers_are_dropped() {
    let a = check("comments_with_numbers");
    assert!(!a.text.contains("40 of those"));
}

#[test]
fn json_ld_only_body_is_used() {
    let a = check("json_ld_only");
    assert_eq!(a.title, "Solar farm adds 300MW");
    assert_eq!(a.byline.as_deref(), Some("Ana Silva"));
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2030, 4, 2));
}

#[test]
fn cp1252_declared_only_in_meta() {
    let (bytes, _) = fixture("cp1252_meta_only");
    assert_eq!(charset::sniff(&bytes, None).name(), "windows-1252");
    let a = check("cp1252_meta_only");
    assert_eq!(a.title, "Café prices");
}

#[test]
fn urdu_utf8_without_header_stays_intact() {
    let (bytes, _) = fixture("urdu_utf8_no_header");
    assert_eq!(charset::sniff(&bytes, None).name(), "UTF-8");
    let a = check("urdu_utf8_no_header");
    assert_eq!(a.lang.as_deref(), Some("ur"));
}

#[test]
fn article_in_plain_divs() {
    check("plain_div_article");
}

#[test]
fn windows_1256_header_decodes_arabic_script() {
    // "سلام" in windows-1256.
    let bytes = b"<p>\xD3\xE1\xC7\xE3</p>";
    let text = charset::decode(bytes, Some("text/html; charset=windows-1256"));
    assert_eq!(text, "<p>سلام</p>");
}

#[test]
fn body_selector_and_exclude_selectors() {
    let (bytes, _) = fixture("teaser_sidebar");
    let html = charset::decode(&bytes, None);
    let opts = ExtractOptions {
        body_selector: Some(".sidebar".into()),
        exclude_selectors: vec![".trending".into(), "li:last-child".into()],
    };
    let a = extract_html(&html, &opts);
    assert_eq!(
        a.text,
        "Most Read\n\nFish market moves after 80 years\n\nTraders say 300 stalls will relocate."
    );
}
