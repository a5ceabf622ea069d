//! Timeline rules: how a new document's claims move each quantity's timeline,
//! and which [`Alert`]s that raises (`changed`, `new`, `restated`, `dropped`,
//! `conflict`, `historical`). Pure: the store runs it inside its transaction.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::claims::{may_change, values_consistent};
use crate::claims::{Claim, ClaimKind, Qualifier};

/// Recent points a timeline head remembers, as [`PointMark`]s (the full
/// history is an append-only log in the store). Bounded, so a commit costs
/// the same however long a quantity has been tracked; small, because every
/// document that states the quantity reads and rewrites the head.
pub const RECENT_POINTS: usize = 2;
/// Source names kept in a head, for display.
const MAX_SOURCE_NAMES: usize = 8;

/// One dated value of a quantity, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelinePoint {
    /// The value.
    pub value: f64,
    /// Its qualifier.
    pub qualifier: Qualifier,
    /// The claim kind.
    pub kind: ClaimKind,
    /// The period the value is about.
    pub as_of: Option<NaiveDate>,
    /// When claimwatch saw it.
    pub seen: DateTime<Utc>,
    /// Source id (`baseline` for baselines).
    pub source: String,
    /// Document URL (or baseline path).
    pub url: String,
    /// Document title.
    pub title: String,
    /// The quoted sentence.
    pub sentence: String,
    /// An older period than the timeline already knew: recorded, not current.
    #[serde(default)]
    pub historical: bool,
}

/// What a timeline head remembers of one recent point: enough to recognise
/// a document stating it again (see [`evaluate`]) and to let it age out
/// with retention. The point itself is in the store's history log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointMark {
    /// xxh3 hash of the document URL (see [`PointMark::url_hash`]).
    pub url_hash: u64,
    /// The value.
    pub value: f64,
    /// The period the value is about.
    pub as_of: Option<NaiveDate>,
    /// When claimwatch saw it.
    pub seen: DateTime<Utc>,
}

impl PointMark {
    /// The mark of `p`.
    pub fn of(p: &TimelinePoint) -> Self {
        Self {
            url_hash: Self::url_hash(&p.url),
            value: p.value,
            as_of: p.as_of,
            seen: p.seen,
        }
    }

    /// The hash a mark keeps of a URL.
    pub fn url_hash(url: &str) -> u64 {
        xxhash_rust::xxh3::xxh3_64(url.as_bytes())
    }

    /// Whether this is the mark of a point from `url` with `value` for `as_of`.
    pub fn is(&self, url: &str, value: f64, as_of: Option<NaiveDate>) -> bool {
        self.value == value && self.as_of == as_of && self.url_hash == Self::url_hash(url)
    }
}

/// Everything known about one quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// Quantity key.
    pub key: String,
    /// Human name (subject).
    pub subject: String,
    /// Unit.
    pub unit: String,
    /// The value the baseline stated, if any.
    pub baseline: Option<f64>,
    /// Points, oldest first: the most recent [`RECENT_POINTS`] when read
    /// through the store's timeline readers (from its history log); every
    /// point when read through its history. [`evaluate`] neither reads nor
    /// fills it: it works on [`Timeline::recent`].
    pub points: Vec<TimelinePoint>,
    /// The current point (newest non-historical by as-of, then seen).
    #[serde(default)]
    pub current: Option<TimelinePoint>,
    /// Points ever recorded (the history log's next sequence number).
    #[serde(default)]
    pub count: u64,
    /// The first sources that stated it (at most 8 names kept).
    #[serde(default)]
    pub sources: Vec<String>,
    /// Ids of distinct sources that stated it, as the store's readers list
    /// them (at most 256; [`Timeline::source_count`] is the count).
    #[serde(default)]
    pub source_ids: Vec<u64>,
    /// When the current value last moved to a different value.
    #[serde(default)]
    pub last_change: Option<DateTime<Utc>>,
    /// Distinct sources that stated it, counted exactly by the store (its
    /// head keeps them as a set of source numbers).
    #[serde(default)]
    pub source_count: u64,
    /// Marks of the most recent [`RECENT_POINTS`] points, oldest first: what
    /// [`evaluate`] needs of them. Internal, so not serialised.
    #[serde(skip)]
    pub recent: Vec<PointMark>,
}

impl Timeline {
    /// A new timeline whose first point is `p`.
    pub fn start(key: &str, subject: &str, unit: &str, baseline: Option<f64>) -> Self {
        Self {
            key: key.to_owned(),
            subject: subject.to_owned(),
            unit: unit.to_owned(),
            baseline,
            points: Vec::new(),
            current: None,
            count: 0,
            sources: Vec::new(),
            source_ids: Vec::new(),
            last_change: None,
            source_count: 0,
            recent: Vec::new(),
        }
    }

    /// The current point: the newest non-historical one (by as-of, then seen).
    pub fn latest(&self) -> Option<&TimelinePoint> {
        self.current.as_ref().or_else(|| {
            self.points
                .iter()
                .filter(|p| !p.historical)
                .max_by(|a, b| (a.as_of, a.seen).cmp(&(b.as_of, b.seen)))
        })
    }

    /// Number of distinct sources that stated it.
    pub fn source_count(&self) -> usize {
        usize::try_from(self.source_count)
            .unwrap_or(usize::MAX)
            .max(self.source_ids.len())
            .max(self.sources.len())
    }

    /// Records `p`; returns its sequence number in the history log. Sources
    /// are counted by the store (see [`Timeline::source_count`]).
    pub fn push(&mut self, p: &TimelinePoint) -> u64 {
        let newer = self
            .latest()
            .is_none_or(|l| (p.as_of, p.seen) >= (l.as_of, l.seen));
        if !p.historical && newer {
            if self.current.as_ref().is_some_and(|c| c.value != p.value) {
                self.last_change = Some(p.seen);
            }
            self.current = Some(p.clone());
        }
        if self.sources.len() < MAX_SOURCE_NAMES && !self.sources.contains(&p.source) {
            self.sources.push(p.source.clone());
        }
        self.recent.push(PointMark::of(p));
        if self.recent.len() > RECENT_POINTS {
            self.recent.remove(0);
        }
        self.count += 1;
        self.count - 1
    }
}

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// A quantity took a new value.
    Changed,
    /// A quantity was seen for the first time.
    New,
    /// A quantity was stated again with a consistent value.
    Restated,
    /// A claim disappeared from a document that used to make it.
    Dropped,
    /// Two sources state different values for the same period.
    Conflict,
    /// A value for an older period than the timeline's latest.
    Historical,
    /// A source kept failing.
    SourceUnhealthy,
    /// A failing source works again.
    SourceRecovered,
}

impl AlertKind {
    /// The snake_case name used in JSON and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Changed => "changed",
            Self::New => "new",
            Self::Restated => "restated",
            Self::Dropped => "dropped",
            Self::Conflict => "conflict",
            Self::Historical => "historical",
            Self::SourceUnhealthy => "source_unhealthy",
            Self::SourceRecovered => "source_recovered",
        }
    }
}

/// One alert, as stored and as written to the alert log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Monotonic id (assigned when committed).
    pub id: u64,
    /// When it was raised.
    pub ts: DateTime<Utc>,
    /// What it is about.
    pub kind: AlertKind,
    /// Quantity name (subject).
    pub quantity: String,
    /// Quantity key.
    pub key: String,
    /// Unit.
    pub unit: String,
    /// Previous value.
    pub old: Option<f64>,
    /// New value.
    pub new: Option<f64>,
    /// new − old.
    pub delta: Option<f64>,
    /// Change in percent of old.
    pub delta_pct: Option<f64>,
    /// The baseline's value.
    pub baseline: Option<f64>,
    /// Period of the new value.
    pub as_of: Option<NaiveDate>,
    /// Source id.
    pub source: String,
    /// Document URL.
    pub url: String,
    /// Document title.
    pub title: String,
    /// Quoted sentence of the new value (or the dropped one).
    pub sentence: String,
    /// Qualifier of the new value.
    #[serde(default)]
    pub qualifier: Qualifier,
    /// Where the old value came from.
    #[serde(default)]
    pub old_url: Option<String>,
    /// The old value's sentence.
    #[serde(default)]
    pub old_sentence: Option<String>,
    /// The old value's period.
    #[serde(default)]
    pub old_as_of: Option<NaiveDate>,
}

/// The document being evaluated.
#[derive(Debug, Clone)]
pub struct DocContext<'a> {
    /// Source id.
    pub source: &'a str,
    /// Document URL.
    pub url: &'a str,
    /// Title.
    pub title: &'a str,
    /// Now.
    pub now: DateTime<Utc>,
    /// A baseline seeds timelines and raises no alert.
    pub is_baseline: bool,
}

/// The result of evaluating one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// Timeline heads that changed, to write back.
    pub timelines: Vec<Timeline>,
    /// Points to append to the history log: (key, sequence, point).
    pub appended: Vec<(String, u64, TimelinePoint)>,
    /// Alerts raised, ids unassigned (0).
    pub alerts: Vec<Alert>,
}

/// One claim per key: the newest as-of wins, then the first stated.
pub fn representative_claims(claims: &[Claim]) -> BTreeMap<&str, &Claim> {
    let mut by_key: BTreeMap<&str, &Claim> = BTreeMap::new();
    for c in claims {
        by_key
            .entry(c.key.as_str())
            .and_modify(|cur| {
                if c.as_of > cur.as_of {
                    *cur = c;
                }
            })
            .or_insert(c);
    }
    by_key
}

fn alert(
    ctx: &DocContext<'_>,
    kind: AlertKind,
    t: &Timeline,
    c: &Claim,
    old: Option<&TimelinePoint>,
) -> Alert {
    let old_v = old.map(|p| p.value);
    let delta = old_v.map(|o| c.value - o);
    let delta_pct = old_v
        .filter(|o| *o != 0.0)
        .map(|o| ((c.value - o) / o.abs() * 10_000.0).round() / 100.0);
    Alert {
        id: 0,
        ts: ctx.now,
        kind,
        quantity: t.subject.clone(),
        key: t.key.clone(),
        unit: t.unit.clone(),
        old: old_v,
        new: Some(c.value),
        delta: if matches!(kind, AlertKind::New) {
            None
        } else {
            delta
        },
        delta_pct: if matches!(kind, AlertKind::New) {
            None
        } else {
            delta_pct
        },
        baseline: t.baseline,
        as_of: c.as_of,
        source: ctx.source.to_owned(),
        url: ctx.url.to_owned(),
        title: ctx.title.to_owned(),
        sentence: c.sentence.clone(),
        qualifier: c.qualifier,
        old_url: old.map(|p| p.url.clone()),
        old_sentence: old.map(|p| p.sentence.clone()),
        old_as_of: old.and_then(|p| p.as_of),
    }
}

/// Whether `prev` (the page's previous claims) dated `c`'s value under
/// `key` long before the timeline's current point `latest`.
fn restates_history(prev: &[Claim], key: &str, c: &Claim, latest: &TimelinePoint) -> bool {
    prev.iter().any(|o| {
        o.key == key
            && values_consistent(o.value, o.qualifier, c.value, c.qualifier)
            && super::claims::long_before(o.as_of, latest.as_of)
    })
}

/// Applies a document's claims to the timelines it touches.
///
/// `prev` is the same URL's previous claims (for `dropped`); `timelines` holds
/// the current timeline of every key in `claims` that has one.
pub fn evaluate(
    ctx: &DocContext<'_>,
    claims: &[Claim],
    prev: Option<&[Claim]>,
    timelines: &HashMap<String, Timeline>,
) -> Evaluation {
    let mut out = Evaluation::default();
    let current = representative_claims(claims);
    for (key, c) in &current {
        let point = TimelinePoint {
            value: c.value,
            qualifier: c.qualifier,
            kind: c.kind,
            as_of: c.as_of,
            seen: ctx.now,
            source: ctx.source.to_owned(),
            url: ctx.url.to_owned(),
            title: ctx.title.to_owned(),
            sentence: c.sentence.clone(),
            historical: false,
        };
        let Some(t) = timelines.get(*key) else {
            let mut t =
                Timeline::start(key, &c.subject, &c.unit, ctx.is_baseline.then_some(c.value));
            let seq = t.push(&point);
            out.appended.push(((*key).to_owned(), seq, point));
            if !ctx.is_baseline {
                out.alerts.push(alert(ctx, AlertKind::New, &t, c, None));
            }
            out.timelines.push(t);
            continue;
        };
        let mut t = t.clone();
        if ctx.is_baseline && t.baseline.is_none() {
            t.baseline = Some(c.value);
        }
        let Some(latest) = t.latest().cloned() else {
            let seq = t.push(&point);
            out.appended.push(((*key).to_owned(), seq, point));
            out.timelines.push(t);
            continue;
        };
        let older = matches!((c.as_of, latest.as_of), (Some(a), Some(b)) if a < b);
        if older {
            if t.recent.iter().any(|m| m.is(ctx.url, c.value, c.as_of)) {
                continue;
            }
            out.alerts
                .push(alert(ctx, AlertKind::Historical, &t, c, Some(&latest)));
            let point = TimelinePoint {
                historical: true,
                ..point
            };
            let seq = t.push(&point);
            out.appended.push(((*key).to_owned(), seq, point));
        } else if values_consistent(latest.value, latest.qualifier, c.value, c.qualifier) {
            if latest.url == ctx.url {
                continue;
            }
            out.alerts
                .push(alert(ctx, AlertKind::Restated, &t, c, Some(&latest)));
            let seq = t.push(&point);
            out.appended.push(((*key).to_owned(), seq, point));
        } else if prev.is_some_and(|p| restates_history(p, key, c, &latest)) {
            // The page's previous version dated this value long before the
            // current point ("the 860,000 tickets sold by her previous
            // film", dated 2019 there): a historical figure restated
            // undated, as `claimwatch diff` reads it. Not recorded, so the
            // quantity keeps its current value.
            continue;
        } else if !may_change(
            key,
            (latest.value, latest.kind, &latest.sentence),
            (c.value, c.kind, &c.sentence),
        ) {
            // Not the timeline's quantity, as `claimwatch diff` would say: a
            // value more than ten times apart, a plan against a reported
            // figure, or a figure without a subject. Neither alerted nor
            // recorded, so the timeline's changes still chain.
            continue;
        } else {
            let kind = if latest.as_of == c.as_of && latest.source != ctx.source && !ctx.is_baseline
            {
                AlertKind::Conflict
            } else {
                AlertKind::Changed
            };
            if !ctx.is_baseline {
                out.alerts.push(alert(ctx, kind, &t, c, Some(&latest)));
            }
            let seq = t.push(&point);
            out.appended.push(((*key).to_owned(), seq, point));
        }
        out.timelines.push(t);
    }
    if let Some(prev) = prev {
        for (key, c) in representative_claims(prev) {
            if current.contains_key(key) {
                continue;
            }
            let t = timelines
                .get(key)
                .cloned()
                .unwrap_or_else(|| Timeline::start(key, &c.subject, &c.unit, None));
            let mut a = alert(ctx, AlertKind::Dropped, &t, c, None);
            a.old = Some(c.value);
            a.new = None;
            a.old_url = Some(ctx.url.to_owned());
            a.old_sentence = Some(c.sentence.clone());
            a.old_as_of = c.as_of;
            out.alerts.push(a);
        }
    }
    if ctx.is_baseline {
        out.alerts.clear();
    }
    out
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
