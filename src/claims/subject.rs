//! Subjects and keys: turns the words of a noun phrase into a canonical
//! subject (status + modifiers + head), using light stemming and a synonym
//! table, and renders the stable key that matches a quantity across
//! differently worded documents.

use super::lexicon::{
    STATUS, STATUS_FIRST, SYNONYMS, is_generic_head, is_key_stop_word, is_ratio_head,
};
use super::np::W;
use super::token::plain_lower;

/// Common nouns that end a place's name ("the Paraguay River", "the Kariba
/// Dam") and head its measured quantities.
const GEOGRAPHIC_HEADS: &[&str] = &[
    "river",
    "lake",
    "dam",
    "canal",
    "reservoir",
    "bay",
    "lagoon",
    "glacier",
    "sea",
    "strait",
];

/// The canonical identity of what a figure counts or measures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Subject {
    /// Head noun, canonical and singular ("subscriber", "project").
    pub head: String,
    /// Canonical modifiers ("broadband", "cellular", "energy").
    pub mods: Vec<String>,
    /// Status that separates stocks of the same thing ("completed").
    pub status: Option<&'static str>,
}

impl Subject {
    /// Modifiers plus the head, as modifiers for another subject.
    pub fn mods_with_head(&self) -> Vec<String> {
        let mut v = self.mods.clone();
        if !self.head.is_empty() {
            v.push(self.head.clone());
        }
        v
    }

    /// Tests the head.
    pub fn head_is(&self, f: impl Fn(&str) -> bool) -> bool {
        f(&self.head)
    }

    /// Human-readable subject ("completed energy project").
    pub fn display(&self) -> String {
        let mut parts: Vec<&str> = Vec::with_capacity(self.mods.len() + 2);
        if let Some(s) = self.status {
            parts.push(s);
        }
        parts.extend(self.mods.iter().map(String::as_str));
        if !self.head.is_empty() {
            parts.push(&self.head);
        }
        parts.join(" ")
    }

    /// Stable key: status, sorted modifiers and head, then unit, then a
    /// marker for stated differences so they never match a level.
    pub fn key(&self, unit: &str, change: bool) -> String {
        let mut mods: Vec<&str> = self.mods.iter().map(String::as_str).collect();
        mods.sort_unstable();
        mods.dedup();
        let mut k = String::with_capacity(48);
        if let Some(s) = self.status {
            k.push_str(s);
            k.push(' ');
        }
        for m in mods {
            k.push_str(m);
            k.push(' ');
        }
        k.push_str(if self.head.is_empty() {
            "quantity"
        } else {
            &self.head
        });
        k.push('|');
        k.push_str(unit);
        if change {
            k.push_str("|change");
        }
        k
    }

    /// Adds modifiers not yet present.
    pub fn merge_mods(&mut self, more: &[String]) {
        for m in more {
            if !self.mods.contains(m) && *m != self.head {
                self.mods.push(m.clone());
            }
        }
        self.fix_conflicts();
    }

    /// "fixed" and "cellular" exclude each other: a fixed-line telephone is not cellular.
    pub fn fix_conflicts(&mut self) {
        if self.mods.iter().any(|m| m == "fixed") {
            self.mods.retain(|m| m != "cellular");
        }
        if !is_ratio_head(&self.head) {
            self.mods.retain(|m| m != "total");
        }
    }
}

/// Normalises words with stemming and the synonym table.
#[derive(Debug, Clone)]
pub(crate) struct Normalizer {
    /// (surface stems, canonical words), longest surfaces first.
    syn: Vec<(Vec<String>, Vec<String>)>,
    /// Indices into `syn` by the surface's first stem, in `syn` order.
    by_first: std::collections::HashMap<String, Vec<usize>>,
}

/// Acronyms kept in keys; any other all-capitals word names an organisation
/// or place and is dropped. These name quantities, not bodies: measures of
/// results (EBITDA, EPS, GMV), of the economy (GDP, CPI, PMI), and things
/// counted (SIMs, EVs, SMEs, ICU beds, ATMs).
const KNOWN_ACRONYMS: &[&str] = &[
    "sim", "sims", "gdp", "fdi", "sez", "sezs", "ict", "ngms", "it", "lng", "lpg", "ebitda",
    "ebit", "eps", "gmv", "arpu", "aum", "npl", "npls", "npa", "npas", "gva", "gnp", "gni", "cpi",
    "pmi", "capex", "opex", "ev", "evs", "suv", "suvs", "icu", "smes", "msmes", "atm", "atms",
    "vat", "gst", "ipo", "ipos",
];

/// A past participle that can follow its noun: the past forms of
/// [`super::np::is_participle`] and a few longer irregular ones.
fn post_participle(w: &str) -> bool {
    super::np::is_participle(w) || ["written", "shown", "driven", "stolen"].contains(&w)
}

impl Normalizer {
    /// Built-in synonyms, extended (and overridden) by `extra`.
    pub fn new(extra: &[(String, String)]) -> Self {
        let split = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .map(|w| stem(&w.to_lowercase()))
                .collect()
        };
        let mut syn: Vec<(Vec<String>, Vec<String>)> = extra
            .iter()
            .map(|(a, b)| {
                (
                    split(a),
                    b.split_whitespace().map(str::to_lowercase).collect(),
                )
            })
            .chain(
                SYNONYMS
                    .iter()
                    .map(|(a, b)| (split(a), b.split_whitespace().map(str::to_owned).collect())),
            )
            .filter(|(a, _)| !a.is_empty())
            .collect();
        syn.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        let mut by_first: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, (surface, _)) in syn.iter().enumerate() {
            by_first.entry(surface[0].clone()).or_default().push(i);
        }
        Self { syn, by_first }
    }

    /// The normalizer for `extra`, built once and shared while the same
    /// synonyms are asked for (building one stems every built-in synonym,
    /// which cost more than reading the claims of a short article).
    pub fn shared(extra: &[(String, String)]) -> std::sync::Arc<Self> {
        type Cache = Option<(Vec<(String, String)>, std::sync::Arc<Normalizer>)>;
        static CACHE: std::sync::Mutex<Cache> = std::sync::Mutex::new(None);
        // A poisoned lock only means another thread panicked while holding
        // it; the cached value is still a complete normalizer.
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((k, n)) = cache.as_ref()
            && k.as_slice() == extra
        {
            return n.clone();
        }
        let n = std::sync::Arc::new(Self::new(extra));
        *cache = Some((extra.to_vec(), n.clone()));
        n
    }

    /// Canonical tokens of a run of words (proper nouns, possessives and stop
    /// words removed, stemmed, synonyms applied).
    pub fn canon(&self, words: &[&W]) -> Vec<String> {
        let mut stems: Vec<String> = Vec::with_capacity(words.len());
        for (k, w) in words.iter().enumerate() {
            if w.punct {
                continue;
            }
            let t = w.text;
            if let Some(owner) = t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")) {
                // "coal's share of volumes": a share's owner names it (a
                // common noun only; "Pakistan's share" is a name).
                let share_next = words.get(k + 1).is_some_and(|n| n.is("share"));
                // Lower case only: a capital may start a name ("Pakistan's").
                let common = owner.chars().all(|c| c.is_ascii_lowercase());
                if share_next && !owner.is_empty() && common {
                    stems.push(stem_owned(owner.to_owned()));
                }
                continue;
            }
            // One pass over the word for every case test below.
            let (mut has_upper, mut lower_n, mut alpha_n, mut digit) =
                (false, 0usize, 0usize, false);
            for c in t.chars() {
                has_upper |= c.is_uppercase();
                lower_n += usize::from(c.is_lowercase());
                alpha_n += usize::from(c.is_alphabetic());
                digit |= c.is_ascii_digit();
            }
            // "of the 54,000,000 shares": a figure is never part of a name.
            if digit && alpha_n == 0 {
                continue;
            }
            // "ICT" or "SEZs": capitals, perhaps with a plural "s".
            let all_caps = (alpha_n >= 2 && lower_n == 0)
                || (t.len() >= 3 && t.ends_with('s') && lower_n == 1);
            if all_caps && !digit {
                let lower = plain_lower(t);
                if KNOWN_ACRONYMS.contains(&lower.as_str()) {
                    stems.push(stem_owned(lower));
                }
                continue;
            }
            if has_upper && !w.initial && t.chars().next().is_some_and(char::is_uppercase) {
                // "5.3 million Indonesians": people of a nation, as the head.
                if k + 1 == words.len() && is_demonym_plural(t) {
                    stems.push("people".to_owned());
                }
                // "The Paraguay River stood at 0.41 metres": the common noun
                // that ends a place's name is what is measured.
                if k + 1 == words.len() && k > 0 {
                    let lower = plain_lower(t);
                    if GEOGRAPHIC_HEADS.contains(&lower.as_str()) {
                        stems.push(lower);
                    }
                }
                // "the Betpak-Dala population", "the Ural herd": a name
                // right before a lower-case head names a part of the whole,
                // and so does each word of a two- or three-word name there
                // ("the premium Kala Moti variety").
                let head = words.len() - 1;
                let names_part = k < head
                    && head - k <= 3
                    && words[head]
                        .text
                        .starts_with(|c: char| c.is_ascii_lowercase())
                    && words[k + 1..head]
                        .iter()
                        .all(|n| n.text.starts_with(char::is_uppercase))
                    && !super::place::is_place_name(t);
                if names_part {
                    stems.push(plain_lower(t));
                }
                continue;
            }
            stems.push(stem_owned(plain_lower(t)));
        }
        self.apply_synonyms(stems)
    }

    fn apply_synonyms(&self, stems: Vec<String>) -> Vec<String> {
        let mut out = Vec::with_capacity(stems.len());
        let mut i = 0;
        'outer: while i < stems.len() {
            let candidates = self.by_first.get(&stems[i]).map_or(&[][..], Vec::as_slice);
            for &k in candidates {
                let (surface, canon) = &self.syn[k];
                let n = surface.len();
                if i + n <= stems.len() && stems[i..i + n] == surface[..] {
                    out.extend(canon.iter().cloned());
                    i += n;
                    continue 'outer;
                }
            }
            // Hyphenated words also match their spaced synonym ("fixed-line").
            if stems[i].contains('-') {
                let parts: Vec<String> = stems[i].split('-').map(stem).collect();
                if let Some((_, canon)) = self.syn.iter().find(|(s, _)| *s == parts) {
                    out.extend(canon.iter().cloned());
                    i += 1;
                    continue;
                }
            }
            out.push(stems[i].clone());
            i += 1;
        }
        out.retain(|w| !is_key_stop_word(w) || w == "total");
        out
    }

    /// Subject of a noun phrase; an "of" complement adds modifiers, or gives
    /// the head when the phrase's own head is generic ("the number of users").
    pub fn subject(&self, words: &[&W]) -> Subject {
        // "profit after tax (of the bank)": the noun before the link keeps
        // the head, the link and its noun become one modifier ("after-tax",
        // as "after-tax profit" is written).
        let link = words
            .iter()
            .position(|w| {
                w.text.eq_ignore_ascii_case("after") || w.text.eq_ignore_ascii_case("before")
            })
            .filter(|&p| p > 0 && p + 1 < words.len());
        if let Some(p) = link {
            let q = (p + 1..words.len())
                .find(|&i| words[i].text.eq_ignore_ascii_case("of"))
                .unwrap_or(words.len());
            let linked = self.canon(&words[p + 1..q]);
            let rest: Vec<&W> = words[..p].iter().chain(&words[q..]).copied().collect();
            let mut s = self.subject(&rest);
            if !linked.is_empty() {
                let m = format!("{}-{}", plain_lower(words[p].text), linked.join("-"));
                s.merge_mods(&[m]);
            }
            return s;
        }
        let of = words.iter().position(|w| w.text.eq_ignore_ascii_case("of"));
        let (pre, post) = match of {
            Some(p) => (&words[..p], &words[p + 1..]),
            None => (words, &words[..0]),
        };
        let mut pre_c = self.canon(pre);
        // "health spending" is health's; "total spending" keeps its head.
        while pre_c.len() > 1
            && pre_c.last().is_some_and(|h| is_generic_head(h))
            && !is_generic_head(&pre_c[pre_c.len() - 2])
        {
            pre_c.pop();
        }
        // "premiums written", "hectares planted": a participle after its
        // noun is the modifier it would be before it ("written premiums").
        if pre_c.len() >= 2 && pre_c.last().is_some_and(|w| post_participle(w)) {
            pre_c.rotate_right(1);
        }
        let post_c = self.canon(post);
        let pre_generic = pre_c.is_empty() || (pre_c.len() == 1 && is_generic_head(&pre_c[0]));
        let mut s = if pre_generic && !post_c.is_empty() {
            from_tokens(post_c)
        } else {
            let mut s = from_tokens(pre_c);
            s.merge_mods(&post_c);
            s
        };
        s.fix_conflicts();
        s
    }
}

fn from_tokens(mut toks: Vec<String>) -> Subject {
    let head = toks.pop().unwrap_or_default();
    let mut s = Subject {
        head,
        mods: Vec::new(),
        status: None,
    };
    s.merge_mods(&toks);
    s
}

/// Status phrase in a run of words, with the phase of a programme
/// ("second phase", "phase two") taking precedence.
pub(crate) fn status_in(words: &[W]) -> Option<&'static str> {
    const PHASES: [(&str, &str); 8] = [
        ("first", "phase-1"),
        ("second", "phase-2"),
        ("third", "phase-3"),
        ("one", "phase-1"),
        ("two", "phase-2"),
        ("three", "phase-3"),
        ("i", "phase-1"),
        ("ii", "phase-2"),
    ];
    for (k, w) in words.iter().enumerate() {
        let t = w.text;
        if t.eq_ignore_ascii_case("phase") {
            let before = k.checked_sub(1).map(|p| words[p].text);
            let after = words.get(k + 1).map(|n| n.text);
            for (ord, name) in PHASES {
                if before.is_some_and(|b| b.eq_ignore_ascii_case(ord))
                    || after.is_some_and(|a| a.eq_ignore_ascii_case(ord))
                {
                    return Some(name);
                }
            }
        }
    }
    for k in 0..words.len() {
        if !STATUS_FIRST.may_have(words[k].text) {
            continue;
        }
        for (surface, status) in STATUS {
            let n = surface.len();
            if k + n <= words.len()
                && surface
                    .iter()
                    .zip(&words[k..k + n])
                    .all(|(s, w)| w.text.eq_ignore_ascii_case(s))
                // "closed the year at": a period as the verb's object; a
                // thing killed or stolen cannot take one ("were killed last
                // year").
                && (matches!(*status, "killed" | "lost") || !names_a_period(&words[k + n..]))
                && !ends_a_period(&words[..k])
                && (*status != "at-risk" || threat_is_status(words, k))
            {
                return Some(status);
            }
        }
    }
    None
}

/// "The company finished 2024 with 1,262 shops", "closed the year at":
/// a status word as the verb of a period is no status of what is counted.
fn names_a_period(after: &[W]) -> bool {
    const PERIODS: [&str; 7] = ["year", "quarter", "month", "season", "week", "half", "day"];
    let Some(first) = after.first() else {
        return false;
    };
    let year = first.text.len() == 4 && first.text.bytes().all(|b| b.is_ascii_digit());
    let article = ["the", "its", "last", "their"]
        .iter()
        .any(|a| first.text.eq_ignore_ascii_case(a));
    year || super::lexicon::month(first.text).is_some()
        || (article
            && after
                .get(1)
                .is_some_and(|w| PERIODS.iter().any(|p| w.text.eq_ignore_ascii_case(p))))
}

/// A threat word at `k` sets "at-risk" as a verb of what is threatened
/// ("mines still threaten 1,940 villages", "1,940 villages are threatened"),
/// not as an intention ("workers threatened to strike") nor as a
/// participle after a noun ("relocated 64 nests threatened by erosion":
/// the figure counts nests moved).
fn threat_is_status(words: &[W], k: usize) -> bool {
    let w = &words[k];
    if !w
        .text
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("threat"))
    {
        return true;
    }
    let is = |w: Option<&W>, list: &[&str]| {
        w.is_some_and(|w| list.iter().any(|x| w.text.eq_ignore_ascii_case(x)))
    };
    let be = ["is", "are", "was", "were", "be", "been", "being"];
    !is(words.get(k + 1), &["to"])
        && (!w.text.eq_ignore_ascii_case("threatened")
            || is(k.checked_sub(1).map(|p| &words[p]), &be)
            || (k >= 2 && is(Some(&words[k - 2]), &be)))
}

/// "in the campaign that closed on March 31", "the season which ended":
/// a status word in a relative clause on a period says when the period
/// ended, not what became of the things counted. `before` is the run of
/// words before the status word.
fn ends_a_period(before: &[W]) -> bool {
    const PERIODS: [&str; 6] = ["campaign", "season", "year", "quarter", "period", "window"];
    let [.., noun, rel] = before else {
        return false;
    };
    ["that", "which"]
        .iter()
        .any(|r| rel.text.eq_ignore_ascii_case(r))
        && PERIODS.iter().any(|p| noun.text.eq_ignore_ascii_case(p))
}

/// Light English stemming: plural to singular ("companies" -> "company").
pub(crate) fn stem(w: &str) -> String {
    stem_owned(w.to_owned())
}

/// [`stem`] of an owned word, reusing its buffer.
pub(crate) fn stem_owned(mut w: String) -> String {
    if let Some(one) = irregular_singular(&w) {
        return one.to_owned();
    }
    let n = w.len();
    if n <= 3 || !w.is_ascii() || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w;
    }
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
        return w;
    }
    // "branches", "taxes", "passes": the plural adds "-es" after a sibilant.
    if ["ches", "shes", "xes", "sses", "zzes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        w.truncate(n - 2);
        return w;
    }
    // "campuses", "buses", "bonuses", "viruses": a noun in "-us" adds
    // "-es" (not "houses", "causes", "excuses", "refuses", "abuses").
    if n > 4
        && w.ends_with("uses")
        && !["ouses", "auses", "cuses", "fuses", "muses", "abuses"]
            .iter()
            .any(|e| w.ends_with(e))
    {
        w.truncate(n - 2);
        return w;
    }
    if w.ends_with('s') {
        w.truncate(n - 1);
    }
    w
}

/// Singular of the irregular plurals news counts most ("children", "women").
pub(crate) fn irregular_singular(w: &str) -> Option<&'static str> {
    Some(match w {
        "children" => "child",
        "men" => "man",
        "women" => "woman",
        // "-ves" plurals of "-f(e)" nouns; "olives" and "incentives" are not.
        "loaves" => "loaf",
        "leaves" => "leaf",
        "halves" => "half",
        "shelves" => "shelf",
        "calves" => "calf",
        "wolves" => "wolf",
        "knives" => "knife",
        "wives" => "wife",
        "lives" => "life",
        "thieves" => "thief",
        _ => return None,
    })
}

/// A capitalised plural that names the people of a nation ("Indonesians",
/// "Kenyans", "Filipinos", "Britons", "Pakistanis", "Portuguese"), by its
/// ending: after a figure, a name rarely ends so.
fn is_demonym_plural(w: &str) -> bool {
    w.len() > 5
        && ["ans", "ese", "nos", "ons", "nis", "qis", "ais"]
            .iter()
            .any(|e| w.ends_with(e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn plurals_stem_to_their_singular() {
        let rows = [
            ("companies", "company"),
            ("branches", "branch"),
            ("taxes", "tax"),
            ("campuses", "campus"),
            ("buses", "bus"),
            ("bonuses", "bonus"),
            ("viruses", "virus"),
            ("houses", "house"),
            ("causes", "cause"),
            ("excuses", "excuse"),
            ("abuses", "abuse"),
            ("uses", "use"),
            ("census", "census"),
            ("children", "child"),
            ("loaves", "loaf"),
            ("shelves", "shelf"),
            ("olives", "olive"),
            ("incentives", "incentive"),
        ];
        for (plural, one) in rows {
            assert_eq!(super::stem(plural), one, "{plural}");
        }
    }
}
