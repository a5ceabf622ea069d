//! Phrases: groups a sentence's tokens into words (glued runs such as "3G/4G"
//! or "fixed-line"), splits it into clauses, and reads the noun phrases a
//! figure belongs to (after it, before its verb, or at the clause start).

use super::lexicon::{is_function_word, is_verb};
use super::token::{Tok, TokKind};

pub(crate) use super::follow::{Follow, following};

/// One word of a sentence: a run of glued tokens, or a punctuation mark.
#[derive(Debug, Clone, Copy)]
pub(crate) struct W<'a> {
    /// The word as written.
    pub text: &'a str,
    /// First token.
    pub t0: usize,
    /// Token just past the word.
    pub t1: usize,
    /// A punctuation mark.
    pub punct: bool,
    /// First word of the sentence (its capital says nothing).
    pub initial: bool,
    /// Part of a numeric mention.
    pub num: bool,
    /// A participle used as a verb here ("has passed 2.4 million"), or a
    /// word of an adverbial ("year on year"): not a noun.
    pub verb: bool,
}

impl W<'_> {
    /// Case-insensitive comparison.
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        super::lexicon::same_word(self.text, w)
    }

    /// [`W::is`] for any of `words`.
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }

    /// A word that can be part of a noun phrase.
    pub fn is_content(&self) -> bool {
        !self.punct
            && !self.num
            && !self.verb
            && !is_function_word(self.text)
            && !is_verb(self.text)
            && !self.text.chars().all(|c| c.is_ascii_digit())
    }
}

/// Groups tokens into words.
pub(crate) fn words<'a>(sentence: &'a str, toks: &[Tok<'a>]) -> Vec<W<'a>> {
    let mut out: Vec<W<'a>> = Vec::with_capacity(toks.len());
    // In a title-case line capitals say nothing about proper nouns.
    let alpha = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word && t.text.len() > 3);
    let (caps, all) = alpha.fold((0, 0), |(c, a), t| {
        (
            c + usize::from(t.text.starts_with(char::is_uppercase)),
            a + 1,
        )
    });
    let title_case = all >= 3 && caps * 10 >= all * 7;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind == TokKind::Punct {
            out.push(W {
                text: t.text,
                t0: i,
                t1: i + 1,
                punct: true,
                initial: out.is_empty(),
                num: false,
                verb: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && !toks[j].space {
            let n = toks[j];
            let joiner = n.kind == TokKind::Punct && matches!(n.text, "-" | "–" | "/" | "&");
            let continues = joiner
                && toks
                    .get(j + 1)
                    .is_some_and(|a| !a.space && a.kind != TokKind::Punct);
            if n.kind != TokKind::Punct || continues {
                j += if continues { 2 } else { 1 };
            } else {
                break;
            }
        }
        let end = toks[j - 1].end();
        let initial = title_case
            || out.last().is_none_or(|p: &W| {
                // A spaced dash ends a dateline: "BALLYKEERAN - Visits rose".
                p.punct && matches!(p.text, ":" | "“" | "\"" | "‘" | "(" | "—" | "–" | "-")
            });
        out.push(W {
            text: &sentence[t.start..end],
            t0: i,
            t1: j,
            punct: false,
            initial,
            num: false,
            verb: false,
        });
        i = j;
    }
    super::verbs::mark_participles(&mut out);
    out
}

/// A past form: regular ("passed", "earned"; not "-eed" or "hundred"), or
/// one of the common irregular ones that report amounts ("paid", "spent").
pub(crate) fn is_participle(t: &str) -> bool {
    (t.len() > 4
        && t.is_ascii()
        && t.ends_with("ed")
        && !t.ends_with("eed")
        && !t.eq_ignore_ascii_case("hundred")
        && t.bytes().all(|b| b.is_ascii_alphabetic()))
        || ((3..=6).contains(&t.len()) && IRREGULAR_PAST.iter().any(|p| t.eq_ignore_ascii_case(p)))
}

/// Irregular past forms that take an amount as their object.
const IRREGULAR_PAST: &[&str] = &[
    "paid", "sold", "spent", "built", "bought", "lent", "sent", "won", "lost", "grown", "given",
    "taken", "drawn", "held",
];

/// Words that end a clause's subject and start its report ("said that").
/// "added" reports only before "that": "plants added 8,920 MW" is a fact.
fn is_reporting(w: &str, next: Option<&W>) -> bool {
    if w.eq_ignore_ascii_case("added") {
        return next.is_some_and(|n| n.is("that"));
    }
    matches!(
        super::lexicon::ascii_lower(w, &mut [0u8; 32]),
        "said"
            | "says"
            | "told"
            | "claimed"
            | "showed"
            | "shows"
            | "noted"
            | "stated"
            | "reported"
            | "informed"
            | "revealed"
    )
}

/// Clause boundaries as word ranges `[start, end)` covering the sentence.
pub(crate) fn clauses(ws: &[W]) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    for (k, w) in ws.iter().enumerate() {
        let next = ws.get(k + 1);
        if w.punct && matches!(w.text, ";" | ":") {
            cuts.push(k + 1);
        } else if w.punct
            && w.text == ","
            && next.is_some_and(|n| n.is("while") || n.is("whereas") || n.is("but") || n.is("and"))
        {
            cuts.push(k + 2);
        } else if w.is("while") || w.is("whereas") {
            cuts.push(k + 1);
        } else if w.is("and") && next.is_some_and(|n| n.is("that")) {
            cuts.push(k + 2);
        } else if is_reporting(w.text, next) && next.is_some_and(|n| !n.punct) {
            cuts.push(if next.is_some_and(|n| n.is("that")) {
                k + 2
            } else {
                k + 1
            });
        }
    }
    cuts.push(ws.len());
    cuts.dedup();
    cuts.windows(2)
        .filter(|c| c[0] < c[1])
        .map(|c| (c[0], c[1]))
        .collect()
}

/// Content words of a noun phrase ending at `last` (inclusive), read
/// leftwards; parentheses are transparent, one "of" complement is followed.
pub(crate) fn np_ending_at(ws: &[W], last: usize, start: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = last + 1;
    let mut seen_of = false;
    while k > start {
        let w = &ws[k - 1];
        if w.punct && (w.text == "(" || w.text == ")") {
            k -= 1;
            continue;
        }
        if w.is("of") && !seen_of && !out.is_empty() && k - 1 > start && ws[k - 2].is_content() {
            seen_of = true;
            out.push(k - 1);
            k -= 1;
            continue;
        }
        let code_and = (w.is("and") || w.text == "&")
            && k >= 2
            && has_digit(ws[k - 2].text)
            && ws.get(k).is_some_and(|n| has_digit(n.text));
        if compound_link(ws, k - 1, start, &out) {
            out.push(k - 1);
            k -= 1;
            continue;
        }
        // "licensed cracking and processing plants": two modifiers joined
        // before one head both describe it (not a list of plural nouns).
        if (w.is("and") || w.is("or"))
            && out.len() >= 2
            && k >= 2
            && k - 2 >= start
            && ws[k - 2].is_content()
            && ws[k - 2].text.starts_with(|c: char| c.is_lowercase())
            && !ws[k - 2].text.ends_with('s')
        {
            k -= 1;
            continue;
        }
        if !code_and
            && !w.is_content()
            && !matches!(
                super::lexicon::ascii_lower(w.text, &mut [0u8; 32]),
                "the" | "a" | "an" | "such" | "these" | "those" | "its" | "their"
            )
        {
            break;
        }
        out.push(k - 1);
        k -= 1;
        if out.len() >= 9 {
            break;
        }
        if ["the", "a", "an", "its", "their"].iter().any(|d| w.is(d)) {
            // "the capacity of the utility": a determiner after "of" does not
            // end the phrase.
            let of_before = !seen_of
                && k > start + 1
                && ws[k - 1].is("of")
                && ws[k - 2].is_content()
                && out.len() > 1;
            if !of_before {
                break;
            }
        }
    }
    out.reverse();
    while out.first().is_some_and(|&i| ws[i].is("of")) {
        out.remove(0);
    }
    out
}

/// "profit after tax", "income before taxes": an "after"/"before" between a
/// noun and one or two lower-case nouns forms one compound noun (the
/// phrase read so far, `out`, is what follows the link word at `k`).
fn compound_link(ws: &[W], k: usize, start: usize, out: &[usize]) -> bool {
    let w = &ws[k];
    (w.is("after") || w.is("before"))
        && k > start
        && (1..=2).contains(&out.len())
        && out.last() == Some(&(k + 1))
        && ws[k - 1].is_content()
        && !ws[k - 1].text.ends_with("ed")
        // "this year after shipments of": a time, then a clause of its own.
        && !super::period::is_time_noun(ws[k - 1].text)
        && out.iter().all(|&i| {
            let t = ws[i].text;
            t.starts_with(|c: char| c.is_ascii_lowercase())
                && !super::lexicon::is_time_unit(t)
                && super::lexicon::month(t).is_none()
        })
}

/// Words that only stress a figure ("a record", "an all-time high").
fn is_intensifier(w: &str) -> bool {
    matches!(
        super::lexicon::ascii_lower(w, &mut [0u8; 32]),
        "record" | "all-time" | "high" | "new" | "whopping" | "staggering" | "massive"
    )
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Noun phrase before a figure at word `k`: skips the verb group, adverbs
/// and prepositional phrases, and an appositive between commas.
pub(crate) fn left_np(ws: &[W], k: usize, start: usize) -> Vec<usize> {
    let mut j = k;
    // The noun phrase another figure counts ("Occupancy at the 287
    // registered properties averaged 73.8%"): used only when nothing
    // further left names this figure.
    let mut counted: Option<Vec<usize>> = None;
    let preps = [
        "in", "at", "from", "for", "across", "under", "by", "to", "on", "among", "over", "than",
        "relative", "since", "during", "against", "into", "between",
        // "averaged $1.93 per kg and accounted for 79%": a rate's
        // denominator holds nothing.
        "per",
    ];
    let mut steps = 0;
    while j > start && steps < 40 {
        steps += 1;
        let w = &ws[j - 1];
        if w.punct {
            if w.text == "," {
                // Appositive or interjection: ", the share of ..., stands at"
                if let Some(c) = (start..j - 1)
                    .rev()
                    .find(|&i| ws[i].punct && ws[i].text == ",")
                {
                    let first = &ws[c + 1];
                    if [
                        "the",
                        "a",
                        "an",
                        "by",
                        "in",
                        "for",
                        "according",
                        "which",
                        "who",
                        // ", now the industry's biggest market,"
                        "now",
                        "once",
                        "its",
                        "their",
                    ]
                    .iter()
                    .any(|p| first.is(p))
                        // ", Malawi's main type,": a possessive opens one too.
                        || super::token::is_possessive(first.text)
                    {
                        j = c;
                        continue;
                    }
                }
                j -= 1;
                continue;
            }
            if w.text == ")" || w.text == "(" {
                break;
            }
            j -= 1;
            continue;
        }
        // "The share of bales turned back eased to 11%": the particle of a
        // participle before the verb is no noun; the phrase before is.
        if w.is_any(&["back", "up", "out", "off", "down", "away"])
            && j >= 2
            && !ws[j - 2].punct
            && (ws[j - 2].verb || (ws[j - 2].text.len() > 4 && ws[j - 2].text.ends_with("ed")))
        {
            j -= 2;
            continue;
        }
        // A gerund is a head only before its verb ("spending has been set").
        let gerund_head = ws.get(j).is_some_and(|n| is_verb(n.text))
            && !["having", "being", "including", "according"]
                .iter()
                .any(|g| w.is(g));
        if w.is_content()
            && (!w.text.ends_with("ing")
                || gerund_head
                || super::verbs::nominal_ing(ws, j - 1, start))
            && !w.text.ends_with("ly")
            // Adverbs without "-ly": "timepieces sent abroad fell to".
            && !w.is_any(&["abroad", "overseas", "nationwide", "worldwide", "apiece"])
        {
            let mut np = np_ending_at(ws, j - 1, start);
            // "still expected full-year exports to fall by": the verb of a
            // forecast before its object, not a modifier.
            if np.len() > 1
                && ws[np[0]].is_any(&["expected", "projected", "forecast", "estimated"])
                && ws.get(j).is_some_and(|w| w.is("to"))
            {
                np.remove(0);
            }
            // "Road deaths last year reached", "so far this year": a time
            // adverbial after the subject is not part of it.
            if let Some(&h) = np.last()
                && let Some(t) = super::period::time_phrase_start(ws, h, start)
            {
                np.retain(|&i| i < t);
                if np.is_empty() {
                    j = t;
                    continue;
                }
            }
            let np_start = np.first().copied().unwrap_or(j - 1);
            // "approved an increase in the fertiliser subsidy to 95 billion
            // birr": what a change noun moves is the subject.
            let moved = np_start > start + 1
                && ws[np_start - 1].is("in")
                && ws[np_start - 2].is_any(&["increase", "rise", "cut", "reduction", "hike"])
                && np
                    .last()
                    .is_some_and(|&h| ws[h].text.starts_with(|c: char| c.is_lowercase()));
            // "a profit of £19.4 million on revenue that rose to": the
            // antecedent of a relative pronoun is what the clause counts.
            let antecedent = np
                .last()
                .and_then(|&h| ws.get(h + 1))
                .is_some_and(|w| w.is_any(&["that", "which"]));
            // A prepositional phrase ("in Pakistan") is not the subject.
            if !moved
                && !antecedent
                && np_start > start
                && preps.iter().any(|p| ws[np_start - 1].is(p))
            {
                j = np_start - 1;
                // "Infants younger than six months": the comparative goes
                // with its "than", not with the noun before.
                if ws[j].is("than") && j > start + 1 && ws[j - 1].text.ends_with("er") {
                    j -= 1;
                }
                continue;
            }
            // "The repayment rate on the loan portion of each package": a
            // distributive phrase says what a rate is per, not whose it is.
            if np_start >= start + 2
                && ws[np_start - 1].is_any(&["each", "every"])
                && ws[np_start - 2].is_any(&["of", "on", "for", "per", "in"])
            {
                j = np_start - 2;
                continue;
            }
            // Nor one of two joined nouns ("output at the company's Dongsan
            // and Gwangnam works"): the preposition before the first.
            if np_start > start + 1
                && (ws[np_start - 1].is("and") || ws[np_start - 1].is("or"))
                && ws[np_start - 2].is_content()
            {
                let opening = (start..np_start - 1)
                    .rev()
                    .take(5)
                    .take_while(|&i| {
                        !ws[i].punct && !ws[i].num && !ws[i].verb && !is_verb(ws[i].text)
                    })
                    .find(|&i| preps.iter().any(|p| ws[i].is(p)));
                if let Some(p) = opening {
                    j = p;
                    continue;
                }
            }
            let count_before = np_start > start && {
                let n = &ws[np_start - 1];
                n.num && n.text.bytes().all(|b| b.is_ascii_digit() || b == b',')
            };
            let plural = np
                .last()
                .is_some_and(|&h| ws[h].text.len() > 3 && ws[h].text.ends_with('s'));
            if count_before && plural && counted.is_none() {
                counted = Some(np);
                j = np_start - 1;
                continue;
            }
            // "..., Ambavli, the most sought-after seat, stood at": a name
            // set off by commas is an appositive, not the subject.
            if np_start > start
                && ws[np_start - 1].punct
                && ws[np_start - 1].text == ","
                && ws.get(j).is_some_and(|n| n.punct && n.text == ",")
                && np
                    .iter()
                    .all(|&i| ws[i].text.starts_with(|c: char| c.is_uppercase()))
            {
                j = np_start - 1;
                continue;
            }
            if names_a_sign(ws, &np, start)
                && let Some(&h) = np.last()
            {
                // Before the copula.
                j = h - 2;
                continue;
            }
            // "hit a record 4,105MW": an intensifier, not what is measured.
            if np
                .iter()
                .all(|&i| is_intensifier(ws[i].text) || is_function_word(ws[i].text))
            {
                j = np_start;
                continue;
            }
            return examples_of(ws, np_start, start).unwrap_or(np);
        }
        j -= 1;
    }
    counted.unwrap_or_default()
}

/// "Adjusted EBITDA was a profit of 286 million": "a profit" after a copula
/// gives the figure's sign; the clause's subject names it.
pub(crate) fn names_a_sign(ws: &[W], np: &[usize], start: usize) -> bool {
    let (Some(&first), Some(&h)) = (np.first(), np.last()) else {
        return false;
    };
    first + 1 >= h
        && h >= start + 3
        && ["profit", "loss", "surplus", "deficit"]
            .iter()
            .any(|p| ws[h].is(p))
        && (ws[h - 1].is("a") || ws[h - 1].is("an"))
        && ["was", "is", "were", "are"].iter().any(|v| ws[h - 2].is(v))
}

/// "Player wages and other staff costs rose to", "cash and equivalents of":
/// the first named is what the figure counts; "multi-unit projects such as
/// condominium towers and purpose-built rentals rose to": the examples are
/// not.
pub(crate) fn examples_of(ws: &[W], np_start: usize, start: usize) -> Option<Vec<usize>> {
    let content_np = |end: usize| {
        let np = np_ending_at(ws, end, start);
        np.iter().any(|&i| ws[i].is_content()).then_some(np)
    };
    // "cash and cash equivalents": the first names the holding.
    let equivalents = np_start >= start + 2
        && ws[np_start - 1].is("and")
        && ws[np_start..]
            .iter()
            .take_while(|w| !w.punct)
            .any(|w| w.is("equivalents"));
    if equivalents {
        return content_np(np_start - 2);
    }
    // "other" may open the phrase or end the one before it.
    let other = if ws[np_start].is("other") {
        Some(np_start)
    } else {
        np_start.checked_sub(1).filter(|&o| ws[o].is("other"))
    };
    if let Some(o) = other
        && o >= start + 2
        && ws[o - 1].is("and")
    {
        return content_np(o - 2);
    }
    let mut k = np_start;
    while k > start + 2 {
        k -= 1;
        let w = &ws[k];
        if w.is("as") && ws[k - 1].is("such") {
            return content_np(k - 2);
        }
        if !(w.is_content() || w.is("and") || w.is("or") || (w.punct && w.text == ",")) {
            return None;
        }
    }
    None
}

/// The clause's leading noun phrase (its grammatical subject), skipping an
/// introductory phrase that ends in a comma.
pub(crate) fn clause_np(ws: &[W], start: usize, end: usize) -> Vec<usize> {
    let mut s = start;
    if ws.get(s).is_some_and(|w| {
        !w.punct && is_function_word(w.text) && !w.is("the") && !w.is("a") && !w.is("an")
    }) && let Some(c) = (s..end).find(|&i| ws[i].punct && ws[i].text == ",")
    {
        s = c + 1;
    }
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate().take(end).skip(s) {
        if w.punct && (w.text == "(" || w.text == ")") {
            continue;
        }
        let code_and = (w.is("and") || w.text == "&")
            && i > s
            && has_digit(ws[i - 1].text)
            && ws.get(i + 1).is_some_and(|n| has_digit(n.text));
        if !code_and
            && !w.is_content()
            && !(out.is_empty() && (w.is("the") || w.is("a") || w.is("an") || w.is("its")))
        {
            break;
        }
        out.push(i);
    }
    out
}
