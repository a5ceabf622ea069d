//! Unit tests of number forms: grouping, scale words, currencies, units,
//! ranges and exact scaled values. Every sentence here is written for the
//! tests.

use super::*;

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
    ("Snow at the summit lay 182 cm deep.", 182.0, "cm"),
    ("The river rose 45 centimetres overnight.", 45.0, "cm"),
    (
        "Rooftop panels generated 31,000 kWh a day.",
        31_000.0,
        "kWh",
    ),
    ("Demand reached 310 TWh last year.", 310.0, "TWh"),
    (
        "The forest reserve covers 152,000 ha.",
        152_000.0,
        "hectares",
    ),
    ("Gate collections reached Sh1.9 billion.", 1.9e9, "KES"),
    ("Fees brought in TSh 4.2 billion.", 4.2e9, "TZS"),
    ("A two-room flat now rents for TL 38,200.", 38_200.0, "TRY"),
    ("Wind gusts reached 140 km/h.", 140.0, "km/h"),
    ("Gusts reached 87 mph on the coast.", 87.0, "mph"),
    ("Trains averaged 46.5 km per hour.", 46.5, "km/h"),
    ("Each donation is 480 millilitres.", 480.0, "ml"),
    ("Kenya shipped 49.6 million kilos of tea.", 49.6e6, "kg"),
    // An earlier value written without its unit has the unit before it.
    (
        "Revenue rose to $5.1 billion from 4.3 billion a year earlier.",
        4.3e9,
        "USD",
    ),
    (
        "Exports hit 9,800 tonnes, against 4,200 last season.",
        4200.0,
        "tonnes",
    ),
    (
        "The court has 640 judges, up 3.5%, against 618 a year earlier.",
        618.0,
        "count",
    ),
    // A currency's singular name before a plural noun names what is counted.
    (
        "Bulgarians bought 212,000 euro starter kits.",
        212_000.0,
        "count",
    ),
    ("The inspector imposed a 500 euro fine.", 500.0, "EUR"),
    ("The fund lent 2 billion euro bonds.", 2e9, "EUR"),
    // After a percentage change, "from" is the earlier level of what changed.
    (
        "Mines hurt 49 people, down 44% from 88 the year before.",
        88.0,
        "count",
    ),
    (
        "Exports were 9,800 tonnes, down 12% from 11,100 a year earlier.",
        11_100.0,
        "tonnes",
    ),
    (
        "About 410,000 rai of farmland has burned.",
        410_000.0,
        "rai",
    ),
    ("The scheme irrigates 12,500 feddans.", 12_500.0, "feddans"),
    ("Groves cover 10 million stremmata.", 1e7, "stremmata"),
    (
        "Greece produced 245,800 t of olive oil.",
        245_800.0,
        "tonnes",
    ),
    ("Beetles killed 3.6 million m3 of spruce.", 3.6e6, "m3"),
    ("The reserve covers 5 km2 of marsh.", 5.0, "km2"),
    (
        "The limit is 37.5 micrograms per cubic metre.",
        37.5,
        "ug/m3",
    ),
    ("Readings averaged 41 µg/m3 in January.", 41.0, "ug/m3"),
    // A count whose noun is a unit is measured in that unit; not days.
    ("Hours streamed rose to 1.19 billion.", 1.19e9, "hours"),
    ("Tonnes shipped climbed to 3.4 million.", 3.4e6, "tonnes"),
    (
        "The resort counted 1.46 million skier days.",
        1.46e6,
        "count",
    ),
    ("The closing percentile fell to 98.87.", 98.87, "percentile"),
    ("Gusts reached 60 miles an hour.", 60.0, "mph"),
    ("The fire burned 1,200 square kilometres.", 1_200.0, "km2"),
    ("The fire burned 1,300 sq km of bush.", 1_300.0, "km2"),
    (
        "The reservoir held 4.2 billion cubic metres of water.",
        4.2e9,
        "m3",
    ),
    ("The book was covered 6.3x by noon.", 6.3, "times"),
    (
        "Ships called at the port 455 times this year.",
        455.0,
        "count",
    ),
    // A count of times after the object of its verb, not a line's number.
    ("Gusts have halted the line 61 times.", 61.0, "count"),
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
    (
        "The camera sends 3.5 terabytes of images a night.",
        3.5,
        "TB",
    ),
    ("The terminal can handle 5 MTPA of gas.", 5.0, "MTPA"),
    // Feet are named in full, as news labels them ("ft" and "feet" alike).
    (
        "The lake level rose to 1,441.3ft on Monday.",
        1441.3,
        "feet",
    ),
    (
        "The summit stands 8,611 feet above the valley.",
        8611.0,
        "feet",
    ),
    ("The mine poured 58,900 ounces of gold.", 58_900.0, "oz"),
    ("Inflows were recorded at 8,400 cusecs.", 8400.0, "cusecs"),
    (
        "Storage fell to 0.21 million acre-feet in June.",
        0.21,
        "MAF",
    ),
    ("The dam holds 7.2 MAF when full.", 7.2, "MAF"),
    ("The district used 12,000 acre feet.", 0.012, "MAF"),
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
    // Durations the story measures (spans are not claims: below).
    ("Blood stocks stood at 3.1 days of supply.", 3.1, "days"),
    ("The wait has come down to 34 days.", 34.0, "days"),
    ("Supplies recovered from a low of 1.4 days.", 1.4, "days"),
    ("Smog exceeded the standard on 41 days.", 41.0, "days"),
    ("Customers now wait about nine weeks.", 9.0, "weeks"),
    ("An application takes less than three weeks.", 3.0, "weeks"),
    (
        "Lava poured out at 1,200 cubic metres a second.",
        1200.0,
        "m3/s",
    ),
    ("Gusts reached 34 metres per second.", 34.0, "m/s"),
    (
        "It is building a plant of 3 million tonnes a year.",
        3.0,
        "MTPA",
    ),
    ("Walls have cost ISK 6.5 billion so far.", 6.5e9, "ISK"),
    ("Their cost has risen to 8.9 billion krónur.", 8.9e9, "ISK"),
    (
        "It was 41 days this year, compared with 33 days in 2024.",
        33.0,
        "days",
    ),
    ("The average response was 17.6 minutes.", 17.6, "minutes"),
    (
        "Volunteers put in about 23,000 hours last year.",
        23_000.0,
        "hours",
    ),
    (
        "Volunteers logged around 23,000 hours in 2024.",
        23_000.0,
        "hours",
    ),
    (
        "Viewers streamed 1.12 billion hours in the quarter.",
        1.12e9,
        "hours",
    ),
];

#[test]
fn number_forms() {
    assert_forms(NUMBER_FORMS);
}

/// Asserts that each (text, value, unit) row yields a claim with that value
/// and unit; lists every row that does not.
pub(super) fn assert_forms(rows: &[(&str, f64, &str)]) {
    let mut wrong = Vec::new();
    for &(text, value, unit) in rows {
        let got = claims(text);
        if !got.iter().any(|c| close(c.value, value) && c.unit == unit) {
            let got: Vec<_> = got.iter().map(|c| (c.value, c.unit.clone())).collect();
            wrong.push(format!("{text:?}: expected {value} {unit}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
        // The sign written again before the upper bound.
        (
            "Growers are paid between €28 and €34 an arroba.",
            28.0,
            34.0,
            "EUR",
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

/// A span of time, a rate or an age is not a claim; a duration the story
/// measures is one ([`NUMBER_FORMS`]: "stood at 3.1 days of supply").
#[test]
fn time_spans_are_not_claims() {
    let spans = [
        "The budget must be published within 30 days.",
        "Outages were cut to four hours a day.",
        "The results came out three days before the vote.",
        "Trains now run every three minutes.",
        "Load-shedding lasts up to 8 hours.",
        "The clinic treats children aged nine months to 15 years.",
        "The library will open 24 hours a day.",
        "The plant closed for 14 days in June.",
        "Two days ago the council met.",
        "The board gave staff a 30-day notice.",
        "The exhibition drew crowds over ten weeks.",
        "Seven weeks after its release, the film was still showing.",
        "The museum closed for more than 11 weeks.",
    ];
    for text in spans {
        let got = claims(text);
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
}
