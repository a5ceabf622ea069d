//! Diff: compares claims, between two documents and against each quantity's
//! timeline, and defines the alerts it emits. Pure and synchronous.

pub mod claims;
mod direction;
mod keys;
mod matching;
mod pairing;
mod places;
mod relink;
mod secondary;
mod stop;
pub mod timeline;

pub use claims::{Change, ChangeKind, diff_claims, values_consistent};
pub use relink::{carried_keys, carry_keys, file_first_quarters};
pub use timeline::{Alert, AlertKind, DocContext, Evaluation, Timeline, TimelinePoint, evaluate};
