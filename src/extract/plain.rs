//! Plain: reads plain-text documents. With a header (title line, `YYYY-MM-DD`
//! or `unknown` date line, URL line, blank line) the header fills the
//! metadata; without one the whole text is body, the title is the first line
//! and a written date near the top is the publication date. Every body line
//! is kept: plain text has no markup to tell furniture apart.

use super::Article;
use super::date::find_written_date;

/// How many leading lines may hold a written date when there is no header.
const DATE_SEARCH_LINES: usize = 6;

/// Reads a plain-text document: title line, date line, URL line, blank line, body.
pub fn parse_plain_text(text: &str) -> Article {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    if let Some(article) = with_header(&lines) {
        return article;
    }
    let non_empty: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(DATE_SEARCH_LINES)
        .collect();
    let first = non_empty.first().copied().unwrap_or("");
    // A breadcrumb line ("Home Latest News <headline>") often precedes the
    // headline itself; prefer a later line that the first one ends with.
    let title = non_empty
        .iter()
        .skip(1)
        .find(|l| l.len() >= 12 && first.len() > l.len() && first.ends_with(*l))
        .copied()
        .unwrap_or(first);
    let published = non_empty.iter().find_map(|l| find_written_date(l));
    Article {
        title: title.to_owned(),
        published,
        text: normalise_paragraphs(text),
        ..Article::default()
    }
}

/// The header form, when line 2 is a date or `unknown`.
fn with_header(lines: &[&str]) -> Option<Article> {
    let title = lines.first()?.trim();
    let date_line = lines.get(1)?.trim();
    let published = if date_line.eq_ignore_ascii_case("unknown") {
        None
    } else {
        let d = chrono::NaiveDate::parse_from_str(date_line, "%Y-%m-%d").ok()?;
        Some(d)
    };
    let mut body_from = 2;
    let mut url = None;
    if let Some(line) = lines.get(2).map(|l| l.trim()) {
        if line.starts_with("http://") || line.starts_with("https://") {
            url = Some(line.to_owned());
            body_from = 3;
        } else if line.is_empty() || line.eq_ignore_ascii_case("unknown") {
            body_from = 3;
        }
    }
    let body = lines.get(body_from..).unwrap_or(&[]).join("\n");
    Some(Article {
        title: title.to_owned(),
        published,
        url,
        text: normalise_paragraphs(&body),
        ..Article::default()
    })
}

/// Trims lines and paragraphs, keeps single line breaks inside a paragraph
/// and makes every paragraph break exactly one blank line.
pub(crate) fn normalise_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn header_form() {
        let a = parse_plain_text(
            "Title here\n2021-04-03\nhttps://x.example/a\n\nPara one.\n\n\nPara two.\n",
        );
        assert_eq!(a.title, "Title here");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 4, 3));
        assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.text, "Para one.\n\nPara two.");
    }

    #[test]
    fn unknown_date() {
        let a = parse_plain_text("T\nunknown\nhttps://x.example/\n\nBody.");
        assert_eq!(a.published, None);
        assert_eq!(a.text, "Body.");
    }

    #[test]
    fn no_header_keeps_everything() {
        let src = "Home News Big headline about things\nNews - December 8, 2019\n\nBig headline about things\n\nBody 38 projects.\n\nCheck Also\n";
        let a = parse_plain_text(src);
        assert_eq!(a.title, "Big headline about things");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2019, 12, 8));
        assert_eq!(a.url, None);
        assert!(a.text.starts_with("Home News Big headline"));
        assert!(a.text.ends_with("Body 38 projects.\n\nCheck Also"));
    }

    #[test]
    fn not_a_date_line() {
        let a = parse_plain_text("Heading\n2021-13-45\nmore");
        assert_eq!(a.title, "Heading");
        assert_eq!(a.published, None);
        assert_eq!(a.text, "Heading\n2021-13-45\nmore");
    }
}
