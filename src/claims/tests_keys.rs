//! Unit tests of quantity identity: which sentences share a key, which do
//! not, anaphora, attached values, the lexicon, quoting and the JSON shape.

use super::*;

fn key_of(text: &str, value: f64) -> String {
    let got = claims(text);
    got.iter()
        .find(|c| close(c.value, value))
        .map(|c| c.key.clone())
        .unwrap_or_else(|| panic!("{text:?}: no {value} in {got:?}"))
}

#[test]
fn equivalent_quantities_share_a_key() {
    let groups: &[&[(&str, f64)]] = &[
        &[
            (
                "The country has 120 million mobile phone subscribers.",
                120e6,
            ),
            ("Cellular subscriptions reached 121 million in June.", 121e6),
            (
                "Mobile users numbered 122 million at the end of June.",
                122e6,
            ),
            ("The number of cellphone users rose to 123 million.", 123e6),
        ],
        &[
            ("Hospitals report some 18,000 unfilled nursing posts.", 18e3),
            ("Vacant nursing posts rose to about 19,500.", 19.5e3),
        ],
        &[
            (
                "The closing percentile for physics at the City College, Ambavli, the most sought-after seat, stood at 99.6.",
                99.6,
            ),
            ("The closing percentile for physics slipped to 98.9.", 98.9),
        ],
        &[
            (
                "Kestrel shares closed 1.7 percent higher at 218,500 won.",
                218_500.0,
            ),
            ("Kestrel shares closed at 209,000 won on Friday.", 209_000.0),
        ],
        &[
            ("There are 40 million broadband subscribers.", 40e6),
            (
                "Broadband subscriptions in the country have reached 41 million.",
                41e6,
            ),
            ("Its broadband subscriber base is above 42 million.", 42e6),
        ],
        &[
            ("Twelve power plants have been completed so far.", 12.0),
            ("Thirteen energy projects have been finished.", 13.0),
        ],
        &[
            ("Nine projects are under construction.", 9.0),
            ("Ten schemes are still being built.", 10.0),
        ],
        &[
            ("Fixed-line telephone connections stood at 3 million.", 3e6),
            ("The country has 3.1 million landline subscribers.", 3.1e6),
        ],
        // A phrase that another figure counts is not this figure's subject.
        &[
            ("Occupancy averaged 71.3% in October.", 71.3),
            (
                "Occupancy at the 287 registered hotels averaged 73.8 per cent.",
                73.8,
            ),
        ],
        &[
            ("Tourist arrivals rose to 182,460 in October.", 182_460.0),
            ("Visitor arrivals eased to 176,900 in November.", 176_900.0),
        ],
        &[
            (
                "The refinery's nameplate capacity is 210,000 bpd.",
                210_000.0,
            ),
            (
                "Its design capacity of 215,000 bpd was never reached.",
                215_000.0,
            ),
        ],
        // A verb form the "-ed" test misses: "receives", "was left at".
        &[
            ("Water spending was set at $9 billion.", 9e9),
            ("Water now receives $10 billion.", 10e9),
            ("The water allocation was left at $11 billion.", 11e9),
        ],
        &[
            ("Fees are forecast at $2 billion.", 2e9),
            ("Fees were put at $2.2 billion.", 2.2e9),
        ],
        // A ratio to output measures the thing before it.
        &[
            (
                "The debt is expected to fall to 61 percent of gross domestic product.",
                61.0,
            ),
            ("Debt was equal to 64% of GDP.", 64.0),
        ],
        // A past form moving its object to a figure; "-ing" mass nouns.
        &[
            ("The board lifted total borrowing to $3 billion.", 3e9),
            ("Total borrowing reached $3.4 billion.", 3.4e9),
            ("Sales rose, taking total borrowing to $3.5 billion.", 3.5e9),
        ],
        // A value head with its own modifier after "of".
        &[
            ("The utility added 900 MW of wind capacity.", 900.0),
            ("Wind capacity reached 950 MW.", 950.0),
        ],
        // A share named by its part with "supplied".
        &[
            ("Coal supplied 40 percent of electricity output.", 40.0),
            (
                "The share of coal in power output fell to 38 percent.",
                38.0,
            ),
        ],
        // "traffic" names the figure; "-es" plurals after a sibilant.
        &[
            ("Visitor traffic at the museum rose to 52,000.", 52000.0),
            ("The museum drew 50,000 visitors.", 50000.0),
        ],
        &[
            ("The district has 14 churches.", 14.0),
            ("The church count reached 15.", 15.0),
        ],
        // The flagship phrasings of a count with a status.
        &[
            (
                "A total of 38 projects worth $25.4 billion have been completed.",
                38.0,
            ),
            (
                "The number of completed projects under the corridor has risen to 41, worth $27.9 billion, the ministry said.",
                41.0,
            ),
            ("Completed projects stood at 42.", 42.0),
            ("Completed projects: 43.", 43.0),
        ],
        &[
            (
                "A total of 38 projects worth $25.4 billion have been completed.",
                25.4e9,
            ),
            (
                "The number of completed projects under the corridor has risen to 41, worth $27.9 billion, the ministry said.",
                27.9e9,
            ),
        ],
        // "X rose to N", "X reached N", "N X were", "X numbered N", "X: N".
        &[
            ("The number of registered voters rose to 1,200.", 1200.0),
            (
                "The number of registered voters has risen to 1,201.",
                1201.0,
            ),
            ("The number of registered voters climbed to 1,202.", 1202.0),
            ("The number of registered voters fell to 1,203.", 1203.0),
            ("Registered voters stood at 1,204.", 1204.0),
            ("Registered voters reached 1,205.", 1205.0),
            ("1,206 registered voters were added to the rolls.", 1206.0),
            ("Registered voters numbered 1,207.", 1207.0),
            ("Registered voters: 1,208.", 1208.0),
            ("The number of registered voters has passed 1,209.", 1209.0),
        ],
        // A participle used as a verb is not the subject.
        &[
            (
                "Energy projects under the corridor have added 8,920 MW to the grid so far.",
                8920.0,
            ),
            (
                "Officials said the corridor's energy projects had added 8,020 MW to the grid.",
                8020.0,
            ),
        ],
        // A value or measure names what follows it.
        &[
            ("The council passed a Rs 1,350 billion budget.", 1.35e12),
            ("The council approved a budget of Rs 1.2 trillion.", 1.2e12),
        ],
        &[
            ("Contractors have completed 412 km of rural roads.", 412.0),
            (
                "The length of rural roads completed has reached 587 kilometres.",
                587.0,
            ),
        ],
        // Deaths, however worded.
        &[
            ("Floods have killed 1,162 people since mid-June.", 1162.0),
            ("The death toll from the floods has risen to 1,486.", 1486.0),
        ],
        // A share of a whole, by the part.
        &[
            ("Girls make up 44 percent of total enrolment.", 44.0),
            (
                "The share of girls in total enrolment reached 45.2 percent.",
                45.2,
            ),
        ],
        &[
            (
                "Development spending has been set at Rs 310 billion.",
                310e9,
            ),
            ("Development outlay rose to Rs 355 billion.", 355e9),
        ],
        &[
            ("Peak demand touched 3,940 megawatts on Thursday.", 3940.0),
            ("Peak demand hit a record 4,105MW in July.", 4105.0),
        ],
    ];
    for group in groups {
        let keys: Vec<String> = group.iter().map(|(t, v)| key_of(t, *v)).collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]), "{keys:?}");
    }
}

/// A sentence and the value of the claim to take from it.
type Case = (&'static str, f64);

#[test]
fn different_quantities_get_different_keys() {
    let pairs: &[(Case, Case)] = &[
        (
            ("There are 40 million broadband subscribers.", 40e6),
            ("There are 40 million cellular subscribers.", 40e6),
        ),
        (
            ("Nine projects have been completed.", 9.0),
            ("Nine projects are under construction.", 9.0),
        ),
        (
            ("Nine projects are under construction.", 9.0),
            ("Nine projects are in the pipeline.", 9.0),
        ),
        (
            ("Domestic sales reached 52,318 units.", 52318.0),
            ("Overseas sales reached 52,318 units.", 52318.0),
        ),
        (
            ("The council has 1,200 seats on offer.", 1200.0),
            ("That means 1,200 seats are still vacant.", 1200.0),
        ),
        (
            ("Twelve energy projects have been completed.", 12.0),
            ("Twelve projects have been completed.", 12.0),
        ),
        (
            ("The country has 3 million fixed-line subscribers.", 3e6),
            ("The country has 3 million mobile subscribers.", 3e6),
        ),
        (
            ("Broadband penetration was 55pc in May.", 55.0),
            ("Mobile teledensity was 55pc in May.", 55.0),
        ),
        (
            ("Users rose by 1.5 million in May.", 1.5e6),
            ("Users reached 1.5 million in May.", 1.5e6),
        ),
        (
            ("Eight projects worth $5bn are complete.", 5e9),
            ("Eight projects worth $5bn are complete.", 8.0),
        ),
        (
            ("The allocation stands at $8 billion.", 8e9),
            ("Spending reached $8 billion.", 8e9),
        ),
        (
            ("Debt stood at 64 percent of GDP.", 64.0),
            ("The deficit stood at 64 percent of GDP.", 64.0),
        ),
    ];
    for ((a, va), (b, vb)) in pairs {
        assert_ne!(key_of(a, *va), key_of(b, *vb), "{a:?} vs {b:?}");
    }
}

#[test]
fn anaphora_inherit_the_counted_thing() {
    let text = "The plan lists 30 priority energy projects. Eleven of them are complete, while nine others are under construction.";
    assert_eq!(
        key_of(text, 11.0),
        key_of("Eleven energy projects are complete.", 11.0)
    );
    assert_eq!(
        key_of(text, 9.0),
        key_of("Nine energy projects are under construction.", 9.0)
    );
    let equal =
        claims("Eight bridges have been finished and an equal number are still being built.");
    assert_eq!(equal.len(), 2, "{equal:?}");
    assert!(close(equal[1].value, 8.0) && equal[0].key != equal[1].key);
}

#[test]
fn values_attach_to_the_counted_thing() {
    let text = "Twenty of them, worth roughly $7bn, have been completed, while 14 others valued at $3bn are still under construction.";
    let prelude = "The corridor includes 50 projects. ";
    let got = claims(&format!("{prelude}{text}"));
    let key = |v: f64| {
        got.iter()
            .find(|c| close(c.value, v))
            .map(|c| c.key.clone())
            .unwrap_or_default()
    };
    assert!(
        key(7e9).starts_with("completed") && key(7e9).ends_with("|USD"),
        "{got:?}"
    );
    assert!(
        key(3e9).starts_with("under-construction") && key(3e9).ends_with("|USD"),
        "{got:?}"
    );
}

#[test]
fn lexicon_names_and_synonyms() {
    let lexicon = Lexicon {
        quantities: vec![NamedQuantity {
            name: "finished bridges".into(),
            unit: Some("count".into()),
            terms: vec!["bridges completed".into()],
        }],
        synonyms: vec![("flyover".into(), "bridge".into())],
    };
    let got = extract_claims(
        "Officials said 14 bridges completed this year.",
        published(),
        &lexicon,
    );
    assert_eq!(got[0].key, "finished bridges");
    let a = extract_claims("There are 12 flyovers in the city.", published(), &lexicon);
    let b = extract_claims("There are 12 bridges in the city.", published(), &lexicon);
    assert_eq!(a[0].key, b[0].key);
}

#[test]
fn sentence_is_quoted_from_the_text() {
    let text = "First line without figures.\n\nThe port handled 1.2 million containers. It employs 900 people.";
    let got = claims(text);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].sentence, "The port handled 1.2 million containers.");
    assert_eq!(got[1].sentence, "It employs 900 people.");
    assert!(text.contains(&got[1].sentence));
}

#[test]
fn serde_shape() {
    let got = claims("Over 500 stores opened in 2023 across the province.");
    let json = serde_json::to_value(&got[0]).expect("claim serialises");
    assert_eq!(json["qualifier"], "over");
    assert_eq!(json["as_of"], "2023-09-20");
    assert_eq!(json["kind"], "actual");
    assert!(json.get("value_max").is_none());
    let exact = serde_json::to_value(&claims("There are 12 parks.")[0]).expect("claim serialises");
    assert_eq!(exact["qualifier"], "");
}

/// Reporting periods: a quarterly and a cumulative figure of one quantity are
/// different quantities; quarters worded differently are one (the first
/// is marked `q1`, which the diff pairs with either); spans counted
/// from the year's start (half-year, nine months, ten months) are one
/// cumulative quantity, apart from rolling spans and second halves; annual
/// and unstated periods keep the key they had before periods were read.
#[test]
fn reporting_periods_separate_quantities() {
    let same: &[&[Case]] = &[
        &[
            ("Net sales in the third quarter were $2.1 billion.", 2.1e9),
            ("Q2 net sales rose to $2.3 billion.", 2.3e9),
            (
                "The retailer reported quarterly net sales of $2.2 billion.",
                2.2e9,
            ),
            (
                "Net sales for the three months to June were $2.4 billion.",
                2.4e9,
            ),
            (
                "Net sales for the April-June quarter came in at $2.5 billion.",
                2.5e9,
            ),
        ],
        &[
            ("Net sales in the first half were $4.4 billion.", 4.4e9),
            (
                "Net sales for the six months ended June 30 reached $4.5 billion.",
                4.5e9,
            ),
            ("Half-year net sales were $4.6 billion.", 4.6e9),
            ("Net sales for the half reached $4.7 billion.", 4.7e9),
            (
                "Net sales in the first nine months were $6.9 billion.",
                6.9e9,
            ),
            ("Net sales for July-March totalled $7 billion.", 7e9),
            ("Net sales in January-November came to $8 billion.", 8e9),
        ],
        // A span from the year's start of unstated length.
        &[
            ("Road deaths in the first half were 41.", 41.0),
            ("Road deaths so far this year reached 63.", 63.0),
            ("Road deaths since January 1 reached 70.", 70.0),
            ("Road deaths since the start of January reached 72.", 72.0),
            ("Road deaths in the year to date were 75.", 75.0),
            ("Road deaths have climbed to 80 this year.", 80.0),
            (
                "Police recorded 1,262 road deaths and 14 arrests so far this year.",
                1262.0,
            ),
        ],
        &[
            ("Income after tax for the quarter was $300 million.", 3e8),
            ("Quarterly after-tax income was $310 million.", 3.1e8),
        ],
    ];
    for group in same {
        let keys: Vec<String> = group.iter().map(|(t, v)| key_of(t, *v)).collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]), "{keys:?}");
    }
    let differ: &[(Case, Case)] = &[
        (
            ("Road deaths so far this year reached 63.", 63.0),
            ("Road deaths in September reached 9.", 9.0),
        ),
        (
            ("Road deaths since January 1 reached 70.", 70.0),
            ("Road deaths since January 2023 reached 700.", 700.0),
        ),
        (
            ("Road deaths have climbed to 80 this year.", 80.0),
            ("Road deaths climbed to 90 this year.", 90.0),
        ),
        // "has" as a verb of its own is not a perfect tense.
        (
            ("Road deaths have climbed to 80 this year.", 80.0),
            ("The region has 95 road deaths this year.", 95.0),
        ),
        (
            ("Net sales in the first quarter were $2.1 billion.", 2.1e9),
            ("Net sales in the first half were $4.4 billion.", 4.4e9),
        ),
        (
            (
                "Operating profit for the October-December quarter was Rs 5 billion.",
                5e9,
            ),
            (
                "Operating profit for the nine months to March was Rs 14 billion.",
                14e9,
            ),
        ),
        (
            ("Net sales in the first half were $4.4 billion.", 4.4e9),
            ("Net sales in the second half were $4.7 billion.", 4.7e9),
        ),
        (
            ("Net sales in the first half were $4.4 billion.", 4.4e9),
            (
                "Net sales over the past six months were $4.5 billion.",
                4.5e9,
            ),
        ),
        (
            ("Net sales for the year were $9.1 billion.", 9.1e9),
            ("Net sales in the first half were $4.4 billion.", 4.4e9),
        ),
    ];
    for ((a, va), (b, vb)) in differ {
        assert_ne!(key_of(a, *va), key_of(b, *vb), "{a:?} vs {b:?}");
    }
    // Annual, monthly and unstated periods, a level at the end of a period,
    // and spans that are not reporting periods keep the plain key.
    let plain: &[(Case, &str)] = &[
        (
            ("Net sales for the year were $9.1 billion.", 9.1e9),
            "net revenue|USD",
        ),
        (("Net sales were $9.1 billion.", 9.1e9), "net revenue|USD"),
        (
            ("Net sales in October were $0.8 billion.", 0.8e9),
            "net revenue|USD",
        ),
        (
            (
                "Inventories stood at $1 billion at the end of the first half.",
                1e9,
            ),
            "inventory|USD",
        ),
        (
            (
                "The clinic vaccinated 900 children aged nine months to 5 years.",
                900.0,
            ),
            "child|count",
        ),
        (
            ("Nearly a quarter of the 800 farms were flooded.", 800.0),
            "farm|count",
        ),
    ];
    for ((text, v), want) in plain {
        assert_eq!(key_of(text, *v), *want, "{text:?}");
    }
}

/// "X after Y" / "X before Y" compounds keep X as the head; a "-s" verb
/// before "to" and a bare verb is a verb, and money moved "in" a noun is an
/// amount of that noun.
#[test]
fn compounds_and_infinitives() {
    let same: &[&[Case]] = &[
        &[
            ("Profit after tax was Rs 18 billion.", 18e9),
            ("The firm's after-tax profit rose to Rs 19 billion.", 19e9),
            ("The firm earned a profit after tax of Rs 20 billion.", 20e9),
        ],
        &[
            ("Earnings before interest came to $40 million.", 4e7),
            (
                "The group reported earnings before interest of $41 million.",
                4.1e7,
            ),
        ],
        &[
            ("The agency plans to raise $1 billion in new debt.", 1e9),
            (
                "The authority expects to borrow $1.1 billion in new debt.",
                1.1e9,
            ),
            ("New debt reached $1.2 billion.", 1.2e9),
        ],
    ];
    for group in same {
        let keys: Vec<String> = group.iter().map(|(t, v)| key_of(t, *v)).collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]), "{keys:?}");
    }
    let differ: &[(Case, Case)] = &[
        (
            ("Profit after tax was Rs 18 billion.", 18e9),
            ("Profit before tax was Rs 18 billion.", 18e9),
        ),
        (
            ("Profit after tax was Rs 18 billion.", 18e9),
            ("Tax was Rs 18 billion.", 18e9),
        ),
    ];
    for ((a, va), (b, vb)) in differ {
        assert_ne!(key_of(a, *va), key_of(b, *vb), "{a:?} vs {b:?}");
    }
    assert_eq!(
        key_of(
            "The district expects to collect Rs 40 billion in water charges.",
            40e9
        ),
        "water charge|PKR"
    );
    assert!(!key_of("The district expects to collect Rs 40 billion.", 40e9).contains("expect"));
    // Nouns before "to" stay nouns.
    assert_eq!(
        key_of("Loans to farmers reached Rs 5 billion.", 5e9),
        "loan|PKR"
    );
}

/// An acronym that names a quantity (EBITDA, EVs, ICU beds) stays in the
/// key; one that names a body (an agency, a company) does not.
#[test]
fn quantity_acronyms_stay_in_keys() {
    let cases: &[(&str, f64, &str)] = &[
        (
            "Adjusted EBITDA more than doubled to $611 million.",
            611e6,
            "ebitda",
        ),
        ("Sales of EVs rose to 52,000 in March.", 52_000.0, "ev"),
        ("The hospital has 48 ICU beds.", 48.0, "icu"),
    ];
    for (text, value, word) in cases {
        let key = key_of(text, *value);
        assert!(
            key.split(['|', ' '])
                .any(|w| w.trim_end_matches('s') == *word),
            "{text:?}: {key}"
        );
    }
    let key = key_of("MREDA approved 401,500 applications.", 401_500.0);
    assert!(!key.contains("mreda"), "{key}");
}
