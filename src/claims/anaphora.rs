//! Figures named by a bare "number", "figure" or "tally": the quantity of
//! the figure before them.

use super::Claim;

/// "The spring survey had put the number at 2.84 million", "The figure
/// was 38,000 tonnes a year earlier": a bare "number", "figure" or "tally"
/// is the quantity of the figure before it (`out`'s last), when that has
/// the same unit and a subject of its own. Returns the key and subject.
pub(crate) fn resolve(out: &[Claim], unit: &str, key: String, subject: String) -> (String, String) {
    const BARE: [&str; 3] = ["number", "figure", "tally"];
    let Some((head, rest)) = key.split_once('|') else {
        return (key, subject);
    };
    match out.last() {
        Some(prev) if BARE.contains(&head) && prev.unit == unit => {
            let (theirs, _) = prev.key.split_once('|').unwrap_or((&prev.key, ""));
            if BARE.contains(&theirs) || theirs == "quantity" {
                return (key, subject);
            }
            // A rate's number is a count: "Each hectare holds 21 million.
            // That puts the number at 30 million" counts them all.
            let words: Vec<&str> = theirs
                .split(' ')
                .filter(|w| !w.starts_with("per-"))
                .collect();
            (format!("{}|{rest}", words.join(" ")), prev.subject.clone())
        }
        _ => (key, subject),
    }
}
