//! Guard: bounds the element nesting depth of untrusted HTML before it is
//! parsed. html5ever's tree builder scans its stack of open elements for many
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
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Walks the markup; with `out`, copies it while dropping tags past `max`.
/// Returns the deepest depth seen (capped once past `max` when only measuring).
fn walk(html: &str, max: usize, mut out: Option<&mut String>) -> usize {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
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
                    let lower_end = find_ci(b, end, &close);
                    next = lower_end.unwrap_or(b.len());
                } else if !self_closing && !is_void(name) && !is_optional_end(name) {
                    depth += 1;
                    deepest = deepest.max(depth);
                    if depth > max {
                        match out.as_deref_mut() {
                            None => return deepest,
                            Some(o) => {
                                o.push_str(&html[copied..at]);
                                copied = end;
                            }
                        }
                    }
                }
                i = next;
            }
            Tag::End { end } => {
                if depth > max
                    && let Some(o) = out.as_deref_mut()
                {
                    o.push_str(&html[copied..at]);
                    copied = end;
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
    if let Some(o) = out {
        o.push_str(&html[copied.min(html.len())..]);
    }
    deepest
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Returns `html` with nesting bounded by `max` (borrowed when already within).
pub(crate) fn limit_depth(html: &str, max: usize) -> Cow<'_, str> {
    if walk(html, max, None) <= max {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    walk(html, max, Some(&mut out));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<p>b<ul><li>c<li>d</ul><script>if (a<b) {}</script><br></div>";
        assert!(matches!(limit_depth(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_text_kept() {
        let html = "<div><div><div><div>deep</div></div></div></div>";
        assert_eq!(limit_depth(html, 2), "<div><div>deep</div></div>");
    }

    #[test]
    fn quoted_gt_and_comments() {
        let html = "<div title='a>b'><!-- <div><div> --><div>x</div></div>";
        assert_eq!(limit_depth(html, 2), html);
    }
}
