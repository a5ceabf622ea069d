//! Source settings read from config: small accessors so the pipeline reads
//! each setting in one place.

use std::time::Duration;

use super::discover::UrlFilter;
use super::health::{self, Rung};
use crate::config::{Config, SourceConfig};

/// `[daemon] refuse_private_addresses` (default false).
pub fn refuse_private_addresses(cfg: &Config) -> bool {
    cfg.daemon.refuse_private_addresses
}

/// `[daemon] unhealthy_after` (default 3).
pub fn unhealthy_after(cfg: &Config) -> u32 {
    cfg.daemon.unhealthy_after
}

/// `[[source]] insecure` (default false): skip TLS verification.
pub fn insecure(src: &SourceConfig) -> bool {
    src.insecure
}

/// `[[source]] expect_update` (default none).
pub fn expect_update(src: &SourceConfig) -> Option<Duration> {
    src.expect_update
}

/// `[[source]] url_include` / `url_exclude`. The patterns were validated
/// with the config, so compiling cannot fail here; an empty filter is the
/// fallback all the same.
pub fn url_filter(src: &SourceConfig) -> UrlFilter {
    UrlFilter::new(&src.url_include, &src.url_exclude).unwrap_or_default()
}

/// `[[source]] recheck` ladder (default [`health::DEFAULT_LADDER`]).
pub fn recheck_ladder(src: &SourceConfig) -> Vec<Rung> {
    match &src.recheck {
        Some(rungs) => rungs
            .iter()
            .map(|(younger_than, every)| Rung {
                younger_than: *younger_than,
                every: *every,
            })
            .collect(),
        None => health::DEFAULT_LADDER.to_vec(),
    }
}
