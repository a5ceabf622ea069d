//! Tests of pairing on the evidence of a modest move: by unit alone, the
//! figures two versions of one story leave over, each the other's only
//! candidate; and by less wording in common for a value near the old one.

use super::*;
use chrono::NaiveDate;

use crate::claims::{ClaimKind, Qualifier};
use crate::diff::{ChangeKind, carry_keys, diff_claims};

/// A reported figure whose subject is its key's first part.
pub(super) fn claim(key: &str, value: f64, unit: &str, sentence: &str) -> Claim {
    let subject = key.split('|').next().unwrap_or_default();
    super::tests::claim(subject, key, value, unit, sentence)
}

/// Whether the diff of `old` against `new` reports `old`'s value changed.
pub(super) fn pairs(old: &Claim, new: &[Claim]) -> bool {
    diff_claims(std::slice::from_ref(old), new)
        .iter()
        .any(|c| c.kind == ChangeKind::Changed && c.old == Some(old.value))
}

fn target(mut c: Claim) -> Claim {
    c.kind = ClaimKind::Target;
    c
}

/// (case, old leftovers, new leftovers, expected pairs by index).
type Case = (&'static str, Vec<Claim>, Vec<Claim>, Vec<(usize, usize)>);

#[test]
fn a_lone_figure_of_one_unit_pairs_with_the_other_lone_one() {
    let gate = claim(
        "gate collection|KES",
        1.9e9,
        "KES",
        "Gate collections reached Sh1.9 billion.",
    );
    let fees = claim(
        "park fee|KES",
        2.4e9,
        "KES",
        "Park fees brought in 2.4 billion shillings.",
    );
    let cases: Vec<Case> = vec![
        (
            "lone on both sides",
            vec![gate.clone()],
            vec![fees.clone()],
            vec![(0, 0)],
        ),
        (
            "moved too far for the unit alone",
            vec![gate.clone()],
            vec![claim("park fee|KES", 4.1e9, "KES", "Fees: Sh4.1bn.")],
            vec![],
        ),
        (
            "two old candidates: ambiguous",
            vec![
                gate.clone(),
                claim(
                    "lodge levy|KES",
                    2.2e9,
                    "KES",
                    "Lodge levies came to Sh2.2bn.",
                ),
            ],
            vec![fees.clone()],
            vec![],
        ),
        (
            "a candidate ten times off does not count against it",
            vec![
                gate.clone(),
                claim("ranger wage|KES", 9.0e7, "KES", "Ranger wages cost Sh90m."),
            ],
            vec![fees.clone()],
            vec![(0, 0)],
        ),
        (
            "a percentage can be a share of anything",
            vec![claim(
                "visitor share|percent",
                58.0,
                "percent",
                "58 per cent.",
            )],
            vec![claim("foreigner share|percent", 61.0, "percent", "61%.")],
            vec![],
        ),
        (
            "another unit",
            vec![gate.clone()],
            vec![claim("park fee|USD", 2.0e9, "USD", "Fees: $2bn.")],
            vec![],
        ),
        (
            "a plan against a reported figure",
            vec![gate.clone()],
            vec![target(fees.clone())],
            vec![],
        ),
        (
            "no subject",
            vec![claim("quantity|KES", 1.9e9, "KES", "It raised Sh1.9bn.")],
            vec![fees.clone()],
            vec![],
        ),
        (
            "statuses name them apart",
            vec![claim("completed road|km", 410.0, "km", "410 km completed.")],
            vec![claim(
                "under-construction road|km",
                450.0,
                "km",
                "450 km under construction.",
            )],
            vec![],
        ),
        (
            "a status is not a refinement",
            vec![claim(
                "seat|count",
                1200.0,
                "count",
                "The hall has 1,200 seats.",
            )],
            vec![claim(
                "vacant seat|count",
                1000.0,
                "count",
                "Some 1,000 seats are vacant.",
            )],
            vec![],
        ),
    ];
    for (case, old, new, want) in cases {
        let offer = |cs: &[Claim]| -> Vec<(usize, String)> {
            cs.iter()
                .enumerate()
                .map(|(i, c)| (i, c.key.clone()))
                .collect()
        };
        let (oi, ni) = (offer(&old), offer(&new));
        let olds: Vec<Offer<'_>> = oi.iter().map(|(i, k)| (k.as_str(), &old[*i])).collect();
        let news: Vec<Offer<'_>> = ni.iter().map(|(i, k)| (k.as_str(), &new[*i])).collect();
        let got: Vec<(usize, usize)> = sole_pairs(&olds, &news, &[])
            .into_iter()
            .map(|(o, n)| {
                let at = |side: &[Claim], k: &str| side.iter().position(|c| c.key == k);
                (at(&old, o).unwrap_or(99), at(&new, n).unwrap_or(99))
            })
            .collect();
        assert_eq!(got, want, "{case}");
    }
}

/// Two versions of a park's annual story: two quantities in common, and
/// fee income named with no word in common.
fn park_story(visitors: f64, rangers: f64, fees: (&str, f64, &str)) -> Vec<Claim> {
    vec![
        claim(
            "visitor|count",
            visitors,
            "count",
            "The park received visitors in record numbers.",
        ),
        claim("ranger|count", rangers, "count", "Rangers patrol the park."),
        claim(fees.0, fees.1, "KES", fees.2),
    ]
}

/// The earlier version of the park's story.
fn old_park() -> Vec<Claim> {
    park_story(
        412_000.0,
        160.0,
        (
            "gate collection|KES",
            1.9e9,
            "Gate collections reached Sh1.9 billion.",
        ),
    )
}

#[test]
fn two_versions_of_one_story_pair_their_leftover_figures() {
    let old = old_park();
    let new = park_story(
        455_000.0,
        160.0,
        (
            "park fee|KES",
            2.4e9,
            "Park fees brought in 2.4 billion shillings.",
        ),
    );
    let diff = diff_claims(&old, &new);
    let fee = diff
        .iter()
        .find(|c| c.unit == "KES")
        .map(|c| (c.kind, c.old, c.new));
    assert_eq!(fee, Some((ChangeKind::Changed, Some(1.9e9), Some(2.4e9))));
    // The daemon files the reworded figure under the old key.
    let mut carried = new.clone();
    assert_eq!(carry_keys(&old, &mut carried), 1);
    assert_eq!(carried[2].key, "gate collection|KES");

    // Documents that share no quantity are not one story: nothing pairs.
    let other = vec![claim(
        "park fee|KES",
        2.4e9,
        "KES",
        "Park fees brought in 2.4 billion shillings.",
    )];
    let kinds: Vec<ChangeKind> = diff_claims(&old[2..], &other)
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(kinds, [ChangeKind::Dropped, ChangeKind::New]);
    let mut alone = other.clone();
    assert_eq!(carry_keys(&old[2..], &mut alone), 0);
}

/// A leftover figure that moved more than modestly pairs by its unit alone
/// only when its move keeps step with one the documents show for a
/// quantity they share: a season's running totals grow together.
#[test]
fn a_larger_move_in_step_with_a_shared_quantity_pairs() {
    let old = old_park();
    for (visitors, fees, want) in [
        // Visitors and fees both grew about 2.5 times.
        (1_030_000.0, 4.9e9, true),
        // Fees grew 2.6 times, visitors only 10%: nothing to keep step with.
        (455_000.0, 4.9e9, false),
        // Fees grew 4.2 times against visitors' 2.5: out of step.
        (1_030_000.0, 8.0e9, false),
        // Both fell 2.5 times: falls are not read so.
        (165_000.0, 0.76e9, false),
    ] {
        let new = park_story(
            visitors,
            160.0,
            ("park fee|KES", fees, "Park fees brought in a record sum."),
        );
        let paired = diff_claims(&old, &new)
            .iter()
            .any(|c| c.kind == ChangeKind::Changed && c.unit == "KES");
        assert_eq!(paired, want, "{visitors} {fees}");
    }
}

/// A changed value near the old one pairs on one sentence word the two
/// figures alone share; a larger move needs more.
#[test]
fn a_modest_move_needs_less_wording_in_common() {
    let old = claim(
        "partner organisation|count",
        210.0,
        "count",
        "Funding went to 210 partner organisations.",
    );
    for (value, want) in [(214.0, true), (280.0, true), (450.0, false)] {
        let new = claim(
            "good cause|count",
            value,
            "count",
            "Funding now reaches good causes in their hundreds.",
        );
        let context = [&old, &new];
        let got = word_pairs(&[("o", &old)], &[("n", &new)], &context);
        assert_eq!(got == [("o", "n")], want, "{value}");
    }
}

/// A move of at most threefold needs a little less wording in common than
/// a wilder one, unless the figures are percentages.
#[test]
fn a_move_within_threefold_needs_somewhat_less_wording() {
    let other = claim("grant|USD", 5e6, "USD", "Funding also paid for grants.");
    for (unit, before, value, want) in [
        ("count", 210.0, 450.0, true),
        ("count", 210.0, 840.0, false),
        ("percent", 21.0, 45.0, false),
    ] {
        let old = claim(
            "partner|count",
            before,
            unit,
            "Funding went to partners in the region.",
        );
        let new = claim(
            "good cause|count",
            value,
            unit,
            "Funding in the region reaches good causes.",
        );
        let context = [&old, &new, &other];
        let got = word_pairs(&[("o", &old)], &[("n", &new)], &context);
        assert_eq!(got == [("o", "n")], want, "{unit} {value}");
    }
}

#[test]
fn a_budget_raised_in_the_future_tense_is_still_the_budget() {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d);
    let dated = |mut c: Claim, m, d| {
        c.as_of = day(m, d);
        c
    };
    for (head, budget) in [("budget", true), ("spending", false)] {
        let old = vec![dated(
            claim(
                &format!("{head}|JPY"),
                120e6,
                "JPY",
                "The prefecture has set aside 120 million yen this year.",
            ),
            10,
            14,
        )];
        let raise = "The prefecture will raise its bear budget for the year to ¥310 million, \
                     from the ¥120 million approved in spring.";
        let key = format!("bear {head}|JPY");
        let new = vec![
            dated(
                claim(
                    "bear|count",
                    2_380.0,
                    "count",
                    "Hunters killed 2,380 bears.",
                ),
                12,
                19,
            ),
            dated(target(claim(&key, 310e6, "JPY", raise)), 12, 31),
            dated(target(claim(&key, 120e6, "JPY", raise)), 11, 19),
        ];
        let raised = diff_claims(&old, &new)
            .iter()
            .any(|c| c.kind == ChangeKind::Changed && c.old == Some(120e6) && c.new == Some(310e6));
        assert_eq!(raised, budget, "{head}");
    }
}

#[test]
fn second_figures_under_one_key_pair_by_their_wording() {
    let nests = |v: f64, s: &str| claim("nest|count", v, "count", s);
    let old = vec![
        nests(87.0, "Green turtles have laid 87 nests this season."),
        nests(38.0, "Rangers have had to move 38 nests to higher ground."),
        nests(12.0, "Data loggers buried in 12 nests show warm sand."),
    ];
    let new = vec![
        nests(688.0, "Loggerhead turtles dug 688 nests this summer."),
        nests(64.0, "Rangers relocated 64 nests threatened by erosion."),
        nests(
            20.0,
            "Temperature loggers, buried in 20 nests, recorded warm sand.",
        ),
    ];
    let changed = |old: &[Claim], new: &[Claim]| -> Vec<(f64, f64)> {
        diff_claims(old, new)
            .iter()
            .filter(|c| c.kind == ChangeKind::Changed)
            .filter_map(|c| Some((c.old?, c.new?)))
            .collect()
    };
    let got = changed(&old, &new);
    assert!(
        got.contains(&(38.0, 64.0)) && got.contains(&(12.0, 20.0)),
        "{got:?}"
    );
    assert!(
        !got.contains(&(38.0, 20.0)) && !got.contains(&(12.0, 64.0)),
        "{got:?}"
    );
}

#[test]
fn a_range_high_end_is_compared_beside_its_low_end() {
    use crate::claims::{Lexicon, UPPER, extract_claims};
    let read = |text: &str| extract_claims(text, None, &Lexicon::default());
    let old = read("Repairs will cost between 3 million and 5 million euros.");
    let cases = [
        // (new text, entries of the high end: (old, new))
        (
            "Repairs will cost between 3 million and 6 million euros.",
            vec![(5e6, 6e6, ChangeKind::Changed)],
        ),
        (
            "Repairs will cost between 3 million and 5 million euros.",
            vec![(5e6, 5e6, ChangeKind::Restated)],
        ),
        // A single figure now: the low end's entry says it all.
        ("Repairs will cost 4 million euros.", vec![]),
    ];
    for (text, want) in cases {
        let got: Vec<(f64, f64, ChangeKind)> = diff_claims(&old, &read(text))
            .iter()
            .filter(|c| c.key.ends_with(UPPER))
            .map(|c| (c.old.unwrap_or(f64::NAN), c.new.unwrap_or(f64::NAN), c.kind))
            .collect();
        assert_eq!(got, want, "{text}");
    }
    // Re-keyed with its low end when a reworded version files it elsewhere.
    let old = read("The bridge repair bill is put at between 3 million and 5 million euros.");
    let mut new = read("The repair bill is put at between 3 million and 6 million euros.");
    carry_keys(&old, &mut new);
    let keys = |cs: &[Claim]| cs.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&new), keys(&old), "{new:?}");
}

#[test]
fn keys_that_date_one_earlier_value_alike_are_one_quantity() {
    use crate::claims::{Lexicon, extract_claims};
    let read = |text: &str, (y, m, d): (i32, u32, u32)| {
        extract_claims(
            text,
            chrono::NaiveDate::from_ymd_opt(y, m, d),
            &Lexicon::default(),
        )
    };
    let old = read(
        "Growers now get about €6.80 a kilo for extra virgin oil at the mill gate, down from a record €9.50 in January.",
        (2024, 12, 3),
    );
    let cases = [
        // (new text, the price's entry expected)
        (
            "Ex-mill prices have dropped to EUR 4.30/kg, less than half the record EUR 9.50 reached in January 2024.",
            Some((6.8, 4.3)),
        ),
        // Another earlier value, or the same one dated otherwise: no link.
        (
            "Ex-mill prices have dropped to EUR 4.30/kg, less than half the record EUR 9.20 reached in January 2024.",
            None,
        ),
        (
            "Ex-mill prices have dropped to EUR 4.30/kg, less than half the record EUR 9.50 reached in March 2024.",
            None,
        ),
    ];
    for (text, want) in cases {
        let new = read(text, (2025, 4, 15));
        let got = diff_claims(&old, &new)
            .iter()
            .find(|c| c.kind == ChangeKind::Changed && c.old == Some(6.8))
            .map(|c| (6.8, c.new.unwrap_or(f64::NAN)));
        assert_eq!(got, want, "{text}: {:?}", diff_claims(&old, &new));
    }
}

/// One key twice in a sentence: a later, undated figure of a sentence that
/// compares nothing is a part of the first, which stays the quantity's
/// figure; in a sentence that compares ("from ... to ..."), the later date
/// is the current reading.
#[test]
fn a_sentence_s_first_dated_figure_represents_its_key() {
    let dated = |value: f64, month: u32, day: u32, sentence: &str| {
        let mut c = claim("account|count", value, "count", sentence);
        c.as_of = NaiveDate::from_ymd_opt(2025, month, day);
        c
    };
    let part =
        "There were 72.4 million accounts at the end of April, of which 24 million were active.";
    let later = "Accounts rose to 74.9 million at the end of July, though only 24 million of them are used.";
    let old = [dated(72.4e6, 4, 30, part), dated(24e6, 6, 12, part)];
    let new = [dated(74.9e6, 7, 31, later), dated(24e6, 9, 18, later)];
    let pairs: Vec<(ChangeKind, Option<f64>, Option<f64>)> = diff_claims(&old, &new)
        .iter()
        .map(|c| (c.kind, c.old, c.new))
        .collect();
    assert!(
        pairs.contains(&(ChangeKind::Changed, Some(72.4e6), Some(74.9e6))),
        "{pairs:?}"
    );
    // "from 118.57 million at end-July to 119.84 million": the later one.
    let moved = "Users rose from 118.57 million at end-July to 119.84 million.";
    let new = [dated(118.57e6, 7, 31, moved), dated(119.84e6, 9, 18, moved)];
    let (_, best) = crate::diff::claims::representatives(&new);
    assert_eq!(
        best.values().map(|c| c.value).collect::<Vec<_>>(),
        [119.84e6]
    );
}

/// A forecast of another quantity does not explain a reported figure away:
/// "expect stocks to fall to about 1.4 million tonnes" leaves "exports
/// reached 1.39 million tonnes" a change of exports. A reported figure of
/// that value still does.
#[test]
fn a_forecast_does_not_echo_a_reported_figure() {
    let exports = claim(
        "export|tonnes",
        1.02e6,
        "tonnes",
        "Exports slipped to 1.02 million tonnes.",
    );
    let mut stocks = claim(
        "stock|tonnes",
        1.4e6,
        "tonnes",
        "Analysts expect stocks to fall to about 1.4 million tonnes.",
    );
    stocks.qualifier = Qualifier::Around;
    let new = [claim(
        "export|tonnes",
        1.39e6,
        "tonnes",
        "Exports reached only 1.39 million tonnes.",
    )];
    for (kind, explained) in [(ClaimKind::Target, false), (ClaimKind::Actual, true)] {
        stocks.kind = kind;
        let old = [exports.clone(), stocks.clone()];
        let changed = diff_claims(&old, &new)
            .iter()
            .any(|c| c.kind == ChangeKind::Changed && c.old == Some(1.02e6));
        assert_eq!(changed, !explained, "stocks as {kind:?}");
    }
}

/// A figure the new document dates before the old one's is an earlier
/// figure, not an update: "last year's exports of 26 billion" (dated to
/// December) against the first quarter's 6.27 billion (dated to March)
/// is not a change, however alike the keys. Dated after it, it is.
#[test]
fn an_earlier_dated_figure_does_not_update_a_later_one() {
    let dated = |mut c: Claim, y, m, d| {
        c.as_of = NaiveDate::from_ymd_opt(y, m, d);
        c
    };
    let old = [dated(
        claim(
            "export|CHF",
            6.27e9,
            "CHF",
            "For the first quarter, exports totalled 6.27 billion francs.",
        ),
        2025,
        3,
        31,
    )];
    for (year, paired) in [(2024, false), (2025, true)] {
        let new = [dated(
            claim(
                "last export|CHF",
                26e9,
                "CHF",
                "Last year's exports of CHF 26 billion were the second-highest.",
            ),
            year,
            12,
            31,
        )];
        let changed = diff_claims(&old, &new)
            .iter()
            .any(|c| c.kind == ChangeKind::Changed && c.old == Some(6.27e9));
        assert_eq!(changed, paired, "new figure dated {year}");
    }
}

/// Figures of two statuses are not paired, by unit alone or by wording:
/// the jobs at risk are not the workers laid off.
#[test]
fn a_lone_figure_of_another_status_is_not_paired() {
    let at_risk = claim(
        "at-risk farm job|count",
        2500.0,
        "count",
        "Some 2,500 farm jobs are at risk.",
    );
    for (key, paired) in [
        ("worker|count", false),
        ("farm worker|count", false),
        ("at-risk worker|count", true),
    ] {
        let new = [claim(
            key,
            1900.0,
            "count",
            "Producers have laid off 1,900 workers.",
        )];
        assert_eq!(pairs(&at_risk, &new), paired, "{key}");
    }
}
