//! Unit tests of phrase-level subject rules: examples and coordinations
//! that are not what is counted, a sign word after a copula, a period as
//! the object of a status verb, a plan's object, and business synonyms.

use super::*;

/// The claim of `text` whose value is `value`.
fn claim_of(text: &str, value: f64) -> Claim {
    let got = claims(text);
    got.iter()
        .find(|c| close(c.value, value))
        .cloned()
        .unwrap_or_else(|| panic!("{text:?}: no {value} in {got:?}"))
}

/// (sentence, value, expected key) rows.
#[test]
fn phrase_rules_name_the_counted_thing() {
    let rows: &[(&str, f64, &str)] = &[
        // The first of "A and other B" is what the figure counts.
        (
            "Player wages and other staff costs rose to $44.6 million.",
            44.6e6,
            "player wage|USD",
        ),
        // Money set against another currency is an exchange rate, in the
        // currency the sentence names.
        (
            "With the naira steadier at about 1,498 per dollar, losses shrank.",
            1498.0,
            "dollar exchange rate|NGN",
        ),
        (
            "Nigeria's debt fell as the naira recovered to around N1,530 to the dollar.",
            1530.0,
            "dollar exchange rate|NGN",
        ),
        // A price by the pound is not a rate against sterling.
        (
            "The board set the bulk price at C$3.52 a pound.",
            3.52,
            "bulk price|CAD",
        ),
        // People counted by what they did are visitors, patients.
        (
            "By Dec. 10, 68,400 people had visited the sanctuaries.",
            68_400.0,
            "visitor|count",
        ),
        (
            "Clinics counted 61,000 people treated for breathing problems.",
            61_000.0,
            "patient|count",
        ),
        // What a thing cost is the spending on it.
        (
            "Their total cost has risen to 8.9 billion krónur.",
            8.9e9,
            "spending|ISK",
        ),
        // A span between two months after the subject is not the subject.
        (
            "Exports between April and December totalled 14.6 lakh tonnes.",
            1.46e6,
            "export|tonnes|ytd",
        ),
        // A percentage right before a charge or a holding is that rate.
        (
            "The trade ministry imposed a 40% duty on onion exports.",
            40.0,
            "export onion duty|percent",
        ),
        (
            "The firm bought a 20% stake in the mine.",
            20.0,
            "mine stake|percent",
        ),
        // Dollar-denominated debt is dollar debt.
        (
            "Dollar-denominated debt fell to $215 million.",
            215e6,
            "dollar debt|USD",
        ),
        // A house is a home; shipments are exports.
        ("Lava has destroyed 14 houses.", 14.0, "home|count"),
        (
            "Garment shipments rose to $39 billion.",
            39e9,
            "garment export|USD",
        ),
        // Freight is cargo.
        (
            "The airport moved 9,800 tonnes of freight.",
            9800.0,
            "cargo|tonnes",
        ),
        // An order backlog is the order book.
        (
            "The order backlog rose to $38.2 billion.",
            38.2e9,
            "order book|USD",
        ),
        (
            "Its order book stood at $40.6 billion.",
            40.6e9,
            "order book|USD",
        ),
        // Money a thing earns, for whomever, is its earnings.
        (
            "The fruit has earned the country Sh14.2 billion so far.",
            14.2e9,
            "earning|KES",
        ),
        ("The tour earned them $5 million.", 5e6, "earning|USD"),
        // And what a thing would cost someone is its cost, in any tense.
        (
            "The offer would cost the state 3.4 billion zlotys.",
            3.4e9,
            "spending|PLN",
        ),
        // A figure in a "whose" or "of whom" phrase counts the thing
        // before the phrase's comma.
        (
            "Patrols now work alongside local hunters, whose numbers have risen to 1,340.",
            1340.0,
            "local hunter|count",
        ),
        (
            "Delivery riders, of whom there are about 200,000 in the city, may keep their bikes.",
            200_000.0,
            "delivery rider|count",
        ),
        (
            "The club has 1,280 licensed hunters, more than 60 per cent of whom are retired.",
            60.0,
            "hunter licensed share|percent",
        ),
        // A noun that only ends in "-ing" is no gerund.
        (
            "The legal ceiling on rent rises has fallen to 37.9%.",
            37.9,
            "legal ceiling|percent",
        ),
        // A rate's "a year" or "per day" is not what is counted or measured.
        (
            "Rules permit the culling of up to 1,500 a year.",
            1500.0,
            "culling|count",
        ),
        (
            "The mill's output per day reached 4,000 tonnes.",
            4000.0,
            "production|tonnes",
        ),
        // Money earmarked or set aside is a budget, whoever put it by.
        (
            "The city has earmarked VND 2.3 trillion for the scheme.",
            2.3e12,
            "budget|VND",
        ),
        (
            "The council set aside 120 million yen for patrols.",
            120e6,
            "budget|JPY",
        ),
        // So is money released for a purpose.
        (
            "The government has released DH 120 million (about $12 million) for the campaign.",
            120e6,
            "budget|AED",
        ),
        // Money spent is spending, whoever spends it.
        (
            "Colombia will spend 7.2 billion pesos this year.",
            7.2e9,
            "spending|COP",
        ),
        (
            "The agency has spent about 12 million euros so far.",
            12e6,
            "spending|EUR",
        ),
        // So money paid out or invested is a payment or an investment.
        (
            "The state has paid out 618 million euros.",
            618e6,
            "payment|EUR",
        ),
        (
            "The fund invested $2 billion in bonds.",
            2e9,
            "investment|USD",
        ),
        // "accounts for" before a figure is the verb, not the subject's
        // noun; before anything else it stays a noun.
        (
            "The Paris region now accounts for 18% of admissions.",
            18.0,
            "region share|percent",
        ),
        (
            "Exports account for about 40% of output.",
            40.0,
            "export share|percent",
        ),
        (
            "Mobile wallet accounts for women rose to 2 million.",
            2e6,
            "cellular wallet account|count",
        ),
        // Examples after "such as" are not the subject.
        (
            "Multi-unit projects such as condominium towers and rentals rose to 183,600.",
            183_600.0,
            "multi-unit project|count",
        ),
        // "was a profit of": the sign, not the quantity.
        (
            "Adjusted EBITDA was a profit of $286 million, against a loss a year earlier.",
            286e6,
            "adjusted ebitda|USD",
        ),
        (
            "The trust's operating result was a deficit of $12 million.",
            12e6,
            "operating result|USD",
        ),
        // A status verb with a period as its object gives no status.
        (
            "The chain finished 2024 with 1,262 coffee shops.",
            1262.0,
            "coffee store|count",
        ),
        (
            "The builder completed the year with 86 sites.",
            86.0,
            "site|count",
        ),
        // ... but a status verb with what it counts still does.
        (
            "The authority has completed 38 projects.",
            38.0,
            "completed project|count",
        ),
        // EBITDA spelled out, with its qualifier.
        (
            "Adjusted earnings before interest, taxes, depreciation and amortization were $238.6 million.",
            238.6e6,
            "adjusted ebitda|USD",
        ),
        // Money with no noun, named by the passive verb that moves it.
        (
            "Of this, $5.9 billion was paid to farmers for their milk.",
            5.9e9,
            "payment|USD",
        ),
        (
            "Of that, $40 million has been spent on schools.",
            40e6,
            "spending|USD",
        ),
        (
            "Port data showed 412,000 tonnes had been exported through the east.",
            412_000.0,
            "export|tonnes",
        ),
        // A named place or body that moves an amount is not the amount.
        (
            "Kassaré alone has shipped 521,000 tonnes abroad this season.",
            521_000.0,
            "export|tonnes",
        ),
        (
            "Northfield Mills processed 243,000 tonnes, the regulator said.",
            243_000.0,
            "processing|tonnes",
        ),
        // "cash and (cash) equivalents" is cash.
        (
            "The company ended March with cash and equivalents of $7.9 billion.",
            7.9e9,
            "cash|USD",
        ),
        (
            "Cash and cash equivalents stood at $8.35 billion.",
            8.35e9,
            "cash|USD",
        ),
        // A compared count that names its own thing counts that.
        (
            "Female voters now total 3,318,000, against 3,592,000 men.",
            3_592_000.0,
            "man|count",
        ),
        (
            "Entries rose to 44,930, from 44,500 a week before the race.",
            44_500.0,
            "entry|count",
        ),
        // What a thing has cost so far is money spent.
        (
            "The programme, launched in 2021, has cost $48.6 million so far.",
            48.6e6,
            "spending|USD",
        ),
        (
            "Spending on the programme has climbed to $61.2 million.",
            61.2e6,
            "spending|USD",
        ),
        // Animals killed and things stolen are not the population or the
        // fleet; people killed are deaths.
        (
            "Twenty-three elephants were killed for their ivory in 2023.",
            23.0,
            "killed elephant|count",
        ),
        (
            "Only nine elephants were poached in 2024.",
            9.0,
            "killed elephant|count",
        ),
        (
            "The latest aerial survey found 3,115 elephants.",
            3115.0,
            "elephant|count",
        ),
        (
            "Some 310 bicycles were stolen or damaged beyond repair.",
            310.0,
            "lost bicycle|count",
        ),
        (
            "Eleven of those killed were motorcyclists.",
            11.0,
            "motorcyclist|count",
        ),
        // "brought in" is a verb; "available" says nothing of the quantity.
        ("Park fees brought in $2.4 million.", 2.4e6, "park fee|USD"),
        (
            "The number of bicycles available for hire rose to 2,600.",
            2600.0,
            "bicycle|count",
        ),
        (
            "The renewal program cost $64 million in 2023.",
            64e6,
            "spending|USD",
        ),
        // A prepositional phrase of two joined nouns is not the subject.
        (
            "Crude steel output at the company's Dongsan and Gwangnam works totalled 8.62 million tonnes.",
            8.62e6,
            "crude steel production|tonnes",
        ),
        (
            "Exports to the US and Europe rose to $5 billion.",
            5e9,
            "export|USD",
        ),
        // ... but a second figure's own noun after "and" still is.
        (
            "Petrol output climbed to 10.4 million litres daily and diesel to 5.5 million litres.",
            5.5e6,
            "diesel|litres",
        ),
        // A capital after a dateline's dash opens the sentence.
        (
            "SKOVHAVN, Denmark, Feb 20 (Nordwire) - Journeys on the network climbed to 4.1 million.",
            4.1e6,
            "journey|count",
        ),
        // A figure with no noun of its own, after a change "in" something.
        (
            "The steelmaker reported a 24 per cent fall in operating profit on Thursday, to $388 million from $512 million.",
            388e6,
            "operating profit|USD",
        ),
        // A period in a relative clause about people is not the figure's.
        (
            "The office relied on about 1,150 seasonal planters, many of them students who spend May to August in bush camps.",
            1150.0,
            "seasonal planter|count",
        ),
        // Money lost is a loss, before tax a pre-tax one; "pre-tax" and
        // "before tax" are one word.
        (
            "The club lost £14.3m before tax in the season.",
            14.3e6,
            "before-tax loss|GBP",
        ),
        (
            "The pre-tax loss narrowed to £9.8m.",
            9.8e6,
            "before-tax loss|GBP",
        ),
        (
            "Profit before tax rose to £9.8m.",
            9.8e6,
            "before-tax profit|GBP",
        ),
        (
            "The insurer posted a pretax profit of £9.8m.",
            9.8e6,
            "before-tax profit|GBP",
        ),
        // Attributable profit keeps its plain key.
        (
            "Net income attributable to shareholders was $61 million.",
            61e6,
            "net profit|USD",
        ),
        // A plan's figure measures what the plan is for, and "full-year"
        // says no more than "annual" does.
        (
            "The board has cut its target for full-year exports to $560 million.",
            560e6,
            "export|USD",
        ),
        (
            "The ministry raised its forecast for wheat output to 30 million tonnes.",
            30e6,
            "wheat production|tonnes",
        ),
        // Money a verb asks "for", then "in" what: an amount of that.
        (
            "The board is aiming for $600 million in exports this year.",
            600e6,
            "export|USD",
        ),
        // A name right before the head names a part of the whole; a
        // country's or a city's does not.
        (
            "The Ustyurt herd numbered 150,000 in April.",
            150e3,
            "ustyurt herd|count",
        ),
        (
            "Exports of Kenyan tea reached 5,000 tonnes.",
            5e3,
            "tea export|tonnes",
        ),
        // "which" as the object of a valuing verb stands for the phrase
        // before it.
        (
            "The deaths hit the western herd, which officials now put at 1.71 million.",
            1.71e6,
            "western herd|count",
        ),
        // Animals killed, by the verb before the figure or a participle
        // with its agent after it, are one quantity; animals counted are
        // another.
        (
            "Predators killed a record 7,820 reindeer over the year.",
            7820.0,
            "killed reindeer|count",
        ),
        (
            "Herders filed claims for 4,150 reindeer killed by wolverines.",
            4150.0,
            "killed reindeer|count",
        ),
        (
            "Herders counted 5,000 reindeer in the spring.",
            5000.0,
            "reindeer|count",
        ),
        // A time before "after" is not a compound ("profit after tax").
        (
            "It expects more this year after shipments of $493 million in 2024.",
            493e6,
            "export|USD",
        ),
    ];
    assert_keys(rows);
}

/// A date inside a "since" clause after the figure is when the span began,
/// not the figure's date.
/// A casualty count followed by its own participle is that casualty, not
/// the one counted before it in the sentence.
#[test]
fn a_casualty_count_is_named_by_its_own_participle() {
    let rows = [
        (
            "Four people have been killed and 47 injured in attacks.",
            47.0,
            "injury|count",
        ),
        (
            "Seven people have died in attacks and 66 have been injured.",
            66.0,
            "injury|count",
        ),
        (
            "Two people were hurt and three killed in the blast.",
            3.0,
            "death|count",
        ),
    ];
    assert_keys(&rows);
}

/// An annualised rate is the annual rate under another name.
#[test]
fn an_annualized_rate_is_the_annual_rate() {
    let key = |text: &str, v: f64| claim_of(text, v).key;
    assert_eq!(
        key(
            "The seasonally adjusted annualized rate of starts was 238,450 units.",
            238_450.0
        ),
        key(
            "The seasonally adjusted annual rate of starts climbed to 242,700 units.",
            242_700.0
        )
    );
}

/// Money lost ("lost $5 million", "a loss of $5 million") is an actual
/// loss, not the size of a fall; a count lost is still a change; a word of
/// intention after a comma that opens another clause is not the figure's.
#[test]
fn money_lost_is_a_loss_not_a_change() {
    let rows: &[(&str, f64, ClaimKind)] = &[
        (
            "The carrier lost $52 million in the quarter.",
            52e6,
            ClaimKind::Actual,
        ),
        (
            "The insurer reported a loss of $31 million.",
            31e6,
            ClaimKind::Actual,
        ),
        (
            "The region lost 4,200 jobs in March.",
            4200.0,
            ClaimKind::Change,
        ),
        // A word of intention in a clause the comma opens is not this
        // figure's; one before it is.
        (
            "Spending rose to $74.5 million, as the province put in more money to meet its target.",
            74.5e6,
            ClaimKind::Actual,
        ),
        (
            "The province plans to raise spending to $80 million, as costs climb.",
            80e6,
            ClaimKind::Target,
        ),
    ];
    for (text, value, kind) in rows {
        let c = claim_of(text, *value);
        assert_eq!(c.kind, *kind, "{text:?}");
    }
}

/// A whole the figure before it is part of ("out of a planned 24.5
/// million") takes that figure's unit and subject, is a plan only for its
/// own cue, and a plan is never "so far this year"; what a change noun
/// moves ("an increase in the subsidy to ...") is the subject.
#[test]
fn a_whole_and_a_moved_thing_name_their_figures() {
    let text = "So far this year 19.3 million quintals of fertiliser have arrived, \
                out of a planned 24.5 million, the ministry said.";
    let part = claim_of(text, 19.3e6);
    let whole = claim_of(text, 24.5e6);
    assert_eq!(part.unit, "quintals");
    assert_eq!(part.kind, ClaimKind::Actual, "{part:?}");
    assert_eq!(part.key, "fertiliser|quintals|ytd");
    assert_eq!(whole.unit, "quintals");
    assert_eq!(whole.kind, ClaimKind::Target, "{whole:?}");
    assert_eq!(whole.key, "fertiliser|quintals");
    let c = claim_of(
        "Parliament approved an increase in the fertiliser subsidy to 95 billion birr.",
        95e9,
    );
    assert_eq!(c.key, "fertiliser subsidy|ETB");
    let c = claim_of(
        "The cabinet approved a rise in the minimum wage to Rs 37,000.",
        37e3,
    );
    assert_eq!(c.key, "minimum wage|PKR");
}
