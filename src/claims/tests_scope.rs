//! Unit tests of how far a figure's cues reach: a plan word in a range the
//! figure lies within, or in a relative clause after it, is not the
//! figure's own; a month range joined by an en dash is a period, and a
//! verb that moves a figure ("raises spending to") is no part of its
//! subject; a second count without its noun counts the first one's, in the
//! state of its own participle; a year after "since" that a "when" clause
//! describes dates the figure in it, and one in a relative clause after the
//! figure does not; a verb after the counted noun, or a bare verb after a
//! plural subject and an adverb ("barriers now stretch"), is no part of its
//! key; a period that is the subject of a modal ("the second half would
//! depend") or named as a cause ("helped by a busier second half") does not
//! date the figure; the start of what is counted dates
//! nothing counted since; a figure between the start of a season and a
//! date is the season so far, as of that date; money "earning" after a
//! comma is earnings; a rate's denominator ("per kg") holds no share; an
//! apposition opened by a possessive, the particle of a participle
//! ("turned back") and what a rate is per ("of each hotel") are no subject; a reported year ("revenue for the
//! year") in the first quarter is the year before; the common noun that
//! ends a place's name ("the Paraguay River") is what is measured; a figure
//! that a later clause adds to a total (", taking its roster to 328"), not
//! to a count of other things it reached, is an
//! increment, and the total that news brings up counts what it names; a
//! change verb with a noun of its own ("as sales rose 4.2 per cent", "on
//! sales that rose to") moves that noun, not the figure before it; what a
//! share price values a company at is its market value; a part of a
//! named owner's whole ("nine of Chad's 23 provinces") counts its things;
//! the first three months are the first quarter; investigators, and an
//! investor who holds a stake, make no investment of a clause's money; a
//! share of a whole that "are" a part ("64 per cent of the cases are
//! women") is the part's share, and so is one that plural things moved
//! to ("exports rose to 31% of revenue"); a comparative with its "than"
//! ("infants younger than six months") is no part of the subject; two
//! modifiers joined before one head ("milling and drying plants") both
//! describe it; "between January and the end of September" is the year
//! so far, and the period a figure is compared with ("more than in the
//! first quarter") is not its own; a part of a plan already done (", of
//! which 38 per cent has been funded") is no plan.
//! Every sentence here is written for the tests.

use super::*;

/// (sentence, value, kind) rows.
fn assert_kinds(rows: &[(&str, f64, ClaimKind)]) {
    for &(text, value, kind) in rows {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        assert_eq!(c.map(|c| c.kind), Some(kind), "{text:?}: {got:?}");
    }
}

#[test]
fn a_plan_word_after_a_comma_clause_is_not_the_figures() {
    assert_kinds(&[
        // What a figure falls short of is no plan of its own.
        (
            "The firms employ about 13,900 people, still well short of the goal of 25,000 jobs.",
            13_900.0,
            ClaimKind::Actual,
        ),
        // The target range is the bank's; the rate is what it was.
        (
            "Annual inflation was 3.7% in March, within the bank's target band of 2% to 4%.",
            3.7,
            ClaimKind::Actual,
        ),
        // A relative clause about what others expect at that level.
        (
            "Water in the dam fell to 41 per cent, a level at which engineers expect rationing.",
            41.0,
            ClaimKind::Actual,
        ),
        (
            "River levels reached 6.2 metres, where forecasters expect a crest next week.",
            6.2,
            ClaimKind::Actual,
        ),
        // A fact set against what was expected is no plan.
        (
            "Crews removed 1,450 tonnes of debris, more than expected, the city said.",
            1450.0,
            ClaimKind::Actual,
        ),
        (
            "Exports reached 3,100 tonnes in May, as forecast by the board.",
            3100.0,
            ClaimKind::Actual,
        ),
        (
            "Saffron sells for far less than farmers had hoped, with the average price at 410 euros a kilogram.",
            410.0,
            ClaimKind::Actual,
        ),
        // The figure's own plan word still makes it a plan.
        (
            "The bank aims to bring inflation down to 3% by December.",
            3.0,
            ClaimKind::Target,
        ),
    ]);
}

#[test]
fn a_month_range_with_an_en_dash_is_no_subject() {
    assert_keys(&[
        (
            "Turnover for July–September slipped 2.5 per cent year on year to €412 million.",
            412e6,
            "revenue|EUR",
        ),
        (
            "Turnover for July-September slipped 2.5 per cent year on year to €412 million.",
            412e6,
            "revenue|EUR",
        ),
    ]);
}

#[test]
fn a_verb_that_moves_a_figure_is_no_part_of_its_subject() {
    assert_keys(&[
        (
            "The revised plan, published on Monday, raises road spending to $4.2 billion.",
            4.2e9,
            "road|USD",
        ),
        (
            "The revised budget, tabled on Tuesday, lifted fuel subsidies to 310 million euros.",
            310e6,
            "fuel subsidy|EUR",
        ),
    ]);
}

#[test]
fn a_second_count_without_its_noun_counts_the_first_ones_in_its_own_state() {
    assert_keys(&[
        (
            "Surveyors counted 930 barns flattened and 2,400 badly damaged.",
            2400.0,
            "damaged barn|count",
        ),
        (
            "The storm flattened 1,100 barns and damaged about 2,900 more.",
            2900.0,
            "damaged barn|count",
        ),
        (
            "The storm flattened 1,100 barns and damaged about 2,900 more.",
            1100.0,
            "barn|count",
        ),
        // Casualties keep their own reading.
        (
            "Two people were killed and 19 injured.",
            19.0,
            "injury|count",
        ),
    ]);
}

#[test]
fn a_year_after_since_that_a_when_clause_describes_dates_its_figure() {
    let got = claims("The catch is the smallest since 2016, when 212 boats went out.");
    let c = got.iter().find(|c| close(c.value, 212.0));
    assert_eq!(
        c.and_then(|c| c.as_of),
        NaiveDate::from_ymd_opt(2016, 12, 31),
        "{got:?}"
    );
    // The start of what is counted dates nothing counted since.
    let got = claims("A campaign that began on May 20 has vaccinated about 118,000 children.");
    let c = got.iter().find(|c| close(c.value, 118_000.0));
    assert_eq!(c.and_then(|c| c.as_of), published(), "{got:?}");
    // "Since April 1" opens a span up to the report.
    let got = claims("Since April 1, 754 wildfires have been recorded.");
    let c = got.iter().find(|c| close(c.value, 754.0));
    assert_eq!(c.and_then(|c| c.as_of), published(), "{got:?}");
}

#[test]
fn a_year_in_a_relative_clause_after_the_figure_does_not_date_it() {
    let got = claims(
        "The incumbent held 61 per cent of the market, with the rest shared by two rivals, which entered it in 2019.",
    );
    let c = got.iter().find(|c| close(c.value, 61.0));
    assert_eq!(c.and_then(|c| c.as_of), published(), "{got:?}");
}

#[test]
fn a_verb_after_the_counted_noun_is_no_part_of_its_key() {
    assert_keys(&[
        (
            "About 1,400 people spent Tuesday night in schools.",
            1400.0,
            "people|count",
        ),
        ("Some 650 people remain in schools.", 650.0, "people|count"),
    ]);
}

#[test]
fn a_bare_verb_after_a_plural_subject_and_an_adverb_is_no_subject() {
    assert_keys(&[
        (
            "Floating barriers now stretch 8.6 km along the coast.",
            8.6,
            "floating barrier|km",
        ),
        (
            "Bike lanes already run 42 km through the city.",
            42.0,
            "bike lane|km",
        ),
    ]);
}

#[test]
fn a_period_that_is_the_subject_of_a_modal_does_not_date_the_figure() {
    assert_keys(&[
        (
            "The company kept its forecast of full-year revenue of about 1.25 billion euros, saying the second half would depend on demand.",
            1.25e9,
            "revenue forecast|EUR",
        ),
        (
            "Revenue rose to 612 million euros in the second half.",
            612e6,
            "revenue|EUR|half-year",
        ),
        // Nor one named as a cause.
        (
            "The chain made a net profit of 36.1 million euros for the year, helped by a busier second half.",
            36.1e6,
            "net profit|EUR",
        ),
    ]);
}

#[test]
fn a_figure_between_the_start_of_a_season_and_a_date_is_the_season_so_far_at_that_date() {
    let got = claims(
        "Exporters shipped 61,400 tonnes of dates between the start of the season on October 1 and the end of August.",
    );
    let c = got.iter().find(|c| close(c.value, 61_400.0));
    assert_eq!(
        c.map(|c| (c.key.as_str(), c.as_of)),
        Some(("date|tonnes|ytd", NaiveDate::from_ymd_opt(2023, 8, 31))),
        "{got:?}"
    );
}

#[test]
fn money_earning_in_a_clause_after_a_comma_is_earnings() {
    assert_keys(&[(
        "The board sold 96 million kg of cotton, earning $212.4 million.",
        212.4e6,
        "earning|USD",
    )]);
}

#[test]
fn a_rates_denominator_holds_no_share() {
    assert_keys(&[(
        "Burley averaged $1.93 per kg and accounted for 79% of sales.",
        79.0,
        "burley share|percent",
    )]);
}

#[test]
fn a_possessive_apposition_and_a_participles_particle_are_no_subject() {
    assert_keys(&[
        (
            "Burley, Malawi's main type, averaged $1.93 per kg.",
            1.93,
            "burley|USD",
        ),
        (
            "The share of bales turned back eased to 11%.",
            11.0,
            "bale share|percent",
        ),
        (
            "Farmers who dropped out numbered 412.",
            412.0,
            "farmer|count",
        ),
        // Nor is what a rate is per.
        (
            "The occupancy rate of each hotel fell to 68 per cent.",
            68.0,
            "occupancy|percent",
        ),
    ]);
}

#[test]
fn a_reported_year_in_the_first_quarter_is_the_year_before() {
    // `published()` is in September: the year is the current one.
    let got = claims("Revenue for the year came to 597.2 million euros.");
    assert_eq!(got.first().and_then(|c| c.as_of), published(), "{got:?}");
    let early = NaiveDate::from_ymd_opt(2024, 2, 26);
    for (text, want) in [
        (
            "Revenue for the year came to 597.2 million euros.",
            NaiveDate::from_ymd_opt(2023, 12, 31),
        ),
        (
            "Gas made up 19 per cent of costs over the year.",
            NaiveDate::from_ymd_opt(2023, 12, 31),
        ),
        // A plan for the year is the current year's.
        (
            "The firm expects full-year revenue of 650 million euros.",
            NaiveDate::from_ymd_opt(2024, 12, 31),
        ),
        // So is a figure of this year.
        ("Sales this year have reached 4,100 units.", early),
    ] {
        let got = extract_claims(text, early, &Lexicon::default());
        assert_eq!(got.first().and_then(|c| c.as_of), want, "{text:?}: {got:?}");
    }
}

#[test]
fn the_common_noun_ending_a_places_name_is_what_is_measured() {
    assert_keys(&[
        (
            "The Paraguay River stood at 0.41 metres on Wednesday.",
            0.41,
            "river|m",
        ),
        ("The Kariba Dam held 64 billion m3.", 64e9, "dam|m3"),
    ]);
}

#[test]
fn a_figure_a_later_clause_adds_to_a_total_is_an_increment() {
    assert_kinds(&[
        (
            "The operator has hired 38 drivers since June, taking its roster to 328.",
            38.0,
            ClaimKind::Change,
        ),
        (
            "The operator has hired 38 drivers since June, taking its roster to 328.",
            328.0,
            ClaimKind::Actual,
        ),
        (
            "Three stops opened in July, bringing the total on the line to 27.",
            3.0,
            ClaimKind::Change,
        ),
        // A larger figure, or one of another unit, is no part of the total.
        (
            "The network has 412 stops, bringing riders within 500 metres of a tram.",
            412.0,
            ClaimKind::Actual,
        ),
        // Nor is a later count of other things the news reached; the same
        // things counted again are.
        (
            "It has installed 2,845 tanks, bringing water to about 17,000 households.",
            2845.0,
            ClaimKind::Actual,
        ),
        (
            "It has installed 450 tanks, bringing the total to about 2,845 tanks.",
            450.0,
            ClaimKind::Change,
        ),
    ]);
}

#[test]
fn a_part_of_a_plan_already_done_is_no_plan() {
    assert_kinds(&[
        (
            "The relief plan is costed at 5.2 billion rupees, of which 38 per cent has been funded.",
            38.0,
            ClaimKind::Actual,
        ),
        (
            "The relief plan is costed at 5.2 billion rupees, of which 2 billion will go to roads.",
            2e9,
            ClaimKind::Target,
        ),
    ]);
}

#[test]
fn a_total_a_clauses_news_brings_up_counts_what_the_clause_names() {
    assert_keys(&[(
        "Both new stations opened on March 3, bringing the total on the network to 43.",
        43.0,
        "station|count",
    )]);
}

#[test]
fn a_change_verb_with_a_noun_of_its_own_moves_that_noun() {
    assert_keys(&[
        // The relative clause's antecedent is what it counts, after a
        // preposition and an earlier figure.
        (
            "Profit was £8.1 million on sales that rose to £96.5 million.",
            96.5e6,
            "revenue|GBP",
        ),
        (
            "The chain earned a profit of £8.1 million, on sales which climbed 4.2 per cent to £96.5 million.",
            4.2,
            "revenue|percent|change",
        ),
        // A clause of its own: the change is its noun's, not the profit's.
        (
            "It made a profit of £8.1 million as sales rose 4.2 per cent to £96.5 million.",
            4.2,
            "revenue|percent|change",
        ),
        // Without a noun of its own, the change is the earlier figure's.
        (
            "It carried 1,930,000 passengers, up 8.7 per cent.",
            8.7,
            "passenger|percent|change",
        ),
    ]);
}

#[test]
fn what_a_share_price_values_a_company_at_is_its_market_value() {
    assert_keys(&[(
        "The shares closed at 412p, valuing the group at about £1.2 billion.",
        1.2e9,
        "market value|GBP",
    )]);
}

#[test]
fn a_part_of_a_named_owners_whole_counts_the_whole_s_things() {
    assert_keys(&[
        (
            "Cases were reported in nine of Chad's 23 provinces.",
            9.0,
            "province|count",
        ),
        (
            "Cases were reported in 9 of the country's 23 provinces.",
            9.0,
            "province|count",
        ),
        // A name of two words.
        (
            "Cases were reported in 12 of Burkina Faso's 45 provinces.",
            12.0,
            "province|count",
        ),
    ]);
}

#[test]
fn the_first_three_months_are_the_first_quarter() {
    assert_keys(&[
        (
            "The port handled 2.1 million tonnes in the first three months of the year.",
            2.1e6,
            "port|tonnes|q1",
        ),
        (
            "The port handled 2.1 million tonnes in the past three months.",
            2.1e6,
            "port|tonnes",
        ),
    ]);
}

#[test]
fn investigators_and_an_investor_holding_a_stake_make_no_investment() {
    assert_keys(&[
        (
            "Investigators put the volume of sludge that escaped at 610,000 cubic metres.",
            610_000.0,
            "sludge|m3",
        ),
        (
            "The firm has invested 15 billion kip in the mill.",
            15e9,
            "investment|LAK",
        ),
    ]);
    let text = "The firm, in which a Dutch investor holds 60 per cent, pledged 15 billion kip for the clean-up.";
    let got = claims(text);
    assert!(got.iter().all(|c| c.key != "investment|LAK"), "{got:?}");
}

#[test]
fn a_share_of_a_whole_that_are_a_part_is_the_part_s_share() {
    assert_keys(&[
        (
            "About 64 per cent of the confirmed cases are women.",
            64.0,
            "woman share|percent",
        ),
        (
            "Women make up about 61% of cases.",
            61.0,
            "woman share|percent",
        ),
        // An adjective after "are" names no part.
        (
            "About 64 per cent of the patients are vaccinated.",
            64.0,
            "patient share|percent",
        ),
        // Plural things that moved to a share of a whole hold it; a
        // singular rate that moved does not.
        (
            "Exports rose to 31% of revenue.",
            31.0,
            "export share|percent",
        ),
        (
            "Coverage has risen to 83 per cent of the population.",
            83.0,
            "population share|percent",
        ),
    ]);
}

#[test]
fn a_comparative_with_its_than_is_no_part_of_the_subject() {
    assert_keys(&[
        (
            "Infants younger than six months make up 31% of cases.",
            31.0,
            "infant share|percent",
        ),
        // A baby is an infant.
        (
            "Babies account for about 38 per cent of cases.",
            38.0,
            "infant share|percent",
        ),
    ]);
}

#[test]
fn a_since_clause_does_not_date_the_figure() {
    let rows = [
        (
            "The company has counted 1.46 million skier days since the season opened on November 25.",
            1.46e6,
        ),
        // However many words the clause holds before its year.
        (
            "Bears have injured 47 people, the worst toll since the prefecture began keeping records in 2006.",
            47.0,
        ),
    ];
    for (text, value) in rows {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        assert_eq!(c.and_then(|c| c.as_of), published(), "{text}: {got:?}");
    }
}

#[test]
fn two_modifiers_joined_before_one_head_both_describe_it() {
    assert_keys(&[(
        "The number of licensed milling and drying plants has risen to 37.",
        37.0,
        "drying licensed milling project|count",
    )]);
}

#[test]
fn from_january_to_the_end_of_a_month_is_the_year_so_far() {
    assert_keys(&[(
        "Exporters shipped 3,020 tonnes of cloves between January and the end of September.",
        3020.0,
        "clove|tonnes|ytd",
    )]);
}

#[test]
fn the_period_a_figure_is_compared_with_is_not_its_own() {
    assert_keys(&[
        (
            "The mill sold 402,600 tonnes of sugar, slightly more than in the first quarter.",
            402_600.0,
            "sugar|tonnes",
        ),
        (
            "The mill sold 402,600 tonnes of sugar in the first quarter.",
            402_600.0,
            "sugar|tonnes|q1",
        ),
    ]);
}
