//! Measured durations: when "3.1 days of supply", "an average of 17.6
//! minutes" or "1.12 billion hours streamed" is a quantity the story
//! reports (and extra time, "40 minutes longer", which is a delay), and not
//! a span of time ("in three days", "24 hours a day", "two weeks ago"),
//! which [`super::exclude`] leaves out.

use super::lexicon::{ascii_lower, scale};
use super::number::Core;
use super::token::Tok;

/// The unit of a duration word that a story measures things in. Months
/// and years are nearly always spans or ages, so they are left out; weeks
/// are measured waits ("customers wait about nine weeks").
pub(crate) fn unit(w: &str) -> Option<&'static str> {
    Some(match ascii_lower(w, &mut [0u8; 32]) {
        "week" | "weeks" => "weeks",
        "day" | "days" => "days",
        "hour" | "hours" | "hrs" => "hours",
        "minute" | "minutes" | "mins" => "minutes",
        _ => return None,
    })
}

/// True for the units [`unit`] produces.
pub(crate) fn is_unit(u: &str) -> bool {
    matches!(u, "weeks" | "days" | "hours" | "minutes")
}

/// Words before the number that give the level a quantity stands at or
/// moves to or from ("stood at 3.1 days", "fell to 34 days from 40 days",
/// "was 14 days"), or a
/// verb that logs time ("volunteers logged 23,000 hours").
const LEVEL: &[&str] = &[
    "at",
    "to",
    "from",
    "is",
    "are",
    "was",
    "were",
    "remained",
    "averaged",
    "averages",
    "logged",
    "clocked",
    "streamed",
    "watched",
    "volunteered",
    // "exceeded the standard on 41 days": a count of days.
    "on",
    // A wait or a processing time: "customers wait about nine weeks".
    "wait",
    "waits",
    "waited",
    "takes",
    "took",
    // Time lost: "breakdowns have cost 46 hours".
    "cost",
    "costs",
];

/// Nouns before "of" that make the figure a level: "a low of 1.4 days".
const LEVEL_OF: &[&str] = &[
    "low", "high", "average", "record", "peak", "median", "mean", "total",
];

/// Approximations skipped on the way back to the word that says what the
/// figure is: "stood at about 3.1 days".
const APPROX: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "just",
    "only",
];

/// Verbs and adjectives before "for" that make the weeks or days after it
/// the time a stock lasts: "enough to pay for 30 weeks of imports".
const COVER: &[&str] = &["pay", "enough", "sufficient", "last", "lasts", "suffice"];

/// Words before the number that open a span of time: "in three days",
/// "within 30 days", "for 14 hours", "the first 100 days".
const SPAN: &[&str] = &[
    "in", "within", "for", "over", "after", "before", "during", "every", "each", "per", "past",
    "next", "last", "first", "the", "than", "until", "till", "by", "since", "a", "an",
];

/// Words after the unit that make it a rate, an age or a point in time:
/// "four hours a day", "two days ago", "three days before the vote".
const AFTER: &[&str] = &[
    "a", "an", "per", "each", "ago", "old", "later", "earlier", "before", "after", "behind",
    "ahead", "late", "early", "away", "left", "from", "into",
];

/// The unit of the duration after the number at `i` (whose value and scale
/// end at `j`) when it is a measured quantity. A value with a decimal or a
/// scale word is a measurement ("3.1 days", "1.12 billion hours"); a whole
/// number needs the level or logging word before it. A span word before
/// the number, or a rate or time word after the unit, rules it out.
pub(crate) fn measured(toks: &[Tok], i: usize, core: &Core, j: usize) -> Option<&'static str> {
    let found = toks
        .get(j)
        .filter(|t| t.is_word())
        .and_then(|t| unit(t.text))?;
    let is_in = |t: Option<&Tok>, list: &[&str]| t.is_some_and(|t| t.is_any(list));
    // "journeys take up to 40 minutes longer": extra time, a delay.
    if is_in(toks.get(j + 1), &["longer"]) {
        return (!is_in(i.checked_sub(1).and_then(|p| toks.get(p)), SPAN)).then_some(found);
    }
    if is_in(toks.get(j + 1), AFTER) {
        return None;
    }
    let mut k = i;
    loop {
        if k > 0 && is_in(toks.get(k - 1), APPROX) {
            k -= 1;
        } else if k > 1
            && is_in(toks.get(k - 1), &["than"])
            && is_in(toks.get(k - 2), &["less", "more", "fewer"])
        {
            // "takes less than three weeks"
            k -= 2;
        } else {
            break;
        }
    }
    let before = |n: usize| k.checked_sub(n).and_then(|p| toks.get(p));
    let (prev, prev2) = (before(1), before(2));
    // "reserves enough to pay for about 30 weeks of imports": the time a
    // stock lasts, measured in weeks of what it buys, is an amount.
    let cover = is_in(prev, &["for"])
        && is_in(prev2, COVER)
        && is_in(toks.get(j + 1), &["of"])
        && toks
            .get(j + 2)
            .is_some_and(|t| t.is_word() && !super::lexicon::is_time_unit(t.text));
    // "volunteers put in 23,000 hours": "put in" logs time.
    if is_in(prev, SPAN) && !(is_in(prev, &["in"]) && is_in(prev2, &["put"])) && !cover {
        return None;
    }
    let scaled = toks[i + 1..j]
        .iter()
        .any(|t| t.is_word() && scale(t.text, !t.space).is_some());
    if scaled || core.decimals > 0 || is_in(prev2, &["put"]) {
        return Some(found);
    }
    // Not "up to 8 hours" (a cap) nor "nine months to 15 years" (a range).
    let level = (is_in(prev, LEVEL)
        && !(is_in(prev, &["to"])
            && (is_in(prev2, &["up"])
                || prev2.is_some_and(|p| p.is_num() || unit(p.text).is_some()))))
        || (is_in(prev, &["of"]) && is_in(prev2, LEVEL_OF))
        // "compared with 33 days": the figure a level is set against.
        || (is_in(prev, &["with"]) && is_in(prev2, &["compared"]))
        // "46 hours of crushing time", "1,200 hours of footage": an amount
        // of time of something.
        || is_in(toks.get(j + 1), &["of"]);
    level.then_some(found)
}

/// True when the duration figure ending at word `w_end` is extra time
/// ("take 40 minutes longer"): a delay, whatever takes longer.
pub(crate) fn is_extra_time(ws: &[super::np::W], w_end: usize) -> bool {
    ws.get(w_end).is_some_and(|w| w.is("longer"))
}
