//! Unit tests of the currency tables: every code the module produces is
//! money, and the signs, codes and names read as their currencies.

use super::*;

#[test]
fn every_produced_code_is_money() {
    for w in [
        "$", "€", "£", "¥", "Rs", "₹", "KSh", "Sh", "TSh", "USh", "₦", "₩", "₺", "₽", "₫", "฿",
        "₵", "₪", "৳", "Tk", "₴", "Rp", "RM", "SR", "QR", "Dh", "DH", "₱", "TL", "CAD", "XOF",
        "Nu", "Bs", "RO", "BD", "KD", "JD",
    ] {
        let c = prefix(w).unwrap_or_else(|| panic!("{w} is a currency sign"));
        assert!(is_money_unit(c), "{w} -> {c}");
    }
    for w in [
        "C", "A", "NZ", "HK", "S", "R", "MX", "NT", "US", "FJ", "J", "TT", "EC", "N", "BZ", "G",
        "SI", "WS", "Bds",
    ] {
        assert!(is_money_unit(dollar_prefix(w).expect(w)), "{w}$");
    }
    assert!(!is_money_unit("count") && !is_money_unit("MW"));
    assert_eq!(
        prefix("PHP"),
        None,
        "a programming language, not a code we read"
    );
}

#[test]
fn suffix_names_read_their_adjective() {
    let cases: &[(&str, Option<(&str, usize)>)] = &[
        ("dollars", Some(("USD", 1))),
        ("Canadian dollars", Some(("CAD", 2))),
        ("Hong Kong dollars", Some(("HKD", 3))),
        ("New Zealand dollars", Some(("NZD", 3))),
        ("South African rand", Some(("ZAR", 3))),
        ("rand", Some(("ZAR", 1))),
        ("Indian rupees", Some(("INR", 2))),
        ("Sri Lankan rupees", Some(("LKR", 3))),
        ("rupees", Some(("PKR", 1))),
        ("won", Some(("KRW", 1))),
        ("riyals", Some(("SAR", 1))),
        ("Omani rials", Some(("OMR", 2))),
        ("rials", None),
        ("pesos", None),
        ("Mexican pesos", Some(("MXN", 2))),
        ("Swiss francs", Some(("CHF", 2))),
        ("Danish crowns", Some(("DKK", 2))),
        ("Swedish crowns", Some(("SEK", 2))),
        ("crowns", None),
        ("ZAR", Some(("ZAR", 1))),
        ("zar", None),
        ("Canadian tourists", None),
        ("tonnes", None),
        ("lei", Some(("RON", 1))),
        ("Moldovan lei", Some(("MDL", 2))),
        ("leva", Some(("BGN", 1))),
        ("Malawian kwacha", Some(("MWK", 2))),
        ("kwacha", Some(("ZMW", 1))),
        ("meticais", Some(("MZN", 1))),
        ("colones", Some(("CRC", 1))),
        ("colon", None),
        ("sum", None),
        ("Jamaican dollars", Some(("JMD", 2))),
        ("Rwandan francs", Some(("RWF", 2))),
    ];
    for (text, want) in cases {
        let words: Vec<&str> = text.split(' ').collect();
        let got = suffix(|k| words.get(k).copied(), &Place::nowhere());
        assert_eq!(got, *want, "{text:?}");
    }
}

#[test]
fn a_glued_letter_is_money_only_for_an_amount() {
    let cases = [
        ("R1.8-billion", Some("ZAR")),
        ("R45 million", Some("ZAR")),
        ("N1,200", Some("NGN")),
        ("R5", None),
        ("N95 masks", None),
        ("R 45 million", None),
        ("Q1.5 billion", None),
    ];
    for (text, want) in cases {
        let mut toks = Vec::new();
        super::super::token::tokenize(text, &mut toks);
        assert_eq!(glued_letter(&toks, 1, &Place::nowhere()), want, "{text:?}");
    }
    // The peso's "P" only where the story is.
    let manila = Place::new("Jeepney drivers in the Philippines said");
    for (text, place, want) in [
        ("P13", &manila, Some("PHP")),
        ("P2.4 million", &manila, Some("PHP")),
        ("P2.4 million", &Place::nowhere(), None),
        ("P5", &Place::new("Mexico City"), None),
        (
            "N865",
            &Place::new("Lagos marketers said Nigeria"),
            Some("NGN"),
        ),
        ("N865", &Place::nowhere(), None),
        ("K120 million", &Place::new("Lusaka, Zambia"), Some("ZMW")),
        ("K350", &Place::new("farmers in Malawi said"), Some("MWK")),
        ("K120 million", &Place::nowhere(), None),
        ("K9 units", &Place::new("Lusaka, Zambia"), None),
        (
            "N95 masks",
            &Place::new("Lagos marketers said Nigeria"),
            None,
        ),
    ] {
        let mut toks = Vec::new();
        super::super::token::tokenize(text, &mut toks);
        assert_eq!(glued_letter(&toks, 1, place), want, "{text:?}");
    }
}
