//! Where an article is: the country a document names most, read once per
//! document, which decides what an ambiguous currency means in it
//! ("pesos" in a Mexican story are MXN, "rupees" near "India" are INR, a
//! bare "$" in a Canadian story is CAD).
//!
//! A currency name that one country alone uses ("yen", "naira") needs no
//! context and is read in [`super::currency`]. Only the shared names go
//! through here, and only when the document names a country that uses the
//! name; otherwise the name keeps its usual code (rupees PKR, dollars USD)
//! or none (pesos, francs).

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// Families of currency names shared by several countries, as
/// [`super::currency`] names them.
const SHARED: &[&str] = &[
    "dollar", "rupee", "peso", "franc", "rial", "krone", "crown", "shilling", "dinar", "real",
    "yen sign", "pound", "dirham", "sol", "leu", "kwacha", "riyal", "soum",
];

mod countries;
use countries::COUNTRIES;
pub(crate) use countries::{EXTRA_CODES, WORD_CODES};

/// What the document says about where it is, read on first use.
pub(crate) struct Place<'a> {
    text: &'a str,
    votes: OnceCell<Votes>,
    air: OnceCell<bool>,
    heat: OnceCell<bool>,
    mtpa: OnceCell<bool>,
    /// (family, code) of the names [`Place::resolve`] has read: a document
    /// asks for the same few families at every sign it writes.
    resolved: RefCell<Vec<(&'static str, Option<&'static str>)>>,
}

#[derive(Default)]
struct Votes {
    /// (code, mentions) of the countries the document names.
    counts: Vec<(&'static str, u32)>,
    /// The document writes a local dollar with its letters.
    local_dollar_written: bool,
}

impl<'a> Place<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Place {
            text,
            votes: OnceCell::new(),
            air: OnceCell::new(),
            heat: OnceCell::new(),
            mtpa: OnceCell::new(),
            resolved: RefCell::new(Vec::new()),
        }
    }

    /// A place that names no country: every shared name keeps its usual code.
    #[cfg(test)]
    pub(crate) fn nowhere() -> Place<'static> {
        Place::new("")
    }

    /// Whether the document measures the air by the cubic metre ("per cubic
    /// metre", "µg/m3", "PM2.5", "PM10"), so that a bare "micrograms" there
    /// is a concentration ([`super::measure`]).
    pub(crate) fn measures_air(&self) -> bool {
        *self.air.get_or_init(|| {
            ["per cubic met", "g/m3", "g/m³", "PM2.5", "PM10", "PM 2.5"]
                .iter()
                .any(|m| self.text.contains(m))
        })
    }

    /// Whether the document writes a yearly capacity as MTPA ("12.5 MTPA",
    /// "million tonnes per annum"), so that its "million tonnes a year" is
    /// in that unit too ([`super::measure::in_millions`]).
    pub(crate) fn writes_mtpa(&self) -> bool {
        *self.mtpa.get_or_init(|| {
            ["MTPA", "mtpa", "Mtpa", "tonnes per annum"]
                .iter()
                .any(|m| self.text.contains(m))
        })
    }

    /// Whether the document is about heat ("temperature", "Celsius", "°C",
    /// "heatwave"), so that a bare "degrees" there is a temperature
    /// ([`super::temperature`]).
    pub(crate) fn mentions_heat(&self) -> bool {
        *self.heat.get_or_init(|| {
            [
                "temperature",
                "Temperature",
                "Celsius",
                "celsius",
                "°C",
                "heatwave",
                "heat wave",
            ]
            .iter()
            .any(|m| self.text.contains(m))
        })
    }

    /// The code a shared currency name of `family` means in this document,
    /// when a country the document names uses it; `None` leaves the name's
    /// usual code. A local dollar wins over the US dollar only when the
    /// document names its country more often than the United States and
    /// never writes it with its letters ("C$").
    pub(crate) fn resolve(&self, family: &str) -> Option<&'static str> {
        let &family = SHARED.iter().find(|f| **f == family)?;
        if let Some(&(_, code)) = self.resolved.borrow().iter().find(|(f, _)| *f == family) {
            return code;
        }
        let code = self.resolve_uncached(family);
        self.resolved.borrow_mut().push((family, code));
        code
    }

    fn resolve_uncached(&self, family: &str) -> Option<&'static str> {
        let votes = self.votes.get_or_init(|| count(self.text));
        let of = |code: &str| {
            votes
                .counts
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(0, |(_, n)| *n)
        };
        let (best, n) = COUNTRIES
            .iter()
            .filter(|(_, f, _)| *f == family)
            .map(|(_, _, code)| (*code, of(code)))
            .filter(|(_, n)| *n > 0)
            // The first of equals is the table's order, so the result does
            // not depend on the order of mentions.
            .fold(None, |acc: Option<(&str, u32)>, (c, n)| match acc {
                Some((_, m)) if m >= n => acc,
                _ => Some((c, n)),
            })?;
        // A local dollar also gives way when another country, of any
        // currency, is named more often: a Sri Lankan story that names
        // dealers "from Hong Kong" prices its exports in US dollars.
        let outnumbered = || votes.counts.iter().any(|&(c, m)| c != best && m > n);
        if family == "dollar"
            && (best == "USD" || votes.local_dollar_written || n <= of("USD") || outnumbered())
        {
            return None;
        }
        Some(best)
    }
}

impl Place<'_> {
    /// The code of the currency of the country the document names most,
    /// when one is named more often than any other.
    pub(crate) fn leading(&self) -> Option<&'static str> {
        let votes = self.votes.get_or_init(|| count(self.text));
        let best = votes.counts.iter().max_by_key(|(_, n)| *n)?;
        let tied = votes.counts.iter().filter(|(_, n)| *n == best.1).count() > 1;
        (!tied).then_some(best.0)
    }
}

/// The one-word names of [`COUNTRIES`] and the ISO codes there, each with
/// its code, for a hashed look-up: [`count`] asks for every capitalised
/// word of a document, where a scan of the table cost some 150 string
/// comparisons a word.
static SINGLE: LazyLock<FastMap> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for &(name, _, code) in COUNTRIES {
        if !name.contains(' ') {
            m.entry(name).or_insert(code);
        }
        if !countries::WORD_CODES.contains(&code) {
            m.entry(code).or_insert(code);
        }
    }
    m
});

type FastMap = HashMap<&'static str, &'static str, BuildHasherDefault<super::lexicon::Fnv>>;

/// Whether `w` (as written) is a country's name or adjective, or a big
/// city's, from [`COUNTRIES`]: "Kenyan tea" is tea, wherever it is sold.
pub(crate) fn is_place_name(w: &str) -> bool {
    let mut buf = [0u8; 32];
    SINGLE.contains_key(super::lexicon::ascii_lower(w, &mut buf))
}

/// First words of the two-word names in [`COUNTRIES`].
const PAIR_FIRSTS: &[&str] = &[
    "united", "new", "hong", "sri", "ivory", "british", "nova", "tamil", "uttar", "costa",
    "sierra", "san", "el", "port",
];

/// Whether `text` writes a local dollar with its country's letters ("C$",
/// "FJ$", but not "ABC$": the letters start a word): a document that does
/// keeps a bare "$" for the US dollar. The letters are those of
/// [`super::currency::dollar_prefix`], less the US dollar's and those of
/// the real and the peso, which are no dollars. One pass over the dollar
/// signs: a search per sign read a long text many times.
fn local_dollar_written(text: &str) -> bool {
    text.match_indices('$').any(|(i, _)| {
        let letters = text[..i]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let start = i - letters;
        letters > 0
            && !text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && super::currency::dollar_prefix(&text[start..i])
                .is_some_and(|c| !matches!(c, "USD" | "BRL" | "MXN"))
    })
}

/// Counts the country names of [`COUNTRIES`] in `text`: capitalised words,
/// alone or as a pair ("Sri Lanka"), plus the ISO codes of shared names and
/// the rupee sign, which also say where a document is. One pass without
/// allocating: most words fail the capital or length test at once.
fn count(text: &str) -> Votes {
    let mut votes = Votes {
        local_dollar_written: local_dollar_written(text),
        ..Votes::default()
    };
    let add = |code: &'static str, votes: &mut Votes| match votes
        .counts
        .iter_mut()
        .find(|(c, _)| *c == code)
    {
        Some((_, n)) => *n += 1,
        None => votes.counts.push((code, 1)),
    };
    for _ in text.matches('₹') {
        add("INR", &mut votes);
    }
    for _ in text.matches('£') {
        add("GBP", &mut votes);
    }
    // The previous word when it may open a two-word name.
    let mut prev: Option<&str> = None;
    // Words are runs of ASCII letters and digits and of non-ASCII bytes,
    // split at every other ASCII byte (so the slices stay on character
    // boundaries); apostrophes split too: "Mexico's" is "Mexico",
    // "d'Ivoire" "Ivoire". Scanning bytes keeps this pass cheap.
    let bytes = text.as_bytes();
    let in_word = |b: u8| b.is_ascii_alphanumeric() || !b.is_ascii();
    // The curly apostrophe splits as the straight one does ("Uganda’s");
    // compared as bytes, so no slice of `text` starts inside a character.
    const CURLY: [u8; 3] = [0xE2, 0x80, 0x99];
    let curly = |i: usize| bytes[i..].starts_with(&CURLY);
    let mut i = 0;
    while i < bytes.len() {
        if curly(i) {
            i += CURLY.len();
            continue;
        }
        if !in_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && in_word(bytes[i]) && !curly(i) {
            i += 1;
        }
        let opened = prev.take();
        let word = &text[start..i];
        if word.len() < 3 || word.len() > 12 || !bytes[start].is_ascii_uppercase() {
            // A short capitalised word may still open a two-word name
            // ("El Salvador").
            if word.len() < 3 && bytes[start].is_ascii_uppercase() {
                prev = PAIR_FIRSTS
                    .iter()
                    .copied()
                    .find(|f| word.eq_ignore_ascii_case(f));
            }
            continue;
        }
        // An ISO code ("INR"): the map holds codes in capitals and names in
        // lower case, so a code never matches a name.
        if word.len() == 3
            && word.bytes().all(|b| b.is_ascii_uppercase())
            && let Some(&code) = SINGLE.get(word)
        {
            add(code, &mut votes);
            continue;
        }
        let mut buf = [0u8; 32];
        let mut folded = [0u8; 32];
        let lower = super::lexicon::ascii_lower(
            if word.is_ascii() {
                word
            } else {
                fold_accents(word, &mut folded)
            },
            &mut buf,
        );
        let pair = opened.and_then(|p| {
            COUNTRIES
                .iter()
                .find(|(n, _, _)| n.split_once(' ').is_some_and(|(a, b)| a == p && b == lower))
                .map(|&(_, _, code)| code)
        });
        // "Ugandans": the people of a country, named by its adjective.
        let demonyms = || {
            lower
                .strip_suffix('s')
                .filter(|a| a.ends_with("an"))
                .and_then(|a| SINGLE.get(a).copied())
        };
        // "the Niger Delta", "the Congo River", "Niger State": a river or a
        // region named after a country is not the country.
        let feature = || {
            let rest = text[i..].strip_prefix(' ').unwrap_or("");
            ["Delta", "River", "Basin", "State"].iter().any(|f| {
                rest.strip_prefix(f)
                    .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
            })
        };
        if let Some(code) = pair
            .or_else(|| SINGLE.get(lower).copied().filter(|_| !feature()))
            .or_else(demonyms)
        {
            add(code, &mut votes);
        }
        prev = PAIR_FIRSTS.iter().copied().find(|f| *f == lower);
    }
    votes
}

/// `w` with the accents of Latin letters dropped ("Québec" -> "Quebec"),
/// so that names written either way count; other characters stay as they
/// are. A word longer than `buf` gives "", which names no country (the
/// caller passes words of 12 bytes at most). Hand-rolled: the project has
/// no Unicode normalisation crate, and the letters of Latin-script place
/// names are a short table.
fn fold_accents<'b>(w: &str, buf: &'b mut [u8; 32]) -> &'b str {
    let mut n = 0;
    for c in w.chars() {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'Î' | 'Í' => 'I',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'Ó' | 'Ö' => 'O',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'Ú' | 'Ü' => 'U',
            'ç' => 'c',
            'ñ' => 'n',
            'ā' => 'a',
            'ē' => 'e',
            'ī' => 'i',
            'ō' => 'o',
            'ū' => 'u',
            _ => c,
        };
        let len = plain.len_utf8();
        if n + len > buf.len() {
            return "";
        }
        plain.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    // Only whole characters were written, so the bytes are valid UTF-8.
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every two-word name of the table can be read: its first word opens
    /// a pair.
    #[test]
    fn every_two_word_name_opens_with_a_pair_first() {
        for (name, _, _) in COUNTRIES {
            if let Some((first, _)) = name.split_once(' ') {
                assert!(PAIR_FIRSTS.contains(&first), "{name}");
            }
        }
        for (text, code) in [
            ("Costa Rica and Costa Rica again", "CRC"),
            ("El Salvador", "USD"),
            ("Sierra Leone's capital", "SLE"),
        ] {
            assert_eq!(Place::new(text).leading(), Some(code), "{text}");
        }
    }

    #[test]
    fn local_dollars_are_letters_that_start_a_word() {
        let cases: &[(&str, bool)] = &[
            ("cost C$5 million", true),
            ("(HK$3.2bn)", true),
            ("at NT$1,085 a share", true),
            ("CA$ and A$ both", true),
            ("a plain $5", false),
            ("US$5 and $4", false),
            ("ABC$5", false),
            ("3C$5", false),
            ("éC$5", false),
            ("$", false),
        ];
        for (text, want) in cases {
            assert_eq!(local_dollar_written(text), *want, "{text}");
        }
    }

    #[test]
    fn shared_names_follow_the_country_a_document_names() {
        // (text, family, code)
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Mexico's biggest ride-hailing app", "peso", Some("MXN")),
            ("The Philippine central bank said", "peso", Some("PHP")),
            ("a story that names no country", "peso", None),
            ("RABAT - Morocco's locust unit", "dirham", Some("MAD")),
            ("Dubai's port operator", "dirham", Some("AED")),
            (
                "Subsidies in India rose. Indian homes",
                "rupee",
                Some("INR"),
            ),
            (
                "Pakistan and India. Pakistan's budget",
                "rupee",
                Some("PKR"),
            ),
            ("Paid in ₹ and rupees", "rupee", Some("INR")),
            ("Sri Lanka's tea exports", "rupee", Some("LKR")),
            // Provinces and cities count for their country.
            (
                "Crews from Ontario, Quebec and the United States",
                "dollar",
                Some("CAD"),
            ),
            ("Rents in Mumbai and Tamil Nadu", "rupee", Some("INR")),
            (
                "Crews from British Columbia and the US",
                "dollar",
                Some("CAD"),
            ),
            ("Ivory Coast cocoa farmers", "franc", Some("XOF")),
            ("Swiss banks", "franc", Some("CHF")),
            ("Canadian wildfires cost Canada", "dollar", Some("CAD")),
            // The local dollar written with its letters: "$" is the US one.
            ("Canadian wildfires cost C$386 million", "dollar", None),
            ("Canada sold more to the United States", "dollar", None),
            // A dollar country named in passing in a story set elsewhere.
            (
                "Sri Lanka's gem board said. Sri Lanka sold to Hong Kong",
                "dollar",
                None,
            ),
            (
                "Hong Kong's port and Hong Kong traders in Colombo",
                "dollar",
                Some("HKD"),
            ),
            ("Gem exporters in Colombo", "rupee", Some("LKR")),
            ("Landlords in Pune and Jaipur", "rupee", Some("INR")),
            ("Festival crowds in Guadalajara", "peso", Some("MXN")),
            ("Beekeepers in Moldova", "leu", Some("MDL")),
            ("Beekeepers in Romania and Moldova", "leu", Some("RON")),
            ("Zambian copper miners", "kwacha", Some("ZMW")),
            // Mongolia's districts are soums; Uzbekistan's money is.
            ("Herders in Mongolia", "soum", None),
            ("Cotton pickers in Uzbekistan", "soum", Some("UZS")),
            ("Doha's airport", "riyal", Some("QAR")),
            ("Kenya's shilling", "shilling", Some("KES")),
            ("Uganda's coffee board", "shilling", Some("UGX")),
            // A curly apostrophe and a plural demonym count too.
            (
                "Kenya and Uganda’s lake, where Ugandans fish",
                "shilling",
                Some("UGX"),
            ),
            ("Mexico's yen", "yen", None),
            ("Danish drugmaker in Copenhagen", "crown", Some("DKK")),
            (
                "Swedish banks in Stockholm and Norway",
                "crown",
                Some("SEK"),
            ),
            (
                "Tokyo-based studio, sales in China and Japan",
                "yen sign",
                Some("JPY"),
            ),
            ("Beijing's tech groups", "yen sign", Some("CNY")),
            // Lower-case words are not names: "india ink" is not a country.
            ("india ink and mexican food", "rupee", None),
        ];
        for (text, family, want) in cases {
            assert_eq!(Place::new(text).resolve(family), *want, "{text:?} {family}");
        }
    }

    #[test]
    fn nowhere_resolves_nothing() {
        for f in SHARED {
            assert_eq!(Place::nowhere().resolve(f), None, "{f}");
        }
    }
}
