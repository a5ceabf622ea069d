//! Unit tests of the claims engine: number forms, exclusions, qualifiers,
//! kinds, dates, subjects and keys.

use super::*;

fn claims(text: &str) -> Vec<Claim> {
    extract_claims(text, NaiveDate::from_ymd_opt(2022, 9, 20), &Lexicon::default())
}

#[test]
fn debug_such_users() {
    for c in claims("Fibre and 5G usage kept rising: the number of such users rose by 2.5 million over the year, from 10 million at end-June to 12.5 million.") {
        println!("{} {} {}", c.value, c.key, c.unit);
    }
}
