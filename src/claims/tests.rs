//! Unit tests of the claims engine: number forms, exclusions, qualifiers,
//! kinds, dates, subjects and keys. Every sentence here is written for the
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

/// (sentence, value, unit) rows: the sentence must yield a claim with that
/// value and unit.
const NUMBER_FORMS: &[(&str, f64, &str)] = &[
    (
        "The firm hired 1,250 engineers last quarter.",
        1250.0,
        "count",
    ),
    (
        "The scheme reached 1,000,000 households.",
        1_000_000.0,
        "count",
    ),
    (
        "The scheme reached 10,00,000 households.",
        1_000_000.0,
        "count",
    ),
    ("The survey counted 12,34,567 voters.", 1_234_567.0, "count"),
    (
        "The utility lost 312 000 litres a day.",
        312_000.0,
        "litres",
    ),
    ("The city replaced 1 480 water meters.", 1_480.0, "count"),
    ("On March 3 100 people marched.", 100.0, "count"),
    ("The retail tranche was covered 46.2 times.", 46.2, "times"),
    ("The book was covered 6.3x by noon.", 6.3, "times"),
    (
        "Ships called at the port 455 times this year.",
        455.0,
        "count",
    ),
    (
        "The dam released 412 megalitres a day.",
        412.0,
        "megalitres",
    ),
    ("Supply fell to 388 Ml a day.", 388.0, "megalitres"),
    ("The cut-off was the 98.87 percentile.", 98.87, "percentile"),
    (
        "Exports were worth $3.75 billion in the quarter.",
        3.75e9,
        "USD",
    ),
    ("The bank lent US$400 million to the utility.", 4e8, "USD"),
    (
        "The utility borrowed USD 250 million from lenders.",
        2.5e8,
        "USD",
    ),
    ("A total of 27 billion dollars was pledged.", 2.7e10, "USD"),
    ("The council spent Rs950bn on roads.", 9.5e11, "PKR"),
    ("The council spent Rs. 12 crore on parks.", 1.2e8, "PKR"),
    ("The council spent PKR 3.5 billion on water.", 3.5e9, "PKR"),
    (
        "The province set aside 400 billion rupees for schools.",
        4e11,
        "PKR",
    ),
    (
        "The family paid 18 crore 87 lakh rupees for the land.",
        1.887e8,
        "PKR",
    ),
    ("The loan of RMB 2 billion was signed.", 2e9, "CNY"),
    ("The fires cost C$386 million to fight.", 3.86e8, "CAD"),
    (
        "The utility will spend R1.8-billion on pipes.",
        1.8e9,
        "ZAR",
    ),
    ("Exports reached 2.1 trillion won in April.", 2.1e12, "KRW"),
    ("Revenue rose to ₩2.1 trillion in April.", 2.1e12, "KRW"),
    ("The offer raised SR 1.2 billion.", 1.2e9, "SAR"),
    (
        "The firm will build a 2.1 trillion-won plant.",
        2.1e12,
        "KRW",
    ),
    (
        "The province spent 471 million Canadian dollars on crews.",
        4.71e8,
        "CAD",
    ),
    ("Aid worth 2 billion US dollars arrived.", 2e9, "USD"),
    (
        "Investors put 15 billion yuan into the park.",
        1.5e10,
        "CNY",
    ),
    ("The grant of CNY 300 million arrived.", 3e8, "CNY"),
    ("The union gave €45 million to farmers.", 4.5e7, "EUR"),
    (
        "The plant added 1.2 million tonnes of output.",
        1.2e6,
        "tonnes",
    ),
    ("Sales rose to 42.5pc of the market.", 42.5, "percent"),
    (
        "Unemployment stood at 7 per cent in the survey.",
        7.0,
        "percent",
    ),
    ("Turnout reached 61 percent in the city.", 61.0, "percent"),
    ("Literacy reached 58% among adults.", 58.0, "percent"),
    (
        "The wind farm has a capacity of 50MW at full load.",
        50.0,
        "MW",
    ),
    ("The dam will generate 4.5 GW when complete.", 4.5, "GW"),
    ("The new line covers 1,726 km of track.", 1726.0, "km"),
    (
        "The zone spreads over 3,000 acres near the port.",
        3000.0,
        "acres",
    ),
    ("Average speed reached 23.4 Mbps in the test.", 23.4, "Mbps"),
    ("The terminal can handle 5 MTPA of gas.", 5.0, "MTPA"),
    ("The lake level rose to 1,441.3ft on Monday.", 1441.3, "ft"),
    (
        "The summit stands 8,611 feet above the valley.",
        8611.0,
        "ft",
    ),
    ("The mine poured 58,900 ounces of gold.", 58_900.0, "oz"),
    ("Inflows were recorded at 8,400 cusecs.", 8400.0, "cusecs"),
    (
        "Storage fell to 0.21 million acre-feet in June.",
        210_000.0,
        "acre-ft",
    ),
    (
        "The port handled 2,840,000 TEU in the half.",
        2_840_000.0,
        "TEU",
    ),
    (
        "The port handled 2.84 million twenty-foot equivalent units.",
        2_840_000.0,
        "TEU",
    ),
    ("Each sack holds 40 kilograms of flour.", 40.0, "kg"),
    (
        "The tanker carried 30,000 litres of diesel.",
        30_000.0,
        "litres",
    ),
    (
        "The hospital treated 17k patients last year.",
        17_000.0,
        "count",
    ),
    (
        "Phone users reached 190.5m by the end of May.",
        190_500_000.0,
        "count",
    ),
    (
        "The city has 2.1 mn registered voters.",
        2_100_000.0,
        "count",
    ),
    ("The fund holds $4bn of bonds.", 4e9, "USD"),
    (
        "The debt reached $1.2tn by the end of the year.",
        1.2e12,
        "USD",
    ),
    (
        "Nearly half a million people were displaced.",
        500_000.0,
        "count",
    ),
    ("The village has a dozen schools.", 12.0, "count"),
    ("Forty-two teachers were trained.", 42.0, "count"),
    (
        "Seventy five clinics opened across the district.",
        75.0,
        "count",
    ),
    (
        "The report listed one hundred and twenty villages.",
        120.0,
        "count",
    ),
    (
        "The board approved 20-25 projects for the year.",
        20.0,
        "count",
    ),
    (
        "Officials expect between 30 and 40 bidders to apply.",
        30.0,
        "count",
    ),
    (
        "The city ranked 12th in the survey of cities.",
        12.0,
        "ordinal",
    ),
    (
        "The agency registered ٣٥ new firms this week.",
        35.0,
        "count",
    ),
    (
        "The agency registered ۴۲ new firms this week.",
        42.0,
        "count",
    ),
    ("حکومت نے ۵ ارب روپے جاری کیے۔", 5e9, "PKR"),
    ("شہر میں ۱۲ لاکھ افراد رہتے ہیں۔", 1.2e6, "count"),
    (
        "Buying reached 90 percent of the season's four-million-tonne goal.",
        4e6,
        "tonnes",
    ),
    ("The firm plans a two-million-tonne smelter.", 2e6, "tonnes"),
    ("The polls will cost ₹186 crore in all.", 1.86e9, "INR"),
    (
        "The drive has a budget of 1.9 billion shillings.",
        1.9e9,
        "KES",
    ),
    ("Petrol now sells for 840 naira at the pump.", 840.0, "NGN"),
    (
        "Throughput rose to 151,000 barrels per day.",
        151_000.0,
        "bpd",
    ),
    (
        "The plant processed 128,000 barrels of crude oil per day.",
        128_000.0,
        "bpd",
    ),
    ("Its capacity is 210,000 bpd.", 210_000.0, "bpd"),
    (
        "The allocation stays at two and a half billion rupees.",
        2.5e9,
        "PKR",
    ),
    (
        "The population crossed 241,492,197 million residents.",
        241_492_197.0,
        "count",
    ),
];

#[test]
fn number_forms() {
    for (sentence, value, unit) in NUMBER_FORMS {
        let got = claims(sentence);
        assert!(
            got.iter()
                .any(|c| close(c.value, *value) && c.unit == *unit),
            "{sentence:?}: expected {value} {unit}, got {:?}",
            got.iter()
                .map(|c| (c.value, c.unit.clone()))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn ranges_report_both_bounds() {
    let cases: &[(&str, f64, f64, &str)] = &[
        (
            "The board approved 20-25 projects for the year.",
            20.0,
            25.0,
            "count",
        ),
        (
            "Officials expect between 30 and 40 bidders to apply.",
            30.0,
            40.0,
            "count",
        ),
        (
            "The plan needs $20-25 billion of finance.",
            20e9,
            25e9,
            "USD",
        ),
        (
            "Growth should reach 4 to 5 percent next year.",
            4.0,
            5.0,
            "percent",
        ),
    ];
    for (sentence, lo, hi, unit) in cases {
        let got = claims(sentence);
        let c = got
            .iter()
            .find(|c| c.unit == *unit)
            .unwrap_or_else(|| panic!("{sentence:?}: no {unit} claim in {got:?}"));
        assert!(
            close(c.value, *lo) && c.value_max.is_some_and(|h| close(h, *hi)),
            "{sentence:?}: {c:?}"
        );
    }
}

#[test]
fn scaled_decimals_are_exact() {
    // 18.4 × 100,000 is 1839999.9999999998 in floating point.
    for (sentence, value) in [
        (
            "The department procured 18.4 lakh tonnes of wheat.",
            1_840_000.0,
        ),
        ("Some 1.1 lakh farmers were paid.", 110_000.0),
        ("Exports rose to $2.3 billion.", 2.3e9),
        ("Output fell to 2.31 crore tonnes.", 23_100_000.0),
    ] {
        let got = claims(sentence);
        assert!(
            got.iter().any(|c| c.value == value),
            "{sentence:?}: {:?}",
            got.iter().map(|c| c.value).collect::<Vec<_>>()
        );
    }
}

#[test]
fn descending_bounds_are_two_figures() {
    let got = claims("The fund paid Rs 71.8 billion to 1.1 lakh farmers.");
    let money = got.iter().find(|c| c.unit == "PKR").expect("a PKR claim");
    assert!(
        close(money.value, 71.8e9) && money.value_max.is_none(),
        "{money:?}"
    );
    assert!(
        got.iter()
            .any(|c| c.unit == "count" && close(c.value, 110_000.0)),
        "{got:?}"
    );
}

/// Sentences whose numbers are not claims at all.
const EXCLUDED: &[&str] = &[
    "The office opened in 2019 and moved in 2021.",
    "He will brief analysts at 4 p.m. on Friday.",
    "He rang the opening bell at 10 a.m. sharp.",
    "The shares trade under the code 6145 from Sunday.",
    "The budget for 2023-24 was debated for weeks.",
    "The meeting was held on June 9, 2022 in the capital.",
    "The meeting was held on 9 June 2022 in the capital.",
    "The session ended on the 8th of December after a long debate.",
    "The session ended at 10:30 in the morning.",
    "Call the helpline on +92-42-3575-9000 for details.",
    "Call (021) 3568 0123 for details.",
    "Operators are preparing to launch 5G services while 3G and 4G coverage grows.",
    "Work on the M-14 and CPEC-II has started; Covid-19 slowed it.",
    "The motion was moved under rule 218 of the house.",
    "Section 144 was imposed in the city.",
    "Phase 2 of the scheme begins soon.",
    "The senator, 67, has served for 12 years.",
    "The official, aged 54, spoke for 20 minutes.",
    "The talks lasted three days and ended without agreement.",
    "Temperatures reached 45°C in the plains.",
    "4 Comments",
    "© 2024 Example News. All rights reserved.",
    "The FY2024 budget was tabled.",
    "Parents can call the helpline 1166 for help.",
    "Classes for grades 6 to 8 will start on Monday.",
    "Temperatures climbed to 46 degrees Celsius.",
    "The results of the 2023 census were released.",
    "Metro Line 2 was not in the plan.",
    "The levy is charged per 1,000 litres of fuel.",
    "Wheat is weighed for every 40 kg sack.",
    "Inspectors visited Pit 4 after flight CX 417 landed.",
];

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
        (
            "Users rose to 95 million from 93 million a month earlier.",
            93e6,
            d(2023, 8, 20),
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

#[path = "tests_keys.rs"]
mod keys;

#[path = "tests_rules.rs"]
mod rules;
