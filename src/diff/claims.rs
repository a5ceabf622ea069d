//! Document-to-document claim diff: pairs claims by quantity key and says
//! whether each changed, was restated, is new or was dropped.
//!
//! Each document contributes one figure per key: its latest as-of figure
//! (the first of equals). Figures dated well before the document's own date
//! are historical ("mobile subscriptions reached 100m in 2010") and are not
//! compared. Stated differences carry their own keys, so they are never
//! compared with a level.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::claims::{Claim, Qualifier};

/// What happened to one quantity between two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same quantity, different value.
    Changed,
    /// Same quantity, same value within its qualifier.
    Restated,
    /// Only in the new document.
    New,
    /// Only in the old document.
    Dropped,
}

/// One entry of a claim-level diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// Subject of the quantity.
    pub subject: String,
    /// Quantity key.
    pub key: String,
    /// Unit.
    pub unit: String,
    /// Old value (null for `new`).
    pub old: Option<f64>,
    /// New value (null for `dropped`).
    pub new: Option<f64>,
    /// Sentence of the old claim.
    pub old_sentence: Option<String>,
    /// Sentence of the new claim.
    pub new_sentence: Option<String>,
}

/// Relative width allowed around a directional qualifier ("over 25 billion"
/// covers 25 up to 25 + max(one unit of its last digit, 5%)).
const DIRECTIONAL_WIDTH: f64 = 0.05;
/// Relative half-width of "around", "about".
const AROUND_WIDTH: f64 = 0.01;
/// Claims dated this many days before the document's latest date are historical.
const HISTORICAL_DAYS: i64 = 300;

/// Place value of the last significant digit as written, assuming at most
/// three significant digits are implied by trailing zeros ("100 million"
/// was written as 100, so its unit is one million).
fn precision_unit(x: f64) -> f64 {
    let x = x.abs();
    if x == 0.0 || !x.is_finite() {
        return 1.0;
    }
    let mag = x.log10().floor();
    // Find the last non-zero digit among 12 significant digits.
    let mut unit = 10f64.powf(mag - 11.0);
    for _ in 0..12 {
        let scaled = x / (unit * 10.0);
        if (scaled - scaled.round()).abs() > 1e-6 {
            break;
        }
        unit *= 10.0;
    }
    unit.min(10f64.powf(mag - 2.0)).max(10f64.powf(mag - 11.0))
}

/// The interval of true values a stated value allows.
fn interval(v: f64, q: Qualifier) -> (f64, f64) {
    let v = v.abs();
    let u = precision_unit(v);
    let w = u.max(v * DIRECTIONAL_WIDTH);
    match q {
        Qualifier::Exact => (v - u / 2.0, v + u / 2.0),
        Qualifier::Over | Qualifier::AtLeast => (v, v + w),
        Qualifier::Under | Qualifier::UpTo | Qualifier::Nearly => (v - w, v),
        Qualifier::Around => {
            let h = (u / 2.0).max(v * AROUND_WIDTH);
            (v - h, v + h)
        }
    }
}

/// True when two stated values can describe the same true value, given their
/// qualifiers ("over $25 billion" and "$25.4 billion").
pub fn values_consistent(a: f64, qa: Qualifier, b: f64, qb: Qualifier) -> bool {
    if !a.is_finite() || !b.is_finite() {
        return false;
    }
    if (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0) {
        return true;
    }
    let (lo_a, hi_a) = interval(a, qa);
    let (lo_b, hi_b) = interval(b, qb);
    let eps = 1e-9 * a.abs().max(b.abs());
    lo_a <= hi_b + eps && lo_b <= hi_a + eps
}

/// One claim per key: the latest, skipping historical ones.
fn representatives(claims: &[Claim]) -> (Vec<&str>, HashMap<&str, &Claim>) {
    let latest = claims.iter().filter_map(|c| c.as_of).max();
    let historical = |d: Option<NaiveDate>| match (d, latest) {
        (Some(d), Some(l)) => (l - d).num_days() > HISTORICAL_DAYS,
        _ => false,
    };
    let mut order = Vec::new();
    let mut best: HashMap<&str, &Claim> = HashMap::new();
    for c in claims
        .iter()
        .filter(|c| c.value.is_finite() && !historical(c.as_of))
    {
        match best.get(c.key.as_str()) {
            None => {
                order.push(c.key.as_str());
                best.insert(&c.key, c);
            }
            Some(prev) if c.as_of > prev.as_of => {
                best.insert(&c.key, c);
            }
            Some(_) => {}
        }
    }
    (order, best)
}

/// Claim-level diff of two documents' claims.
pub fn diff_claims(old: &[Claim], new: &[Claim]) -> Vec<Change> {
    let (old_order, old_best) = representatives(old);
    let (new_order, new_best) = representatives(new);
    let mut out = Vec::new();
    for key in &old_order {
        let o = old_best[key];
        let entry = match new_best.get(key) {
            Some(n) => {
                let kind = if values_consistent(o.value, o.qualifier, n.value, n.qualifier) {
                    ChangeKind::Restated
                } else {
                    ChangeKind::Changed
                };
                change(kind, Some(o), Some(n))
            }
            None => change(ChangeKind::Dropped, Some(o), None),
        };
        out.push(entry);
    }
    for key in &new_order {
        if !old_best.contains_key(key) {
            out.push(change(ChangeKind::New, None, Some(new_best[key])));
        }
    }
    out
}

fn change(kind: ChangeKind, old: Option<&Claim>, new: Option<&Claim>) -> Change {
    // At least one side is always present; the callers pass Some for it.
    let any = new.or(old);
    Change {
        kind,
        subject: any.map(|c| c.subject.clone()).unwrap_or_default(),
        key: any.map(|c| c.key.clone()).unwrap_or_default(),
        unit: any.map(|c| c.unit.clone()).unwrap_or_default(),
        old: old.map(|c| c.value),
        new: new.map(|c| c.value),
        old_sentence: old.map(|c| c.sentence.clone()),
        new_sentence: new.map(|c| c.sentence.clone()),
    }
}
