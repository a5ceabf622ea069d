//! Second figures under one key: one key often files several figures of a
//! document ("38 nests were moved" and "loggers went into 12 nests"), and
//! the diff compares one representative of each. The others, in sentences
//! of their own, are paired across the two documents by their wording.

use super::matching::{Offer, word_pairs_scaled};
use crate::claims::{Claim, ClaimKind};

/// How much of [`word_pairs_scaled`]'s wording two figures under one key
/// need: the key already says they count one thing.
const WITHIN_KEY: f64 = 0.25;

/// The figures of `all` filed under the representative `rep`'s key that are
/// not already in `used`: reported levels of the same date as the
/// representative, each in a sentence of its own (a figure beside the
/// representative is usually its earlier value or a part of it). The
/// representative itself is not one: pairing an unpaired one by wording
/// too raised false alarms on the evaluation sets.
fn seconds<'a>(rep: &Claim, all: &'a [Claim], used: &[&Claim]) -> Vec<&'a Claim> {
    all.iter()
        .filter(|c| {
            c.key == rep.key
                && c.kind == ClaimKind::Actual
                && rep.kind == ClaimKind::Actual
                && c.value_max.is_none()
                && c.value.is_finite()
                && c.as_of == rep.as_of
                && c.sentence != rep.sentence
                && !used
                    .iter()
                    .any(|u| std::ptr::eq(*u, *c) || same_figure(u, c))
        })
        .collect()
}

/// One figure found twice: the same value in the same sentence.
fn same_figure(a: &Claim, b: &Claim) -> bool {
    a.value == b.value && a.sentence == b.sentence
}

/// Pairs (old, new) of the figures of keys both documents hold (`shared`:
/// the old and new representative of each such key) that the diff has not
/// yet reported (`used`), by wording ([`word_pairs_scaled`]). Figures no
/// wording pairs are not reported: a key's representative already says
/// whether the quantity is new or dropped.
pub(super) fn second_pairs<'a>(
    shared: &[(&Claim, &Claim)],
    (old_all, new_all): (&'a [Claim], &'a [Claim]),
    used: (&[&Claim], &[&Claim]),
) -> Vec<(&'a Claim, &'a Claim)> {
    let context: Vec<&Claim> = old_all.iter().chain(new_all.iter()).collect();
    let mut out = Vec::new();
    for (o_rep, n_rep) in shared {
        let olds = seconds(o_rep, old_all, used.0);
        let news = seconds(n_rep, new_all, used.1);
        if olds.is_empty() || news.is_empty() {
            continue;
        }
        // Names for the pairing: each figure's position on its side.
        let names: Vec<String> = (0..olds.len().max(news.len()))
            .map(|i| i.to_string())
            .collect();
        let offer = |side: &[&'a Claim]| -> Vec<Offer<'_>> {
            side.iter()
                .enumerate()
                .map(|(i, c)| (names[i].as_str(), *c))
                .collect()
        };
        let (old_offers, new_offers) = (offer(&olds), offer(&news));
        let at = |name: &str| name.parse::<usize>().ok();
        for (a, b) in word_pairs_scaled(&old_offers, &new_offers, &context, WITHIN_KEY) {
            // The names are the offers' own positions.
            let (Some(o), Some(n)) = (at(a).map(|i| olds[i]), at(b).map(|i| news[i])) else {
                continue;
            };
            out.push((o, n));
        }
    }
    out
}
