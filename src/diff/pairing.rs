//! Pairing across keys: which identities of two documents name one
//! quantity although they differ (one refines the other, a stated earlier
//! value links them, their wording matches, or, in two versions of one
//! story, each is the other's only candidate of its unit).

use std::borrow::Cow;
use std::collections::HashMap;

use super::claims::{is_budget, same_quantity};
use super::keys::{refines, refines_counted};
use super::matching::{
    Offer, anchor_pairs, comparable, distinctive, plausible_ratio, sole_pairs, word_pairs,
};
use crate::claims::{Claim, ClaimKind, is_first_quarter_of};

/// The kind a figure is paired as: a budget announced in the future tense
/// is still a budget ([`is_budget`]), not a forecast.
fn pairing_kind(key: &str, c: &Claim) -> ClaimKind {
    if c.kind == ClaimKind::Target && is_budget(key) {
        ClaimKind::Actual
    } else {
        c.kind
    }
}

/// Keys of figures of `kind` in `order` that `other` lacks.
fn unmatched<'a>(
    order: &'a [Cow<'_, str>],
    mine: &HashMap<Cow<'_, str>, &Claim>,
    other: &HashMap<Cow<'_, str>, &Claim>,
    kind: ClaimKind,
) -> Vec<&'a str> {
    order
        .iter()
        .filter(|k| {
            !other.get(*k).is_some_and(|o| same_quantity(mine[*k], o))
                && pairing_kind(k, mine[*k]) == kind
        })
        .map(AsRef::as_ref)
        .collect()
}

/// Pairs the keys of reported figures left unmatched on both sides when
/// exactly one key on each side refines the other: the same quantity worded
/// with more or fewer modifiers. Plans are too loosely worded for this.
/// A collection's key ("bicycle fleet") is read by what it counts only
/// for keys no plain refinement pairs.
pub(super) fn loose_pairs<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for rel in [
        first_quarter,
        refines,
        refines_counted,
        year_so_far,
        so_far_later,
    ] {
        let taken = out.clone();
        let free = |k: &&str, old_side: bool| {
            !taken
                .iter()
                .any(|(a, b)| if old_side { a == k } else { b == k })
        };
        let (old_free, new_free): (Vec<&str>, Vec<&str>) = (
            old.iter().copied().filter(|k| free(k, true)).collect(),
            new.iter().copied().filter(|k| free(k, false)).collect(),
        );
        for &o in &old_free {
            // The same key on both sides is left over only when its values
            // are too far apart to be one quantity ([`same_quantity`]).
            let cands: Vec<&str> = new_free
                .iter()
                .copied()
                .filter(|n| *n != o && rel(o, n))
                .collect();
            if let [n] = cands[..] {
                let back = old_free.iter().filter(|x| **x != n && rel(x, n)).count();
                if back == 1 {
                    out.push((o, n));
                }
            }
        }
    }
    out
}

/// One key is the other with its period marked as the first quarter: a
/// quarterly figure, or the year so far ("exports for the first quarter"
/// against "exports over the first eight months").
fn first_quarter(a: &str, b: &str) -> bool {
    // A stated growth rate is the rate over its own span: the first
    // quarter's 13% is not the nine months' 14% a later report gives.
    let growth = a.ends_with("|change") && (a.contains("|ytd") || b.contains("|ytd"));
    !growth && (is_first_quarter_of(a, b) || is_first_quarter_of(b, a))
}

/// The old key `a` is the new key `b` with its period marked as the year
/// so far, for a level ("cement|tonnes|ytd" against a later
/// "cement|tonnes"): the later article may count the year's total without
/// saying from when. Only for figures of one calendar year
/// ([`same_year`]): last year's total is not this year's so far. Not the
/// other way round: an unmarked earlier figure may be a quarter or last
/// year's total, and pairing it with a later year so far was measured to
/// cost identity errors.
fn year_so_far(a: &str, b: &str) -> bool {
    !a.ends_with("|change") && a.strip_suffix("|ytd") == Some(b)
}

/// The new key `b` is the old key `a` with its period marked as the year
/// so far ("EBITDA rose to 58.9 million euros" after a lede on the first
/// half, against "EBITDA for the nine months reached €86.1 million"): the
/// earlier article may state the period once, in its first sentence. Kept
/// only where the earlier article marks some figure so (it states such a
/// span), for figures of one calendar year whose value has not fallen
/// ([`paired`]), since an unmarked figure may also be a quarter's.
fn so_far_later(a: &str, b: &str) -> bool {
    !a.ends_with("|change") && b.strip_suffix("|ytd") == Some(a)
}

/// The dates the figures of a document are dated to where their sentence
/// names a whole financial year ("revenue of 441.3 million pounds for the
/// year to March 31"): the ends of the years it reports.
fn financial_year_ends(all: &[Claim]) -> Vec<chrono::NaiveDate> {
    const WHOLE_YEAR: [&str; 5] = [
        "year to ",
        "year ended ",
        "year ending ",
        "financial year",
        "fiscal year",
    ];
    all.iter()
        .filter(|c| {
            let lower = c.sentence.to_ascii_lowercase();
            WHOLE_YEAR.iter().any(|p| lower.contains(p))
        })
        .filter_map(|c| c.as_of)
        .collect()
}

/// The later figure `b` is dated to the end of a financial year its
/// document reports (`year_ends`, [`financial_year_ends`]) and the earlier
/// `a`, a span so far, ends inside that year ("in the six months to
/// September 30" against a year to March 31): the half is part of the
/// year the later figure counts, though the calendar year changed. A
/// year's total is no smaller than a part of it.
fn same_financial_year(a: &Claim, b: &Claim, year_ends: &[chrono::NaiveDate]) -> bool {
    b.value >= a.value
        && matches!((a.as_of, b.as_of), (Some(x), Some(y))
            if x < y && (y - x).num_days() < 365 && year_ends.contains(&y))
}

/// The later figure `b` is unmarked and dated early in the year after the
/// earlier span so far `a` ("revenue for the six months to June" against
/// "Revenue rose to 6.18 billion" in a story of March that dates its other
/// figures to December 31, "a net profit of 412 million in 2026"): an
/// annual report counts the whole year the span was part of. A year's
/// total is no smaller than a part of it.
fn annual_report_of(a: &Claim, b: &Claim, new_all: &[Claim]) -> bool {
    use chrono::Datelike;
    let (Some(x), Some(y)) = (a.as_of, b.as_of) else {
        return false;
    };
    let Some(year_end) = chrono::NaiveDate::from_ymd_opt(x.year(), 12, 31) else {
        return false;
    };
    b.value >= a.value
        && y > year_end
        && (y - year_end).num_days() <= 120
        && new_all.iter().any(|c| c.as_of == Some(year_end))
}

/// Whether a figure is dated to the last day of a month.
fn ends_a_month(c: &Claim) -> bool {
    use chrono::Datelike;
    c.as_of
        .and_then(|d| d.succ_opt())
        .is_some_and(|next| next.day() == 1)
}

/// Whether two figures are dated in the same calendar year.
fn same_year(a: &Claim, b: &Claim) -> bool {
    use chrono::Datelike;
    matches!((a.as_of, b.as_of), (Some(x), Some(y)) if x.year() == y.year())
}

/// How many quantities two documents must share (by key, refinement or
/// wording) before their leftover figures are paired by unit alone
/// ([`sole_pairs`]): fewer, and they may be two stories, where a lone
/// figure of one unit on each side is a coincidence.
const SOLE_MIN_SHARED: usize = 2;

/// Pairs of identities (old, new) that name one quantity although they
/// differ: one refines the other, their wording matches
/// ([`super::matching`]), or, in two versions of one story, each is the
/// other's only candidate.
pub(super) fn paired<'a>(
    old: (&'a [Cow<'a, str>], &HashMap<Cow<'a, str>, &'a Claim>),
    new: (&'a [Cow<'a, str>], &HashMap<Cow<'a, str>, &'a Claim>),
    (old_all, new_all): (&[Claim], &[Claim]),
) -> Vec<(&'a str, &'a str)> {
    let (old_order, old_best) = old;
    let (new_order, new_best) = new;
    let old_left = unmatched(old_order, old_best, new_best, ClaimKind::Actual);
    let new_left = unmatched(new_order, new_best, old_best, ClaimKind::Actual);
    let mut pairs = loose_pairs(&old_left, &new_left);
    // A stated difference of a refined key is a difference of that quantity
    // ("gross written premiums rose 7.2%" / "premiums written grew 6.8%").
    pairs.extend(loose_pairs(
        &unmatched(old_order, old_best, new_best, ClaimKind::Change),
        &unmatched(new_order, new_best, old_best, ClaimKind::Change),
    ));
    // The earlier article states a span so far for some figure: its
    // unmarked figures may share it. Without that, an unmarked figure dated
    // to a month's end was stated for a period that ended then ("profit for
    // the January-March quarter"), not for the year so far.
    let old_states_span = old_order.iter().any(|k| k.contains("|ytd"));
    // Read only when a span so far meets a later year's figure.
    let year_ends = std::cell::OnceCell::new();
    pairs.retain(|(o, n)| {
        let (a, b) = (old_best[*o], new_best[*n]);
        same_quantity(a, b)
            && (!year_so_far(o, n)
                || same_year(a, b)
                || same_financial_year(
                    a,
                    b,
                    year_ends.get_or_init(|| financial_year_ends(new_all)),
                )
                || annual_report_of(a, b, new_all))
            && (!so_far_later(o, n)
                || ((old_states_span || !ends_a_month(a)) && same_year(a, b) && b.value >= a.value))
    });
    let offers = |left: &[&'a str],
                  best: &HashMap<Cow<'a, str>, &'a Claim>,
                  old_side: bool,
                  pairs: &[(&str, &str)]| {
        left.iter()
            .filter(|k| {
                !pairs
                    .iter()
                    .any(|(a, b)| if old_side { a == *k } else { b == *k })
            })
            .map(|k| (*k, best[*k]))
            .collect::<Vec<_>>()
    };
    pairs.extend(anchor_pairs(
        &offers(&old_left, old_best, true, &pairs),
        &offers(&new_left, new_best, false, &pairs),
        new_all,
    ));
    pairs.extend(history_pairs(
        &offers(&old_left, old_best, true, &pairs),
        &offers(&new_left, new_best, false, &pairs),
        (old_all, new_all),
    ));
    let old_offers = offers(&old_left, old_best, true, &pairs);
    let new_offers = offers(&new_left, new_best, false, &pairs);
    let context: Vec<&Claim> = old_best
        .values()
        .chain(new_best.values())
        .copied()
        .collect();
    pairs.extend(word_pairs(&old_offers, &new_offers, &context));
    // Figures left over are paired by unit alone only between two
    // versions of one story: documents that already share quantities.
    let shared = old_order
        .iter()
        .filter(|k| {
            new_best
                .get(*k)
                .is_some_and(|n| same_quantity(old_best[*k], n))
        })
        .count()
        + pairs.len();
    if shared >= SOLE_MIN_SHARED {
        let old_offers = offers(&old_left, old_best, true, &pairs);
        let new_offers = offers(&new_left, new_best, false, &pairs);
        let moves = reported_moves(old, new_best, &pairs);
        pairs.extend(sole_pairs(&old_offers, &new_offers, &moves));
        // A plan or forecast revised in the later story ("aiming for 2.6
        // million visitors" / "trimmed its attendance forecast to 2.5
        // million"): plans are too loosely worded for the steps above, but
        // a lone plan of one unit on each side is one plan.
        let plans = |order, mine, other| {
            unmatched(order, mine, other, ClaimKind::Target)
                .into_iter()
                .map(|k| (k, mine[k]))
                .collect::<Vec<_>>()
        };
        pairs.extend(sole_pairs(
            &plans(old_order, old_best, new_best),
            &plans(new_order, new_best, old_best),
            &[],
        ));
    }
    // A figure the new document dates before the old one's is an earlier
    // figure, not an update ("last year's exports of CHF 26 billion"
    // against the first quarter's 6.27 billion). A plan is dated by its
    // deadline, so this holds for reported figures only.
    pairs.retain(|(o, n)| {
        let (o, n) = (old_best[*o], new_best[*n]);
        [o, n].iter().any(|c| c.kind == ClaimKind::Target)
            || !matches!((o.as_of, n.as_of), (Some(a), Some(b)) if b < a)
    });
    pairs
}

/// The moves (new value over old) of the reported counts and amounts the
/// two documents share, by key or by the `pairs` found so far: the
/// evidence [`sole_pairs`] reads a larger move by. Percentages are left
/// out, as they are there.
fn reported_moves(
    (old_order, old_best): (&[Cow<'_, str>], &HashMap<Cow<'_, str>, &Claim>),
    new_best: &HashMap<Cow<'_, str>, &Claim>,
    pairs: &[(&str, &str)],
) -> Vec<f64> {
    let by_key = old_order
        .iter()
        .filter_map(|k| Some((old_best[k], *new_best.get(k)?)))
        .filter(|(o, n)| same_quantity(o, n));
    let by_pair = pairs.iter().map(|(o, n)| (old_best[*o], new_best[*n]));
    by_key
        .chain(by_pair)
        .filter(|(o, n)| {
            o.kind == ClaimKind::Actual
                && n.kind == ClaimKind::Actual
                && o.unit != "percent"
                && o.value > 0.0
        })
        .map(|(o, n)| n.value / o.value)
        .collect()
}

/// Pairs figures whose keys both hold one earlier figure, of one
/// distinctive value and one stated date: "down from a record €9.50 in
/// January" beside "€6.80 a kilo" against "less than half the record EUR
/// 9.50 reached in January 2024" beside "EUR 4.30/kg". Two stories that
/// date the same value alike recall the same quantity's past, so the
/// figures beside it are its current values. Each side must have exactly
/// one such partner, and the move must be plausible.
fn history_pairs<'a>(
    old: &[Offer<'a>],
    new: &[Offer<'a>],
    (old_all, new_all): (&[Claim], &[Claim]),
) -> Vec<(&'a str, &'a str)> {
    let link = |o: &Claim, n: &Claim| {
        comparable(o, n)
            && plausible_ratio(o.value, n.value)
            && earlier(o, old_all)
                .any(|a| earlier(n, new_all).any(|b| a.as_of == b.as_of && a.value == b.value))
    };
    sole_offers(old, new, link)
        .into_iter()
        .map(|(i, j)| (old[i].0, new[j].0))
        .collect()
}

/// The (old, new) positions of offers that are each other's only partner
/// under `link` ([`sole_matches`]).
pub(super) fn sole_offers(
    old: &[Offer<'_>],
    new: &[Offer<'_>],
    link: impl Fn(&Claim, &Claim) -> bool,
) -> Vec<(usize, usize)> {
    sole_matches(old, new, |(_, o), (_, n)| link(o, n))
}

/// The (old, new) positions of items that are each other's only partner
/// under `link` ([`sole_links`]); each pair is judged once.
pub(super) fn sole_matches<A, B>(
    old: &[A],
    new: &[B],
    link: impl Fn(&A, &B) -> bool,
) -> Vec<(usize, usize)> {
    let table: Vec<Vec<bool>> = old
        .iter()
        .map(|o| new.iter().map(|n| link(o, n)).collect())
        .collect();
    sole_links(&table)
}

/// The figures of `all` under `rep`'s key dated before it that are
/// distinctive levels ([`history_pairs`]).
fn earlier<'c>(rep: &'c Claim, all: &'c [Claim]) -> impl Iterator<Item = &'c Claim> {
    all.iter().filter(move |c| {
        c.key == rep.key
            && c.as_of.is_some()
            && c.as_of < rep.as_of
            && c.value_max.is_none()
            && c.kind != ClaimKind::Change
            && distinctive(c.value)
    })
}

/// The (row, column) cells of a link table that are the only link of both
/// their row and their column.
fn sole_links(table: &[Vec<bool>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, row) in table.iter().enumerate() {
        let mut partners = (0..row.len()).filter(|&j| row[j]);
        let (Some(j), None) = (partners.next(), partners.next()) else {
            continue;
        };
        if table.iter().filter(|r| r[j]).count() == 1 {
            out.push((i, j));
        }
    }
    out
}
