//! Plan words that leave a figure a fact: a comparison with what was
//! expected, a reckoning, a past inability, and a participle of intention
//! used as an adjective beside a reported movement.

use super::super::token::Tok;

/// True when the plan or future word at `i` of the clause does not make
/// its figure a target.
pub(super) fn still_a_fact(clause: &[Tok], i: usize) -> bool {
    compared_with_expectation(clause, i)
        || adjective_of_a_fact(clause, i)
        || past_inability(clause, i)
        || reckoning(clause, i)
}

/// "found more damage than expected", "rose 4%, as forecast", "far less
/// than growers had hoped": a fact set against what was expected, not a
/// plan. The comparison word may stand up to four words before, with no
/// punctuation between.
fn compared_with_expectation(clause: &[Tok], i: usize) -> bool {
    clause[i].is_any(&[
        "expected",
        "forecast",
        "projected",
        "planned",
        "targeted",
        "hoped",
    ]) && (1..=4.min(i))
        .map(|n| &clause[i - n])
        .take_while(|t| t.is_word())
        .any(|t| t.is_any(&["than", "as"]))
}

/// "each hectare holds about 21 million, which would put the number at
/// close to 30 million": a reckoning from a stated fact ("would put ...
/// at"), an estimate, not a plan.
fn reckoning(clause: &[Tok], i: usize) -> bool {
    clause[i].is_any(&["would", "could"]) && clause.get(i + 1).is_some_and(|n| n.is("put"))
}

/// "could not be recycled", "who could not get bags": a past inability,
/// which reports what happened, not a plan or a possibility.
fn past_inability(clause: &[Tok], i: usize) -> bool {
    clause[i].is("could") && clause.get(i + 1).is_some_and(|n| n.is("not"))
}

/// A participle of intention used as an adjective ("waiting for planned
/// hospital treatment", "the proposed route") in a clause whose verb
/// reports a movement that happened ("rose to 96,412"): it describes a
/// thing, and the figure is a fact.
fn adjective_of_a_fact(clause: &[Tok], i: usize) -> bool {
    let t = &clause[i];
    let participle = ["planned", "proposed", "projected", "targeted", "expected"]
        .iter()
        .any(|w| t.is(w));
    let before_noun = clause.get(i + 1).is_some_and(|n| {
        n.is_word()
            && n.text.starts_with(|c: char| c.is_lowercase())
            && !["to", "that", "by", "in", "for", "at", "on", "as"]
                .iter()
                .any(|w| n.is(w))
    });
    const MOVED: &[&str] = &[
        "rose",
        "fell",
        "reached",
        "climbed",
        "grew",
        "dropped",
        "declined",
        "increased",
        "decreased",
        "jumped",
        "surged",
        "slipped",
        "eased",
        "stood",
        "totalled",
        "totaled",
    ];
    participle && before_noun && clause.iter().any(|w| MOVED.iter().any(|m| w.is(m)))
}
