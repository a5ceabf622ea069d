//! Qualifier and kind: reads how a stated value relates to the true value
//! ("over", "about", "nearly"...) and whether the claim is a state, a plan or
//! a stated difference, from the words around the mention.

use super::np::W;
use super::number::Mention;
use super::token::Tok;
use super::{ClaimKind, Qualifier};

mod fact;
mod scope;
mod total;
pub(crate) use scope::cue_scope;
pub(crate) use total::{TOTAL_VERBS, increment_before_total};

fn lower_is(toks: &[Tok], i: Option<usize>, words: &[&str]) -> bool {
    i.and_then(|i| toks.get(i))
        .is_some_and(|t| t.is_word() && words.iter().any(|w| t.is(w)))
}

fn back(i: usize, n: usize) -> Option<usize> {
    i.checked_sub(n)
}

/// The qualifier of a mention, from the words right before and after it.
pub(crate) fn qualifier(toks: &[Tok], m: &Mention) -> Qualifier {
    let f = m.first;
    let p1 = back(f, 1);
    let p2 = back(f, 2);
    let p3 = back(f, 3);
    // Three-word phrases.
    if lower_is(toks, p3, &["in"]) && lower_is(toks, p2, &["excess"]) && lower_is(toks, p1, &["of"])
    {
        return Qualifier::Over;
    }
    if lower_is(toks, p3, &["as"])
        && lower_is(toks, p2, &["many", "much"])
        && lower_is(toks, p1, &["as"])
    {
        return Qualifier::Exact;
    }
    if lower_is(toks, p3, &["no", "not"])
        && lower_is(toks, p2, &["less", "fewer"])
        && lower_is(toks, p1, &["than"])
    {
        return Qualifier::AtLeast;
    }
    if lower_is(toks, p3, &["no", "not"])
        && lower_is(toks, p2, &["more"])
        && lower_is(toks, p1, &["than"])
    {
        return Qualifier::UpTo;
    }
    if lower_is(toks, p3, &["a"]) && lower_is(toks, p1, &["of"]) {
        if lower_is(toks, p2, &["maximum"]) {
            return Qualifier::UpTo;
        }
        if lower_is(toks, p2, &["minimum"]) {
            return Qualifier::AtLeast;
        }
    }
    // Two-word phrases.
    if lower_is(toks, p1, &["than"]) {
        if lower_is(toks, p2, &["more", "greater", "higher"]) {
            return Qualifier::Over;
        }
        if lower_is(toks, p2, &["less", "fewer", "lower"]) {
            return Qualifier::Under;
        }
    }
    let moved = [
        "went",
        "go",
        "goes",
        "going",
        "gone",
        "edged",
        "inched",
        "shot",
        "moved",
        "climbed",
        "crept",
        "ticked",
        "jumped",
        "rose",
        "soared",
        "revised",
        "picked",
        // "with the water back up to 2.15 metres": a level regained.
        "back",
        "risen",
        "rising",
        "climbing",
        "bounced",
        "rebounded",
        "recovered",
    ];
    if lower_is(toks, p2, &["up"])
        && lower_is(toks, p1, &["to"])
        && !lower_is(toks, p3, &moved)
        && !p2.is_some_and(|u| phrasal_up(toks, u))
    {
        return Qualifier::UpTo;
    }
    if lower_is(toks, p2, &["at"]) && lower_is(toks, p1, &["least"]) {
        return Qualifier::AtLeast;
    }
    if lower_is(toks, p2, &["close"]) && lower_is(toks, p1, &["to"]) {
        return Qualifier::Nearly;
    }
    if lower_is(toks, p2, &["upwards", "north"]) && lower_is(toks, p1, &["of"]) {
        return Qualifier::Over;
    }
    // "crossed the 161 million mark"
    if lower_is(toks, p1, &["the"])
        && lower_is(
            toks,
            p2,
            &[
                "crossed",
                "crossing",
                "surpassed",
                "passed",
                "exceeded",
                "topped",
            ],
        )
    {
        return Qualifier::Over;
    }
    if let Some(q) = p1.and_then(|i| toks.get(i)).and_then(|t| one_word(t.text)) {
        return q;
    }
    if p1
        .and_then(|i| toks.get(i))
        .is_some_and(|t| t.is_punct('~'))
    {
        return Qualifier::Around;
    }
    // After: "36 or so projects", "40-odd", "50 or more".
    let e = m.end;
    let after_noun =
        if toks.get(e).is_some_and(Tok::is_word) && !lower_is(toks, Some(e), &["or", "odd"]) {
            e + 1
        } else {
            e
        };
    for a in [e, after_noun] {
        if lower_is(toks, Some(a), &["or"]) && lower_is(toks, Some(a + 1), &["so"]) {
            return Qualifier::Around;
        }
        if lower_is(toks, Some(a), &["or"]) && lower_is(toks, Some(a + 1), &["more"]) {
            return Qualifier::AtLeast;
        }
    }
    if toks.get(e).is_some_and(|t| t.is_punct('-')) && lower_is(toks, Some(e + 1), &["odd"])
        || lower_is(toks, Some(e), &["odd"])
    {
        return Qualifier::Around;
    }
    // "an estimated price tag of US$28.4 billion"
    let from = f.saturating_sub(5);
    for k in (from..f).rev() {
        let t = &toks[k];
        if t.is_num() || t.is_punct(',') || t.is_punct(';') {
            break;
        }
        if t.is("estimated") || t.is("approximately") {
            return Qualifier::Around;
        }
    }
    Qualifier::Exact
}

/// "pushed the level of the reservoir up to 1,441.3ft", "brought the total
/// up to 43": the "up" at `up` belongs to a verb before its object ("push
/// up", "bring up"), so "to" introduces the new level, not a maximum.
fn phrasal_up(toks: &[Tok], up: usize) -> bool {
    const VERBS: &[&str] = &[
        "pushed", "pushing", "push", "pushes", "brought", "bringing", "bring", "brings", "driven",
        "drove", "driving", "drive", "drives", "lifted", "lifting", "lift", "lifts", "took",
        "taking", "take", "takes", "taken", "ramped", "ramping", "sent", "sending",
    ];
    (up.saturating_sub(10)..up)
        .rev()
        .take_while(|&k| !toks[k].is_num() && !toks[k].is_punct(',') && !toks[k].is_punct(';'))
        .any(|k| toks[k].is_word() && VERBS.iter().any(|v| toks[k].is(v)))
        && up >= 1
        && toks[up - 1].is_word()
        && !VERBS.iter().any(|v| toks[up - 1].is(v))
}

fn one_word(w: &str) -> Option<Qualifier> {
    Some(match super::lexicon::ascii_lower(w, &mut [0u8; 32]) {
        "over" | "above" | "exceeding" | "exceed" | "exceeds" | "exceeded" | "crossed"
        | "crossing" | "surpassed" | "beyond" | "topped" => Qualifier::Over,
        "under" | "below" => Qualifier::Under,
        "around" | "about" | "approximately" | "approx" | "roughly" | "some" | "estimated"
        | "circa" | "approx." => Qualifier::Around,
        "nearly" | "almost" | "nearing" => Qualifier::Nearly,
        "only" | "just" | "exactly" => Qualifier::Exact,
        _ => return None,
    })
}

const QUALIFIER_WORDS: &[&str] = &[
    "over",
    "above",
    "under",
    "below",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "more",
    "less",
    "fewer",
    "than",
    "at",
    "least",
    "only",
    "just",
    "exceeding",
    "the",
];

pub(crate) fn is_change_verb(w: &str) -> bool {
    matches!(
        super::lexicon::ascii_lower(w, &mut [0u8; 32]),
        "rose"
            | "rise"
            | "rises"
            | "risen"
            | "increased"
            | "increase"
            | "increases"
            | "grew"
            | "grow"
            | "grows"
            | "grown"
            | "climbed"
            | "climb"
            | "climbs"
            | "jumped"
            | "jump"
            | "jumps"
            | "surged"
            | "surge"
            | "soared"
            | "gained"
            | "gain"
            | "fell"
            | "fall"
            | "falls"
            | "fallen"
            | "declined"
            | "decline"
            | "declines"
            | "dropped"
            | "drop"
            | "drops"
            | "decreased"
            | "decrease"
            | "dipped"
            | "shrank"
            | "shrunk"
            | "slipped"
            | "eased"
            | "lost"
            | "shed"
            | "plunged"
            | "slumped"
            | "expanded"
            | "contracted"
            | "went"
            | "up"
            | "down"
            | "edged"
    )
}

fn is_change_noun(w: &str) -> bool {
    matches!(
        super::lexicon::ascii_lower(w, &mut [0u8; 32]),
        "increase"
            | "decrease"
            | "rise"
            | "growth"
            | "decline"
            | "drop"
            | "jump"
            | "fall"
            | "reduction"
            | "surge"
            | "gain"
            | "loss"
            | "hike"
            | "cut"
            | "dip"
            | "addition"
    )
}

/// Verbs that take "up" or "down" as a particle, not as a change: "picked
/// up three comets", "set up 40 clinics", "shut down 12 plants".
fn takes_particle(w: &str) -> bool {
    matches!(
        super::lexicon::ascii_lower(w, &mut [0u8; 32]),
        "pick"
            | "picks"
            | "picked"
            | "picking"
            | "set"
            | "sets"
            | "setting"
            | "sign"
            | "signs"
            | "signed"
            | "signing"
            | "snapped"
            | "scooped"
            | "rounded"
            | "racked"
            | "took"
            | "taken"
            | "put"
            | "gave"
            | "given"
            | "tied"
            | "locked"
            | "freed"
            | "used"
            | "ended"
            | "shut"
            | "wrote"
            | "written"
            | "turned"
            | "brought"
            | "drew"
            | "drawn"
            | "laid"
            | "cut"
    )
}

/// "costs 40 dinars instead of 30", "13,000 rather than the 15,000 it
/// hoped for": the figure starting at `k` is what the one before it
/// replaced.
fn replaced(toks: &[Tok], k: usize) -> bool {
    let k = if k > 0 && toks[k - 1].is("the") {
        k - 1
    } else {
        k
    };
    let at = |n: usize, w: &str| k >= n && toks[k - n].is(w);
    (at(1, "of") && at(2, "instead")) || (at(1, "than") && at(2, "rather"))
}

/// How a mention relates to a change: `(is_change, is_prior)`. A prior value
/// is the earlier level in "from X to Y", "down 5 from X", "compared with X".
pub(crate) fn change_role(toks: &[Tok], m: &Mention) -> (bool, bool) {
    // Skip qualifier words before the mention.
    let mut k = m.first;
    // "climbed above 455", "fell below 400", "rose past 1 million": a level
    // crossed, not the size of a change.
    let mut threshold = false;
    while k > 0
        && toks[k - 1].is_word()
        && QUALIFIER_WORDS.iter().any(|w| toks[k - 1].is(w))
        && !toks[k - 1].is("to")
    {
        threshold |= ["above", "below", "past", "beyond"]
            .iter()
            .any(|w| toks[k - 1].is(w));
        k -= 1;
    }
    if threshold {
        return (false, false);
    }
    // "from October's 182,460", "from last year's 24,750": a possessive
    // time word (one token) between "from" and the figure.
    if k >= 2
        && toks[k - 1].is_word()
        && let Some(stem) = toks[k - 1]
            .text
            .strip_suffix("'s")
            .or_else(|| toks[k - 1].text.strip_suffix("’s"))
        && (super::lexicon::month(stem).is_some()
            || ["year", "month", "quarter", "week"]
                .iter()
                .any(|w| stem.eq_ignore_ascii_case(w)))
    {
        k -= 1;
        if ["last", "previous", "the"]
            .iter()
            .any(|w| toks[k - 1].is(w))
        {
            k -= 1;
        }
    }
    let p1 = back(k, 1).and_then(|i| toks.get(i));
    let p2 = back(k, 2).and_then(|i| toks.get(i));
    // "lent 388 million pesos from the 420 million peso credit line": a
    // figure after "the" that modifies a noun is that thing's size, not
    // an earlier level ("from the 420 million of last year" is one).
    let modifies_noun = k < m.first
        && toks[k].is("the")
        && toks.get(m.end).is_some_and(|n| {
            n.is_word()
                && n.text.starts_with(|c: char| c.is_lowercase())
                && !n.text.ends_with("ed")
                && !super::np::is_participle(n.text)
                && !super::lexicon::is_function_word(n.text)
                && !super::lexicon::is_time_unit(n.text)
                && !n.is_any(&[
                    "earlier",
                    "ago",
                    "before",
                    "previously",
                    "last",
                    "set",
                    "made",
                ])
        });
    let prior = !modifies_noun
        && (super::prior::named_earlier_level(toks, k)
            || p1.is_some_and(|t| t.is("from") || t.is("against") || t.is("versus") || t.is("vs"))
            || (p1.is_some_and(|t| t.is("with") || t.is("to"))
                && p2.is_some_and(|t| t.is("compared") || t.is("comparison")))
            // "costs 40 dinars instead of 30", "13,000 rather than the 15,000
            // it hoped for": what the figure replaced.
            || replaced(toks, m.first)
            || super::prior::compared_than(toks, m.first));
    if prior {
        return (false, true);
    }
    // "lost £14.3m before tax", "a loss of $2 million": money lost is a
    // loss, not the size of a fall.
    let money_lost = super::lexicon::is_money_unit(m.unit)
        && (p1.is_some_and(|a| a.is("lost") || a.is("lose") || a.is("loses"))
            || (p1.is_some_and(|a| a.is("of")) && p2.is_some_and(|b| b.is("loss"))));
    if money_lost {
        return (false, false);
    }
    let change = match (p1, p2) {
        (Some(a), Some(b)) if a.is("by") && is_change_verb(b.text) => true,
        (Some(a), Some(b)) if a.is("of") && is_change_noun(b.text) => true,
        // "make up 44 percent" is a share, not a rise.
        (Some(a), Some(b))
            if a.is("up") && ["make", "makes", "made", "making"].iter().any(|w| b.is(w)) =>
        {
            false
        }
        // Not a phrasal verb: "picked up three comets", "set up 40 clinics".
        (Some(a), p2) if a.is_word() && (a.is("up") || a.is("down")) => {
            !p2.is_some_and(|b| b.is_word() && takes_particle(b.text))
        }
        (Some(a), _) if a.is_word() && is_change_verb(a.text) && !a.is("went") => true,
        _ => false,
    };
    // "9.4% more than in the same period": a share of the earlier level.
    let than = |k: usize| toks.get(k).is_some_and(|t| t.is("than"));
    let compared_share = m.unit == "percent"
        && toks.get(m.end).is_some_and(|t| {
            ["more", "less", "fewer", "higher", "lower"]
                .iter()
                .any(|w| t.is(w))
        })
        && than(m.end + 1);
    let after = compared_share
        || toks.get(m.end).filter(|t| t.is_word()).is_some_and(|t| {
            is_change_noun(t.text)
                || t.is("higher")
                || t.is("lower")
                || t.is("up") && !toks.get(m.end + 1).is_some_and(|n| n.is("to"))
        });
    (change || after, false)
}

/// Words in a clause that make its figures a plan, goal or forecast: the
/// future tense and the words of intention.
pub(crate) fn is_target_word(w: &str) -> bool {
    let mut buf = [0u8; 32];
    let lower = super::lexicon::ascii_lower(w, &mut buf);
    matches!(lower, "will" | "would" | "could" | "shall" | "likely") || intention(lower)
}

/// Words of intention and forecast, without the future tense ("plans",
/// "expects", "target", but not "will").
pub(crate) fn is_intention_word(w: &str) -> bool {
    intention(super::lexicon::ascii_lower(w, &mut [0u8; 32]))
}

/// [`is_intention_word`] for a word already in lower case.
fn intention(lower: &str) -> bool {
    matches!(
        lower,
        "expected"
            | "expects"
            | "expect"
            | "projected"
            | "projection"
            | "projections"
            | "forecast"
            | "forecasts"
            | "target"
            | "targets"
            | "targeted"
            | "planned"
            | "plans"
            | "plan"
            | "aims"
            | "aim"
            | "aimed"
            | "aiming"
            | "expecting"
            | "planning"
            | "targeting"
            | "hopes"
            | "hoping"
            | "hoped"
            | "hope"
            | "intends"
            | "intend"
            | "intended"
            | "wants"
            | "want"
            | "wanted"
            | "goal"
            | "goals"
            | "envisaged"
            | "envisages"
            | "proposed"
    )
}

/// A clause that follows a colon, after a clause that names a forecast or
/// a plan ("reiterated its forecast for the year to March: revenue of ¥128
/// billion and operating profit of ¥24 billion"): the figures are that
/// forecast's, though their own clause has no word of intention, and so is
/// the period it names. Returns the start of the announcing clause.
pub(crate) fn announced_by_colon(
    ws: &[W],
    clauses: &[(usize, usize)],
    clause: (usize, usize),
) -> Option<usize> {
    let colon = clause.0.checked_sub(1)?;
    if !(ws[colon].punct && ws[colon].text == ":") {
        return None;
    }
    clauses
        .iter()
        .find(|&&(_, end)| end == clause.0)
        .filter(|&&(start, end)| {
            ws[start..end]
                .iter()
                .any(|w| !w.punct && is_intention_word(w.text))
        })
        .map(|&(start, _)| start)
}

/// Kind of a claim from its change role and its clause.
pub(crate) fn kind(change: bool, clause: &[Tok], future_date: bool) -> ClaimKind {
    if change {
        ClaimKind::Change
    } else if future_date
        || clause
            .iter()
            .enumerate()
            .any(|(i, t)| t.is_word() && is_target_word(t.text) && !fact::still_a_fact(clause, i))
    {
        ClaimKind::Target
    } else {
        ClaimKind::Actual
    }
}
