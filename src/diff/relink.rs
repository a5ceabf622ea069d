//! Relinking reworded figures: the keys a page's new version files its
//! figures under when its previous version named them otherwise
//! ([`carry_keys`], for the daemon's timelines), and the claim-level link of
//! an old figure whose value the new document states as the earlier figure
//! beside one of its own ("stood at 98,150 patients, up from 96,412 a month
//! earlier"), even when a key of the new document holds several figures and
//! another one represents it; and the timeline a first-quarter figure is
//! filed under ([`file_first_quarters`]).

use super::claims::{agree, echoes, representatives, restating_pair};
use super::matching::stated_beside;
use super::pairing::{paired, sole_matches};
use crate::claims::{Claim, ClaimKind, UPPER, split_first_quarter};

/// (index into `old`, index into `new_all`) for every old figure whose new
/// figure the new document states beside the old value as its earlier one;
/// each side must have exactly one such partner.
pub(super) fn stated_claims(old: &[&Claim], new_all: &[Claim]) -> Vec<(usize, usize)> {
    let linked = |o: &Claim, n: &Claim| {
        o.kind == ClaimKind::Actual
            && !n.key.ends_with(UPPER)
            && stated_beside(o, n, new_all, |c: &Claim| c.as_of < n.as_of)
    };
    sole_matches(old, new_all, |o, n| linked(o, n))
}

/// For a document and its previous version: `(new key, old key)` for every
/// figure the new version states under another key than the old one did
/// (refined or reworded), as [`diff_claims`] pairs them.
///
/// A figure whose old key held another value, and whose value is the
/// current figure of exactly one other old quantity that the new version
/// does not restate ("1,920 firefighters and support staff" against "1,920
/// personnel, including 310 firefighters"), continues that quantity: it is
/// filed under its key, so its own key's timeline raises no false change.
pub fn carried_keys(old: &[Claim], new: &[Claim]) -> Vec<(String, String)> {
    let (old_order, old_best) = representatives(old);
    let (new_order, new_best) = representatives(new);
    let mut out: Vec<(String, String)> =
        paired((&old_order, &old_best), (&new_order, &new_best), (old, new))
            .into_iter()
            .map(|(o, n)| (new_best[n].key.clone(), old_best[o].key.clone()))
            .filter(|(n, o)| n != o)
            .collect();
    for n_id in &new_order {
        let n = new_best[n_id];
        let Some(o) = old_best.get(n_id) else {
            continue;
        };
        let (ro, rn) = restating_pair(o, n, old, new);
        if agree(ro, rn) || out.iter().any(|(from, _)| *from == n.key) {
            continue;
        }
        if let [c_id] = echoes(n, (n_id, o), (&old_order, &old_best), &new_best)[..]
            && !new_best.contains_key(c_id)
        {
            out.push((n.key.clone(), old_best[c_id].key.clone()));
        }
    }
    out
}

/// Files the figures of a page's new version under the keys its previous
/// version used for them ([`carried_keys`]), so a reworded article
/// continues its quantities' timelines instead of dropping them and
/// starting new ones. Returns how many claims were re-keyed.
pub fn carry_keys(old: &[Claim], new: &mut [Claim]) -> usize {
    let renames = carried_keys(old, new);
    let mut n = 0;
    for c in new.iter_mut() {
        // A range's high end ([`UPPER`]) follows its low end.
        let (base, upper) = match c.key.strip_suffix(UPPER) {
            Some(base) => (base, UPPER),
            None => (c.key.as_str(), ""),
        };
        if let Some((_, to)) = renames.iter().find(|(from, _)| *from == base) {
            c.key = format!("{to}{upper}");
            n += 1;
        }
    }
    // Old figures whose key the new version lacks, continued by a figure
    // stated beside their value ([`stated_claims`]): that figure and the
    // earlier value stated with it take the old key.
    let (old_order, old_best) = representatives(old);
    let lone: Vec<&Claim> = old_order
        .iter()
        .map(|k| old_best[k])
        .filter(|o| o.kind == ClaimKind::Actual && !new.iter().any(|c| c.key == o.key))
        .collect();
    for (i, j) in stated_claims(&lone, new) {
        let (key, sentence, value) = (new[j].key.clone(), new[j].sentence.clone(), new[j].value);
        let o = lone[i];
        for c in new.iter_mut() {
            let earlier = agree(o, c);
            if c.key == key && c.sentence == sentence && (earlier || c.value == value) {
                c.key.clone_from(&o.key);
                n += 1;
            }
        }
    }
    n
}

/// Files each first-quarter figure (key marked `|q1`, [`crate::claims`]'s
/// periods) under a timeline that exists: its own; else the year so far
/// (`|ytd`) when only that one exists; else the quarter's (no marker), as
/// a first quarter was filed before it was marked. Timelines are keyed
/// exactly, so this is where the diff's reading of the first quarter as
/// either ([`diff_claims`]) reaches the daemon. Returns how many claims
/// were re-keyed.
pub fn file_first_quarters<E>(
    claims: &mut [Claim],
    has_timeline: impl Fn(&str) -> Result<bool, E>,
) -> Result<usize, E> {
    let mut n = 0;
    for c in claims.iter_mut() {
        let Some((base, rest)) = split_first_quarter(&c.key) else {
            continue;
        };
        if has_timeline(&c.key)? {
            continue;
        }
        let plain = format!("{base}{rest}");
        let ytd = format!("{base}|ytd{rest}");
        c.key = if !has_timeline(&plain)? && has_timeline(&ytd)? {
            ytd
        } else {
            plain
        };
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Qualifier;
    use chrono::NaiveDate;

    fn claim(key: &str, value: f64, day: u32, sentence: &str) -> Claim {
        Claim {
            subject: String::new(),
            key: key.to_owned(),
            value,
            value_max: None,
            unit: "count".to_owned(),
            qualifier: Qualifier::Exact,
            as_of: NaiveDate::from_ymd_opt(2025, 2, day),
            kind: ClaimKind::Actual,
            sentence: sentence.to_owned(),
        }
    }

    #[test]
    fn links_an_old_figure_to_the_one_stated_beside_its_value() {
        let old = claim("people|count", 96_412.0, 1, "Waiting lists rose to 96,412.");
        let s = "The backlog stood at 98,150 patients, up from 96,412 a month earlier.";
        let plain = "The backlog stood at 98,150 patients and 96,412 others.";
        for (sentence, want) in [(s, vec![(0, 1)]), (plain, vec![])] {
            let new = [
                claim(
                    "patient|count",
                    3_870.0,
                    28,
                    "The trust treated 3,870 patients.",
                ),
                claim("patient|count", 98_150.0, 28, sentence),
                claim("patient|count", 96_412.0, 1, sentence),
            ];
            assert_eq!(stated_claims(&[&old], &new), want, "{sentence}");
            // The diff reports that figure as the old one's new value.
            let changed = crate::diff::diff_claims(std::slice::from_ref(&old), &new)
                .iter()
                .any(|c| c.old == Some(96_412.0) && c.new == Some(98_150.0));
            assert_eq!(changed, !want.is_empty(), "{sentence}");
            // The daemon files that figure, and the earlier value stated
            // with it, under the old key; the key's other figures keep theirs.
            let mut carried = new.clone();
            let n = carry_keys(std::slice::from_ref(&old), &mut carried);
            let keys: Vec<&str> = carried.iter().map(|c| c.key.as_str()).collect();
            if want.is_empty() {
                assert_eq!(n, 0, "{sentence}");
            } else {
                assert_eq!(keys, ["patient|count", "people|count", "people|count"]);
            }
        }
    }

    #[test]
    fn a_first_quarter_joins_the_timeline_that_exists() {
        let q1 = claim(
            "export|count|q1",
            6.0,
            1,
            "Exports in the first quarter were 6.",
        );
        for (existing, want) in [
            (&[][..], "export|count"),
            (&["export|count|ytd"][..], "export|count|ytd"),
            (&["export|count", "export|count|ytd"][..], "export|count"),
            (&["export|count|q1"][..], "export|count|q1"),
        ] {
            let mut claims = [q1.clone()];
            let has = |k: &str| Ok::<_, ()>(existing.contains(&k));
            file_first_quarters(&mut claims, has).unwrap();
            assert_eq!(claims[0].key, want, "{existing:?}");
        }
    }
}
