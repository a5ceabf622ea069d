//! Scratch: prints the claims of the files named in `CLAIMS_DEBUG_FILES`
//! (path=YYYY-MM-DD entries separated by `;`). Does nothing when unset.

use claimwatch::claims::{Lexicon, extract_claims};

#[test]
fn print_claims() {
    let Ok(spec) = std::env::var("CLAIMS_DEBUG_FILES") else {
        return;
    };
    for item in spec.split(';').filter(|s| !s.is_empty()) {
        let (path, date) = item.split_once('=').unwrap_or((item, ""));
        let text = std::fs::read_to_string(path).expect("readable file");
        let published = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        println!("=== {path}");
        for c in extract_claims(&text, published, &Lexicon::default()) {
            println!(
                "{:>14} {:8} {:9} {:?} {:?} as_of={:?} key={:?}\n      <{}>",
                c.value,
                c.unit,
                format!("{:?}", c.qualifier),
                c.kind,
                c.value_max,
                c.as_of,
                c.key,
                c.sentence.chars().take(90).collect::<String>()
            );
        }
    }
}
