//! Tokens: splits one sentence into words, numbers and punctuation marks with
//! byte offsets into the sentence. Tokens borrow the text; nothing is copied.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (any script), with inner apostrophes.
    Word,
    /// Digits (ASCII, Eastern Arabic or Urdu) with inner `,` / `.` separators.
    Num,
    /// Any other single character.
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Byte offset in the sentence.
    pub start: usize,
    /// Kind of token.
    pub kind: TokKind,
    /// Whether whitespace precedes the token.
    pub space: bool,
}

impl Tok<'_> {
    /// Case-insensitive comparison with an ASCII word.
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        super::lexicon::same_word(self.text, w)
    }

    /// True for a word token equal (ASCII case-insensitive) to one of `words`.
    pub fn is_any(&self, words: &[&str]) -> bool {
        self.is_word() && words.iter().any(|w| self.is(w))
    }

    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// True for a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// True for a number token.
    pub fn is_num(&self) -> bool {
        self.kind == TokKind::Num
    }

    /// True for the given punctuation character.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }
}

/// Value of a decimal digit in ASCII, Eastern Arabic (U+0660..) or
/// Extended Arabic-Indic / Urdu (U+06F0..) script.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

fn starts_with_digit(s: &str) -> bool {
    s.chars().next().and_then(digit_value).is_some()
}

fn starts_with_letter(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
}

/// Splits `s` into tokens, appending them to `out`.
pub(crate) fn tokenize<'a>(s: &'a str, out: &mut Vec<Tok<'a>>) {
    let mut chars = s.char_indices().peekable();
    let mut space = true;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        // ASCII fast path for plain words.
        if c.is_ascii_alphabetic() {
            let bytes = s.as_bytes();
            let mut j = end;
            loop {
                while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                    j += 1;
                }
                let apostrophe =
                    j + 1 < bytes.len() && bytes[j] == b'\'' && bytes[j + 1].is_ascii_alphabetic();
                if apostrophe {
                    j += 1;
                    continue;
                }
                break;
            }
            let next_non_ascii = j < bytes.len() && !bytes[j].is_ascii();
            if !next_non_ascii {
                while chars.peek().is_some_and(|&(k, _)| k < j) {
                    chars.next();
                }
                out.push(Tok {
                    text: &s[i..j],
                    start: i,
                    kind: TokKind::Word,
                    space,
                });
                space = false;
                continue;
            }
        }
        let kind = if digit_value(c).is_some() {
            while let Some(&(j, d)) = chars.peek() {
                let next = j + d.len_utf8();
                if digit_value(d).is_some() {
                    end = next;
                    chars.next();
                } else if matches!(d, ',' | '.' | '\u{66B}' | '\u{66C}')
                    && starts_with_digit(&s[next..])
                {
                    chars.next();
                } else {
                    break;
                }
            }
            TokKind::Num
        } else if c.is_alphabetic() {
            while let Some(&(j, d)) = chars.peek() {
                let next = j + d.len_utf8();
                let inner_apostrophe = matches!(d, '\'' | '’') && starts_with_letter(&s[next..]);
                let mark = !d.is_alphanumeric() && is_combining(d);
                if (d.is_alphabetic() && digit_value(d).is_none()) || inner_apostrophe || mark {
                    end = next;
                    chars.next();
                } else {
                    break;
                }
            }
            TokKind::Word
        } else {
            TokKind::Punct
        };
        out.push(Tok {
            text: &s[i..end],
            start: i,
            kind,
            space,
        });
        space = false;
    }
}

/// Arabic-script combining marks (harakat) that continue a word.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6ED}')
}

/// A possessive: "country's", "nation’s".
pub(crate) fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// Lowercased possessive-free form of a word ("Pakistan's" -> "pakistan").
pub(crate) fn plain_lower(w: &str) -> String {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix("s'"))
        .unwrap_or(w);
    w.to_lowercase()
}

/// Parses a number token's digits into a value; `groups` counts the
/// thousands separators, `decimals` the digits after the decimal point.
pub(crate) fn parse_digits(text: &str) -> Option<(f64, usize, usize)> {
    let mut mantissa = 0f64;
    let mut decimals = 0usize;
    let mut groups = 0usize;
    let mut in_fraction = false;
    // The last `.` (or Arabic decimal separator) followed by digits is the decimal
    // point when there is at most one; "1.234.567" is read as grouping.
    let dots = text.chars().filter(|&c| c == '.' || c == '\u{66B}').count();
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            mantissa = mantissa * 10.0 + f64::from(d);
            if in_fraction {
                decimals += 1;
            }
        } else if c == ',' || c == '\u{66C}' || (dots > 1 && c == '.') {
            if in_fraction {
                return None;
            }
            groups += 1;
        } else if c == '.' || c == '\u{66B}' {
            in_fraction = true;
        }
    }
    let value = mantissa / 10f64.powi(i32::try_from(decimals).ok()?);
    Some((value, groups, decimals))
}
