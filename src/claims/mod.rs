//! Claims: reads the numeric claims (value, unit, qualifier, kind, subject and a
//! stable quantity key) out of plain article text. Pure and synchronous.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a stated value relates to the true value ("over 161 million").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Exact as stated; serialised as `""`.
    #[default]
    #[serde(rename = "")]
    Exact,
    /// over, more than, above, exceeding, crossed.
    Over,
    /// under, less than, fewer than, below.
    Under,
    /// around, about, approximately, some, roughly.
    Around,
    /// nearly, almost, close to.
    Nearly,
    /// up to.
    UpTo,
    /// at least.
    AtLeast,
}

/// Whether a claim reports a state, a plan, or a stated difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A reported state.
    #[default]
    Actual,
    /// A plan, goal, forecast or projection.
    Target,
    /// A stated difference ("declined by 500,000").
    Change,
}

/// One numeric claim read from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The noun phrase the number counts or measures.
    pub subject: String,
    /// Stable identity of the quantity, used to match it across documents.
    pub key: String,
    /// The value with every scale word applied.
    pub value: f64,
    /// `count`, `USD`, `PKR`, `percent`, `MW`, ...
    pub unit: String,
    /// Qualifier of the stated value.
    pub qualifier: Qualifier,
    /// The date the claim is about.
    pub as_of: Option<NaiveDate>,
    /// actual, target or change.
    pub kind: ClaimKind,
    /// The sentence the claim was read from, as it stands in the text.
    pub sentence: String,
}

/// A quantity the user names in config; its terms identify it in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedQuantity {
    /// Display name, also the key of the quantity.
    pub name: String,
    /// Unit the quantity is measured in, when restricted.
    pub unit: Option<String>,
    /// Words that identify it in a sentence.
    pub terms: Vec<String>,
}

/// Vocabulary the engine uses beyond its built-in lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// User-named quantities, matched before derived keys.
    pub quantities: Vec<NamedQuantity>,
    /// Extra synonyms: (word, canonical word).
    pub synonyms: Vec<(String, String)>,
}

/// Reads every claim in `text`. `published` is the as-of date when the
/// sentence states none.
pub fn extract_claims(text: &str, published: Option<NaiveDate>, lexicon: &Lexicon) -> Vec<Claim> {
    let _ = (text, published, lexicon);
    Vec::new()
}
