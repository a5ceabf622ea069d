//! Guard: prepares untrusted HTML for the parser in one pass. It bounds the
//! element nesting depth, and drops script and style bodies (see
//! [`drops_body`]). html5ever's tree builder scans its stack of open elements for many
//! tags, so parse time grows with depth × tags; a 100k-deep page would take
//! minutes. Start tags past [`MAX_DEPTH`] (and their end tags) are dropped,
//! their text kept. Pages within the limit are returned untouched.

use std::borrow::Cow;

/// Deepest nesting kept. Real pages stay well below 100.
pub(crate) const MAX_DEPTH: usize = 400;

/// Elements that never take children.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr", b"keygen",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose end tag is optional; the parser closes them implicitly,
/// so counting them would overstate depth.
fn is_optional_end(name: &[u8]) -> bool {
    const OPT: &[&[u8]] = &[
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"rtc",
    ];
    OPT.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose content is raw text (no tags inside).
fn is_raw_text(name: &[u8]) -> bool {
    const RAW: &[&[u8]] = &[
        b"script",
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"plaintext",
    ];
    RAW.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// One tag found by the scanner.
enum Tag<'a> {
    Start {
        name: &'a [u8],
        end: usize,
        self_closing: bool,
    },
    End {
        end: usize,
    },
    Other {
        end: usize,
    },
}

/// Reads the markup item starting at `at` (a `<`).
fn scan(b: &[u8], at: usize) -> Tag<'_> {
    let rest = &b[at..];
    if rest.starts_with(b"<!--") {
        let end = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
        return Tag::Other { end };
    }
    let is_end = rest.get(1) == Some(&b'/');
    let name_start = at + 1 + usize::from(is_end);
    let name_len = b[name_start.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
        let end = if rest.get(1).is_some_and(|c| *c == b'!' || *c == b'?') {
            find(b, at, b">").map_or(b.len(), |e| e + 1)
        } else {
            at + 1
        };
        return Tag::Other { end };
    }
    let name = &b[name_start..name_start + name_len];
    // Find the closing '>' outside quoted attribute values.
    let mut i = name_start + name_len;
    let mut quote = 0u8;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            break;
        }
        i += 1;
    }
    let end = (i + 1).min(b.len());
    if is_end {
        Tag::End { end }
    } else {
        let self_closing = i > 0 && b.get(i - 1) == Some(&b'/');
        Tag::Start {
            name,
            end,
            self_closing,
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

/// The copy being built: untouched input is borrowed until the first cut.
struct Cuts<'a> {
    html: &'a str,
    out: Option<String>,
    copied: usize,
}

impl Cuts<'_> {
    /// Leaves `html[from..to]` out of the copy.
    fn cut(&mut self, from: usize, to: usize) {
        if to <= from {
            return;
        }
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.html.len()));
        out.push_str(&self.html[self.copied..from]);
        self.copied = to;
    }
}

/// Whether the body of this raw-text element is dropped: scripts (except
/// JSON-LD, which the metadata reader needs) and style sheets never hold
/// article text, and they are often half the page; html5ever tokenises raw
/// text one character at a time, so not parsing them is the cheapest win.
fn drops_body(name: &[u8], tag: &[u8]) -> bool {
    if name.eq_ignore_ascii_case(b"style") {
        return true;
    }
    name.eq_ignore_ascii_case(b"script")
        && !tag.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Returns `html` ready to parse, in one walk over the markup: start and
/// end tags nested deeper than `max` dropped (their text kept), and script
/// and style bodies dropped. Borrowed when there is nothing to drop.
pub(crate) fn prepare(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut cuts = Cuts {
        html,
        out: None,
        copied: 0,
    };
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        match scan(b, at) {
            Tag::Start {
                name,
                end,
                self_closing,
            } => {
                let mut next = end;
                if is_raw_text(name) {
                    let mut close = Vec::with_capacity(name.len() + 2);
                    close.extend_from_slice(b"</");
                    close.extend(name.iter().map(u8::to_ascii_lowercase));
                    next = find_ci(b, end, &close).unwrap_or(b.len());
                    if drops_body(name, &b[at..end]) {
                        cuts.cut(end, next);
                    }
                } else if !self_closing && !is_void(name) && !is_optional_end(name) {
                    depth += 1;
                    if depth > max {
                        cuts.cut(at, end);
                    }
                }
                i = next;
            }
            Tag::End { end } => {
                if depth > max {
                    cuts.cut(at, end);
                }
                depth = depth.saturating_sub(1);
                i = end;
            }
            Tag::Other { end } => i = end.max(at + 1),
        }
        if i >= b.len() {
            break;
        }
    }
    match cuts.out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[cuts.copied.min(html.len())..]);
            Cow::Owned(out)
        }
    }
}

/// Case-insensitive search for an ASCII needle (given in lower case).
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let upper = first.to_ascii_uppercase();
    let mut at = from;
    while let Some(p) = memchr::memchr2(*first, upper, hay.get(at..)?) {
        let pos = at + p;
        if hay
            .get(pos..pos + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(pos);
        }
        at = pos + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<p>b<ul><li>c<li>d</ul><script>if (a<b) {}</script><br></div>";
        assert!(
            matches!(prepare(html, 3), Cow::Owned(_)),
            "script body dropped"
        );
        let html = "<div><p>a<p>b<ul><li>c<li>d</ul><br></div>";
        assert!(matches!(prepare(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_text_kept() {
        let html = "<div><div><div><div>deep</div></div></div></div>";
        assert_eq!(prepare(html, 2), "<div><div>deep</div></div>");
    }

    #[test]
    fn script_and_style_bodies_are_dropped_json_ld_kept() {
        let cases: &[(&str, &str)] = &[
            (
                "<p>a</p><script>var x = '<p>no</p>';</script>",
                "<p>a</p><script></script>",
            ),
            (
                "<SCRIPT src=x>f()</SCRIPT><p>b",
                "<SCRIPT src=x></SCRIPT><p>b",
            ),
            ("<style>p{}</style><p>c", "<style></style><p>c"),
            (
                r#"<script type="application/LD+JSON">{"a":1}</script>"#,
                r#"<script type="application/LD+JSON">{"a":1}</script>"#,
            ),
            ("<script>never closed <p>d", "<script>"),
            ("<title>1 < 2</title><p>e", "<title>1 < 2</title><p>e"),
            (
                "<textarea><script>t</script></textarea>",
                "<textarea><script>t</script></textarea>",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(prepare(html, 400), *want, "{html}");
        }
    }

    #[test]
    fn quoted_gt_and_comments() {
        let html = "<div title='a>b'><!-- <div><div> --><div>x</div></div>";
        assert_eq!(prepare(html, 2), html);
    }
}
