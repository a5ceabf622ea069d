//! Relative pronouns as subjects: the antecedent a figure in a "whose" or
//! "of whom" phrase belongs to ("local hunters, whose numbers have risen to
//! 1,340", "delivery riders, of whom there are about 200,000", "1,280
//! hunters, more than 60 per cent of whom").

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
