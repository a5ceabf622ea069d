//! claimwatch — a change-tracking news monitor that reads the numeric claims
//! in articles ("38 projects completed", "$25 billion invested") and alerts
//! when a claim changes.
//!
//! # Layout
//!
//! The path of one document is config → scheduler → fetch → (discover) →
//! extract → claims → diff → store → alert.
//!
//! - [`config`]: raw TOML → validated [`config::Config`], errors located.
//! - [`source`]: HTTP fetching with limits, discovery, per-host politeness.
//! - [`extract`]: HTML or plain text → [`extract::Article`]. Pure.
//! - [`claims`]: article text → [`claims::Claim`]s. Pure.
//! - [`diff`]: claim-level diff and timeline rules; defines [`diff::Alert`]. Pure.
//! - [`store`]: the sled database and its one-transaction commit.
//! - [`alert`]: sinks that deliver committed alerts (JSON-lines log, tracing).
//! - [`daemon`]: passes, the scheduler, reload, sd_notify, shutdown, the
//!   free-space guard, and reopening a database that stopped taking writes.
//! - [`commands`], [`cli`]: the command line; [`demo`]: the offline demo.
//!
//! Dependencies point one way: daemon → alert → store → diff → claims, with
//! source and extract beside them and config at the bottom.

pub mod alert;
pub mod claims;
pub mod cli;
pub mod commands;
pub mod config;
pub mod daemon;
pub mod demo;
pub mod diff;
pub mod extract;
pub mod logging;
pub mod source;
pub mod store;
