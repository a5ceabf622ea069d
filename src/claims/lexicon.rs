//! Built-in word lists of the claims engine: number words, scale words,
//! currencies, units, months, stop words, status phrases and the general-news
//! synonym table that keys are normalised with. No topic-specific entries.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Lowercases an ASCII word into a stack buffer (no allocation); words that
/// are not ASCII or longer than the buffer come back unchanged.
pub(crate) fn ascii_lower<'b>(w: &'b str, buf: &'b mut [u8; 32]) -> &'b str {
    // One pass: anything non-ASCII, or no capital at all, is returned as is.
    let mut upper = false;
    for b in w.bytes() {
        if !b.is_ascii() {
            return w;
        }
        upper |= b.is_ascii_uppercase();
    }
    if !upper || w.len() > buf.len() {
        return w;
    }
    let out = &mut buf[..w.len()];
    out.copy_from_slice(w.as_bytes());
    out.make_ascii_lowercase();
    // Lowercasing ASCII bytes keeps them ASCII, so this is valid UTF-8.
    std::str::from_utf8(out).unwrap_or(w)
}

/// ASCII case-insensitive equality with cheap rejections first: most
/// comparisons of a word with a listed word fail on the length or the first
/// letter, and the full comparison is an out-of-line call. ASCII letters
/// differ from their capitals only in bit 0x20, so two bytes equal up to
/// ASCII case are equal once that bit is set: the first-byte check never
/// rejects a true match.
#[inline]
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len()
        && x.first().map(|c| c | 0x20) == y.first().map(|c| c | 0x20)
        && a.eq_ignore_ascii_case(b)
}

/// FNV-1a: a fast hash for short words (the sets are fixed, so no flooding risk).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastSet = HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

/// A quick test that rules most words out of an ASCII word list before any
/// lowercasing or hashing: for each first letter, the word lengths the list
/// has. A word that fails it is certainly not in the list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prefilter([u32; 26]);

impl Prefilter {
    /// Builds the filter of `words`, ASCII words shorter than 32 bytes.
    pub(crate) const fn new(words: &[&str]) -> Self {
        Self([0; 26]).and(words)
    }

    /// This filter with `words` added.
    pub(crate) const fn and(self, words: &[&str]) -> Self {
        let mut f = self.0;
        let mut i = 0;
        while i < words.len() {
            f = Self::with(f, words[i]);
            i += 1;
        }
        Self(f)
    }

    const fn with(mut f: [u32; 26], w: &str) -> [u32; 26] {
        let b = w.as_bytes();
        if !b.is_empty() {
            let c = (b[0] | 0x20).wrapping_sub(b'a');
            if c < 26 {
                f[c as usize] |= Self::bit(b.len());
            }
        }
        f
    }

    /// False when `w` cannot be in the list (ASCII case-insensitive).
    pub(crate) fn may_have(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let Some(&first) = b.first() else {
            return false;
        };
        let c = (first | 0x20).wrapping_sub(b'a');
        c < 26 && self.0[usize::from(c)] & Self::bit(b.len()) != 0
    }

    /// The bit of a word length; bit 0 stands for every length from 32 up.
    const fn bit(len: usize) -> u32 {
        if len < 32 { 1 << len } else { 1 }
    }
}

/// A word list stored as one space-separated string, looked up through a
/// hash set built on first use behind a [`Prefilter`].
pub(crate) struct WordSet {
    text: &'static str,
    set: LazyLock<(Prefilter, FastSet)>,
}

impl WordSet {
    const fn new(text: &'static str, build: fn() -> (Prefilter, FastSet)) -> Self {
        Self {
            text,
            set: LazyLock::new(build),
        }
    }

    /// Builds the lookup structures of a space-separated list.
    fn build(text: &'static str) -> (Prefilter, FastSet) {
        let words: Vec<&'static str> = text.split_ascii_whitespace().collect();
        (Prefilter::new(&words), words.into_iter().collect())
    }

    /// True when `w` (ASCII case-insensitive) is in the list.
    pub(crate) fn has(&self, w: &str) -> bool {
        let (filter, set) = &*self.set;
        // Words the filter cannot judge (non-ASCII first letters) are looked up.
        if w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && !filter.may_have(w) {
            return false;
        }
        let mut buf = [0u8; 32];
        set.contains(ascii_lower(w, &mut buf))
    }
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text)
    }
}

/// Declares a [`WordSet`] from a space-separated word list.
macro_rules! word_set {
    ($name:ident, $text:expr) => {
        static $name: WordSet = WordSet::new($text, || WordSet::build($text));
    };
}

/// Spelled-out cardinal numbers below one hundred that stand alone.
pub(crate) fn small_number(w: &str) -> Option<f64> {
    if !(3..=9).contains(&w.len()) {
        return None;
    }
    let v = match ascii_lower(w, &mut [0u8; 32]) {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(f64::from(v))
}

/// Denominators of spelled fractions ("one-third", "two-fifths").
pub(crate) fn fraction_denominator(w: &str) -> Option<f64> {
    match ascii_lower(w, &mut [0u8; 32]) {
        "half" | "halves" => Some(2.0),
        "third" | "thirds" => Some(3.0),
        "quarter" | "quarters" | "fourth" | "fourths" => Some(4.0),
        "fifth" | "fifths" => Some(5.0),
        "tenth" | "tenths" => Some(10.0),
        _ => None,
    }
}

/// Scale words and their multipliers. `glued` is true when the word is
/// written directly after the digits ("17bn", "143m").
pub(crate) fn scale(w: &str, glued: bool) -> Option<f64> {
    let m = match w {
        "ہزار" => 1e3,
        "لاکھ" => 1e5,
        "کروڑ" => 1e7,
        "ارب" => 1e9,
        "کھرب" => 1e11,
        _ => match ascii_lower(w, &mut [0u8; 32]) {
            "thousand" | "thousands" => 1e3,
            "million" | "millions" | "mn" | "mln" => 1e6,
            "billion" | "billions" | "bn" | "bln" => 1e9,
            "trillion" | "trillions" | "tn" | "trn" => 1e12,
            "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
            "crore" | "crores" => 1e7,
            "arab" | "arabs" => 1e9,
            "k" if glued => 1e3,
            "m" if glued => 1e6,
            "b" if glued => 1e9,
            _ => return None,
        },
    };
    Some(m)
}

/// A currency written before the amount ("$", "Rs", "PKR", "€"); see
/// [`super::currency`].
pub(crate) fn currency_prefix(w: &str) -> Option<&'static str> {
    super::currency::prefix(w)
}

/// True for the units of money.
pub(crate) fn is_money_unit(unit: &str) -> bool {
    super::currency::is_money_unit(unit)
}

/// Measurement units written after the amount, as (surface, unit name).
pub(crate) fn unit_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "MW" | "mw" | "Mw" => "MW",
        "GW" | "gw" => "GW",
        "kW" | "KW" | "kw" => "kW",
        "MWh" | "GWh" => return Some(if w == "MWh" { "MWh" } else { "GWh" }),
        "km" | "KM" | "Km" => "km",
        "Mbps" | "mbps" | "MBPS" => "Mbps",
        "Gbps" | "gbps" => "Gbps",
        "MTPA" | "mtpa" => "MTPA",
        // Million acre-feet, the measure of reservoir storage in South Asia.
        "MAF" => "MAF",
        "MHz" | "mhz" => "MHz",
        "GB" | "MB" | "TB" => {
            return Some(if w == "GB" {
                "GB"
            } else if w == "MB" {
                "MB"
            } else {
                "TB"
            });
        }
        "MMCFD" | "mmcfd" => "MMCFD",
        "TEU" | "TEUs" | "teu" => "TEU",
        "ft" => "feet",
        "oz" => "oz",
        "kg" | "Kg" | "KG" => "kg",
        // Lower case only: the tonne's symbol ("245,800 t of olive oil").
        "t" => "tonnes",
        "bpd" | "BPD" => "bpd",
        "Ml" | "ML" => "megalitres",
        "mm" => "mm",
        "ml" | "mL" => "ml",
        "cm" => "cm",
        "ha" => "hectares",
        // Lower case only: "Rai" is also a surname.
        "rai" => "rai",
        "kWh" | "KWh" | "kwh" => "kWh",
        "TWh" | "twh" => "TWh",
        "mph" => "mph",
        "kph" | "kmph" => "km/h",
        "فیصد" => "percent",
        _ => match ascii_lower(w, &mut [0u8; 32]) {
            "megawatt" | "megawatts" => "MW",
            "gigawatt" | "gigawatts" => "GW",
            "kilowatt" | "kilowatts" => "kW",
            "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
            "acre" | "acres" => "acres",
            "hectare" | "hectares" => "hectares",
            // Local land measures: Thailand's rai, Egypt's feddan, the
            // Levant's dunam, South Asia's kanal and bigha, Greece's stremma.
            "feddan" | "feddans" => "feddans",
            "dunam" | "dunams" | "dunum" | "dunums" => "dunams",
            "kanal" | "kanals" => "kanals",
            "bigha" | "bighas" => "bighas",
            "stremma" | "stremmata" | "stremmas" => "stremmata",
            "tonne" | "tonnes" | "ton" | "tons" => "tonnes",
            "metre" | "metres" | "meter" | "meters" => "m",
            "barrel" | "barrels" => "barrels",
            "foot" | "feet" => "feet",
            "ounce" | "ounces" => "oz",
            "cusec" | "cusecs" => "cusecs",
            "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilo" | "kilos" => "kg",
            "gram" | "grams" | "gramme" | "grammes" => "g",
            "mg" | "milligram" | "milligrams" | "milligramme" | "milligrammes" => "mg",
            "litre" | "litres" | "liter" | "liters" => "litres",
            "hectolitre" | "hectolitres" | "hectoliter" | "hectoliters" | "hl" => "hectolitres",
            // A quake's size ("a 7.1-magnitude quake"); Egypt's piastre.
            "magnitude" => "magnitude",
            "piastre" | "piastres" | "piaster" | "piasters" => "piastres",
            // A gemstone's weight; the quintal (100 kg) of grain and
            // fertiliser trade in Africa, Latin America and southern Europe.
            "carat" | "carats" => "carats",
            "quintal" | "quintals" => "quintals",
            "megalitre" | "megalitres" | "megaliter" | "megaliters" => "megalitres",
            "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
            "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
            "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
            "percentile" => "percentile",
            "gallon" | "gallons" => "gallons",
            "terabyte" | "terabytes" => "TB",
            "gigabyte" | "gigabytes" => "GB",
            "megabyte" | "megabytes" => "MB",
            "mile" | "miles" => "miles",
            // Money in the pound's countries: the currency suffix is read first.
            "pound" | "pounds" | "lb" | "lbs" => "lb",
            "percent" | "pc" | "pct" => "percent",
            _ => return None,
        },
    })
}

/// The unit a count is measured in when its head noun only names a unit
/// of measure ("hours streamed rose to 1.19 billion"). Nouns that also
/// name things are left out: "water meters", "skier days", "air miles".
pub(crate) fn head_unit(head: &str) -> Option<&'static str> {
    // A quake's size ("the quake's magnitude down to 6.9") is a measure too.
    word_set!(
        MEASURE_HEADS,
        "tonne ton hectare acre barrel litre liter gallon kilometre kilometer kilogram megawatt \
        gigawatt hour minute percentile magnitude hectolitre"
    );
    if !MEASURE_HEADS.has(head) {
        return None;
    }
    unit_word(head).or_else(|| super::duration::unit(head))
}

/// Month number of a month name or common abbreviation.
pub(crate) fn month(w: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    /// Abbreviations and their month numbers.
    const ABBR: [&str; 12] = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    const ABBR_MONTH: [u32; 12] = [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12];
    const FILTER: Prefilter = Prefilter::new(&NAMES).and(&ABBR);
    if w.len() < 3 || !FILTER.may_have(w) || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 32];
    let lw = ascii_lower(w, &mut buf);
    if let Some(i) = NAMES.iter().position(|n| *n == lw) {
        return Some(i as u32 + 1);
    }
    // "May" is also a modal verb; only the capitalised abbreviations count.
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    ABBR.iter().position(|a| *a == lw).map(|i| ABBR_MONTH[i])
}

word_set!(
    TIME_UNITS,
    "year years yr yrs month months week weeks day days hour hours hr hrs minute minutes min \
    mins seconds decade decades century centuries am pm o'clock o’clock gmt pkt degree degrees celsius \
    fahrenheit inch inches nanometre nanometres nanometer nanometers"
);

/// Words after a number that make it a duration, age, time or temperature,
/// or the size that names a kind of product ("12-inch wafers",
/// "7-nanometre chips"), not a claim.
pub(crate) fn is_time_unit(w: &str) -> bool {
    TIME_UNITS.has(w)
}

word_set!(
    IDENTIFIER_WORDS,
    "rule rules section sections article articles clause chapter para paragraph no nos page \
    phase stage version model grade tier class category part round plot block sector street \
    room flat house lane route gate schedule annex item serial vol volume issue edition \
    episode season covid highway motorway platform unit terminal berth level act ordinance \
    aged age ages grades classes phases stages chapters pages items units routes blocks \
    sectors line lines helpline hotline dial extension ext fax tel flight flights pit shaft \
    runway pier reactor ward bay code ticker symbol district precinct iso regulation regulations \
    ring calling dialling dialing kilometre kilometer parallel milepost exit"
);

/// Words before a number that make it an identifier (rule 218, phase 2).
pub(crate) fn is_identifier_word(w: &str) -> bool {
    IDENTIFIER_WORDS.has(w)
}

word_set!(
    FURNITURE_NOUNS,
    "comment comments replies reply views shares likes photos"
);

/// Words after a number that mark byline and page furniture counts.
pub(crate) fn is_furniture_noun(w: &str) -> bool {
    FURNITURE_NOUNS.has(w)
}

word_set!(
    FUNCTION_WORDS,
    "of in on at to for from by with worth valued costing involving carrying and or but is \
    are was were be been being has have had will would could can may might shall should the \
    a an that which who as than per across under over into this it they he she we said says \
    while whereas also now still so then there here up down against between among after \
    before during since until till via about around nearly if when where not no only each \
    every all both above below beyond exceeding roughly approximately almost some more less \
    fewer least just them those these another further according far though although aside \
    already alone alongside beside within including excluding"
);

/// Function words that end a noun phrase.
pub(crate) fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.has(w)
}

word_set!(
    VERBS,
    "is are was were has have had stood stands stand reached reach reaches hit hits touched \
    touch numbered totalled totaled totals rose rise rises fell falls fall went go goes grew \
    grow grows climbed climb climbs declined decline declines dropped drop drops slipped \
    eased increased increase decreased jumped jump surged exceed exceeds exceeded crossed \
    crosses accounted amounted remained remains stayed kept shrank gets got came added lost \
    use used said says showed shows will would could can supplied put listed gives giving \
    can't risen fallen grown shrunk become became won set take takes took taken \
    sought make makes made brought bring brings fetched earned generated expects expect \
    anticipates intends posted booked compares compare raise raises raised lifted lowers \
    lowered boosts boosted trims trimmed doubles doubled reduces reduced remain spent"
);

/// Words of approximation right before a figure ("about 11,000", "some
/// 460"), as the subject rules skip them.
pub(crate) const APPROXIMATIONS: [&str; 6] =
    ["about", "around", "roughly", "some", "nearly", "almost"];

/// Finite verbs that separate a clause's subject from its figure.
pub(crate) fn is_verb(w: &str) -> bool {
    VERBS.has(w)
}

word_set!(
    KEY_STOP_WORDS,
    "a an the its their his her our your my this these those such more other others further \
    additional extra another new separate some several various many few monthly annual annualized \
    annualised yearly daily weekly current latest recent combined estimated equal same odd so \
    or and nearly about around over than of major key big large small main mega flagship \
    important significant numerous now still also both all each overall total fast growing \
    fast-growing completed complete finished operational commissioned launched initiated \
    ongoing pending awaiting closed shut non-functional vacant unfilled record higher lower \
    attributable available full-year confirmed suspected must shall should"
);

/// Words that never belong in a key: determiners, quantity words, time
/// adjectives and evaluative adjectives.
pub(crate) fn is_key_stop_word(w: &str) -> bool {
    KEY_STOP_WORDS.has(w)
}

word_set!(
    GENERIC_HEADS,
    "base number figure count tally mark level rate size total length traffic volume spending \
    allocation estimate unit units"
);

/// Heads that name the figure itself rather than what it counts; the word
/// before them is the real head ("subscriber base", "penetration rate").
pub(crate) fn is_generic_head(w: &str) -> bool {
    GENERIC_HEADS.has(w)
}

word_set!(
    VALUE_HEADS,
    "value worth cost price tag investment capacity amount sum outlay total average"
);

/// Heads that measure a value of something else ("worth", "price tag of").
pub(crate) fn is_value_head(w: &str) -> bool {
    VALUE_HEADS.has(w)
}

word_set!(
    COLLECTIVE_HEADS,
    "fleet fleets network networks portfolio workforce chain herd roster"
);

/// Nouns that name a collection by its members ("a fleet of 64 trainsets",
/// "a network of 612 branches"): the count is the collection's size.
pub(crate) fn is_collective_head(w: &str) -> bool {
    COLLECTIVE_HEADS.has(w)
}

word_set!(RATIO_HEADS, "penetration teledensity density share ratio");

/// Ratio heads whose key keeps the clause subject's modifiers and the word "total".
pub(crate) fn is_ratio_head(w: &str) -> bool {
    RATIO_HEADS.has(w)
}

mod status;
pub(crate) use status::{STATUS, STATUS_FIRST, STATUS_NAMES};

pub(crate) use super::synonyms::SYNONYMS;

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
