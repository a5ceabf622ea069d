//! Wording match: pairs the figures two documents state under different keys
//! ("Tourist arrivals eased to 176,900" / "Foreign visitor arrivals climbed
//! to 182,460") by the distinctive words their subjects and sentences share.
//!
//! Keys are built from a few words next to the number, so two reporters who
//! phrase the same quantity differently often produce different keys. The
//! figures left over after exact and refining key matches are compared here:
//! first figures with consistent values (a restatement), then changed ones.
//! A word counts for less the more figures of the two documents mention it,
//! so the article's topic words ("metro", "tourism") do not pair anything on
//! their own. A pair is taken only when each figure is the other's clear best
//! partner, their units and kinds agree, and a changed value stays within a
//! plausible ratio of the old one.

use std::collections::{BTreeSet, HashMap};

use super::claims::{has_subject, values_consistent};
use super::keys::{key_parts, key_status, refines, same_period, status_of};
use super::pairing::sole_offers;
use super::stop::STOP;
use crate::claims::{Claim, stem};

/// A changed figure further than this factor from the old one is another
/// quantity ("a fleet of 64" is not "six additional trainsets").
const MAX_RATIO: f64 = 10.0;
/// The least score a changed pair needs: one distinctive subject word, or
/// two distinctive sentence words, shared by the two figures alone.
const MIN_SCORE: f64 = 1.0;
/// The largest move counted as modest: a figure paired by its unit alone
/// ([`sole_pairs`]) may make no larger one, since without a word in common
/// only a value near the old one is plausibly the same quantity reported
/// later; within it, less wording suffices ([`CLOSE_MIN_SCORE`]).
const MODEST_MOVE: f64 = 1.4;
/// The least score for a changed value near the old one (within
/// [`MODEST_MOVE`]): one sentence word shared by the two figures alone.
/// A modest move is itself evidence of one quantity reported later.
const CLOSE_MIN_SCORE: f64 = 0.5;
/// The largest move for which [`WIDER_MIN_SCORE`] suffices: a figure that
/// at most triples or thirds is still plausibly one quantity reported
/// later, and needs less wording in common than a wilder move. Not for a
/// percentage, which can be a share or rate of anything (measured: it
/// paired a normal year's colony losses with this winter's).
const WIDER_MOVE: f64 = 3.0;
/// The least score for a changed value within [`WIDER_MOVE`] of the old
/// one: more than one sentence word shared by the two figures alone.
/// Measured on the read sets: 0.6 paired 14 more quantities and lost one,
/// with no new identity error; 0.5 added two identity errors and a false
/// alarm.
const WIDER_MIN_SCORE: f64 = 0.6;
/// How much better than the runner-up a partner must score, both ways.
const MARGIN: f64 = 1.25;
/// Subject words count this many times a sentence word.
const SUBJECT_WEIGHT: f64 = 2.0;

/// The words of one figure: its subject's and its sentence's. Ordered sets,
/// so that a score sums its weights in the same order on every run (a hash
/// set's order made a score at the threshold flip from run to run).
struct Bag {
    subject: BTreeSet<String>,
    sentence: BTreeSet<String>,
}

fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| STOP.binary_search(&w.as_str()).is_err())
        .map(|w| stem(&w))
        .collect()
}

impl Bag {
    fn of(c: &Claim) -> Self {
        let mut sentence = words(&c.sentence);
        let subject = words(&c.subject);
        sentence.extend(subject.iter().cloned());
        Self { subject, sentence }
    }
}

/// The part of a key after its subject: unit, then the change and period
/// markers. Figures are comparable only when it agrees.
fn key_rest(key: &str) -> &str {
    key.split_once('|').map_or("", |(_, rest)| rest)
}

/// One figure offered for matching: the name it is known by in the caller
/// (its key, or the identity a diff uses) and the claim.
pub(super) type Offer<'a> = (&'a str, &'a Claim);

/// Pairs `old` and `new` figures (each side's unmatched ones) by wording.
/// `context` is every figure of both documents, for word weights.
pub(super) fn word_pairs<'a>(
    old: &[Offer<'a>],
    new: &[Offer<'a>],
    context: &[&Claim],
) -> Vec<(&'a str, &'a str)> {
    word_pairs_scaled(old, new, context, 1.0)
}

/// [`word_pairs`] with its score thresholds times `scale`: lower where
/// other evidence (one key) already ties the figures.
pub(super) fn word_pairs_scaled<'a>(
    old: &[Offer<'a>],
    new: &[Offer<'a>],
    context: &[&Claim],
    scale: f64,
) -> Vec<(&'a str, &'a str)> {
    if old.is_empty() || new.is_empty() {
        return Vec::new();
    }
    // Each figure's words are read once: the offers are figures of the
    // context (both callers pass them so), found by address.
    let mut bags: Vec<Bag> = context.iter().map(|c| Bag::of(c)).collect();
    let mut bag_index = |c: &Claim| {
        context
            .iter()
            .position(|x| std::ptr::eq(*x, c))
            .unwrap_or_else(|| {
                bags.push(Bag::of(c));
                bags.len() - 1
            })
    };
    let old_idx: Vec<usize> = old.iter().map(|(_, c)| bag_index(c)).collect();
    let new_idx: Vec<usize> = new.iter().map(|(_, c)| bag_index(c)).collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for b in &bags[..context.len()] {
        for w in &b.sentence {
            *df.entry(w.as_str()).or_default() += 1.0;
        }
    }
    let weight = |w: &String| df.get(w.as_str()).map_or(1.0, |n| 1.0 / n.max(1.0));
    let score = |i: usize, j: usize| -> f64 {
        let (a, b) = (&bags[old_idx[i]], &bags[new_idx[j]]);
        let subj: f64 = a.subject.intersection(&b.subject).map(weight).sum();
        let sent: f64 = a.sentence.intersection(&b.sentence).map(weight).sum();
        SUBJECT_WEIGHT * subj + sent
    };
    let mut taken_old = vec![false; old.len()];
    let mut taken_new = vec![false; new.len()];
    let mut out = Vec::new();
    // Restatements first: the same value under another wording is strong
    // evidence, and taking those figures out leaves fewer to confuse.
    for restated in [true, false] {
        let mut table: Vec<Vec<Option<f64>>> = vec![vec![None; new.len()]; old.len()];
        for (i, row) in table.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                if taken_old[i] || taken_new[j] || !comparable(old[i].1, new[j].1) {
                    continue;
                }
                let (o, n) = (old[i].1, new[j].1);
                let same = values_consistent(o.value, o.qualifier, n.value, n.qualifier);
                if same != restated {
                    continue;
                }
                // A figure without a subject ("quantity|PKR") has only its
                // sentence's words: enough to recognise a restatement, too
                // little to call a different value the same quantity.
                if !restated
                    && (!plausible_ratio(o.value, n.value)
                        || !has_subject(&o.key)
                        || !has_subject(&n.key))
                {
                    continue;
                }
                let s = score(i, j);
                let enough = if restated {
                    s > 0.0 || distinctive(o.value)
                } else if ratio(o.value, n.value) <= MODEST_MOVE {
                    s >= CLOSE_MIN_SCORE * scale
                } else if ratio(o.value, n.value) <= WIDER_MOVE && o.unit != "percent" {
                    s >= WIDER_MIN_SCORE * scale
                } else {
                    s >= MIN_SCORE * scale
                };
                if enough {
                    *cell = Some(s);
                }
            }
        }
        for i in 0..old.len() {
            let Some(j) = clear_best(table[i].iter().copied()) else {
                continue;
            };
            let column = table.iter().map(|row| row[j]);
            if clear_best(column) == Some(i) {
                taken_old[i] = true;
                taken_new[j] = true;
                out.push((old[i].0, new[j].0));
            }
        }
    }
    out
}

/// Pairs the figures still left over when each is the other's only
/// candidate: the same unit, kind and key suffix, keys that do not name
/// them apart, both with a subject, and values within a plausible ratio.
/// Two reporters often name one quantity with no word in common ("gate
/// collections reached Sh1.9 billion" / "park fees brought in 2.4 billion
/// shillings"); when nothing else left in either document could be that
/// quantity, the unit is the evidence. Being weak evidence, it is taken only
/// for a modest move ([`MODEST_MOVE`]), or for a move in step with one
/// the two documents already show for another quantity (`moves`: new over
/// old, [`in_step`]), and never for a percentage, which can be a share or
/// rate of anything.
pub(super) fn sole_pairs<'a>(
    old: &[Offer<'a>],
    new: &[Offer<'a>],
    moves: &[f64],
) -> Vec<(&'a str, &'a str)> {
    let link = |o: &Claim, n: &Claim| {
        comparable(o, n)
            && o.unit != "percent"
            && has_subject(&o.key)
            && has_subject(&n.key)
            && plausible_ratio(o.value, n.value)
    };
    sole_offers(old, new, link)
        .into_iter()
        .filter(|&(i, j)| {
            let (o, n) = (old[i].1.value, new[j].1.value);
            ratio(o, n) <= MODEST_MOVE || in_step(o, n, moves)
        })
        .map(|(i, j)| (old[i].0, new[j].0))
        .collect()
}

/// How close two moves must be to count as one ([`in_step`]): within 10%
/// of each other.
const STEP_TOLERANCE: f64 = 1.1;

/// Whether the rise from `o` to `n` keeps step with one of `moves` (new
/// over old) the documents show for quantities they share: a season's
/// tonnes shipped went from 18,400 to 47,900 and its earnings from $21.6
/// million to $58.3 million. Running totals of one period grow together;
/// two unrelated quantities seldom grow by the same factor. Falls are left
/// out: measured, a price's fall kept step by chance with a subscriber
/// count's, and paired two prices of one service.
fn in_step(o: f64, n: f64, moves: &[f64]) -> bool {
    let r = n / o;
    o > 0.0
        && r > MODEST_MOVE
        && moves
            .iter()
            .any(|m| *m > MODEST_MOVE && ratio(r, *m) <= STEP_TOLERANCE)
}

/// Pairs figures by a value the new document states as the earlier one:
/// "ridership fell to 8.71 million from 9.14 million" against an old
/// "carried 9.14 million passengers". When the new document files the old
/// figure's value under one of its unmatched keys, that key continues the
/// old quantity, whatever the wording. `new_all` is every figure of the new
/// document (the offers are only one figure per key). Only distinctive
/// values count, and each side must have exactly one such partner.
pub(super) fn anchor_pairs<'a>(
    old: &[Offer<'a>],
    new: &[Offer<'a>],
    new_all: &[Claim],
) -> Vec<(&'a str, &'a str)> {
    let states_earlier = |o: &Claim, n: &Claim| {
        new_all.iter().any(|c| {
            c.key == n.key
                && !std::ptr::eq(c, n)
                && c.value_max.is_none()
                && values_consistent(o.value, o.qualifier, c.value, c.qualifier)
                && compares(&c.sentence)
        })
    };
    // The stated earlier value outweighs a period read from elsewhere in the
    // sentence ("…, the lender's half-yearly accounts show"): the period
    // marker may differ here, the unit, kind and change marker may not.
    let comparable = |o: &Claim, n: &Claim| {
        let change = |k: &str| k.ends_with("|change");
        o.unit == n.unit
            && o.kind == n.kind
            && change(&o.key) == change(&n.key)
            && !named_apart(&subject_only(&o.key), &subject_only(&n.key))
    };
    let link = |o: &Claim, n: &Claim| {
        distinctive(o.value)
            && plausible_ratio(o.value, n.value)
            && comparable(o, n)
            && states_earlier(o, n)
    };
    sole_offers(old, new, link)
        .into_iter()
        .map(|(i, j)| (old[i].0, new[j].0))
        .collect()
}

/// Pairs the new document's own words tie together, whatever the keys: its
/// figure `n` shares a sentence, and its key, with the old figure's value
/// stated as the earlier one ("Late entries lifted the field to 44,930,
/// from 44,500 a week before the race" against "A record 44,500 runners
/// have registered"). This outweighs a match by key, whose figure may be
/// another quantity worded alike ("43,960 runners crossed the start
/// line"). Only distinctive values count, units, kinds and change markers
/// agree, and each side must have exactly one such partner. Pairs under
/// one key are left to the key match.
pub(super) fn stated_pairs<'a>(
    old: &[Offer<'a>],
    new: &[Offer<'a>],
    new_all: &[Claim],
) -> Vec<(&'a str, &'a str)> {
    sole_offers(old, new, |o, n| stated_beside(o, n, new_all, |_| true))
        .into_iter()
        .map(|(i, j)| (old[i].0, new[j].0))
        // A key with no subject pairs with itself only this way: the new
        // document names the old figure as the earlier one.
        .filter(|(o, n)| o != n || !super::claims::has_subject(o))
        .collect()
}

/// Whether `n`, a changed value of `o` (same unit, kind and change marker,
/// a distinctive old value, a plausible ratio), has `o`'s value stated
/// beside it as the earlier figure: in its sentence, under its key, in a
/// comparison ("to 44,930, from 44,500"), by a figure `earlier` accepts.
pub(super) fn stated_beside(
    o: &Claim,
    n: &Claim,
    new_all: &[Claim],
    earlier: impl Fn(&Claim) -> bool,
) -> bool {
    let change = |k: &str| k.ends_with("|change");
    distinctive(o.value)
        && o.unit == n.unit
        && o.kind == n.kind
        && change(&o.key) == change(&n.key)
        && !values_consistent(o.value, o.qualifier, n.value, n.qualifier)
        && plausible_ratio(o.value, n.value)
        && new_all.iter().any(|c| {
            c.key == n.key
                && c.sentence == n.sentence
                && !std::ptr::eq(c, n)
                && c.value_max.is_none()
                && values_consistent(o.value, o.qualifier, c.value, c.qualifier)
                && compares(&c.sentence)
                && earlier(c)
        })
}

/// A key with its unit and markers replaced by one placeholder, so that
/// [`named_apart`] compares the subjects alone.
fn subject_only(key: &str) -> String {
    format!("{}|_", key.split_once('|').map_or(key, |(s, _)| s))
}

/// A sentence that sets a figure against an earlier one ("fell to 8.71
/// million from 9.14 million", "against 318,000 a year earlier"); two
/// figures under one key elsewhere may be two quantities the key merged.
pub(super) fn compares(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["from", "against", "versus", "compared"]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
    })
}

/// Figures that may be one quantity: unit, kind and key suffix (change and
/// period markers) agree, and neither the keys nor the places their
/// sentences name set them apart.
pub(super) fn comparable(o: &Claim, n: &Claim) -> bool {
    // A status names a part of the whole ("at-risk farm job" against "farm
    // worker"): figures of different statuses are two quantities.
    key_status(&o.key) == key_status(&n.key)
        && o.unit == n.unit
        && o.kind == n.kind
        && same_period(key_rest(&o.key), key_rest(&n.key))
        && !named_apart(&o.key, &n.key)
        && !super::places::places_apart(&o.sentence, &n.sentence)
}

/// The index of the highest score when it beats the runner-up by
/// [`MARGIN`] (a lone candidate always does).
fn clear_best(scores: impl Iterator<Item = Option<f64>>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    let mut second = 0.0_f64;
    let mut count = 0;
    for (k, s) in scores.enumerate() {
        let Some(s) = s else { continue };
        count += 1;
        match best {
            Some((_, b)) if s <= b => second = second.max(s),
            Some((_, b)) => {
                second = b;
                best = Some((k, s));
            }
            None => best = Some((k, s)),
        }
    }
    let (k, b) = best?;
    (count == 1 || b >= second * MARGIN && b > second).then_some(k)
}

/// True when the keys themselves say the quantities differ: another status
/// ("completed" / "under construction"), or the same head with modifiers
/// neither of which contains the other ("broadband subscriber" / "cellular
/// subscriber"). Wording never overrides that.
fn named_apart(a: &str, b: &str) -> bool {
    let (Some((ma, ha, _)), Some((mb, hb, _))) = (key_parts(a), key_parts(b)) else {
        return false;
    };
    let (sa, sb) = (status_of(&ma), status_of(&mb));
    (sa.is_some() && sb.is_some() && sa != sb) || (ha == hb && !refines(a, b))
}

pub(super) fn plausible_ratio(a: f64, b: f64) -> bool {
    ratio(a, b) <= MAX_RATIO
}

/// The larger magnitude over the smaller; infinite when either is zero.
fn ratio(a: f64, b: f64) -> f64 {
    let (a, b) = (a.abs(), b.abs());
    if a == 0.0 || b == 0.0 {
        return f64::INFINITY;
    }
    a.max(b) / a.min(b)
}

/// A value unlikely to recur by chance: not a small whole number.
pub(super) fn distinctive(v: f64) -> bool {
    v.fract() != 0.0 || v.abs() >= 100.0
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "sole_tests.rs"]
mod sole_tests;

#[cfg(test)]
#[path = "anchor_tests.rs"]
mod anchor_tests;

#[cfg(test)]
#[path = "period_tests.rs"]
mod period_tests;
