//! Figures stated for each unit of land or each person ("21 tonnes per
//! hectare", "21 million monarchs to the hectare", "each hectare holds 21
//! million", "$1,250 per capita"): a rate, keyed apart from the total it
//! is a rate of.

use super::np::W;
use super::resolve::Figure;

/// What a rate may be stated for, and the key modifier each gives.
/// An hour is one: a line's capacity "an hour" is no day's ridership. A
/// day is not: "passengers a day" and "daily ridership" are one quantity
/// across articles, and keying it apart lost pairs.
const DENOMINATORS: [(&str, &str); 10] = [
    ("hour", "per-hour"),
    ("hectare", "per-hectare"),
    ("acre", "per-acre"),
    ("capita", "per-person"),
    ("person", "per-person"),
    ("resident", "per-person"),
    ("inhabitant", "per-person"),
    ("household", "per-household"),
    ("family", "per-household"),
    ("head", "per-person"),
];

fn denominator(w: &W) -> Option<&'static str> {
    DENOMINATORS.iter().find(|(d, _)| w.is(d)).map(|(_, m)| *m)
}

/// The rate modifier of figure `f`: "per"/"a"/"an"/"to the"/"for each"
/// and a denominator within four words after the figure (its noun may
/// come between: "21 million monarchs to the hectare"), or "each"/"every"
/// and a denominator before the verb before it ("each hectare holds 21
/// million"). Not "per head of cattle", which counts the cattle.
pub(crate) fn per(ws: &[W], f: &Figure) -> Option<&'static str> {
    let (cs, ce) = f.clause;
    let end = ce.min(f.w_end + 6);
    for k in f.w_end..end {
        let w = &ws[k];
        if w.punct {
            break;
        }
        let prev = |list: &[&str]| k > 0 && ws[k - 1].is_any(list);
        // "21 tonnes a hectare", not "paid $2,000 to a family".
        let article = (w.is("a") || w.is("an"))
            && !prev(&["to", "for", "from", "with", "by", "of", "in", "on", "at"]);
        let opens =
            w.is("per") || article || ((w.is("the") || w.is("each")) && prev(&["to", "for"]));
        if opens
            && let Some(d) = ws.get(k + 1).and_then(denominator)
            && !ws.get(k + 2).is_some_and(|n| n.is("of"))
        {
            return Some(d);
        }
    }
    // "each hectare holds about 21 million": "each" or "every", the
    // denominator, then at most a verb and qualifiers before the figure.
    let first = f.w_first;
    (cs..first).rev().take(4).find_map(|k| {
        (k + 1 < first && (ws[k].is("each") || ws[k].is("every")))
            .then(|| denominator(&ws[k + 1]))
            .flatten()
    })
}
