//! Numbers said in words that are no quantity: an hour of the day ("at 6
//! in the morning", "half past seven"), an ordinal in the millions ("its
//! three millionth passenger") and a rough span ("in a day or two").

use super::super::lexicon::is_time_unit;
use super::super::number::{is_word, word};
use super::super::token::Tok;

/// "At 6 in the morning", "between 6 and 9 in the evening", "at 11 at
/// night": an hour of the day. `end` is the token after the figure.
fn time_of_day(toks: &[Tok], end: usize) -> bool {
    let part = |k: usize| {
        word(toks, k).is_some_and(|w| {
            ["morning", "afternoon", "evening"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        })
    };
    (is_word(toks, end, "in") && is_word(toks, end + 1, "the") && part(end + 2))
        || (is_word(toks, end, "at") && is_word(toks, end + 1, "night"))
}

/// Whether the bare number at token `i` (ending before `end`) is said in
/// words that make it no quantity: an hour of the day ([`time_of_day`],
/// "half past seven", "a quarter to six"), an ordinal in the thousands or
/// millions ("its three millionth passenger") or the rough end of a span
/// ("in a day or two", "an hour or two").
pub(crate) fn spoken(toks: &[Tok], i: usize, end: usize) -> bool {
    let before = |n: usize, words: &[&str]| i >= n && toks[i - n].is_any(words);
    let clock = before(1, &["past", "to"]) && before(2, &["half", "quarter"]);
    let ordinal = toks
        .get(end)
        .is_some_and(|t| t.is_any(&["thousandth", "millionth", "billionth"]));
    let rough_span =
        before(1, &["or"]) && i >= 2 && is_time_unit(toks[i - 2].text) && before(3, &["a", "an"]);
    time_of_day(toks, end) || clock || ordinal || rough_span
}
