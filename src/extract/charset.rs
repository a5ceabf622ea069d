//! Charset: decodes fetched bytes to text in WHATWG order (BOM, HTTP header,
//! `<meta>` prescan, UTF-8 validity, then chardetng detection).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How many leading bytes the `<meta>` prescan looks at (as in the HTML spec).
const PRESCAN_LEN: usize = 1024;

/// Decodes `bytes`, using the charset of `content_type` when it names one.
///
/// Order: byte-order mark, then the `charset` parameter of `content_type`,
/// then a `<meta charset>` / `<meta http-equiv=content-type>` in the first
/// 1024 bytes, then UTF-8 when the bytes are valid UTF-8, then chardetng's
/// guess. Malformed sequences become U+FFFD; this never fails.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = sniff(bytes, content_type);
    // `decode` strips a BOM (and lets a BOM override `encoding`), which is what
    // the WHATWG "decode" algorithm does.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// Picks the encoding of `bytes` (exposed for tests and for callers that want
/// to report it).
pub fn sniff(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = content_type.and_then(charset_param).and_then(label) {
        return enc;
    }
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    if let Some(enc) = prescan_meta(head) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Allow)
}

/// Resolves a charset label; UTF-16 labels found in a document mean UTF-8 and
/// `x-user-defined` means windows-1252, as the HTML spec says.
fn label(name: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(name.trim().as_bytes())?;
    Some(if enc == UTF_16BE || enc == UTF_16LE {
        UTF_8
    } else if enc == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    })
}

/// The value of a `charset=` parameter in a Content-Type-like string.
fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    let value = &rest[..end];
    (!value.is_empty()).then_some(value)
}

/// Scans `head` for a `<meta>` tag that declares a charset. Comments are
/// skipped; other tags are ignored.
fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            i = find(head, i + 4, b"-->").map_or(head.len(), |e| e + 3);
            continue;
        }
        if head[i] == b'<' && starts_with_ci(&head[i + 1..], b"meta") {
            let after = head.get(i + 5).copied().unwrap_or(b'>');
            if after.is_ascii_whitespace() || after == b'/' {
                let end = find(head, i, b">").unwrap_or(head.len());
                if let Some(enc) = meta_charset(&head[i + 5..end]) {
                    return Some(enc);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Reads the attributes of one `<meta …>` tag body for a charset.
fn meta_charset(attrs: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(attrs);
    let mut charset = None;
    let mut content = None;
    let mut http_equiv_ct = false;
    for (name, value) in parse_attrs(&text) {
        match name.as_str() {
            "charset" if charset.is_none() => charset = Some(value),
            "content" if content.is_none() => content = Some(value),
            "http-equiv" => http_equiv_ct |= value.eq_ignore_ascii_case("content-type"),
            _ => {}
        }
    }
    if let Some(c) = charset {
        return label(&c);
    }
    if http_equiv_ct {
        return content.as_deref().and_then(charset_param).and_then(label);
    }
    None
}

/// A small attribute tokenizer: `name=value`, `name="value"`, `name='value'`, bare names.
fn parse_attrs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let (v, tail) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &r[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..end], &r[end..])
                }
            };
            value = v.to_owned();
            rest = tail;
        }
        if name.is_empty() {
            // A stray '=' or quote: skip one character so the loop advances.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
            continue;
        }
        out.push((name, value));
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_sources() {
        let cases: &[(&[u8], Option<&str>, &str)] = &[
            (
                b"\xEF\xBB\xBFhi",
                Some("text/html; charset=windows-1252"),
                "UTF-8",
            ),
            (
                b"caf\xE9",
                Some("text/html; charset=ISO-8859-1"),
                "windows-1252",
            ),
            (b"<meta charset=\"windows-1256\">", None, "windows-1256"),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
                None,
                "KOI8-R",
            ),
            (b"<!-- <meta charset=koi8-r> --><p>x", None, "UTF-8"),
            (b"<meta charset=utf-16>", None, "UTF-8"),
            ("plain ✓".as_bytes(), None, "UTF-8"),
            (b"<meta charset='bogus'>ok", Some("text/html"), "UTF-8"),
        ];
        for (bytes, ct, want) in cases {
            assert_eq!(
                sniff(bytes, *ct).name(),
                *want,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn detects_cp1252_without_declaration() {
        let bytes = b"Caf\xE9 cr\xE8me br\xFBl\xE9e \x93quoted\x94 and na\xEFve r\xE9sum\xE9 text";
        assert_eq!(
            decode(bytes, None),
            "Café crème brûlée “quoted” and naïve résumé text"
        );
    }

    #[test]
    fn charset_param_variants() {
        assert_eq!(charset_param("text/html;charset=\"utf-8\""), Some("utf-8"));
        assert_eq!(
            charset_param("text/html; Charset = cp1256 ;x=y"),
            Some("cp1256")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
