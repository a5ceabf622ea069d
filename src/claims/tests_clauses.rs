//! Unit tests of subjects and periods set by clauses and phrases: an
//! appositive between commas is not what is counted, a part an ", of
//! which" clause describes is that part of the whole, a budget "for this
//! year" is no span so far, the first quarter is marked as such, money
//! earned from exports is those exports, and neither an adverb, a
//! forecast's verb nor a verb before an approximation is part of the
//! subject; a temperature bound is a threshold; livestock are counted by
//! the head; a figure sizing a noun after "from the" is no earlier level,
//! and a name before that noun is part of it; damage is a loss and a
//! combine a harvester; an owner before a share's whole is not what is
//! counted; time lost is time, not money; a range of time is no claim;
//! last season is a year back; "extra" is no part of a key; a plan is for
//! a thing, not a time or a place; "the same number as" repeats a figure;
//! a whole earlier year keeps no span so far; a departure from normal
//! keeps its direction; a bare "number" or "figure" is the quantity
//! before it; the margin on spelled-out EBITDA is the EBITDA margin. Every sentence
//! here is written for the tests.

use super::*;

/// Asserts that the figure of each sentence with the given value is dated
/// as given.
fn assert_as_of(rows: &[(&str, f64, Option<NaiveDate>)]) {
    for &(text, value, want) in rows {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        assert_eq!(c.and_then(|c| c.as_of), want, "{text:?}: {got:?}");
    }
}

#[test]
fn an_appositive_is_not_the_subject() {
    assert_keys(&[
        // ", now the biggest market,": the exports are the subject.
        (
            "Exports to Japan, now the biggest market, rose 11.2% to 382 million.",
            382e6,
            "export|count",
        ),
        (
            "Revenue in Ohio, its second market, fell to 1.2 million.",
            1.2e6,
            "revenue|count",
        ),
        // A verb phrase between commas is no appositive: the figure
        // after it keeps its own noun.
        (
            "Ward 47, in the old city, still has the most voters, 83,050.",
            83_050.0,
            "most voter|count",
        ),
    ]);
}

#[test]
fn an_of_which_clause_counts_the_part_it_describes() {
    assert_keys(&[
        (
            "The city has 400 buses, of which 120 are currently electric.",
            120.0,
            "electric bus|count",
        ),
        (
            "Founders set up 35,000 companies, of which 29,400 are active.",
            29_400.0,
            "active company|count",
        ),
        // A part of a bare amount keeps the amount's subject.
        (
            "The fund has 4 billion, of which 3 billion is spent.",
            3e9,
            "fund|count",
        ),
    ]);
}

#[test]
fn a_budget_for_this_year_is_not_year_to_date() {
    assert_keys(&[
        (
            "Its budget for this year has been trimmed to $3.6 million.",
            3.6e6,
            "budget|USD",
        ),
        // A perfect tense with a plain "this year" is a span so far.
        (
            "Spending has climbed to $2.1 million this year.",
            2.1e6,
            "spending|USD|ytd",
        ),
    ]);
}

#[test]
fn the_first_quarter_is_marked_and_other_quarters_are_not() {
    assert_keys(&[
        (
            "For the first quarter, exports totalled $6.27 billion.",
            6.27e9,
            "export|USD|q1",
        ),
        (
            "Exports in the second quarter were $2.1 billion.",
            2.1e9,
            "export|USD",
        ),
        // "the quarter" after figures of the first quarter is that quarter...
        (
            "Exports rose to $5 billion in the first quarter. Plants processed 612,400 head of cattle in the quarter.",
            612_400.0,
            "cattle|count|q1",
        ),
        // ...and alone, any quarter.
        (
            "Plants processed 612,400 head of cattle in the quarter.",
            612_400.0,
            "cattle|count",
        ),
        // The same quarter named by its months.
        (
            "Mills shipped 118,300 tonnes of sugar in January-March.",
            118_300.0,
            "sugar|tonnes|q1",
        ),
        (
            "Exports between January and March were $1.9 billion.",
            1.9e9,
            "export|USD|q1",
        ),
        (
            "Exports in the July-September period were $2.2 billion.",
            2.2e9,
            "export|USD",
        ),
        (
            "Exports in the first half were $4.4 billion.",
            4.4e9,
            "export|USD|ytd",
        ),
    ]);
}

#[test]
fn money_earned_from_exports_is_those_exports() {
    assert_keys(&[
        (
            "Kenya earned $1.2 billion from tea exports.",
            1.2e9,
            "tea export|USD",
        ),
        // From anything else, it stays earnings.
        (
            "The country earned $400 million from tourism.",
            4e8,
            "earning|USD",
        ),
    ]);
}

#[test]
fn an_adverb_without_ly_is_not_the_head() {
    assert_keys(&[(
        "The number of timepieces sent abroad fell to 940,000.",
        940_000.0,
        "timepiece|count",
    )]);
}

#[test]
fn a_forecast_verb_before_its_object_is_not_a_modifier() {
    assert_keys(&[
        (
            "The association still expected full-year exports to fall by about 3%.",
            3.0,
            "export|percent|change",
        ),
        // Before a verb of its own it is an adjective.
        (
            "Expected revenue rose to 5 million.",
            5e6,
            "expected revenue|count",
        ),
    ]);
}

#[test]
fn a_verb_before_an_approximate_figure_ends_the_subject() {
    assert_keys(&[("A bale now costs about $11 in the town.", 11.0, "bale|USD")]);
}

#[test]
fn a_temperature_bound_is_a_threshold_with_its_days() {
    assert_keys(&[
        // A reading keeps the sentence's subject...
        (
            "The water in the lake reached 31.2 degrees Celsius on Monday.",
            31.2,
            "water|celsius",
        ),
        // ...a bound is a threshold, and the days counted against it are
        // the threshold's days.
        (
            "The water in the lake was above 25 degrees Celsius on 17 days.",
            25.0,
            "threshold water|celsius",
        ),
        (
            "The water in the lake was above 25 degrees Celsius on 17 days.",
            17.0,
            "threshold water|days",
        ),
        // Days with no bound before them keep their own subject.
        ("The lake stayed open on 17 days.", 17.0, "open|days"),
    ]);
}

#[test]
fn livestock_are_counted_by_the_head() {
    assert_keys(&[
        (
            "Abattoirs processed 48,300 head of sheep in May.",
            48_300.0,
            "sheep|count",
        ),
        // "heads of state" are people, not livestock.
        ("The summit drew 40 heads of state.", 40.0, "head|count"),
    ]);
}

#[test]
fn a_figure_that_sizes_a_noun_after_from_the_is_no_earlier_level() {
    // (sentence, value, whether the figure is dated before publication)
    let rows: &[(&str, f64, bool)] = &[
        (
            "Banks lent 388 million pesos from the 420 million peso credit line.",
            420e6,
            false,
        ),
        (
            "Sales fell to 388 million from the 420 million of last year.",
            420e6,
            true,
        ),
        (
            "Aid rose to 10.5 million from the 9.2 million set in May.",
            9.2e6,
            true,
        ),
        ("Exports fell to 388 million from 420 million.", 420e6, true),
    ];
    for &(text, value, earlier) in rows {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        let dated_before = c.and_then(|c| c.as_of).map(|d| Some(d) < published());
        assert_eq!(dated_before, Some(earlier), "{text:?}: {got:?}");
    }
}

#[test]
fn a_name_before_a_common_noun_is_part_of_the_measured_thing() {
    assert_keys(&[
        (
            "Fishers have landed 900 tonnes of their 2,400-tonne Baltic quota.",
            2400.0,
            "baltic quota|tonnes",
        ),
        (
            "Fishers have landed 900 tonnes of their 2,400-tonne quota.",
            2400.0,
            "quota|tonnes",
        ),
        // Every word of a two-word name.
        (
            "The Kala Moti variety made up 62 per cent of sales.",
            62.0,
            "kala moti variety share|percent",
        ),
    ]);
}

#[test]
fn synonyms_of_the_trades_are_one_quantity() {
    assert_keys(&[
        // A combine is a harvester.
        (
            "It was harvested by a fleet of 4,300 combines.",
            4300.0,
            "harvester fleet|count",
        ),
        (
            "Farmers bought 300 combine harvesters.",
            300.0,
            "harvester|count",
        ),
        (
            "The growers put the damage at 3.2 million euros.",
            3.2e6,
            "loss|EUR",
        ),
        (
            "The growers put their losses at 5.6 million euros.",
            5.6e6,
            "loss|EUR",
        ),
    ]);
}

#[test]
fn an_owner_before_the_whole_is_not_what_is_counted() {
    assert_keys(&[
        (
            "Up to 40 per cent of the lake's farmed trout have died.",
            40.0,
            "farmed trout share|percent",
        ),
        (
            "About 35 per cent of Chad's exports go to Europe.",
            35.0,
            "export share|percent",
        ),
        // The world's whole is a world share: it keeps its old reading.
        (
            "The country produces 25% of the world's cocoa.",
            25.0,
            "share|percent",
        ),
    ]);
}

#[test]
fn time_lost_or_an_amount_of_time_of_something_is_measured() {
    assert_keys(&[
        (
            "Breakdowns have cost 46 hours of crushing time so far.",
            46.0,
            "crushing time|hours",
        ),
        (
            "Volunteers gave 1,200 hours of coaching.",
            1200.0,
            "coaching|hours",
        ),
    ]);
    // A span stays a span.
    let got = claims("The talks ended after 46 hours of haggling.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_range_of_time_is_not_a_claim() {
    for text in [
        "Climbers go for the top on the same two or three days.",
        "Restocking takes two to three years to pay off.",
        "Repairs take 2-3 weeks.",
    ] {
        let got = claims(text);
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
    // A range of things is still counted.
    assert_keys(&[("The plant employs 20 to 30 people.", 20.0, "people|count")]);
}

#[test]
fn last_season_is_a_year_back() {
    let rows: &[(&str, f64, Option<NaiveDate>)] = &[
        (
            "Hatching success was 63 per cent, down from 71 per cent last season.",
            71.0,
            NaiveDate::from_ymd_opt(2022, 9, 20),
        ),
        (
            "Hatching success was 63 per cent, down from 71 per cent last season.",
            63.0,
            published(),
        ),
        (
            "Hatching success in the previous season was 71 per cent.",
            71.0,
            NaiveDate::from_ymd_opt(2022, 9, 20),
        ),
    ];
    assert_as_of(rows);
}

#[test]
fn extra_is_no_part_of_the_key() {
    assert_keys(&[
        (
            "It has hired 300 extra call-centre staff.",
            300.0,
            "call-centre staff|count",
        ),
        (
            "It has hired 300 call-centre staff.",
            300.0,
            "call-centre staff|count",
        ),
    ]);
}

#[test]
fn a_plan_is_for_a_thing_not_a_time_or_place() {
    assert_keys(&[
        (
            "The board cut its forecast for exports to 470,000 tonnes.",
            470_000.0,
            "export|tonnes",
        ),
        (
            "The board cut its forecast for the season to 470,000 tonnes.",
            470_000.0,
            "forecast|tonnes",
        ),
        (
            "The board raised its target for the region to 9,000 tonnes.",
            9000.0,
            "target|tonnes",
        ),
    ]);
}

#[test]
fn the_same_number_as_before_is_the_figure_again() {
    let got = claims("The office has 6,400 deminers in the field, the same number as in January.");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn the_whole_of_a_year_is_that_year() {
    let end_2022 = NaiveDate::from_ymd_opt(2022, 12, 31);
    let rows: &[(&str, f64, Option<NaiveDate>)] = &[
        (
            "In the whole of 2022 they handed back 14,200 hectares.",
            14_200.0,
            end_2022,
        ),
        (
            "They handed back 14,200 hectares in all of 2022.",
            14_200.0,
            end_2022,
        ),
        (
            "They handed back 14,200 hectares in 2022.",
            14_200.0,
            end_2022,
        ),
    ];
    assert_as_of(rows);
}

#[test]
fn an_earlier_whole_year_keeps_no_span_of_the_year_so_far() {
    assert_keys(&[
        (
            "Exports so far this year reached 9,830 tonnes, compared with 14,200 tonnes in 2022.",
            14_200.0,
            "export|tonnes",
        ),
        (
            "Exports so far this year reached 9,830 tonnes, compared with 8,000 tonnes in the same period of 2022.",
            8_000.0,
            "export|tonnes|ytd",
        ),
    ]);
}

#[test]
fn the_same_period_of_an_earlier_year_dates_the_figure_there() {
    let got = claims("Collections in the same period of 2021 were 2.05 billion cedis.");
    assert_eq!(
        got[0].as_of,
        NaiveDate::from_ymd_opt(2021, 9, 20),
        "{got:?}"
    );
    // After a comparison it dates what the figure is set against.
    let got = claims("Passengers rose 9.4% from the same period of 2021.");
    assert_eq!(got[0].as_of, published(), "{got:?}");
}

#[test]
fn a_departure_from_normal_keeps_its_direction() {
    assert_keys(&[
        (
            "Rainfall was 38 per cent below the long-term average.",
            38.0,
            "below-normal rainfall|percent",
        ),
        (
            "Rainfall in May was 21% above average.",
            21.0,
            "above-normal rainfall|percent",
        ),
        (
            "Rainfall was 21% above the forecast.",
            21.0,
            "rainfall|percent",
        ),
    ]);
}

#[test]
fn a_bare_number_or_figure_is_the_quantity_before_it() {
    let text = "The saiga population stands at 2.58 million. A spring survey had put the number at 2.84 million. Exports rose to 41,000 tonnes. The figure was 38,000 tonnes a year earlier.";
    let got = claims(text);
    let key = |v: f64| {
        got.iter()
            .find(|c| close(c.value, v))
            .map(|c| c.key.as_str())
    };
    assert_eq!(key(2.84e6), key(2.58e6), "{got:?}");
    assert_eq!(key(38_000.0), key(41_000.0), "{got:?}");
    // Not across units, and not when the figure before has no subject.
    let got = claims("Exports rose to 41,000 tonnes. The number stood at 12.");
    assert_eq!(got.last().map(|c| c.key.as_str()), Some("number|count"));
}

#[test]
fn a_reckoning_from_a_rate_counts_the_things_and_is_no_plan() {
    let got = claims(
        "Each hectare holds about 21 million monarchs, which would put the number at close to 30 million.",
    );
    let c = got
        .iter()
        .find(|c| close(c.value, 30e6))
        .expect("30 million");
    assert_eq!(
        (c.key.as_str(), c.kind),
        ("monarch|count", ClaimKind::Actual),
        "{got:?}"
    );
    // A plan in the conditional stays a plan.
    let got = claims("The new line would carry 30 million passengers.");
    assert_eq!(got[0].kind, ClaimKind::Target, "{got:?}");
}

#[test]
fn the_margin_on_spelled_out_ebitda_is_the_ebitda_margin() {
    assert_keys(&[
        (
            "The margin on earnings before interest, tax, depreciation and amortisation narrowed to 9.8%.",
            9.8,
            "ebitda margin|percent",
        ),
        (
            "The EBITDA margin improved to 10.6 per cent.",
            10.6,
            "ebitda margin|percent",
        ),
        (
            "Earnings before interest, tax, depreciation and amortisation rose to 5 million euros.",
            5e6,
            "ebitda|EUR",
        ),
    ]);
}
