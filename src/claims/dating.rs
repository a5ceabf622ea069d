//! Dating figures: the as-of date of each figure (a date its sentence
//! states for it, else the document's reference date) and the reference
//! date of a document published without one.

use chrono::{Datelike, NaiveDate};

use super::number::Mention;
use super::token::Tok;
use super::{DocState, date};

/// The latest absolute month-and-year date stated in the text (given as
/// the tokens of every sentence): the reference date of an undated document.
pub(super) fn latest_stated_date(toks: &[Tok], spans: &[(usize, usize)]) -> Option<NaiveDate> {
    let mut best: Option<NaiveDate> = None;
    for &(t0, t1) in spans {
        let sent = &toks[t0..t1];
        // Without a reference, only a four-digit year or a fiscal year
        // ("FY24") gives an absolute date; most sentences have neither.
        if !sent
            .iter()
            .any(|t| (t.is_num() && t.text.len() == 4) || t.is("FY"))
        {
            continue;
        }
        for d in date::find_dates(sent, None) {
            if let Some(x) = d.date {
                best = best.max(Some(x));
            }
        }
    }
    best
}

impl DocState<'_> {
    /// The as-of date of mention `mi`: a date stated right after it, else one
    /// stated before every figure of its clause, else the reference date (a
    /// month earlier for a prior value, or a month before the figure it is
    /// compared with when that is older). Also says whether it lies ahead.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn as_of(
        &self,
        toks: &[Tok],
        mentions: &[Mention],
        mi: usize,
        dates: &[date::DateExpr],
        anchor: Option<NaiveDate>,
        (prior, partner): (bool, Option<NaiveDate>),
        clause: (usize, usize),
    ) -> (Option<NaiveDate>, bool) {
        let m = &mentions[mi];
        let next_first = mentions
            .get(mi + 1)
            .map_or(toks.len(), |n| n.first)
            .min(clause.1);
        let first_in_clause = mentions
            .iter()
            .filter(|o| o.first >= clause.0 && o.first < clause.1)
            .map(|o| o.end)
            .min()
            .unwrap_or(m.first);
        let after = dates.iter().find(|d| {
            d.start >= m.end
                && d.start < next_first
                && !date::starts_a_comparison(toks, d)
                && !date::in_relative_clause(toks, m.end, d)
        });
        // "shipped 61,400 tonnes between October 1 and the end of December":
        // a figure for a span is as of the span's end.
        let after = after.map(|d| {
            let between = (m.end..d.start).any(|k| toks[k].is("between"));
            dates
                .iter()
                .find(|e| {
                    between
                        && e.start >= d.end
                        && e.start < next_first
                        && (d.end..e.start).any(|k| toks[k].is("and"))
                })
                .unwrap_or(d)
        });
        let before = dates.iter().rev().find(|d| {
            d.start >= clause.0
                && d.end <= m.first
                && d.start < first_in_clause
                && !date::describes_something_else(toks, d)
                && !date::opens_a_span(toks, d)
        });
        let resolved = after.or(before).and_then(|d| {
            if d.rel_months != 0 {
                anchor.and_then(|a| date::shift_months(a, d.rel_months))
            } else {
                d.date
            }
        });
        let date = match resolved {
            // A date stated for the clause dates the figure compared with;
            // the earlier value came before it.
            Some(d) if prior && after.is_none() && partner == Some(d) => date::shift_months(d, -1),
            Some(d) => Some(d),
            None if prior => self
                .reference
                .map(|r| partner.filter(|p| *p < r).unwrap_or(r))
                .and_then(|r| date::shift_months(r, -1)),
            None => self.reference,
        };
        let future = match (date, self.reference) {
            (Some(d), Some(r)) => d.year() > r.year(),
            _ => false,
        };
        (date, future)
    }
}
