//! Unit tests of statuses and casualties: what is at risk or threatened
//! has its own status, and so have suspected cases and animals culled; a
//! period that closed is no status; confirmed cases are the cases; people
//! killed or injured are casualties of either kind, and people affected or
//! missing are counted apart from the harm before them; children and
//! patients who died are deaths, and a bare figure after its harm verb
//! counts that harm, and the age of people counted before ("all of them
//! under two") is no claim; a status verb with an object ("have
//! completed the course") is no status of what is counted; works carried
//! out in full ("fully renovated") are completed; a floor a rule sets ("at
//! least 50 per cent ... must") is a minimum; intensive care is a status
//! apart from the hospital; a share "of it" is a share of the figure
//! before; a part with a noun of its own ("including 97 deaths") takes no
//! status of the whole. Every sentence
//! here is written for the tests.

use super::*;

#[test]
fn what_is_at_risk_has_its_own_status() {
    assert_keys(&[
        (
            "Some 2,500 farm jobs are at risk, the forum said.",
            2500.0,
            "at-risk farm job|count",
        ),
        ("Some 2,500 farm jobs were lost.", 2500.0, "farm job|count"),
    ]);
}

/// The confirmed part of the suspected cases is the plain cases: a
/// "confirmed" after the figure drops the status the phrase before gives.
#[test]
fn confirmed_cases_of_the_suspected_are_the_cases() {
    assert_keys(&[
        (
            "Of the suspected cases, 61 have been confirmed by laboratories.",
            61.0,
            "case|count",
        ),
        (
            "Some 310 suspected cases were reported, 61 of them confirmed.",
            61.0,
            "case|count",
        ),
        (
            "Some 310 suspected cases were reported.",
            310.0,
            "suspected case|count",
        ),
    ]);
}

/// Patients in intensive care are counted apart from all those in
/// hospital.
#[test]
fn intensive_care_is_a_status() {
    assert_keys(&[
        (
            "Forty patients were in hospital, six of them in intensive care.",
            6.0,
            "intensive-care patient|count",
        ),
        (
            "Forty patients were in hospital, six of them in intensive care.",
            40.0,
            "patient|count",
        ),
    ]);
}

#[test]
fn a_period_that_closed_is_no_status_of_the_figure() {
    assert_keys(&[
        (
            "Madagascar exported 1,840 tonnes of vanilla in the campaign that closed on March 31.",
            1840.0,
            "vanilla|tonnes",
        ),
        // What closed is the thing counted.
        (
            "The bank has 212 branches that closed in March.",
            212.0,
            "closed branch|count",
        ),
    ]);
}

#[test]
fn people_killed_or_injured_are_casualties_of_either_kind() {
    assert_keys(&[
        (
            "Mines killed or injured 49 people in the province.",
            49.0,
            "casualty|count",
        ),
        (
            "Six people were killed or injured by landmines in the province.",
            6.0,
            "casualty|count",
        ),
        (
            "Floods have killed and injured 310 people in the province.",
            310.0,
            "casualty|count",
        ),
        // One harm with a count of its own stays that harm.
        (
            "Four people were killed and 47 injured in the province.",
            4.0,
            "death|count",
        ),
    ]);
}

#[test]
fn what_is_threatened_is_at_risk() {
    assert_keys(&[
        (
            "Mines and unexploded bombs still threaten 1,940 villages.",
            1940.0,
            "at-risk village|count",
        ),
        (
            "The number of villages considered at risk has fallen to 1,876.",
            1876.0,
            "at-risk village|count",
        ),
        (
            "About 1,200 workers threatened to strike over pay.",
            1200.0,
            "worker|count",
        ),
        (
            "Some 300 homes are still threatened by the river.",
            300.0,
            "at-risk home|count",
        ),
        (
            "Rangers relocated 64 nests threatened by erosion.",
            64.0,
            "nest|count",
        ),
    ]);
}

#[test]
fn confirmed_cases_are_the_cases_and_suspected_ones_their_own() {
    assert_keys(&[
        (
            "The toll has climbed to 11,360 confirmed cases.",
            11_360.0,
            "case|count",
        ),
        (
            "The ministry has recorded 4,812 cases.",
            4812.0,
            "case|count",
        ),
        (
            "Another 8,900 suspected cases are under review.",
            8900.0,
            "suspected case|count",
        ),
    ]);
}

#[test]
fn animals_culled_are_killed() {
    assert_keys(&[
        (
            "Outbreaks forced the culling of 8.1 million chickens.",
            8.1e6,
            "killed chicken|count",
        ),
        (
            "About 5.4 million chickens have been culled since June.",
            5.4e6,
            "killed chicken|count",
        ),
    ]);
}

#[test]
fn a_status_in_another_clause_before_the_figure_is_not_its_own() {
    assert_keys(&[
        // "closed" is the port's, before the clause that "when" opens.
        (
            "The port has been closed to tankers since May 2, when divers found leaks in 14 of its pipelines.",
            14.0,
            "pipeline|count",
        ),
        // "and" joins a new clause with its own subject.
        (
            "About half of the survey has been completed and 210 volunteers are in the field.",
            210.0,
            "volunteer|count",
        ),
        // Without the comma the status still reaches the figure.
        (
            "The terminal completed 36 berths in March.",
            36.0,
            "completed berth|count",
        ),
    ]);
}

#[test]
fn people_affected_are_counted_apart_from_the_harm_before_them() {
    assert_keys(&[
        (
            "Rescuers said 62 people had been injured and about 41,000 affected across the valley.",
            41000.0,
            "affected people|count",
        ),
        (
            "The agency puts the number of people affected at 45,500.",
            45500.0,
            "affected people|count",
        ),
        // The missing are counted apart from the dead.
        (
            "At least six people were killed and 11 are missing after the flood.",
            11.0,
            "missing people|count",
        ),
        (
            "The toll rose to eight, and four people are still missing.",
            4.0,
            "missing people|count",
        ),
        // The harm before stays its own figure's.
        (
            "Rescuers said 62 people had been injured and about 41,000 affected across the valley.",
            62.0,
            "injury|count",
        ),
    ]);
}

#[test]
fn children_and_patients_who_died_are_deaths() {
    assert_keys(&[
        (
            "Four children have died of measles this year.",
            4.0,
            "death|count",
        ),
        (
            "Health officials said 12 patients died in the outbreak.",
            12.0,
            "death|count",
        ),
        // Patients in a place affected are no affected people.
        (
            "Some 85 patients in the affected districts remain in hospital.",
            85.0,
            "patient|count",
        ),
        // Children counted for anything else stay children.
        (
            "Clinics vaccinated 118,000 children in the campaign.",
            118_000.0,
            "child|count",
        ),
    ]);
}

#[test]
fn a_status_verb_with_an_object_is_no_status_of_the_counted() {
    assert_keys(&[
        (
            "So far 8,020 applicants have completed the agency's training course.",
            8020.0,
            "applicant|count",
        ),
        (
            "Some 6,450 applicants have completed the course.",
            6450.0,
            "applicant|count",
        ),
        // The passive is the state of what is counted.
        (
            "So far 38 projects have been completed.",
            38.0,
            "completed project|count",
        ),
    ]);
}

#[test]
fn a_bare_figure_after_its_harm_verb_counts_that_harm() {
    // (sentence, value, key); a figure with a noun of its own keeps it.
    let cases = [
        ("The storm killed 12 and injured 30.", 12.0, "death|count"),
        ("The storm killed 12 and injured 30.", 30.0, "injury|count"),
        ("The flood killed 9 in Sindh.", 9.0, "death|count"),
        // Its own noun, marked killed as "were killed" marks it.
        (
            "Poachers killed 23 elephants.",
            23.0,
            "killed elephant|count",
        ),
        // A time after the participle does not undo it.
        (
            "23 elephants were killed last year.",
            23.0,
            "killed elephant|count",
        ),
    ];
    assert_keys(&cases);
}

#[test]
fn the_age_of_people_counted_before_is_no_claim() {
    for (text, want) in [
        (
            "Four children have died, all of them under two and none of them vaccinated.",
            vec![4.0],
        ),
        ("Two people, both over 80, have died.", vec![2.0]),
        // Something measured after the figure keeps it.
        (
            "Of 200 shops, most of them under 50 square metres, 12 closed.",
            vec![200.0, 50.0, 12.0],
        ),
    ] {
        let got: Vec<f64> = claims(text).iter().map(|c| c.value).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn works_carried_out_in_full_are_completed() {
    assert_keys(&[
        (
            "So far 297 buildings have been fully renovated.",
            297.0,
            "completed building|count",
        ),
        (
            "Crews have fully restored 41 bridges.",
            41.0,
            "completed bridge|count",
        ),
    ]);
}

#[test]
fn a_floor_a_rule_sets_is_a_minimum_apart_from_the_share_reached() {
    assert_keys(&[
        (
            "Under the law, at least 50 per cent of the food must be bought from family farmers.",
            50.0,
            "minimum food share|percent",
        ),
        (
            "Schools bought 44% of their food from family farmers.",
            44.0,
            "food share|percent",
        ),
        // "At least" alone is a qualifier of a count, not a rule.
        ("At least 25 people were injured.", 25.0, "injury|count"),
    ]);
}

#[test]
fn a_share_of_it_is_a_share_of_the_figure_before() {
    assert_keys(&[
        (
            "The relief plan now costs 7.9 billion rupees, and only 57% of it has been funded.",
            57.0,
            "relief plan|percent",
        ),
        (
            "The relief plan costs 7.9 billion rupees, of which 38 per cent has been funded.",
            38.0,
            "relief plan|percent",
        ),
    ]);
}

#[test]
fn a_part_with_a_noun_of_its_own_takes_no_status_of_the_whole() {
    assert_keys(&[
        (
            "Officials recorded 1,386 suspected cases, including 97 deaths.",
            97.0,
            "death|count",
        ),
        (
            "Officials recorded 1,386 suspected cases, including 97 deaths.",
            1386.0,
            "suspected case|count",
        ),
        (
            "Officials recorded 1,386 cases, including 97 suspected deaths.",
            97.0,
            "suspected death|count",
        ),
    ]);
}
