//! Fuzz target: feed discovery (RSS, Atom, JSON Feed, with one repair
//! attempt) must return a list or an error on any bytes, never panic, and
//! only ever list http(s) URLs.
#![no_main]

use std::sync::LazyLock;

use claimwatch::source::discover::from_feed;
use libfuzzer_sys::fuzz_target;
use url::Url;

static BASE: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://news.example.org/feeds/latest.xml").expect("valid URL"));

fuzz_target!(|data: &[u8]| {
    if let Ok(found) = from_feed(data, &BASE) {
        for d in &found {
            let scheme = d.url.scheme();
            assert!(scheme == "http" || scheme == "https", "listed {}", d.url);
        }
    }
});
