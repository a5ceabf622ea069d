//! Fuzz target: config validation must report errors (with locations), never
//! panic, on any UTF-8 text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = claimwatch::config::from_str(Path::new("fuzz/claimwatch.toml"), text);
});
