//! Exclusions: the reasons a number is not a claim (years, dates, times,
//! durations and ages, phone numbers, model codes glued to letters,
//! identifiers such as "rule 218" or "phase 2", page-furniture counts;
//! hours, ordinals and rough spans said in words are in [`clock`]).

use super::lexicon::{
    currency_prefix, is_furniture_noun, is_identifier_word, is_time_unit, month, scale, unit_word,
};
use super::measure::times_compares;
use super::number::{Core, is_word, word};
use super::token::{Tok, TokKind};

mod clock;
pub(crate) use clock::spoken;

/// True when the number token at `i` sits in a phone-number-like chain.
fn phone_chain(toks: &[Tok], i: usize) -> bool {
    let joiner = |t: &Tok| t.is_num() || ["-", "(", ")", "+", "."].contains(&t.text);
    let mut a = i;
    while a > 0 && joiner(&toks[a - 1]) {
        a -= 1;
    }
    let mut b = i;
    while b + 1 < toks.len() && joiner(&toks[b + 1]) {
        b += 1;
    }
    let nums = toks[a..=b].iter().filter(|t| t.is_num()).count();
    let plus = toks[a..=b].iter().any(|t| t.text == "+");
    // "call the board on 2231 4478": two plain groups of digits in a row,
    // of four or more ("312 000" groups thousands with a space).
    let group = |t: &Tok| t.text.len() >= 4 && t.text.bytes().all(|c| c.is_ascii_digit());
    let pair = a + 1 == b && group(&toks[a]) && group(&toks[b]);
    nums >= 3 || (plus && nums >= 2) || pair
}

/// Reasons a bare number (no currency, scale or unit) is not a claim.
pub(crate) fn bare_excluded(toks: &[Tok], i: usize, core: &Core) -> bool {
    let t = &toks[i];
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(core.next);
    // Years and year ranges.
    if core.digits
        && core.groups == 0
        && core.decimals == 0
        && t.text.len() == 4
        && (1800.0..=2100.0).contains(&core.value)
    {
        let plural_noun = next.is_some_and(|n| {
            n.is_word()
                && n.text.len() > 3
                && n.text.ends_with('s')
                && !["ss", "us", "is"].iter().any(|e| n.text.ends_with(e))
                && month(n.text).is_none()
        });
        let prep = prev.is_some_and(|p| {
            [
                "in", "by", "since", "until", "till", "from", "of", "year", "fy", "during",
                "before", "after", "through", "to", "and", "between", "early", "mid", "late",
                "end", "circa", "©", "the", "its", "their", "on", "with", "over", "than", "versus",
                "vs", "against", "for",
            ]
            .iter()
            .any(|w| p.is(w))
        });
        // A year in a name: "its 162 Natura 2000 sites", "Vision 2030
        // projects".
        let named = i >= 2
            && prev.is_some_and(|p| {
                p.is_word() && p.text.starts_with(char::is_uppercase) && month(p.text).is_none()
            });
        if !plural_noun || prep || named {
            return true;
        }
    }
    // Leading zero ("0800", "021").
    if core.digits && t.text.len() > 1 && t.text.starts_with('0') && core.decimals == 0 {
        return true;
    }
    // Dates: next to a month name.
    if core.value <= 31.0 && core.decimals == 0 {
        if prev.is_some_and(|p| p.is_word() && month(p.text).is_some())
            || next.is_some_and(|n| n.is_word() && month(n.text).is_some())
        {
            return true;
        }
        if is_word(toks, core.next, "of") && word(toks, core.next + 1).and_then(month).is_some() {
            return true;
        }
        // An abbreviated month with its stop: "by Nov. 4", "on Aug. 15".
        if prev.is_some_and(|p| p.is_punct('.'))
            && i >= 2
            && toks[i - 2].is_word()
            && toks[i - 2].text.len() <= 4
            && !toks[i - 2].is("may")
            && month(toks[i - 2].text).is_some()
        {
            return true;
        }
    }
    // Durations, ages, times, furniture counts.
    if let Some(n) = next {
        let n2 = if n.is_punct('-') {
            toks.get(core.next + 1)
        } else {
            Some(n)
        };
        // Page furniture stands on a short line of its own ("4 Comments",
        // "12 shares"); in a sentence, "54,000,000 shares" are a claim.
        let furniture_line = toks.len() <= 6;
        if n2.is_some_and(|w| {
            w.is_word()
                && (is_time_unit(w.text)
                    || (furniture_line && is_furniture_noun(w.text))
                    || w.is("old"))
        }) {
            return true;
        }
        // "within 60 working days": a kind of day, then the unit.
        if n.is_any(&["working", "business", "calendar", "trading", "school"])
            && toks
                .get(core.next + 1)
                .is_some_and(|w| w.is_word() && is_time_unit(w.text))
        {
            return true;
        }
        // "two or three days", "2-3 years": a range of time.
        if (n.is_punct('-') || n.is_punct('–') || n.is("to") || n.is("or"))
            && toks
                .get(core.next + 1)
                .is_some_and(|b| b.is_num() || super::lexicon::small_number(b.text).is_some())
            && toks
                .get(core.next + 2)
                .is_some_and(|w| w.is_word() && is_time_unit(w.text))
        {
            return true;
        }
        if (n.is_punct(':') || n.is_punct('/'))
            && !n.space
            && toks
                .get(core.next + 1)
                .is_some_and(|d| d.is_num() && !d.space)
        {
            return true;
        }
        if n.is_punct('°') {
            return true;
        }
        // "4 p.m.", "10 a.m.": a clock time.
        if (n.is("a") || n.is("p"))
            && toks
                .get(core.next + 1)
                .is_some_and(|d| d.is_punct('.') && !d.space)
            && toks
                .get(core.next + 2)
                .is_some_and(|m| m.is("m") && !m.space)
        {
            return true;
        }
    }
    if prev.is_some_and(|p| {
        (p.is_punct(':') || p.is_punct('/')) && !t.space && i >= 2 && toks[i - 2].is_num()
    }) {
        return true;
    }
    // Ages: "aged 18 and 19", "aged between 18 and 25", "ages 5 to 11".
    let mut k = i;
    while k > 0 && i - k < 4 {
        let p = &toks[k - 1];
        if p.is("aged") || p.is("ages") {
            return true;
        }
        // "between the ages of 18 and 24"
        if !(p.is_num()
            || p.is("and")
            || p.is("to")
            || p.is("between")
            || p.is("of")
            || p.is_punct('-'))
        {
            break;
        }
        k -= 1;
    }
    // "the two national schemes": things already named, counted again.
    if !core.digits && (core.value == 2.0 || core.value == 3.0) && prev.is_some_and(|p| p.is("the"))
    {
        return true;
    }
    // "must be", "should still be": a modal of rule, an adverb perhaps
    // between, before the "be" at `k`.
    let ruled = |k: usize| {
        let adverb = k >= 2 && toks[k - 1].is_any(&["still", "also", "now"]);
        let m = if adverb { k - 2 } else { k.wrapping_sub(1) };
        toks.get(m).is_some_and(|t| t.is_any(&["must", "should"]))
    };
    // An age limit: "children under 12 go in free", "people over 65",
    // "hunters, most of whom are over 60", "aged over 70".
    let of_people = |k: usize| {
        toks[k].is_any(&[
            "children", "kids", "adults", "people", "anyone", "those", "aged",
        ]) || (k >= 1 && toks[k].is_any(&["are", "were"]) && toks[k - 1].is_any(&["who", "whom"]))
            // "Applicants must (still) be under 35": a rule's age limit.
            || (toks[k].is("be") && ruled(k))
    };
    // "Four children have died, all of them under two and none of them
    // vaccinated", "Two people, both over 80, have died": people named
    // before, aged, when nothing is measured.
    let of_them = |k: usize| {
        toks[k].is_any(&["them", "both", "all", "each"])
            && toks
                .get(core.next)
                .is_none_or(|n| n.kind == TokKind::Punct || n.is_any(&["and", "or", "years"]))
    };
    if i >= 2
        && core.decimals == 0
        && core.value <= 120.0
        && toks[i - 1].is_any(&["under", "over"])
        && (of_people(i - 2) || of_them(i - 2))
    {
        return true;
    }
    // "residents aged 65 or older", "are now 65 or over": an age bound.
    if core.decimals == 0
        && core.value <= 120.0
        && is_word(toks, core.next, "or")
        && (is_word(toks, core.next + 1, "older") || is_word(toks, core.next + 1, "over"))
    {
        return true;
    }
    // "Times" after a bare number: a comparison ("more than three times
    // the 3,900 recorded"), or a few repeats ("four or five times"); a
    // stated multiple ("covered 46.2 times") has its own unit.
    let times_at = if is_word(toks, core.next, "or") {
        core.next + 2
    } else {
        core.next
    };
    if is_word(toks, times_at, "times")
        && (times_compares(toks, times_at) || (core.decimals == 0 && core.value <= 10.0))
    {
        return true;
    }
    // Ages in apposition: "The senator, 67, said", "the couple, both 29,
    // moved", and at the end of a sentence after a name: "said chief
    // executive Martin Oduya, 54."
    let apposed =
        |p: &Tok| p.is_punct(',') || (p.is("both") && i >= 2 && toks[i - 2].is_punct(','));
    if prev.is_some_and(apposed) && next.is_some_and(|n| n.is_punct(',')) {
        return true;
    }
    let ends = next.is_none_or(|n| n.is_punct('.')) && toks.len() <= core.next + 1;
    if ends
        && prev.is_some_and(|p| p.is_punct(','))
        && i >= 2
        && capitalised(&toks[i - 2])
        && core.decimals == 0
        && (1.0..=120.0).contains(&core.value)
    {
        return true;
    }
    // A number inside a name: "the Norae 5 crossover", "RTN Radio 1",
    // "its Rueda Pass 2.0 plan", "the Big Five circuit". The capitalised
    // word before it follows a determiner or another capitalised word, so
    // "In Lahore 12 people" still counts people.
    if in_name(toks, i, core) {
        return true;
    }
    // A street address ("at 27 Proes Street", "14 Wharf Road", "2350 Rue
    // Principale") or the name of a share index ("the S&P BSE 200 index").
    if core.digits
        && core.decimals == 0
        && (address_follows(toks, core.next) || is_word(toks, core.next, "index"))
    {
        return true;
    }
    // A spelled-out hour: "by eight in the morning".
    if !core.digits
        && core.value <= 12.0
        && is_word(toks, core.next, "in")
        && is_word(toks, core.next + 1, "the")
        && word(toks, core.next + 2).is_some_and(|w| {
            ["morning", "afternoon", "evening"]
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d))
        })
    {
        return true;
    }
    // Identifiers: "rule 218", "phase two", "No. 5".
    let before_ident = |k: usize| {
        toks.get(k)
            .is_some_and(|w| w.is_word() && is_identifier_word(w.text))
    };
    // Not a verb in the infinitive: "a pledge to house 2,000 by 2026", "to
    // issue 5,000 permits" (but "to level 4" and "to phase 2" are names).
    let infinitive =
        i >= 2 && toks[i - 2].is("to") && ["house", "issue"].contains(&toks[i - 1].text);
    // "gusts halted the line 61 times": a count of times after the object
    // of its verb, not a line's number.
    let times = |k: usize| {
        next.is_some_and(|n| n.is("times")) && !toks[k].text.starts_with(char::is_uppercase)
    };
    if i >= 1 && before_ident(i - 1) && !infinitive && !times(i - 1) {
        return true;
    }
    // "No. 5", "the emergency line on 112"
    if i >= 2 && (toks[i - 1].is_punct('.') || toks[i - 1].is("on")) && before_ident(i - 2) {
        return true;
    }
    // "have fallen for three straight years", "a 15th straight month",
    // "two in a row": a streak, not a count; nor "two more quarters", a
    // time still to come.
    let after = |k: usize, words: &[&str]| toks.get(core.next + k).is_some_and(|w| w.is_any(words));
    if streak(toks, core.next)
        || (after(0, &["more", "further"]) && after(1, &PERIODS))
        || (after(0, &["in"]) && after(1, &["a"]) && after(2, &["row"]))
    {
        return true;
    }
    // "rated 12+": an age rating.
    if prev.is_some_and(|p| p.is("rated")) && next.is_some_and(|n| n.is_punct('+') && !n.space) {
        return true;
    }
    // "by calling 1500 425": the tail of a number written in groups.
    if i >= 2 && toks[i - 1].is_num() && before_ident(i - 2) {
        return true;
    }
    // "ring 112 or 999", "sections 3 and 4": the second of two identifiers.
    if i >= 3
        && (toks[i - 1].is("or") || toks[i - 1].is("and"))
        && toks[i - 2].is_num()
        && before_ident(i - 3)
    {
        return true;
    }
    // "through the 311 line": a phone line's number.
    if prev.is_some_and(|p| p.is("the"))
        && next.is_some_and(|n| n.is("line") || n.is("hotline") || n.is("helpline"))
    {
        return true;
    }
    // "flight CX 417", "route N 5": a letter code between the word and the number.
    let code = |w: &Tok| {
        w.is_word()
            && (1..=3).contains(&w.text.len())
            && w.text.bytes().all(|b| b.is_ascii_uppercase())
    };
    if i >= 2 && code(&toks[i - 1]) && before_ident(i - 2) {
        return true;
    }
    false
}

/// A word written with a capital letter.
fn capitalised(t: &Tok) -> bool {
    t.is_word() && t.text.chars().next().is_some_and(char::is_uppercase)
}

/// Street types written after a street's name ("Proes Street").
const STREET_TYPES: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "drive",
    "boulevard",
    "blvd",
    "way",
    "crescent",
    "terrace",
    "parade",
    "highway",
];

/// Street types written before the name ("Rue Principale", "Calle Mayor").
const STREET_FIRST: &[&str] = &["rue", "calle", "avenida", "rua", "via", "avenue"];

/// Whether the words from `j` name a street: one to three capitalised words
/// ending in a street type, or a street type that comes first, itself
/// capitalised and followed by a capitalised name.
fn address_follows(toks: &[Tok], j: usize) -> bool {
    let cap = |k: usize| toks.get(k).is_some_and(capitalised);
    let is_in = |k: usize, list: &[&str]| toks.get(k).is_some_and(|t| t.is_any(list));
    if cap(j) && is_in(j, STREET_FIRST) && cap(j + 1) {
        return true;
    }
    (j + 1..j + 4).any(|k| (j..k).all(cap) && cap(k) && is_in(k, STREET_TYPES))
}

/// True when the number at `i` is part of a name ([`bare_excluded`]): a
/// small number written without grouping right after a capitalised word
/// that is not a month, which itself follows a determiner or another
/// capitalised word. A spelled-out number counts only when capitalised
/// itself ("the Big Five").
fn in_name(toks: &[Tok], i: usize, core: &Core) -> bool {
    if i < 2 || core.groups > 0 || core.value >= 1000.0 {
        return false;
    }
    if !core.digits && !capitalised(&toks[i]) {
        return false;
    }
    let (name, before) = (&toks[i - 1], &toks[i - 2]);
    let determiner = ["the", "its", "their", "his", "her", "our", "a", "an"]
        .iter()
        .any(|d| before.is(d));
    // A capital that opens the sentence ("In Lahore 12 people") or follows
    // a dateline or quote mark is no evidence of a name.
    let inside = i >= 3 && toks[i - 3].kind != TokKind::Punct;
    // "the Agency's 16 district offices": a possessive owns the things
    // counted; it names nothing with a number in it.
    let possessive = super::token::is_possessive(name.text);
    // "The next auction, Sale 9, is on Tuesday": a name in apposition.
    let apposition = before.is_punct(',') && toks.get(core.next).is_some_and(|n| n.is_punct(','));
    capitalised(name)
        && name.space
        && !possessive
        && month(name.text).is_none()
        && (determiner || (capitalised(before) && inside) || apposition)
}

/// Time units a streak or a time still to come is counted in.
const PERIODS: [&str; 14] = [
    "years", "months", "quarters", "weeks", "days", "seasons", "sessions", "year", "month",
    "quarter", "week", "day", "season", "session",
];

/// "three straight years", "a 15th consecutive month": the words at `end`,
/// after a figure, make it a streak, not a count or a rank.
pub(crate) fn streak(toks: &[Tok], end: usize) -> bool {
    toks.get(end)
        .is_some_and(|w| w.is_any(&["straight", "consecutive", "successive"]))
        && toks.get(end + 1).is_some_and(|w| w.is_any(&PERIODS))
}

/// A denominator, not a claim: "Rs 3,900 per 40 kg", "54 deaths per 1,000
/// live births", "Rs 20 for every 10 kg"; nor the size of an article sold
/// or carried ("a 50kg bag", "each 90-gram loaf", "a standard 40-pound
/// box") or how many a package holds ("a tray of 30 eggs"); nor the second
/// term of a ratio ("one in ten"); nor the face value of a coin or note.
/// `first` is the mention's first token, `end` the token after it.
pub(crate) fn denominator(toks: &[Tok], first: usize, unit: &str, end: usize) -> bool {
    // "1 in 5 adults": the first term of a ratio.
    if toks[first].text == "1"
        && toks.get(end).is_some_and(|t| t.is("in"))
        && toks.get(end + 1).is_some_and(Tok::is_num)
    {
        return true;
    }
    let Some(p) = first.checked_sub(1) else {
        return false;
    };
    // "a standard 41.5-pound box": one adjective of kind may stand between.
    let art = if p >= 1
        && toks[p].is_any(&[
            "standard", "typical", "regular", "single", "average", "normal",
        ]) {
        p - 1
    } else {
        p
    };
    let article_size = (toks[art].is("a") || toks[art].is("an") || toks[art].is("each"))
        && ["kg", "g", "ml", "litres", "feet", "lb", "oz", "cm"].contains(&unit)
        && toks.get(end).is_some_and(|n| {
            n.is_word()
                && n.text.starts_with(|c: char| c.is_lowercase())
                && !["of", "per", "a", "an", "and", "or", "to", "in", "for"]
                    .iter()
                    .any(|w| n.is(w))
        });
    // "a tray of 30 eggs", "per carton of 12": how many a package holds.
    let package = unit == "count"
        && p >= 2
        && toks[p].is("of")
        && PACKAGES.iter().any(|w| toks[p - 1].is(w))
        && ["a", "an", "per", "each", "every"]
            .iter()
            .any(|w| toks[p - 2].is(w));
    // "one in ten of our calves", "1 in 5 adults": a ratio, not a count.
    let ratio = p >= 1 && toks[p].is("in") && (toks[p - 1].is("one") || toks[p - 1].text == "1");
    // "the one-euro piece", "a 2-euro coin", "new 100-dollar bills": the
    // face value of a coin or note is its name, not an amount.
    let denomination = super::lexicon::is_money_unit(unit)
        && toks.get(end).is_some_and(|n| {
            n.is_any(&[
                "coin",
                "coins",
                "piece",
                "pieces",
                "note",
                "notes",
                "banknote",
                "banknotes",
                "bill",
                "bills",
            ])
        });
    toks[p].is("per") || toks[p].is("every") || article_size || package || ratio || denomination
}

/// Containers a retail price is quoted for ("a tray of 30 eggs"). "Pack"
/// and "bundle" are left out: "a pack of 20 wolves" counts animals.
const PACKAGES: [&str; 11] = [
    "tray", "carton", "crate", "box", "bag", "sack", "bottle", "packet", "jar", "tin", "case",
];

/// "The 38-metre-high dam", "a 12-foot-deep pit": a length joined by
/// hyphens to an adjective of size describes the thing that follows; it
/// is not a figure the story reports. `next` is the token after the unit.
pub(crate) fn dimension(toks: &[Tok], next: usize, unit: Option<&str>) -> bool {
    let glued = |k: usize| toks.get(k).filter(|t| !t.space);
    matches!(unit, Some("m" | "km" | "cm" | "mm" | "feet" | "miles"))
        && glued(next).is_some_and(|h| h.is_punct('-'))
        && glued(next + 1).is_some_and(|a| a.is_any(&["high", "tall", "deep", "wide", "thick"]))
}

/// Reasons any digit number is not a claim: codes glued to letters, phone
/// numbers, copyright lines.
pub(crate) fn code_excluded(
    toks: &[Tok],
    i: usize,
    next: usize,
    has_unit: bool,
    place: &super::place::Place,
) -> bool {
    let t = &toks[i];
    if !t.is_num() {
        return false;
    }
    if !t.space && i >= 1 {
        let p = &toks[i - 1];
        // "M14", "FY2023"
        if p.is_word()
            && currency_prefix(p.text).is_none()
            && super::currency::glued_letter(toks, i, place).is_none()
        {
            return true;
        }
        // "M-6", "Covid-19", "Phase-2"; not a quake's "magnitude-5.9".
        if p.is_punct('-')
            && !p.space
            && i >= 2
            && toks[i - 2].is_word()
            && !toks[i - 2].is("magnitude")
        {
            return true;
        }
        if p.is_punct('+') || p.is_punct('#') || p.is_punct('©') {
            return true;
        }
        // "2018-12-31", "9/11": the tail of a date or code.
        if (p.is_punct('-') || p.is_punct('/')) && !p.space && i >= 2 && toks[i - 2].is_num() {
            return true;
        }
    }
    // "the premium 4K plan", "8K screens": a one-digit "K" before a noun
    // names a picture's resolution, not thousands.
    if t.text.len() == 1
        && toks.get(i + 1).is_some_and(|k| k.text == "K" && !k.space)
        && toks
            .get(i + 2)
            .is_some_and(|n| n.is_word() && n.text.starts_with(|c: char| c.is_ascii_lowercase()))
        && !i.checked_sub(1).is_some_and(|p| toks[p].is_punct('$'))
    {
        return true;
    }
    // "3G", "4G", "5G": a single letter glued after that is not a scale or unit.
    if !has_unit && let Some(n) = toks.get(next).filter(|n| !n.space && n.is_word()) {
        return scale(n.text, true).is_none() && unit_word(n.text).is_none();
    }
    if phone_chain(toks, i) {
        return true;
    }
    let glued = |k: usize| toks.get(k).filter(|t| !t.space);
    // "555-0142": a local phone number (the tail has a leading zero).
    if glued(next).is_some_and(|d| d.is_punct('-'))
        && glued(next + 1)
            .is_some_and(|n| n.is_num() && n.text.len() >= 4 && n.text.starts_with('0'))
    {
        return true;
    }
    // "(4791.T)", "(0700.HK)": a share's exchange code.
    if glued(next).is_some_and(|d| d.is_punct('.'))
        && glued(next + 1).is_some_and(|w| {
            w.is_word() && w.text.len() <= 2 && w.text.bytes().all(|b| b.is_ascii_uppercase())
        })
        && toks.get(next + 2).is_none_or(|c| c.is_punct(')'))
    {
        return true;
    }
    // "ageing 132-kilovolt lines", "a 400-volt supply": a voltage class
    // names the kind of equipment, as a model number does.
    if glued(next).is_some_and(|d| d.is_punct('-'))
        && glued(next + 1).is_some_and(|w| w.is_any(&["kilovolt", "kV", "volt", "megavolt"]))
    {
        return true;
    }
    i >= 1 && (toks[i - 1].is_punct('©') || toks[i - 1].is("copyright"))
}
