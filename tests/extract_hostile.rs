//! Hostile HTML: extraction must finish (no stack overflow, no hang) on
//! pathological pages. These assert completion and sane output, not timing.

use claimwatch::extract::{ExtractOptions, extract_document, extract_html};

fn run(html: &str) -> claimwatch::extract::Article {
    extract_html(html, &ExtractOptions::default())
}

#[test]
fn deep_div_nesting_100k() {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 12);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("<p>Deep text with 42 items, at the bottom of the page.</p>");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    let a = run(&html);
    assert!(a.text.contains("42 items"), "{:?}", a.text);
}

#[test]
fn deep_unclosed_inline_nesting() {
    let mut html = String::from("<p>start ");
    for i in 0..100_000 {
        html.push_str(if i % 2 == 0 { "<b>" } else { "<i>" });
    }
    html.push_str("end of the unclosed run");
    let a = run(&html);
    assert!(
        a.text.starts_with("start"),
        "{:?}",
        &a.text[..a.text.len().min(80)]
    );
}

#[test]
fn ten_megabyte_attribute() {
    let big = "x".repeat(10 * 1024 * 1024);
    let html = format!(
        "<html><head><meta property=\"og:title\" content=\"{big}\"></head>\
         <body><div class=\"{big}\" style=\"{big}\"><p>Body with 7 numbers, kept.</p></div></body></html>"
    );
    let a = run(&html);
    assert_eq!(a.text, "Body with 7 numbers, kept.");
    assert!(a.title.len() <= 4096);
}

#[test]
fn unclosed_tags_everywhere() {
    let html = "<html><body><div class=content><p>First para, 3 items<p>Second para, 4 items\
                <table><tr><td>cell one, 5<td>cell two<div><span><a href=x>link";
    let a = run(html);
    assert!(a.text.contains("First para, 3 items"), "{:?}", a.text);
    assert!(a.text.contains("Second para, 4 items"), "{:?}", a.text);
}

#[test]
fn one_huge_text_node() {
    let word = "claim 12 ";
    let html = format!("<html><body>{}</body></html>", word.repeat(1_000_000));
    let a = run(&html);
    assert!(a.text.len() > 8_000_000);
}

#[test]
fn many_siblings_and_empty_input() {
    let html = "<p>x</p>".repeat(200_000);
    let _ = run(&html);
    assert_eq!(run("").text, "");
    assert_eq!(
        extract_document("", None, &ExtractOptions::default()).text,
        ""
    );
}

#[test]
fn deep_nesting_with_user_selectors() {
    let depth = 20_000;
    let html = format!(
        "{}<p class=keep>Selected text, 9 units.</p>{}",
        "<div class=a>".repeat(depth),
        "</div>".repeat(depth)
    );
    let opts = ExtractOptions {
        body_selector: Some("p.keep".into()),
        exclude_selectors: vec!["div.zzz span".into()],
    };
    assert_eq!(extract_html(&html, &opts).text, "Selected text, 9 units.");
}
