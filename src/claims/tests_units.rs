//! Unit tests of the units a story's trade or place writes: hectolitres,
//! grams, a quake's magnitude, a currency's subunit and cents, Peru's sol,
//! a dollar with its country's letters, the pound as an adjective, a count of times, carats and quintals, the leu, a
//! dollar in a story set elsewhere, and an earlier amount written without
//! its currency (what a figure replaced, "instead of 30", too); extra time as a delay and weeks of cover as an amount;
//! press abbreviations of the ngultrum, the boliviano and Gulf currencies;
//! codes and signs of less common currencies (the dinar, the CFA franc,
//! the Dominican peso, the pula); shared currency names follow the
//! article's country; a rate per hectare, person or hour is keyed apart
//! from its total.
//! Every sentence here is written for the tests.

use super::*;

/// (article, value, unit of the figure with that value): the article must
/// yield a claim with that value, in that unit.
const STORY_UNITS: &[(&str, f64, &str)] = &[
    (
        "The brewery sold 2.1 million hectolitres of lager.",
        2.1e6,
        "hectolitres",
    ),
    (
        "Output rose to 480,000 hl in the half.",
        480_000.0,
        "hectolitres",
    ),
    // A quake's size, before or after its figure, or as the head noun.
    (
        "A magnitude 6.4 earthquake shook the coast.",
        6.4,
        "magnitude",
    ),
    (
        "The strongest aftershock was of magnitude 5.2.",
        5.2,
        "magnitude",
    ),
    ("A magnitude-5.9 tremor hit at dawn.", 5.9, "magnitude"),
    ("The 7.3-magnitude quake was felt inland.", 7.3, "magnitude"),
    (
        "Seismologists revised the quake's magnitude to 6.1.",
        6.1,
        "magnitude",
    ),
    ("Each loaf must weigh 90 grams.", 90.0, "g"),
    (
        "The plant makes 110 million imperial gallons a day.",
        110e6,
        "imperial gallons",
    ),
    // Concentrations in water, by the litre.
    (
        "Samples showed arsenic at 0.3 milligrams per litre.",
        0.3,
        "mg/l",
    ),
    ("The limit is 0.05 mg/l for drinking water.", 0.05, "mg/l"),
    ("Wells held 12 micrograms of lead per litre.", 12.0, "ug/l"),
    ("Each tablet holds 500 milligrams of the drug.", 500.0, "mg"),
    // A currency's hundredth keeps its own name...
    ("A loaf now costs 35 piastres.", 35.0, "piastres"),
    // ...but cents are a hundredth of the amount the sentence names, else
    // of the story's dollar, else of the US dollar.
    (
        "An oyster costs 1.20 euros, up from 90 cents in May.",
        0.9,
        "EUR",
    ),
    ("Futures fell below 65 cents a pound.", 0.65, "USD"),
    (
        "Fiji's mills paid growers 85 cents more a tonne.",
        0.85,
        "FJD",
    ),
    // A dollar written with its country's letters.
    ("The grant rose to FJ$15.5 million.", 1.55e7, "FJD"),
    ("Fares rose to J$250.", 250.0, "JMD"),
    // Peru's sol, where the story is in Peru.
    (
        "Lima approved aid. Peru's cabinet released 150 million soles.",
        1.5e8,
        "PEN",
    ),
    ("The factory made 500 soles for boots.", 500.0, "count"),
    // Uzbekistan's soum, and Mongolia's districts.
    (
        "Uzbekistan raised the cotton price to 7,800 soums a kilogram.",
        7800.0,
        "UZS",
    ),
    (
        "Mongolia declared a disaster in 112 of its 330 soums.",
        330.0,
        "count",
    ),
    // The pound as an adjective, where the pound is the currency.
    (
        "Egypt's budget has a 160 billion pound allocation for bread.",
        1.6e11,
        "EGP",
    ),
    // Millions of times is a count of events, not a multiple.
    (
        "The app has been downloaded 8.4 million times.",
        8.4e6,
        "count",
    ),
    ("The bond issue was covered 3.4 times.", 3.4, "times"),
    // A capacity after a yearly capacity is yearly, and so is its
    // earlier level.
    (
        "It is building a plant of 3 million tonnes a year that will lift its total capacity to 15.5 million tonnes from 12.5 million.",
        15.5,
        "MTPA",
    ),
    (
        "It is building a plant of 3 million tonnes a year that will lift its total capacity to 15.5 million tonnes from 12.5 million.",
        12.5,
        "MTPA",
    ),
    // A yearly figure in thousands of tonnes stays in tonnes, unless the
    // article writes capacities as MTPA.
    (
        "The plant will have capacity for 18,000 tonnes a year.",
        18000.0,
        "tonnes",
    ),
    (
        "Its plants total 12.5 MTPA. A new line adds 800,000 tonnes a year.",
        0.8,
        "MTPA",
    ),
    // A part of the amount before it, after ", of which".
    (
        "The festival is budgeted at 410 million euros, of which the state has agreed to pay 35 million.",
        3.5e7,
        "EUR",
    ),
    // A budget set against an amount, past its bracketed conversion.
    (
        "Mexico's festival cost 455 million pesos ($24.6 million), against a budget of 410 million.",
        4.1e8,
        "MXN",
    ),
    // Units of electricity are kilowatt-hours.
    (
        "The panels generate about 31 lakh units of electricity a day.",
        3.1e6,
        "kWh",
    ),
    // A gemstone's weight, and the quintal of the grain trade.
    (
        "The top lot, a 97-carat sapphire, sold on Friday.",
        97.0,
        "carats",
    ),
    (
        "The ministry has received 6.8 million quintals of urea.",
        6.8e6,
        "quintals",
    ),
    // Currencies named after the amount, and a "$" in a story set in a
    // country whose money is not a dollar.
    ("Packers are paying 38 lei a kilo for honey.", 38.0, "RON"),
    (
        "COLOMBO - Exports reached $41.6 million, the board said in Colombo. Hong Kong bought a third.",
        4.16e7,
        "USD",
    ),
    // An earlier amount without its currency, set against the figure
    // before it, with a pronoun or a "than the" comparison after it.
    (
        "The levy will raise 3.1 billion cedis, down from the 3.9 billion it expected.",
        3.9e9,
        "GHS",
    ),
    (
        "Ghana will save 11 billion cedis, less than the 13.5 billion it forecast.",
        1.35e10,
        "GHS",
    ),
    (
        "Damage reached 11.2 billion cedis, up from an early assessment of 7.4 billion.",
        7.4e9,
        "GHS",
    ),
    // What the figure replaced.
    (
        "A single ride now costs 40 cedis instead of 30.",
        30.0,
        "GHS",
    ),
];

#[test]
fn a_story_writes_its_own_units() {
    super::numbers::assert_forms(STORY_UNITS);
}

/// The size of each article sold is not a claim ("each 90-gram loaf").
#[test]
fn the_size_of_each_article_is_not_a_claim() {
    let got = claims("It costs 125 piastres to bake each 90-gram loaf.");
    assert!(got.iter().all(|c| c.value != 90.0), "{got:?}");
    assert!(got.iter().any(|c| c.value == 125.0), "{got:?}");
}

#[test]
fn extra_time_is_a_delay_and_weeks_of_cover_are_an_amount() {
    assert_keys(&[
        (
            "Drivers say the detour makes their trips up to 25 minutes longer.",
            25.0,
            "delay|minutes",
        ),
        (
            "Grain stocks are enough to last for about 11 weeks of consumption.",
            11.0,
            "consumption|weeks",
        ),
    ]);
    // Spans stay out: a span word before extra time, and weeks of an
    // event with no stock that lasts them.
    for text in [
        "The hearing ran for two hours longer than planned.",
        "The strike went on for 14 weeks of bitter talks.",
    ] {
        let got = claims(text);
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
}

#[test]
fn press_abbreviations_of_the_ngultrum_boliviano_and_gulf_currencies_are_money() {
    let cases: &[(&str, f64, &str)] = &[
        ("Growers earned Nu 412 million this season.", 412e6, "BTN"),
        ("The city set aside Bs 18 million for repairs.", 18e6, "BOB"),
        ("Fines reached RO 96,000 last year.", 96_000.0, "OMR"),
        ("The bank lent KD 310 million.", 310e6, "KWD"),
    ];
    for &(text, value, unit) in cases {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        assert_eq!(c.map(|c| c.unit.as_str()), Some(unit), "{text:?}: {got:?}");
    }
}

#[test]
fn codes_and_signs_of_less_common_currencies_are_money() {
    let cases: &[(&str, f64, &str)] = &[
        // A written code the ISO table leaves out, before or after.
        (
            "Exporters earned TND 826 million in the season.",
            826e6,
            "TND",
        ),
        ("The levy raised 40 million MUR last year.", 40e6, "MUR"),
        // The CFA franc's abbreviation.
        ("Buyers paid 350 FCFA a kilo in Kaolack.", 350.0, "XOF"),
        (
            "Growers in Cameroon were owed 2.1 billion FCFA.",
            2.1e9,
            "XAF",
        ),
        // The Dominican peso's dollar sign.
        (
            "The province spent RD$310 million on the clean-up.",
            310e6,
            "DOP",
        ),
        // The pula's "P", in a story set in Botswana.
        (
            "The Gaborone fund has disbursed P412.6 million to young people in Botswana.",
            412.6e6,
            "BWP",
        ),
        // The Rwandan franc as Kigali's papers write it.
        ("A moto ride in Kigali costs Rwf 600.", 600.0, "RWF"),
        ("The clinic cost FRw 85 million.", 85e6, "RWF"),
        // The lempira's "L" in a Honduran story, amount-like or not.
        (
            "Coffee growers in Honduras were paid L3,400 a sack.",
            3400.0,
            "HNL",
        ),
        (
            "Honduras's schools were pledged L250 for each pupil.",
            250.0,
            "HNL",
        ),
        // Pence, written out or glued in a British story.
        (
            "The board proposed a dividend of 4.4 pence a share.",
            0.044,
            "GBP",
        ),
        (
            "In London the shares closed at 286p, valuing the firm at £410 million.",
            2.86,
            "GBP",
        ),
        // A dollarised country's dollar is the US dollar, even beside Canada.
        (
            "San Salvador's airport, run by a Canadian group, charges $32.50 a passenger.",
            32.5,
            "USD",
        ),
        // The leone's signs.
        (
            "In Sierra Leone a connection costs Le 250 per household.",
            250.0,
            "SLE",
        ),
        ("The tariff is capped at NLe 12 per unit.", 12.0, "SLE"),
        // The vatu, by name or sign in Vanuatu; the Liberian dollar's L$;
        // the CFA franc written out in a Central African city.
        ("Exports earned 1.2 billion vatu.", 1.2e9, "VUV"),
        ("A bag costs VT 1,250 in Port Vila.", 1250.0, "VUV"),
        ("The ministry released L$95 million.", 95e6, "LRD"),
        ("A bus ride in Douala costs 300 CFA francs.", 300.0, "XAF"),
        ("A bus ride in Dakar costs 300 CFA francs.", 300.0, "XOF"),
        // Shared names and signs in Niger, Algiers, Grenada and Papua New
        // Guinea, whose "Guinea" is not Guinea's.
        (
            "Niger's plan costs 7.9 billion CFA francs, leaving a gap of 3.4 billion francs.",
            3.4e9,
            "XOF",
        ),
        ("In Algiers a single ride costs 30 dinars.", 30.0, "DZD"),
        ("Grenada's growers are paid $3.20 a pound.", 3.2, "XCD"),
        (
            "In Papua New Guinea a tank costs K3,900 on average.",
            3900.0,
            "PGK",
        ),
        (
            "The budget gives the programme 48 million kina.",
            48e6,
            "PGK",
        ),
        // The escudo, the loti's "M" in Lesotho, the pa'anga and its "T$",
        // and a bare "$" in a story set in Belize.
        ("The canner earned 186 million escudos.", 1.86e8, "CVE"),
        ("In Lesotho farmers earned M905 million.", 9.05e8, "LSL"),
        ("The fund holds 3 million pa'anga.", 3e6, "TOP"),
        ("The fund rose to T$5.5 million.", 5.5e6, "TOP"),
        ("Belize's public debt stands at $3.8 billion.", 3.8e9, "BZD"),
        // The Niger Delta is a region of Nigeria, not the country Niger.
        (
            "In the Niger Delta, Nigeria's refiners sell petrol at N865 a litre.",
            865.0,
            "NGN",
        ),
    ];
    for &(text, value, unit) in cases {
        let got = claims(text);
        let c = got.iter().find(|c| close(c.value, value));
        assert_eq!(c.map(|c| c.unit.as_str()), Some(unit), "{text:?}: {got:?}");
    }
    // A code that is also a word stays a word; a "P" elsewhere is no pula.
    for text in [
        "ALL 40 members voted for the plan.",
        "The P450 model sold 3,000 units in Botswana.",
        "The L200 pickup sold 3,000 units in Honduras.",
        "The L40 bus serves 3,000 riders in Kenya.",
        "The 40p rule covers 3,000 riders in Kenya.",
        "Le 250 Club members met 3,000 fans in France.",
    ] {
        let got = claims(text);
        assert!(
            got.iter()
                .all(|c| !["ALL", "BWP", "HNL", "GBP", "SLE"].contains(&c.unit.as_str())),
            "{text:?}: {got:?}"
        );
    }
}

/// A currency name or sign several countries share takes the code of the
/// country the article names; without one it keeps its usual code.
#[test]
fn shared_currency_names_follow_the_article_country() {
    // (article, unit of its one figure)
    let cases = [
        (
            "Mexico's largest lender said. Net income rose to 48 million pesos.",
            "MXN",
        ),
        ("Net income rose to 48 million pesos.", "count"),
        (
            "Farmers in India installed panels. Payouts reached 18.9 billion rupees.",
            "INR",
        ),
        ("Payouts reached 18.9 billion rupees.", "PKR"),
        ("Indian states paid. The fund paid Rs 71.8 billion.", "INR"),
        // A written ISO code means what it says.
        ("Indian states paid. The fund paid PKR 71.8 billion.", "PKR"),
        (
            "Canada's wildfire season was long. Canadian crews spent $471 million.",
            "CAD",
        ),
        (
            "Canadian crews spent C$386 million, or $280 million.",
            "USD",
        ),
        (
            "Ivory Coast farmers are paid 1,800 CFA francs a kilo. Exporters paid 90 billion francs.",
            "XOF",
        ),
        // "Pounds" are money only where the pound is the currency, or in a
        // story that writes "£"; elsewhere they are a weight.
        ("Producers made 221.4 million pounds of syrup.", "lb"),
        (
            "Farmers in Britain were hit hard. The fund paid 12 million pounds.",
            "GBP",
        ),
        (
            "The club's wage bill rose to £61m. Sponsors paid 12 million pounds.",
            "GBP",
        ),
        (
            "Cairo's exporters gained. Sales reached 40 million pounds.",
            "EGP",
        ),
        // The dirham is Morocco's in a Moroccan story, else the Emirates'.
        (
            "Morocco's locust unit met. The government released DH 120 million.",
            "MAD",
        ),
        ("The budget was raised to 165 million dirhams.", "AED"),
        (
            "RABAT - Moroccan teams sprayed. The budget rose to 165 million dirhams.",
            "MAD",
        ),
        // The Philippine papers' "P" is the peso's sign there.
        (
            "Jeepney drivers in the Philippines protested. A new unit costs P2.4 million.",
            "PHP",
        ),
        ("Minimum fares in Manila are now P13.", "PHP"),
        // A name written with its accents counts: "Québec".
        (
            "The Acéri-Québec board met. Sales reached $781 million.",
            "CAD",
        ),
    ];
    for (text, unit) in cases {
        let got = claims(text);
        let last = got.last().unwrap_or_else(|| panic!("{text:?}: no claim"));
        assert_eq!(last.unit, unit, "{text:?}: {got:?}");
    }
}

#[test]
fn a_rate_per_hectare_person_or_hour_is_keyed_apart_from_the_total() {
    assert_keys(&[
        (
            "Farmers harvest 21 tonnes per hectare.",
            21.0,
            "farmer per-hectare harvest|tonnes",
        ),
        (
            "Farmers harvest 300 tonnes.",
            300.0,
            "farmer harvest|tonnes",
        ),
        (
            "Each hectare holds about 21 million monarchs.",
            21e6,
            "per-hectare monarch|count",
        ),
        (
            "It counted 21 million monarchs to the hectare.",
            21e6,
            "per-hectare monarch|count",
        ),
        (
            "Income reached $1,250 per capita.",
            1250.0,
            "per-person income|USD",
        ),
        (
            "It paid $2,000 to a family whose home burned.",
            2000.0,
            "payment|USD",
        ),
        (
            "They paid 400 rupees per head of cattle.",
            400.0,
            "payment|PKR",
        ),
        // A capacity by the hour is a rate; ridership by the day is not.
        (
            "The line can carry 2,400 passengers an hour.",
            2400.0,
            "per-hour passenger|count",
        ),
        (
            "The line carried 8,600 passengers a day.",
            8600.0,
            "passenger|count",
        ),
    ]);
}
