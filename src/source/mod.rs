//! Sources: fetching documents over HTTP within limits, discovering article
//! URLs in feeds, listings and sitemaps, and per-host politeness.

pub mod discover;
pub mod fetch;
pub mod politeness;

pub use fetch::{FetchError, FetchOutcome, FetchRequest, Fetched, Fetcher};
pub use politeness::HostPool;
