//! Unit tests of figures that restate or replace another: "That is" and an
//! amount restates the amount before; what a figure replaced ("rather than
//! the 15,000") is an earlier level; a span in a clause that brings up a
//! total (", taking their gain since January to 24%") dates only that
//! total, and one in a clause of what was done before (", having ...")
//! dates nothing before it; an earlier level that holds now is actual; an average is of the
//! clause's subject; a conversion in brackets is of the amount before.
//! Every sentence here is written for the tests.

use super::*;

#[test]
fn that_is_and_an_amount_restates_the_amount_before() {
    let text = "Export earnings reached 37.2 million euros in the first nine months. \
                That is about $41 million, more than a year earlier.";
    let got = claims(text);
    let key = |v: f64| {
        got.iter()
            .find(|c| close(c.value, v))
            .map(|c| c.key.as_str())
    };
    assert_eq!(key(41e6), Some("export earning|USD|ytd"), "{got:?}");
    // Not an amount without a subject of its own in a sentence that does
    // not open so.
    let got = claims("Export earnings reached 37.2 million euros. About $41 million came.");
    assert!(
        !got.iter().any(|c| c.key == "export earning|USD"),
        "{got:?}"
    );
}

#[test]
fn what_a_figure_replaced_is_an_earlier_level_of_its_subject() {
    let got = claims("It expects 13,000 riders a day, rather than the 15,000 it hoped for.");
    let c = got.iter().find(|c| close(c.value, 15_000.0));
    assert_eq!(c.map(|c| c.key.as_str()), Some("rider|count"), "{got:?}");
    assert!(c.and_then(|c| c.as_of) < published(), "{got:?}");
}

#[test]
fn a_span_in_a_clause_that_brings_up_a_total_dates_only_that_total() {
    assert_keys(&[
        (
            "The shares rose 3.1% to 5.08 euros, taking their gain since January to 24%.",
            5.08,
            "share|EUR",
        ),
        (
            "The shares rose 3.1% to 5.08 euros, taking their gain since January to 24%.",
            24.0,
            "gain|percent|ytd",
        ),
        (
            "Spinners bought 46 per cent of the mohair, having bought more in the last two months.",
            46.0,
            "mohair share|percent",
        ),
    ]);
}

/// An earlier level said to hold now ("from 3,868 km now") is today's
/// actual figure, though the sentence's plan is a target.
#[test]
fn an_earlier_level_that_holds_now_is_actual() {
    let text = "It expects the link to open by December, which would lengthen \
                its network to 4,180 km from 3,868 km now.";
    let got = claims(text);
    let of = |v: f64| got.iter().find(|c| close(c.value, v)).cloned();
    let (plan, now) = (of(4180.0).expect("plan"), of(3868.0).expect("now"));
    assert_eq!(plan.kind, ClaimKind::Target);
    assert_eq!(now.kind, ClaimKind::Actual);
    assert_eq!(now.as_of, published());
}

#[test]
fn an_average_is_of_the_clause_subject() {
    assert_keys(&[(
        "Wool sold for an average of 112 rand a kilogram.",
        112.0,
        "wool|ZAR",
    )]);
}

#[test]
fn a_conversion_in_brackets_is_of_the_amount_before() {
    assert_keys(&[
        (
            "Canada will set up a trust fund of 26 million euros (C$52 million).",
            52e6,
            "trust fund|CAD",
        ),
        // What money is "in" comes after the brackets.
        (
            "The government has approved 3 million euros ($3.3 million) in emergency funding.",
            3e6,
            "emergency funding|EUR",
        ),
    ]);
}
