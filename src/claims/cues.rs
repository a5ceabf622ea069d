//! Cues: the words around a figure that say what it measures beyond the
//! plain noun phrase — a phrase right after a value ("412 km of rural
//! roads") or before "of" ("a penetration rate of 58.39 per cent"), a
//! share named by its part ("girls make up 44 percent", in [`share`]),
//! money a verb moves "in" something ("to collect Rs 95 billion in
//! property tax"), and amounts named by the verb that moves, loses or
//! spends them ("was paid", "lost £14.3m", "has cost").

use super::lexicon::is_value_head;
use super::np::{Follow, W, following, np_ending_at};
use super::resolve::Figure;
use super::subject::{Normalizer, Subject};

mod share;
pub(crate) use share::{holding_verb, makes_up};

/// "412 km of rural roads", "a Rs 1,350 billion budget": the noun phrase
/// after a value or measure (through "of", or after a figure used as a
/// modifier) names what it measures.
pub(crate) fn measured_after(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    let (cs, ce) = f.clause;
    let start = if ws.get(f.w_end).is_some_and(|w| w.is("of")) {
        f.w_end + 1
    } else {
        // Without "of", only a figure used as a modifier ("a Rs 1,350
        // billion budget") names the noun after it: "$28 billion remain".
        let determiner = f.w_first > cs
            && ["a", "an", "the", "its", "their", "his", "her"]
                .iter()
                .any(|d| ws[f.w_first - 1].is(d));
        // "the season's four-million-tonne goal": a possessive, or a figure
        // hyphenated to its unit, is a modifier too.
        let possessive = f.w_first > cs && super::token::is_possessive(ws[f.w_first - 1].text);
        let hyphenated = f.w_end > f.w_first && ws[f.w_end - 1].text.contains('-');
        if !(determiner || possessive || hyphenated) {
            return None;
        }
        f.w_end
    };
    let first = ws.get(start).filter(|_| start < ce)?;
    if first.punct || !first.is_content() {
        return None;
    }
    let Follow::Np(np) = following(ws, start, ce) else {
        return None;
    };
    // A name opens the phrase only before a common noun it qualifies
    // ("its 6,250-tonne Hilton quota"); alone it is no measured thing.
    let lower = |i: &usize| !ws[*i].text.starts_with(char::is_uppercase);
    if !lower(&start) && (np.len() < 2 || !np.last().is_some_and(lower)) {
        return None;
    }
    let timely = |w: &W| {
        super::lexicon::is_time_unit(w.text)
            || ["last", "next", "this", "so", "far", "each", "per"]
                .iter()
                .any(|t| w.is(t))
    };
    if np.iter().any(|&i| timely(&ws[i])) {
        return None;
    }
    let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
    let s = norm.subject(&words);
    // "$5 billion of investment": a value head names what an amount of
    // money measures only with a modifier of its own ("$2 billion of new
    // investment"); a physical unit's is the value ("1,034 megawatts of
    // capacity").
    let money = super::lexicon::is_money_unit(f.unit);
    (!s.head.is_empty() && (!is_value_head(&s.head) || !s.mods.is_empty() || !money)).then_some(s)
}

/// "imposed a 40% duty on onion exports", "bought a 20% stake in the
/// mine": a percentage right before a noun of charge or holding is that
/// rate, of what its "on" or "in" phrase names.
pub(crate) fn rate_named(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    const RATES: &[&str] = &[
        "duty",
        "tariff",
        "tax",
        "levy",
        "stake",
        "discount",
        "commission",
        "surcharge",
        "subsidy",
        "royalty",
        "rebate",
    ];
    let (_, ce) = f.clause;
    let noun = ws
        .get(f.w_end)
        .filter(|_| f.w_end < ce && f.unit == "percent" && !f.change)?;
    if !RATES.iter().any(|r| noun.is(r)) {
        return None;
    }
    let mut s = norm.subject(&[noun]);
    let of = ws.get(f.w_end + 1).filter(|w| w.is("on") || w.is("in"));
    if of.is_some()
        && let Follow::Np(np) = following(ws, f.w_end + 2, ce)
    {
        let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
        s.merge_mods(&norm.subject(&words).mods_with_head());
    }
    (!s.head.is_empty()).then_some(s)
}

/// Steps left from `k` over the approximation words before a figure
/// ("about", "nearly", "some", ...) and `extra`, not past `floor`; returns
/// the index just after the first other word.
pub(crate) fn skip_qualifiers(ws: &[W], mut k: usize, floor: usize, extra: &[&str]) -> usize {
    const BEFORE: [&str; 8] = [
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "over",
        "roughly",
        "approximately",
    ];
    while k > floor && BEFORE.iter().chain(extra).any(|q| ws[k - 1].is(q)) {
        k -= 1;
    }
    k
}

/// "expects to collect Rs 95 billion in property tax", "received $2.4
/// billion in remittances": money that is the object of a verb, followed by
/// "in" and a bare lower-case noun phrase, is an amount of that noun.
/// Not "in the energy sector", "in January", "in fiscal 2024" or "in total".
pub(crate) fn money_in(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    let (cs, ce) = f.clause;
    if !super::lexicon::is_money_unit(f.unit) || f.w_first < cs + 2 {
        return None;
    }
    let v = skip_qualifiers(ws, f.w_first, cs + 1, &[]) - 1;
    let verb = &ws[v];
    let infinitive = v > cs
        && ws[v - 1].is("to")
        && verb.text.bytes().all(|b| b.is_ascii_lowercase())
        && !super::lexicon::is_function_word(verb.text);
    // "aiming for $600 million in exports": a verb with its "for".
    let verb_for = verb.is("for") && v > cs && {
        let p = &ws[v - 1];
        p.verb || super::lexicon::is_verb(p.text) || p.text.ends_with("ing")
    };
    // "approved 3 million pa'anga ($1.3 million) in emergency funding": past
    // a conversion in brackets.
    let mut end = f.w_end;
    if ws.get(end).is_some_and(|w| w.punct && w.text == "(")
        && let Some(close) =
            (end + 1..(end + 8).min(ce)).find(|&k| ws[k].punct && ws[k].text == ")")
    {
        end = close + 1;
    }
    if !(verb.verb || infinitive || verb_for) || !ws.get(end).is_some_and(|w| w.is("in")) {
        return None;
    }
    let first = ws.get(end + 1).filter(|_| end + 1 < ce)?;
    if !first.is_content() || !first.text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let Follow::Np(np) = following(ws, end + 1, ce) else {
        return None;
    };
    let after = np.last().and_then(|&i| ws.get(i + 1));
    let timely = np.iter().any(|&i| super::lexicon::is_time_unit(ws[i].text))
        || after.is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()));
    if timely {
        return None;
    }
    let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
    let s = norm.subject(&words);
    let vague = s.head.is_empty()
        || is_value_head(&s.head)
        || super::lexicon::is_generic_head(&s.head)
        || ["term", "all", "cash", "kind"].contains(&s.head.as_str());
    (!vague).then_some(s)
}

/// Verbs that move an amount, and the noun that names the amount moved.
const MOVED: [(&str, &str); 14] = [
    ("paid", "payment"),
    ("spent", "spending"),
    ("invested", "investment"),
    ("disbursed", "disbursement"),
    ("allocated", "allocation"),
    ("collected", "collection"),
    ("borrowed", "debt"),
    ("exported", "export"),
    ("imported", "import"),
    ("produced", "production"),
    ("shipped", "shipment"),
    ("harvested", "harvest"),
    ("sold", "sale"),
    ("processed", "processing"),
];

fn moved_noun(w: &W) -> Option<&'static str> {
    MOVED.iter().find(|(v, _)| w.is(v)).map(|(_, n)| *n)
}

/// A form of "be" that makes a passive ("were killed", "has been paid").
pub(crate) fn is_be_form(w: &W) -> bool {
    ["was", "were", "is", "are", "been", "be"]
        .iter()
        .any(|a| w.is(a))
}

/// "₹5,980 crore was paid to farmers", "412,000 tonnes had been exported":
/// an amount with no noun of its own, named by the passive verb that moves
/// it.
pub(crate) fn passive_noun(ws: &[W], f: &Figure) -> Option<Subject> {
    let (_, ce) = f.clause;
    let mut k = f.w_end;
    let aux = |w: &W| is_be_form(w) || ["has", "have", "had"].iter().any(|a| w.is(a));
    while k < ce.min(f.w_end + 3) && aux(&ws[k]) {
        k += 1;
    }
    if k == f.w_end || k >= ce {
        return None;
    }
    Some(Subject {
        head: moved_noun(&ws[k])?.into(),
        ..Subject::default()
    })
}

/// "Kassaré alone has shipped 521,000 tonnes abroad": an amount a named
/// place or body moves is named by the verb ("shipped ... abroad" is an
/// export), not by the name.
pub(crate) fn named_mover(ws: &[W], f: &Figure) -> Option<Subject> {
    let (cs, ce) = f.clause;
    let v = skip_qualifiers(ws, f.w_first, cs + 1, &[]).checked_sub(1)?;
    let mut noun = moved_noun(&ws[v])?;
    let mut a = v;
    while a > cs
        && ["has", "have", "had", "alone", "also", "already"]
            .iter()
            .any(|x| ws[a - 1].is(x))
    {
        a -= 1;
    }
    let agent = a.checked_sub(1).filter(|&i| i >= cs).map(|i| &ws[i])?;
    if agent.punct || !agent.text.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    if noun == "shipment"
        && ws[f.w_end.min(ce)..ce]
            .iter()
            .take(2)
            .any(|w| w.is("abroad"))
    {
        noun = "export";
    }
    Some(Subject {
        head: noun.into(),
        ..Subject::default()
    })
}

/// "will spend 7.2 billion pesos", "has spent about 12 million euros",
/// "has paid out 618 million euros": money right after a verb that spends
/// or moves it is spending, a payment, an investment, debt ([`MOVED`]),
/// whoever moves it. (So [`named_mover`] names only other amounts, such as
/// tonnes shipped.)
pub(crate) fn money_moved(ws: &[W], f: &Figure) -> Option<Subject> {
    let (cs, _) = f.clause;
    let v = skip_qualifiers(ws, f.w_first, cs + 1, &[]).checked_sub(1)?;
    let noun = if ["spend", "spends"].iter().any(|w| ws[v].is(w)) {
        "spending"
    } else {
        let verb = if ws[v].is("out") && v > cs { v - 1 } else { v };
        moved_noun(&ws[verb]).filter(|_| super::lexicon::is_money_unit(f.unit))?
    };
    Some(Subject {
        head: noun.into(),
        ..Subject::default()
    })
}

/// "Harrowby Athletic lost £14.3m before tax": money lost is a loss, before
/// tax a pre-tax one.
pub(crate) fn money_lost(ws: &[W], f: &Figure) -> Option<Subject> {
    let (cs, ce) = f.clause;
    let v = skip_qualifiers(ws, f.w_first, cs + 1, &[]).checked_sub(1)?;
    if !(ws[v].is("lost") || ws[v].is("lose") || ws[v].is("loses")) {
        return None;
    }
    let mut s = Subject {
        head: "loss".into(),
        ..Subject::default()
    };
    let after = &ws[f.w_end.min(ce)..(f.w_end + 2).min(ce)];
    if after.len() == 2 && after[0].is("before") && (after[1].is("tax") || after[1].is("taxes")) {
        s.mods.push("before-tax".into());
    }
    Some(s)
}

/// "The programme has cost Rs 48.6 billion so far", "the program cost C$64
/// million in 2023": what a thing has cost is the money spent on it, as
/// "spending has climbed to" says it.
pub(crate) fn money_spent(ws: &[W], f: &Figure) -> Option<Subject> {
    // "Breakdowns have cost 46 hours of crushing time": time lost, not money.
    if super::duration::is_unit(f.unit) {
        return None;
    }
    let (cs, _) = f.clause;
    let (v, object) = verb_over_object(ws, f, |w| w.is("cost"))?;
    let perfect = v > cs && ["has", "have", "had"].iter().any(|a| ws[v - 1].is(a));
    // "The renewal program cost C$64 million in 2023": the past tense after
    // the subject noun, not "the cost of" or "will cost". With whom it
    // costs ("would cost the state 3.4 billion zlotys") it is a cost in any
    // tense.
    let past = v > cs
        && ws[v - 1].is_content()
        && !super::lexicon::is_function_word(ws[v - 1].text)
        && !["will", "would", "could", "may", "might", "to", "also"]
            .iter()
            .any(|a| ws[v - 1].is(a));
    (object || perfect || past).then(|| Subject {
        head: "spending".into(),
        ..Subject::default()
    })
}

/// The verb `is_verb` accepts right before the figure (approximations
/// skipped), or before whom it concerns: a determiner or object pronoun
/// and at most two more words ("has earned the country Sh14.2 billion",
/// "would cost the state 3.4 billion"). Returns the verb's index and
/// whether such an object came between.
fn verb_over_object(ws: &[W], f: &Figure, is_verb: impl Fn(&W) -> bool) -> Option<(usize, bool)> {
    let (cs, _) = f.clause;
    let v = skip_qualifiers(ws, f.w_first, cs + 1, &[]).checked_sub(1)?;
    if is_verb(&ws[v]) {
        return Some((v, false));
    }
    let opens = |w: &W| {
        [
            "the", "its", "their", "his", "her", "our", "them", "it", "him", "us",
        ]
        .iter()
        .any(|d| w.is(d))
    };
    let back = (0..3)
        .take_while(|&n| v >= cs + n && (ws[v - n].is_content() || opens(&ws[v - n])))
        .find(|&n| opens(&ws[v - n]) && v > cs + n && is_verb(&ws[v - n - 1]))?;
    Some((v - back - 1, true))
}

/// "The fruit has earned the country Sh14.2 billion", "earned them $5
/// million": money a thing earns is its earnings, whoever it earns them for;
/// money it saves ("will save the state about 13.5 billion pounds") is its
/// savings. Earned "from" exports or sales, it is those ("earned $30.25
/// billion from ready-made garment exports").
pub(crate) fn money_earned(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    const SAVE: [&str; 4] = ["save", "saves", "saved", "saving"];
    if !super::lexicon::is_money_unit(f.unit) {
        return None;
    }
    let (v, _) = verb_over_object(ws, f, |w| {
        ["earned", "earns", "earn", "earning"]
            .iter()
            .chain(&SAVE)
            .any(|e| w.is(e))
    })?;
    let head = if ws[v].is_any(&SAVE) {
        "saving"
    } else {
        "earning"
    };
    if head == "earning"
        && ws.get(f.w_end).is_some_and(|w| w.is("from"))
        && let Follow::Np(np) = following(ws, f.w_end + 1, f.clause.1)
    {
        let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
        let s = norm.subject(&words);
        if s.head_is(|h| h == "export" || h == "sale") {
            return Some(s);
        }
    }
    Some(Subject {
        head: head.into(),
        ..Subject::default()
    })
}

/// "valuing the company at about £410 million", "which values the group
/// at": what a share price puts on a whole company is its market value,
/// not a figure of the company's.
pub(crate) fn money_valued(ws: &[W], f: &Figure) -> Option<Subject> {
    let (cs, _) = f.clause;
    let at = skip_qualifiers(ws, f.w_first, cs + 1, &[]).checked_sub(1)?;
    let valuing = ws[at].is("at")
        && (at.saturating_sub(5).max(cs)..at).any(|k| ws[k].is_any(&["valuing", "values"]));
    valuing.then(|| Subject {
        head: "market value".into(),
        ..Subject::default()
    })
}

/// "The city has earmarked VND 2.3 trillion for the scheme", "set aside 120
/// million yen", "released DH 120 million for the campaign": money put by
/// for a purpose is a budget, not a figure of whoever put it by.
pub(crate) fn money_set_aside(ws: &[W], f: &Figure) -> Option<Subject> {
    let (cs, _) = f.clause;
    let v = skip_qualifiers(ws, f.w_first, cs + 1, &[]).checked_sub(1)?;
    // Money released for a purpose ("has released DH 120 million for the
    // campaign"); released in a named form ("in subsidy") is that form.
    // A bracketed conversion may come between ("DH 120 million (about $12
    // million) for").
    let after = match ws.get(f.w_end) {
        Some(w) if w.text == "(" => (f.w_end..ws.len().min(f.w_end + 10))
            .find(|&k| ws[k].text == ")")
            .map_or(f.w_end, |k| k + 1),
        _ => f.w_end,
    };
    let released = ["released", "releases"].iter().any(|e| ws[v].is(e))
        && ws.get(after).is_some_and(|w| w.is("for"));
    let earmarked = released
        || ["earmarked", "earmarks", "earmark", "budgeted"]
            .iter()
            .any(|e| ws[v].is(e));
    let set_aside =
        ws[v].is("aside") && v > cs && ["set", "sets", "setting"].iter().any(|e| ws[v - 1].is(e));
    (super::lexicon::is_money_unit(f.unit) && (earmarked || set_aside)).then(|| Subject {
        head: "budget".into(),
        ..Subject::default()
    })
}

/// "the naira's recovery to around N1,530 to the dollar", "1,498 per
/// dollar" (the mention holds its counter currency): money set against
/// another currency is an exchange rate, named by that currency.
pub(crate) fn exchange_rate(ws: &[W], f: &Figure) -> Option<Subject> {
    let (_, ce) = f.clause;
    let at = |k: usize, w: &str| k < ce && ws[k].is(w);
    let (counter, _) =
        (f.w_first + 1..=f.w_end).find_map(|k| super::measure::counter_currency(at, k))?;
    super::lexicon::is_money_unit(f.unit).then(|| Subject {
        head: "rate".into(),
        mods: vec![counter.into(), "exchange".into()],
        ..Subject::default()
    })
}

/// "68,400 people had visited by Dec. 10", "61,000 people treated for
/// breathing problems": people counted by what they did or had done to
/// them are visitors, voters, patients; the noun another report uses.
pub(crate) fn people_by_verb(ws: &[W], f: &Figure) -> Option<&'static str> {
    const AGENTS: [(&str, &str); 8] = [
        ("visited", "visitor"),
        ("attended", "attendee"),
        ("voted", "voter"),
        ("applied", "applicant"),
        ("treated", "patient"),
        ("hospitalised", "patient"),
        ("hospitalized", "patient"),
        ("admitted", "patient"),
    ];
    let (_, ce) = f.clause;
    let mut k = f.w_end;
    if k < ce && ws[k].is("people") {
        k += 1;
    }
    let aux = [
        "had", "have", "has", "were", "was", "been", "are", "is", "already",
    ];
    while k < ce && aux.iter().any(|a| ws[k].is(a)) {
        k += 1;
    }
    let verb = ws.get(k).filter(|_| k < ce)?;
    AGENTS.iter().find(|(v, _)| verb.is(v)).map(|(_, n)| *n)
}

/// "a penetration rate of 58.39 per cent": the noun phrase before "of".
pub(crate) fn attribute(ws: &[W], w_first: usize, cs: usize) -> Vec<usize> {
    let mut k = w_first;
    while k > cs
        && [
            "over",
            "about",
            "around",
            "nearly",
            "almost",
            "some",
            "only",
            "than",
            "more",
            "less",
            "up",
            "to",
            "roughly",
            "approximately",
        ]
        .iter()
        .any(|q| ws[k - 1].is(q))
    {
        if ws[k - 1].is("to") && !(k >= cs + 2 && ws[k - 2].is("up")) {
            break;
        }
        k -= 1;
    }
    if k > cs + 1 && ws[k - 1].is("of") {
        let np = np_ending_at(ws, k - 2, cs);
        if super::np::names_a_sign(ws, &np, cs) {
            return Vec::new();
        }
        if let Some(named) = np.first().and_then(|&a| super::np::examples_of(ws, a, cs)) {
            return named;
        }
        if !np.iter().any(|&i| ws[i].is("of")) {
            return np;
        }
    }
    Vec::new()
}

/// "a 24 per cent fall in quarterly operating profit on Thursday, to KRW
/// 388bn from 512 billion won": a figure with no noun of its own, in a
/// clause that names a change "in" something, is a level of that thing.
pub(crate) fn change_in(ws: &[W], f: &Figure, norm: &Normalizer) -> Option<Subject> {
    const CHANGES: [&str; 8] = [
        "fall", "rise", "increase", "decline", "drop", "jump", "gain", "decrease",
    ];
    let (cs, ce) = f.clause;
    let k = (cs..f.w_first.saturating_sub(1))
        .rev()
        .find(|&k| CHANGES.iter().any(|c| ws[k].is(c)) && ws[k + 1].is("in"))?;
    let Follow::Np(np) = following(ws, k + 2, ce.min(f.w_first)) else {
        return None;
    };
    let words: Vec<&W> = np.iter().map(|&i| &ws[i]).collect();
    Some(norm.subject(&words)).filter(|s| !s.head.is_empty())
}
