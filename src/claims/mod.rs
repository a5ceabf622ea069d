//! Claims: reads the numeric claims (value, unit, qualifier, kind, subject and a
//! stable quantity key) out of plain article text. Pure and synchronous.
//!
//! The pipeline per sentence: [`token`] splits it, [`number`] finds the
//! figures, [`qualifier`], [`date`] and [`dating`] read how and when each
//! is stated, [`np`], [`resolve`], [`cues`] and [`subject`] decide what it
//! counts and build its key.
//!
//! Ranges ("20-25 projects", "between 20 and 25") are reported with `value`
//! as the lower bound and `value_max` as the upper bound.

mod anaphora;
mod casualty;
mod cues;
mod currency;
mod date;
mod dating;
mod duration;
mod ebitda;
mod ellipsis;
mod exclude;
mod follow;
mod lexicon;
mod measure;
mod np;
mod number;
mod period;
mod place;
mod prior;
mod qualifier;
mod range;
mod rate;
mod relative;
mod resolve;
mod sentence;
mod subject;
mod synonyms;
mod temperature;
#[cfg(test)]
mod tests;
mod token;
mod verbs;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub(crate) use self::lexicon::{is_collective_head, is_ratio_head, month};
use self::np::W;
use self::number::Mention;
pub(crate) use self::period::{is_first_quarter_of, split_first_quarter};
pub(crate) use self::qualifier::is_intention_word;
pub use self::range::UPPER;
use self::resolve::{DocMemory, Done, Figure};
use self::sentence::sentences;
use self::subject::Normalizer;
pub(crate) use self::subject::stem;
use self::token::Tok;

/// Canonical status words that can open a quantity key ("completed project|count").
pub const STATUS_NAMES: &[&str] = lexicon::STATUS_NAMES;

/// How a stated value relates to the true value ("over 161 million").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Exact as stated; serialised as `""`.
    #[default]
    #[serde(rename = "")]
    Exact,
    /// over, more than, above, exceeding, crossed.
    Over,
    /// under, less than, fewer than, below.
    Under,
    /// around, about, approximately, some, roughly.
    Around,
    /// nearly, almost, close to.
    Nearly,
    /// up to.
    UpTo,
    /// at least.
    AtLeast,
}

/// Whether a claim reports a state, a plan, or a stated difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A reported state.
    #[default]
    Actual,
    /// A plan, goal, forecast or projection.
    Target,
    /// A stated difference ("declined by 500,000").
    Change,
}

/// One numeric claim read from a document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Claim {
    /// The noun phrase the number counts or measures.
    pub subject: String,
    /// Stable identity of the quantity, used to match it across documents.
    pub key: String,
    /// The value with every scale word applied (lower bound of a range).
    pub value: f64,
    /// Upper bound of a range ("20-25 projects"); absent from JSON for a
    /// single value.
    #[serde(default)]
    pub value_max: Option<f64>,
    /// `count`, `USD`, `PKR`, `percent`, `MW`, ...
    pub unit: String,
    /// Qualifier of the stated value.
    pub qualifier: Qualifier,
    /// The date the claim is about.
    pub as_of: Option<NaiveDate>,
    /// actual, target or change.
    pub kind: ClaimKind,
    /// The sentence the claim was read from, as it stands in the text.
    pub sentence: String,
}

/// Serialised by hand for one reason: JSON output leaves `value_max` out
/// unless the claim is a range (the `extract`/`diff` contract), while
/// positional binary formats (the store's records) need every field in
/// declaration order, which a derived `skip_serializing_if` would break.
impl Serialize for Claim {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let skip_max = s.is_human_readable() && self.value_max.is_none();
        let mut st = s.serialize_struct("Claim", if skip_max { 8 } else { 9 })?;
        st.serialize_field("subject", &self.subject)?;
        st.serialize_field("key", &self.key)?;
        st.serialize_field("value", &self.value)?;
        if skip_max {
            st.skip_field("value_max")?;
        } else {
            st.serialize_field("value_max", &self.value_max)?;
        }
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("qualifier", &self.qualifier)?;
        st.serialize_field("as_of", &self.as_of)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("sentence", &self.sentence)?;
        st.end()
    }
}

/// A quantity the user names in config; its terms identify it in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedQuantity {
    /// Display name, also the key of the quantity.
    pub name: String,
    /// Unit the quantity is measured in, when restricted.
    pub unit: Option<String>,
    /// Words that identify it in a sentence.
    pub terms: Vec<String>,
}

/// Vocabulary the engine uses beyond its built-in lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// User-named quantities, matched before derived keys.
    pub quantities: Vec<NamedQuantity>,
    /// Extra synonyms: (word, canonical word).
    pub synonyms: Vec<(String, String)>,
}

/// Reads every claim in `text`. `published` is the as-of date when the
/// sentence states none.
pub fn extract_claims(text: &str, published: Option<NaiveDate>, lexicon: &Lexicon) -> Vec<Claim> {
    let norm = Normalizer::shared(&lexicon.synonyms);
    let sents = sentences(text);
    // Every sentence is tokenised once: the date pre-pass of an undated
    // document and the claims pass read the same tokens.
    let mut toks: Vec<Tok<'_>> = Vec::with_capacity(text.len() / 6);
    let mut spans = Vec::with_capacity(sents.len());
    for &(start, end) in &sents {
        let first = toks.len();
        token::tokenize(&text[start..end], &mut toks);
        spans.push((first, toks.len()));
    }
    let reference = published.or_else(|| dating::latest_stated_date(&toks, &spans));
    let mut doc = DocState {
        place: place::Place::new(text),
        norm,
        reference,
        memory: DocMemory::default(),
        lexicon,
        first_quarter_named: false,
    };
    let mut out = Vec::new();
    for (&(start, end), &(t0, t1)) in sents.iter().zip(&spans) {
        doc.sentence(&text[start..end], &toks[t0..t1], &mut out);
    }
    range::with_upper_ends(out)
}

struct DocState<'l> {
    /// Where the document is, for currency names several countries share.
    place: place::Place<'l>,
    norm: std::sync::Arc<Normalizer>,
    reference: Option<NaiveDate>,
    memory: DocMemory,
    lexicon: &'l Lexicon,
    /// A figure of the first quarter has been read: a later "in the
    /// quarter" is that quarter.
    first_quarter_named: bool,
}

impl DocState<'_> {
    fn sentence(&mut self, sent: &str, toks: &[Tok], out: &mut Vec<Claim>) {
        let mut mentions = number::scan(toks, &self.place);
        prior::carry_units(toks, &mut mentions);
        let needs_words =
            !mentions.is_empty() || toks.iter().any(|t| resolve::may_be_memory_head(t.text));
        if !needs_words {
            self.memory.end_sentence(Vec::new());
            return;
        }
        let mut ws = np::words(sent, toks);
        let mut tok2w = vec![0usize; toks.len()];
        for (k, w) in ws.iter().enumerate() {
            for t in &mut tok2w[w.t0..w.t1] {
                *t = k;
            }
        }
        for m in &mentions {
            let (a, b) = word_span(&tok2w, m);
            for w in &mut ws[a..b] {
                w.num = true;
            }
        }
        let local = resolve::remembered_phrases(&ws, &self.norm);
        if !mentions.is_empty() {
            self.claims(sent, toks, &ws, &tok2w, &mentions, &local, out);
        }
        self.memory.end_sentence(local);
    }

    #[allow(clippy::too_many_arguments)]
    fn claims(
        &mut self,
        sent: &str,
        toks: &[Tok],
        ws: &[W],
        tok2w: &[usize],
        mentions: &[Mention],
        local: &[(usize, subject::Subject)],
        out: &mut Vec<Claim>,
    ) {
        let clauses = np::clauses(ws);
        let dates = date::find_dates(toks, self.reference);
        let anchor = dates.iter().find_map(|d| d.date).or(self.reference);
        let mut done: Vec<Done> = Vec::with_capacity(mentions.len());
        let mut prior_in_clause: Vec<usize> = Vec::new();
        // Periods stated per clause, read once for all the clause's figures.
        let mut periods: Vec<((usize, usize), period::Stated)> = Vec::new();
        let mut spans: Vec<(usize, Option<period::Span>)> = Vec::new();
        for (mi, m) in mentions.iter().enumerate() {
            let (w_first, w_end) = word_span(tok2w, m);
            let clause = clauses
                .iter()
                .copied()
                .find(|&(a, b)| w_first >= a && w_first < b)
                .unwrap_or((0, ws.len()));
            let (change, prior) = qualifier::change_role(toks, m);
            let change = change || qualifier::increment_before_total(toks, mentions, mi);
            let after_from =
                m.first >= 1 && toks[m.first - 1].is("to") && prior_in_clause.contains(&clause.0);
            if prior {
                prior_in_clause.push(clause.0);
            }
            // "would lengthen its network to 4,180 km from 3,868 km now": an
            // earlier level said to hold now is today's, whatever the plan.
            let now = prior
                && toks.get(m.end).is_some_and(|t| {
                    t.is_any(&["now", "today", "currently"])
                        || (t.is("at") && toks.get(m.end + 1).is_some_and(|n| n.is("present")))
                });
            let value = if m.equal_to_previous {
                match done
                    .iter()
                    .rev()
                    .zip(out.iter().rev())
                    .find(|(d, _)| d.unit == "count")
                {
                    Some((_, c)) => c.value,
                    None => continue,
                }
            } else {
                m.value
            };
            let next_count = mentions[mi + 1..]
                .iter()
                .find(|n| n.unit == "count")
                .map_or(ws.len(), |n| word_span(tok2w, n).0);
            let prev_count = mentions[..mi]
                .iter()
                .rev()
                .find(|n| n.unit == "count")
                .map_or(0, |n| word_span(tok2w, n).1);
            // Read only for a percentage change (the rate of change of sales
            // beside their money is revenue's): the scan is per figure.
            let money_in_clause = change
                && m.unit == "percent"
                && mentions.iter().any(|o| {
                    let w = word_span(tok2w, o).0;
                    w >= clause.0 && w < clause.1 && lexicon::is_money_unit(o.unit)
                });
            let fig = Figure {
                unit: m.unit,
                money_in_clause,
                w_first,
                w_end,
                clause,
                change,
                paired: prior || after_from,
                equal: m.equal_to_previous,
                next_count,
                prev_count,
            };
            let subject = resolve::resolve(ws, local, &fig, &done, &self.norm, &mut self.memory);
            // "hours streamed rose to 1.19 billion": measured in its noun.
            let unit = match m.unit {
                "count" => lexicon::head_unit(&subject.head).unwrap_or("count"),
                u => u,
            };
            // A relative clause about people ("planters, many of them
            // students who spend May to August in camps") states no period
            // of the figures before it.
            let relative = (w_end..clause.1.min(ws.len()))
                .find(|&k| ws[k].is("who") || ws[k].is("whom"))
                .unwrap_or(ws.len());
            // Figures that share this one's period: the level a change moved
            // to ("slipped 3% to $301 million in the first half"), and an
            // equivalent in brackets ("231.9 billion naira ($155 million) in
            // the first nine months").
            let shares = |k: usize, n: &Mention| {
                n.first >= 1
                    && ((k == 0 && change && toks[n.first - 1].is("to"))
                        || toks[n.first - 1].is_punct('('))
            };
            let skip = (mentions[mi + 1..].iter().enumerate())
                .take_while(|(k, n)| shares(*k, n))
                .count();
            // `skip` counts existing mentions after `mi`: the slice is in range.
            let next_figure = mentions[mi + 1 + skip..]
                .first()
                .map_or(ws.len(), |n| word_span(tok2w, n).0)
                .min(relative);
            // "lifted occupancy to 86 per cent, from 84.1 per cent at the
            // half-year stage": an earlier value has its later one's period.
            let earlier = spans.iter().rev().find(|(c, _)| prior && *c == clause.0);
            let stated = match periods.iter().find(|(c, _)| *c == clause) {
                _ if earlier.is_some() => earlier.and_then(|(_, s)| *s),
                Some((_, p)) => period::nearest(ws, p, w_first, next_figure),
                None => {
                    let p = period::clause_periods(ws, clause);
                    let span = period::nearest(ws, &p, w_first, next_figure);
                    periods.push((clause, p));
                    span
                }
            };
            let inherited = earlier.is_some();
            // "Plants processed 612,400 head of cattle in the quarter",
            // after figures of the first quarter: the same quarter.
            let stated = stated.map(|s| period::Span {
                cumulative: s.cumulative || (s.anaphoric && self.first_quarter_named),
                ..s
            });
            self.first_quarter_named |= stated.is_some_and(period::Span::is_first_quarter);
            spans.push((clause.0, stated));
            let announced = qualifier::announced_by_colon(ws, &clauses, clause);
            // "rats at 4 per cent in November, compared with 38 per cent
            // before control started": an earlier value after the figure it
            // is compared with is older than that figure.
            let partner = prior
                .then(|| {
                    // `done` holds this sentence's claims, the tail of `out`.
                    let base = out.len().saturating_sub(done.len());
                    done.iter()
                        .rposition(|d| d.clause_start == clause.0 && d.unit == m.unit)
                        .and_then(|k| out.get(base + k)?.as_of)
                })
                .flatten();
            let (as_of, future) = self.as_of(
                toks,
                mentions,
                mi,
                &dates,
                anchor,
                (prior && !now, partner),
                tok_range(ws, (announced.unwrap_or(clause.0), clause.1)),
            );
            let as_of = if now { self.reference } else { as_of };
            let (ct0, ct1) = tok_range(ws, clause);
            let kind = match qualifier::kind(
                change,
                qualifier::cue_scope(toks, (ct0, ct1), mentions, mi),
                future || announced.is_some(),
            ) {
                ClaimKind::Target if now => ClaimKind::Actual,
                k => k,
            };
            // "expects to produce 190,000 tonnes this year": a plan for the
            // whole year is about the year's end, not about the report date
            // (so it is not compared with the year's figures so far).
            let as_of = match (as_of, self.reference) {
                (Some(d), Some(r))
                    if kind == ClaimKind::Target && d == r && date::whole_year(&toks[ct0..ct1]) =>
                {
                    NaiveDate::from_ymd_opt(r.year(), 12, 31).or(as_of)
                }
                // "Revenue for the year came to S$597.2 million" in
                // February: results of the year that ended in December.
                (Some(d), Some(r))
                    if kind == ClaimKind::Actual
                        && d == r
                        && r.month() <= 3
                        && date::a_reported_year(&toks[ct0..ct1])
                        && !toks[ct0..ct1].iter().any(|t| t.is("this")) =>
                {
                    NaiveDate::from_ymd_opt(r.year() - 1, 12, 31).or(as_of)
                }
                _ => as_of,
            };
            // "9,830 hectares so far this year, compared with 14,200 in the
            // whole of 2024": an earlier value dated to an earlier year's end
            // is that year's, not of the span of the figure it is set against.
            let year_end = |d: NaiveDate, r: NaiveDate| {
                d.year() < r.year() && d.month() == 12 && d.day() == 31
            };
            let stated = stated.filter(|_| {
                !inherited
                    || !matches!((as_of, self.reference), (Some(d), Some(r)) if year_end(d, r))
            });
            let qualifier = qualifier::qualifier(toks, m);
            // "at least 50 per cent of the food must be bought from family
            // farmers": a floor set by a rule, not the share reached.
            let mut subject = subject;
            if qualifier == Qualifier::AtLeast
                && toks[ct0..ct1]
                    .iter()
                    .any(|t| t.is_any(&["must", "required", "mandatory", "obliged"]))
            {
                subject.status = Some("minimum");
            }
            let clause_text = &sent[toks[ct0].start..toks[ct1 - 1].end()];
            let (key, subject_text) = match self.named(clause_text, unit) {
                Some(name) => (
                    if change {
                        format!("{name}|change")
                    } else {
                        name.to_owned()
                    },
                    name.to_owned(),
                ),
                // A plan is for a whole period, not for the year so far.
                None => period::key_and_display(
                    &subject,
                    stated.filter(|s| kind != ClaimKind::Target || s.months != 0),
                    unit,
                    change,
                ),
            };
            let (key, subject_text) = anaphora::resolve(out, sent, unit, key, subject_text);
            out.push(Claim {
                subject: subject_text,
                key,
                value,
                value_max: m.value_max,
                unit: unit.to_owned(),
                qualifier,
                as_of,
                kind,
                sentence: sent.to_owned(),
            });
            // A rate's or a departure's mark is the figure's own: a later
            // figure that takes this subject ("which would put the number
            // at 30 million") counts the things, not a rate of them.
            subject
                .mods
                .retain(|m| !m.starts_with("per-") && !m.ends_with("-normal"));
            done.push(Done {
                subject,
                unit: m.unit,
                w_first,
                clause_start: clause.0,
            });
        }
    }

    /// The configured quantity whose terms appear in the clause, if any.
    fn named(&self, clause: &str, unit: &str) -> Option<&str> {
        if self.lexicon.quantities.is_empty() {
            return None;
        }
        let lower = clause.to_lowercase();
        self.lexicon
            .quantities
            .iter()
            .filter(|q| {
                q.unit
                    .as_deref()
                    .is_none_or(|u| u.eq_ignore_ascii_case(unit))
            })
            .find(|q| {
                q.terms
                    .iter()
                    .any(|t| !t.is_empty() && lower.contains(&t.to_lowercase()))
            })
            .map(|q| q.name.as_str())
    }
}

/// Word range `[first, end)` covered by a mention.
fn word_span(tok2w: &[usize], m: &Mention) -> (usize, usize) {
    let a = tok2w.get(m.first).copied().unwrap_or(0);
    let b = tok2w
        .get(m.end.saturating_sub(1))
        .copied()
        .map_or(a + 1, |b| b + 1);
    (a, b.max(a + 1))
}

/// Token range `[start, end)` of a word range.
fn tok_range(ws: &[W], (a, b): (usize, usize)) -> (usize, usize) {
    let t0 = ws.get(a).map_or(0, |w| w.t0);
    let t1 = ws.get(b.saturating_sub(1)).map_or(t0 + 1, |w| w.t1);
    (t0, t1.max(t0 + 1))
}
