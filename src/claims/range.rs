//! Ranges as two figures: "between 3 million and 5 million cubic metres"
//! states a low end (the claim, with `value_max`) and a high end, which is
//! reported as a claim of its own, under its own key, so that a moved upper
//! bound ("now 3 million to 6 million") is a change of that bound.

use super::Claim;

/// The key suffix of a range's high end.
pub const UPPER: &str = "|upper";

/// `claims` with the high end of every range after its low end.
pub(super) fn with_upper_ends(claims: Vec<Claim>) -> Vec<Claim> {
    let mut out = Vec::with_capacity(claims.len());
    for c in claims {
        let upper = c.value_max.filter(|hi| *hi != c.value).map(|hi| Claim {
            subject: format!("{} (upper end)", c.subject),
            key: format!("{}{UPPER}", c.key),
            value: hi,
            value_max: None,
            ..c.clone()
        });
        out.push(c);
        out.extend(upper);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Lexicon, extract_claims};
    use super::*;

    #[test]
    fn a_range_gives_its_high_end_a_claim_and_key_of_its_own() {
        let cases = [
            // (sentence, [(value, value_max, key ends with the suffix)])
            (
                "The centre forecasts that between 3 million and 5 million cubic metres will die.",
                vec![(3e6, Some(5e6), false), (5e6, None, true)],
            ),
            (
                "Fares rose 15-20% this year.",
                vec![(15.0, Some(20.0), false), (20.0, None, true)],
            ),
            ("The plant employs 400 people.", vec![(400.0, None, false)]),
        ];
        for (text, want) in cases {
            let got: Vec<(f64, Option<f64>, bool)> =
                extract_claims(text, None, &Lexicon::default())
                    .iter()
                    .map(|c| (c.value, c.value_max, c.key.ends_with(UPPER)))
                    .collect();
            assert_eq!(got, want, "{text}");
        }
        let both = extract_claims("Output was 2-3 tonnes.", None, &Lexicon::default());
        assert_eq!(both[1].key, format!("{}{UPPER}", both[0].key));
        assert_eq!(both[1].sentence, both[0].sentence);
    }
}
