//! Elided nouns of a second count in a sentence: "6,800 houses destroyed
//! and 14,500 partly damaged", "destroyed 11,200 houses and damaged nearly
//! 24,000 more": the second figure counts the first one's noun, in the
//! state its own participle names.

use super::np::{W, is_participle};
use super::resolve::{Done, Figure};
use super::subject::{Normalizer, Subject};

/// The subject of a count with no noun of its own whose participle names
/// its state, when an earlier count of the sentence gives the noun: after
/// the figure an "-ly" adverb may stand before the participle ("14,500
/// partly damaged"); before it the participle is the verb of "N more" or
/// "N others" ("damaged nearly 24,000 more").
pub(crate) fn elided(ws: &[W], f: &Figure, done: &[Done], norm: &Normalizer) -> Option<Subject> {
    let prev = done.iter().rev().find(|d| d.unit == "count")?;
    // Casualties ("Four people were killed and 47 injured") have their own
    // reading in [`super::casualty`].
    if prev.subject.head.is_empty()
        || super::casualty::CASUALTY_HEADS.contains(&prev.subject.head.as_str())
        || prev.subject.head == "person"
    {
        return None;
    }
    let (cs, ce) = f.clause;
    let get = |i: usize| ws.get(i).filter(|_| i < ce);
    let after = {
        let k = f.w_end + usize::from(get(f.w_end).is_some_and(|w| adverb(w.text)));
        get(k)
            .filter(|w| is_participle(w.text) && !w.is("based"))
            .filter(|_| get(k + 1).is_none_or(|n| n.punct || n.is_any(&["and", "or", "in", "by"])))
    };
    let before = || {
        let more = get(f.w_end).is_some_and(|w| w.is_any(&["more", "others"]));
        let k = super::cues::skip_qualifiers(ws, f.w_first, cs, &[]);
        (more && k > cs)
            .then(|| &ws[k - 1])
            .filter(|w| is_participle(w.text))
    };
    let state = after.or_else(before)?;
    let mut s = prev.subject.clone();
    s.status = None;
    s.merge_mods(&norm.subject(&[state]).mods_with_head());
    Some(s)
}

/// An adverb of degree or manner written with "-ly" ("partly", "badly").
fn adverb(w: &str) -> bool {
    w.len() > 4 && w.is_ascii() && w.ends_with("ly")
}
