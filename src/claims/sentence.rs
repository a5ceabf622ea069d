//! Sentence splitting: byte ranges of the sentences of plain article text,
//! with abbreviations kept inside their sentence and page-furniture lines
//! ("ALSO READ: ...", "Tags: ...") left out.

/// Byte ranges of the sentences of `text`, page-furniture lines left out.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let base = line_start;
        line_start += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || is_furniture_line(trimmed) {
            continue;
        }
        let mut s = 0;
        let bytes = line.as_bytes();
        for (i, c) in terminators(line) {
            let after = i + c.len_utf8();
            let next_is_space =
                bytes.get(after).is_some_and(u8::is_ascii_whitespace) || after >= line.len();
            if !next_is_space || is_abbreviation(&line[s..i]) {
                continue;
            }
            let rest = line[after..].trim_start();
            let starts_sentence = rest.chars().next().is_none_or(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '$')
                    || !n.is_ascii()
            });
            if starts_sentence {
                push_trimmed(&mut out, base, &line[s..after], s);
                s = after;
            }
        }
        if s < line.len() {
            push_trimmed(&mut out, base, &line[s..], s);
        }
    }
    out
}

/// Positions of the characters that may end a sentence in `line`: `.`, `!`,
/// `?`, the Urdu full stop and the ellipsis. ASCII lines (most of them) are
/// searched with memchr instead of decoding every character.
fn terminators(line: &str) -> Box<dyn Iterator<Item = (usize, char)> + '_> {
    if line.is_ascii() {
        Box::new(
            memchr::memchr3_iter(b'.', b'!', b'?', line.as_bytes())
                .map(|i| (i, char::from(line.as_bytes()[i]))),
        )
    } else {
        Box::new(
            line.char_indices()
                .filter(|(_, c)| matches!(c, '.' | '!' | '?' | '۔' | '…')),
        )
    }
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, base: usize, piece: &str, offset: usize) {
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        let start = base + offset + lead;
        out.push((start, start + t.len()));
    }
}

/// Words before a full stop that do not end a sentence ("Rs.", "Mr.", "U.S.").
fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let bare = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    const ABBR: &[&str] = &[
        "mr", "mrs", "ms", "dr", "rs", "lt", "gen", "col", "maj", "capt", "sgt", "no", "nos", "st",
        "jr", "sr", "prof", "inc", "ltd", "co", "vs", "etc", "retd", "govt", "dept", "approx",
        "est", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k",
    ];
    (bare.len() == 1 && bare.chars().all(char::is_uppercase))
        || ABBR.iter().any(|a| bare.eq_ignore_ascii_case(a))
}

/// Lines that are page furniture in text form ("ALSO READ: ...", "Tags: ...").
fn is_furniture_line(line: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "also read",
        "read more",
        "read also",
        "related:",
        "see also",
        "tags:",
        "©",
        "copyright",
        "advertisement",
        "follow us",
        "share this",
    ];
    let head: String = line.chars().take(16).collect::<String>().to_lowercase();
    PREFIXES.iter().any(|p| head.starts_with(p))
}
