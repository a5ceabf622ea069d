//! What follows a figure: the noun phrase it counts ("38 projects"), a
//! reference back ("of them", "others"), the users of something ("70
//! million use 3G/4G"), or the part a partitive names ("Eleven of those
//! killed were motorcyclists").

use super::np::W;

/// Noun phrase following a figure, up to its head.
pub(crate) enum Follow {
    /// Word indices of the phrase.
    Np(Vec<usize>),
    /// "of them", "others", "more": the figure refers back.
    Anaphor,
    /// "70 million use 3G/4G": users of the object.
    Use(Vec<usize>),
    /// Nothing usable.
    Nothing,
}

/// Reads what follows a figure at word `k` within the clause ending at `end`.
pub(crate) fn following(ws: &[W], mut k: usize, end: usize) -> Follow {
    let get = |i: usize| ws.get(i).filter(|_| i < end);
    // "36 or so projects", "40-odd"
    if get(k).is_some_and(|w| w.is("or")) && get(k + 1).is_some_and(|w| w.is("so")) {
        k += 2;
    }
    if get(k).is_some_and(|w| w.is("odd") || w.is("plus")) {
        k += 1;
    }
    let Some(mut first) = get(k) else {
        return Follow::Nothing;
    };
    if first.is("the") || first.is("a") || first.is("an") {
        let det = first;
        k += 1;
        match get(k) {
            Some(w) => first = w,
            None => return Follow::Nothing,
        }
        // "up to 1,500 a year": a rate's time, not what is counted.
        if super::period::is_rate_time(det, first) {
            return Follow::Nothing;
        }
    }
    // "of the bay's flat oysters", "of Kenya's exports": the owner is not
    // what is counted. The world's is kept: a share of the world's palm
    // oil is a world share, not the share of oil a mill extracts.
    if super::token::is_possessive(first.text)
        && !["world", "globe", "planet"].contains(&super::token::plain_lower(first.text).as_str())
        && let Some(w) = get(k + 1).filter(|w| w.is_content())
    {
        k += 1;
        first = w;
    }
    // "612,400 head of cattle": livestock are counted by the head, written
    // in the singular ("heads of state" are people).
    if first.text == "head"
        && get(k + 1).is_some_and(|w| w.is("of"))
        && let Some(w) = get(k + 2)
    {
        k += 2;
        first = w;
    }
    // "Visitors numbered 1.2 million last year": a time, not what is counted.
    if super::period::is_time_phrase(first, get(k + 1)) {
        return Follow::Nothing;
    }
    // "Eleven of those killed were motorcyclists", "Three of the victims
    // were children": a plural noun after "be" names the part.
    if first.is("of") {
        let mut j = k + 1;
        while j < k + 5 && get(j).is_some_and(|w| !w.punct && !w.is("are") && !w.is("were")) {
            j += 1;
        }
        if get(j).is_some_and(|w| w.is("are") || w.is("were"))
            && let Some(n) = get(j + 1)
            && n.is_content()
            && is_plural(n.text)
            && get(j + 2).is_none_or(|a| !a.is_content())
        {
            return Follow::Np(vec![j + 1]);
        }
    }
    if first.is("of")
        && get(k + 1).is_some_and(|w| {
            ["them", "these", "those", "which", "whom"]
                .iter()
                .any(|p| w.is(p))
        })
    {
        return Follow::Anaphor;
    }
    // "Twenty of the asteroids were hazardous": the whole the part is of,
    // also when the whole is counted or owned ("40 of the 120 wards",
    // "11 of the country's 21 counties", "nine of Guinea's 33 prefectures").
    // The owner may be a name of up to three words ("Sierra Leone's").
    let owner_first = || {
        (k + 1..k + 4)
            .take_while(|&j| get(j).is_some_and(|w| w.text.starts_with(char::is_uppercase)))
            .any(|j| get(j).is_some_and(|w| super::token::is_possessive(w.text)))
    };
    if first.is("of")
        && (get(k + 1).is_some_and(|w| ["the", "its", "their"].iter().any(|d| w.is(d)))
            || owner_first())
    {
        let mut np = Vec::new();
        let mut j = k + 2;
        while let Some(w) = get(j).filter(|w| w.is_content() || w.num) {
            // A figure or an owner ("the country's") is not the whole.
            if w.num || super::token::is_possessive(w.text) {
                j += 1;
                continue;
            }
            np.push(j);
            if is_plural(w.text) {
                return Follow::Np(np);
            }
            j += 1;
        }
    }
    let is_more = |w: &W| {
        ["more", "others", "other", "further", "additional", "extra"]
            .iter()
            .any(|p| w.is(p))
    };
    if is_more(first) && get(k + 1).is_none_or(|n| !n.is_content() || n.is("more")) {
        return Follow::Anaphor;
    }
    if ["use", "used", "using", "access"]
        .iter()
        .any(|p| first.is(p))
    {
        let mut obj = Vec::new();
        let mut j = k + 1;
        while let Some(w) = get(j) {
            if !w.is_content() && !w.is("and") {
                break;
            }
            obj.push(j);
            j += 1;
        }
        return Follow::Use(obj);
    }
    // "Of them, 35.6 lakh are men": a plural noun after the verb "be".
    if (first.is("are") || first.is("were"))
        && let Some(n) = get(k + 1)
        && n.is_content()
        && is_plural(n.text)
        && get(k + 2).is_none_or(|a| !a.is_content())
    {
        return Follow::Np(vec![k + 1]);
    }
    let mut out = Vec::new();
    let mut j = k;
    while let Some(w) = get(j) {
        if w.punct && w.text == "(" {
            // "(NGMS)": keep the acronym, skip the brackets.
            if let (Some(a), Some(c)) = (get(j + 1), get(j + 2))
                && c.text == ")"
                && !a.punct
            {
                out.push(j + 1);
                j += 3;
                continue;
            }
            break;
        }
        if is_more(w) && out.is_empty() {
            j += 1;
            continue;
        }
        if !w.is_content() || out.len() >= 5 || (!out.is_empty() && w.text.ends_with("ed")) {
            break;
        }
        out.push(j);
        if is_plural(w.text) {
            break;
        }
        j += 1;
    }
    // "in central and state subsidy", "oil and gas revenue": two
    // modifiers joined by "and" before one head. A plural first word is a
    // list of things ("roads and bridges").
    if let [first] = out[..]
        && get(j).is_some_and(|w| w.is("and"))
        && !is_plural(ws[first].text)
        && let (Some(m), Some(h)) = (get(j + 1), get(j + 2))
        && m.is_content()
        && !is_plural(m.text)
        && h.is_content()
        && !h.text.ends_with("ed")
        && !h.text.starts_with(char::is_uppercase)
    {
        out.extend([j + 1, j + 2]);
    }
    if out.is_empty() {
        Follow::Nothing
    } else {
        Follow::Np(out)
    }
}

/// "72 per cent of the suspected cases are children under 15": after the
/// whole a share is of (`whole`, a noun phrase ending before `end`), "are"
/// or "were" and a plural noun name the part, whose share it is. Returns
/// the part's words; not an adjective or participle ("are vaccinated").
pub(crate) fn part_after_whole(ws: &[W], whole: &[usize], end: usize) -> Option<Vec<usize>> {
    let after = whole.last()? + 1;
    let get = |i: usize| ws.get(i).filter(|_| i < end);
    if !get(after).is_some_and(|w| w.is("are") || w.is("were")) {
        return None;
    }
    let mut part = Vec::new();
    let mut j = after + 1;
    while let Some(w) = get(j).filter(|w| w.is_content() && part.len() < 3) {
        part.push(j);
        if is_plural(w.text) {
            return Some(part);
        }
        j += 1;
    }
    None
}

/// A plural noun: "-s" (not "-ss", "-us", "-is") or an irregular plural.
pub(crate) fn is_plural(t: &str) -> bool {
    (t.len() > 3
        && t.ends_with('s')
        && !t.ends_with("ss")
        && !t.ends_with("us")
        && !t.ends_with("is"))
        || super::subject::irregular_singular(super::lexicon::ascii_lower(t, &mut [0u8; 32]))
            .is_some()
}
