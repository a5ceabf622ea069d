//! Numbers: finds the numeric mentions of one tokenised sentence (digits with
//! Western or South Asian grouping, spelled-out numbers, scale words,
//! currencies, percent and units, ordinals, ranges) and drops the ones that
//! are not claims (years, dates, times, phone numbers, model codes,
//! identifiers, durations, page furniture).

use super::exclude::{bare_excluded, code_excluded, denominator};
use super::lexicon::{fraction_denominator, month, scale, small_number};
use super::place::Place;
use super::token::{Tok, parse_digits};

/// One numeric mention in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    /// First token of the mention (currency prefix included).
    pub first: usize,
    /// Token just past the mention (unit included).
    pub end: usize,
    /// Value with every scale word applied (lower bound of a range).
    pub value: f64,
    /// Upper bound of a range.
    pub value_max: Option<f64>,
    /// Unit name.
    pub unit: &'static str,
    /// "an equal number": the value is copied from the previous count.
    pub equal_to_previous: bool,
}

/// A number read at one position: value, token just past it, and whether it
/// was written in digits, its thousands-group count and whether it was spelled.
pub(crate) struct Core {
    pub(crate) value: f64,
    pub(crate) next: usize,
    pub(crate) groups: usize,
    pub(crate) digits: bool,
    pub(crate) decimals: usize,
}

pub(crate) fn word<'a>(toks: &[Tok<'a>], i: usize) -> Option<&'a str> {
    toks.get(i).filter(|t| t.is_word()).map(|t| t.text)
}

pub(crate) fn is_word(toks: &[Tok], i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.is_word() && t.is(w))
}

fn is_punct(toks: &[Tok], i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.is_punct(c))
}

/// Spelled-out number at `i` ("twenty-six", "a dozen", "one hundred and five").
fn spelled(toks: &[Tok], i: usize) -> Option<Core> {
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    let core = |value, next| {
        Some(Core {
            value,
            next,
            groups: 0,
            digits: false,
            decimals: 0,
        })
    };
    if t.is("a") || t.is("an") {
        if is_word(toks, i + 1, "dozen") {
            return core(12.0, i + 2);
        }
        if is_word(toks, i + 1, "hundred") {
            return core(100.0, i + 2);
        }
        return None;
    }
    if t.is("dozen") {
        return core(12.0, i + 1);
    }
    if t.is("half")
        && is_word(toks, i + 1, "a")
        && word(toks, i + 2).and_then(|w| scale(w, false)).is_some()
    {
        return core(0.5, i + 2);
    }
    let mut value = small_number(t.text)?;
    let mut next = i + 1;
    // "twenty-six", "twenty six"
    if value >= 20.0 && value % 10.0 == 0.0 {
        let j = if is_punct(toks, next, '-') {
            next + 1
        } else {
            next
        };
        if let Some(u) = word(toks, j)
            .and_then(small_number)
            .filter(|u| *u > 0.0 && *u < 10.0)
        {
            value += u;
            next = j + 1;
        }
    }
    // "one-third", "two thirds"
    let j = if is_punct(toks, next, '-') {
        next + 1
    } else {
        next
    };
    if value > 0.0
        && value < 10.0
        && let Some(d) = word(toks, j).and_then(fraction_denominator)
        && !(d == 2.0 && value == 1.0 && !is_punct(toks, next, '-'))
    {
        return core(value / d, j + 1);
    }
    // "two and a half billion"
    if (1.0..100.0).contains(&value)
        && is_word(toks, next, "and")
        && is_word(toks, next + 1, "a")
        && is_word(toks, next + 2, "half")
    {
        return core(value + 0.5, next + 3);
    }
    if is_word(toks, next, "hundred") {
        value *= 100.0;
        next += 1;
        let k = if is_word(toks, next, "and") {
            next + 1
        } else {
            next
        };
        if let Some(rest) = spelled(toks, k).filter(|c| c.value < 100.0 && c.value >= 1.0) {
            value += rest.value;
            next = rest.next;
        }
    }
    core(value, next)
}

fn digits_core(toks: &[Tok], i: usize) -> Option<Core> {
    let t = toks.get(i).filter(|t| t.is_num())?;
    let (mut value, mut groups, decimals) = parse_digits(t.text)?;
    let mut next = i + 1;
    // "312 000", "1 480": thousands grouped by a single space (or a thin or
    // no-break space), as South African and European papers print them.
    // Not after a month: "on March 3 100 people" is a date, then a count.
    // The month lookup runs last: this is tried on every number token.
    let after_month = || {
        i.checked_sub(1)
            .and_then(|p| word(toks, p))
            .is_some_and(|w| month(w).is_some())
    };
    if t.text.len() <= 3 && t.text.bytes().all(|b| b.is_ascii_digit()) && !after_month() {
        let mut end = t.end();
        while let Some(g) = toks.get(next).filter(|g| {
            g.space
                && g.start - end <= 3
                && g.text.len() == 3
                && g.text.bytes().all(|b| b.is_ascii_digit())
        }) {
            value = value * 1000.0 + parse_digits(g.text)?.0;
            groups += 1;
            end = g.end();
            next += 1;
        }
    }
    Some(Core {
        value,
        next,
        groups,
        digits: true,
        decimals,
    })
}

/// Scale words after a number: returns multiplier and next token.
fn scale_at(toks: &[Tok], i: usize) -> Option<(f64, usize)> {
    // "a four-million-tonne goal": a scale word joined by a hyphen.
    if toks.get(i).is_some_and(|h| h.is_punct('-') && !h.space)
        && let Some(t) = toks
            .get(i + 1)
            .filter(|t| !t.space && t.is_word() && t.text.len() > 2)
        && let Some(m) = scale(t.text, false)
    {
        return Some((m, i + 2));
    }
    let t = toks.get(i).filter(|t| t.is_word())?;
    let m = scale(t.text, !t.space)?;
    // A glued single letter followed by more letters glued is a code ("5Gb").
    if t.text.len() == 1 && toks.get(i + 1).is_some_and(|n| !n.space && n.is_word()) {
        return None;
    }
    Some((m, i + 1))
}

/// "subscribed 46.2 times", "46.2x": a multiple. Not a comparison ("2.5
/// times the size", "three times as many") nor a frequency ("4 times a week").
fn multiple_at(toks: &[Tok], i: usize) -> Option<usize> {
    let t = toks.get(i).filter(|t| t.is_word())?;
    let is_times = (t.space && t.is("times")) || (!t.space && t.text == "x");
    (is_times
        && !super::measure::times_compares(toks, i)
        && !toks.get(i + 1).is_some_and(|n| !n.space && n.is_word()))
    .then_some(i + 1)
}

/// Currency written before the number at `i`: returns currency and first token.
/// A sign several countries share ("$", "Rs") takes the code of the
/// country the document names ([`Place`]).
fn currency_before(toks: &[Tok], i: usize, place: &Place) -> Option<(&'static str, usize)> {
    let p = i.checked_sub(1)?;
    let t = toks[p];
    if t.is_punct('.') && p >= 1 && toks[p - 1].text == "Rs" {
        return super::currency::prefix_in("Rs", place).map(|c| (c, p - 1));
    }
    if t.is_punct('$') && p >= 1 && !t.space && toks[p - 1].is_word() {
        return super::currency::dollar_prefix(toks[p - 1].text).map(|c| (c, p - 1));
    }
    if let Some(c) = super::currency::glued_letter(toks, i, place) {
        return Some((c, p));
    }
    super::currency::prefix_in(t.text, place).map(|c| (c, p))
}

/// Reads the number, scales and unit starting at `i` (no prefix).
fn number_at(
    toks: &[Tok],
    i: usize,
    place: &Place,
) -> Option<(Core, Option<(&'static str, bool)>)> {
    let mut core = digits_core(toks, i).or_else(|| spelled(toks, i))?;
    let mut j = core.next;
    let unscaled = j;
    let mut million = false;
    // Ordinal suffix glued to digits: "7th", "76th".
    if core.digits
        && core.decimals == 0
        && let Some(t) = toks.get(j).filter(|t| !t.space && t.is_word())
        && ["st", "nd", "rd", "th"].iter().any(|s| t.is(s))
    {
        core.next = j + 1;
        return Some((core, Some(("ordinal", false))));
    }
    if let Some((m, next)) = scale_at(toks, j) {
        // "193,238,238 million": a figure already in the millions keeps its value.
        if !(core.groups >= 2 && m >= 1e6) {
            core.value *= m;
        }
        million = m == 1e6;
        j = next;
        // South Asian compound: "18 crore 87 lakh".
        if let Some(rest) = digits_core(toks, j).or_else(|| spelled(toks, j))
            && let Some((m2, n2)) = scale_at(toks, rest.next).filter(|(m2, _)| *m2 < m)
        {
            core.value += rest.value * m2;
            j = n2;
        }
    }
    core.next = j;
    // A whole number of times is a count of occurrences ("called 455 times",
    // "8.4 million times"); a multiple is small with a decimal ("46.2 times").
    if core.digits
        && let Some(n) = multiple_at(toks, j)
        && (core.decimals > 0 && core.value < 1e4 || toks[j].text == "x")
    {
        core.next = n;
        return Some((core, Some(("times", false))));
    }
    // "212,000 euro starter kits": the currency names the things counted.
    if j == unscaled && super::currency::modifies_plural(toks, j) {
        return Some((core, None));
    }
    let unit = super::measure::unit_after(toks, j, place)
        .or_else(|| super::temperature::reading(toks, i, j, place).map(|(u, n)| (u, n, false)))
        .or_else(|| super::duration::measured(toks, i, &core, j).map(|u| (u, j + 1, false)))
        .or_else(|| super::measure::around(toks, i, j, place).map(|(u, n)| (u, n, true)))
        .map(|(u, n, cur)| {
            core.next = n;
            (u, cur)
        });
    if unit.is_none()
        && let Some((c, end)) = super::currency::cents(toks, j, place)
    {
        (core.value, core.next) = (core.value / 100.0, end);
        return Some((core, Some((c, true))));
    }
    // "0.21 million acre-feet" is 0.21 MAF, "3 million tonnes a year" 3 MTPA.
    if let Some((u, end)) =
        super::measure::in_millions(toks, core.next, unit.map(|u| u.0), million, place)
    {
        (core.value, core.next) = (core.value / 1e6, end);
        return Some((core, Some((u, false))));
    }
    Some((core, unit))
}

/// Finds every numeric mention of a tokenised sentence.
pub(crate) fn scan(toks: &[Tok], place: &Place) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((m, next)) = mention_at(toks, i, place) {
            if let Some(m) = m {
                out.push(m);
            }
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Tries to read a mention at token `i`. `Some((None, next))` consumes
/// tokens that are a number but not a claim.
fn mention_at(toks: &[Tok], i: usize, place: &Place) -> Option<(Option<Mention>, usize)> {
    let t = &toks[i];
    // Fast rejection: punctuation, and words that cannot start a number.
    if t.kind == super::token::TokKind::Punct {
        return None;
    }
    if t.is_word()
        && t.text.is_ascii()
        && !matches!(
            t.text.as_bytes()[0] | 0x20,
            b'a' | b'd' | b'e' | b'f' | b'h' | b'n' | b'o' | b's' | b't' | b'z'
        )
    {
        return None;
    }
    // "an equal number", "the same number" of something else
    if (toks[i].is("an") || toks[i].is("the"))
        && (is_word(toks, i + 1, "equal") || is_word(toks, i + 1, "same"))
        && is_word(toks, i + 2, "number")
        // "6,400 deminers, the same number as in January": the figure
        // again, set against an earlier time, not a count of its own.
        && !is_word(toks, i + 3, "as")
    {
        let m = Mention {
            first: i,
            end: i + 3,
            value: f64::NAN,
            value_max: None,
            unit: "count",
            equal_to_previous: true,
        };
        return Some((Some(m), i + 3));
    }
    let (core, unit) = number_at(toks, i, place)?;
    let currency = currency_before(toks, i, place);
    let has_unit = unit.is_some() || currency.is_some();
    let start = currency.map_or(i, |(_, f)| f);
    if code_excluded(toks, i, core.next, has_unit, place)
        || super::exclude::dimension(toks, core.next, unit.map(|u| u.0))
    {
        return Some((None, core.next));
    }
    let mut end = core.next;
    let mut value_max = None;
    let mut unit_name = unit.map(|(u, _)| u);
    // Ranges: "20-25 projects", "$20-25 billion", "between 20 and 25".
    let range_sep = toks
        .get(core.next)
        .is_some_and(|t| t.is_punct('-') || t.is_punct('–') || t.is("to"))
        || (is_word(toks, core.next, "and") && is_word(toks, start.wrapping_sub(1), "between"));
    let from_to = i >= 1 && toks[i - 1].is("from")
        || currency.is_some_and(|(_, f)| f >= 1 && toks[f - 1].is("from"));
    let year_like = |c: &Core| {
        c.digits && c.groups == 0 && c.decimals == 0 && (1800.0..=2100.0).contains(&c.value)
    };
    let verb_before = i >= 1 && toks[i - 1].is_word() && {
        let p = toks[i - 1].text;
        super::qualifier::is_change_verb(p)
            || ["by", "up", "down", "from"]
                .iter()
                .any(|w| p.eq_ignore_ascii_case(w))
    };
    let to_range = is_word(toks, core.next, "to");
    if range_sep && !(to_range && (from_to || verb_before)) {
        // "$20-$25 billion", "between €28 and €34": the sign again.
        let sign = |t: &Tok| super::currency::prefix(t.text).is_some();
        let j = core.next
            + 1
            + usize::from(currency.is_some() && toks.get(core.next + 1).is_some_and(sign));
        if let Some((c2, u2)) = number_at(toks, j, place) {
            // "the total built since 2019 to 19": a start, then the figure.
            let since = is_word(toks, start.wrapping_sub(1), "since") && to_range;
            if year_like(&core) && (year_like(&c2) || c2.value < 100.0) && !since {
                return Some((None, c2.next));
            }
            // "the total since 2019 to 7,332 objects": a year, then a figure.
            if year_like(&core) {
                return Some((None, core.next));
            }
            let (mut lo, hi) = (core.value, c2.value);
            // "$20-25 billion": the scale of the upper bound applies to both.
            if (hi / lo) >= 999.0 && core.value < 1000.0 && c2.value >= 1000.0 {
                let raw_hi = digits_core(toks, j)
                    .or_else(|| spelled(toks, j))
                    .map(|c| c.value)
                    .unwrap_or(hi);
                if raw_hi > 0.0 {
                    lo *= hi / raw_hi;
                }
            }
            // Bounds in descending order are two figures, not a range: "Rs
            // 71.8 billion to 1.1 lakh farmers".
            if hi > lo && (unit.is_none() || u2.is_none() || unit.map(|u| u.0) == u2.map(|u| u.0)) {
                value_max = Some(hi);
                unit_name = unit_name.or(u2.map(|u| u.0));
                end = c2.next;
                let m = finish(toks, i, &core, currency, unit_name, end, lo, value_max);
                return Some((m, end));
            }
        }
    }
    let m = finish(
        toks, i, &core, currency, unit_name, end, core.value, value_max,
    );
    Some((m, end))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    toks: &[Tok],
    i: usize,
    core: &Core,
    currency: Option<(&'static str, usize)>,
    unit: Option<&'static str>,
    end: usize,
    value: f64,
    value_max: Option<f64>,
) -> Option<Mention> {
    let scaled = core.next > i + 1
        && toks[i + 1..core.next]
            .iter()
            .any(|t| t.is_word() && scale(t.text, !t.space).is_some());
    let bare = currency.is_none() && unit.is_none() && !scaled;
    if bare && (bare_excluded(toks, i, core) || super::exclude::spoken(toks, i, end)) {
        return None;
    }
    if !core.digits && bare {
        // Spelled numbers below two are rarely claims ("one of the", "no one").
        if value < 2.0 || toks.get(core.next).is_none_or(|t| !t.is_word()) {
            return None;
        }
    }
    if !value.is_finite() {
        return None;
    }
    let (unit, first) = match (currency, unit) {
        (Some((c, f)), _) => (c, f),
        (None, Some(u)) => (u, i),
        (None, None) => ("count", i),
    };
    if denominator(toks, first, unit, end) {
        return None;
    }
    if unit == "ordinal" {
        let near_month = |k: Option<usize>| k.and_then(|k| word(toks, k)).and_then(month).is_some();
        if near_month(i.checked_sub(1))
            || near_month(Some(end))
            || (is_word(toks, end, "of") && near_month(Some(end + 1)))
            || super::exclude::streak(toks, end)
        {
            return None;
        }
    }
    Some(Mention {
        first,
        end,
        value: tidy(value),
        value_max: value_max.map(tidy),
        unit,
        equal_to_previous: false,
    })
}

/// Rounds away the binary noise that scaling a decimal leaves (18.4 lakh is
/// 1839999.9999999998 in floating point): a written figure has far fewer
/// than 12 significant digits.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    // At most 308 in magnitude for a finite non-zero f64, so the cast is exact.
    let magnitude = v.abs().log10().floor() as i32 + 1;
    let shift = 12 - magnitude;
    if !(-290..=290).contains(&shift) {
        return v;
    }
    let f = 10f64.powi(shift);
    let r = (v * f).round() / f;
    if r.is_finite() { r } else { v }
}
