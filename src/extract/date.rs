//! Dates: reads calendar dates from metadata values ("2024-01-02T11:37+05:00"),
//! from prose ("December 8, 2019", "8 Dec 2019") and from URLs
//! ("/2022/09/20/", "/02-Jan-2024/").

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// Compiles a pattern written in this file.
fn re(pattern: &str) -> Regex {
    // The patterns are constants of this module, covered by the tests below,
    // so compiling them cannot fail at run time.
    Regex::new(pattern).expect("constant regex compiles")
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])"));
static COMPACT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|[T\s])"));
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})\b"
    ))
});
static ISO_ANY: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
static URL_YMD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)|[/_-](\d{4})-(\d{2})-(\d{2})(?:[/_-]|$)")
});
static URL_DMY: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)/(\d{{1,2}})-({MONTHS})-(\d{{4}})(?:/|$)")));

/// Month number of an English month name or abbreviation.
fn month(name: &str) -> Option<u32> {
    let m = name.to_ascii_lowercase();
    let n = match m.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// A date when the numbers form a plausible one (years 1900..=2100).
fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses a metadata value: ISO 8601 (date part), compact `YYYYMMDD`, or
/// an English written date. The calendar date as written is kept (no time
/// zone conversion).
pub fn parse_meta_date(value: &str) -> Option<NaiveDate> {
    let value = value.get(..value.len().min(200)).unwrap_or(value);
    if let Some(c) = ISO.captures(value).or_else(|| COMPACT.captures(value)) {
        return ymd(&c[1], c[2].parse().ok()?, &c[3]);
    }
    find_written_date(value)
}

/// Finds the first English written date ("December 8, 2019", "8 Dec 2019")
/// or ISO date in free text.
pub fn find_written_date(text: &str) -> Option<NaiveDate> {
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |pos: usize, date: Option<NaiveDate>| {
        if let Some(d) = date
            && best.is_none_or(|(p, _)| pos < p)
        {
            best = Some((pos, d));
        }
    };
    if let Some(c) = MDY.captures(text) {
        consider(
            c.get(0).map_or(0, |m| m.start()),
            month(&c[1]).and_then(|m| ymd(&c[3], m, &c[2])),
        );
    }
    if let Some(c) = DMY.captures(text) {
        consider(
            c.get(0).map_or(0, |m| m.start()),
            month(&c[2]).and_then(|m| ymd(&c[3], m, &c[1])),
        );
    }
    if let Some(c) = ISO_ANY.captures(text) {
        let m = c[2].parse().ok();
        consider(
            c.get(0).map_or(0, |m| m.start()),
            m.and_then(|m| ymd(&c[1], m, &c[3])),
        );
    }
    best.map(|(_, d)| d)
}

/// A date in a URL path: `/2022/09/20/`, `-2022-09-20`, `/02-Jan-2024/`.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    if let Some(c) = URL_YMD.captures(url) {
        let (y, m, d) = if c.get(1).is_some() {
            (1, 2, 3)
        } else {
            (4, 5, 6)
        };
        return ymd(&c[y], c[m].parse().ok()?, &c[d]);
    }
    let c = URL_DMY.captures(url)?;
    ymd(&c[3], month(&c[2])?, &c[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn meta_values() {
        let cases = [
            ("2024-01-02T11:37:00+05:00", d(2024, 1, 2)),
            ("2021-05-17", d(2021, 5, 17)),
            ("2019/12/08 10:00", d(2019, 12, 8)),
            ("20190405T101010Z", d(2019, 4, 5)),
            ("Sun, 08 Dec 2019 10:00:00 GMT", d(2019, 12, 8)),
            ("December 8, 2019", d(2019, 12, 8)),
            ("2019-02-30", None),
            ("1066-10-14", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_meta_date(input), want, "{input}");
        }
    }

    #[test]
    fn prose() {
        let cases = [
            ("Latest News - December 8, 2019", d(2019, 12, 8)),
            ("Published 3rd of March 2021 by staff", d(2021, 3, 3)),
            ("Sept. 14, 2020 update", d(2020, 9, 14)),
            ("on 8 Dec 2019 and on January 1, 2020", d(2019, 12, 8)),
            ("no date here, 2019 only", None),
        ];
        for (input, want) in cases {
            assert_eq!(find_written_date(input), want, "{input}");
        }
    }

    #[test]
    fn urls() {
        let cases = [
            ("https://x.example/2022/09/20/cell-users/", d(2022, 9, 20)),
            (
                "https://x.example/news/02-Jan-2024/36-projects",
                d(2024, 1, 2),
            ),
            (
                "https://x.example/national/2024-01-02/senate",
                d(2024, 1, 2),
            ),
            ("https://x.example/news/40067045/5340-mw", None),
            ("https://x.example/2022/13/40/x", None),
        ];
        for (input, want) in cases {
            assert_eq!(date_from_url(input), want, "{input}");
        }
    }
}
