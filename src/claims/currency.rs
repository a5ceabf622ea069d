//! Currencies: the signs, ISO codes and names that make a figure an amount
//! of money, and which ISO code each one means.
//!
//! Hand-rolled: the currency crates carry ISO 4217 tables but not the
//! newspaper forms ("C$386 million", "R1.8-billion", "2 trillion won",
//! "Rs 40bn"), which are what an article writes.

use super::lexicon::ascii_lower;
pub(crate) use super::place::Place;
use super::token::Tok;

/// ISO 4217 codes read as written, before or after the amount ("CAD 40
/// million", "40 million ZAR"). Upper case only; codes that are also
/// ordinary words or names ("PHP", "ALL", "TOP") are left out.
const CODES: &[&str] = &[
    "USD", "PKR", "CNY", "EUR", "GBP", "INR", "KES", "NGN", "CAD", "AUD", "NZD", "HKD", "SGD",
    "TWD", "JPY", "KRW", "ZAR", "SAR", "AED", "QAR", "KWD", "BHD", "OMR", "EGP", "TRY", "RUB",
    "BRL", "MXN", "ARS", "CLP", "COP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "BDT",
    "LKR", "NPR", "IDR", "MYR", "THB", "VND", "GHS", "ETB", "TZS", "UGX", "MAD", "ILS", "IRR",
    "UAH", "KZT", "XOF", "XAF", "ISK", "RON", "BGN", "MDL", "AZN", "UZS", "KGS", "MNT", "ZMW",
    "MWK", "BWP", "AOA", "MZN", "RWF", "NAD", "JMD", "TTD", "FJD", "LAK", "KHR", "MMK", "XCD",
    "BZD", "SBD", "WST", "PGK", "CVE", "LSL",
];

/// An ISO code from [`CODES`], as the `'static` string units use.
pub(crate) fn iso_code(w: &str) -> Option<&'static str> {
    // Cheap test first: this runs on every word of a sentence with a figure.
    if w.len() != 3 || !w.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    CODES.iter().copied().find(|&c| c == w)
}

/// A code written next to an amount ("TND 826 million", "40 million
/// MUR"): one of [`CODES`], or one of the codes only [`Place`] produces
/// when it is not also a word ("ALL", "CUP", "SOS") or a programming
/// language ("PHP").
pub(crate) fn written_code(w: &str) -> Option<&'static str> {
    iso_code(w).or_else(|| {
        if w.len() != 3
            || !w.bytes().all(|b| b.is_ascii_uppercase())
            || w == "PHP"
            || super::place::WORD_CODES.contains(&w)
        {
            return None;
        }
        super::place::EXTRA_CODES.iter().copied().find(|&c| c == w)
    })
}

/// True for every unit this module can produce.
pub(crate) fn is_money_unit(unit: &str) -> bool {
    iso_code(unit).is_some() || super::place::EXTRA_CODES.contains(&unit)
}

/// A sign or abbreviation written before the amount: "$", "€", "Rs",
/// "KSh", "SR", or an ISO code.
pub(crate) fn prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        // The yen and the yuan share the sign; alone it is usually the yen
        // (English-language papers write "yuan" or "RMB" for China's).
        "¥" => "JPY",
        "RMB" => "CNY",
        "₨" | "Rs" | "RS" | "rs" | "Rs." => "PKR",
        "₹" => "INR",
        "KSh" | "Ksh" | "Sh" => "KES",
        "TSh" => "TZS",
        "USh" => "UGX",
        "₦" => "NGN",
        "₩" => "KRW",
        // The Turkish papers' own abbreviation of the lira ("TL 38,200").
        "₺" | "TL" => "TRY",
        "₽" => "RUB",
        "₫" => "VND",
        "฿" => "THB",
        "₵" => "GHS",
        "₪" => "ILS",
        "৳" | "Tk" => "BDT",
        "₴" => "UAH",
        "Rp" => "IDR",
        "RM" => "MYR",
        "SR" => "SAR",
        "QR" => "QAR",
        "Dh" | "Dhs" | "DH" => "AED",
        "₱" => "PHP",
        // Press abbreviations of the ngultrum ("Nu 1,150"), the boliviano
        // ("Bs 12 million") and the Gulf's rials and dinars ("RO 150",
        // "BD 2.4 million", "KD 310 million", "JD 40").
        "Nu" | "Nu." => "BTN",
        "Bs" | "Bs." => "BOB",
        "RO" => "OMR",
        "BD" => "BHD",
        "KD" => "KWD",
        "JD" => "JOD",
        // The Rwandan franc as Kigali's papers write it ("Rwf 400", "FRw 85 million").
        "Rwf" | "FRw" | "Frw" => "RWF",
        // The redenominated Sierra Leonean leone ("NLe 12").
        "NLe" => "SLE",
        "روپے" => "PKR",
        _ => return written_code(w),
    })
}

/// [`prefix`] as a document reads it: a sign several countries share
/// (the rupee's "Rs", a bare "$") takes the code of the country the
/// document names ([`Place`]), else its usual one. A written ISO code
/// ("PKR 40 billion") means what it says.
pub(crate) fn prefix_in(w: &str, place: &Place) -> Option<&'static str> {
    let family = match w {
        "₨" | "Rs" | "RS" | "rs" | "Rs." => "rupee",
        "$" => "dollar",
        "¥" => "yen sign",
        // East Africa's "Sh1.9 billion": Kenyan unless the story is elsewhere.
        "Sh" => "shilling",
        // The dirham: Morocco's or the Emirates'.
        "Dh" | "Dhs" | "DH" => "dirham",
        // The leone's "Le 250", only in a Sierra Leonean story: elsewhere
        // "Le" opens a French name.
        "Le" => return place.leading().filter(|c| *c == "SLE"),
        // The vatu's "VT 1,250", only in a story set in Vanuatu.
        "VT" => return place.leading().filter(|c| *c == "VUV"),
        _ => return prefix(w),
    };
    place.resolve(family).or_else(|| prefix(w))
}

/// The dollar a letter prefix glued to "$" names: "US$", "C$", "A$",
/// "NZ$", "HK$", "S$", "R$" (the Brazilian real), "MX$", "NT$".
pub(crate) fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" => "USD",
        "C" | "CA" | "Can" | "CAN" => "CAD",
        "A" | "AU" => "AUD",
        "NZ" => "NZD",
        "HK" => "HKD",
        "S" | "SG" => "SGD",
        "R" => "BRL",
        "MX" | "Mex" => "MXN",
        "NT" => "TWD",
        "FJ" => "FJD",
        "J" => "JMD",
        "TT" => "TTD",
        "EC" => "XCD",
        "T" => "TOP",
        "N" => "NAD",
        "BZ" => "BZD",
        "G" => "GYD",
        "SI" => "SBD",
        "WS" => "WST",
        "Bds" => "BBD",
        // The Dominican peso ("RD$310 million"), the Liberian dollar ("L$95 million").
        "RD" => "DOP",
        "L" => "LRD",
        _ => return None,
    })
}

/// A figure in cents ("up from 90 cents", "65 cents a pound") at token
/// `i`, the word after the number: the currency is the one the sentence
/// writes with another amount ("1.20 euros wholesale, up from 90 cents"),
/// else the dollar of the document's country ([`Place`]), else the US
/// dollar. Returns the code and the token after "cents"; the caller
/// divides the figure by a hundred.
pub(crate) fn cents(toks: &[Tok], i: usize, place: &Place) -> Option<(&'static str, usize)> {
    // Pence are the pound sterling's ("a final dividend of 4.4 pence"),
    // and so is a "p" glued to the figure in a British story ("286p").
    let t = toks.get(i)?;
    let glued_p = t.text == "p"
        && !t.space
        && place.leading() == Some("GBP")
        && toks.get(i + 1).is_none_or(|n| n.space || !n.is_word());
    if t.is_any(&["pence", "penny"]) || glued_p {
        return Some(("GBP", i + 1));
    }
    if !toks.get(i)?.is_any(&["cents", "cent"]) {
        return None;
    }
    let after_amount = |p: usize| {
        p.checked_sub(1)
            .and_then(|q| toks.get(q))
            .is_some_and(|t| t.is_num() || t.is_any(&["million", "billion", "thousand"]))
    };
    let named = (0..toks.len()).filter(|&p| p != i).find_map(|p| {
        if after_amount(p) {
            let word = |k: usize| toks.get(p + k).filter(|t| t.is_word()).map(|t| t.text);
            suffix(word, place).map(|(c, _)| c)
        } else if toks.get(p + 1).is_some_and(|n| n.is_num()) {
            prefix_in(toks[p].text, place)
        } else {
            None
        }
    });
    Some((
        named.unwrap_or_else(|| place.resolve("dollar").unwrap_or("USD")),
        i + 1,
    ))
}

/// A one-letter sign glued to its digits, read as money only when the
/// figure looks like an amount (a decimal point, a grouping separator or a
/// scale word after it): "R1.8-billion", "R45 million", "N1,200". Plain
/// "N95" or "R5" is a code. The Philippine papers' "P" is the peso's sign
/// in a story the Philippines ([`Place`]), amount or not: "fares of P13".
pub(crate) fn glued_letter(toks: &[Tok], i: usize, place: &Place) -> Option<&'static str> {
    let (p, t) = (toks.get(i.checked_sub(1)?)?, toks.get(i)?);
    if t.space || !t.is_num() || !p.is_word() {
        return None;
    }
    // A letter that is the currency of the story's country: amount or not
    // ("N865 a litre", "K350 a bag"), unless a noun follows as in a code
    // ("N95 masks", "K9 units").
    let local = |codes: &[&'static str]| {
        place.leading().filter(|c| codes.contains(c)).filter(|_| {
            !toks.get(i + 1).is_some_and(|n| {
                n.is_word()
                    && n.text.starts_with(|c: char| c.is_lowercase())
                    && !super::lexicon::is_function_word(n.text)
                    && super::lexicon::scale(n.text, !n.space).is_none()
            })
        })
    };
    let code = match p.text {
        "R" => "ZAR",
        // The naira's "N" in a Nigerian story.
        "N" if local(&["NGN"]).is_some() => return Some("NGN"),
        "N" => "NGN",
        // The kwacha's "K" (Zambia's, Malawi's), the kyat's and the kina's
        // (Papua New Guinea's), only where the story is: elsewhere "K2" is
        // a mountain.
        "K" => return local(&["ZMW", "MWK", "MMK", "PGK"]),
        // The lempira's "L", only in a Honduran story ("L12,000").
        "L" => return local(&["HNL"]),
        // The loti's "M" (plural maloti), only in a story set in Lesotho.
        "M" => return local(&["LSL"]),
        // The Philippine peso's "P", or the pula's where the story is in
        // Botswana ("P412.6 million").
        "P" => {
            return place
                .resolve("peso")
                .filter(|c| *c == "PHP")
                .or_else(|| local(&["BWP"]));
        }
        _ => return None,
    };
    // `toks.get(i)` succeeded above, so `i + 1 <= toks.len()` and the slice
    // below is in bounds (possibly empty).
    let amount_like = t.text.contains(['.', ','])
        || toks[i + 1..]
            .iter()
            .take(2)
            .find(|n| !n.is_punct('-'))
            .is_some_and(|n| super::lexicon::scale(n.text, !n.space).is_some());
    amount_like.then_some(code)
}

/// "212,000 euro starter kits", "40,000 dollar bills": a currency's
/// singular name at `j`, right after an unscaled figure, that opens a
/// plural noun phrase of up to three lower-case words names the things the
/// figure counts. "A 500 euro fine" (a singular noun) is money.
pub(crate) fn modifies_plural(toks: &[Tok], j: usize) -> bool {
    if !toks
        .get(j)
        .is_some_and(|t| matches!(t.text, "euro" | "dollar"))
    {
        return false;
    }
    let lower = |t: &&Tok| {
        t.is_word()
            && t.text.starts_with(|c: char| c.is_lowercase())
            && !super::lexicon::is_function_word(t.text)
    };
    let words: Vec<&Tok> = toks[j + 1..].iter().take(3).take_while(lower).collect();
    words
        .last()
        .is_some_and(|t| t.text.len() > 3 && t.text.ends_with('s') && !t.text.ends_with("ss"))
}

/// A currency name written after the amount, with the country adjective
/// that may precede it ("400 billion rupees", "386 million Canadian
/// dollars", "2 trillion won", "40 million ZAR"). `word(k)` is the k-th
/// word from the current position (None past a non-word). Returns the code
/// and the number of words read.
/// A name several countries use ("pesos", "rupees") takes the code of the
/// country the document names ([`Place`]).
pub(crate) fn suffix<'a>(
    word: impl Fn(usize) -> Option<&'a str>,
    place: &Place,
) -> Option<(&'static str, usize)> {
    let w0 = word(0)?;
    if let Some(c) = written_code(w0) {
        return Some((c, 1));
    }
    if w0 == "روپے" {
        return Some(("PKR", 1));
    }
    let mut b0 = [0u8; 32];
    let l0 = ascii_lower(w0, &mut b0);
    // Two-word adjectives: "Hong Kong dollars", "New Zealand dollars",
    // "South African rand", "Sri Lankan rupees", "South Korean won".
    if matches!(l0, "hong" | "new" | "south" | "sri")
        && let (Some(w1), Some(w2)) = (word(1), word(2))
    {
        let mut b1 = [0u8; 32];
        let l1 = ascii_lower(w1, &mut b1);
        if let Some(c) = adjective(&format!("{l0} {l1}"), name(w2)) {
            return Some((c, 3));
        }
    }
    // "350 FCFA a kilo", "300 CFA francs": the CFA franc, West African
    // unless the story is in Central Africa.
    if matches!(w0, "FCFA" | "CFA") {
        let central = place.resolve("franc").filter(|c| *c == "XAF");
        let n = if word(1).and_then(name).is_some_and(|n| n.family == "franc") {
            2
        } else {
            1
        };
        return Some((central.unwrap_or("XOF"), n));
    }
    if let Some(w1) = word(1)
        && let Some(c) = adjective(l0, name(w1))
    {
        return Some((c, 2));
    }
    name(w0)
        .and_then(|n| place.resolve(n.family).or(n.default))
        .map(|c| (c, 1))
}

/// A currency name: its family ("dollar") and the code it means alone.
#[derive(Clone, Copy)]
struct Name {
    family: &'static str,
    default: Option<&'static str>,
}

fn name(w: &str) -> Option<Name> {
    let mut b = [0u8; 32];
    let (family, default) = match ascii_lower(w, &mut b) {
        "dollar" | "dollars" => ("dollar", Some("USD")),
        "rupee" | "rupees" => ("rupee", Some("PKR")),
        "yuan" | "renminbi" => ("yuan", Some("CNY")),
        "euro" | "euros" => ("euro", Some("EUR")),
        // A weight outside the pound's countries ([`super::place`]).
        "pound" | "pounds" => ("pound", None),
        "shilling" | "shillings" => ("shilling", Some("KES")),
        "naira" => ("naira", Some("NGN")),
        "rand" => ("rand", Some("ZAR")),
        "riyal" | "riyals" => ("riyal", Some("SAR")),
        "rial" | "rials" => ("rial", None),
        "dirham" | "dirhams" => ("dirham", Some("AED")),
        "yen" => ("yen", Some("JPY")),
        "won" => ("won", Some("KRW")),
        "baht" => ("baht", Some("THB")),
        "ringgit" => ("ringgit", Some("MYR")),
        "rupiah" => ("rupiah", Some("IDR")),
        "taka" => ("taka", Some("BDT")),
        "lira" | "liras" => ("lira", Some("TRY")),
        "rouble" | "roubles" | "ruble" | "rubles" => ("rouble", Some("RUB")),
        "real" | "reais" => ("real", None),
        "peso" | "pesos" => ("peso", None),
        "franc" | "francs" => ("franc", None),
        "krona" | "kronor" => ("krona", Some("SEK")),
        // Icelandic: "8.9 billion krónur".
        "króna" | "krónur" | "kronur" => ("krona", Some("ISK")),
        "krone" | "kroner" => ("krone", None),
        // English for the Nordic and Czech currencies: "3.95 billion crowns".
        "crown" | "crowns" => ("crown", None),
        "dinar" | "dinars" => ("dinar", None),
        "zloty" | "zlotys" => ("zloty", Some("PLN")),
        "forint" | "forints" => ("forint", Some("HUF")),
        "cedi" | "cedis" => ("cedi", Some("GHS")),
        "birr" => ("birr", Some("ETB")),
        "shekel" | "shekels" => ("shekel", Some("ILS")),
        "hryvnia" | "hryvnias" => ("hryvnia", Some("UAH")),
        "tenge" => ("tenge", Some("KZT")),
        "dong" => ("dong", Some("VND")),
        // Peru's sol; also a shoe's sole, so only where Peru is named.
        "sol" | "soles" => ("sol", None),
        // Romania's leu, also Moldova's ("lei" is its plural).
        "leu" | "lei" => ("leu", Some("RON")),
        "lev" | "leva" => ("lev", Some("BGN")),
        "lari" => ("lari", Some("GEL")),
        "dram" | "drams" => ("dram", Some("AMD")),
        "manat" | "manats" => ("manat", Some("AZN")),
        "som" | "soms" => ("som", Some("KGS")),
        // Uzbekistan's "so'm" is written "soum"; "sum" is an English word.
        // Mongolia's districts are soums too, so only where Uzbekistan is
        // named.
        "soum" | "soums" => ("soum", None),
        "tugrik" | "tugriks" | "togrog" => ("tugrik", Some("MNT")),
        "kip" => ("kip", Some("LAK")),
        "riel" | "riels" => ("riel", Some("KHR")),
        "kyat" | "kyats" => ("kyat", Some("MMK")),
        // Zambia's kwacha, also Malawi's.
        "kwacha" => ("kwacha", Some("ZMW")),
        "pula" => ("pula", Some("BWP")),
        "kwanza" | "kwanzas" => ("kwanza", Some("AOA")),
        "metical" | "meticais" | "meticals" => ("metical", Some("MZN")),
        "ariary" => ("ariary", Some("MGA")),
        "leone" | "leones" => ("leone", Some("SLE")),
        "vatu" => ("vatu", Some("VUV")),
        "kina" => ("kina", Some("PGK")),
        "dalasi" | "dalasis" => ("dalasi", Some("GMD")),
        "lempira" | "lempiras" => ("lempira", Some("HNL")),
        // Cabo Verde's escudo (Portugal's is long gone).
        "escudo" | "escudos" => ("escudo", Some("CVE")),
        "loti" | "maloti" => ("loti", Some("LSL")),
        "pa'anga" | "pa’anga" | "paanga" => ("paanga", Some("TOP")),
        "quetzal" | "quetzales" | "quetzals" => ("quetzal", Some("GTQ")),
        // Costa Rica's colón; the plain "colon" is also the bowel.
        "colón" | "colones" => ("colon", Some("CRC")),
        "córdoba" | "córdobas" | "cordobas" => ("cordoba", Some("NIO")),
        "boliviano" | "bolivianos" => ("boliviano", Some("BOB")),
        "guaraní" | "guaraníes" | "guaranies" => ("guarani", Some("PYG")),
        "bolívar" | "bolívares" | "bolivares" => ("bolivar", Some("VES")),
        "rufiyaa" => ("rufiyaa", Some("MVR")),
        "ngultrum" | "ngultrums" => ("ngultrum", Some("BTN")),
        "lek" | "leke" | "leks" => ("lek", Some("ALL")),
        "denar" | "denars" | "denari" => ("denar", Some("MKD")),
        _ => return None,
    };
    Some(Name { family, default })
}

/// The code a country adjective gives a currency name ("Canadian" +
/// dollar = CAD); None when the pair is not a currency.
fn adjective(adj: &str, name: Option<Name>) -> Option<&'static str> {
    let family = name?.family;
    Some(match (adj, family) {
        ("us" | "american", "dollar") => "USD",
        ("canadian", "dollar") => "CAD",
        ("australian", "dollar") => "AUD",
        ("new zealand", "dollar") => "NZD",
        ("hong kong", "dollar") => "HKD",
        ("singapore", "dollar") => "SGD",
        ("taiwan" | "taiwanese", "dollar") => "TWD",
        ("pakistani", "rupee") => "PKR",
        ("indian", "rupee") => "INR",
        ("sri lankan", "rupee") => "LKR",
        ("nepalese" | "nepali", "rupee") => "NPR",
        ("indonesian", "rupiah") => "IDR",
        ("chinese", "yuan") => "CNY",
        ("egyptian", "pound") => "EGP",
        ("british", "pound") => "GBP",
        ("kenyan", "shilling") => "KES",
        ("ugandan", "shilling") => "UGX",
        ("tanzanian", "shilling") => "TZS",
        ("south african", "rand") => "ZAR",
        ("saudi", "riyal") => "SAR",
        ("qatari", "riyal") => "QAR",
        ("omani", "rial") => "OMR",
        ("iranian", "rial") => "IRR",
        ("uae" | "emirati", "dirham") => "AED",
        ("moroccan", "dirham") => "MAD",
        ("japanese", "yen") => "JPY",
        ("south korean" | "korean", "won") => "KRW",
        ("turkish", "lira") => "TRY",
        ("russian", "rouble") => "RUB",
        ("brazilian", "real") => "BRL",
        ("mexican", "peso") => "MXN",
        ("argentine" | "argentinian", "peso") => "ARS",
        ("chilean", "peso") => "CLP",
        ("colombian", "peso") => "COP",
        ("swiss", "franc") => "CHF",
        ("swedish", "krona") => "SEK",
        ("icelandic", "krona" | "crown") => "ISK",
        ("norwegian", "krone") => "NOK",
        ("danish", "krone" | "crown") => "DKK",
        ("norwegian", "crown") => "NOK",
        ("swedish", "crown") => "SEK",
        ("czech", "crown") => "CZK",
        ("polish", "zloty") => "PLN",
        ("ghanaian", "cedi") => "GHS",
        ("ethiopian", "birr") => "ETB",
        ("israeli", "shekel") => "ILS",
        ("vietnamese", "dong") => "VND",
        ("romanian", "leu") => "RON",
        ("moldovan", "leu") => "MDL",
        ("bulgarian", "lev") => "BGN",
        ("zambian", "kwacha") => "ZMW",
        ("malawian", "kwacha") => "MWK",
        ("namibian", "dollar") => "NAD",
        ("jamaican", "dollar") => "JMD",
        ("fijian", "dollar") => "FJD",
        ("liberian", "dollar") => "LRD",
        ("guyanese", "dollar") => "GYD",
        ("rwandan", "franc") => "RWF",
        ("congolese", "franc") => "CDF",
        ("guinean", "franc") => "GNF",
        ("sudanese", "pound") => "SDG",
        ("syrian", "pound") => "SYP",
        ("lebanese", "pound") => "LBP",
        ("libyan", "dinar") => "LYD",
        ("jordanian", "dinar") => "JOD",
        ("kuwaiti", "dinar") => "KWD",
        ("iraqi", "dinar") => "IQD",
        ("dominican", "peso") => "DOP",
        ("cuban", "peso") => "CUP",
        ("philippine", "peso") => "PHP",
        ("uruguayan", "peso") => "UYU",
        ("somali", "shilling") => "SOS",
        ("mauritian", "rupee") => "MUR",
        ("peruvian", "sol") => "PEN",
        _ => return None,
    })
}

#[cfg(test)]
#[path = "currency_tests.rs"]
mod tests;
