//! Which way a stated change moved, read from its sentence: two stated
//! changes that moved opposite ways ("rose 4.8%" in one quarter, "slipped
//! 1.5%" in the next) are two quantities, not one quantity that changed.

/// Words that say a figure went up.
const UP: &[&str] = &[
    "rose",
    "rise",
    "risen",
    "rising",
    "rises",
    "up",
    "grew",
    "grown",
    "grows",
    "increased",
    "increase",
    "increases",
    "gained",
    "gain",
    "climbed",
    "climb",
    "jumped",
    "surged",
    "soared",
    "advanced",
    "higher",
    "expanded",
    "boosted",
    "added",
];

/// Words that say a figure went down.
const DOWN: &[&str] = &[
    "fell",
    "fall",
    "fallen",
    "falls",
    "falling",
    "down",
    "slipped",
    "slid",
    "declined",
    "decline",
    "declines",
    "dropped",
    "drop",
    "decreased",
    "decrease",
    "lower",
    "eased",
    "contracted",
    "shrank",
    "shrunk",
    "slumped",
    "plunged",
    "tumbled",
    "sank",
    "dipped",
    "lost",
    "cut",
];

/// The way every change word of `sentence` points: `Some(true)` up,
/// `Some(false)` down, `None` when it names none or both.
fn direction(sentence: &str) -> Option<bool> {
    let (mut up, mut down) = (false, false);
    for w in sentence.split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 2 {
            continue;
        }
        up |= UP.iter().any(|u| w.eq_ignore_ascii_case(u));
        down |= DOWN.iter().any(|d| w.eq_ignore_ascii_case(d));
    }
    match (up, down) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// True when the sentences of two stated changes each point one way, and
/// the ways differ.
pub(super) fn opposite(old: &str, new: &str) -> bool {
    matches!((direction(old), direction(new)), (Some(a), Some(b)) if a != b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_that_moved_opposite_ways_are_told_apart() {
        let cases = [
            (
                "Sales rose 4.8% in the quarter.",
                "Sales slipped 1.5% in the quarter.",
                true,
            ),
            ("Sales rose 4.8%.", "Sales grew 6.1%.", false),
            ("Exports fell 3%.", "Exports declined by 2%.", false),
            // A sentence that moves both ways says nothing of its figure.
            (
                "Sales rose 4.8% while costs fell.",
                "Sales slipped 1.5%.",
                false,
            ),
            ("Sales were 4.8% above plan.", "Sales slipped 1.5%.", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(opposite(a, b), want, "{a:?} / {b:?}");
        }
    }
}
