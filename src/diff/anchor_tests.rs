//! Tests of pairing by a stated earlier value: a figure the new document
//! states beside the old figure's value continues that old quantity.

use super::tests::claim;
use super::*;

/// The new document states the old figure as its earlier value: the keys
/// continue one quantity although no distinctive word is shared.
#[test]
fn a_stated_earlier_value_links_reworded_figures() {
    let old = [claim(
        "passenger",
        "passenger|count",
        9_140_000.0,
        "count",
        "The network carried 9.14 million passengers in January.",
    )];
    let earlier_in = |sentence: &str| {
        [
            claim(
                "ridership",
                "ridership|count",
                8_710_000.0,
                "count",
                sentence,
            ),
            claim(
                "ridership",
                "ridership|count",
                9_140_000.0,
                "count",
                sentence,
            ),
        ]
    };
    let cases: &[(&str, &[Claim], bool)] = &[
        (
            "Ridership fell to 8.71 million from 9.14 million.",
            &earlier_in("Ridership fell to 8.71 million from 9.14 million."),
            true,
        ),
        // Two figures under one key without a comparison may be two
        // quantities the key merged.
        (
            "Ridership was 8.71 million and 9.14 million.",
            &earlier_in("Ridership was 8.71 million and 9.14 million."),
            false,
        ),
        // The old value nowhere in the new document.
        (
            "Ridership fell to 8.71 million.",
            &earlier_in("Ridership fell to 8.71 million.")[..1],
            false,
        ),
    ];
    for (label, new_all, want) in cases {
        let old_offers: Vec<Offer> = old.iter().map(|c| (c.key.as_str(), c)).collect();
        let new_offers: Vec<Offer> = new_all[..1].iter().map(|c| (c.key.as_str(), c)).collect();
        let got = anchor_pairs(&old_offers, &new_offers, new_all);
        assert_eq!(!got.is_empty(), *want, "{label}: {got:?}");
    }
    // A small whole number recurs by chance: no anchor.
    let small_old = [claim("line", "line|count", 3.0, "count", "It has 3 lines.")];
    let small_new = [
        claim(
            "route",
            "route|count",
            4.0,
            "count",
            "Routes rose to 4 from 3.",
        ),
        claim(
            "route",
            "route|count",
            3.0,
            "count",
            "Routes rose to 4 from 3.",
        ),
    ];
    let o: Vec<Offer> = small_old.iter().map(|c| (c.key.as_str(), c)).collect();
    let n: Vec<Offer> = small_new[..1].iter().map(|c| (c.key.as_str(), c)).collect();
    assert!(anchor_pairs(&o, &n, &small_new).is_empty());
}

/// A period read from elsewhere in the new sentence does not keep a stated
/// earlier value from linking the figures; a change marker does.
#[test]
fn an_anchor_tolerates_a_period_marker_but_not_a_change_marker() {
    let old = [claim(
        "deposit",
        "deposit|PKR",
        1.047e12,
        "PKR",
        "Deposits closed the year at Rs1.047 trillion.",
    )];
    let s = "Deposits grew to Rs1,126 billion in June, compared with Rs1.047 trillion in December, the half-yearly accounts show.";
    for (suffix, want) in [("|half-year", true), ("|change", false)] {
        let key = format!("deposit|PKR{suffix}");
        let new_all = [
            claim("deposit", &key, 1.126e12, "PKR", s),
            claim("deposit", &key, 1.047e12, "PKR", s),
        ];
        let o: Vec<Offer> = old.iter().map(|c| (c.key.as_str(), c)).collect();
        let n: Vec<Offer> = new_all[..1].iter().map(|c| (c.key.as_str(), c)).collect();
        assert_eq!(!anchor_pairs(&o, &n, &new_all).is_empty(), want, "{key}");
    }
}

/// Figures with no subject ("quantity|count") never change into one
/// another by key alone; the new document naming the old figure as the
/// earlier one ("to 96,415, from 48,900") links them.
#[test]
fn a_stated_earlier_value_links_figures_without_a_subject() {
    let old = [claim(
        "",
        "quantity|count",
        48_900.0,
        "count",
        "Only 48,900 of the candidates have paid the fee.",
    )];
    for (sentence, want) in [
        ("Those who have paid rose to 96,415, from 48,900.", true),
        ("Those who have paid numbered 96,415 and 48,900.", false),
    ] {
        // The earlier figure is dated earlier, as extraction dates it.
        let dated = |value: f64, day: u32| Claim {
            as_of: chrono::NaiveDate::from_ymd_opt(2025, 7, day),
            ..claim("", "quantity|count", value, "count", sentence)
        };
        let new = [dated(96_415.0, 19), dated(48_900.0, 8)];
        let changed = crate::diff::diff_claims(&old, &new).iter().any(|c| {
            c.kind == crate::diff::ChangeKind::Changed
                && c.old == Some(48_900.0)
                && c.new == Some(96_415.0)
        });
        assert_eq!(changed, want, "{sentence}");
    }
}
