//! Article: main-content detection. Marks page furniture (tags, class/id
//! hints, roles, hidden elements, exclude selectors), scores paragraphs by
//! length and commas, credits their ancestors, discounts link-heavy
//! containers, and picks the best container plus its content siblings.

use super::dom::{Flat, NONE};
use super::hints::{self, Hint};

/// Per-node facts the scorer and the text renderer share.
pub(crate) struct Analysis {
    /// Node is furniture (itself or through an ancestor).
    pub junk: Vec<bool>,
    /// Text length of the non-furniture subtree (non-space bytes).
    pub text: Vec<u32>,
    /// Part of `text` inside links.
    pub link: Vec<u32>,
    /// Commas in the non-furniture subtree.
    pub commas: Vec<u32>,
    /// Text length of direct text children.
    pub direct: Vec<u32>,
}

impl Analysis {
    /// Share of an element's text that sits in links.
    pub fn link_density(&self, i: usize) -> f32 {
        let t = self.text[i];
        if t == 0 {
            0.0
        } else {
            self.link[i] as f32 / t as f32
        }
    }
}

/// Length of a text that counts for scoring: non-whitespace bytes.
fn text_weight(s: &str) -> (u32, u32) {
    let mut len = 0u32;
    let mut commas = 0u32;
    for b in s.bytes() {
        if !b.is_ascii_whitespace() {
            len = len.saturating_add(1);
        }
        if b == b',' {
            commas += 1;
        }
    }
    // Full-width and ideographic commas (UTF-8 EF BC 8C, E3 80 81).
    commas += s.matches(['，', '、', '،']).count() as u32;
    (len, commas)
}

/// Builds the analysis. `excluded[i]` marks nodes matched by the source's
/// exclude selectors. Without `use_hints`, only tags (scripts, forms…),
/// hidden elements and exclusions count as furniture: for a body chosen by
/// the source's own selector.
pub(crate) fn analyse(flat: &Flat<'_>, excluded: &[bool], use_hints: bool) -> Analysis {
    let n = flat.len();
    let mut hard = vec![false; n];
    let mut hint = vec![Hint::default(); n];
    for i in 0..n {
        let node = &flat.nodes[i];
        let parent_junk = node.parent != NONE && hard[node.parent as usize];
        hard[i] = parent_junk
            || excluded.get(i).copied().unwrap_or(false)
            || (node.element().is_some()
                && (hints::is_hard_junk_tag(node.tag())
                    || hints::is_hidden(node)
                    || hints::is_junk_role(node)));
        if node.element().is_some() && !hard[i] {
            hint[i] = hints::hint(node);
        }
    }
    // Raw paragraph text per subtree, before class/id hints are applied, so a
    // wrapper with a misleading class cannot swallow the article.
    let mut raw = vec![0u32; n];
    let mut raw_direct = vec![0u32; n];
    let mut ptext = vec![0u32; n];
    for i in (0..n).rev() {
        if hard[i] {
            continue;
        }
        let node = &flat.nodes[i];
        if node.element().is_none() {
            raw[i] = text_weight(node.text()).0;
        } else if hints::is_paragraph_tag(node.tag()) {
            ptext[i] = raw[i];
        } else if raw_direct[i] >= MIN_PARAGRAPH {
            ptext[i] = ptext[i].saturating_add(raw_direct[i]);
        }
        if node.parent != NONE {
            let p = node.parent as usize;
            raw[p] = raw[p].saturating_add(raw[i]);
            ptext[p] = ptext[p].saturating_add(ptext[i]);
            if node.element().is_none() {
                raw_direct[p] = raw_direct[p].saturating_add(raw[i]);
            }
        }
    }
    let total_p = (0..n)
        .filter(|&i| flat.nodes[i].parent == NONE)
        .map(|i| ptext[i])
        .sum::<u32>()
        .max(1);
    // The longest <p> of the page; its ancestors keep their class hints
    // from turning them into furniture.
    let longest_p = (0..n)
        .filter(|&i| flat.nodes[i].tag() == "p")
        .max_by_key(|&i| raw[i])
        .filter(|&i| raw[i] >= 2 * MIN_PARAGRAPH);
    let mut keeps_longest = vec![false; n];
    if let Some(lp) = longest_p {
        keeps_longest[lp] = true;
        for a in flat.ancestors(lp) {
            keeps_longest[a] = true;
        }
    }
    let mut junk = hard;
    for i in 0..n {
        let node = &flat.nodes[i];
        if node.parent != NONE && junk[node.parent as usize] {
            junk[i] = true;
            continue;
        }
        let soft = node.element().is_some() && hints::is_soft_junk_tag(node.tag());
        if use_hints
            && (soft || hint[i].negative)
            && !matches!(node.tag(), "html" | "body" | "main" | "article")
        {
            let share = ptext[i] as f32 / total_p as f32;
            let protected = share >= 0.5
                || (keeps_longest[i] && !hint[i].comment)
                || (hint[i].positive && share >= 0.3)
                || node.attr("itemprop") == Some("articleBody");
            junk[i] |= !protected;
        }
    }
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    let mut commas = vec![0u32; n];
    let mut direct = vec![0u32; n];
    for i in (0..n).rev() {
        if junk[i] {
            continue;
        }
        let node = &flat.nodes[i];
        if node.element().is_none() {
            let (len, c) = text_weight(node.text());
            text[i] = len;
            commas[i] = c;
        } else if node.tag() == "a" {
            link[i] = text[i];
        }
        if node.parent != NONE {
            let p = node.parent as usize;
            text[p] = text[p].saturating_add(text[i]);
            link[p] = link[p].saturating_add(link[i]);
            commas[p] = commas[p].saturating_add(commas[i]);
            if node.element().is_none() {
                direct[p] = direct[p].saturating_add(text[i]);
            }
        }
    }
    Analysis {
        junk,
        text,
        link,
        commas,
        direct,
    }
}

/// Score a candidate container starts with, from its tag and class/id.
fn base_score(flat: &Flat<'_>, i: usize) -> f32 {
    let node = &flat.nodes[i];
    let mut s = match node.tag() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" => -3.0,
        "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let h = hints::hint(node);
    if h.positive {
        s += 25.0;
    }
    if h.negative {
        s -= 25.0;
    }
    if node.attr("itemprop") == Some("articleBody") {
        s += 40.0;
    }
    if node.tag() == "article" {
        s += 10.0;
    }
    s
}

/// Minimum text length for a block to count as a paragraph.
const MIN_PARAGRAPH: u32 = 25;

/// Picks the content roots (in document order) of the article.
pub(crate) fn select(flat: &Flat<'_>, an: &Analysis) -> Vec<usize> {
    let n = flat.len();
    let mut score = vec![f32::NAN; n];
    for i in 0..n {
        let node = &flat.nodes[i];
        if an.junk[i] || node.element().is_none() {
            continue;
        }
        let tag = node.tag();
        let is_para = hints::is_paragraph_tag(tag)
            || (matches!(tag, "div" | "section" | "article" | "span" | "font" | "li")
                && an.direct[i] >= MIN_PARAGRAPH);
        if !is_para || an.text[i] < MIN_PARAGRAPH {
            continue;
        }
        let len = an.text[i] as f32;
        let s = 1.0 + an.commas[i].min(20) as f32 + (len / 100.0).min(3.0);
        let s = s * (1.0 - an.link_density(i));
        if !hints::is_paragraph_tag(tag) {
            // A container with its own prose is a candidate itself.
            if score[i].is_nan() {
                score[i] = base_score(flat, i);
            }
            score[i] += s;
        }
        for (level, anc) in flat.ancestors(i).take(5).enumerate() {
            if score[anc].is_nan() {
                score[anc] = base_score(flat, anc);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[anc] += s / div;
        }
    }
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in score.iter_mut().enumerate() {
        if s.is_nan() {
            continue;
        }
        *s *= 1.0 - an.link_density(i);
        if best.is_none_or(|(_, b)| *s > b) {
            best = Some((i, *s));
        }
    }
    let Some((top, top_score)) = best else {
        return body_or_root(flat);
    };
    let top = climb(flat, an, &score, top, top_score);
    siblings(flat, an, &score, top, top_score)
}

/// Moves the pick up to an ancestor when the pick holds only part of the
/// paragraph text that ancestor holds (an article split over several boxes).
fn climb(flat: &Flat<'_>, an: &Analysis, score: &[f32], top: usize, top_score: f32) -> usize {
    let mut cur = top;
    for anc in flat.ancestors(top).take(3) {
        if matches!(flat.nodes[anc].tag(), "body" | "html") {
            break;
        }
        let s = score[anc];
        if s.is_nan() || s < top_score * 0.75 || an.link_density(anc) > 0.3 {
            break;
        }
        cur = anc;
    }
    cur
}

/// The pick plus siblings that look like part of the same article.
fn siblings(
    flat: &Flat<'_>,
    an: &Analysis,
    score: &[f32],
    top: usize,
    top_score: f32,
) -> Vec<usize> {
    let parent = flat.nodes[top].parent;
    if parent == NONE || matches!(flat.nodes[parent as usize].tag(), "html") {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = flat.nodes[top].attr("class").unwrap_or("");
    let mut out = Vec::new();
    for c in flat.children(parent as usize) {
        if c == top {
            out.push(c);
            continue;
        }
        if an.junk[c] || flat.nodes[c].element().is_none() || an.text[c] == 0 {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && flat.nodes[c].attr("class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        let s = score[c];
        if !s.is_nan() && s + bonus >= threshold {
            out.push(c);
            continue;
        }
        if flat.nodes[c].tag() == "p" {
            let len = an.text[c];
            let ld = an.link_density(c);
            if (len > 80 && ld < 0.25) || (len > 0 && ld == 0.0 && ends_sentence(flat, c)) {
                out.push(c);
            }
        }
    }
    out
}

fn ends_sentence(flat: &Flat<'_>, i: usize) -> bool {
    let t = flat.text_of(i);
    t.len() > 20 && t.ends_with(['.', '!', '?', '"', '”', '。'])
}

fn body_or_root(flat: &Flat<'_>) -> Vec<usize> {
    match flat.nodes.iter().position(|n| n.tag() == "body") {
        Some(b) => vec![b],
        None if flat.len() > 0 => vec![0],
        None => Vec::new(),
    }
}
