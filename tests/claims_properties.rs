//! Property tests of the claims engine with a seeded generator: any value
//! written in any supported surface form reads back to the same value and
//! unit, and no input makes extraction or diffing panic.

use claimwatch::claims::{Lexicon, extract_claims};
use claimwatch::diff::diff_claims;

fn group_western(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn group_south_asian(n: u64) -> String {
    let s = n.to_string();
    if s.len() <= 3 {
        return s;
    }
    let (head, last3) = s.split_at(s.len() - 3);
    let mut out = String::new();
    for (i, c) in head.chars().enumerate() {
        if i > 0 && (head.len() - i) % 2 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out},{last3}")
}

fn spelled(n: u64) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let below_100 = |n: u64| -> String {
        // n < 100 by construction of the callers.
        let n = n as usize;
        if n < 20 {
            ONES[n].to_owned()
        } else if n.is_multiple_of(10) {
            TENS[n / 10].to_owned()
        } else {
            format!("{}-{}", TENS[n / 10], ONES[n % 10])
        }
    };
    if n < 100 {
        below_100(n)
    } else if n.is_multiple_of(100) {
        format!("{} hundred", ONES[(n / 100) as usize])
    } else {
        format!(
            "{} hundred and {}",
            ONES[(n / 100) as usize],
            below_100(n % 100)
        )
    }
}

fn eastern(s: &str, base: u32) -> String {
    s.chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(base + d))
                .unwrap_or(c)
        })
        .collect()
}

/// One surface form of a value: (text, expected value, expected unit).
fn surface(rng: &mut fastrand::Rng) -> (String, f64, &'static str) {
    match rng.u8(0..12) {
        0 => {
            let n = rng.u64(2_200..9_999_999_999);
            (
                format!("{} new accounts", group_western(n)),
                n as f64,
                "count",
            )
        }
        1 => {
            let n = rng.u64(2_200..9_999_999_999);
            (
                format!("{} new accounts", group_south_asian(n)),
                n as f64,
                "count",
            )
        }
        2 => {
            let n = rng.u64(2..1000);
            (format!("{} new accounts", spelled(n)), n as f64, "count")
        }
        3 => {
            let whole = rng.u64(1..999);
            let frac = rng.u64(0..100);
            let (word, mult) = [
                ("million", 1e6),
                ("billion", 1e9),
                ("bn", 1e9),
                ("mn", 1e6),
                ("trillion", 1e12),
            ][rng.usize(0..5)];
            let v = whole as f64 + frac as f64 / 100.0;
            (
                format!("{whole}.{frac:02} {word} new accounts"),
                v * mult,
                "count",
            )
        }
        4 => {
            let n = rng.u64(1..999);
            let (pre, unit) = [
                ("$", "USD"),
                ("US$", "USD"),
                ("Rs", "PKR"),
                ("Rs ", "PKR"),
                ("€", "EUR"),
                ("PKR ", "PKR"),
                ("RMB ", "CNY"),
            ][rng.usize(0..7)];
            let (word, mult) = [
                ("bn", 1e9),
                ("m", 1e6),
                (" billion", 1e9),
                (" million", 1e6),
                (" crore", 1e7),
                (" lakh", 1e5),
            ][rng.usize(0..6)];
            (format!("{pre}{n}{word} in fees"), n as f64 * mult, unit)
        }
        5 => {
            let n = rng.u64(2..999);
            let (word, unit) = [
                ("dollars", "USD"),
                ("rupees", "PKR"),
                ("yuan", "CNY"),
                ("euros", "EUR"),
            ][rng.usize(0..4)];
            (format!("{n} billion {word} in fees"), n as f64 * 1e9, unit)
        }
        6 => {
            let whole = rng.u64(0..100);
            let frac = rng.u64(0..100);
            let suffix = ["%", "pc", " per cent", " percent"][rng.usize(0..4)];
            (
                format!("{whole}.{frac:02}{suffix} of households"),
                whole as f64 + frac as f64 / 100.0,
                "percent",
            )
        }
        7 => {
            let n = rng.u64(2..99_999);
            let (suffix, unit) = [
                ("MW", "MW"),
                (" megawatts", "MW"),
                (" km", "km"),
                (" acres", "acres"),
                (" Mbps", "Mbps"),
                (" tonnes", "tonnes"),
            ][rng.usize(0..6)];
            (
                format!("{}{suffix} of new capacity", group_western(n)),
                n as f64,
                unit,
            )
        }
        8 => {
            let crore = rng.u64(1..99);
            let lakh = rng.u64(1..99);
            (
                format!("{crore} crore {lakh} lakh new accounts"),
                (crore * 10_000_000 + lakh * 100_000) as f64,
                "count",
            )
        }
        9 => {
            let n = rng.u64(2_200..999_999);
            let base = if rng.bool() { 0x660 } else { 0x6F0 };
            (
                format!("{} new accounts", eastern(&n.to_string(), base)),
                n as f64,
                "count",
            )
        }
        10 => {
            let n = rng.u64(32..999);
            (format!("{n}th place in the table"), n as f64, "ordinal")
        }
        _ => {
            let n = rng.u64(2..99);
            let (word, mult) =
                [("ہزار", 1e3), ("لاکھ", 1e5), ("کروڑ", 1e7), ("ارب", 1e9)][rng.usize(0..4)];
            (format!("{n} {word} new accounts"), n as f64 * mult, "count")
        }
    }
}

#[test]
fn any_surface_form_reads_back() {
    let mut rng = fastrand::Rng::with_seed(0x00c1_a1e5);
    let lexicon = Lexicon::default();
    for _ in 0..3000 {
        let (form, value, unit) = surface(&mut rng);
        let sentence = format!("The agency reported {form} this week.");
        let got = extract_claims(&sentence, None, &lexicon);
        let ok = got
            .iter()
            .any(|c| c.unit == unit && (c.value - value).abs() <= 1e-9 * value.abs().max(1.0));
        assert!(
            ok,
            "{sentence:?}: expected {value} {unit}, got {:?}",
            got.iter()
                .map(|c| (c.value, c.unit.clone()))
                .collect::<Vec<_>>()
        );
    }
}

const PIECES: &[&str] = &[
    " ",
    "  ",
    "\n",
    "\n\n",
    ".",
    ",",
    "-",
    "–",
    "/",
    "(",
    ")",
    "$",
    "€",
    "%",
    "Rs",
    "US$",
    "million",
    "bn",
    "m",
    "crore",
    "lakh",
    "arab",
    "over",
    "about",
    "from",
    "to",
    "between",
    "and",
    "of them",
    "others",
    "an equal number",
    "the",
    "projects",
    "users",
    "rose by",
    "in",
    "2019",
    "2021-22",
    "FY",
    "end-",
    "August",
    "3G",
    "M-",
    "٣",
    "۴",
    "ہزار",
    "کروڑ",
    "twenty",
    "-six",
    "half a",
    "a dozen",
    "7th",
    "0",
    "1,00,000",
    "12.5",
    "…",
    "“",
    "’s",
    "\u{0}",
    "🙂",
    "é",
    "ß",
    "İ",
];

#[test]
fn never_panics_on_arbitrary_input() {
    let mut rng = fastrand::Rng::with_seed(7);
    let lexicon = Lexicon::default();
    let mut previous = Vec::new();
    for round in 0..3000 {
        let mut s = String::new();
        for _ in 0..rng.usize(0..40) {
            if rng.u8(0..4) == 0 {
                // Any Unicode scalar value, including controls and marks.
                s.push(rng.char(..));
            } else {
                s.push_str(PIECES[rng.usize(0..PIECES.len())]);
                if rng.bool() {
                    s.push_str(&rng.u32(0..100_000).to_string());
                }
            }
        }
        let published = if round % 2 == 0 {
            chrono::NaiveDate::from_ymd_opt(2024, 1, 31)
        } else {
            None
        };
        let claims = extract_claims(&s, published, &lexicon);
        for c in &claims {
            assert!(
                s.contains(&c.sentence),
                "sentence not from the text: {:?}",
                c.sentence
            );
        }
        let _ = diff_claims(&previous, &claims);
        previous = claims;
    }
}
