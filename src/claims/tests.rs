//! Unit tests of the claims engine: number forms, exclusions, qualifiers,
//! kinds, dates, subjects and keys.
