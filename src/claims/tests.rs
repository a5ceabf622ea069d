//! Unit tests of the claims engine: exclusions, qualifiers, kinds, dates;
//! number forms and keys are in the submodules below. Every sentence here is written for the
//! tests.

use super::*;

fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2023, 9, 20)
}

fn claims(text: &str) -> Vec<Claim> {
    extract_claims(text, published(), &Lexicon::default())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// (sentence, value, key) rows: the claim of each sentence with that value
/// has that key.
fn assert_keys(rows: &[(&str, f64, &str)]) {
    for &(text, value, key) in rows {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        assert_eq!(c.map(|c| c.key.as_str()), Some(key), "{text:?}: {got:?}");
    }
}

/// Sentences whose numbers are not claims at all.
const EXCLUDED: &[&str] = &[
    "The office opened in 2019 and moved in 2021.",
    "He will brief analysts at 4 p.m. on Friday.",
    "He rang the opening bell at 10 a.m. sharp.",
    "The shares trade under the code 6145 from Sunday.",
    "The budget for 2023-24 was debated for weeks.",
    "The draft budget for 2026 sets out new priorities.",
    "Cases were more than three times the level of a year earlier.",
    "Crews sprayed the blocks, some of them four or five times.",
    "A 50kg bag now leaves the factory at a higher price.",
    "The co-op now ships its figs in a standard 18-pound carton.",
    "A 200-millilitre spray sells out fast, as does a 200 ml bottle.",
    "A tray of 30 eggs now costs more than a carton of 12 did.",
    "The one-euro piece shows a rider, and the new 100-dollar bills a bridge.",
    "We lost one in ten of our calves, and 1 in 5 of our lambs.",
    "People who need help can call the emergency line on 112.",
    "Adults pay in full and children under 12 go in free.",
    "Most of the hunters, many of whom are over 60, work alone.",
    "Residents aged over 70 get the jab first.",
    "Officials warned that the two national schemes could run dry.",
    "Farms near Natura 2000 sites must cut emissions first.",
    "The meeting was held on June 9, 2022 in the capital.",
    "The meeting was held on 9 June 2022 in the capital.",
    "The session ended on the 8th of December after a long debate.",
    "The session ended at 10:30 in the morning.",
    "Call the helpline on +92-42-3575-9000 for details.",
    "Call (021) 3568 0123 for details.",
    "Operators are preparing to launch 5G services while 3G and 4G coverage grows.",
    "The premium 4K plan adds 8K screens.",
    "Exports have fallen for three straight years and 5 consecutive quarters.",
    "Two in a row would be a different matter, after a 15th straight month of falls.",
    "Analysts expect demand to stay weak for at least two more quarters.",
    "The road is shut at kilometre 212, and boats fish north of parallel 16 south.",
    "The game, rated 12+ on the stores, is free.",
    "Work on the M-14 and CPEC-II has started; Covid-19 slowed it.",
    "The motion was moved under rule 218 of the house.",
    "Section 144 was imposed in the city.",
    "Phase 2 of the scheme begins soon.",
    "The senator, 67, has served for 12 years.",
    "The official, aged 54, spoke for 20 minutes.",
    "Voters aged 18 and 19 were invited.",
    "Children aged between 5 and 11 were invited.",
    "The talks lasted three days and ended without agreement.",
    "Temperatures reached 45°C in the plains.",
    "4 Comments",
    "12 shares",
    "© 2024 Example News. All rights reserved.",
    "The FY2024 budget was tabled.",
    "Parents can call the helpline 1166 for help.",
    "Ring 112 or 999 only in an emergency, or try the 311 line.",
    "Pilgrims can check their year by calling 1500 425.",
    "Classes for grades 6 to 8 will start on Monday.",
    "Temperatures climbed to 46 degrees Celsius.",
    "The results of the 2023 census were released.",
    "Metro Line 2 was not in the plan.",
    "The levy is charged per 1,000 litres of fuel.",
    "Wheat is weighed for every 40 kg sack.",
    "Inspectors visited Pit 4 after flight CX 417 landed.",
    "Ballots must arrive by Nov. 4 at the latest.",
    "The office reopens on Sept. 12 after repairs.",
    "The festival was opened by its director, Anna Berg, 61.",
    "Its best seller remains the Kestrel 7 hatchback.",
    "She told BBC Radio 4 that the plan was sound.",
    "Members of its Fleet Plus 2.0 scheme ride free.",
    "Visitors come to see the Big Five on safari.",
    "The market is busiest from six in the morning.",
    "The survey covered adults between the ages of 18 and 24.",
    "Councillor Ray Moss, whose District 3 includes the port, objected.",
    "The plant is certified under ISO 9001 and ISO 14001.",
    "Shares of Kitano Foods (2897.T) were flat.",
    "Residents can call the intake line at 555-0142 tonight.",
    "The plant makes 12-inch wafers on 7-nanometre lines.",
    "Chips of 5 nanometres and below sold well.",
    "One of the 2023 discoveries passed close to Earth.",
    "Heavy snow pushed the danger rating to level 4 on its scale.",
    "Bookings can be made at the headquarters at 27 Proes Street.",
    "The reserve warehouse at 2350 Rue Principale is nearly full.",
    "A meeting will be held at the hall, 14 Wharf Road, on Friday.",
    "The stock is part of the S&P BSE 200 index.",
    "The company filed the results under Regulation 33 of the listing rules.",
    "Birdsong is well up on 2019 levels.",
    "Replies come within 60 working days.",
    "The market opens at five o’clock.",
    "The 45-metre-high dam was finished in 2019.",
    "Divers reached a 12-foot-deep wreck off the cape.",
    "Trains are full between 6 and 9 in the morning.",
    "Jan and Eva Novak, both 29, moved in. Applicants must be under 35.",
    "Applicants must still be under 35.",
    "The utility is replacing ageing 132-kilovolt lines.",
    "The queue at half past seven reaches the stairs.",
    "The line carried its three millionth passenger.",
    "The bile kills each starfish in a day or two.",
    "Farmers can call the board on 2231 4478 with questions.",
    "The next auction, Sale 9, is on Tuesday.",
    "A fifth of residents are now 65 or older.",
    "The market opens at 5 in the afternoon and shuts at 11 at night.",
];

/// Numbers that look like the exclusions above but are claims.
#[test]
fn near_exclusions_stay_claims() {
    let cases: &[(&str, f64)] = &[
        ("In Lahore 12 people were injured.", 12.0),
        ("The Lahore office hired 12 engineers.", 12.0),
        ("Six people were hurt, and the Red Cross treated 61.", 61.0),
        ("Shops open at 9 a.m. and 300 stalls sell fish.", 300.0),
        ("Exports rose to 2,897.5 tonnes (a record).", 2897.5),
        ("Tickets cost 555-600 rupees.", 555.0),
        ("All 312 000 metered homes get meters.", 312_000.0),
        ("Floodwater rose 3 metres high in the town.", 3.0),
        (
            "Five more were built, bringing the total built since 2019 to 19.",
            19.0,
        ),
        (
            "The gain lifted the total since 2019 to 7,332 objects.",
            7332.0,
        ),
        (
            "The mayor renewed her pledge to house 2,000 by 2026.",
            2000.0,
        ),
        ("The agency plans to issue 5,000 permits.", 5000.0),
        (
            "Of 200 shops, most of them under 50 square metres, 12 closed.",
            12.0,
        ),
        ("Apply at any of the Agency's 16 district offices.", 16.0),
        ("The city repaved 14 streets and 3 roads.", 14.0),
        ("Emissions are 12% below 2019 levels.", 12.0),
    ];
    for (sentence, want) in cases {
        let got: Vec<f64> = claims(sentence).iter().map(|c| c.value).collect();
        assert!(got.iter().any(|v| close(*v, *want)), "{sentence}: {got:?}");
    }
}

#[test]
fn exclusions() {
    for sentence in EXCLUDED {
        let got = claims(sentence);
        assert!(
            got.is_empty(),
            "{sentence:?}: expected no claims, got {:?}",
            got.iter()
                .map(|c| (c.value, c.unit.clone()))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn furniture_lines_are_skipped() {
    let text = "Exports rose to $2.1bn in May.\n\nALSO READ: Imports jump 45pc to $1.6bn in first half\n\nTags: trade, exports";
    let got = claims(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(close(got[0].value, 2.1e9));
}

#[test]
fn qualifiers() {
    let cases: &[(&str, Qualifier)] = &[
        ("The company has over 500 stores.", Qualifier::Over),
        ("The company has more than 500 stores.", Qualifier::Over),
        ("Sales were above $2 billion this year.", Qualifier::Over),
        (
            "Subscribers have crossed the 80 million mark.",
            Qualifier::Over,
        ),
        (
            "Fewer than 300 doctors remain in the district.",
            Qualifier::Under,
        ),
        (
            "The loss was less than 2 per cent of revenue.",
            Qualifier::Under,
        ),
        ("The firm employs about 4,000 people.", Qualifier::Around),
        ("Some 12 million voters stayed home.", Qualifier::Around),
        ("Roughly 40 villages were flooded.", Qualifier::Around),
        ("The city has 30 or so parks.", Qualifier::Around),
        (
            "The plan carries an estimated cost of $3 billion.",
            Qualifier::Around,
        ),
        ("Nearly 900 schools were closed.", Qualifier::Nearly),
        ("Almost 70 percent of homes have power.", Qualifier::Nearly),
        (
            "The fund can lend up to $500 million a year.",
            Qualifier::UpTo,
        ),
        ("At least 25 people were injured.", Qualifier::AtLeast),
        ("As many as 3,000 SIMs were blocked.", Qualifier::Exact),
        ("Only 12 clinics are open.", Qualifier::Exact),
        ("Penetration went up to 61.2pc in May.", Qualifier::Exact),
        ("The lake is back up to 3.4 metres.", Qualifier::Exact),
    ];
    for (sentence, q) in cases {
        let got = claims(sentence);
        assert_eq!(
            got.first().map(|c| c.qualifier),
            Some(*q),
            "{sentence:?}: {got:?}"
        );
    }
}

#[test]
fn kinds() {
    let cases: &[(&str, f64, ClaimKind)] = &[
        ("The zone has 40 factories.", 40.0, ClaimKind::Actual),
        (
            "The project will create 1.2 million jobs by 2030.",
            1.2e6,
            ClaimKind::Target,
        ),
        (
            "The ministry expects exports of $30 billion.",
            3e10,
            ClaimKind::Target,
        ),
        ("Officials planned 12 new dams.", 12.0, ClaimKind::Target),
        // A clause of what happened, after a comma and "after", is out of
        // reach of the future before it; one of what is to happen is not.
        (
            "The union will strike unless pay improves, after 87 per cent of members voted for action.",
            87.0,
            ClaimKind::Actual,
        ),
        // Its past verb may come before the figure; a target it falls
        // behind is not its own.
        (
            "MPs will debate a cut, after collections came to 1.46 billion cedis, well behind target.",
            1.46e9,
            ClaimKind::Actual,
        ),
        (
            "The clinic will reopen next month, after 40 more nurses join the staff.",
            40.0,
            ClaimKind::Target,
        ),
        // A level crossed is a level, not the size of a change.
        ("Cases have climbed above 455.", 455.0, ClaimKind::Actual),
        ("Reserves fell below $10 billion.", 1e10, ClaimKind::Actual),
        (
            "Exports rose by over 500,000 tonnes.",
            5e5,
            ClaimKind::Change,
        ),
        // A participle of intention as an adjective, in a clause of fact.
        (
            "The number waiting for planned surgery rose to 96,412.",
            96_412.0,
            ClaimKind::Actual,
        ),
        (
            "The planned investment will reach $5 billion.",
            5e9,
            ClaimKind::Target,
        ),
        (
            "The airline carried 6.8 million passengers, 9.4% more than a year earlier.",
            9.4,
            ClaimKind::Change,
        ),
        // A plan word after a figure is about the figures up to the next one.
        (
            "Workers have vaccinated 1.14 million children, 38 per cent of the 3 million the drive aims to reach.",
            1.14e6,
            ClaimKind::Actual,
        ),
        (
            "Workers have vaccinated 1.14 million children, 38 per cent of the 3 million the drive aims to reach.",
            3e6,
            ClaimKind::Target,
        ),
        (
            "The ministry expects exports of $30 billion and imports of $50 billion.",
            5e10,
            ClaimKind::Target,
        ),
        (
            "The bank reiterated its plan to add 40 branches.",
            40.0,
            ClaimKind::Target,
        ),
        (
            "Subscribers declined by over 500,000 in August.",
            500_000.0,
            ClaimKind::Change,
        ),
        (
            "Users rose by 1.5 million during the month.",
            1.5e6,
            ClaimKind::Change,
        ),
        (
            "The index was down 2.5 percent on the week.",
            2.5,
            ClaimKind::Change,
        ),
        (
            "The figure showed an increase of 300 units.",
            300.0,
            ClaimKind::Change,
        ),
        (
            "Users rose to 95 million from 93 million.",
            95e6,
            ClaimKind::Actual,
        ),
    ];
    for (sentence, value, kind) in cases {
        let got = claims(sentence);
        let c = got
            .iter()
            .find(|c| close(c.value, *value))
            .unwrap_or_else(|| panic!("{sentence:?}: {got:?}"));
        assert_eq!(c.kind, *kind, "{sentence:?}");
    }
}

#[test]
fn as_of_dates() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    let cases: &[(&str, f64, Option<NaiveDate>)] = &[
        (
            "Deposits reached $9 billion as of end-August 2022.",
            9e9,
            d(2022, 8, 31),
        ),
        (
            "The province spent Rs40bn in FY2022-23 on health.",
            4e10,
            d(2023, 6, 30),
        ),
        (
            "Users numbered 88 million till November 2022.",
            88e6,
            d(2022, 11, 30),
        ),
        (
            "Users numbered 88 million at the end of July.",
            88e6,
            d(2023, 7, 31),
        ),
        (
            "The network had 12 million users in 2015.",
            12e6,
            d(2015, 12, 31),
        ),
        ("The network has 40 million users.", 40e6, published()),
        // An earlier value introduced by a possessive time word.
        (
            "Arrivals eased to 176,900, down from October's 182,460.",
            182_460.0,
            d(2023, 8, 20),
        ),
        (
            "Exports rose to $2.9 billion from last year's $2.6 billion.",
            2.6e9,
            d(2023, 8, 20),
        ),
        // A plan for the whole year is about its end; a figure so far is not.
        (
            "The miner expects to produce 190,000 tonnes of copper this year.",
            190_000.0,
            d(2023, 12, 31),
        ),
        (
            "The firm expects full-year output of 200,000 tonnes.",
            200_000.0,
            d(2023, 12, 31),
        ),
        (
            "The miner has produced 48,200 tonnes of copper this year.",
            48_200.0,
            published(),
        ),
        // A span of months is dated at its last month's end.
        (
            "Exports in January-May totalled $4.1 billion.",
            4.1e9,
            d(2023, 5, 31),
        ),
        // A date after "since" opens the span; the figure counts up to now.
        (
            "Since April 1, 754 wildfires have been recorded.",
            754.0,
            published(),
        ),
        (
            "Users rose to 95 million from 93 million a month earlier.",
            93e6,
            d(2023, 8, 20),
        ),
        // A day without a year is the last such day up to the article's
        // date; the current month ends at that date.
        (
            "Users rose to 95 million, from 93 million on September 8.",
            93e6,
            d(2023, 9, 8),
        ),
        (
            "Users rose to 95 million, from 93 million on December 8.",
            93e6,
            d(2022, 12, 8),
        ),
        (
            "Users numbered 88 million in September.",
            88e6,
            d(2023, 9, 20),
        ),
        // "last year" and "last month" are the calendar periods before it.
        ("Spending reached €9.9m last year.", 9.9e6, d(2022, 12, 31)),
        ("Users fell to 80 million last month.", 80e6, d(2023, 8, 31)),
        // A month of last year or this year, and last year's possessive
        // before the figure; after one, it names a comparison.
        (
            "Exports had totalled 1.94 billion in August last year.",
            1.94e9,
            d(2022, 8, 31),
        ),
        (
            "Sales were 5 million in October of this year.",
            5e6,
            published(),
        ),
        (
            "Last year's exports of 26 billion were the second-highest.",
            26e9,
            d(2022, 12, 31),
        ),
        (
            "Bad loans edged up to 5.4 per cent, reversing last year's improvement.",
            5.4,
            published(),
        ),
        // The current fiscal year is news of now.
        (
            "The council passed a Rs 1,350 billion budget for fiscal year 2023-24.",
            1.35e12,
            published(),
        ),
        // A date of a participle or a comparison does not date the figure.
        (
            "The programme, launched in 2021, has cost Rs 48.6 billion so far.",
            48.6e9,
            published(),
        ),
        (
            "Floods have killed 1,162 people since mid-June.",
            1162.0,
            published(),
        ),
        (
            "Salaries were budgeted at Rs 540 billion, unchanged from the previous year.",
            540e9,
            published(),
        ),
    ];
    for (sentence, value, date) in cases {
        let got = claims(sentence);
        let c = got
            .iter()
            .find(|c| close(c.value, *value))
            .unwrap_or_else(|| panic!("{sentence:?}: {got:?}"));
        assert_eq!(c.as_of, *date, "{sentence:?}");
    }
}

#[path = "tests_clauses.rs"]
mod clauses;
#[path = "tests_keys.rs"]
mod keys;
#[path = "tests_numbers.rs"]
mod numbers;
#[path = "tests_phrases.rs"]
mod phrases;
#[path = "tests_restated.rs"]
mod restated;
#[path = "tests_rules.rs"]
mod rules;
#[path = "tests_scope.rs"]
mod scope;
#[path = "tests_status.rs"]
mod status;
#[path = "tests_units.rs"]
mod units;

#[test]
fn a_figure_counts_its_noun_not_a_name_or_what_it_includes() {
    // (sentence, key of its one figure); a nation's people are people.
    let cases = [
        (
            "About 5.3 million Indonesians are on the waiting list.",
            "people|count",
        ),
        (
            "The waiting list has grown to about 5.4 million people.",
            "people|count",
        ),
        ("Some 40,000 Kenyans applied for the visas.", "people|count"),
        (
            "Nearly 300 Filipinos were stranded at the border.",
            "people|count",
        ),
        // A name in the phrase is not its head.
        ("The Kalvik Group employs 1,200 nurses.", "nurse|count"),
        // What a count includes or leaves out is not what it counts.
        (
            "The unit has roughly 1,100 staff including soldiers.",
            "staff|count",
        ),
        ("The fund lent to 640 firms excluding banks.", "firm|count"),
    ];
    for (text, key) in cases {
        let got = claims(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].key, key, "{text}");
    }
}

#[test]
fn a_part_of_a_counted_whole_counts_the_whole() {
    // (sentence, value, key)
    let cases = [
        ("Forty of the 120 wards reported cases.", 40.0, "ward|count"),
        (
            "Twenty of the asteroids were hazardous.",
            20.0,
            "asteroid|count",
        ),
        (
            "Some 310 of its 2,400 branches will close.",
            310.0,
            "branch|count",
        ),
        (
            "Beetles were found in 11 of the country's 21 counties.",
            11.0,
            "county|count",
        ),
        (
            "Some 1,330 of the nation’s routes have plans.",
            1330.0,
            "route|count",
        ),
    ];
    assert_keys(&cases);
}

/// Shares in a sentence are a claim, and those on offer are their own
/// quantity; a line of page furniture ("12 shares") is not a claim.
#[test]
fn shares_on_offer_are_counted_apart() {
    let text = "The tranche was enlarged to 8.1 million shares, or 15% of the \
                54,000,000 shares on offer.";
    assert_keys(&[
        (text, 54e6, "offered share|count"),
        (text, 8.1e6, "share|count"),
    ]);
}
