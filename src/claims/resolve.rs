//! Subject resolution: decides which noun phrase a figure belongs to (the
//! phrase after it, an antecedent for "of them" / "others", the counted thing
//! a value or capacity is attached to, a ratio's named indicator, or the
//! clause subject) and keeps the document memory that anaphora need.

use super::casualty::casualty;
use super::cues::{
    attribute, change_in, exchange_rate, is_be_form, makes_up, measured_after, money_earned,
    money_in, money_lost, money_moved, money_set_aside, money_spent, named_mover, passive_noun,
    rate_named,
};
use super::ebitda::spelled_ebitda;
use super::lexicon::{is_ratio_head, is_value_head};
use super::np::{Follow, W, clause_np, following, left_np, np_ending_at};
use super::subject::{Normalizer, Subject, status_in};

mod left;
use left::{from_left, left_window_start};

/// Adjectives an anaphoric subset does not inherit ("seven of the priority
/// projects are complete" counts completed projects).
const EVALUATIVE: &[&str] = &["priority", "strategic", "early", "harvest"];

/// Surface prefixes of heads whose modifiers are remembered across sentences.
const MEMORY_HEADS: &[&str] = &[
    "subscri",
    "user",
    "customer",
    "connection",
    "teledensit",
    "penetration",
    "project",
    "scheme",
    "plant",
    "usage",
    "job",
];

/// What the document has said so far, for anaphora and bare heads.
#[derive(Debug, Default)]
pub(crate) struct DocMemory {
    /// Subject of the latest count with a noun of its own.
    last_count: Option<Subject>,
    /// (head, modifiers, sentence number) of recent noun phrases.
    heads: Vec<(String, Vec<String>, usize)>,
    /// Sentence counter.
    sentence: usize,
    /// Subject of the latest measure (km, MW, ...) with a noun, per unit.
    last_measure: Vec<(&'static str, Subject)>,
}

/// Words that open a subordinate clause; a status after them is not the figure's.
const SUBORDINATORS: &[&str] = &[
    "once", "when", "after", "before", "because", "since", "as", "if", "until", "though",
    "although", "which", "who",
];

/// How many sentences a remembered modifier set stays usable.
const MEMORY_SPAN: usize = 2;

impl DocMemory {
    fn recall(&self, head: &str) -> Option<&Vec<String>> {
        self.heads
            .iter()
            .rev()
            .find(|(h, _, s)| h == head && self.sentence.saturating_sub(*s) <= MEMORY_SPAN)
            .map(|(_, m, _)| m)
    }

    /// Records a sentence's remembered phrases and moves to the next sentence.
    pub fn end_sentence(&mut self, local: Vec<(usize, Subject)>) {
        for (_, s) in local {
            self.heads.retain(|(h, _, _)| *h != s.head);
            self.heads.push((s.head, s.mods, self.sentence));
        }
        self.sentence += 1;
    }
}

/// Cheap test: could this word be a head worth remembering?
pub(crate) fn may_be_memory_head(t: &str) -> bool {
    let b = t.as_bytes();
    let Some(first) = b.first().map(|c| c | 0x20) else {
        return false;
    };
    // The first byte rules out all but one or two stems, before any
    // case-insensitive comparison: this runs on every word of every
    // sentence without a figure.
    b.len() >= 3
        && MEMORY_HEADS.iter().any(|p| {
            let p = p.as_bytes();
            p.first() == Some(&first) && b.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
        })
}

/// Noun phrases in a sentence whose head is worth remembering, with modifiers.
pub(crate) fn remembered_phrases(ws: &[W], norm: &Normalizer) -> Vec<(usize, Subject)> {
    let mut out = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        let t = w.text;
        if w.punct || !may_be_memory_head(t) {
            continue;
        }
        let generic_next = ws.get(k + 1).is_some_and(|n| {
            super::lexicon::is_generic_head(super::lexicon::ascii_lower(n.text, &mut [0u8; 32]))
        });
        let end = if generic_next { k + 1 } else { k };
        if ws
            .get(end + 1)
            .is_some_and(|n| n.is_content() && !n.text.ends_with("ed"))
        {
            continue;
        }
        let np = np_ending_at(ws, end, 0);
        let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
        let s = norm.subject(&words);
        if !s.mods.is_empty() {
            out.push((k, s));
        }
    }
    out
}

/// One figure to resolve.
pub(crate) struct Figure {
    /// Unit name.
    pub unit: &'static str,
    /// A percentage change whose clause states an amount of money too.
    pub money_in_clause: bool,
    /// First word of the mention.
    pub w_first: usize,
    /// Word just past the mention.
    pub w_end: usize,
    /// Clause word range.
    pub clause: (usize, usize),
    /// Stated difference.
    pub change: bool,
    /// Earlier level ("from X"), or the later one of "from X to Y".
    pub paired: bool,
    /// "an equal number".
    pub equal: bool,
    /// First word of the next count in the sentence (or the sentence length).
    pub next_count: usize,
    /// Word just past the previous count in the sentence (or 0).
    pub prev_count: usize,
}

/// A figure already resolved in this sentence.
pub(crate) struct Done {
    /// Its subject.
    pub subject: Subject,
    /// Its unit.
    pub unit: &'static str,
    /// First word.
    pub w_first: usize,
    /// Clause start.
    pub clause_start: usize,
}

fn is_count(unit: &str) -> bool {
    unit == "count"
}

/// A physical measure (km, MW, tonnes), not money, a share or a rank.
fn is_measure(unit: &str) -> bool {
    !matches!(unit, "count" | "percent" | "ordinal") && !super::lexicon::is_money_unit(unit)
}

fn refs<'a, 'b>(ws: &'b [W<'a>], idx: &[usize]) -> Vec<&'b W<'a>> {
    idx.iter().map(|&i| &ws[i]).collect()
}

/// Resolves the subject of one figure.
pub(crate) fn resolve(
    ws: &[W],
    local: &[(usize, Subject)],
    f: &Figure,
    done: &[Done],
    norm: &Normalizer,
    mem: &mut DocMemory,
) -> Subject {
    if let Some(s) = exchange_rate(ws, f).or_else(|| rate_named(ws, f, norm)) {
        return s;
    }
    let (cs, ce) = f.clause;
    let same_clause_prev = |pred: &dyn Fn(&Done) -> bool| {
        done.iter()
            .rev()
            .find(|d| d.clause_start == cs && d.w_first < f.w_first && pred(d))
    };
    let limit = f.next_count.min(ce);
    let window_end = (f.w_end.min(limit)..limit)
        .find(|&k| SUBORDINATORS.iter().any(|w| ws[k].is(w)))
        .unwrap_or(limit);
    let before_start = left_window_start(ws, f.prev_count.max(cs).min(f.w_first), f.w_first);
    let after_status = || {
        let after = &ws[f.w_end.min(window_end)..window_end];
        // "8,020 applicants have completed the training course": the
        // counted people did the completing; the word is no state of theirs
        // ("38 projects have been completed" is).
        let active = after.windows(3).any(|p| {
            p[0].is_any(&["have", "has", "had"])
                && status_in(&p[1..2]).is_some()
                && (p[2].is_any(&["the", "a", "an", "its", "their", "his", "her", "our"])
                    || super::token::is_possessive(p[2].text))
        });
        // "Of the suspected cases, 88 have been confirmed": confirmed cases
        // are the plain cases, whatever the phrase before says.
        let confirmed = after.iter().take(4).any(|w| w.is("confirmed"));
        if confirmed {
            return None;
        }
        (!active)
            .then(|| status_in(after))
            .flatten()
            .or_else(|| status_in(&ws[left::own_status_start(ws, f, before_start)..f.w_first]))
    };
    // Region status: up to the next figure is not known here, so prefer the
    // words right after the figure, then the words before it.
    let mut s = if f.equal {
        let mut s = done
            .iter()
            .rev()
            .find(|d| is_count(d.unit))
            .map(|d| d.subject.clone())
            .unwrap_or_default();
        s.status = after_status();
        return finish(s, f, ws, local, mem, true);
    } else if f.paired
        || (f.change
            && !left::names_own_change(ws, f)
            && !matches!(following(ws, f.w_end, ce), Follow::Np(_)))
    {
        // "flew 10,930,000 passengers ..., up 8.7 per cent": a percentage
        // change is the change of the figure before it, whatever its unit.
        let pct_change = f.change && f.unit == "percent";
        // "Female voters now total 33.18 lakh, against 35.92 lakh men": an
        // earlier or compared count that names its own thing counts that.
        let own = || match following(ws, f.w_end, ce) {
            Follow::Np(np)
                if np.first() == Some(&f.w_end)
                    && !np.iter().any(|&i| super::lexicon::is_time_unit(ws[i].text)) =>
            {
                Some(norm.subject(&refs(ws, &np))).filter(|s| !s.head.is_empty())
            }
            _ => None,
        };
        match same_clause_prev(&|d: &Done| d.unit == f.unit || (pct_change && d.unit != "percent"))
        {
            Some(d) => {
                let own = (f.paired && is_count(f.unit)).then(own).flatten();
                return match own {
                    Some(s) if s.head != d.subject.head => s,
                    _ => d.subject.clone(),
                };
            }
            None => subject_fresh(ws, f, done, norm, mem),
        }
    } else {
        subject_fresh(ws, f, done, norm, mem)
    };
    if is_measure(f.unit) {
        // "Another 230 kilometres are under construction": the thing measured
        // before, in a new state.
        if s.head.is_empty()
            && let Some(p) = passive_noun(ws, f)
        {
            s = p;
        } else if s.head.is_empty()
            && let Some((_, prev)) = mem.last_measure.iter().find(|(u, _)| *u == f.unit)
        {
            s = Subject {
                status: None,
                ..prev.clone()
            };
        } else if !s.head.is_empty() {
            mem.last_measure.retain(|(u, _)| *u != f.unit);
            mem.last_measure.push((
                f.unit,
                Subject {
                    status: None,
                    ..s.clone()
                },
            ));
        }
    }
    if s.status.is_none() && (is_count(f.unit) || is_measure(f.unit)) {
        s.status = after_status();
    }
    if s.head.is_empty()
        && let Some(c) = change_in(ws, f, norm)
    {
        s = c;
    }
    // Only things the clause says were killed or stolen ("23 elephants were
    // killed"); "Eleven of those killed were motorcyclists" are deaths.
    if let Some(st @ ("killed" | "lost")) = s.status {
        let after = &ws[f.w_end.min(window_end)..window_end];
        let passive = after
            .windows(2)
            .any(|p| is_be_form(&p[0]) && status_in(&p[1..]) == Some(st));
        // "reindeer killed by wolverines"; "Predators killed a record 7,820
        // reindeer": the verb right before the figure.
        let by_agent = after
            .windows(2)
            .any(|p| status_in(&p[..1]) == Some(st) && p[1].is("by"));
        let k = super::cues::skip_qualifiers(ws, f.w_first, cs, &["a", "record"]);
        // "forced the culling of 8.1 million chickens": the noun and "of".
        let active = (k > cs && status_in(&ws[k - 1..k]) == Some(st))
            || (k > cs + 1 && ws[k - 1].is("of") && status_in(&ws[k - 2..k - 1]) == Some(st));
        if !(passive || by_agent || active)
            || super::casualty::CASUALTY_HEADS.contains(&s.head.as_str())
        {
            s.status = None;
        }
    }
    // A temperature bound ("above 27 degrees") is a threshold, not a
    // reading; the days counted against it ("on 23 days") are its days.
    if super::temperature::bound(ws, f) {
        s.merge_mods(&[super::temperature::THRESHOLD.to_string()]);
    }
    if let Some(mark) = super::temperature::departure(ws, f).or_else(|| super::rate::per(ws, f)) {
        s.merge_mods(&[mark.to_string()]);
    }
    if f.unit == "days"
        && let Some(d) = same_clause_prev(&|d: &Done| {
            super::temperature::is_unit(d.unit)
                && d.subject
                    .mods
                    .iter()
                    .any(|m| m == super::temperature::THRESHOLD)
        })
    {
        s = d.subject.clone();
    }
    if super::duration::is_unit(f.unit) && super::duration::is_extra_time(ws, f.w_end) {
        s = Subject {
            head: "delay".to_string(),
            ..Subject::default()
        };
    }
    super::relative::antecedent(ws, f, norm, &mut s);
    if is_count(f.unit) {
        super::casualty::own_casualty(ws, f, &mut s);
    }
    finish(s, f, ws, local, mem, false)
}

fn finish(
    mut s: Subject,
    f: &Figure,
    ws: &[W],
    local: &[(usize, Subject)],
    mem: &mut DocMemory,
    anaphoric: bool,
) -> Subject {
    if s.mods.is_empty() && !s.head.is_empty() {
        let here = local
            .iter()
            .rev()
            .find(|(k, l)| *k < f.w_first && l.head == s.head)
            .map(|(_, l)| l.mods.clone());
        if let Some(m) = here.or_else(|| mem.recall(&s.head).cloned()) {
            s.merge_mods(&m);
        }
    }
    if s.head.is_empty()
        && super::lexicon::is_money_unit(f.unit)
        && let Some(p) = passive_noun(ws, f)
    {
        s = p;
    }
    // Money from sales, turnover or receipts is revenue ("Sales for the nine
    // months came to 2.02 billion euros"), and so is their rate of change
    // beside the money ("Sales climbed 17% to 3.95 billion crowns"); "car
    // sales" counted stay sales.
    let money = super::lexicon::is_money_unit(f.unit) || f.money_in_clause;
    if money && ["sale", "turnover", "receipt"].contains(&s.head.as_str()) {
        s.head = "revenue".into();
    }
    if is_count(f.unit)
        && s.head == "people"
        && s.mods.is_empty()
        && let Some(agent) = super::cues::people_by_verb(ws, f)
    {
        s.head = agent.into();
    }
    if is_count(f.unit) && !s.head.is_empty() && !anaphoric {
        mem.last_count = Some(s.clone());
    }
    s
}

fn subject_fresh(
    ws: &[W],
    f: &Figure,
    done: &[Done],
    norm: &Normalizer,
    mem: &mut DocMemory,
) -> Subject {
    let (cs, ce) = f.clause;
    let words = |idx: &[usize]| refs(ws, idx);
    let clause_mods = || {
        let np = clause_np(ws, cs, f.w_first);
        if np.is_empty() {
            Vec::new()
        } else {
            norm.subject(&words(&np)).mods_with_head()
        }
    };
    if f.unit == "ordinal" {
        if let Follow::Np(np) = following(ws, f.w_end, ce) {
            return norm.subject(&words(&np));
        }
        return Subject {
            head: "rank".into(),
            ..Subject::default()
        };
    }
    if is_count(f.unit) {
        let mut follow = following(ws, f.w_end, ce);
        let refers_back = f.w_first > cs
            && ["further", "another", "other", "additional"]
                .iter()
                .any(|p| ws[f.w_first - 1].is(p));
        if refers_back && matches!(follow, Follow::Nothing) {
            follow = Follow::Anaphor;
        }
        if let Some(s) = super::ellipsis::elided(ws, f, done, norm) {
            return s;
        }
        match follow {
            Follow::Np(np) => {
                let s = norm.subject(&words(&np));
                if !s.head.is_empty() && !super::lexicon::is_generic_head(&s.head) {
                    // "the metro's fleet of 64 trainsets": the fleet's size,
                    // as "lifting the fleet to 70" states it.
                    if f.w_first >= cs + 2
                        && ws[f.w_first - 1].is("of")
                        && super::lexicon::is_collective_head(ws[f.w_first - 2].text)
                    {
                        let mut c = norm.subject(&words(&[f.w_first - 2]));
                        c.merge_mods(&s.mods_with_head());
                        return c;
                    }
                    return casualty(ws, f, &s).unwrap_or(s);
                }
            }
            Follow::Anaphor => {
                let mut s = mem.last_count.clone().unwrap_or_default();
                s.status = None;
                s.mods.retain(|m| !EVALUATIVE.contains(&m.as_str()));
                s.merge_mods(&clause_mods());
                return s;
            }
            Follow::Use(obj) => {
                let mut s = Subject {
                    head: "subscriber".into(),
                    ..Subject::default()
                };
                s.merge_mods(&norm.subject(&words(&obj)).mods_with_head());
                return s;
            }
            Follow::Nothing => {
                let attr = attribute(ws, f.w_first, cs);
                if !attr.is_empty() {
                    let s = norm.subject(&words(&attr));
                    if !s.head.is_empty() && !is_value_head(&s.head) {
                        return s;
                    }
                }
            }
        }
        let s = from_left(ws, f, done, norm, mem);
        return casualty(ws, f, &s).unwrap_or(s);
    }
    // Values, capacities and other units.
    if let Some(s) = left::of_the_figure_before(ws, f, done) {
        return s;
    }
    let attr = attribute(ws, f.w_first, cs);
    if f.unit == "percent"
        && let Some(s) = spelled_ebitda(ws, f, norm).filter(|s| s.head == "margin")
    {
        return s;
    }
    if f.unit != "percent" {
        // "$60 billion worth of infrastructure projects"
        if ws.get(f.w_end).is_some_and(|w| w.is("worth"))
            && ws.get(f.w_end + 1).is_some_and(|w| w.is("of"))
            && let Follow::Np(np) = following(ws, f.w_end + 2, ce)
        {
            let mut s = norm.subject(&words(&np));
            s.status = status_in(&ws[cs..ce]);
            return s;
        }
        if let Some(s) = spelled_ebitda(ws, f, norm)
            .or_else(|| money_lost(ws, f))
            .or_else(|| money_earned(ws, f, norm))
            .or_else(|| super::cues::money_valued(ws, f))
            .or_else(|| money_moved(ws, f))
            .or_else(|| money_spent(ws, f))
            .or_else(|| money_set_aside(ws, f))
            .or_else(|| measured_after(ws, f, norm))
            .or_else(|| money_in(ws, f, norm))
            .or_else(|| named_mover(ws, f))
        {
            return s;
        }
        if let Some(d) = done
            .iter()
            .rev()
            .find(|d| d.clause_start == cs && is_count(d.unit) && d.w_first < f.w_first)
        {
            let attr_is_value =
                attr.is_empty() || norm.subject(&words(&attr)).head_is(is_value_head);
            if attr_is_value {
                return d.subject.clone();
            }
        }
        // "invested", "investment"; not "investigators" or "a Chinese
        // investor holds 70 per cent" (people, not money put in).
        if ws[cs..ce].iter().any(|w| {
            let starts = |p: &str| {
                w.text
                    .get(..p.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(p))
            };
            starts("invest") && !starts("investiga") && !starts("investor")
        }) {
            return Subject {
                head: "investment".into(),
                ..Subject::default()
            };
        }
    }
    if !attr.is_empty() {
        let mut s = norm.subject(&words(&attr));
        if is_ratio_head(&s.head) && s.mods.is_empty() {
            let mut m = clause_mods();
            if let Some(d) = done
                .iter()
                .rev()
                .find(|d| d.clause_start == cs && is_count(d.unit))
            {
                m.retain(|x| *x != d.subject.head);
            }
            s.merge_mods(&m);
        }
        // "Wool sold for an average of M112 a kilogram": the average is of
        // the clause's subject.
        if s.head == "average" && s.mods.is_empty() {
            let left = from_left(ws, f, done, norm, mem);
            if !left.head.is_empty() && left.head != "average" {
                return left;
            }
        }
        if !s.head.is_empty() {
            return s;
        }
    }
    if f.unit == "percent"
        && ws.get(f.w_end).is_some_and(|w| w.is("of"))
        && let Follow::Np(np) = following(ws, f.w_end + 1, ce)
    {
        let mut s = Subject {
            head: "share".into(),
            ..Subject::default()
        };
        let whole = norm.subject(&words(&np));
        // "a deficit of 3.1 percent of GDP": a ratio to output measures the
        // thing before it, not a share of GDP.
        if whole.head == "gdp" && whole.mods.is_empty() {
            let mut s = from_left(ws, f, done, norm, mem);
            if !s.head.is_empty() && s.head != "gdp" {
                s.merge_mods(&whole.mods_with_head());
                return s;
            }
        }
        // "Girls make up 44 percent of enrolment": the share is the girls'.
        let part = if makes_up(ws, f.w_first, cs) {
            let mut left = left_np(ws, f.w_first, cs);
            left.retain(|&i| !super::cues::holding_verb(ws[i].text));
            norm.subject(&words(&left)).mods_with_head()
        } else if let Some(p) = super::follow::part_after_whole(ws, &np, ce) {
            norm.subject(&words(&p)).mods_with_head()
        } else {
            Vec::new()
        };
        if part.is_empty() {
            s.merge_mods(&whole.mods_with_head());
        } else {
            s.merge_mods(&part);
        }
        return s;
    }
    from_left(ws, f, done, norm, mem)
}
