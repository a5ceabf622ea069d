//! Casualty counts: people counted as deaths, injuries, the displaced,
//! the affected or the missing ("killed 1,162 people", "Four people have
//! been killed and 47 injured", "148 injured and 290,000 affected").

use super::np::W;
use super::resolve::Figure;
use super::subject::Subject;

/// Heads of a casualty count: a harm, or the people counted in a state.
pub(crate) const CASUALTY_HEADS: [&str; 4] = ["death", "injury", "casualty", "people"];

/// "killed 1,162 people", "500 people were injured", "the number of people
/// killed has risen to 52", "displaced about 2.1 lakh people", "those forced
/// from their homes": people counted as deaths, injuries or the displaced.
/// The word right before the figure decides first, then the words after it
/// (up to the next figure), then the words before it in its clause.
pub(crate) fn casualty(ws: &[W], f: &Figure, s: &Subject) -> Option<Subject> {
    // Heads as [`super::subject::stem`] leaves them ("children" is "child").
    const PEOPLE: &[&str] = &[
        "people",
        "person",
        "individual",
        "resident",
        "civilian",
        "child",
        "patient",
    ];
    if !PEOPLE.contains(&s.head.as_str()) {
        return None;
    }
    // Children and patients are counted as harmed ("four children have
    // died"), never in a state of people in a disaster: "patients in the
    // affected districts" are patients.
    let harm_only = matches!(s.head.as_str(), "child" | "patient");
    let (cs, ce) = f.clause;
    let bounds = [
        "estimated",
        "an",
        "at",
        "least",
        "more",
        "than",
        "as",
        "many",
    ];
    let k = super::cues::skip_qualifiers(ws, f.w_first, cs, &bounds);
    let before = (cs..k).rev().find(|&i| !ws[i].punct);
    // Up to the next figure, and not past "and": "killing 14 people and
    // injuring 280" names the second figure's harm after the first.
    let a = f.w_end.min(f.next_count);
    let after = a..ws[a..f.next_count.min(ce)]
        .iter()
        .position(|w| w.is("and"))
        .map_or(f.next_count.min(ce), |n| a + n);
    let left = f.prev_count.max(cs).min(f.w_first)..f.w_first;
    // The harm or state word `i` names; `next` also reads the word after.
    let state = |i: usize, next: bool| -> Option<&'static str> {
        let w = &ws[i];
        let next = ws.get(i + 1).filter(|_| next);
        if let Some(harm) = harm_at(ws, i) {
            Some(harm)
        } else if harm_only {
            None
        } else if w.is("forced") && next.is_some_and(|n| n.is("from") || n.is("out")) {
            Some("displaced")
        } else {
            people_state(w)
        }
    };
    let first_in = |mut run: std::ops::Range<usize>| run.find_map(|i| state(i, true));
    let found = before
        .and_then(|i| state(i, false))
        .or_else(|| first_in(after))
        .or_else(|| first_in(left))?;
    Some(casualty_subject(found))
}

/// A state people are counted in: "displaced" (also "evacuated",
/// "homeless", "uprooted"), "affected" or "missing".
fn people_state(w: &W) -> Option<&'static str> {
    if w.is_any(&["displaced", "evacuated", "homeless", "uprooted"]) {
        Some("displaced")
    } else if w.is("affected") {
        Some("affected")
    } else if w.is("missing") {
        Some("missing")
    } else {
        None
    }
}

/// The subject of a harm ("death") or of a state of people
/// ("displaced people").
fn casualty_subject(found: &'static str) -> Subject {
    if matches!(found, "displaced" | "affected" | "missing") {
        Subject {
            head: "people".into(),
            mods: vec![found.into()],
            status: None,
        }
    } else {
        Subject {
            head: found.into(),
            ..Subject::default()
        }
    }
}

/// "Four people have been killed and 47 injured", "Seven have died and 66
/// have been injured": a count of casualties whose own participle follows
/// it (after at most an auxiliary or two) is that casualty, whatever the
/// count before it in the sentence was. So is one whose own verb comes
/// right before it ("killing 14 people and injuring more than 280"), and
/// "the number of injured" counts injuries.
pub(crate) fn own_casualty(ws: &[W], f: &Figure, s: &mut Subject) {
    const CASUALTY: [&str; 10] = [
        "death", "injury", "casualty", "people", "died", "killed", "injured", "dead", "hurt",
        "wounded",
    ];
    // "The storm killed 12 and injured 30": a figure with no noun of its
    // own after its harm verb counts that harm, whatever the subject.
    let ours = CASUALTY.contains(&s.head.as_str()) && s.mods.is_empty();
    let bare = ws
        .get(f.w_end)
        .is_none_or(|w| w.punct || super::lexicon::is_function_word(w.text));
    if !ours && !bare {
        return;
    }
    let (_, ce) = f.clause;
    // Auxiliaries, and "still" ("three people are still missing").
    let aux = |w: &W| {
        [
            "have", "has", "had", "been", "were", "was", "are", "is", "still",
        ]
        .iter()
        .any(|a| w.is(a))
    };
    let bounds = ["at", "least", "more", "than", "as", "many", "up", "to"];
    let k = super::cues::skip_qualifiers(ws, f.w_first, f.clause.0, &bounds);
    let before = k.checked_sub(1).filter(|&b| !ws[b].punct);
    let after = (f.w_end..ce.min(f.w_end + 3)).find(|&k| !aux(&ws[k]));
    // "148 people had been injured and about 290,000 affected": a bare
    // figure followed by its own state of people is in that state.
    let own = after
        .filter(|_| ours)
        .and_then(|k| harm_at(ws, k).or_else(|| people_state(&ws[k])))
        .or_else(|| before.and_then(|b| harm_at(ws, b)));
    if let Some(harm) = own.or_else(|| harm(&s.head).filter(|_| ours)) {
        *s = casualty_subject(harm);
    }
}

/// [`harm`] of word `i`, where two harms joined by "or" or "and" ("killed
/// or injured 49 people", "Six people were killed or injured") are
/// casualties of either kind.
fn harm_at(ws: &[W], i: usize) -> Option<&'static str> {
    let h = harm(ws.get(i)?.text)?;
    let joined = |c: usize, o: usize| {
        ws.get(c).is_some_and(|w| w.is("or") || w.is("and"))
            && ws.get(o).and_then(|w| harm(w.text)).is_some_and(|g| g != h)
    };
    let both = joined(i + 1, i + 2) || (i >= 2 && joined(i - 1, i - 2));
    Some(if both { "casualty" } else { h })
}

/// The casualty a participle or adjective names: "killed", "died" a death,
/// "injured", "hurt" an injury.
fn harm(w: &str) -> Option<&'static str> {
    let says = |words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
    if says(&["killed", "killing", "dead", "died", "perished", "drowned"]) {
        Some("death")
    } else if says(&["injured", "injuring", "wounded", "wounding", "hurt"]) {
        Some("injury")
    } else {
        None
    }
}
