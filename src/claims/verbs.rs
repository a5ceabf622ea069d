//! Verb forms read from their position: which words of a sentence act as
//! verbs (the "-ed" test, and the finite and passive verbs it misses), and
//! "-ing" words used as nouns.

use super::lexicon::{is_function_word, is_verb};
use super::np::W;

/// An "-s" ending that marks a plural noun or a third-person verb
/// ("projects", "expects"), not "-ss", "-us" or "-is" ("access", "bonus",
/// "basis").
fn plural_s(t: &str) -> bool {
    t.ends_with('s') && !t.ends_with("ss") && !t.ends_with("us") && !t.ends_with("is")
}

/// Marks "-ed" words that act as verbs: those not followed by a noun they
/// could modify ("has passed 2.4 million", "earned $540 million", "added
/// 8,920 MW"), unlike "completed projects".
pub(crate) fn mark_participles(ws: &mut [W]) {
    for k in 0..ws.len() {
        let w = &ws[k];
        // "houses now number 1.7 million", "female voters now total 33 lakh"
        if w.is_any(&["number", "numbers", "total", "totals"])
            && k > 0
            && !ws[k - 1].is_any(&["the", "a", "an", "of", "total", "that", "this"])
            && ws.get(k + 1).is_some_and(|n| {
                n.text.starts_with(|c: char| c.is_ascii_digit())
                    || n.is_any(&[
                        "about", "around", "nearly", "over", "some", "more", "almost",
                    ])
            })
        {
            ws[k].verb = true;
            continue;
        }
        // "The Paris region now accounts for 18% of admissions": "accounts"
        // is the verb when "for" opens a figure (not "accounts for women").
        if (w.is("accounts") || w.is("account"))
            && ws.get(k + 1).is_some_and(|n| n.is("for"))
            && ws.get(k + 2).is_some_and(|n| {
                opens_figure(n.text)
                    || super::lexicon::small_number(n.text).is_some()
                    || n.is_any(&[
                        "about", "around", "nearly", "almost", "over", "more", "less", "roughly",
                        "some", "just", "only", "half",
                    ])
            })
        {
            ws[k].verb = true;
            continue;
        }
        if other_verb_form(ws, k) || adverbial(ws, k) {
            ws[k].verb = true;
            continue;
        }
        // "the number of injured rose to 412": after "of", a participle
        // that no noun or "and" follows is what is counted.
        let and_next = || ws.get(k + 1).is_some_and(|n| n.is_any(&["and", "or"]));
        if w.punct
            || !super::np::is_participle(w.text)
            || (k > 0 && ws[k - 1].is("of") && !and_next())
        {
            continue;
        }
        let verb_next = ws.get(k + 1).is_none_or(|n| {
            (n.punct && !matches!(n.text, "-" | "(" | "\"" | "“"))
                || n.text.starts_with(|c: char| c.is_ascii_digit())
                || opens_figure(n.text)
                || is_function_word(n.text)
                || is_verb(n.text)
                || super::lexicon::small_number(n.text).is_some()
        });
        if verb_next || moves_object_to_figure(ws, k) {
            ws[k].verb = true;
        }
    }
}

/// A word that opens a figure: digits or a currency sign or code.
pub(crate) fn opens_figure(t: &str) -> bool {
    let Some(&b) = t.as_bytes().first() else {
        return false;
    };
    // Cheap rejection first, as this runs for the word after every word of
    // a sentence with a figure: no sign or code starts with a lower-case
    // letter but the rupee's "rs".
    if b.is_ascii_lowercase() && !t.starts_with("rs") {
        return false;
    }
    b.is_ascii_digit() || super::lexicon::currency_prefix(t).is_some() || glued_currency(t)
}

/// "Rs2.5", "US$40": a currency code written onto its digits.
fn glued_currency(t: &str) -> bool {
    // Cheap test first: a code of at most four characters, then a digit.
    let b = t.as_bytes();
    if b.len() < 2 || !b[1..b.len().min(5)].iter().any(u8::is_ascii_digit) {
        return false;
    }
    t.find(|c: char| c.is_ascii_digit())
        .filter(|&i| i > 0)
        .is_some_and(|i| {
            let code = t[..i].trim_end_matches('.');
            super::lexicon::currency_prefix(code).is_some()
        })
}

/// Verb forms the "-ed" test misses, read from their position: a passive or
/// predicate word between "is/was" and "at/to/by" ("is forecast at", "was cut
/// to", "were put at"), "equal/equivalent to", an infinitive before "to/by/at"
/// ("expected to narrow to"), a third-person verb right before a figure
/// ("now receives $67 billion"), and an "-ing" participle opening a clause
/// after a comma (", bringing the total to").
pub(crate) fn other_verb_form(ws: &[W], k: usize) -> bool {
    let w = &ws[k];
    // The positional patterns are cheap; the word-list lookup runs only for
    // the few words that match one (this runs for every word of a sentence
    // with a figure).
    !w.punct
        && verb_position(ws, k)
        && w.text.bytes().all(|b| b.is_ascii_alphabetic())
        && !is_function_word(w.text)
}

/// The positional patterns of [`other_verb_form`].
fn verb_position(ws: &[W], k: usize) -> bool {
    let w = &ws[k];
    let prev = k.checked_sub(1).map(|p| &ws[p]);
    let next = ws.get(k + 1);
    let next_is = |list: &[&str]| next.is_some_and(|n| list.iter().any(|x| n.is(x)));
    let prev_is = |list: &[&str]| prev.is_some_and(|p| list.iter().any(|x| p.is(x)));
    if prev_is(&["is", "are", "was", "were", "be", "been", "being"]) && next_is(&["at", "to"]) {
        return true;
    }
    let t = w.text;
    let figure_next = next.is_some_and(|n| opens_figure(n.text));
    // The progressive before its object: "is spending DKK 2.5bn on a plant".
    if prev_is(&["is", "are", "was", "were"]) && t.len() > 5 && t.ends_with("ing") && figure_next {
        return true;
    }
    // A bare verb after a modal, before its figure: "the levy would raise
    // 3.9 billion cedis"; "will cost" names spending ([`super::cues`]).
    let modal = ["will", "would", "could", "should", "may", "might", "must"];
    let bare = t != "cost" && t.bytes().all(|b| b.is_ascii_lowercase());
    if figure_next && bare && prev_is(&modal) {
        return true;
    }
    // A bare verb between a plural subject with an adverb and its figure:
    // "Floating barriers now stretch 8.6 km", "fees still run 12%".
    if figure_next
        && bare
        && prev_is(&["now", "still", "already", "also"])
        && k >= 2
        && !ws[k - 2].punct
        && plural_s(ws[k - 2].text)
        && !is_function_word(t)
    {
        return true;
    }
    if (w.is("equal") || w.is("equivalent")) && next_is(&["to"]) {
        return true;
    }
    if prev_is(&["to"]) && next_is(&["to", "by", "at"]) {
        return true;
    }
    if prev.is_some_and(|p| p.punct && p.text == ",") && w.text.len() > 5 && w.text.ends_with("ing")
    {
        return true;
    }
    let third_person =
        t.len() > 3 && plural_s(t) && t.starts_with(|c: char| c.is_ascii_lowercase());
    // The subject may end in an apposition: "The appeal, launched in
    // December, seeks $188 million".
    let after_subject = || {
        prev.is_some_and(|p| {
            (p.punct && p.text == "," && figure_next)
                || (!p.punct
                    && (!is_function_word(p.text)
                        || ["now", "still", "also", "already", "only"]
                            .iter()
                            .any(|a| p.is(a))))
        })
    };
    // A verb in "-s" agrees with a singular subject: "the council expects
    // to", not "bank expects remittances to reach".
    let singular_before = prev.is_some_and(|p| !plural_s(p.text));
    // A third-person verb may come before an approximation too: "a bale
    // now costs about 11,000 tugriks".
    let approx_figure = || {
        next_is(&super::lexicon::APPROXIMATIONS)
            && ws.get(k + 2).is_some_and(|n| opens_figure(n.text))
    };
    // Cheapest tests first: this runs for every word of a sentence with a
    // figure, and the word-list lookups only for the few that get this far.
    third_person
        && (figure_next || approx_figure() || (singular_before && infinitive_next(ws, k)))
        && after_subject()
}

/// "expects to collect Rs 95 billion", "plans to build 10 dams": "to" and a
/// bare verb whose object (a figure, a determiner or a qualifier) follows.
/// Not "exports to China", "loans to farmers" or "payments to power firms".
fn infinitive_next(ws: &[W], k: usize) -> bool {
    let (Some(to), Some(v), Some(obj)) = (ws.get(k + 1), ws.get(k + 2), ws.get(k + 3)) else {
        return false;
    };
    let t = v.text;
    let bare = t.len() > 2
        && t.bytes().all(|b| b.is_ascii_lowercase())
        && !is_function_word(t)
        && (!t.ends_with('s') || t.ends_with("ss"))
        && !t.ends_with("ing")
        && !t.ends_with("ed");
    let object = opens_figure(obj.text)
        || super::lexicon::small_number(obj.text).is_some()
        || [
            "the", "a", "an", "its", "their", "about", "around", "nearly", "over", "some", "more",
            "up", "another", "at", "almost", "roughly", "as",
        ]
        .iter()
        .any(|d| obj.is(d));
    to.is("to") && bare && object
}

/// "amendments lifted total spending to $419.5bn", "The council raised
/// fees to Rs 500": a past form right after its subject, moving the object
/// noun phrase that follows to a figure. Not "total installed capacity".
pub(crate) fn moves_object_to_figure(ws: &[W], k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).map(|p| &ws[p]) else {
        return false;
    };
    let determined = k >= 2
        && ["the", "a", "an", "its", "their"]
            .iter()
            .any(|d| ws[k - 2].is(d));
    let subject = !prev.punct
        && !is_function_word(prev.text)
        && !is_verb(prev.text)
        && !["total", "overall", "new", "newly"]
            .iter()
            .any(|x| prev.is(x))
        && ((prev.text.len() > 3 && plural_s(prev.text)) || determined || k == 1);
    if !subject {
        return false;
    }
    let mut j = k + 1;
    while let Some(n) = ws.get(j).filter(|_| j <= k + 5) {
        if n.is("to") {
            return j > k + 1 && ws.get(j + 1).is_some_and(|f| opens_figure(f.text));
        }
        let det = ["the", "its", "their"].iter().any(|d| n.is(d));
        if n.punct || (is_function_word(n.text) && !det) {
            return false;
        }
        j += 1;
    }
    false
}

/// A word of an adverbial that looks like a noun phrase: "year on year"
/// ("fell 8% year on year to ¥31.4 billion" is revenue, not a year),
/// "quarter-on-quarter".
pub(crate) fn adverbial(ws: &[W], k: usize) -> bool {
    const PERIODS: &[&str] = &["year", "month", "quarter", "week", "day"];
    let t = ws[k].text;
    // Cheap tests first: this runs on every word of a sentence with a
    // figure, and only "on", a period noun or a hyphenated word can match.
    if t.len() > 7 {
        return t.len() <= 18
            && t.as_bytes().contains(&b'-')
            && t.split_once("-on-").is_some_and(|(a, b)| {
                a.eq_ignore_ascii_case(b) && PERIODS.iter().any(|p| a.eq_ignore_ascii_case(p))
            });
    }
    let is_period = |w: &W| PERIODS.iter().any(|p| w.is(p));
    if t.len() < 2 || !(ws[k].is("on") || is_period(&ws[k])) {
        return false;
    }
    let at = |i: usize| ws.get(i).filter(|w| !w.punct);
    // "X on X" around word k, k being any of the three.
    let repeated = |a: usize| {
        at(a).is_some_and(is_period)
            && at(a + 1).is_some_and(|w| w.is("on"))
            && at(a + 2).zip(at(a)).is_some_and(|(x, y)| x.is(y.text))
    };
    (0..3).any(|d| k.checked_sub(d).is_some_and(repeated))
}

/// Common mass nouns in "-ing", and nouns that only end in it.
const ING_NOUNS: &[&str] = &[
    "spending",
    "funding",
    "financing",
    "borrowing",
    "lending",
    "housing",
    "manufacturing",
    "mining",
    "shipping",
    "banking",
    "trading",
    "advertising",
    "marketing",
    "screening",
    "testing",
    "training",
    "schooling",
    "farming",
    "polling",
    "ticketing",
    // Nouns whose "-ing" is no suffix.
    "ceiling",
    "evening",
    "herring",
    "king",
    "lightning",
    "morning",
    "offspring",
    "ring",
    "shilling",
    "sibling",
    "spring",
    "string",
    "thing",
    "wedding",
    "wing",
];

/// An "-ing" word used as a noun: one of the common mass nouns in "-ing"
/// ("total spending to $419bn", "housing"), or one after a determiner or
/// possessive ("the reading", "its funding").
pub(crate) fn nominal_ing(ws: &[W], k: usize, start: usize) -> bool {
    ING_NOUNS.iter().any(|n| ws[k].is(n))
        || (k > start
            && ["the", "a", "an", "its", "their", "his", "her"]
                .iter()
                .any(|d| ws[k - 1].is(d)))
}
