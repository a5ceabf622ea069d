//! Which words of a clause are a figure's own cues: the clause up to the
//! next figure, cut at a comparison, at a comma that opens another clause
//! (a relative one too, or a range the figure lies within) and at a second
//! verb of intention, and started after a past clause that a comma and
//! "after" open, or at ", of which" before a part already done.

use super::super::number::Mention;
use super::super::token::Tok;

/// The tokens of a clause whose plan words apply to mention `mi`: all of
/// them up to the mention, and those after it until the next figure. "Health
/// workers have vaccinated 1.14 million children, about 38 per cent of the 3
/// million the drive aims to reach": "aims" is about the 3 million only.
/// A comparison word after the figure ends its scope too: "ran on time 96.2
/// per cent of the time, against a target of 95 per cent" (or "short of its
/// goal of") is no plan.
pub(crate) fn cue_scope<'t, 'a>(
    toks: &'t [Tok<'a>],
    (c0, c1): (usize, usize),
    mentions: &[Mention],
    mi: usize,
) -> &'t [Tok<'a>] {
    let m = &mentions[mi];
    let next = mentions[mi + 1..]
        .iter()
        .map(|n| n.first)
        .find(|&f| f >= m.end)
        .map_or(c1, |f| f.min(c1));
    // A comparison or a whole ("out of a planned 24.5 million"), a comma
    // opening another clause (", as the province put in more money to meet
    // its target") or a second verb of intention ("have repaired 86
    // boreholes and aim to have 150 working") ends the figure's cues.
    let stop = (m.end.min(next)..next)
        .find(|&k| {
            toks[k].is_any(&["against", "versus", "vs", "compared", "behind"])
                || (toks[k].is("out") && toks.get(k + 1).is_some_and(|n| n.is("of")))
                // "about 13,900 people, still well short of its goal of
                // 25,000 jobs": the goal is what the figure falls short of.
                || (toks[k].is("short") && toks.get(k + 1).is_some_and(|n| n.is("of")))
                || ((toks[k].is("and") || toks[k].is("but"))
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| n.is_word() && super::is_target_word(n.text)))
                || (toks[k].is_punct(',')
                    && (toks.get(k + 1).is_some_and(|n| {
                        n.is_any(&[
                            "as", "while", "because", "although", "though", "which", "where",
                            "when", "whose", "within", "inside",
                        ])
                    }) || relative_after_noun(toks, k + 1, next)))
        })
        .unwrap_or(next);
    // "will strike unless ..., after 87 per cent of members voted for
    // action", "will debate a cut, after collections came to 1.46 billion":
    // a comma and "after" or "because" open a clause of what happened,
    // which the future before it does not reach.
    const IRREGULAR_PAST: &[&str] = &[
        "was", "were", "came", "rose", "fell", "grew", "stood", "had", "hit", "brought", "took",
    ];
    let past = |k: usize| {
        let t = &toks[k];
        t.is_word() && ((t.text.len() > 3 && t.text.ends_with("ed")) || t.is_any(IRREGULAR_PAST))
    };
    let start = (c0 + 1..m.first.max(c0 + 1))
        .rev()
        .find(|&k| {
            toks[k - 1].is_punct(',')
                && ["after", "because", "since"].iter().any(|w| toks[k].is(w))
                && (k..stop).any(|j| (j < m.first || j >= m.end) && past(j))
        })
        .unwrap_or(c0);
    // "a plan costed at 5.2 billion, of which 38 per cent has been funded":
    // ", of which" and a part already done ("has been", "was" and a past
    // participle after the figure) is no part of the plan.
    let done_part = || {
        (m.end..stop.saturating_sub(1))
            .any(|j| toks[j].is_any(&["been", "was", "were"]) && past(j + 1))
    };
    let start = match (c0 + 2..m.first)
        .rev()
        .find(|&k| toks[k].is("which") && toks[k - 1].is("of") && toks[k - 2].is_punct(','))
    {
        Some(k) if k > start && done_part() => k - 1,
        _ => start,
    };
    &toks[start..stop.max(start)]
}

/// A comma's appositive noun phrase that opens a relative clause with a
/// preposition ("6.5 weeks, a level at which scientists expect bleaching"):
/// what the relative clause expects is not the figure's plan.
fn relative_after_noun(toks: &[Tok], from: usize, end: usize) -> bool {
    let near = &toks[from.min(end)..(from + 5).min(end)];
    near.first().is_some_and(|t| t.is_any(&["a", "an", "the"]))
        && near.windows(2).any(|p| {
            p[0].is_any(&["at", "in", "on", "by", "for", "beyond", "above", "below"])
                && p[1].is_any(&["which", "whom"])
        })
}
