//! The subject a figure takes from the words before it: the nearest noun
//! phrase, what a plan is for, a pronoun's or a demonstrative's
//! antecedent, or the figure before it when the phrase names nothing; and
//! whether a change verb before a figure has a noun of its own; where the
//! words that may give a figure its status start; what a share "of it" and
//! a conversion in brackets are of.

use super::super::casualty::casualty;
use super::super::lexicon::{is_generic_head, is_ratio_head};
use super::super::np::{Follow, W, clause_np, following, left_np};
use super::super::subject::{Normalizer, Subject, status_in};
use super::{DocMemory, Done, Figure, refs};

/// Subject from the clause before the figure: the nearest noun phrase, a
/// demonstrative's antecedent, or the figure before it for "the number".
pub(super) fn from_left(
    ws: &[W],
    f: &Figure,
    done: &[Done],
    norm: &Normalizer,
    mem: &DocMemory,
) -> Subject {
    let (cs, _) = f.clause;
    // "19.3 million quintals have arrived, out of a planned 24.5 million":
    // the whole is a total of what the figure before it counts.
    if super::super::prior::opens_whole(f.w_first, |k, words| ws[k].is_any(words))
        && let Some(d) = done.iter().rev().find(|d| d.unit == f.unit)
    {
        return d.subject.clone();
    }
    let np = left_np(ws, f.w_first, cs);
    if np.is_empty() {
        let np = clause_np(ws, cs, f.w_first);
        // "Registered voters: 1,200": the label before a colon.
        if np.is_empty() && cs >= 1 && ws[cs - 1].text == ":" {
            let label = left_np(ws, cs - 1, 0);
            let mut s = norm.subject(&refs(ws, &label));
            if let (Some(&a), Some(&b)) = (label.first(), label.last()) {
                s.status = status_in(&ws[a..=b]);
            }
            return s;
        }
        // "The appeal seeks $188 million; it is 31 per cent funded": the
        // pronoun stands for the subject of the sentence's earlier figure.
        if np.is_empty()
            && ws.get(cs).is_some_and(|w| w.is("it"))
            && let Some(d) = done
                .iter()
                .find(|d| d.clause_start < cs && !d.subject.head.is_empty())
        {
            return d.subject.clone();
        }
        return norm.subject(&refs(ws, &np));
    }
    // "Its fleet of 42 aircraft will grow to 48": the phrase an earlier
    // figure of the clause counts is that figure's quantity, later valued.
    if let Some(&a) = np.first()
        && a > cs
        && ws[a - 1].num
        && let Some(d) = done.iter().rev().find(|d| {
            d.clause_start == cs && d.unit == f.unit && d.w_first < a && d.w_first + 3 >= a
        })
    {
        return d.subject.clone();
    }
    let demonstrative = np.iter().any(|&i| ws[i].is("these") || ws[i].is("those"));
    let s = norm.subject(&refs(ws, &np));
    // "cut its target for full-year exports to $560 million": a plan's
    // figure measures what the plan is for; not a time or a place it is
    // for ("cut its forecast for the season to 470,000 tonnes").
    if ["target", "forecast", "estimate", "projection", "guidance"].contains(&s.head.as_str())
        && let Some(&h) = np.last()
        && ws.get(h + 1).is_some_and(|w| w.is("for"))
        && let Follow::Np(aim) = following(ws, h + 2, f.w_first)
    {
        let a = norm.subject(&refs(ws, &aim));
        let when_or_where = super::super::period::is_time_noun(&a.head)
            || ["region", "area", "country", "province", "state"].contains(&a.head.as_str());
        if !a.head.is_empty() && !is_generic_head(&a.head) && !when_or_where {
            return a;
        }
    }
    // "Bad loans as a share of the book edged up to 5.4 per cent": the
    // share is the bad loans'.
    if is_ratio_head(&s.head)
        && let Some(&a) = np.first().filter(|&&a| a > cs + 1 && ws[a - 1].is("as"))
    {
        let part = norm.subject(&refs(ws, &left_np(ws, a - 1, cs)));
        if !part.head.is_empty() {
            return Subject {
                head: s.head,
                mods: part.mods_with_head(),
                status: None,
            };
        }
    }
    if demonstrative && let Some(last) = mem.last_count.as_ref().filter(|l| l.head == s.head) {
        return last.clone();
    }
    let generic = s.head.is_empty() || is_generic_head(&s.head);
    // "the count of those forced from their homes has climbed to 260,000":
    // people, counted by what happened to them.
    if generic
        && (cs..f.w_first).any(|i| ws[i].is("those"))
        && let Some(c) = casualty(
            ws,
            f,
            &Subject {
                head: "people".into(),
                ..Subject::default()
            },
        )
    {
        return c;
    }
    if generic && let Some(d) = done.iter().rev().find(|d| d.unit == f.unit) {
        return d.subject.clone();
    }
    // "Two stations opened on February 19, bringing the total on the
    // network to 43": a total that a clause's news brings up counts what
    // that clause's subject names.
    if generic
        && let Some(&a) = np.first()
        && a >= 2
        && ws[a - 1].is_any(&super::super::qualifier::TOTAL_VERBS)
        && ws[a - 2].text == ","
    {
        // The noun phrase before the clause's verb ("Harbour Road and Mill
        // Lane stations opened").
        let verb = (1..a - 2)
            .find(|&i| ws[i].verb || (!ws[i].punct && super::super::np::is_participle(ws[i].text)));
        let np = verb.map_or_else(Vec::new, |v| left_np(ws, v, 0));
        let news = norm.subject(&refs(ws, &np));
        if !news.head.is_empty() && !is_generic_head(&news.head) {
            return news;
        }
    }
    // "Shares closed 1.7 percent higher at 218,500 won": a level stated
    // right after a change of the clause is the level of what changed.
    if s.head.is_empty()
        && let Some(d) = done
            .iter()
            .rev()
            .find(|d| d.clause_start == cs && d.w_first < f.w_first && d.w_first + 5 >= f.w_first)
    {
        return d.subject.clone();
    }
    s
}

/// Where the words that may give a figure its status start: after the last
/// subordinate clause opened with a comma before it ("closed since March 3,
/// when inspectors found cracks in 17 girders": "closed" is the bridge's),
/// or at the figure itself when "and" or "but" joins it to what went before
/// ("the work has been completed and 140 workers are on site").
pub(crate) fn left_window_start(ws: &[W], start: usize, w_first: usize) -> usize {
    // A determiner or qualifier between the conjunction and the figure.
    let k = super::super::cues::skip_qualifiers(ws, w_first, start, &["a", "an", "the", "another"]);
    if k > start && ws[k - 1].is_any(&["and", "but"]) {
        return w_first;
    }
    (start + 1..w_first)
        .rev()
        .find(|&k| ws[k - 1].punct && super::SUBORDINATORS.iter().any(|w| ws[k].is(w)))
        .map_or(start, |k| k + 1)
}

/// "as revenue rose 8.3 per cent", "on revenue that rose 8.3 per cent":
/// the change verb right before figure `f` has a noun of its own before it
/// (a relative pronoun may come between), after the sentence's earlier
/// figure; the change is that noun's, not the earlier figure's.
pub(super) fn names_own_change(ws: &[W], f: &Figure) -> bool {
    let Some(v) = f.w_first.checked_sub(1) else {
        return false;
    };
    let Some(mut n) = v.checked_sub(1) else {
        return false;
    };
    // The relative pronoun may open the figure's clause: the antecedent
    // is then just before it.
    let mut start = f.clause.0;
    if ws[n].is_any(&["that", "which"]) {
        let Some(m) = n.checked_sub(1) else {
            return false;
        };
        start = start.min(m);
        n = m;
    }
    super::super::qualifier::is_change_verb(ws[v].text)
        && n >= f.prev_count.max(start)
        && ws[n].is_content()
}

/// Where a figure's status words before it start, from `start`
/// ([`left_window_start`]): "1,386 suspected cases, including 97 deaths":
/// a figure with a noun of its own takes no status that modifies the noun
/// of the count before it ("suspected" before "cases"), so the window
/// skips such modifiers right after that count.
pub(crate) fn own_status_start(ws: &[W], f: &Figure, start: usize) -> usize {
    let mut b = start;
    if b == f.prev_count && matches!(following(ws, f.w_end, f.clause.1), Follow::Np(_)) {
        let word = |w: &W| !w.punct && !w.num && !super::super::lexicon::is_function_word(w.text);
        while b + 1 < f.w_first && word(&ws[b]) && word(&ws[b + 1]) {
            b += 1;
        }
    }
    b
}

/// A figure that is of the figure before it in the sentence: a share "of
/// it" ("The plan costs 7.9 billion francs, and only 57% of it has been
/// funded") and an amount's conversion in brackets right after it ("a
/// trust fund of $26 million (BZ$52 million)").
pub(crate) fn of_the_figure_before(ws: &[W], f: &Figure, done: &[Done]) -> Option<Subject> {
    let money = super::super::lexicon::is_money_unit;
    let share_of_it = f.unit == "percent"
        && ws.get(f.w_end).is_some_and(|w| w.is("of"))
        && ws.get(f.w_end + 1).is_some_and(|w| w.is("it"));
    let bracket = money(f.unit)
        .then(|| {
            (f.clause.0..f.w_first)
                .rev()
                .take(2)
                .find(|&k| ws[k].punct && ws[k].text == "(")
        })
        .flatten();
    if !share_of_it && bracket.is_none() {
        return None;
    }
    let d = done
        .iter()
        .rev()
        .find(|d| d.w_first < f.w_first && d.unit != "percent")?;
    // The conversion follows the amount it converts (at most four words,
    // "US $ 26 million"), across the bracket.
    match bracket {
        Some(k) if !(money(d.unit) && d.unit != f.unit && k <= d.w_first + 4) => None,
        _ => Some(d.subject.clone()),
    }
}
