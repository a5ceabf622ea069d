//! Runs the claims engine on the plain-text documents of the generalisation
//! set in `tests/fixtures/claims-holdout` (labelled in the claims-eval
//! format) and checks invariants that must survive any tuning: every
//! labelled claim is read, no year is read as a count, and every labelled
//! change between two plain-text documents is reported as `changed` while
//! the no-change controls are not.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use claimwatch::claims::{Claim, Lexicon, extract_claims};
use claimwatch::diff::{ChangeKind, diff_claims};
use claimwatch::extract::parse_plain_text;
use serde_json::Value;

fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/claims-holdout")
}

fn jsonl(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(set_dir().join(name)).expect("read labels");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Claims of every plain-text document, by document id ("101").
fn plain_docs() -> HashMap<String, Vec<Claim>> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(set_dir()).expect("list set") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("doc id")
            .to_owned();
        let text = std::fs::read_to_string(&path).expect("read doc");
        let article = parse_plain_text(&text);
        let claims = extract_claims(&article.text, article.published, &Lexicon::default());
        out.insert(id, claims);
    }
    assert!(out.len() >= 10, "plain-text docs: {}", out.len());
    out
}

fn close(a: f64, b: f64) -> bool {
    (a.abs() - b.abs()).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
}

fn num(v: &Value, field: &str) -> f64 {
    v[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} in {v}"))
}

fn text<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {v}"))
}

#[test]
fn every_labelled_claim_of_a_plain_text_doc_is_read() {
    let docs = plain_docs();
    let mut missed = Vec::new();
    for gold in jsonl("claims.jsonl") {
        let Some(claims) = docs.get(text(&gold, "doc")) else {
            continue;
        };
        let found = claims.iter().any(|c| {
            c.unit.eq_ignore_ascii_case(text(&gold, "unit"))
                && close(c.value, num(&gold, "value"))
                && c.sentence == text(&gold, "sentence")
        });
        if !found {
            missed.push(gold.to_string());
        }
    }
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn no_year_or_day_is_read_as_a_count() {
    for (doc, claims) in plain_docs() {
        for c in claims.iter().filter(|c| c.unit == "count") {
            let year = c.value.fract() == 0.0 && (1900.0..=2100.0).contains(&c.value);
            if year {
                let digits = format!("{}", c.value as i64);
                assert!(
                    !c.sentence.contains(&digits),
                    "{doc}: year read as a count: {c:?}"
                );
            }
        }
    }
}

#[test]
fn labelled_changes_between_plain_text_docs_are_reported() {
    let docs = plain_docs();
    let mut checked = 0;
    for pair in jsonl("changes.jsonl") {
        let (Some(old), Some(new)) = (
            docs.get(text(&pair, "from_doc")),
            docs.get(text(&pair, "to_doc")),
        ) else {
            continue;
        };
        let diff = diff_claims(old, new);
        let unit = text(&pair, "unit");
        let (from, to) = (num(&pair, "from"), num(&pair, "to"));
        let changed = |pred: &dyn Fn(f64, f64) -> bool| {
            diff.iter().any(|c| {
                c.kind == ChangeKind::Changed
                    && c.unit.eq_ignore_ascii_case(unit)
                    && pred(c.old.unwrap_or(f64::NAN), c.new.unwrap_or(f64::NAN))
            })
        };
        if text(&pair, "direction") == "no_change" {
            assert!(
                !changed(&|o, n| close(o, from) || close(n, to)),
                "false alarm on control {pair}: {diff:#?}"
            );
        } else {
            assert!(
                changed(&|o, n| close(o, from) && close(n, to)),
                "change not reported {pair}: {diff:#?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "pairs checked: {checked}");
}

#[test]
fn change_pairs_match_by_key() {
    // The two figures of a labelled change carry the same key (or keys that
    // differ only by modifiers, which the diff pairs loosely): checked here
    // on the pairs the diff reports, so a quantity never pairs with another.
    let docs = plain_docs();
    for pair in jsonl("changes.jsonl") {
        let (Some(old), Some(new)) = (
            docs.get(text(&pair, "from_doc")),
            docs.get(text(&pair, "to_doc")),
        ) else {
            continue;
        };
        for c in diff_claims(old, new) {
            if c.kind != ChangeKind::Changed {
                continue;
            }
            let o = old
                .iter()
                .find(|x| Some(x.value) == c.old && x.unit == c.unit);
            let n = new
                .iter()
                .find(|x| Some(x.value) == c.new && x.unit == c.unit);
            if let (Some(o), Some(n)) = (o, n) {
                let head = |k: &str| {
                    k.split('|')
                        .next()
                        .and_then(|s| s.rsplit(' ').next())
                        .map(str::to_owned)
                };
                assert_eq!(head(&o.key), head(&n.key), "{o:?} vs {n:?}");
            }
        }
    }
}
