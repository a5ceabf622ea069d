//! Tests of the word lists' lookups: the prefilter, word sets and months.

use super::*;

#[test]
fn prefilter_never_rules_out_a_listed_word() {
    let words = [
        "pipeline",
        "under",
        "Talks",
        "x",
        "abcdefghijklmnopqrstuvwxyzabcdefghij",
    ];
    let f = Prefilter::new(&words);
    for (w, listed) in [
        ("pipeline", true),
        ("PIPELINE", true),
        ("talks", true),
        ("X", true),
        ("abcdefghijklmnopqrstuvwxyzabcdefghijkl", true),
        ("pipelines", false),
        ("unde", false),
        ("y", false),
        ("", false),
        ("7", false),
        ("é", false),
    ] {
        assert_eq!(f.may_have(w), listed, "{w:?}");
    }
}

#[test]
fn word_sets_and_months_read_any_case() {
    for (w, m) in [
        ("March", Some(3)),
        ("DECEMBER", Some(12)),
        ("Sept", Some(9)),
        ("Jan", Some(1)),
        ("Feb", Some(2)),
        ("Mar", Some(3)),
        ("Apr", Some(4)),
        ("Jun", Some(6)),
        ("Jul", Some(7)),
        ("Aug", Some(8)),
        ("Sep", Some(9)),
        ("Oct", Some(10)),
        ("Nov", Some(11)),
        ("Dec", Some(12)),
        ("jan", None),
        ("sept", None),
        ("may", Some(5)),
        ("Mayor", None),
        ("Monday", None),
        ("2024", None),
    ] {
        assert_eq!(month(w), m, "{w:?}");
    }
    for w in ["years", "YEARS", "Month"] {
        assert!(TIME_UNITS.has(w), "{w:?}");
    }
    for w in ["yearly", "", "۲۰۲۴", "mon"] {
        assert!(!TIME_UNITS.has(w), "{w:?}");
    }
}

/// Every canonical status is a status name: keys that differ only in it
/// ("seat" / "vacant seat") are then two quantities, not a refinement.
#[test]
fn every_status_is_named() {
    for (_, status) in STATUS {
        assert!(STATUS_NAMES.contains(status), "{status}");
    }
}
