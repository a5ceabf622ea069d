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
            (format!("{theirs}|{rest}"), prev.subject.clone())
        }
        _ => (key, subject),
    }
}
