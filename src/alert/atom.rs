//! Atom (RFC 4287) rendering of recent alerts, so any feed reader can
//! subscribe. A handful of elements with escaping; no feed-writing crate is
//! needed for that.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::human_line;
use crate::diff::Alert;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Renders `alerts` (newest first) as an Atom feed. `feed_id` is a stable
/// IRI for the feed (e.g. `urn:claimwatch:<host>`); entry ids derive from it
/// and the alert id, so they never change.
pub fn render(feed_id: &str, self_url: &str, alerts: &[Alert], now: DateTime<Utc>) -> String {
    let updated = alerts
        .first()
        .map_or(now, |a| a.ts)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut s = String::new();
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <id>{}</id>\n  <title>claimwatch alerts</title>\n  <updated>{updated}</updated>\n  <author><name>claimwatch</name></author>\n  <link rel=\"self\" href=\"{}\"/>\n",
        esc(feed_id),
        esc(self_url)
    );
    for a in alerts {
        let ts = a.ts.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let title = human_line(a);
        let summary = format!(
            "{}\n\nSource: {} — {}\nQuoted: \"{}\"",
            title, a.source, a.url, a.sentence
        );
        let _ = write!(
            s,
            "  <entry>\n    <id>{}:alert:{}</id>\n    <title>{}</title>\n    <updated>{ts}</updated>\n    <published>{ts}</published>\n    <category term=\"{}\"/>\n",
            esc(feed_id),
            a.id,
            esc(&title),
            a.kind.as_str()
        );
        if a.url.starts_with("http://") || a.url.starts_with("https://") {
            let _ = writeln!(s, "    <link href=\"{}\"/>", esc(&a.url));
        }
        let _ = write!(s, "    <summary>{}</summary>\n  </entry>\n", esc(&summary));
    }
    s.push_str("</feed>\n");
    s
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::diff::AlertKind;

    fn alert(id: u64, sentence: &str) -> Alert {
        Alert {
            id,
            ts: Utc.with_ymd_and_hms(2026, 11, 1, 6, 0, 0).unwrap(),
            kind: AlertKind::Changed,
            quantity: "completed projects".into(),
            key: "k".into(),
            unit: "count".into(),
            old: Some(38.0),
            new: Some(41.0),
            delta: Some(3.0),
            delta_pct: Some(7.89),
            baseline: Some(38.0),
            as_of: None,
            source: "s".into(),
            url: "https://news.example/a?x=1&y=2".into(),
            title: "t".into(),
            sentence: sentence.into(),
            qualifier: Default::default(),
            old_url: None,
            old_sentence: None,
            old_as_of: None,
        }
    }

    #[test]
    fn feed_is_well_formed_atom_with_required_elements_and_stable_ids() {
        let alerts = [
            alert(2, "Rose to 41 <as \"quoted\"> & more\u{1}"),
            alert(1, "first"),
        ];
        let xml = render(
            "urn:claimwatch:test",
            "http://127.0.0.1:9797/alerts.atom",
            &alerts,
            Utc::now(),
        );
        let feed = feed_rs::parser::parse(xml.as_bytes()).expect("the feed parses");
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.id, "urn:claimwatch:test");
        assert!(feed.title.is_some() && feed.updated.is_some());
        assert_eq!(feed.entries.len(), 2);
        assert_eq!(feed.entries[0].id, "urn:claimwatch:test:alert:2");
        assert!(
            feed.entries
                .iter()
                .all(|e| e.title.is_some() && e.updated.is_some())
        );
        assert_eq!(
            feed.entries[0].links[0].href,
            "https://news.example/a?x=1&y=2"
        );
        assert!(xml.contains("<author>"));
        let again = render("urn:claimwatch:test", "x", &alerts[1..], Utc::now());
        assert!(
            again.contains("<id>urn:claimwatch:test:alert:1</id>"),
            "entry ids do not depend on the rest of the feed"
        );
    }
}
