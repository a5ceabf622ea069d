//! Source settings that are not config keys yet: each function returns
//! today's default, so wiring a key later changes only its body.

use std::time::Duration;

use super::discover::UrlFilter;
use super::health::{self, Rung};
use crate::config::{Config, SourceConfig};

/// `[daemon] refuse_private_addresses` (bool, default false).
pub fn refuse_private_addresses(_cfg: &Config) -> bool {
    false
}

/// `[daemon] unhealthy_after` (count, default 3).
pub fn unhealthy_after(_cfg: &Config) -> u32 {
    health::UNHEALTHY_AFTER
}

/// `[[source]] insecure` (bool, default false): skip TLS verification.
pub fn insecure(_src: &SourceConfig) -> bool {
    false
}

/// `[[source]] expect_update` (duration, default none).
pub fn expect_update(_src: &SourceConfig) -> Option<Duration> {
    None
}

/// `[[source]] url_include` / `url_exclude` (regex lists, default empty).
pub fn url_filter(_src: &SourceConfig) -> UrlFilter {
    UrlFilter::default()
}

/// `[[source]] recheck` ladder (default [`health::DEFAULT_LADDER`]).
pub fn recheck_ladder(_src: &SourceConfig) -> &'static [Rung] {
    health::DEFAULT_LADDER
}
