//! Units after a figure: the unit word, percent, and units written over
//! several words: mass concentrations ("37.5
//! micrograms per cubic metre", "µg/m3", and a bare "347 micrograms" read
//! by the rest of the document), flows and speeds per second, yearly
//! capacities in tonnes, storage in million acre-feet, exchange rates
//! ("1,498 per dollar"), and whether "times" compares ("three times the
//! size") rather than states a multiple.

use super::lexicon::unit_word;
use super::number::{is_word, word};
use super::place::Place;
use super::token::Tok;

/// Whether `w` names a microgram.
fn microgram(w: &str) -> bool {
    ["microgram", "micrograms", "µg", "μg", "ug", "mcg"]
        .iter()
        .any(|m| w.eq_ignore_ascii_case(m))
}

/// The unit of the mass word at `i` (a microgram, or a milligram: the
/// unit the word names alone is `word_unit`) and the token after it: by
/// the litre in water, "mg/l" or "ug/l" ([`per_litre`]); else, for a
/// microgram, "ug/m3" when a cubic metre follows ("micrograms per cubic
/// metre", "micrograms of PM2.5 per cubic metre of air", "µg/m3"), or when
/// the word stands alone in a document that measures air by the cubic
/// metre (a story that gives the standard once, then "peaked at 347
/// micrograms"); "ug" otherwise (a dose). A plain milligram is left to
/// its unit word.
fn concentration(
    toks: &[Tok],
    i: usize,
    place: &Place,
    word_unit: Option<&str>,
) -> Option<(&'static str, usize)> {
    let micro = word(toks, i).is_some_and(microgram);
    if !micro && word_unit != Some("mg") {
        return None;
    }
    if let Some(end) = per_litre(toks, i) {
        return Some((if micro { "ug/l" } else { "mg/l" }, end));
    }
    if !micro {
        return None;
    }
    // "µg/m3" is four tokens: the word, "/", "m", then "3" or "³".
    let glued = |k: usize| toks.get(k).filter(|t| !t.space);
    let glued_m3 = glued(i + 1).is_some_and(|s| s.is_punct('/'))
        && glued(i + 2).is_some_and(|m| m.is("m"))
        && glued(i + 3).is_some_and(|c| c.text == "3" || c.text == "³");
    if glued_m3 {
        return Some(("ug/m3", i + 4));
    }
    // "per cubic metre", after up to three words of what is measured.
    let per_cubic = (i + 1..i + 5).any(|p| {
        is_word(toks, p, "per")
            && is_word(toks, p + 1, "cubic")
            && word(toks, p + 2).is_some_and(|m| m.to_ascii_lowercase().starts_with("met"))
    });
    let unit = if per_cubic || place.measures_air() {
        "ug/m3"
    } else {
        "ug"
    };
    Some((unit, i + 1))
}

/// The end of "per litre" after the mass word at `i` ("0.9 milligrams
/// per litre", "5 micrograms of lead per litre": up to three words of
/// what is measured may come between), or of a glued "/l" ("0.1 mg/l").
fn per_litre(toks: &[Tok], i: usize) -> Option<usize> {
    let litre = |k: usize| {
        word(toks, k).is_some_and(|w| {
            w == "l" || w == "L" || ["litre", "liter"].iter().any(|l| w.eq_ignore_ascii_case(l))
        })
    };
    let glued = |k: usize| toks.get(k).is_some_and(|t| !t.space);
    if glued(i + 1) && toks[i + 1].is_punct('/') && glued(i + 2) && litre(i + 2) {
        return Some(i + 3);
    }
    (i + 1..i + 5)
        .find(|&p| is_word(toks, p, "per") && litre(p + 1))
        .map(|p| p + 2)
}

/// The end of "per second" or "a second" at `i`.
pub(crate) fn per_second(toks: &[Tok], i: usize) -> Option<usize> {
    ((is_word(toks, i, "per") || is_word(toks, i, "a")) && is_word(toks, i + 1, "second"))
        .then_some(i + 2)
}

/// A unit written over several tokens at `i`, and the token after it: a
/// concentration or a glued power. `word_unit` is the unit the word at `i`
/// names alone.
fn several_tokens(
    toks: &[Tok],
    i: usize,
    place: &Place,
    word_unit: Option<&str>,
) -> Option<(&'static str, usize)> {
    concentration(toks, i, place, word_unit).or_else(|| powered(toks, i))
}

/// A square or cubic unit written with its power glued on: "5 km2",
/// "3.6 million m3", "40 m²". The tokenizer splits the letters from the
/// digit, so the unit is two tokens; the power is not a figure of its own.
fn powered(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let power = toks.get(i + 1).filter(|p| !p.space)?;
    let unit = match (word(toks, i)?, power.text) {
        ("m", "2" | "²") => "m2",
        ("m", "3" | "³") => "m3",
        ("km", "2" | "²") => "km2",
        _ => return None,
    };
    Some(match per_second(toks, i + 2).filter(|_| unit == "m3") {
        Some(end) => ("m3/s", end),
        None => (unit, i + 2),
    })
}

/// The end of "a year", "per year", "per annum" or "annually" at `i`, a
/// rate; not "a year earlier" or "a year ago", a comparison.
pub(crate) fn per_year(toks: &[Tok], i: usize) -> Option<usize> {
    if is_word(toks, i, "annually") {
        return Some(i + 1);
    }
    let rate = (is_word(toks, i, "a") || is_word(toks, i, "per"))
        && (is_word(toks, i + 1, "year") || is_word(toks, i + 1, "annum"));
    let compares = ["earlier", "ago", "before", "after", "later", "on", "from"]
        .iter()
        .any(|w| is_word(toks, i + 2, w));
    (rate && !compares).then_some(i + 2)
}

/// The counter currency of an exchange rate whose words start at `i`, and
/// the index after it: "per dollar", "a dollar", "to the dollar", "against
/// the euro", "per US dollar". `is(k, w)` tells whether word `k` is `w`, so
/// tokens and noun-phrase words ([`super::cues::exchange_rate`]) read it
/// alike.
pub(crate) fn counter_currency(
    is: impl Fn(usize, &str) -> bool,
    i: usize,
) -> Option<(&'static str, usize)> {
    let mut k = i;
    // "3.52 a pound" is a price by weight: the pound counts only after
    // "to the" or "against the".
    let mut names: &[&'static str] = &["dollar", "euro", "yuan", "yen"];
    if is(k, "per") || is(k, "a") {
        k += 1;
    } else if (is(k, "to") || is(k, "against")) && is(k + 1, "the") {
        k += 2;
        names = &["dollar", "euro", "yuan", "yen", "pound"];
    } else {
        return None;
    }
    k += usize::from(is(k, "us"));
    names.iter().copied().find(|c| is(k, c)).map(|c| (c, k + 1))
}

/// A unit named around a bare number that ends at `j` and starts at `i`:
/// before it, a quake's size ("a magnitude 7.1 quake", "of magnitude 5.4",
/// "a magnitude-6.2 tremor"); after it, an exchange rate ([`rate_unit`]).
pub(crate) fn around(
    toks: &[Tok],
    i: usize,
    j: usize,
    place: &Place,
) -> Option<(&'static str, usize)> {
    let hyphen = i >= 2 && toks[i - 1].is_punct('-') && !toks[i - 1].space && !toks[i].space;
    let named = i
        .checked_sub(1 + usize::from(hyphen))
        .is_some_and(|k| is_word(toks, k, "magnitude"));
    if named {
        return Some(("magnitude", j));
    }
    // "31 lakh units of electricity": South Asia's power "unit" is the kWh.
    if is_word(toks, j, "units")
        && is_word(toks, j + 1, "of")
        && (is_word(toks, j + 2, "electricity") || is_word(toks, j + 2, "power"))
    {
        return Some(("kWh", j + 3));
    }
    rate_unit(toks, i, j, place)
}

/// "With the naira steadier at about 1,498 per dollar": a bare number set
/// against a currency is an exchange rate, in the currency the sentence
/// names before it. The number ends at `j`, and starts at `i`.
fn rate_unit(toks: &[Tok], i: usize, j: usize, place: &Place) -> Option<(&'static str, usize)> {
    let (_, end) = counter_currency(|k, w| is_word(toks, k, w), j)?;
    let local = (0..i)
        .rev()
        .find_map(|k| super::currency::suffix(|n| (n == 0).then(|| word(toks, k)).flatten(), place))
        .map(|(c, _)| c)?;
    Some((local, end))
}

/// Units written in millions: storage in million acre-feet ("0.21 million
/// acre-feet" is 0.21 MAF, as "7.2 MAF" writes it) and a yearly capacity
/// in million tonnes ("a plant of 3 million tonnes a year" is 3 MTPA), the
/// latter only when the figure is written in millions (`million`) or the
/// document writes the unit as MTPA itself ([`Place::writes_mtpa`]):
/// elsewhere "18,000 tonnes a year" stays in tonnes, as its writer counts
/// it. `unit` was read before token `next`; returns the unit in millions
/// and the token past it.
pub(crate) fn in_millions(
    toks: &[Tok],
    next: usize,
    unit: Option<&str>,
    million: bool,
    place: &Place,
) -> Option<(&'static str, usize)> {
    match unit? {
        "acre-ft" => Some(("MAF", next)),
        "tonnes" if million || place.writes_mtpa() => per_year(toks, next).map(|end| ("MTPA", end)),
        _ => None,
    }
}

/// Whether the "times" at `i` compares or repeats ("three times the
/// size", "three times as many", "four times a week") rather than states
/// a multiple.
pub(crate) fn times_compares(toks: &[Tok], i: usize) -> bool {
    word(toks, i + 1).is_some_and(|w| {
        [
            "as", "more", "less", "higher", "lower", "larger", "bigger", "greater", "smaller",
            "the", "that", "a", "an", "per", "every", "its", "their", "what",
        ]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c))
    })
}

/// Unit after the number (and scale): percent, measurement or currency word.
pub(crate) fn unit_after(
    toks: &[Tok],
    i: usize,
    place: &Place,
) -> Option<(&'static str, usize, bool)> {
    let mut t = toks.get(i)?;
    let mut i = i;
    // "3,658-metre", "a 2.1 trillion-won plant"
    if t.is_punct('-') && !t.space {
        let n = toks.get(i + 1).filter(|n| {
            !n.space
                && n.is_word()
                && (unit_word(n.text).is_some()
                    || super::currency::suffix(|k| (k == 0).then_some(n.text), place).is_some())
        })?;
        t = n;
        i += 1;
    }
    if t.is_punct('%') || t.is_punct('٪') {
        return Some(("percent", i + 1, false));
    }
    if !t.is_word() {
        return None;
    }
    if t.is("per") && is_word(toks, i + 1, "cent") {
        return Some(("percent", i + 2, false));
    }
    if t.is("percentage") && (is_word(toks, i + 1, "points") || is_word(toks, i + 1, "point")) {
        return Some(("percent", i + 2, false));
    }
    // "barrels per day", "barrels a day", "b/d": a rate of flow.
    if t.is("barrels") || t.is("barrel") {
        // "barrels of crude oil per day": up to three words of what flows.
        let mut j = i + 1;
        if is_word(toks, j, "of") {
            j += 1;
            while j < i + 5 && word(toks, j).is_some_and(|w| !w.eq_ignore_ascii_case("per")) {
                j += 1;
            }
        }
        if (is_word(toks, j, "per") || (j == i + 1 && is_word(toks, j, "a")))
            && is_word(toks, j + 1, "day")
        {
            return Some(("bpd", if j == i + 1 { j + 2 } else { i + 1 }, false));
        }
    }
    if t.is("b")
        && toks.get(i + 1).is_some_and(|s| s.is_punct('/') && !s.space)
        && toks.get(i + 2).is_some_and(|d| d.is("d") && !d.space)
    {
        return Some(("bpd", i + 3, false));
    }
    // The imperial gallon is not the US one.
    if t.is("imperial") && (is_word(toks, i + 1, "gallons") || is_word(toks, i + 1, "gallon")) {
        return Some(("imperial gallons", i + 2, false));
    }
    if t.is("metric") && (is_word(toks, i + 1, "tons") || is_word(toks, i + 1, "tonnes")) {
        return Some(("tonnes", i + 2, false));
    }
    // Areas and volumes: "square kilometres", "sq km", "cubic metres".
    if (t.is("square") || t.is("sq") || t.is("cubic"))
        && let Some(base) = word(toks, i + 1).and_then(unit_word)
    {
        let unit = match (t.is("cubic"), base) {
            (false, "km") => "km2",
            (false, "m") => "m2",
            (false, "miles") => "sq mi",
            (true, "m") => "m3",
            _ => return unit_word(t.text).map(|u| (u, i + 1, false)),
        };
        // A flow: "1,200 cubic metres a second".
        if let Some(end) = per_second(toks, i + 2).filter(|_| unit == "m3") {
            return Some(("m3/s", end, false));
        }
        return Some((unit, i + 2, false));
    }
    // A speed: "140 km/h".
    if t.is("km")
        && toks.get(i + 1).is_some_and(|s| s.is_punct('/') && !s.space)
        && toks.get(i + 2).is_some_and(|h| h.is("h") && !h.space)
    {
        return Some(("km/h", i + 3, false));
    }
    // "acre-feet", "acre feet": a volume, not an area.
    if t.is("acre") {
        let next = if toks.get(i + 1).is_some_and(|h| h.is_punct('-')) {
            i + 2
        } else {
            i + 1
        };
        if is_word(toks, next, "feet") || is_word(toks, next, "foot") {
            return Some(("acre-ft", next + 1, false));
        }
    }
    // "twenty-foot equivalent units"
    if (t.is("twenty")
        && toks.get(i + 1).is_some_and(|h| h.is_punct('-'))
        && is_word(toks, i + 2, "foot"))
        && is_word(toks, i + 3, "equivalent")
        && (is_word(toks, i + 4, "units") || is_word(toks, i + 4, "unit"))
    {
        return Some(("TEU", i + 5, false));
    }
    if let Some((c, n)) = super::currency::suffix(|k| word(toks, i + k), place) {
        return Some((c, i + n, true));
    }
    let word_unit = unit_word(t.text);
    if let Some((unit, end)) = several_tokens(toks, i, place, word_unit) {
        return Some((unit, end, false));
    }
    let unit = word_unit?;
    // A speed: "46.5 km per hour", "60 miles an hour".
    if matches!(unit, "km" | "miles")
        && (is_word(toks, i + 1, "per") || is_word(toks, i + 1, "an"))
        && is_word(toks, i + 2, "hour")
    {
        return Some((if unit == "km" { "km/h" } else { "mph" }, i + 3, false));
    }
    // "gusts of 34 metres per second"
    let per_second = per_second(toks, i + 1).filter(|_| unit == "m");
    Some(per_second.map_or((unit, i + 1, false), |end| ("m/s", end, false)))
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    #[test]
    fn a_glued_power_makes_a_square_or_cubic_unit() {
        let cases = [
            // (text, unit and the index of the token after it)
            ("3.6 million m3 of spruce", Some(("m3", 4))),
            ("40 m² flats", Some(("m2", 3))),
            ("5 km2 of land", Some(("km2", 3))),
            ("120 m3 per second", Some(("m3/s", 5))),
            // A space before the digit: another figure, not a power.
            ("5 km 2 more", None),
            ("5 kg2", None),
        ];
        for (text, want) in cases {
            let mut toks = Vec::new();
            tokenize(text, &mut toks);
            let at = toks
                .iter()
                .position(|t| t.is_any(&["m", "km", "kg"]))
                .expect(text);
            let got = powered(&toks, at);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn micrograms_read_as_a_concentration_only_by_the_cubic_metre() {
        let cases = [
            // (document, sentence, unit)
            (
                "",
                "a limit of 37.5 micrograms per cubic metre",
                Some("ug/m3"),
            ),
            (
                "",
                "37.5 micrograms of PM2.5 per cubic metre of air",
                Some("ug/m3"),
            ),
            ("", "an average of 41 µg/m3 in January", Some("ug/m3")),
            ("", "a dose of 50 micrograms a day", Some("ug")),
            (
                "The limit is 25 micrograms per cubic meter.",
                "peaked at 347 micrograms",
                Some("ug/m3"),
            ),
            ("", "peaked at 347 micrograms", Some("ug")),
            ("", "peaked at 347 milligrams", None),
        ];
        for (document, sentence, want) in cases {
            let mut toks = Vec::new();
            tokenize(sentence, &mut toks);
            let place = Place::new(document);
            let at = toks.iter().position(|t| t.is_num()).expect("a number") + 1;
            let word_unit = toks.get(at).and_then(|t| unit_word(t.text));
            let got = concentration(&toks, at, &place, word_unit).map(|(u, _)| u);
            assert_eq!(got, want, "{sentence:?} in {document:?}");
        }
    }
}
