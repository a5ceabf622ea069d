//! Sources: fetching documents over HTTP within limits, discovering article
//! URLs in feeds, listings and sitemaps, robots.txt, per-host politeness
//! (persisted host state), and the retry policy.

pub mod addr;
pub mod discover;
pub mod feedfix;
pub mod fetch;
pub mod gate;
pub mod health;
pub mod hoststate;
pub mod politeness;
pub mod retry;
pub mod robots;
pub mod robots_fetch;
pub mod settings;

pub use fetch::{FetchError, FetchOptions, FetchOutcome, FetchRequest, Fetched, Fetcher};
pub use politeness::HostPool;
