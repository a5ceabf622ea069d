//! Reporting periods: reads a sub-annual period stated with a figure ("for
//! the January-March quarter", "in the first half", "nine months to March",
//! "Q3", "H1") as a number of months, and puts it into the key so that a
//! quarterly figure and a cumulative one of the same quantity never share a
//! key. The quarter is the unmarked period: most sub-annual figures in the
//! news are quarterly and often say so only once per article, so a quarter
//! keeps today's key (only its period words are dropped from the modifiers).
//! A span counted from the start of the (fiscal) year — "the first half",
//! "nine months to March", "January-November" — is one cumulative quantity
//! that grows through the year: every such span gets the same `ytd` marker
//! after the unit, so the half-year figure and the nine-month figure are one
//! quantity's consecutive values. A rolling span ("the past six months") or
//! a second half keeps a marker of its own length. The first quarter is
//! both a quarter and the year so far: it gets a `q1` marker, which the
//! diff reads as either ([`is_first_quarter_of`]). Annual, monthly and
//! unstated periods leave the key exactly as it was.

use super::lexicon::{ascii_lower, month, small_number};
use super::np::W;
use super::subject::Subject;

/// A rate's time: "a year", "an hour", "per day" ("1,500 a year").
pub(crate) fn is_rate_time(det: &W, noun: &W) -> bool {
    ["a", "an", "per"].iter().any(|d| det.is(d)) && is_time_noun(noun.text)
}

/// Where a time adverbial ending at word `h` starts: "last year", "this
/// month", "this fiscal year", "the current financial year", a rate's "a
/// year" or "per day" (not before
/// `start`). `None` when the words are not one.
pub(crate) fn time_phrase_start(ws: &[W], h: usize, start: usize) -> Option<usize> {
    let mut k = h.checked_sub(1).filter(|&k| k >= start)?;
    let mut qualified = false;
    while k > start
        && [
            "fiscal",
            "financial",
            "current",
            "calendar",
            "academic",
            "coming",
        ]
        .iter()
        .any(|q| ws[k].is(q))
    {
        qualified = true;
        k -= 1;
    }
    let det = &ws[k];
    // "tonnes of ammonia a year": a rate's time.
    let rate = !qualified && is_rate_time(det, &ws[h]);
    let opens = is_time_phrase(det, Some(&ws[h])) || (qualified && det.is("the")) || rate;
    opens.then_some(k)
}

/// Months in a period written as one word: "quarterly", "Q3", "1QFY25",
/// "H1", "half-year", "six-month", "nine-month", "third-quarter".
/// `lower` is the word in lower case. `h_ok` allows a bare "h1"/"h2", which
/// is a period only where a period is expected ("in H1"), not "H2 plants".
fn word_months(lower: &str, h_ok: bool) -> Option<u32> {
    if matches!(lower, "quarterly" | "quarter-end") {
        return Some(3);
    }
    if matches!(
        lower,
        "half-year" | "half-yearly" | "halfyear" | "semi-annual" | "semiannual" | "half-year-end"
    ) {
        return Some(6);
    }
    // "q3", "q3fy25", "1qfy25", "h1", "1h2024", "9mfy24"
    let b = lower.as_bytes();
    if b.len() >= 2 {
        let (letter, digit, rest) = if b[0].is_ascii_digit() {
            (b[1], b[0], &b[2..])
        } else {
            (b[0], b[1], &b[2..])
        };
        // What may follow the code: nothing, a fiscal or calendar year.
        let rest_ok = rest.is_empty()
            || rest.starts_with(b"fy")
            || rest.starts_with(b"cy")
            || rest
                .iter()
                .all(|c| c.is_ascii_digit() || *c == b'\'' || *c == b'-');
        if rest_ok {
            match (letter, digit) {
                (b'q', b'1'..=b'4') => return Some(3),
                (b'h', b'1' | b'2') if h_ok || !rest.is_empty() => return Some(6),
                (b'm', b'9') if b[0] == b'9' && !rest.is_empty() => return Some(9),
                _ => {}
            }
        }
    }
    // Hyphenated forms: "first-quarter", "first-half", "six-month", "9-month".
    if let Some((a, z)) = lower.split_once('-').filter(|(_, z)| !z.contains('-')) {
        let ordinal = matches!(
            a,
            "first"
                | "second"
                | "third"
                | "fourth"
                | "final"
                | "last"
                | "1st"
                | "2nd"
                | "3rd"
                | "4th"
        );
        if ordinal && matches!(z, "quarter" | "quarterly") {
            return Some(3);
        }
        if matches!(a, "first" | "second" | "1st" | "2nd") && z == "half" {
            return Some(6);
        }
        if matches!(z, "month" | "months") {
            return count(a).filter(|n| (2..=11).contains(n));
        }
    }
    None
}

/// A spelled or written count of months ("nine", "9").
fn count(w: &str) -> Option<u32> {
    if let Some(v) = small_number(w) {
        // Spelled numbers are whole and below one hundred.
        return Some(v as u32);
    }
    w.parse::<u32>().ok()
}

/// Months covered by a range of month names: 3 for "January-March", 9 for
/// "July-March" (a fiscal year that starts in July).
fn range_months(a: u32, z: u32) -> u32 {
    (z + 12 - a) % 12 + 1
}

/// A figure at a point in time ("at the end of the quarter", "since the
/// first half") is a level, not a flow over the period.
fn point_in_time(ws: &[W], k: usize, cs: usize) -> bool {
    (k.saturating_sub(4).max(cs)..k).any(|i| {
        ["end", "close", "since", "start", "beginning"]
            .iter()
            .any(|p| ws[i].is(p))
    })
}

/// "a nine-month high", "a six-month extension": a hyphenated span used as
/// an adjective of something other than a figure's period.
fn adjective_use(prev: Option<&W>, next: Option<&W>, lower: &str) -> bool {
    let spans = !lower.contains("quarter") && !lower.contains("half");
    spans
        && (prev.is_some_and(|p| p.is("a") || p.is("an"))
            || next.is_some_and(|n| n.is("high") || n.is("low") || n.is("ago")))
}

/// False for a word no period form starts with: every form is "quarter",
/// "half", "month(s)", a month name, a code ("q3", "h1", "9m", "1q") or
/// "semi-annual", or has a hyphen. Most words of a clause fail this, before
/// any lowercasing or list lookup.
fn may_open_period(w: &str) -> bool {
    let Some(&first) = w.as_bytes().first() else {
        return false;
    };
    first.is_ascii_digit()
        || matches!(
            first | 0x20,
            b'q' | b'h' | b'm' | b's' | b'j' | b'f' | b'a' | b'o' | b'n' | b'd'
        )
        || w.contains('-')
}

/// A stated sub-annual period: its length, and whether it counts from the
/// start of the year (cumulative) rather than a rolling window or a second
/// half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Length in months.
    pub months: u32,
    /// Counted from the start of the (fiscal) year.
    pub cumulative: bool,
    /// "in the quarter": the quarter the story is about, whichever it is.
    pub anaphoric: bool,
}

impl Span {
    /// The first quarter, counted from the year's start ([`marker`] `q1`).
    pub(crate) fn is_first_quarter(self) -> bool {
        self.months == 3 && self.cumulative
    }
}

/// The period stated at word `k` of the clause starting at `cs`, if any.
fn period_at(ws: &[W], k: usize, cs: usize) -> Option<Span> {
    let w = &ws[k];
    if w.punct || w.num || !may_open_period(w.text) {
        return None;
    }
    let mut buf = [0u8; 32];
    let lower = ascii_lower(w.text, &mut buf);
    let prev = k.checked_sub(1).filter(|&p| p >= cs).map(|p| &ws[p]);
    let next = ws.get(k + 1);
    let prev_is = |list: &[&str]| prev.is_some_and(|p| list.iter().any(|x| p.is(x)));
    let next_is = |list: &[&str]| next.is_some_and(|n| list.iter().any(|x| n.is(x)));
    // "the second half", "H2", "the past six months": not from the year's start.
    let mut rolling = matches!(lower, "second-half" | "2nd-half")
        || lower.starts_with("h2")
        || lower.starts_with("2h");
    // "January-March": a range of months from the year's start.
    let mut from_january = false;
    let months = if lower == "quarter" {
        // "a quarter of the households" is a fraction.
        (!prev_is(&["a", "one", "two", "three"])).then_some(3)
    } else if lower == "half" {
        rolling = prev_is(&["second", "2nd"]);
        // "Revenue for the half reached": the half a report covers.
        let reported = prev_is(&["the", "its"])
            && k >= cs + 2
            && ["for", "in", "during", "over"]
                .iter()
                .any(|x| ws[k - 2].is(x))
            && !next_is(&["of", "a"]);
        (prev_is(&["first", "second", "1st", "2nd"]) || next_is(&["year", "-year"]) || reported)
            .then_some(6)
    } else if lower == "months" || lower == "month" {
        // "the first nine months", "nine months to March"; not "in six
        // months" (a deadline) or "a nine-month high".
        let n = prev
            .and_then(|p| count(p.text))
            .filter(|n| (2..=11).contains(n))?;
        let before_n = k.checked_sub(2).filter(|&p| p >= cs).map(|p| &ws[p]);
        let definite = before_n.is_some_and(|b| {
            ["the", "first", "last", "past", "initial", "opening"]
                .iter()
                .any(|x| b.is(x))
        });
        rolling = before_n.is_some_and(|b| ["last", "past", "previous"].iter().any(|x| b.is(x)));
        // "the first three months of the year" is the first quarter.
        from_january = before_n.is_some_and(|b| b.is("first"));
        // "nine months to March", "six months ended June 30"; not "aged
        // nine months to 15 years".
        let bound = ws.get(k + 2).is_some_and(|b| {
            month(b.text).is_some() || b.text.to_ascii_lowercase().starts_with("end")
        });
        let bounded = next_is(&["ended", "ending"])
            || (next_is(&["to", "through", "till", "until"]) && bound);
        (definite || bounded).then_some(n)
    } else if let Some((a, z)) = w.text.split_once('-') {
        // "January-March", "Jul-Mar" (capitalised abbreviations only).
        match (month(a), month(z)) {
            (Some(a), Some(z)) => {
                from_january = a == 1;
                Some(range_months(a, z))
            }
            _ => word_months(lower, false).filter(|_| !adjective_use(prev, next, lower)),
        }
    } else if let (Some(a), Some(link), Some(z)) = (month(w.text), next, ws.get(k + 2)) {
        // "between January and March", "January to March", "July through
        // March", "between January and the end of September".
        let linked = link.is("to")
            || link.is("through")
            || link.text == "–"
            || (link.is("and") && prev_is(&["between"]));
        let end_of = z.is("the")
            && ws.get(k + 3).is_some_and(|e| e.is("end"))
            && ws.get(k + 4).is_some_and(|o| o.is("of"));
        let z = if end_of {
            ws.get(k + 5).unwrap_or(z)
        } else {
            z
        };
        match month(z.text) {
            Some(z) if linked => {
                from_january = a == 1;
                Some(range_months(a, z))
            }
            _ => None,
        }
    } else {
        let h_ok = prev_is(&["in", "for", "during", "the", "its", "of", "over"]);
        word_months(lower, h_ok)
    };
    let months = months.filter(|n| (2..=11).contains(n))?;
    // "saying the second half would depend on rates": a period that is the
    // subject of a modal speaks of that period, not of the figure's.
    if next_is(&["would", "will", "could", "should", "may", "might", "must"]) {
        return None;
    }
    // "net profit of S$36.1 million for 2026, helped by a busier second
    // half": a period named as a cause is not the figure's.
    let cause = (cs.max(k.saturating_sub(5))..k).any(|i| {
        (ws[i].is("by")
            && i > cs
            && ws[i - 1].is_any(&["helped", "driven", "boosted", "lifted", "hurt", "hit"]))
            || (ws[i].is("to") && i > cs && ws[i - 1].is("thanks"))
    });
    if cause {
        return None;
    }
    // Of the quarters, only the first one, named so or as "January-March",
    // is counted from the year's start ("July-September" is a quarter of
    // its own).
    let first_quarter =
        (lower == "quarter" && prev_is(&["first", "1st"])) || lower == "q1" || from_january;
    // "Plants processed 612,400 head in the quarter": no ordinal, no end.
    let anaphoric =
        lower == "quarter" && prev_is(&["the"]) && !next_is(&["ended", "ending", "to", "through"]);
    // "slightly more than in the first quarter": the period a figure is
    // compared with is not its own.
    let compared = (k.saturating_sub(4).max(cs)..k).any(|i| ws[i].is("than"));
    (!point_in_time(ws, k, cs) && !compared).then_some(Span {
        months,
        cumulative: if months == 3 { first_quarter } else { !rolling },
        anaphoric,
    })
}

/// The periods stated in one clause: (word, span).
pub(crate) type Stated = Vec<(usize, Span)>;

/// Every sub-annual period stated in the clause `[cs, ce)`: (word, span).
/// Read once per clause; [`nearest`] picks the one of each figure.
pub(crate) fn clause_periods(ws: &[W], (cs, ce): (usize, usize)) -> Stated {
    let ce = ce.min(ws.len());
    (cs..ce)
        .filter_map(|k| {
            period_at(ws, k, cs)
                .or_else(|| year_to_date(ws, k, (cs, ce)))
                .map(|m| (k, m))
        })
        .collect()
}

/// "since the start of", "between the beginning of", "from the start of"
/// right before the period word at `k`.
fn from_start_of(ws: &[W], k: usize, cs: usize) -> bool {
    let before = |n: usize, x: &str| k >= cs + n && ws[k - n].is(x);
    before(1, "the")
        && before(2, "of")
        && (before(3, "start") || before(3, "beginning"))
        && before(4, "the")
        && (before(5, "since") || before(5, "between") || before(5, "from"))
}

/// A span from the year's start whose length is not stated: "year to
/// date", "YTD", "since January 1", "since the start of the year", "so far
/// this year", or "this year" in a perfect tense ("63 people have been
/// killed this year"). Its length is 0 months; it shares the `ytd` marker
/// of the stated spans. A plain "this year" ("expects to sell 9,000 this
/// year") is the whole year, not a span.
fn year_to_date(ws: &[W], k: usize, (cs, ce): (usize, usize)) -> Option<Span> {
    let w = &ws[k];
    let first = w.text.as_bytes().first()? | 0x20;
    if first != b'y' && first != b's' {
        return None;
    }
    let before = |n: usize, x: &str| k >= cs + n && ws[k - n].is(x);
    let ytd = if w.is("year-to-date") || w.is("ytd") {
        true
    } else if w.is("since") {
        // "since January 1", "since 1 January", "since January" (not
        // "since January 2023", a point in an earlier year).
        let at = |n: usize| ws.get(k + n).filter(|_| k + n < ce);
        let jan = |x: Option<&W>| x.is_some_and(|x| month(x.text) == Some(1));
        let day_one = |x: Option<&W>| x.is_some_and(|x| x.text == "1");
        let year_after =
            |n: usize| at(n).is_some_and(|x| x.text.len() == 4 && x.text.parse::<u16>().is_ok());
        // "since the start of January" is since January.
        let start_of = at(1).is_some_and(|x| x.is("the"))
            && at(2).is_some_and(|x| x.is("start") || x.is("beginning"))
            && at(3).is_some_and(|x| x.is("of"));
        let m = if start_of { 3 } else { 0 };
        (jan(at(m + 1)) && !(day_one(at(m + 2)) && year_after(m + 3)) && !year_after(m + 2))
            || (!start_of && day_one(at(1)) && jan(at(2)) && !year_after(3))
    } else if w.is("season") {
        // "between the start of the season on October 1 and the end of
        // December": the season so far, as "the first four months of the
        // season" is.
        from_start_of(ws, k, cs)
    } else if w.is("year") {
        // "year to date"; "since the start of the year"; "this year" with
        // "so far", "to date" or a perfect tense in its clause.
        let this = before(1, "this");
        let from_start = from_start_of(ws, k, cs);
        let to_date = ws.get(k + 1).is_some_and(|x| x.is("to"))
            && ws.get(k + 2).is_some_and(|x| x.is("date"));
        let so_far = (before(2, "far") && before(3, "so"))
            || ws.get(k + 1).is_some_and(|x| x.is("so"))
                && ws.get(k + 2).is_some_and(|x| x.is("far"));
        // "have now been killed", "have climbed"; not "has 1,62,350 seats".
        let perfect = || {
            (cs..ce).any(|i| {
                (ws[i].is("has") || ws[i].is("have"))
                    && (i + 1..(i + 4).min(ce))
                        .any(|j| ws[j].is("been") || super::np::is_participle(ws[j].text))
            })
        };
        // "Its budget for this year has been trimmed": the year a budget
        // or plan is for, not a span so far.
        let for_year = before(2, "for") && !so_far;
        to_date || from_start || (this && !for_year && (so_far || perfect()))
    } else {
        false
    };
    ytd.then_some(Span {
        months: 0,
        cumulative: true,
        anaphoric: false,
    })
}

/// The period of `periods` stated nearest to word `w_first`, leaving out
/// those stated after `next_figure` (the first word of the clause's next
/// figure): "posted a profit of €96 million, compared with €61 million in the
/// first half of last year" states the half for the €61 million only.
/// A span from the year's start of unstated length is not left out. Nor is
/// any span after the figure once a clause that brings up a total comes
/// between (", taking their gain since January to 24%" dates the gain,
/// not the price before it), or a clause of what was done before (",
/// having stepped up their buying in the last two months").
pub(crate) fn nearest(
    ws: &[W],
    periods: &[(usize, Span)],
    w_first: usize,
    next_figure: usize,
) -> Option<Span> {
    let total_clause = |k: usize| {
        (w_first + 1..k.min(ws.len())).any(|j| {
            ws[j - 1].punct
                && ws[j - 1].text == ","
                && (ws[j].is_any(&super::qualifier::TOTAL_VERBS) || ws[j].is("having"))
        })
    };
    periods
        .iter()
        // A span of unstated length ("so far this year") names no earlier
        // period, so it covers every figure before it ("1,262 cases and 14
        // deaths so far this year").
        .filter(|&&(k, span)| {
            k < w_first || ((k < next_figure || span.months == 0) && !total_clause(k))
        })
        .min_by_key(|&&(k, _)| k.abs_diff(w_first))
        .map(|&(_, m)| m)
}

const Q1: &str = "q1";

/// Whether key `q` is key `other` with its period marked as the first
/// quarter: the same quantity as a quarterly figure (no marker) or as one
/// counted from the year's start (`ytd`).
pub(crate) fn is_first_quarter_of(q: &str, other: &str) -> bool {
    let Some((a, rest)) = split_first_quarter(q) else {
        return false;
    };
    other.strip_prefix(a).is_some_and(|plain_rest| {
        plain_rest == rest || plain_rest.strip_prefix("|ytd") == Some(rest)
    })
}

/// A first quarter's key split around its `|q1` marker: ("export|CHF",
/// "|change") for "export|CHF|q1|change". `None` for other keys.
pub(crate) fn split_first_quarter(key: &str) -> Option<(&str, &str)> {
    let i = key.find("|q1")?;
    let rest = &key[i + 3..];
    (rest.is_empty() || rest.starts_with('|')).then(|| (&key[..i], rest))
}

/// Key marker of a period: `None` for the quarter, the unmarked period;
/// `ytd` for every span counted from the year's start; the length of any
/// other span.
fn marker(span: Span) -> Option<String> {
    match span.months {
        3 if span.cumulative => Some(Q1.to_owned()),
        3 => None,
        _ if span.cumulative => Some("ytd".to_owned()),
        m => length_name(m),
    }
}

/// Name of a period of `months` months ("half-year", "ten-month"); `None`
/// for the quarter.
fn length_name(months: u32) -> Option<String> {
    const NAMES: [&str; 12] = [
        "",
        "",
        "two",
        "",
        "four",
        "five",
        "half-year",
        "seven",
        "eight",
        "nine-month",
        "ten",
        "eleven",
    ];
    match months {
        3 => None,
        6 | 9 => Some(NAMES[months as usize].to_owned()),
        2..=11 => Some(format!("{}-month", NAMES[months as usize])),
        _ => None,
    }
}

/// Key and display of a figure's subject with the sub-annual period stated
/// for it, if any. Period words leave the modifiers ("quarterly", "q3",
/// "six-month"), and a non-quarter period puts a marker after the unit
/// ("profit|PKR|ytd"): a different period is a different quantity, however
/// the noun is worded, so the marker is not a modifier that a looser match
/// could drop. The display names the span's length ("nine-month profit").
/// Without a period the subject is used as it is (no copy).
pub(crate) fn key_and_display(
    s: &Subject,
    span: Option<Span>,
    unit: &str,
    change: bool,
) -> (String, String) {
    let Some(span) = span else {
        return (s.key(unit, change), s.display());
    };
    let mut s = s.clone();
    s.mods.retain(|m| word_months(m, true).is_none());
    match (marker(span), length_name(span.months)) {
        (Some(p), name) => (
            s.key(&format!("{unit}|{p}"), change),
            // A span of unstated length (0 months) is only "year-to-date".
            format!(
                "{} {}",
                name.as_deref().unwrap_or(if p == Q1 {
                    "first-quarter"
                } else {
                    "year-to-date"
                }),
                s.display()
            ),
        ),
        _ => (s.key(unit, change), s.display()),
    }
}

/// A time adverbial of two words: a time determiner and a time noun ("last
/// year", "this month", "each week").
pub(crate) fn is_time_phrase(det: &W, noun: Option<&W>) -> bool {
    ["this", "last", "next", "past", "previous", "each", "every"]
        .iter()
        .any(|d| det.is(d))
        && noun.is_some_and(|n| is_time_noun(n.text))
}

/// A noun that names a stretch of time ("this year", "last month").
pub(crate) fn is_time_noun(w: &str) -> bool {
    [
        "year",
        "month",
        "week",
        "quarter",
        "season",
        "day",
        "fortnight",
        "decade",
    ]
    .iter()
    .any(|t| w.eq_ignore_ascii_case(t))
}
