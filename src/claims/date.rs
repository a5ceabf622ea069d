//! Dates a sentence states ("at the end of December 2022", "in FY2023-24",
//! "till November 2024", "a month earlier"), resolved against a reference
//! date, so each claim can carry the date it is about.

use chrono::{Datelike, Months, NaiveDate};

use super::lexicon::month;
use super::token::{Tok, parse_digits};

/// A date expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DateExpr {
    /// First token.
    pub start: usize,
    /// Token just past the expression.
    pub end: usize,
    /// Absolute date, when the expression gives one.
    pub date: Option<NaiveDate>,
    /// Months relative to the sentence's anchor date ("a month earlier" = -1).
    pub rel_months: i32,
}

fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks.get(i).filter(|t| t.is_num() && t.text.len() == 4)?;
    let (v, groups, decimals) = parse_digits(t.text)?;
    if groups == 0 && decimals == 0 && (1900.0..=2100.0).contains(&v) {
        // Checked range above, so the cast is exact.
        Some(v as i32)
    } else {
        None
    }
}

fn month_end(year: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Month-end date of a month given without a year, seen from `reference`;
/// the current month ends at the reference date.
fn resolve_month(m: u32, reference: Option<NaiveDate>) -> Option<NaiveDate> {
    let r = reference?;
    let year = if m > r.month() {
        r.year() - 1
    } else {
        r.year()
    };
    month_end(year, m).map(|end| end.min(r))
}

fn is(toks: &[Tok], i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.is_word() && t.is(w))
}

const DATE_PREPS: &[&str] = &[
    "in", "at", "by", "till", "until", "of", "as", "during", "for", "end", "since", "on", "from",
    "to",
];

/// Finds the date expressions of a tokenised sentence. In a sentence in the
/// future tense or about a forecast or plan, a month named without a year
/// is the coming one ("Voting will be held on March 16", written in
/// February).
pub(crate) fn find_dates(toks: &[Tok], reference: Option<NaiveDate>) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(d) = date_at(toks, i, reference) {
            i = d.end.max(i + 1);
            out.push(d);
        } else {
            i += 1;
        }
    }
    // The future tense, or a present-tense forecast or plan ("now expects
    // revenue of 135 billion yen for the year to March 31): the present
    // forms of the intention words of [`super::qualifier`], not "forecast",
    // which is also a past form ("it had forecast in November").
    const AHEAD: &[&str] = &[
        "will",
        "shall",
        "expects",
        "expect",
        "forecasts",
        "plans",
        "aims",
        "intends",
        "targets",
    ];
    if let Some(r) = reference
        && toks.iter().any(|t| AHEAD.iter().any(|w| t.is(w)))
    {
        for d in &mut out {
            let yearless = !toks[d.start].is("last")
                && !toks[d.start..d.end]
                    .iter()
                    .any(|t| (t.is_num() && t.text.len() == 4) || t.is("FY") || t.is("fiscal"));
            if let Some(x) = d.date.filter(|x| *x < r && x.year() == r.year() - 1)
                && d.rel_months == 0
                && yearless
            {
                d.date = month_end(r.year(), x.month());
            }
        }
    }
    out
}

fn date_at(toks: &[Tok], i: usize, reference: Option<NaiveDate>) -> Option<DateExpr> {
    let t = toks.get(i)?;
    if t.kind == super::token::TokKind::Punct || (t.is_num() && t.text.len() > 2) {
        return None;
    }
    let abs = |end, date| {
        Some(DateExpr {
            start: i,
            end,
            date,
            rel_months: 0,
        })
    };
    // Relative: "a month earlier", "a year ago", "last month", "the previous year".
    if (t.is("a") || t.is("one"))
        && (is(toks, i + 1, "month") || is(toks, i + 1, "year"))
        && (is(toks, i + 2, "earlier") || is(toks, i + 2, "ago") || is(toks, i + 2, "before"))
    {
        let rel = if is(toks, i + 1, "month") { -1 } else { -12 };
        return Some(DateExpr {
            start: i,
            end: i + 3,
            date: None,
            rel_months: rel,
        });
    }
    // "in the same period of 2024", "the same months of 2024": the point
    // of that year the reference date is at. Not after a comparison ("9.4%
    // more than in the same period of 2023", "compared with a loss in the
    // same quarter of 2024"), which dates what the figure is set against.
    if t.is("same")
        && !toks[i.saturating_sub(5)..i]
            .iter()
            .any(|w| w.is_any(&["than", "with", "against", "versus"]))
        && toks.get(i + 1).is_some_and(|n| {
            n.is_any(&[
                "period", "quarter", "months", "weeks", "time", "stage", "point", "half",
            ])
        })
        && is(toks, i + 2, "of")
        && let (Some(y), Some(r)) = (year_at(toks, i + 3), reference)
        && y < r.year()
    {
        return Some(DateExpr {
            start: i,
            end: i + 4,
            date: None,
            rel_months: -12 * (r.year() - y),
        });
    }
    // "last year" and "last month" name the calendar period before the
    // reference date: "spending reached €9.9m last year", written in
    // February 2025, is the 2024 figure (dated at its end, like "in 2024").
    // "last year's exports of CHF 26 billion" too, before any figure: after
    // one, the possessive names what the figure is compared with
    // ("edged up to 5.4 per cent, reversing part of last year's
    // improvement").
    if t.is("last")
        && let Some(r) = reference
    {
        // The next word first; the scan for an earlier figure is dearer.
        let possessive = |w: &str| {
            toks.get(i + 1).is_some_and(|t| {
                super::token::is_possessive(t.text) && super::token::plain_lower(t.text) == w
            }) && !toks[..i].iter().any(Tok::is_num)
        };
        let last_year = is(toks, i + 1, "year") || possessive("year");
        if is(toks, i + 1, "month") || last_year || possessive("month") {
            let date = if last_year {
                month_end(r.year() - 1, 12)
            } else {
                r.with_day(1).and_then(|d| d.pred_opt())
            };
            return abs(i + 2, date);
        }
    }
    // "down from 71 per cent last season": a season comes round once a
    // year, so the last one is a year back.
    if (t.is("last") || t.is("previous"))
        && (is(toks, i + 1, "month") || is(toks, i + 1, "year") || is(toks, i + 1, "season"))
    {
        let rel = if is(toks, i + 1, "month") { -1 } else { -12 };
        return Some(DateExpr {
            start: i,
            end: i + 2,
            date: None,
            rel_months: rel,
        });
    }
    // Fiscal years: "FY2023-24", "FY24", "fiscal year 2023-24".
    if t.is("FY") || (t.is("fiscal") && is(toks, i + 1, "year")) {
        let j = if t.is("FY") { i + 1 } else { i + 2 };
        if let Some(y) = year_at(toks, j) {
            let (end, y2) = if toks
                .get(j + 1)
                .is_some_and(|t| t.is_punct('-') || t.is_punct('/'))
                && toks.get(j + 2).is_some_and(|t| t.is_num())
            {
                (j + 3, y + 1)
            } else {
                (j + 1, y)
            };
            return abs(end, fiscal_year(y2, reference));
        }
        if let Some((v, 0, 0)) = toks
            .get(j)
            .filter(|t| t.is_num() && t.text.len() == 2)
            .and_then(|t| parse_digits(t.text))
        {
            // "FY24": two-digit year; the range check makes the cast exact.
            return abs(j + 1, fiscal_year(2000 + v as i32, reference));
        }
        return None;
    }
    // "end-August 2022", "end of December", "mid-June".
    if (t.is("end") || t.is("mid")) && i + 1 < toks.len() {
        let j = if toks[i + 1].is_punct('-') || is(toks, i + 1, "of") {
            i + 2
        } else {
            i + 1
        };
        if let Some(m) = toks
            .get(j)
            .filter(|t| t.is_word())
            .and_then(|t| month(t.text))
        {
            return Some(month_date(toks, i, j, m, reference));
        }
        // "by the end of 2026", "end-2025", "to end 2026 with": the year's
        // last day; "mid-2025": the end of its first half.
        if let Some(y) = year_at(toks, j) {
            let m = if t.is("end") { 12 } else { 6 };
            return abs(j + 1, month_end(y, m));
        }
        return None;
    }
    if t.is_word() {
        if let Some(m) = month(t.text) {
            // "January-November", "January–November 2024": a span of months,
            // dated at its last month's end.
            if toks
                .get(i + 1)
                .is_some_and(|d| (d.is_punct('-') || d.is_punct('–')) && !d.space)
                && let Some(m2) = toks
                    .get(i + 2)
                    .filter(|w| w.is_word() && !w.space)
                    .and_then(|w| month(w.text))
                && m2 > m
            {
                return Some(month_date(toks, i, i + 2, m2, reference));
            }
            // "December 8, 2019"
            if let Some(d) = toks.get(i + 1).filter(|d| d.is_num() && d.text.len() <= 2) {
                let day = parse_digits(d.text).map(|v| v.0).unwrap_or(0.0);
                let j = if toks.get(i + 2).is_some_and(|c| c.is_punct(',')) {
                    i + 3
                } else {
                    i + 2
                };
                if let Some(y) = year_at(toks, j) {
                    // day <= 99 here (two digits at most), so the cast is exact.
                    return abs(j + 1, NaiveDate::from_ymd_opt(y, m, day as u32));
                }
                // "from 48,900 on July 8": the last such day up to the
                // reference date (a future tense moves it on, as for months).
                let capital = t.text.starts_with(|c: char| c.is_ascii_uppercase());
                if let Some(r) = reference.filter(|_| capital) {
                    let this_year = NaiveDate::from_ymd_opt(r.year(), m, day as u32);
                    let date = match this_year {
                        Some(x) if x > r => NaiveDate::from_ymd_opt(r.year() - 1, m, day as u32),
                        x => x,
                    };
                    if date.is_some() {
                        return abs(i + 2, date);
                    }
                }
            }
            let prep = i > 0 && DATE_PREPS.iter().any(|w| toks[i - 1].is(w));
            if year_at(toks, i + 1).is_some() || prep {
                return Some(month_date(toks, i, i, m, reference));
            }
            return None;
        }
        // "in 2012", "by 2030", "in 2023-24", "the budget for 2026", "in
        // the whole of 2024", "in all of 2024"
        let whole = if is(toks, i + 1, "the") && is(toks, i + 2, "whole") && is(toks, i + 3, "of") {
            3
        } else if is(toks, i + 1, "all") && is(toks, i + 2, "of") {
            2
        } else {
            0
        };
        let y_at = i + 1 + whole;
        if ["in", "by", "till", "until", "during", "since", "for"]
            .iter()
            .any(|w| t.is(w))
            && (whole == 0 || ["in", "during", "for"].iter().any(|w| t.is(w)))
            && let Some(y) = year_at(toks, y_at)
        {
            {
                if toks
                    .get(y_at + 1)
                    .is_some_and(|t| t.is_punct('-') && !t.space)
                    && toks
                        .get(y_at + 2)
                        .is_some_and(|t| t.is_num() && t.text.len() == 2)
                {
                    return Some(DateExpr {
                        start: y_at,
                        end: y_at + 3,
                        date: NaiveDate::from_ymd_opt(y + 1, 6, 30),
                        rel_months: 0,
                    });
                }
                // The current year means "so far": the reference date, not its end.
                let date = match reference {
                    Some(r) if r.year() == y => Some(r),
                    _ => NaiveDate::from_ymd_opt(y, 12, 31),
                };
                return Some(DateExpr {
                    start: y_at,
                    end: y_at + 1,
                    date,
                    rel_months: 0,
                });
            }
        }
    }
    // "8 December 2019"
    if t.is_num()
        && t.text.len() <= 2
        && let Some(m) = toks
            .get(i + 1)
            .filter(|m| m.is_word())
            .and_then(|m| month(m.text))
        && let Some(y) = year_at(toks, i + 2)
    {
        let day = parse_digits(t.text).map(|v| v.0).unwrap_or(0.0);
        // At most two digits, so the cast is exact.
        return abs(i + 3, NaiveDate::from_ymd_opt(y, m, day as u32));
    }
    None
}

/// The date a fiscal year ending in June of `end_year` stands for: its end,
/// or the reference date while that year is current or about to start (a
/// budget "for fiscal year 2025-26" passed in June 2025 is news of now).
fn fiscal_year(end_year: i32, reference: Option<NaiveDate>) -> Option<NaiveDate> {
    let end = NaiveDate::from_ymd_opt(end_year, 6, 30)?;
    let start = NaiveDate::from_ymd_opt(end_year - 1, 7, 1)?;
    match reference {
        Some(r)
            if r <= end
                && start
                    .checked_sub_months(Months::new(3))
                    .is_some_and(|s| r >= s) =>
        {
            Some(r)
        }
        _ => Some(end),
    }
}

fn month_date(
    toks: &[Tok],
    start: usize,
    month_tok: usize,
    m: u32,
    reference: Option<NaiveDate>,
) -> DateExpr {
    if let Some(y) = year_at(toks, month_tok + 1) {
        return DateExpr {
            start,
            end: month_tok + 2,
            date: month_end(y, m),
            rel_months: 0,
        };
    }
    // "in August last year", "in March this year": the month of the year
    // named relatively to the reference date.
    let of = usize::from(is(toks, month_tok + 1, "of"));
    let rel_year = [("last", -1), ("this", 0)]
        .iter()
        .find(|(w, _)| is(toks, month_tok + 1 + of, w) && is(toks, month_tok + 2 + of, "year"));
    if let (Some((_, dy)), Some(r)) = (rel_year, reference) {
        return DateExpr {
            start,
            end: month_tok + 3 + of,
            // Not after the reference date, as for a month alone.
            date: month_end(r.year() + dy, m).map(|end| end.min(r)),
            rel_months: 0,
        };
    }
    DateExpr {
        start,
        end: month_tok + 1,
        date: resolve_month(m, reference),
        rel_months: 0,
    }
}

/// The word before a date expression, skipping an article.
fn word_before(toks: &[Tok], d: &DateExpr) -> Option<usize> {
    let mut k = d.start.checked_sub(1)?;
    if toks[k].is("the") || toks[k].is("a") {
        k = k.checked_sub(1)?;
    }
    Some(k)
}

/// "since mid-June", "from the previous year", "the same as last year", "up
/// 8.7 per cent on the previous year": a date after a figure that dates
/// another figure or a period's start (with "on", only an earlier period
/// named relatively: "on June 30" dates the figure).
pub(crate) fn starts_a_comparison(toks: &[Tok], d: &DateExpr) -> bool {
    // "since the season opened on November 25": the date of the start.
    let since_clause = toks[d.start.saturating_sub(8)..d.start]
        .iter()
        .rev()
        .take_while(|t| t.kind != super::token::TokKind::Punct)
        .any(|t| t.is("since"));
    since_clause
        || word_before(toks, d).is_some_and(|k| {
            let t = &toks[k];
            t.is("since")
                || t.is("from")
                || t.is("than")
                || t.is("as")
                || (t.is("on") && d.rel_months < 0)
        })
}

/// "Since April 1, 754 wildfires have been recorded": a date after "since"
/// is when a span began; the figure counts up to now. Not when a clause
/// opened by "when" describes that date: "the highest since 2015, when 112
/// rhinos were poached" dates the 112 to 2015.
pub(crate) fn opens_a_span(toks: &[Tok], d: &DateExpr) -> bool {
    let then = toks.get(d.end).is_some_and(|t| t.is_punct(','))
        && toks.get(d.end + 1).is_some_and(|t| t.is("when"));
    word_before(toks, d).is_some_and(|k| toks[k].is("since")) && !then
}

/// "58 per cent of the market, with the rest split between two rivals,
/// which began running in 2021": a date in a relative clause opened with a
/// comma after the figure (which ends at `from`) dates what the clause
/// describes, not the figure.
pub(crate) fn in_relative_clause(toks: &[Tok], from: usize, d: &DateExpr) -> bool {
    (from..d.start).any(|k| {
        toks[k].is_punct(',')
            && toks
                .get(k + 1)
                .is_some_and(|n| n.is_any(&["which", "who", "whose"]))
    })
}

/// "The programme, launched in 2021, has cost ...": a date that belongs to
/// a participle ("launched", "founded", "began") before the figure's verb.
pub(crate) fn describes_something_else(toks: &[Tok], d: &DateExpr) -> bool {
    let Some(k) = word_before(toks, d) else {
        return false;
    };
    let prep = &toks[k];
    // "A campaign that began on January 20 has vaccinated 118,000": the
    // irregular forms of starting, beside the "-ed" ones.
    let participle = k.checked_sub(1).map(|p| &toks[p]).is_some_and(|w| {
        w.is_word()
            && ((w.text.len() > 4 && w.text.ends_with("ed")) || w.is_any(&["began", "begun"]))
    });
    prep.is_word() && ["in", "on", "since"].iter().any(|p| prep.is(p)) && participle
}

/// Shifts a date by whole months (negative = earlier), ending on a month end
/// when the anchor is one.
pub(crate) fn shift_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let is_end = d.succ_opt().is_some_and(|n| n.day() == 1);
    let shifted = if months < 0 {
        d.checked_sub_months(Months::new(months.unsigned_abs()))
    } else {
        d.checked_add_months(Months::new(months.unsigned_abs()))
    }?;
    if is_end {
        month_end(shifted.year(), shifted.month())
    } else {
        Some(shifted)
    }
}

/// "this year", "full-year", "full year", "for the year": the clause
/// speaks of the whole current year.
pub(crate) fn whole_year(toks: &[Tok]) -> bool {
    toks.windows(2).any(|w| w[0].is("this") && w[1].is("year")) || a_reported_year(toks)
}

/// "for the year", "over the year", "full-year", "full year": the clause
/// speaks of a whole year without saying it is the current one ("this
/// year").
pub(crate) fn a_reported_year(toks: &[Tok]) -> bool {
    toks.windows(2).any(|w| w[0].is("full") && w[1].is("year"))
        || toks
            .windows(3)
            .any(|w| (w[0].is("for") || w[0].is("over")) && w[1].is("the") && w[2].is("year"))
        || toks
            .windows(3)
            .any(|w| w[0].is("full") && w[1].is("-") && w[2].is("year"))
}
