//! Unit tests of subjects set off by clauses: an appositive between commas
//! is not what is counted, and a part an ", of which" clause describes is
//! that part of the whole. Every sentence here is written for the tests.

use super::*;

#[test]
fn an_appositive_is_not_the_subject() {
    assert_keys(&[
        // ", now the biggest market,": the exports are the subject.
        (
            "Exports to Japan, now the biggest market, rose 11.2% to 382 million.",
            382e6,
            "export|count",
        ),
        (
            "Revenue in Ohio, its second market, fell to 1.2 million.",
            1.2e6,
            "revenue|count",
        ),
        // A verb phrase between commas is no appositive: the figure
        // after it keeps its own noun.
        (
            "Ward 47, in the old city, still has the most voters, 83,050.",
            83_050.0,
            "most voter|count",
        ),
    ]);
}

#[test]
fn an_of_which_clause_counts_the_part_it_describes() {
    assert_keys(&[
        (
            "The city has 400 buses, of which 120 are currently electric.",
            120.0,
            "electric bus|count",
        ),
        (
            "Founders set up 35,000 companies, of which 29,400 are active.",
            29_400.0,
            "active company|count",
        ),
        // A part of a bare amount keeps the amount's subject.
        (
            "The fund has 4 billion, of which 3 billion is spent.",
            3e9,
            "fund|count",
        ),
    ]);
}
