//! Earlier levels named in words: the figure that another figure of the
//! sentence is compared with ("higher than the ¥21.4 billion"), a past
//! extreme ("up from a low of 1.4 days") and a plan that was replaced
//! ("below its earlier goal of 18 million"). [`super::qualifier`] reads
//! the plainer cues ("from X", "compared with X") itself.

use super::token::Tok;

/// Whether token `k` is one of `words` ([`Tok::is_any`]).
fn at(toks: &[Tok], k: Option<usize>, words: &[&str]) -> bool {
    k.and_then(|k| toks.get(k)).is_some_and(|t| t.is_any(words))
}

/// "at ¥21.9 billion, higher than the ¥21.4 billion shown in June": the
/// figure starting at `k` is what an earlier figure of the sentence is
/// compared with, by a comparative and "than the" (not "more than 500",
/// which is a bound).
pub(crate) fn compared_than(toks: &[Tok], k: usize) -> bool {
    k >= 3
        && toks[k - 1].is("the")
        && toks[k - 2].is("than")
        && at(
            toks,
            Some(k - 3),
            &["higher", "lower", "greater", "larger", "bigger", "smaller"],
        )
        && toks[..k - 3].iter().any(Tok::is_num)
}

/// The words before the figure (qualifiers skipped; it starts at `k`) name
/// an earlier level: "up from a low of 1.4 days", "down from a peak of 4.5
/// million", "below its earlier goal of 18 million", "from a previous
/// forecast of ¥19 billion".
pub(crate) fn named_earlier_level(toks: &[Tok], k: usize) -> bool {
    let back = |n: usize| k.checked_sub(n);
    if !at(toks, back(1), &["of"]) {
        return false;
    }
    let extreme = at(toks, back(2), &["low", "high", "peak", "record", "trough"])
        && at(toks, back(3), &["a", "the"])
        && at(toks, back(4), &["from"]);
    let superseded = at(
        toks,
        back(2),
        &[
            "goal",
            "target",
            "forecast",
            "estimate",
            "projection",
            "guidance",
            "outlook",
        ],
    ) && at(
        toks,
        back(3),
        &["earlier", "previous", "original", "initial", "prior", "old"],
    );
    extreme || superseded
}
