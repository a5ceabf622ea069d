//! Places a figure is stated for ("in Istanbul", "In Ankara, where …"):
//! two figures stated for different places are two quantities, however
//! alike their keys ("the average asking rent … in Istanbul reached 32,500
//! lira" is not the Ankara rent of a later story).

use crate::claims::month;

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The names after "in" in `sentence` before its first figure, where the
/// place a figure is stated for stands ("In Ankara, …", "the rent for a
/// flat in Istanbul reached"; not "9,500 hectares, mostly in Svealand"):
/// up to two capitalised words each ("in Quezon City"), not a month or a
/// weekday ("in March"). A word in capitals alone (a dateline's
/// "ISTANBUL") is not read.
fn places(sentence: &str) -> Vec<&str> {
    let head = sentence
        .find(|c: char| c.is_ascii_digit())
        .map_or(sentence, |i| &sentence[..i]);
    // One pass without collecting the words: `after_in` counts the words
    // still to read after an "in". Most sentences name no place, and this
    // runs for every pair of figures compared.
    let mut out = Vec::new();
    let mut after_in = 0;
    for w in head
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
    {
        if w.eq_ignore_ascii_case("in") {
            after_in = 2;
            continue;
        }
        if after_in == 0 {
            continue;
        }
        let name = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase);
        if !name || month(w).is_some() || WEEKDAYS.contains(&w) {
            after_in = 0;
            continue;
        }
        out.push(w);
        after_in -= 1;
    }
    out
}

/// Whether two sentences state their figures for different places: each
/// names a place after "in", and neither names any of the other's places.
pub(crate) fn places_apart(a: &str, b: &str) -> bool {
    let pa = places(a);
    if pa.is_empty() {
        return false;
    }
    let pb = places(b);
    !pb.is_empty() && !pa.iter().any(|p| b.contains(p)) && !pb.iter().any(|p| a.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_for_different_places_are_apart() {
        let istanbul = "The average rent for a flat in Istanbul reached 32,500 lira.";
        let cases = [
            (
                "In Ankara, where many families moved, the average rent was 24,600 lira.",
                true,
            ),
            ("ISTANBUL - Rents in Istanbul rose to 38,200 lira.", false),
            // No place named on one side, or only a month.
            ("The average rent reached 38,200 lira.", false),
            ("The average rent reached 38,200 lira in March.", false),
            // The other place named beside this one.
            (
                "Rents in Ankara trail those in Istanbul at 24,600 lira.",
                false,
            ),
            ("Rents in Quezon City rose to 9,000 pesos.", true),
            // A place after the figure says where it lies, not what it is.
            (
                "The average rent reached 24,600 lira, mostly in Ankara.",
                false,
            ),
        ];
        for (other, want) in cases {
            assert_eq!(places_apart(istanbul, other), want, "{other}");
            assert_eq!(places_apart(other, istanbul), want, "{other}");
        }
    }
}
