//! Fuzz target: the claims engine must never panic on any UTF-8 text, with
//! or without a publication date, and with a lexicon that names quantities.
#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use claimwatch::claims::{Lexicon, NamedQuantity, extract_claims};
use libfuzzer_sys::fuzz_target;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    quantities: vec![
        NamedQuantity {
            name: "completed projects".into(),
            unit: Some("count".into()),
            terms: vec!["projects completed".into(), "completed projects".into()],
        },
        NamedQuantity {
            name: "mobile subscribers".into(),
            unit: None,
            terms: vec!["mobile subscribers".into(), "cellular subscribers".into()],
        },
    ],
    synonyms: vec![("cellular".into(), "mobile".into())],
});

fuzz_target!(|data: &[u8]| {
    // The first byte chooses whether the text has a publication date, so the
    // corpus explores both the dated and the undated as-of paths.
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let published = (mode & 1 == 1)
        .then(|| NaiveDate::from_ymd_opt(2026, 3, 1))
        .flatten();
    let claims = extract_claims(text, published, &LEXICON);
    for c in &claims {
        // A claim is stored and keyed: it needs a key, and values that JSON
        // can carry (a non-finite float would not decode again).
        assert!(!c.key.is_empty(), "claim without a key: {c:?}");
        assert!(c.value.is_finite(), "non-finite value: {c:?}");
        assert!(
            c.value_max.is_none_or(f64::is_finite),
            "non-finite upper value: {c:?}"
        );
    }
});
