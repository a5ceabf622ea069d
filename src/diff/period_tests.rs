//! Tests of pairing across periods: a first quarter's level refines a
//! quarter's, and the year so far pairs with a later figure of its year
//! worded without its span, or with an earlier one stated as of its
//! report, or, for a financial year that ends in the next calendar year,
//! with that year's total, or with an unmarked figure of an annual
//! report of its year; stated changes that moved opposite ways are two
//! quantities.

use chrono::NaiveDate;

use super::sole_tests::{claim, pairs};
use crate::claims::Claim;

/// A claim of `unit` dated to the day `(y, m, d)`.
fn dated_claim(key: &str, v: f64, unit: &str, (y, m, d): (i32, u32, u32), sentence: &str) -> Claim {
    let mut c = claim(key, v, unit, sentence);
    c.as_of = NaiveDate::from_ymd_opt(y, m, d);
    c
}

/// A first quarter's level pairs with a quarter's worded with more
/// modifiers, as two quarters' figures would; a first quarter's stated
/// growth does not pair with another span's.
#[test]
fn the_first_quarter_refines_like_any_period() {
    let q1 = claim(
        "capacity|MW|q1",
        310.0,
        "MW",
        "Wind farms added 310 megawatts of capacity in the quarter.",
    );
    let wind = claim(
        "wind capacity|MW",
        275.0,
        "MW",
        "New wind capacity in the quarter came to 275 MW.",
    );
    assert!(
        pairs(&q1, &[wind]),
        "a first quarter's level refines a quarter's"
    );
    assert!(crate::diff::keys::same_period("MW|q1", "MW|ytd"));
    assert!(!crate::diff::keys::same_period(
        "percent|q1|change",
        "percent|change"
    ));
    assert!(!crate::diff::keys::same_period("MW|q1", "MW|half-year"));
}

/// The year so far pairs with a later figure of the same year worded
/// without its span, not with last year's total; the other way round, an
/// earlier unmarked figure stated as of its report pairs with a later,
/// larger year so far.
#[test]
fn the_year_so_far_pairs_with_a_later_unmarked_level_of_its_year() {
    let dated = |key: &str, v: f64, (y, m): (i32, u32)| {
        let mut c = claim(key, v, "tonnes", "Cement sales were high.");
        c.as_of = NaiveDate::from_ymd_opt(y, m, 1);
        c
    };
    let ytd = dated("cement|tonnes|ytd", 2.1e6, (2025, 6));
    assert!(pairs(&ytd, &[dated("cement|tonnes", 3.4e6, (2025, 9))]));
    assert!(!pairs(&ytd, &[dated("cement|tonnes", 3.4e6, (2026, 2))]));
    // The other way round only for an earlier figure stated as of its
    // report, not at a period's end (a quarter's), and that has not fallen.
    let plain = dated("cement|tonnes", 2.1e6, (2025, 6));
    let later = dated("cement|tonnes|ytd", 3.4e6, (2025, 9));
    assert!(pairs(&plain, std::slice::from_ref(&later)));
    let mut quarter = plain.clone();
    quarter.as_of = NaiveDate::from_ymd_opt(2025, 3, 31);
    assert!(!pairs(&quarter, std::slice::from_ref(&later)));
    assert!(!pairs(
        &dated("cement|tonnes", 4.1e6, (2025, 6)),
        std::slice::from_ref(&later)
    ));
    assert!(!pairs(
        &plain,
        &[dated("cement|tonnes|ytd", 3.4e6, (2026, 2))]
    ));
}

/// Two stated changes under one key that moved opposite ways are two
/// quantities (a quarter's growth, then another's fall); two that moved
/// the same way pair.
#[test]
fn stated_changes_that_moved_opposite_ways_do_not_pair() {
    let change = |value: f64, sentence: &str| {
        let mut c = claim("sales|percent|change", value, "percent", sentence);
        c.kind = crate::claims::ClaimKind::Change;
        c
    };
    let rose = change(4.8, "Sales rose 4.8 per cent on a year earlier.");
    let slipped = change(1.5, "Sales slipped 1.5 per cent on a year earlier.");
    let grew = change(6.1, "Sales grew 6.1 per cent on a year earlier.");
    assert!(!pairs(&rose, std::slice::from_ref(&slipped)));
    assert!(pairs(&rose, &[grew]));
}

/// A half to September pairs with a later figure dated to the end of a
/// financial year the later document reports ("for the year to March
/// 31"), in whichever of its sentences it says so; not with a figure of a
/// year it does not name, nor with a smaller one.
#[test]
fn the_half_so_far_pairs_with_its_financial_year() {
    let dated = |key: &str, v: f64, date: (i32, u32, u32), sentence: &str| {
        dated_claim(key, v, "tonnes", date, sentence)
    };
    let half = dated(
        "cement|tonnes|ytd",
        1.2e6,
        (2025, 9, 30),
        "It sold 1.2 million tonnes of cement in the six months to September 30.",
    );
    let year_end = (2026, 3, 31);
    let stated = dated(
        "cement|tonnes",
        2.5e6,
        year_end,
        "Cement sales for the year to March 31 were 2.5 million tonnes.",
    );
    assert!(pairs(&half, std::slice::from_ref(&stated)));
    let plain = "The company sold 2.5 million tonnes of cement.";
    let unstated = dated("cement|tonnes", 2.5e6, year_end, plain);
    assert!(!pairs(&half, std::slice::from_ref(&unstated)));
    // Another figure of the later document names the year.
    let profit = dated(
        "profit|tonnes",
        9.0,
        year_end,
        "Profit for the year ended March 31 doubled.",
    );
    assert!(pairs(&half, &[unstated.clone(), profit.clone()]));
    // A year's total is no smaller than its half.
    let smaller = dated("cement|tonnes", 0.9e6, year_end, plain);
    assert!(!pairs(&half, &[smaller, profit]));
}

/// A half so far pairs with an unmarked figure of a report early in the
/// next year that dates another figure to the year's end ("a net profit
/// of 412 million in 2026"); not without such a figure, nor with a
/// smaller one.
#[test]
fn the_half_so_far_pairs_with_an_annual_report_of_its_year() {
    let dated = |key: &str, v: f64, date: (i32, u32, u32), sentence: &str| {
        dated_claim(key, v, "EUR", date, sentence)
    };
    let half = dated(
        "revenue|EUR|ytd",
        2.94e9,
        (2026, 6, 30),
        "Revenue for the six months to June came to 2.94 billion euros.",
    );
    let plain = "Revenue rose to 6.18 billion euros.";
    let later = dated("revenue|EUR", 6.18e9, (2027, 3, 9), plain);
    assert!(!pairs(&half, std::slice::from_ref(&later)));
    let profit = dated(
        "net profit|EUR",
        4.12e8,
        (2026, 12, 31),
        "It earned a net profit of 412 million euros in 2026.",
    );
    assert!(pairs(&half, &[later, profit.clone()]));
    let smaller = dated("revenue|EUR", 1.0e9, (2027, 3, 9), plain);
    assert!(!pairs(&half, &[smaller, profit]));
}

/// A first quarter's level pairs with the year so far, but a first
/// quarter's stated growth is the growth over its own three months, not
/// over the nine months a later report gives.
#[test]
fn a_first_quarter_s_growth_is_not_the_year_so_far_s() {
    let level = |key: &str, v: f64| claim(key, v, "count", "Passengers were counted.");
    let growth = |key: &str, v: f64| {
        let mut c = claim(key, v, "percent", "Traffic grew.");
        c.kind = crate::claims::ClaimKind::Change;
        c
    };
    assert!(pairs(
        &level("passenger|count|q1", 1.48e6),
        &[level("passenger|count|ytd", 4.62e6)]
    ));
    assert!(!pairs(
        &growth("passenger|percent|q1|change", 13.0),
        &[growth("passenger|percent|ytd|change", 14.0)]
    ));
}

/// "up from an early assessment of 7.4 billion": the new document recalls
/// the old value as an earlier estimate, so the old figure changed; it is
/// not restated under another name.
#[test]
fn an_early_assessment_recalled_is_the_old_value_that_changed() {
    let mut old = claim(
        "loss|XOF",
        7.4e9,
        "XOF",
        "The ministry put the damage at 7.4 billion CFA francs.",
    );
    old.as_of = NaiveDate::from_ymd_opt(2026, 7, 8);
    let text =
        "Damage reached 11.2 billion CFA francs, up from an early assessment of 7.4 billion.";
    let new = crate::claims::extract_claims(
        text,
        NaiveDate::from_ymd_opt(2026, 12, 2),
        &crate::claims::Lexicon::default(),
    );
    assert!(pairs(&old, &new), "{new:?}");
}

/// The first quarter is both a quarter and the year so far: its figure
/// pairs with the later quarter's ("in the second quarter") and with the
/// later span from the year's start ("over the first eight months"), but
/// not with another span of its own length.
#[test]
fn the_first_quarter_pairs_with_a_quarter_or_the_year_so_far() {
    let q1 = claim(
        "export|CHF|q1",
        6.27e9,
        "CHF",
        "For the first quarter, exports totalled 6.27 billion francs.",
    );
    for (key, paired) in [
        ("export|CHF|ytd", true),
        ("export|CHF", true),
        ("export|CHF|nine-month", false),
    ] {
        let new = [claim(
            key,
            15.9e9,
            "CHF",
            "Exports came to CHF 15.9 billion.",
        )];
        assert_eq!(pairs(&q1, &new), paired, "{key}");
    }
}
