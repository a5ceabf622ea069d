//! Quantity keys read as parts ("status mods head|unit[|marker]"): their
//! head, modifiers and status, whether two name one period, and whether
//! one refines the other.

/// Parts of a key: (words before the head, head and the rest). Keys are
/// "status mods head|unit[|change]".
pub(super) fn key_parts(key: &str) -> Option<(Vec<&str>, &str, &str)> {
    let (subject, rest) = key.split_once('|')?;
    let mut words: Vec<&str> = subject.split(' ').collect();
    let head = words.pop()?;
    Some((words, head, rest))
}

/// [`key_parts`] of a collection's key by what it counts: "bicycle fleet"
/// (a fleet of 2,150 bicycles) counts bicycles. `None` for other keys.
fn counted_parts(key: &str) -> Option<(Vec<&str>, &str, &str)> {
    let (mut words, head, rest) = key_parts(key)?;
    if !crate::claims::is_collective_head(head) {
        return None;
    }
    let counted = words.pop()?;
    Some((words, counted, rest))
}

/// True when one key names the other with extra modifiers ("house|count"
/// and "destroyed house|count"): same head, unit and status, and one set of
/// modifiers within the other. A key without a head ("quantity") never
/// matches this way.
pub(super) fn refines(a: &str, b: &str) -> bool {
    refines_parts(key_parts(a), key_parts(b))
}

/// Whether two keys' ends after the subject ("MW|q1", "MW") name one
/// period: the same, or a level of the first quarter against a quarter's
/// or the year so far's ("capacity|MW|q1" against "wind capacity|MW"). A
/// stated difference keeps its period: the first quarter's growth is not
/// the nine months'.
pub(super) fn same_period(ra: &str, rb: &str) -> bool {
    ra == rb
        || (!ra.ends_with("|change")
            && (crate::claims::is_first_quarter_of(ra, rb)
                || crate::claims::is_first_quarter_of(rb, ra)))
}

/// [`refines`] with a collection's key read by what it counts.
pub(super) fn refines_counted(a: &str, b: &str) -> bool {
    let parts = |k| counted_parts(k).or_else(|| key_parts(k));
    refines_parts(parts(a), parts(b))
}

fn refines_parts(a: Option<(Vec<&str>, &str, &str)>, b: Option<(Vec<&str>, &str, &str)>) -> bool {
    let (Some((ma, ha, ra)), Some((mb, hb, rb))) = (a, b) else {
        return false;
    };
    if ha != hb || !same_period(ra, rb) || ha == "quantity" {
        return false;
    }
    if status_of(&ma) != status_of(&mb) {
        return false;
    }
    let (small, large) = if ma.len() <= mb.len() {
        (&ma, &mb)
    } else {
        (&mb, &ma)
    };
    // A bare share says nothing of what it is a share of ("48 per cent of
    // homes" against "Bavaria's share of approvals"): not refined, another.
    // A share price ("share|KRW") is refined as usual.
    if small.is_empty() && crate::claims::is_ratio_head(ha) && ra.starts_with("percent") {
        return false;
    }
    small.iter().all(|w| large.contains(w))
}

/// [`status_of`] read straight from a key: its first word, when the
/// subject has more than one and that word is a status. Cheap enough for
/// every comparison of two figures ([`super::matching::comparable`]).
pub(super) fn key_status(key: &str) -> Option<&str> {
    let subject = key.split_once('|').map_or(key, |(s, _)| s);
    subject
        .split_once(' ')
        .map(|(first, _)| first)
        .filter(|w| crate::claims::STATUS_NAMES.contains(w))
}

/// The status a key's modifiers open with ("completed" in "completed
/// project"), if any.
pub(super) fn status_of<'a>(mods: &[&'a str]) -> Option<&'a str> {
    mods.first()
        .copied()
        .filter(|w| crate::claims::STATUS_NAMES.contains(w))
}
