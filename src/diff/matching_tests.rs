//! Tests of the diff's matching rules: wording, clear winners, carried keys
//! and what keeps two figures apart.

use super::*;
use crate::claims::{ClaimKind, Qualifier};

pub(super) fn claim(subject: &str, key: &str, value: f64, unit: &str, sentence: &str) -> Claim {
    Claim {
        subject: subject.to_owned(),
        key: key.to_owned(),
        value,
        value_max: None,
        unit: unit.to_owned(),
        qualifier: Qualifier::Exact,
        as_of: None,
        kind: ClaimKind::Actual,
        sentence: sentence.to_owned(),
    }
}

#[test]
fn stop_words_are_sorted_for_binary_search() {
    assert!(STOP.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn clear_best_needs_a_margin() {
    let cases: &[(&[Option<f64>], Option<usize>)] = &[
        (&[], None),
        (&[None, None], None),
        (&[Some(0.4)], Some(0)),
        (&[Some(2.0), Some(1.0)], Some(0)),
        (&[Some(1.0), None, Some(3.0)], Some(2)),
        (&[Some(2.0), Some(1.9)], None),
        (&[Some(1.0), Some(1.0)], None),
    ];
    for (scores, want) in cases {
        assert_eq!(clear_best(scores.iter().copied()), *want, "{scores:?}");
    }
}

/// (old figure, new figure, paired?) for one-figure documents, the other
/// figures of each document given as context.
#[test]
fn pairs_by_distinctive_shared_words() {
    type Fig = (&'static str, &'static str, f64, &'static str, &'static str);
    let cases: &[(Fig, Fig, bool)] = &[
        (
            (
                "tourist arrival",
                "tourist arrival|count",
                182_460.0,
                "count",
                "Tourist arrivals climbed to 182,460 in October.",
            ),
            (
                "foreign visitor",
                "foreign visitor|count",
                176_900.0,
                "count",
                "Tourist arrivals slipped as the country welcomed 176,900 foreign visitors in November.",
            ),
            true,
        ),
        // Same head, other modifiers: the key says they differ.
        (
            (
                "broadband subscriber",
                "broadband subscriber|count",
                71e6,
                "count",
                "Broadband subscribers reached 71 million.",
            ),
            (
                "cellular subscriber",
                "cellular subscriber|count",
                181e6,
                "count",
                "Cellular subscribers reached 181 million.",
            ),
            false,
        ),
        // Nothing shared but the topic: no pair.
        (
            (
                "ridership",
                "ridership|count",
                9_140_000.0,
                "count",
                "The metro carried 9.14 million riders in March.",
            ),
            (
                "station",
                "station|count",
                8_710_000.0,
                "count",
                "The metro network now has stations serving 8.71 million.",
            ),
            false,
        ),
        // Units differ.
        (
            (
                "fare revenue",
                "fare revenue|EUR",
                18_300_000.0,
                "EUR",
                "Fare revenue was €18.3m.",
            ),
            (
                "fare revenue",
                "fare revenue|USD",
                17_600_000.0,
                "USD",
                "Fare revenue was $17.6m.",
            ),
            false,
        ),
        // A changed value ten times off is another quantity.
        (
            (
                "trainset fleet",
                "trainset fleet|count",
                64.0,
                "count",
                "The fleet of 64 trainsets.",
            ),
            (
                "additional trainset",
                "additional trainset|count",
                6.0,
                "count",
                "Six additional trainsets entered service.",
            ),
            false,
        ),
        // The same distinctive value under another wording: restated.
        (
            (
                "support price",
                "support price|PKR",
                3900.0,
                "PKR",
                "Farmers are paid Rs 3,900 per maund.",
            ),
            (
                "official rate",
                "official rate|PKR",
                3900.0,
                "PKR",
                "The official rate stays at Rs 3,900.",
            ),
            true,
        ),
    ];
    let filler = claim(
        "topic",
        "topic|count",
        5.0,
        "count",
        "The metro and tourism topic.",
    );
    for (o, n, want) in cases {
        let old = claim(o.0, o.1, o.2, o.3, o.4);
        let new = claim(n.0, n.1, n.2, n.3, n.4);
        let context = [&old, &new, &filler];
        let got = word_pairs(&[(o.1, &old)], &[(n.1, &new)], &context);
        assert_eq!(!got.is_empty(), *want, "{} / {}", o.4, n.4);
    }
}

#[test]
fn two_candidates_pair_by_their_own_words() {
    let old_in = claim(
        "inflow",
        "inflow|cusecs",
        8400.0,
        "cusecs",
        "Reservoir inflows were recorded at 8,400 cusecs.",
    );
    let old_out = claim(
        "outflow",
        "outflow|cusecs",
        15000.0,
        "cusecs",
        "Outflows for irrigation releases stood at 15,000 cusecs.",
    );
    let new_in = claim(
        "water flowing",
        "water flowing|cusecs",
        46_800.0,
        "cusecs",
        "Water flowing into the reservoir surged to 46,800 cusecs, while inflows upstream rose.",
    );
    let new_out = claim(
        "release",
        "release|cusecs",
        32_000.0,
        "cusecs",
        "Releases and outflows were raised to 32,000 cusecs.",
    );
    let context = [&old_in, &old_out, &new_in, &new_out];
    let got = word_pairs(
        &[("a", &old_in), ("b", &old_out)],
        &[("c", &new_in), ("d", &new_out)],
        &context,
    );
    assert_eq!(got, vec![("a", "c"), ("b", "d")]);
}

#[test]
fn an_ambiguous_figure_stays_unpaired() {
    let old = claim(
        "visitor",
        "visitor|count",
        24_750.0,
        "count",
        "Visitors from Britain numbered 24,750.",
    );
    let a = claim(
        "visitor",
        "british visitor|count",
        26_100.0,
        "count",
        "British visitors numbered 26,100.",
    );
    let b = claim(
        "visitor",
        "german visitor|count",
        29_850.0,
        "count",
        "German visitors numbered 29,850.",
    );
    let context = [&old, &a, &b];
    // Both new figures share "visitor" and "numbered"; only "britain" vs
    // "british" would tell them apart, and stemming does not join those.
    let got = word_pairs(&[("o", &old)], &[("a", &a), ("b", &b)], &context);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn carry_keys_files_reworded_figures_under_the_old_key() {
    let old = [
        claim(
            "cruise ship visit",
            "cruise ship visit|count",
            412.0,
            "count",
            "The harbour handled 412 cruise ship visits, the port authority said.",
        ),
        claim(
            "ferry passenger",
            "ferry passenger|count",
            1_200_000.0,
            "count",
            "Ferry passengers numbered 1.2 million.",
        ),
    ];
    let mut new = [
        claim(
            "time",
            "time|count",
            455.0,
            "count",
            "Cruise ships called at the harbour 455 times, the port authority said.",
        ),
        claim(
            "ferry passenger",
            "ferry passenger|count",
            1_300_000.0,
            "count",
            "Ferry passengers numbered 1.3 million.",
        ),
    ];
    assert_eq!(crate::diff::carry_keys(&old, &mut new), 1);
    assert_eq!(new[0].key, "cruise ship visit|count");
    assert_eq!(new[1].key, "ferry passenger|count");
    // Nothing in common: nothing carried.
    let mut unrelated = [claim(
        "goal",
        "goal|count",
        450.0,
        "count",
        "The club scored 450 goals.",
    )];
    assert_eq!(crate::diff::carry_keys(&old, &mut unrelated), 0);
    assert_eq!(unrelated[0].key, "goal|count");
}

/// A figure that restates another old quantity's value, under a key whose
/// old figure differs, is filed under that quantity's key: the daemon's
/// timeline of its own key sees no false change.
#[test]
fn carry_keys_files_a_restated_value_under_the_quantity_it_restates() {
    let old = [
        claim(
            "personnel",
            "personnel|count",
            1920.0,
            "count",
            "The province has 1,920 personnel on the fire lines, including 310 firefighters from abroad.",
        ),
        claim(
            "firefighter",
            "firefighter|count",
            310.0,
            "count",
            "The province has 1,920 personnel on the fire lines, including 310 firefighters from abroad.",
        ),
    ];
    let mut new = [claim(
        "firefighter",
        "firefighter|count",
        1920.0,
        "count",
        "Crews have held steady at 1,920 firefighters and support staff.",
    )];
    assert_eq!(crate::diff::carry_keys(&old, &mut new), 1);
    assert_eq!(new[0].key, "personnel|count");
    // A real change of the key's own figure stays where it is.
    let mut changed = [claim(
        "firefighter",
        "firefighter|count",
        400.0,
        "count",
        "More than 400 firefighters are from abroad.",
    )];
    assert_eq!(crate::diff::carry_keys(&old, &mut changed), 0);
}

#[test]
fn keys_that_name_different_quantities_stay_apart() {
    let cases = [
        (
            "broadband subscriber|count",
            "cellular subscriber|count",
            true,
        ),
        (
            "completed project|count",
            "under-construction scheme|count",
            true,
        ),
        ("subscriber|count", "mobile subscriber|count", false),
        ("cruise ship visit|count", "time|count", false),
        // A status against none is another quantity too (as for refining).
        ("completed project|count", "project|count", true),
    ];
    for (a, b, want) in cases {
        assert_eq!(named_apart(a, b), want, "{a} / {b}");
    }
}

/// One key on both sides, values more than ten times apart: two quantities
/// (a dropped figure and a new one), not a change.
#[test]
fn one_key_ten_times_apart_is_not_a_change() {
    use crate::diff::{ChangeKind, diff_claims};
    let cases = [
        (64.0, 70.0, true),
        (64.0, 6.0, false),
        (5.0, 48.0, true),
        (5.0, 51.0, false),
    ];
    for (a, b, changed) in cases {
        let old = [claim(
            "trainset",
            "trainset|count",
            a,
            "count",
            "The fleet has trainsets.",
        )];
        let new = [claim(
            "trainset",
            "trainset|count",
            b,
            "count",
            "More trainsets came.",
        )];
        let kinds: Vec<ChangeKind> = diff_claims(&old, &new).iter().map(|c| c.kind).collect();
        let want = if changed {
            vec![ChangeKind::Changed]
        } else {
            vec![ChangeKind::Dropped, ChangeKind::New]
        };
        assert_eq!(kinds, want, "{a} -> {b}");
    }
}

/// A collection's key ("bicycle fleet") pairs with what it counts
/// ("bicycle") when no plain refinement pairs it; a plain refinement
/// ("network" / "branch network") still wins over it.
#[test]
fn a_collection_pairs_with_what_it_counts() {
    use crate::diff::pairing::loose_pairs;
    assert_eq!(
        loose_pairs(
            &["bicycle fleet|count", "lost bicycle|count"],
            &["bicycle|count"]
        ),
        [("bicycle fleet|count", "bicycle|count")]
    );
    assert_eq!(
        loose_pairs(
            &["network|count", "branch|count"],
            &["branch network|count"]
        ),
        [("network|count", "branch network|count")]
    );
}

/// A figure the old document dated years back, restated undated by the
/// new one, is that historical figure restated, not the change of the key's
/// current figure.
#[test]
fn an_undated_restatement_of_a_historical_figure_is_no_change() {
    let dated = |value: f64, y: i32, m: u32, d: u32, sentence: &str| Claim {
        as_of: chrono::NaiveDate::from_ymd_opt(y, m, d),
        ..claim("ticket", "ticket|count", value, "count", sentence)
    };
    let old = [
        dated(
            1_380_000.0,
            2024,
            11,
            28,
            "The film sold 1.38 million tickets.",
        ),
        dated(
            860_000.0,
            2019,
            12,
            31,
            "Her previous film sold 860,000 tickets in 2019.",
        ),
    ];
    let new = [dated(
        860_000.0,
        2025,
        1,
        9,
        "It left behind the 860,000 tickets of her previous film.",
    )];
    let changes = crate::diff::diff_claims(&old, &new);
    assert!(
        !changes
            .iter()
            .any(|c| c.kind == crate::diff::ChangeKind::Changed),
        "{changes:?}"
    );
    // A comparator of the new document stays a comparator: "from 3.4
    // million in 2023" does not restate an old 3.4 million.
    let old = [dated(
        3_400_000.0,
        2023,
        12,
        31,
        "Trips reached 3.4 million in 2023.",
    )];
    let s = "Trips climbed to 4.1 million in 2024, from 3.4 million in 2023.";
    let new = [
        dated(4_100_000.0, 2024, 12, 31, s),
        dated(3_400_000.0, 2023, 12, 31, s),
    ];
    assert!(
        crate::diff::diff_claims(&old, &new)
            .iter()
            .any(|c| { c.kind == crate::diff::ChangeKind::Changed && c.new == Some(4_100_000.0) })
    );
}
