//! Claim-level relinking: an old figure the key and wording matches left
//! without a partner, whose value the new document states as the earlier
//! figure beside one of its own ("stood at 98,150 patients, up from 96,412
//! a month earlier"), changed into that figure, even when a key of the new
//! document holds several figures and another one represents it.

use super::matching::{compares, distinctive, plausible_ratio, sole_links};
use crate::claims::{Claim, ClaimKind};

use super::claims::values_consistent;

/// (index into `old`, index into `new_all`) for every old figure whose new
/// figure the new document states beside the old value as its earlier one;
/// each side must have exactly one such partner.
pub(super) fn stated_claims(old: &[&Claim], new_all: &[Claim]) -> Vec<(usize, usize)> {
    let change = |k: &str| k.ends_with("|change");
    let linked = |o: &Claim, n: &Claim| {
        o.kind == ClaimKind::Actual
            && n.kind == ClaimKind::Actual
            && o.unit == n.unit
            && change(&o.key) == change(&n.key)
            && distinctive(o.value)
            && !values_consistent(o.value, o.qualifier, n.value, n.qualifier)
            && plausible_ratio(o.value, n.value)
            && new_all.iter().any(|c| {
                c.key == n.key
                    && c.sentence == n.sentence
                    && !std::ptr::eq(c, n)
                    && c.value_max.is_none()
                    && c.as_of < n.as_of
                    && values_consistent(o.value, o.qualifier, c.value, c.qualifier)
                    && compares(&c.sentence)
            })
    };
    let table: Vec<Vec<bool>> = old
        .iter()
        .map(|o| new_all.iter().map(|n| linked(o, n)).collect())
        .collect();
    sole_links(&table)
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
        }
    }
}
