//! Figures named by a bare "number", "figure" or "tally", or restated by
//! a sentence that opens "That is": the quantity of the figure before them.

use super::Claim;

/// "The spring survey had put the number at 2.84 million", "The figure
/// was 38,000 tonnes a year earlier": a bare "number", "figure" or "tally"
/// is the quantity of the figure before it (`out`'s last), when that has
/// the same unit and a subject of its own. Returns the key and subject.
pub(crate) fn resolve(
    out: &[Claim],
    sent: &str,
    unit: &str,
    key: String,
    subject: String,
) -> (String, String) {
    const BARE: [&str; 3] = ["number", "figure", "tally"];
    let Some((head, rest)) = key.split_once('|') else {
        return (key, subject);
    };
    if head == "quantity"
        && let Some(prev) = out.last()
        && let Some(k) = restates(sent, prev, unit)
    {
        return (k, prev.subject.clone());
    }
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

/// "Earnings reached $37.2 million. That is about US$13.8 million": a
/// sentence that opens with "That is" (or "That's", "This is") and an
/// amount restates the last amount of the sentence before, perhaps in
/// another currency. Returns that figure's key in `unit`.
fn restates(sent: &str, prev: &Claim, unit: &str) -> Option<String> {
    let opens = ["That is ", "That's ", "That’s ", "This is "]
        .iter()
        .any(|o| sent.starts_with(o));
    let money = super::lexicon::is_money_unit;
    if !opens || prev.sentence == sent || !money(unit) || !money(&prev.unit) {
        return None;
    }
    let mut parts: Vec<&str> = prev.key.split('|').collect();
    if parts.len() < 2 || parts[0] == "quantity" {
        return None;
    }
    parts[1] = unit;
    Some(parts.join("|"))
}
