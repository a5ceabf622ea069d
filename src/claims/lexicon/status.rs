//! Status phrases: the words that set a figure's status ("under
//! construction", "completed", "at risk") and the canonical status each
//! stands for, with a prefilter of their first words.

use super::Prefilter;

/// Every canonical status of [`STATUS`], and the phases of [`super::super::subject::status_in`].
pub(crate) const STATUS_NAMES: &[&str] = &[
    "negotiation",
    "under-construction",
    "implementation",
    "pipeline",
    "completed",
    "launched",
    "closed",
    "killed",
    "lost",
    "offered",
    "at-risk",
    "suspected",
    "intensive-care",
    "vacant",
    "pending",
    // A floor a rule sets ("at least 50 per cent ... must"), set in
    // [`super::super::DocState`], not read from a phrase.
    "minimum",
    "phase-1",
    "phase-2",
    "phase-3",
];

/// [`super::Prefilter`] of the first words of [`STATUS`].
pub(crate) const STATUS_FIRST: Prefilter = {
    let mut f = [0u32; 26];
    let mut i = 0;
    while i < STATUS.len() {
        f = Prefilter::with(f, STATUS[i].0[0]);
        i += 1;
    }
    Prefilter(f)
};

/// Status phrases: (surface words, canonical status). Matched in order, so
/// the more specific phrases come first.
pub(crate) const STATUS: &[(&[&str], &str)] = &[
    (&["negotiation"], "negotiation"),
    (&["negotiations"], "negotiation"),
    (&["negotiated"], "negotiation"),
    (&["talks"], "negotiation"),
    (&["under", "construction"], "under-construction"),
    (&["being", "built"], "under-construction"),
    (&["being", "constructed"], "under-construction"),
    (&["stages", "of", "completion"], "under-construction"),
    (&["stage", "of", "completion"], "under-construction"),
    (&["close", "to", "completion"], "under-construction"),
    (&["near", "completion"], "under-construction"),
    (&["nearing", "completion"], "under-construction"),
    (&["under", "implementation"], "implementation"),
    (&["being", "implemented"], "implementation"),
    (&["implementation", "stage"], "implementation"),
    (&["pipeline"], "pipeline"),
    (&["lined", "up"], "pipeline"),
    // Works carried out in full ("have been fully renovated").
    (&["fully", "renovated"], "completed"),
    (&["fully", "refurbished"], "completed"),
    (&["fully", "restored"], "completed"),
    (&["fully", "rebuilt"], "completed"),
    (&["fully", "repaired"], "completed"),
    (&["fully", "upgraded"], "completed"),
    (&["fully", "retrofitted"], "completed"),
    (&["fully", "rehabilitated"], "completed"),
    (&["completed"], "completed"),
    (&["complete"], "completed"),
    (&["finished"], "completed"),
    (&["operational"], "completed"),
    (&["commissioned"], "completed"),
    (&["done"], "completed"),
    (&["launched"], "launched"),
    (&["initiated"], "launched"),
    (&["closed"], "closed"),
    (&["shut"], "closed"),
    (&["non-functional"], "closed"),
    (&["vacant"], "vacant"),
    (&["unfilled"], "vacant"),
    // Cases, claims or applications not yet decided.
    (&["pending"], "pending"),
    (&["awaiting"], "pending"),
    // Animals or stock killed ("23 elephants were killed", "nine were
    // poached") or stolen, against the living population or the fleet;
    // people killed are deaths ([`super::cues::casualty`]) and take no
    // status. Only after a passive auxiliary ([`super::resolve`]).
    (&["killed"], "killed"),
    (&["poached"], "killed"),
    (&["culled"], "killed"),
    (&["culling"], "killed"),
    (&["stolen"], "lost"),
    // Shares, seats or plots put up for sale ("the 54,000,000 shares on
    // offer"), against those already held or sold.
    (&["on", "offer"], "offered"),
    // Jobs, homes or animals at risk, against those already lost.
    (&["at", "risk"], "at-risk"),
    // What mines, floods or fires "still threaten" is at risk; not
    // "threatened to strike" ([`super::super::subject::status_in`]).
    // Suspected cases, against the confirmed ones ("confirmed" is no part
    // of a key, [`super::KEY_STOP_WORDS`]).
    (&["suspected"], "suspected"),
    // Patients in intensive care, against all those in hospital.
    (&["intensive", "care"], "intensive-care"),
    (&["threaten"], "at-risk"),
    (&["threatens"], "at-risk"),
    (&["threatened"], "at-risk"),
];
