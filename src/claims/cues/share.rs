//! Shares named by their part: the verbs by which a clause's subject makes
//! up, holds or moved to a share of a whole ("girls make up 44 percent",
//! "foreign investors own 21% of the shares", "exports rose to 31% of
//! revenue").

use super::super::np::W;

/// "make up", "account for", "constitute", "supply", or a change verb and
/// "to" ("rose to"): the figure is a share of the clause subject in a
/// whole.
pub(crate) fn makes_up(ws: &[W], w_first: usize, cs: usize) -> bool {
    let mut k = w_first;
    while k > cs
        && [
            "about", "around", "nearly", "almost", "over", "some", "only", "just",
        ]
        .iter()
        .any(|q| ws[k - 1].is(q))
    {
        k -= 1;
    }
    let at = |i: usize| ws.get(i).filter(|_| i >= cs && i < w_first);
    let prev = k.checked_sub(1).and_then(at);
    let prev2 = k.checked_sub(2).and_then(at);
    let pair = |a: &[&str], b: &str| {
        prev.is_some_and(|w| w.is(b)) && prev2.is_some_and(|w| a.iter().any(|x| w.is(x)))
    };
    pair(&["make", "makes", "made", "making"], "up")
        || pair(&["account", "accounts", "accounted", "accounting"], "for")
        // "exports rose to 31% of revenue": the share the subject moved to.
        || (prev.is_some_and(|w| w.is("to"))
            && prev2.is_some_and(|w| super::super::qualifier::is_change_verb(w.text))
            && plural_mover(ws, k - 2, cs))
        || prev.is_some_and(|w| {
            [
                "constitute",
                "constitutes",
                "constituted",
                "represent",
                "represents",
                "represented",
                "comprise",
                "comprises",
                "comprised",
                "supplied",
                "supplies",
                "supply",
                "provided",
                "provides",
                "provide",
                "contributed",
                "contributes",
                "contribute",
                "generated",
                "generates",
            ]
            .iter()
            .any(|x| w.is(x))
                || holding_verb(w.text)
        })
}

/// Whether the clause subject before the change verb at `v` is a plural
/// noun ("exports rose to 31% of revenue"), an auxiliary perhaps between:
/// a singular one ("coverage has risen to 83 per cent of the target
/// population", "use of the system has climbed to 72% of trucks") is a
/// rate of the whole, not a part of it.
fn plural_mover(ws: &[W], v: usize, cs: usize) -> bool {
    let mut k = v;
    while k > cs && ws[k - 1].is_any(&["has", "have", "had", "also", "now", "further"]) {
        k -= 1;
    }
    k > cs && !ws[k - 1].punct && super::super::follow::is_plural(ws[k - 1].text)
}

/// Verbs by which a part holds a share of a whole: "Women lead 45% of the
/// acts", "foreign investors own 21% of the shares". Words the noun-phrase
/// reader does not know as verbs, so the share's reader drops them.
pub(crate) fn holding_verb(w: &str) -> bool {
    [
        "lead", "leads", "led", "hold", "holds", "held", "own", "owns", "owned",
    ]
    .iter()
    .any(|x| w.eq_ignore_ascii_case(x))
}
