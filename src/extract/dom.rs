//! Flat DOM: a pre-order array view of a parsed scraper document, so that the
//! extractor walks it with index loops instead of recursion (a 100k-deep page
//! must not overflow the stack).

use scraper::{Html, Node, node::Element};

/// Marks "no parent" in [`FlatNode::parent`].
pub(crate) const NONE: u32 = u32::MAX;

/// What one flat node holds.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    /// An element; the tag name is lower-case for HTML elements.
    Element(&'a Element),
    /// A text node.
    Text(&'a str),
}

/// One element or text node, in document (pre-)order.
pub(crate) struct FlatNode<'a> {
    /// Index of the parent element, or [`NONE`].
    pub parent: u32,
    /// One past the index of the last node of this node's subtree.
    pub end: u32,
    /// Element or text.
    pub kind: Kind<'a>,
}

impl<'a> FlatNode<'a> {
    /// The element, when this is one.
    pub fn element(&self) -> Option<&'a Element> {
        match self.kind {
            Kind::Element(e) => Some(e),
            Kind::Text(_) => None,
        }
    }

    /// The tag name, or "" for text.
    pub fn tag(&self) -> &'a str {
        match self.kind {
            Kind::Element(e) => e.name(),
            Kind::Text(_) => "",
        }
    }

    /// The text, or "" for an element.
    pub fn text(&self) -> &'a str {
        match self.kind {
            Kind::Text(t) => t,
            Kind::Element(_) => "",
        }
    }

    /// An attribute value of an element.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.element().and_then(|e| e.attr(name))
    }
}

/// The whole document as a flat pre-order list of its elements and texts
/// (comments, doctypes and processing instructions are left out).
pub(crate) struct Flat<'a> {
    /// Nodes in document order.
    pub nodes: Vec<FlatNode<'a>>,
}

impl<'a> Flat<'a> {
    /// Flattens `doc` with an iterative walk (first child, next sibling,
    /// parent), so depth costs heap, not stack.
    pub fn new(doc: &'a Html) -> Self {
        let mut nodes: Vec<FlatNode<'a>> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let root = doc.tree.root();
        let Some(mut node) = root.first_child() else {
            return Flat { nodes };
        };
        loop {
            let kind = match node.value() {
                Node::Element(e) => Some(Kind::Element(e)),
                Node::Text(t) => Some(Kind::Text(t)),
                _ => None,
            };
            let is_element = matches!(kind, Some(Kind::Element(_)));
            if let Some(kind) = kind {
                let idx = u32::try_from(nodes.len()).unwrap_or(NONE - 1);
                nodes.push(FlatNode {
                    parent: stack.last().copied().unwrap_or(NONE),
                    end: idx + 1,
                    kind,
                });
                if is_element {
                    stack.push(idx);
                }
            }
            if is_element && let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            // Close `node` and climb until a next sibling exists.
            loop {
                if matches!(node.value(), Node::Element(_))
                    && let Some(idx) = stack.pop()
                {
                    let end = u32::try_from(nodes.len()).unwrap_or(NONE - 1);
                    nodes[idx as usize].end = end;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    break;
                }
                match node.parent() {
                    Some(p) if p.id() != root.id() => node = p,
                    _ => return Flat { nodes },
                }
            }
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Direct children of `idx`, in order.
    pub fn children(&self, idx: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[idx].end as usize;
        let mut next = idx + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let cur = next;
            next = self.nodes[cur].end as usize;
            Some(cur)
        })
    }

    /// Ancestors of `idx`, nearest first.
    pub fn ancestors(&self, idx: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.nodes[idx].parent;
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let out = cur as usize;
            cur = self.nodes[out].parent;
            Some(out)
        })
    }

    /// Text of the subtree of `idx`, as written.
    pub fn text_of_raw(&self, idx: usize) -> String {
        let end = self.nodes[idx].end as usize;
        self.nodes[idx..end].iter().map(FlatNode::text).collect()
    }

    /// Text of the subtree of `idx`, whitespace collapsed.
    pub fn text_of(&self, idx: usize) -> String {
        let end = self.nodes[idx].end as usize;
        let mut out = String::new();
        for n in &self.nodes[idx..end] {
            push_collapsed(&mut out, n.text());
        }
        out.trim().to_owned()
    }
}

/// Appends `text` to `out`, turning whitespace runs into one space and never
/// starting `out` with a space.
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split(char::is_whitespace).enumerate() {
        if word.is_empty() {
            if i == 0 && !text.is_empty() && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if i > 0 && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse() {
        let mut s = String::new();
        for t in ["  a\n b", "c ", " d", "e"] {
            push_collapsed(&mut s, t);
        }
        assert_eq!(s, "a bc de");
    }

    #[test]
    fn flat_ranges() {
        let doc = Html::parse_document("<p>a<b>b</b></p><p>c</p>");
        let flat = Flat::new(&doc);
        let p = flat.nodes.iter().position(|n| n.tag() == "p").unwrap_or(0);
        assert_eq!(flat.text_of(p), "ab");
        let body = flat
            .nodes
            .iter()
            .position(|n| n.tag() == "body")
            .unwrap_or(0);
        assert_eq!(flat.children(body).count(), 2);
    }
}
