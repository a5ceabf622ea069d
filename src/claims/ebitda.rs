//! EBITDA spelled out ("earnings before interest, taxes, depreciation and
//! amortization") as the subject of a figure, and its margin.

use super::np::W;
use super::resolve::Figure;
use super::subject::{Normalizer, Subject};

/// "Adjusted earnings before interest, taxes, depreciation and amortization
/// were 238.6 million": the spelled-out name of EBITDA, before the figure
/// in its clause, with the words that qualify it ("adjusted"); after "the
/// margin on" it is the EBITDA margin.
pub(crate) fn spelled_ebitda(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    let (cs, _) = f.clause;
    let span = &ws[cs..f.w_first];
    let e = span
        .windows(3)
        .position(|w| w[0].is("earnings") && w[1].is("before") && w[2].is("interest"))?;
    let rest = &span[e..];
    let amortization = rest
        .iter()
        .any(|w| w.is("amortization") || w.is("amortisation"));
    if !amortization || !rest.iter().any(|w| w.is("depreciation")) {
        return None;
    }
    let e = cs + e;
    // "The margin on earnings before interest, ...": the EBITDA margin.
    if e >= cs + 2 && ws[e - 1].is_any(&["on", "of"]) && ws[e - 2].is("margin") {
        return Some(Subject {
            head: "margin".into(),
            mods: vec!["ebitda".into()],
            status: None,
        });
    }
    let mut s = Subject {
        head: "ebitda".into(),
        ..Subject::default()
    };
    if e > cs {
        let np = super::np::np_ending_at(ws, e - 1, cs);
        let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
        s.merge_mods(&norm.subject(&words).mods_with_head());
    }
    Some(s)
}
