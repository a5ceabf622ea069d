//! Feed repair: a last try at a feed that does not parse, for the common
//! breakages of real feeds — bytes in another encoding than declared,
//! undeclared (HTML) entities such as `&nbsp;`, stray `&`, and a document cut
//! off mid-way (only the complete items are kept). An HTML page served as a
//! feed is not repaired. Pure.

/// A repaired copy of `body`, or `None` when it does not look like a feed
/// or nothing could be done.
pub fn repair(body: &[u8]) -> Option<Vec<u8>> {
    let text = to_utf8(body);
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let kind = ["<rss", "<feed", "<rdf:rdf"]
        .into_iter()
        .find(|k| head.contains(k))?;
    let text = declare_utf8(&text);
    let text = fix_entities(&text);
    let text = close_truncated(&text, kind)?;
    Some(text.into_bytes())
}

/// Decodes as UTF-8 when valid, else by the detected encoding (a feed that
/// declares UTF-8 but is windows-1252, say).
fn to_utf8(body: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(body) {
        return s.trim_start_matches('\u{FEFF}').to_owned();
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(body, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    enc.decode(body).0.into_owned()
}

/// Rewrites the XML declaration's encoding to UTF-8, which the text now is.
fn declare_utf8(text: &str) -> String {
    let Some(rest) = text.strip_prefix("<?xml") else {
        return text.to_owned();
    };
    let Some(end) = rest.find("?>") else {
        return text.to_owned();
    };
    let decl = &rest[..end];
    let Some(at) = decl.find("encoding") else {
        return text.to_owned();
    };
    let after = &decl[at..];
    let quoted = after.find(['"', '\'']).and_then(|q| {
        let quote = after[q..].chars().next()?;
        let close = after[q + 1..].find(quote)?;
        Some(q + 1 + close + 1)
    });
    let Some(len) = quoted else {
        return text.to_owned();
    };
    format!(
        "<?xml{}encoding=\"utf-8\"{}{}",
        &decl[..at],
        &decl[at + len..],
        &rest[end..]
    )
}

const HTML_ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
];

/// Turns HTML entities into numeric references and stray `&` into `&amp;`,
/// leaving CDATA sections alone.
fn fix_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").map_or(after.len(), |e| e + 3);
            out.push_str("<![CDATA[");
            out.push_str(&after[..end]);
            rest = &after[end..];
            continue;
        }
        if rest.starts_with('<') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let name_end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        match name_end {
            Some(e) if rest[e..].starts_with(';') && e > 1 => {
                let name = &rest[1..e];
                if name.starts_with('#') || ["amp", "lt", "gt", "quot", "apos"].contains(&name) {
                    out.push_str(&rest[..=e]);
                } else if let Some((_, c)) = HTML_ENTITIES.iter().find(|(n, _)| *n == name) {
                    out.push_str(&format!("&#{};", u32::from(*c)));
                } else {
                    out.push_str("&amp;");
                    out.push_str(&rest[1..=e]);
                }
                rest = &rest[e + 1..];
            }
            _ => {
                out.push_str("&amp;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Cuts a truncated feed after its last complete item and closes it.
fn close_truncated(text: &str, kind: &str) -> Option<String> {
    let (item_end, closer) = match kind {
        "<feed" => ("</entry>", "</feed>"),
        "<rdf:rdf" => ("</item>", "</rdf:RDF>"),
        _ => ("</item>", "</channel></rss>"),
    };
    let trimmed = text.trim_end();
    let lower_tail = trimmed
        .get(trimmed.len().saturating_sub(64)..)
        .unwrap_or(trimmed)
        .to_ascii_lowercase();
    if lower_tail.ends_with(&closer.to_ascii_lowercase()) || lower_tail.ends_with("</rss>") {
        return Some(text.to_owned());
    }
    let end = text.rfind(item_end)? + item_end.len();
    Some(format!("{}{closer}", &text[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(body: &[u8]) -> Vec<String> {
        let fixed = repair(body).expect("repairable");
        let feed = feed_rs::parser::parse(fixed.as_slice()).expect("repaired feed parses");
        feed.entries
            .into_iter()
            .map(|e| e.title.map(|t| t.content).unwrap_or_default())
            .collect()
    }

    #[test]
    fn repairs() {
        let cases: &[(&str, &[u8], &[&str])] = &[
            (
                "undeclared entity",
                b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>A&nbsp;B &mdash; C</title><link>http://x.test/1</link></item></channel></rss>",
                &["A\u{a0}B \u{2014} C"],
            ),
            (
                "stray ampersand",
                b"<rss version=\"2.0\"><channel><title>t</title><item><title>Q&A time</title><link>http://x.test/1</link></item></channel></rss>",
                &["Q&A time"],
            ),
            (
                "truncated rss",
                b"<rss version=\"2.0\"><channel><title>t</title><item><title>One</title><link>http://x.test/1</link></item><item><title>Tw",
                &["One"],
            ),
            (
                "truncated atom",
                b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>f</id><updated>2026-01-01T00:00:00Z</updated><entry><title>E1</title><id>e1</id><link href=\"http://x.test/1\"/><updated>2026-01-01T00:00:00Z</updated></entry><entry><title>E2",
                &["E1"],
            ),
            (
                "declared utf-8, really windows-1252",
                b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Caf\xe9 \x93quoted\x94</title><link>http://x.test/1</link></item></channel></rss>",
                &["Caf\u{e9} \u{201c}quoted\u{201d}"],
            ),
        ];
        for (name, body, want) in cases {
            assert_eq!(titles(body), *want, "{name}");
        }
    }

    #[test]
    fn html_and_hopeless_input_are_not_repaired() {
        for body in [
            &b"<html><body><h1>Service unavailable</h1></body></html>"[..],
            b"",
            b"<rss><channel><item><title>x",
        ] {
            assert!(repair(body).is_none(), "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn cdata_is_left_alone() {
        assert_eq!(
            fix_entities("<![CDATA[a &nbsp; b]]> &nbsp;"),
            "<![CDATA[a &nbsp; b]]> &#160;"
        );
    }
}
