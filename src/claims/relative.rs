//! Relative pronouns as subjects: the antecedent a figure in a "whose" or
//! "of whom" phrase belongs to ("local hunters, whose numbers have risen to
//! 1,340", "delivery riders, of whom there are about 200,000", "1,280
//! hunters, more than 60 per cent of whom"), and the object of a valuing
//! verb ("the Ural population, which the agency estimates at 1.71 million"),
//! and the part an ", of which" figure describes ("of which 29,400 are
//! currently active").

use super::np::{W, np_ending_at};
use super::resolve::Figure;
use super::subject::{Normalizer, Subject};

const PRONOUNS: [&str; 2] = ["whose", "whom"];

/// Words that may open the relative phrase before its pronoun or figure.
const OPENERS: [&str; 12] = [
    "of", "more", "less", "than", "about", "around", "nearly", "almost", "some", "over", "roughly",
    "all",
];

/// Replaces a relative pronoun in `s` (its head, or a modifier of a share
/// "of whom") by the noun phrase before the comma that opens the relative
/// phrase. Leaves `s` alone when that phrase is not found.
pub(crate) fn antecedent(ws: &[W], f: &Figure, norm: &Normalizer, s: &mut Subject) {
    if let Some(a) = valued_object(ws, f, norm).or_else(|| described_part(ws, f, norm)) {
        *s = a;
        return;
    }
    let is_pronoun = |t: &str| PRONOUNS.contains(&t);
    let in_mods = s.mods.iter().any(|m| is_pronoun(m));
    if !is_pronoun(&s.head) && !in_mods {
        return;
    }
    // The pronoun nearest the figure: before it, or right after it ("60
    // per cent of whom").
    let before = (0..f.w_first)
        .rev()
        .find(|&k| PRONOUNS.iter().any(|p| ws[k].is(p)));
    let after =
        (f.w_end..ws.len().min(f.w_end + 3)).find(|&k| PRONOUNS.iter().any(|p| ws[k].is(p)));
    let Some(r) = after.or(before) else {
        return;
    };
    let mut p = r.min(f.w_first);
    while p > 0 && OPENERS.iter().any(|o| ws[p - 1].is(o)) {
        p -= 1;
    }
    if p < 2 || !(ws[p - 1].punct && ws[p - 1].text == ",") {
        return;
    }
    let np = np_ending_at(ws, p - 2, 0);
    let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
    let a = norm.subject(&words);
    if a.head.is_empty() || is_pronoun(&a.head) {
        return;
    }
    if is_pronoun(&s.head) {
        s.head = a.head;
        s.mods.retain(|m| !is_pronoun(m));
        s.merge_mods(&a.mods);
    } else {
        s.mods.retain(|m| !is_pronoun(m));
        s.merge_mods(&a.mods_with_head());
    }
}

/// Verbs that put a value on their object ("estimates it at", "put it at").
const VALUING: &[&str] = &[
    "estimate",
    "estimates",
    "estimated",
    "put",
    "puts",
    "value",
    "values",
    "valued",
    "peg",
    "pegs",
    "pegged",
    "count",
    "counts",
    "counted",
];

/// "the Ural population, which the agency now estimates at 1.71 million":
/// the figure values the relative pronoun, the object of a valuing verb,
/// so it measures the noun phrase before ", which".
fn valued_object(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    let mut k = f.w_first;
    while k > 0 && ws[k - 1].is_any(&super::lexicon::APPROXIMATIONS) {
        k -= 1;
    }
    if k < 2 || !ws[k - 1].is("at") || !ws[k - 2].is_any(VALUING) {
        return None;
    }
    // The pronoun opens the clause of the verb, within a few words.
    let r = (k.saturating_sub(8)..k - 2)
        .rev()
        .take_while(|&i| !ws[i].punct || ws[i].text == ",")
        .find(|&i| ws[i].is("which"))?;
    if r < 2 || ws[r - 1].text != "," {
        return None;
    }
    let np = np_ending_at(ws, r - 2, 0);
    let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
    Some(norm.subject(&words)).filter(|a| !a.head.is_empty())
}

/// "35,000 companies, of which 29,400 are currently active": a bare figure
/// after ", of which" that a copula describes counts that part of the noun
/// phrase before the comma ("active company"). A negated predicate is left
/// alone.
fn described_part(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    let k = f.w_first;
    if k < 4 || !ws[k - 1].is("which") || !ws[k - 2].is("of") || ws[k - 3].text != "," {
        return None;
    }
    let mut j = f.w_end;
    if !ws.get(j)?.is_any(&["are", "were", "is", "was"]) {
        return None;
    }
    j += 1;
    // Adverbs: "currently", "still", "now", "later".
    while ws.get(j).is_some_and(|w| {
        w.text.ends_with("ly") || w.is_any(&["still", "now", "later", "already", "also"])
    }) {
        j += 1;
    }
    let pred = ws.get(j).filter(|w| {
        !w.punct
            && !w.num
            && w.text.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !w.is_any(&[
                "not", "no", "the", "a", "an", "in", "on", "at", "of", "to", "for",
            ])
    })?;
    // The whole is a noun phrase, not a bare amount ("4 billion, of which").
    if ws[k - 4].num {
        return None;
    }
    let np = np_ending_at(ws, k - 4, 0);
    // A participle here describes, as a status: "were later closed".
    let pred = W {
        verb: false,
        ..*pred
    };
    let mut words: Vec<&W> = vec![&pred];
    words.extend(np.iter().map(|&i| &ws[i]));
    Some(norm.subject(&words)).filter(|a| !a.head.is_empty())
}
