//! Earlier levels named in words: the figure that another figure of the
//! sentence is compared with ("higher than the ¥21.4 billion"), a past
//! extreme ("up from a low of 1.4 days") and a plan that was replaced
//! ("below its earlier goal of 18 million"). [`super::qualifier`] reads
//! the plainer cues ("from X", "compared with X") itself.

use super::number::Mention;
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
            &[
                "higher", "lower", "greater", "larger", "bigger", "smaller", "less", "more",
                "fewer",
            ],
        )
        && toks[..k - 3].iter().any(Tok::is_num)
}

/// The words before the figure (qualifiers skipped; it starts at `k`) name
/// an earlier level: "up from a low of 1.4 days", "down from a peak of 4.5
/// million", "below its earlier goal of 18 million", "from a previous
/// forecast of ¥19 billion", "from an initial 7.1".
pub(crate) fn named_earlier_level(toks: &[Tok], k: usize) -> bool {
    let back = |n: usize| k.checked_sub(n);
    // "down to 6.9 from an initial 7.1", "from its earlier 2.5%"
    let first = [
        "initial",
        "earlier",
        "previous",
        "original",
        "preliminary",
        "first",
    ];
    if at(toks, back(1), &first)
        && at(toks, back(2), &["a", "an", "the", "its", "their"])
        && at(toks, back(3), &["from"])
    {
        return true;
    }
    if !at(toks, back(1), &["of"]) {
        return false;
    }
    let extreme = at(toks, back(2), &["low", "high", "peak", "record", "trough"])
        && ((at(toks, back(3), &["a", "the"]) && at(toks, back(4), &["from"]))
            // "topping the previous high of 312"
            || at(toks, back(3), &["previous", "earlier", "old"]));
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
            "assessment",
            "tally",
            "count",
            "figure",
            "valuation",
        ],
    ) && at(
        toks,
        back(3),
        &[
            "earlier", "early", "first", "previous", "original", "initial", "prior", "old",
        ],
    );
    extreme || superseded
}

/// Words that may follow an earlier value written without its unit: the
/// rest of a time phrase ("against 4,200 last season", "from 4.3 billion a
/// year earlier"), not a noun of its own ("from 4,200 workers").
const AFTER_BARE: &[&str] = &[
    "a", "an", "the", "in", "on", "at", "by", "last", "this", "that", "previous", "before", "ago",
    "when", "and", "earlier", "it", "they", "he", "she", "we",
];

/// "Revenue rose to $5.1 billion from 4.3 billion a year earlier",
/// "exports reached 9,800 tonnes, against 4,200 last season", "compared
/// with its early estimate of around 60 million": an earlier value written
/// without its unit has the unit of the figure right before it.
/// Only a count with no noun of its own after it, set against that figure
/// as its earlier value ([`super::qualifier::change_role`]: "from",
/// "against", "compared with", "a previous high of") or as an estimate or
/// an extreme ("estimate of", "a high of"), and within ten times its value.
pub(crate) fn carry_units(toks: &[Tok], mentions: &mut [Mention]) {
    for k in 1..mentions.len() {
        // "a plant of 3 million tonnes a year that will lift its total
        // capacity to 15.5 million tonnes": a capacity in tonnes after a
        // yearly capacity of the sentence is yearly too.
        let yearly = mentions[..k].iter().rposition(|p| p.unit == "MTPA");
        if let Some(y) = yearly.filter(|_| mentions[k].unit == "tonnes")
            && toks[mentions[y].end..mentions[k].first]
                .iter()
                .any(|t| t.is("capacity"))
        {
            let m = &mut mentions[k];
            m.unit = "MTPA";
            m.value /= 1e6;
            m.value_max = m.value_max.map(|v| v / 1e6);
            continue;
        }
        let m = &mentions[k];
        if m.unit != "count" || m.value_max.is_some() || m.equal_to_previous {
            continue;
        }
        // Set against the figure before it as the earlier value, as the
        // change reader says ("from", "against", "compared with", "a
        // previous high of"), or as an estimate or an extreme ("an
        // estimate of", "a high of").
        let mut b = m.first;
        while b > 0 && toks[b - 1].is_any(&["about", "around", "some", "roughly", "nearly"]) {
            b -= 1;
        }
        let named = at(toks, b.checked_sub(1), &["of"])
            && at(
                toks,
                b.checked_sub(2),
                &[
                    "estimate", "forecast", "high", "low", "peak", "record", "target", "goal",
                    "budget",
                ],
            );
        // "budgeted at 410 million pesos, of which the state has agreed to
        // pay 35 million": a part of the amount before it, however small.
        let part = of_which(toks, b);
        let set_against =
            || named || part || out_of(toks, b) || super::qualifier::change_role(toks, m).1;
        let bare_after = toks.get(m.end).is_none_or(|t| {
            !t.is_word() || t.is_any(AFTER_BARE) || (t.text.len() > 4 && t.text.ends_with("ed"))
        });
        // A unit counted in millions (MTPA) is compared in its own terms:
        // "to 15.5 million tonnes from 12.5 million".
        let in_millions = |u: &str| if u == "MTPA" { 1e6 } else { 1.0 };
        // "455 million pesos ($24.6 million), against a budget of 410
        // million": a conversion in brackets is not the amount compared.
        let converted = |j: usize| {
            j >= 1 && {
                let gap = &toks[mentions[j - 1].end..mentions[j].first];
                gap.len() == 1 && gap[0].is_punct('(')
            }
        };
        let mut last = if converted(k - 1) { k - 2 } else { k - 1 };
        // "49 people in 2024, down 44% from 88 the year before": after the
        // size of a change, "from" gives the earlier level of the figure
        // that changed, not of the percentage.
        if mentions[last].unit == "percent"
            && at(toks, b.checked_sub(1), &["from"])
            && super::qualifier::change_role(toks, &mentions[last]).0
        {
            match last.checked_sub(1) {
                Some(l) => last = l,
                None => continue,
            }
        }
        let partner = mentions
            .get(last)
            .filter(|p| p.unit != "count" && p.unit != "ordinal")
            .filter(|p| {
                let (a, z) = (p.value.abs() * in_millions(p.unit), m.value.abs());
                a > 0.0 && z > 0.0 && (a.max(z) / a.min(z) <= 10.0 || (part && z < a))
            })
            .map(|p| p.unit);
        if let Some(unit) = partner.filter(|_| bare_after && set_against()) {
            let m = &mut mentions[k];
            m.unit = unit;
            m.value /= in_millions(unit);
            m.value_max = m.value_max.map(|v| v / in_millions(unit));
        }
    }
}

/// ", of which the state government has agreed to pay 35 million": the
/// figure at `b` is in a clause that ", of which" opens, a few words back.
fn of_which(toks: &[Tok], b: usize) -> bool {
    (b.saturating_sub(10)..b)
        .rev()
        .any(|k| k >= 2 && toks[k].is("which") && toks[k - 1].is("of") && toks[k - 2].is_punct(','))
        && !toks[b.saturating_sub(10)..b].iter().any(|t| t.is_num())
}

/// "19.3 million quintals have arrived, out of a planned 24.5 million":
/// the figure at `b` is the whole the figure before it is part of.
fn out_of(toks: &[Tok], b: usize) -> bool {
    opens_whole(b, |k, words| toks[k].is_any(words))
}

/// Whether the words before position `b` are "out of", "out of the" or
/// "out of a planned" (`is(k, words)`: whether the word at `k` is one of
/// `words`), for a scan of tokens or of words.
pub(crate) fn opens_whole(b: usize, is: impl Fn(usize, &[&str]) -> bool) -> bool {
    let mut k = b;
    let back = |k: usize, words: &[&str]| k > 0 && is(k - 1, words);
    let adjectives = [
        "planned",
        "targeted",
        "total",
        "expected",
        "projected",
        "estimated",
    ];
    if back(k, &adjectives) {
        k -= 1;
    }
    if back(k, &["a", "an", "the", "its", "their"]) {
        k -= 1;
    }
    k >= 2 && is(k - 1, &["of"]) && is(k - 2, &["out"])
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    #[test]
    fn an_earlier_level_is_named_before_its_figure() {
        // (text, whether the last figure is a named earlier level)
        let cases = [
            ("revised down to 6.9 from an initial 7.1", true),
            ("cut to 2.1% from its earlier 2.5", true),
            ("up from a low of 1.4", true),
            ("below its earlier goal of 18", true),
            ("from an average 7.1", false),
            ("the first 7.1", false),
            ("a goal of 18", false),
        ];
        for (text, want) in cases {
            let mut toks = Vec::new();
            tokenize(text, &mut toks);
            let k = toks.iter().rposition(|t| t.is_num()).expect(text);
            assert_eq!(named_earlier_level(&toks, k), want, "{text:?}");
        }
    }
}
