//! Text: renders the chosen content containers as paragraphs separated by
//! blank lines, leaving out furniture, link lists and teaser lines.

use super::article::Analysis;
use super::dom::{Flat, push_collapsed};
use super::hints;

/// Renders the subtrees of `roots` to paragraphs. With `filter`, link lists
/// and teaser lines inside them are left out too.
pub(crate) fn render(flat: &Flat<'_>, an: &Analysis, roots: &[usize], filter: bool) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut cur = String::new();
    for &root in roots {
        let end = flat.nodes[root].end as usize;
        // Ends of open block elements: reaching one is a paragraph break.
        let mut open_ends: Vec<usize> = Vec::new();
        let mut i = root;
        while i < end {
            while open_ends.last().is_some_and(|&e| e <= i) {
                open_ends.pop();
                flush(&mut cur, &mut paras);
            }
            let node = &flat.nodes[i];
            if an.junk[i] {
                i = node.end as usize;
                continue;
            }
            let tag = node.tag();
            if node.element().is_none() {
                push_collapsed(&mut cur, node.text());
                i += 1;
                continue;
            }
            if tag == "br" {
                flush(&mut cur, &mut paras);
                i += 1;
                continue;
            }
            if hints::is_block_tag(tag) {
                if filter && i != root && skip_block(flat, an, i) {
                    i = node.end as usize;
                    continue;
                }
                flush(&mut cur, &mut paras);
                open_ends.push(node.end as usize);
            } else if matches!(tag, "img" | "picture") {
                // Images carry no text; alt text is not article text.
            }
            i += 1;
        }
        flush(&mut cur, &mut paras);
    }
    paras.join("\n\n")
}

/// True when a block inside the content is a link list or a teaser line.
fn skip_block(flat: &Flat<'_>, an: &Analysis, i: usize) -> bool {
    let text = an.text[i];
    if text == 0 {
        return false;
    }
    let ld = an.link_density(i);
    let own = text.saturating_sub(an.link[i]);
    if (ld > 0.7 || (ld > 0.5 && own < 300))
        && !matches!(flat.nodes[i].tag(), "td" | "tr" | "table" | "tbody")
    {
        return true;
    }
    if text < 400 && an.link[i] > 0 {
        let head = leading_text(flat, i, 48);
        if hints::is_teaser_lead(&head) {
            return true;
        }
    }
    false
}

/// The first `max` characters of a subtree's text (collapsed).
fn leading_text(flat: &Flat<'_>, i: usize, max: usize) -> String {
    let end = flat.nodes[i].end as usize;
    let mut out = String::new();
    for n in &flat.nodes[i..end] {
        push_collapsed(&mut out, n.text());
        if out.len() >= max {
            break;
        }
    }
    out
}

fn flush(cur: &mut String, paras: &mut Vec<String>) {
    let t = cur.trim();
    if !t.is_empty() && !hints::is_boilerplate_line(t) {
        paras.push(t.to_owned());
    }
    cur.clear();
}
