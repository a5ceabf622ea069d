//! Document-to-document claim diff: pairs claims by quantity key and says
//! whether each changed, was restated, is new or was dropped.
//!
//! Each document contributes one figure per key: its latest as-of figure
//! (the first of equals); a key's other figures of that date, in sentences
//! of their own, are paired by wording when both documents hold the key
//! ([`super::secondary`]). Figures dated well before the document's own date
//! are historical ("mobile subscriptions reached 100m in 2010") and are not
//! compared. Stated differences carry their own keys, so they are never
//! compared with a level, and plans are compared only with plans. Keys left
//! unmatched on both sides are paired when exactly one refines the other
//! ("house" and "destroyed house", same head, unit and status).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::keys::key_parts;
use super::matching::{compares, distinctive, plausible_ratio, stated_pairs};
use super::pairing::paired;
use super::places::places_apart;
use crate::claims::{Claim, ClaimKind, Qualifier, UPPER};

/// What happened to one quantity between two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same quantity, different value.
    Changed,
    /// Same quantity, same value within its qualifier.
    Restated,
    /// Only in the new document.
    New,
    /// Only in the old document.
    Dropped,
}

/// One entry of a claim-level diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// Subject of the quantity.
    pub subject: String,
    /// Quantity key.
    pub key: String,
    /// Unit.
    pub unit: String,
    /// Old value (null for `new`).
    pub old: Option<f64>,
    /// New value (null for `dropped`).
    pub new: Option<f64>,
    /// Sentence of the old claim.
    pub old_sentence: Option<String>,
    /// Sentence of the new claim.
    pub new_sentence: Option<String>,
}

/// Relative width allowed around a directional qualifier ("over 25 billion"
/// covers 25 up to 25 + max(one unit of its last digit, 5%)).
const DIRECTIONAL_WIDTH: f64 = 0.05;
/// Relative half-width of "around", "about".
const AROUND_WIDTH: f64 = 0.01;
/// Claims dated this many days before the document's latest date are historical.
const HISTORICAL_DAYS: i64 = 300;

/// Whether `d` lies more than [`HISTORICAL_DAYS`] before `r` (both known):
/// a figure that far behind a document's latest date is historical.
pub(super) fn long_before(d: Option<NaiveDate>, r: Option<NaiveDate>) -> bool {
    matches!((d, r), (Some(d), Some(r)) if (r - d).num_days() > HISTORICAL_DAYS)
}

/// Below this, an integer is read as written in plain digits ("101
/// schools", "8,020 MW"), which are exact; scale words ("2.4 million",
/// "1.5 lakh") give values at or above it.
const PLAIN_INTEGER_LIMIT: f64 = 1e5;

/// Place value of the last significant digit as written, assuming at most
/// three significant digits are implied by trailing zeros ("100 million"
/// was written as 100, so its unit is one million). A plain integer is
/// exact to its last digit: "100 schools" is not "about 100".
fn precision_unit(x: f64) -> f64 {
    let x = x.abs();
    if x == 0.0 || !x.is_finite() {
        return 1.0;
    }
    let plain_integer = x < PLAIN_INTEGER_LIMIT && x.fract() == 0.0;
    let mag = x.log10().floor();
    let unit = last_digit(x)
        .min(10f64.powf(mag - 2.0))
        .max(10f64.powf(mag - 11.0));
    if plain_integer { unit.min(1.0) } else { unit }
}

/// Place value of the last non-zero digit of `x` (positive and finite)
/// among 12 significant digits: 5.3 million gives 100,000.
fn last_digit(x: f64) -> f64 {
    let mut unit = 10f64.powf(x.log10().floor() - 11.0);
    for _ in 0..12 {
        let scaled = x / (unit * 10.0);
        if (scaled - scaled.round()).abs() > 1e-6 {
            break;
        }
        unit *= 10.0;
    }
    unit
}

/// The interval of true values a stated value allows.
fn interval(v: f64, q: Qualifier) -> (f64, f64) {
    let v = v.abs();
    let u = precision_unit(v);
    let w = u.max(v * DIRECTIONAL_WIDTH);
    match q {
        Qualifier::Exact => (v - u / 2.0, v + u / 2.0),
        Qualifier::Over | Qualifier::AtLeast => (v, v + w),
        Qualifier::Under | Qualifier::UpTo | Qualifier::Nearly => (v - w, v),
        Qualifier::Around => {
            let h = (u / 2.0).max(v * AROUND_WIDTH);
            (v - h, v + h)
        }
    }
}

/// True when two stated values can describe the same true value, given their
/// qualifiers ("over $25 billion" and "$25.4 billion").
pub fn values_consistent(a: f64, qa: Qualifier, b: f64, qb: Qualifier) -> bool {
    if !a.is_finite() || !b.is_finite() {
        return false;
    }
    if (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0) {
        return true;
    }
    // Two estimates written to one precision ("about 5.3 million", "about
    // 5.4 million") that differ in their last digit state a new estimate.
    if qa == Qualifier::Around
        && qb == Qualifier::Around
        && a != 0.0
        && b != 0.0
        && last_digit(a.abs()) == last_digit(b.abs())
    {
        return false;
    }
    let (lo_a, hi_a) = interval(a, qa);
    let (lo_b, hi_b) = interval(b, qb);
    let eps = 1e-9 * a.abs().max(b.abs());
    if qa == Qualifier::Exact && qb == Qualifier::Exact {
        // Two different exact figures whose rounding intervals only touch
        // ("100" and "101") state different values.
        return lo_a < hi_b - eps && lo_b < hi_a - eps;
    }
    lo_a <= hi_b + eps && lo_b <= hi_a + eps
}

/// Two figures whose stated values can be one true value ([`values_consistent`]).
pub(super) fn agree(a: &Claim, b: &Claim) -> bool {
    values_consistent(a.value, a.qualifier, b.value, b.qualifier)
}

/// The identity a claim is compared under: its key, kept apart for a plan
/// dated after everything the document reports ("aims to link 1,200
/// villages by 2026" is not a count of linked villages) and for a stated
/// intention or forecast ("now expects revenue of $14.1 billion" is not the
/// quarter's reported revenue, though dated later); a budget
/// ([`is_budget`]) is not a plan. A day's move of a
/// share price ("shares rose 2.3%") belongs to its trading day: another
/// day's move is another quantity, not a change of this one.
fn identity(c: &Claim, reported: Option<NaiveDate>) -> Cow<'_, str> {
    let ahead = matches!((c.as_of, reported), (Some(d), Some(r)) if d > r);
    let plan = c.kind == ClaimKind::Target && !is_budget(&c.key);
    if plan && (ahead || states_intention(&c.sentence)) {
        Cow::Owned(format!("{}|target", c.key))
    } else if let Some(day) = c.as_of.filter(|_| session_move(c)) {
        Cow::Owned(format!("{}|{day}", c.key))
    } else {
        Cow::Borrowed(&c.key)
    }
}

/// Whether a key names a budget. A budget is money already put to a
/// purpose: announced in the future tense ("will raise its bear budget for
/// the year to ¥310 million") it is still the budget another report states
/// as done ("has set aside 120 million yen"), not a plan or forecast.
pub(super) fn is_budget(key: &str) -> bool {
    key_parts(key).is_some_and(|(_, head, _)| head == "budget")
}

/// A stated percentage move of a company's shares or stock, with no other
/// words in its subject (so not "market share").
fn session_move(c: &Claim) -> bool {
    c.kind == ClaimKind::Change
        && c.unit == "percent"
        && c.key
            .split_once('|')
            .is_some_and(|(subject, _)| matches!(subject, "share" | "stock"))
}

/// One claim per identity: the latest, skipping historical ones. A plan's
/// future date does not make the document's reported figures historical.
pub(super) fn representatives(
    claims: &[Claim],
) -> (Vec<Cow<'_, str>>, HashMap<Cow<'_, str>, &Claim>) {
    let latest = claims
        .iter()
        .filter(|c| c.kind != ClaimKind::Target)
        .filter_map(|c| c.as_of)
        .max();
    let historical = |d: Option<NaiveDate>| long_before(d, latest);
    let mut order = Vec::new();
    let mut best: HashMap<Cow<'_, str>, &Claim> = HashMap::new();
    // A range's high end is compared beside its low end ([`upper_pair`]).
    for c in claims
        .iter()
        .filter(|c| c.value.is_finite() && !historical(c.as_of) && !c.key.ends_with(UPPER))
    {
        let id = identity(c, latest);
        // A later figure of a sentence that compares nothing is a part of the
        // first ("72.4 million in April, of which 24 million were active").
        let newer =
            |p: &&Claim| c.as_of > p.as_of && (c.sentence != p.sentence || compares(&c.sentence));
        match best.get(&id) {
            None => order.push(id.clone()),
            Some(p) if !newer(p) => continue,
            Some(_) => {}
        }
        best.insert(id, c);
    }
    (order, best)
}

/// Whether two figures filed under one key (or paired by refinement) are one
/// quantity: always when their values agree; for a changed value, only
/// within ten times the other ("a fleet of 64 trainsets" against "six
/// additional trainsets" is not), when both have a subject, and when one is
/// not an intention against the other's reported fact.
pub(super) fn same_quantity(a: &Claim, b: &Claim) -> bool {
    agree(a, b)
        || (has_subject(&a.key)
            && may_change(
                &b.key,
                (a.value, a.kind, &a.sentence),
                (b.value, b.kind, &b.sentence),
            ))
}

/// Whether a figure under `key` may have changed from `old` to `new`
/// (value, kind, sentence), their values disagreeing: the key has a subject,
/// the new value is within ten times the old (or either is zero), one is
/// not an intention against the other's reported fact, they are not stated
/// changes that moved opposite ways, and their sentences do not name
/// different places ([`places_apart`]). The daemon's timelines
/// apply the same rule.
pub(crate) fn may_change(
    key: &str,
    old: (f64, ClaimKind, &str),
    new: (f64, ClaimKind, &str),
) -> bool {
    // A ratio to zero says nothing: "no deaths" may become "one death".
    let ratio_ok = old.0 == 0.0 || new.0 == 0.0 || plausible_ratio(old.0, new.0);
    // Two stated changes that moved opposite ways are two quantities: and
    // their values, written without a sign, would give a false delta.
    let opposite = old.1 == ClaimKind::Change
        && new.1 == ClaimKind::Change
        && super::direction::opposite(old.2, new.2);
    has_subject(key)
        && ratio_ok
        && !opposite
        && !plan_against_fact(old, new)
        && !places_apart(old.2, new.2)
}

/// A stated intention or forecast ("plans to add 40 branches", "expects
/// deposits to reach Rs1.2 trillion") against a reported figure: not one
/// quantity that changed. A future tense alone ("will add another 4,470MW")
/// often describes what existing things hold, so it does not count here.
fn plan_against_fact(a: (f64, ClaimKind, &str), b: (f64, ClaimKind, &str)) -> bool {
    let plan = |(_, kind, sentence): (f64, ClaimKind, &str)| {
        kind == ClaimKind::Target && states_intention(sentence)
    };
    a.1 != b.1 && a.1 != ClaimKind::Change && b.1 != ClaimKind::Change && (plan(a) || plan(b))
}

/// A sentence with a word of intention or forecast (not the future tense).
fn states_intention(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(crate::claims::is_intention_word)
}

/// False for the key of a figure whose subject was not found
/// ("quantity|PKR"): two such figures are one quantity only when their
/// values agree, never as a change.
pub(super) fn has_subject(key: &str) -> bool {
    !key.starts_with("quantity|")
}

/// Every reported figure (not a plan or a stated difference) with its
/// identity, in document order.
fn reported<'a, 'c: 'a>(
    order: &'a [Cow<'c, str>],
    best: &HashMap<Cow<'c, str>, &'c Claim>,
) -> Vec<(&'a str, &'c Claim)> {
    order
        .iter()
        .map(|k| (k.as_ref(), best[k]))
        .filter(|(_, c)| c.kind == ClaimKind::Actual)
        .collect()
}

/// Claim-level diff of two documents' claims.
pub fn diff_claims(old: &[Claim], new: &[Claim]) -> Vec<Change> {
    let (old_order, old_best) = representatives(old);
    let (new_order, new_best) = representatives(new);
    let loose = paired((&old_order, &old_best), (&new_order, &new_best), (old, new));
    let stated = stated_pairs(
        &reported(&old_order, &old_best),
        &reported(&new_order, &new_best),
        new,
    );
    // A new identity a stated pair claims is no one else's partner.
    let claimed = |n_id: &str| stated.iter().any(|(_, b)| *b == n_id);
    // `out` holds an entry per old identity, in order, until the new ones
    // are added; the entries of ranges' high ends come last.
    let mut out = Vec::new();
    let mut uppers = Vec::new();
    // New identities taken by an old one.
    let mut taken: Vec<&str> = Vec::new();
    // Every figure reported.
    let (mut used_old, mut used_new): (Vec<&Claim>, Vec<&Claim>) = (Vec::new(), Vec::new());
    for key in &old_order {
        let o = old_best[key];
        let stated_partner = stated
            .iter()
            .find(|(a, _)| *a == key.as_ref())
            .and_then(|(_, b)| new_best.get(*b).map(|n| (*b, *n)));
        let partner = stated_partner
            .or_else(|| {
                new_best
                    .get_key_value(key)
                    .filter(|(k, n)| same_quantity(o, n) && !claimed(k))
                    .map(|(k, n)| (k.as_ref(), *n))
            })
            .or_else(|| {
                loose
                    .iter()
                    .find(|(a, b)| *a == key.as_ref() && !claimed(b))
                    .and_then(|(_, b)| new_best.get(*b).map(|n| (*b, *n)))
            })
            // The pair as restated ([`restating_pair`]), kept unless another
            // figure explains its change better.
            .map(|(n_id, n)| (n_id, n, restating_pair(o, n, old, new)))
            .filter(|(n_id, n, (ro, rn))| {
                agree(ro, rn)
                    || !explained_elsewhere(
                        (key, o),
                        (n_id, n),
                        (&old_order, &old_best),
                        (&new_order, &new_best),
                    )
            });
        let entry = match partner {
            Some((n_id, n, (ro, rn))) => {
                taken.push(n_id);
                used_old.extend([o, ro]);
                used_new.extend([n, rn]);
                uppers.extend(upper_pair((ro, rn), (old, new)));
                compared(ro, rn)
            }
            None => change(ChangeKind::Dropped, Some(o), None),
        };
        out.push(entry);
    }
    // Old figures still without a partner, whose value the new document
    // states beside one of its figures ([`super::relink`]).
    let dropped: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].kind == ChangeKind::Dropped)
        .collect();
    let olds: Vec<&Claim> = dropped.iter().map(|&i| old_best[&old_order[i]]).collect();
    for (i, j) in super::relink::stated_claims(&olds, new) {
        let rep_of = new_best.iter().find(|(_, c)| std::ptr::eq(**c, &new[j]));
        if let Some((k, _)) = rep_of {
            if taken.contains(&k.as_ref()) {
                continue;
            }
            taken.push(k.as_ref());
        }
        out[dropped[i]] = change(ChangeKind::Changed, Some(olds[i]), Some(&new[j]));
        used_old.push(olds[i]);
        used_new.push(&new[j]);
    }
    // Keys both documents hold: their other figures are paired by wording
    // ([`super::secondary`]).
    let shared: Vec<(&Claim, &Claim)> = old_order
        .iter()
        .filter_map(|k| Some((*old_best.get(k)?, *new_best.get(k)?)))
        .collect();
    for (o, n) in super::secondary::second_pairs(&shared, (old, new), (&used_old, &used_new)) {
        out.push(compared(o, n));
        uppers.extend(upper_pair((o, n), (old, new)));
    }
    for key in &new_order {
        if !taken.contains(&key.as_ref()) {
            out.push(change(ChangeKind::New, None, Some(new_best[key])));
        }
    }
    out.extend(uppers);
    out
}

/// A changed pair (old `o`, new `n`, each with its identity) that another
/// figure explains better: `n`'s value is the current figure of another old
/// quantity that the new document does not restate under its own identity,
/// or `o`'s value that of another new one ("1,920 personnel, including 310
/// firefighters" against "1,920 firefighters and support staff"). The
/// figure was restated under other words; calling the pair a change would
/// be a false alarm. Only values unlikely to recur by chance count: not a
/// small whole count or percentage.
fn explained_elsewhere(
    (o_id, o): (&str, &Claim),
    (n_id, n): (&str, &Claim),
    old: (&[Cow<'_, str>], &HashMap<Cow<'_, str>, &Claim>),
    new: (&[Cow<'_, str>], &HashMap<Cow<'_, str>, &Claim>),
) -> bool {
    !agree(o, n)
        && (!echoes(n, (o_id, o), old, new.1).is_empty()
            || !echoes(o, (n_id, n), new, old.1).is_empty())
}

/// The identities on the `other` side, in order, whose current figure has
/// `x`'s value and kind (a forecast does not echo a reported figure), not
/// dated before that side's member `y` (an earlier figure there recalls the
/// value that changed), and which `x`'s side (`own`) does not restate under
/// that identity. Only values unlikely to recur by chance count.
pub(super) fn echoes<'a>(
    x: &Claim,
    (y_id, y): (&str, &Claim),
    (other_order, other): (&'a [Cow<'_, str>], &HashMap<Cow<'_, str>, &Claim>),
    own: &HashMap<Cow<'_, str>, &Claim>,
) -> Vec<&'a str> {
    let telling = |c: &Claim| {
        (c.value_max.is_none() && c.kind != ClaimKind::Change)
            && (distinctive(c.value) || !matches!(c.unit.as_str(), "count" | "percent"))
    };
    // A bound ("up to $50 million") covers a band of values; only its own
    // value echoes it, not a figure that merely falls inside the band.
    let bound = |c: &Claim| !matches!(c.qualifier, Qualifier::Exact | Qualifier::Around);
    let same = |a: &Claim, b: &Claim| {
        (a.unit == b.unit && a.kind == b.kind && agree(a, b))
            && (a.value == b.value || !(bound(a) || bound(b)))
    };
    other_order
        .iter()
        .filter(|k| {
            let c = other[*k];
            k.as_ref() != y_id
                && c.as_of >= y.as_of
                && telling(c)
                && same(x, c)
                && !own.get(*k).is_some_and(|d| same(c, d))
        })
        .map(AsRef::as_ref)
        .collect()
}

/// One key often files two figures of a document ("across the
/// corporation's 150 wards", "booths in 31 wards"), and only one of them
/// represents it. When the other side's figure is restated by another figure
/// of the same key, no later than the representative and not a stated
/// difference, the pair is that restatement, not a change.
pub(super) fn restating_pair<'c>(
    o: &'c Claim,
    n: &'c Claim,
    old_all: &'c [Claim],
    new_all: &'c [Claim],
) -> (&'c Claim, &'c Claim) {
    if agree(o, n) {
        return (o, n);
    }
    // A figure the document dated long before its representative is a
    // historical fact, which the other document may restate undated ("the
    // 860,000 tickets sold by her previous film"). The new document may
    // also date the old value earlier in a sentence of its own ("The
    // ballot, held at 143 hospitals in August, ..." beside "Nurses at 161
    // hospitals walked out"): not set against another figure, it restates
    // the old figure; "up from 143 in August" is the change.
    let restates = |rep: &Claim, other: &Claim, c: &Claim, historical_too: bool| {
        let earlier_ok = if historical_too {
            long_before(c.as_of, rep.as_of)
        } else {
            c.sentence != rep.sentence && !compares(&c.sentence)
        };
        c.key == rep.key
            && c.kind != ClaimKind::Change
            && c.value_max.is_none()
            && (c.as_of >= rep.as_of || earlier_ok)
            && agree(other, c)
    };
    if let Some(c) = new_all.iter().find(|c| restates(n, o, c, false)) {
        return (o, c);
    }
    match old_all.iter().find(|c| restates(o, n, c, true)) {
        Some(c) => (c, n),
        None => (o, n),
    }
}

/// The entry of the high ends ([`UPPER`]) of two ranges whose low ends
/// are paired: a moved upper bound is a change of its own.
fn upper_pair(pair: (&Claim, &Claim), all: (&[Claim], &[Claim])) -> Option<Change> {
    Some(compared(upper_of(pair.0, all.0)?, upper_of(pair.1, all.1)?))
}

/// The high end of the range `c` among `all`.
fn upper_of<'a>(c: &Claim, all: &'a [Claim]) -> Option<&'a Claim> {
    let hi = c.value_max?;
    all.iter().find(|u| {
        u.value == hi && u.sentence == c.sentence && u.key.strip_suffix(UPPER) == Some(&c.key)
    })
}

/// The entry of two figures of one quantity: restated when their values
/// agree, else changed.
fn compared(old: &Claim, new: &Claim) -> Change {
    let kind = if agree(old, new) {
        ChangeKind::Restated
    } else {
        ChangeKind::Changed
    };
    change(kind, Some(old), Some(new))
}

fn change(kind: ChangeKind, old: Option<&Claim>, new: Option<&Claim>) -> Change {
    // At least one side is always present; the callers pass Some for it.
    let any = new.or(old);
    Change {
        kind,
        subject: any.map(|c| c.subject.clone()).unwrap_or_default(),
        key: any.map(|c| c.key.clone()).unwrap_or_default(),
        unit: any.map(|c| c.unit.clone()).unwrap_or_default(),
        old: old.map(|c| c.value),
        new: new.map(|c| c.value),
        old_sentence: old.map(|c| c.sentence.clone()),
        new_sentence: new.map(|c| c.sentence.clone()),
    }
}
