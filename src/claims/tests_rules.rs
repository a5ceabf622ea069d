//! Unit tests of the general rules that name a figure's quantity from the
//! words around it: casualties and the displaced, collections, irregular
//! plurals, "total" as a verb, shares "as a share of", percentage changes,
//! money from sales, estimates, the undecided status, and which figure a
//! period or a plan word belongs to. Every sentence here is written for the
//! tests.

use super::*;

/// (sentence, value, expected key) rows.
const KEYS: &[(&str, f64, &str)] = &[
    // People counted as deaths or the displaced, by a word anywhere in
    // their clause.
    (
        "The number of people killed in the storm has risen to 52.",
        52.0,
        "death|count",
    ),
    (
        "Only 37 people have died since the storm.",
        37.0,
        "death|count",
    ),
    (
        "The river has displaced about 2.1 lakh people in four districts.",
        210_000.0,
        "displaced people|count",
    ),
    (
        "The number of people forced from their homes has climbed to nearly 260,000.",
        260_000.0,
        "displaced people|count",
    ),
    // Each figure's own verb, before it, names its harm; "the number of
    // injured" counts injuries.
    (
        "A quake struck, killing at least 14 people and injuring more than 280.",
        280.0,
        "injury|count",
    ),
    (
        "The quake killed at least 14 people and injured more than 280.",
        14.0,
        "death|count",
    ),
    (
        "The death toll rose to 31 and the number of injured to 412.",
        412.0,
        "injury|count",
    ),
    // Money saved is savings; a bare verb after a modal is not a head.
    (
        "The merger will save the group about $40 million a year.",
        4e7,
        "saving|USD",
    ),
    (
        "The budget assumed the levy would raise 3.9 billion cedis.",
        3.9e9,
        "levy|GHS",
    ),
    (
        "Officials said 286 camps were housing 64,500 people.",
        64_500.0,
        "people|count",
    ),
    // A collection counted by its members is the collection's size.
    (
        "The metro's fleet of 64 trainsets ran on time.",
        64.0,
        "trainset fleet|count",
    ),
    (
        "The bank has a network of 612 branches.",
        612.0,
        "branch network|count",
    ),
    (
        "Six trainsets entered service, lifting the fleet to 70.",
        70.0,
        "fleet|count",
    ),
    // A later value of the phrase an earlier figure counts.
    (
        "Its fleet of 42 aircraft will grow to 48 by the end of next year.",
        48.0,
        "aircraft fleet|count",
    ),
    // Irregular plurals, a plural after "are", "total" as a verb.
    ("Of them, 35.6 lakh are men.", 3_560_000.0, "man|count"),
    // A physical amount of a value head is that value.
    (
        "Together the systems have 1,034 megawatts of capacity.",
        1034.0,
        "capacity|MW",
    ),
    // "those" counted by what happened to them, in a clause of its own.
    (
        "Deaths rose to 52, while the count of those forced from their homes has climbed to 260,000.",
        260_000.0,
        "displaced people|count",
    ),
    // Two modifiers joined by "and" before one head.
    (
        "The state has released Rs 1,486 crore in central and state subsidy.",
        14_860_000_000.0,
        "central state subsidy|PKR",
    ),
    // A time after the figure is not what it counts.
    (
        "Visitors numbered 1.2 million last year.",
        1_200_000.0,
        "visitor|count",
    ),
    // Synonyms of general economic news.
    (
        "The jobless rate fell to 4.2%.",
        4.2,
        "unemployment|percent",
    ),
    ("Borrowings rose to 40 million euros.", 4e7, "debt|EUR"),
    (
        "The economy grew 2.1% in the quarter.",
        2.1,
        "gdp|percent|change",
    ),
    // "alone" ends the phrase it follows.
    (
        "The northern port alone has shipped 521,000 tonnes abroad.",
        521_000.0,
        "northern port|tonnes",
    ),
    // A partitive: the plural noun after "be" names the part.
    (
        "Eleven of those killed were motorcyclists.",
        11.0,
        "motorcyclist|count",
    ),
    ("Three of the victims were children.", 3.0, "child|count"),
    // Synonyms: one road user, one penalty.
    (
        "The dead include 17 motorcycle riders.",
        17.0,
        "motorcyclist|count",
    ),
    (
        "Police issued 18,240 speeding infringement notices.",
        18_240.0,
        "speeding ticket|count",
    ),
    (
        "The clinics saw 32.8 lakh women and 1,146 others.",
        3_280_000.0,
        "woman|count",
    ),
    (
        "Some 212,000 children found to be undernourished got supplements.",
        212_000.0,
        "child|count",
    ),
    (
        "Female voters now total 33.18 lakh.",
        3_318_000.0,
        "female voter|count",
    ),
    // "X as a share of Y" is X's share; bad loans are non-performing loans.
    (
        "Bad loans as a share of the book edged up to 5.4 per cent.",
        5.4,
        "loan non-performing share|percent",
    ),
    // A percentage change is the change of the figure before it.
    (
        "The airline flew 10,930,000 passengers between January and September, up 8.7 per cent on the previous year.",
        8.7,
        "passenger|percent|ytd|change",
    ),
    // Money from sales is revenue; an estimate is the thing estimated.
    (
        "Sales for the nine months came to 2.02 billion euros.",
        2.02e9,
        "revenue|EUR|ytd",
    ),
    (
        "The service revised its production estimate down to 22.8 million tonnes.",
        22.8e6,
        "production|tonnes",
    ),
    // A period stated after the next figure is that figure's.
    (
        "The airline posted an operating profit of €96 million, compared with €61 million in the first half of last year.",
        96e6,
        "operating profit|EUR",
    ),
    (
        "The branch network expanded to 631, with 19 branches opened in the first half.",
        631.0,
        "branch network|count",
    ),
    // An earlier value has the period of the value it precedes.
    (
        "The airline lifted its seat occupancy to 86 per cent, from 84.1 per cent at the half-year stage.",
        84.1,
        "seat occupancy|percent",
    ),
    // "year on year" is an adverbial, not the figure's noun.
    (
        "Revenue for the July-September quarter fell 8% year on year to $31.4 billion.",
        31.4e9,
        "revenue|USD",
    ),
    (
        "Revenue rose 8% quarter-on-quarter to $31.4 billion.",
        31.4e9,
        "revenue|USD",
    ),
    // A progressive before its figure is a verb, not the figure's noun.
    (
        "The company is spending $2.5 billion on a second plant.",
        2.5e9,
        "company|USD",
    ),
    // A verb after an apposition; a pronoun for the earlier figure's subject.
    (
        "The flood appeal, launched in May, seeks $188 million; it is 31 per cent funded.",
        188e6,
        "flood appeal|USD",
    ),
    (
        "The flood appeal, launched in May, seeks $188 million; it is 31 per cent funded.",
        31.0,
        "flood appeal|percent",
    ),
    // The rate of change of sales beside their money is revenue's.
    (
        "Sales in the October-December period climbed 17% to 3.95 billion euros.",
        17.0,
        "revenue|percent|change",
    ),
    (
        "Car sales climbed 17% to 41,000 vehicles.",
        17.0,
        "vehicle sale|percent|change",
    ),
    // A part counts the whole it is of.
    (
        "Twenty of the asteroids were hazardous.",
        20.0,
        "asteroid|count",
    ),
    // "compares" is a verb: no subject is better than "compare".
    (
        "That compares with 530,000 hectares in the whole of last season.",
        530_000.0,
        "quantity|hectares",
    ),
    // A participle after its noun modifies it as it would before it.
    (
        "Premiums written grew 6.8% in the quarter.",
        6.8,
        "written premium|percent|change",
    ),
    // A time adverbial with a qualifier is no subject either.
    (
        "Management has trimmed its attendance forecast for this fiscal year to 2.5 million.",
        2.5e6,
        "attendance forecast|count",
    ),
    // "expects" is the verb, not a modifier of the figure's noun.
    (
        "The developer now expects revenue of $135 billion for the year.",
        135e9,
        "revenue|USD",
    ),
    // "up from a low of X": the earlier level of the same quantity.
    (
        "O-negative supplies stood at 2.6 days, up from a low of 1.4 days in mid-July.",
        1.4,
        "o-negative supply|days",
    ),
    // "its earlier goal of X": the plan the figure before it replaced.
    (
        "It now expects to end 2026 with 17 million subscribers, below its earlier goal of 18 million.",
        18e6,
        "subscriber|count",
    ),
    // The part that holds a share names it.
    (
        "Women hold 30% of the board seats.",
        30.0,
        "woman share|percent",
    ),
    (
        "Foreign investors own 21% of the shares.",
        21.0,
        "foreign investor share|percent",
    ),
    // A share's owner names it; a capitalised owner is a name.
    (
        "Loading rose, while coal's share of volumes eased to 54 per cent.",
        54.0,
        "coal volume share|percent",
    ),
    (
        "Exports grew, and Pakistan's share of exports rose to 5%.",
        5.0,
        "export share|percent",
    ),
    // A change has the period of the level it moved to.
    (
        "Exports slipped 3% to $301 million in the first half of the year.",
        3.0,
        "export|percent|ytd|change",
    ),
    // A named earlier level is a value of the figure it is set against.
    (
        "The worst reading was 347 micrograms, topping the previous high of 312.",
        312.0,
        "worst reading|ug",
    ),
    (
        "In all 31,400 salmon escaped, up from a first estimate of about 27,000.",
        27_000.0,
        "salmon|count",
    ),
    (
        "The escape will cost $85 million, against an early estimate of 60 million.",
        60e6,
        "spending|USD",
    ),
    // So have the level and its equivalent in brackets.
    (
        "Pre-tax profit jumped 79% to 231.9 billion naira ($155 million) in the first nine months of 2025.",
        231.9e9,
        "before-tax profit|NGN|ytd",
    ),
    // A figure right before a phrase counts it; a figure further left does not.
    (
        "Net debt was cut to $1.12bn after the firm sold a 20% stake for $95 million.",
        95e6,
        "stake|USD",
    ),
];

#[test]
fn subjects_from_general_rules() {
    for (text, value, want) in KEYS {
        let got = claims(text);
        let c = got
            .iter()
            .find(|c| close(c.value, *value))
            .unwrap_or_else(|| panic!("{text:?}: no {value} in {got:?}"));
        assert_eq!(c.key, *want, "{text:?}");
    }
}

/// (sentence, value, kind, qualifier, as_of) rows: an estimate is a report,
/// a comparison ends a plan word's reach, "pushed X up to" is no maximum,
/// a comparison with "the previous year" does not date the figure, and a
/// month in the future tense is the coming one.
#[test]
fn kinds_qualifiers_and_dates() {
    let d = NaiveDate::from_ymd_opt;
    let rows: &[(&str, f64, ClaimKind, Qualifier, Option<NaiveDate>)] = &[
        (
            "The service estimates this year's wheat output at 2.31 crore tonnes.",
            23.1e6,
            ClaimKind::Actual,
            Qualifier::Exact,
            published(),
        ),
        (
            "Trains ran on time 96.2 per cent of the time, against a target of 95 per cent.",
            96.2,
            ClaimKind::Actual,
            Qualifier::Exact,
            published(),
        ),
        (
            "Trains ran on time 96.2 per cent of the time, against a target of 95 per cent.",
            95.0,
            ClaimKind::Target,
            Qualifier::Exact,
            published(),
        ),
        (
            "Snowmelt has pushed the level of the reservoir up to 1,441.3ft.",
            1441.3,
            ClaimKind::Actual,
            Qualifier::Exact,
            published(),
        ),
        // A budget for a coming year is that year's plan.
        (
            "The draft budget for 2024 sets health spending at 247.8 billion zlotys.",
            247.8e9,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2024, 12, 31),
        ),
        (
            "Each train can carry up to 300 passengers.",
            300.0,
            ClaimKind::Actual,
            Qualifier::UpTo,
            published(),
        ),
        (
            "The airline flew 10,930,000 passengers, up 8.7 per cent on the previous year.",
            8.7,
            ClaimKind::Change,
            Qualifier::Exact,
            published(),
        ),
        (
            "Voting will be held in all 150 wards on November 16.",
            150.0,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2023, 11, 30),
        ),
        // A forecast in the present tense looks ahead too.
        (
            "The developer now expects revenue of $135 billion for the year to December 31.",
            135e9,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2023, 12, 31),
        ),
        // "up" as a verb's particle is no change; after a be-verb it is.
        (
            "The survey also picked up three comets.",
            3.0,
            ClaimKind::Actual,
            Qualifier::Exact,
            published(),
        ),
        (
            "Profits were up 12% in the quarter.",
            12.0,
            ClaimKind::Change,
            Qualifier::Exact,
            published(),
        ),
        // "could not" is a past inability, not a possibility; "aiming for"
        // is a plan.
        (
            "Some 14 per cent of the waste could not be recycled.",
            14.0,
            ClaimKind::Actual,
            Qualifier::Around,
            published(),
        ),
        (
            "The museum was aiming for 2.6 million visitors.",
            2.6e6,
            ClaimKind::Target,
            Qualifier::Exact,
            published(),
        ),
        // A second verb of intention after the figure is not its cue.
        (
            "Engineers have repaired 86 wells and aim to have 150 working by June.",
            86.0,
            ClaimKind::Actual,
            Qualifier::Exact,
            published(),
        ),
        // "had forecast" is past: its month is the last one.
        (
            "Revenue reached $14.2 billion, just above the $14.1 billion it had forecast in November.",
            14.1e9,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2022, 11, 30),
        ),
        // A list after a colon belongs to the forecast the colon follows,
        // with its period.
        (
            "The company reiterated its forecast for the year ending March 2024: revenue of $128 billion and operating profit of $24 billion.",
            24e9,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2024, 3, 31),
        ),
        (
            "The company reported its results for the year ending March 2023: revenue of $128 billion.",
            128e9,
            ClaimKind::Actual,
            Qualifier::Exact,
            published(),
        ),
        // What someone wants or hoped for is a goal; "for the year" dates a
        // forecast at the year's end.
        (
            "Crews reached 66.1% of calls, still short of the 80% the Government wants.",
            80.0,
            ClaimKind::Target,
            Qualifier::Exact,
            published(),
        ),
        (
            "The festival drew 171,500 people, short of the 180,000 they had hoped for.",
            180_000.0,
            ClaimKind::Target,
            Qualifier::Exact,
            published(),
        ),
        (
            "The company kept its forecast of 4.2 billion zlotys in revenue for the year.",
            4.2e9,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2023, 12, 31),
        ),
        // "by the end of 2026": the year's last day, a plan ahead.
        (
            "The company reiterated its goal of reaching 18 million subscribers by the end of 2026.",
            18e6,
            ClaimKind::Target,
            Qualifier::Exact,
            d(2026, 12, 31),
        ),
        (
            "Output reached 5 million tonnes by mid-2023.",
            5e6,
            ClaimKind::Actual,
            Qualifier::Exact,
            d(2023, 6, 30),
        ),
        // A value compared with a dated figure is older than that figure,
        // not a month before the report.
        (
            "Traps caught rats at 4 per cent of sites in June, compared with 38 per cent before the project began.",
            38.0,
            ClaimKind::Actual,
            Qualifier::Exact,
            d(2023, 5, 31),
        ),
        // "higher than the X": the earlier value of the quantity compared;
        // a date stated for the clause is the later figure's.
        (
            "Final figures put donations in the year to March 31 at ¥21.9 billion, higher than the ¥21.4 billion shown in the first count.",
            21.4e9,
            ClaimKind::Actual,
            Qualifier::Exact,
            d(2023, 2, 28),
        ),
        (
            "Traps caught rats at 4 per cent of sites, compared with 38 per cent before the project began.",
            38.0,
            ClaimKind::Actual,
            Qualifier::Exact,
            d(2023, 8, 20),
        ),
    ];
    for (text, value, kind, q, as_of) in rows {
        let got = claims(text);
        let c = got
            .iter()
            .find(|c| close(c.value, *value))
            .unwrap_or_else(|| panic!("{text:?}: no {value} in {got:?}"));
        assert_eq!(
            (c.kind, c.qualifier, c.as_of),
            (*kind, *q, *as_of),
            "{text:?}"
        );
    }
}

/// Cases, claims or applications not yet decided are a status of their own,
/// however the sentence says so.
#[test]
fn undecided_is_a_status() {
    let key = |text: &str, value: f64| {
        let got = claims(text);
        got.iter()
            .find(|c| close(c.value, value))
            .unwrap_or_else(|| panic!("{text:?}: no {value} in {got:?}"))
            .key
            .clone()
    };
    let pending = key(
        "There were 582,316 cases pending across all courts.",
        582_316.0,
    );
    assert_eq!(
        pending,
        key("The number of pending cases fell to 561,940.", 561_940.0)
    );
    assert!(pending.starts_with("pending "), "{pending}");
    assert!(
        key("Cases awaiting a hearing fell to 561,940.", 561_940.0).starts_with("pending "),
        "awaiting"
    );
    assert_ne!(
        pending,
        key("Courts heard 582,316 cases in May.", 582_316.0)
    );
}
