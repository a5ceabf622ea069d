//! Fuzz target: HTML article extraction must never panic on any UTF-8
//! document, with detection alone or with a body selector and exclusions.
#![no_main]

use claimwatch::extract::{ExtractOptions, extract_html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(html) = std::str::from_utf8(rest) else {
        return;
    };
    let opts = if mode & 1 == 1 {
        ExtractOptions {
            body_selector: Some("main article, .entry-content".into()),
            exclude_selectors: vec!["aside".into(), ".comments".into()],
        }
    } else {
        ExtractOptions::default()
    };
    let _ = extract_html(html, &opts);
});
