//! Increments: a figure that a later clause adds to a larger total of its
//! unit (", bringing the total to 27") is the size of a change.

use super::super::number::Mention;
use super::super::token::Tok;
use super::QUALIFIER_WORDS;

/// Participles that bring a total up after a clause's news (", bringing
/// the total to 27").
pub(crate) const TOTAL_VERBS: [&str; 5] = ["bringing", "taking", "lifting", "raising", "pushing"];

/// "has hired 38 drivers since June, taking its roster to 328", "Three
/// stops opened in July, bringing the total to 27": a figure that a later
/// clause adds to a larger total of its unit is an increment, not a level.
pub(crate) fn increment_before_total(toks: &[Tok], mentions: &[Mention], mi: usize) -> bool {
    let (Some(m), Some(n)) = (mentions.get(mi), mentions.get(mi + 1)) else {
        return false;
    };
    if n.unit != m.unit || n.value <= m.value || n.first < m.end + 3 {
        return false;
    }
    let between = &toks[m.end..n.first];
    let brings = between
        .windows(2)
        .any(|w| w[0].is_punct(',') && w[1].is_any(&TOTAL_VERBS));
    // The total follows "to", perhaps with a qualifier ("to about 330").
    let mut k = n.first;
    while k > m.end && toks[k - 1].is_word() && QUALIFIER_WORDS.iter().any(|w| toks[k - 1].is(w)) {
        if toks[k - 1].is("to") {
            break;
        }
        k -= 1;
    }
    // "installed 2,845 tanks, bringing water to 17,000 households": a
    // total with a noun of its own that the figure does not count is what
    // the news reached, not a total it adds to.
    let own_noun = toks.get(n.end).filter(|t| {
        t.is_word()
            && t.text.starts_with(|c: char| c.is_lowercase())
            && !super::super::lexicon::is_function_word(t.text)
    });
    let counts_it = || {
        own_noun.is_none_or(|w| {
            toks[m.end..n.first]
                .iter()
                .take(3)
                .any(|t| super::super::lexicon::same_word(t.text, w.text))
        })
    };
    brings && k > m.end && toks[k - 1].is("to") && counts_it()
}
