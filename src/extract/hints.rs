//! Hints: what tag names, `class`/`id` words and short phrases say about
//! whether an element is article content or page furniture.

use super::dom::FlatNode;

/// Tags whose whole subtree is never article text.
pub(crate) fn is_hard_junk_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "label"
            | "figcaption"
            | "dialog"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "h1"
    )
}

/// Container tags that are furniture unless they hold most of the page's
/// paragraph text (some sites wrap the whole page in a `<form>` or `<header>`).
pub(crate) fn is_soft_junk_tag(tag: &str) -> bool {
    matches!(tag, "form" | "nav" | "aside" | "footer" | "header" | "menu")
}

/// Block-level tags: text on either side of them is a separate paragraph.
pub(crate) fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "caption"
            | "figure"
            | "address"
            | "center"
            | "hr"
            | "body"
            | "html"
            | "details"
            | "summary"
    )
}

/// Tags that hold one paragraph of prose when they hold text.
pub(crate) fn is_paragraph_tag(tag: &str) -> bool {
    matches!(tag, "p" | "pre" | "blockquote" | "td" | "dd")
}

/// Class/id words that mark furniture (matched as whole words of the
/// attribute split on non-alphanumerics, lower-cased).
const NEGATIVE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "share",
    "sharing",
    "social",
    "sharedaddy",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "adsense",
    "sponsor",
    "sponsored",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "gdpr",
    "ticker",
    "teaser",
    "teasers",
    "trending",
    "popular",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "widget",
    "widgets",
    "tags",
    "pagination",
    "pager",
    "byline",
    "caption",
    "masthead",
    "topbar",
    "toolbar",
    "meta",
    "signup",
    "login",
    "banner",
    "skip",
    "dateline",
    "timestamp",
    "author",
    "bio",
    "credit",
    "credits",
    "rodape",
];

/// Joined phrases (class text with separators removed) that mark furniture.
const NEGATIVE_JOINED: &[&str] = &[
    "alsoread",
    "readmore",
    "readalso",
    "mostread",
    "youmayalsolike",
    "youmaylike",
    "morestories",
    "checkalso",
    "seealso",
    "adslot",
    "adunit",
    "adcontainer",
    "adwrapper",
    "divgptad",
    "relatedposts",
    "relatedarticles",
];

/// Class/id words that mark article content.
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "content",
    "entry",
    "post",
    "story",
    "body",
    "text",
    "main",
    "blog",
    "storycontent",
    "postcontent",
    "entrycontent",
    "richtext",
    "prose",
];

/// Lower-cased words of the class and id attributes.
fn words(node: &FlatNode<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            // Attributes can be huge on hostile pages; hints only need the start.
            let v = truncate(v, 256);
            out.extend(
                v.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_ascii_lowercase),
            );
        }
    }
    out
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Class/id verdict for one element.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Hint {
    /// Looks like furniture.
    pub negative: bool,
    /// Looks like article content.
    pub positive: bool,
    /// Looks like a comment section (never protected by holding long text).
    pub comment: bool,
}

/// Reads the class/id hints of an element.
pub(crate) fn hint(node: &FlatNode<'_>) -> Hint {
    let words = words(node);
    if words.is_empty() {
        return Hint::default();
    }
    let mut negative = words.iter().any(|w| NEGATIVE_WORDS.contains(&w.as_str()));
    if !negative {
        // "ad" alone is ambiguous (site prefixes such as "ad-main"); it counts
        // when it is the whole class or sits next to a slot-like word.
        let has_ad = words.iter().any(|w| w == "ad");
        let slotty = words.iter().any(|w| {
            matches!(
                w.as_str(),
                "slot" | "unit" | "box" | "zone" | "placeholder" | "label" | "space"
            )
        });
        negative = has_ad && (slotty || words.len() == 1);
    }
    let positive = words.iter().any(|w| POSITIVE_WORDS.contains(&w.as_str()));
    if !negative && !positive {
        let joined: String = words.concat();
        negative = NEGATIVE_JOINED.iter().any(|p| joined.contains(p));
    }
    let comment = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "comment" | "comments" | "commentlist" | "disqus" | "replies" | "reply"
        )
    });
    Hint {
        negative,
        positive,
        comment,
    }
}

/// True when the element is hidden by markup (`hidden`, inline
/// `display:none`/`visibility:hidden`, `aria-hidden="true"`).
pub(crate) fn is_hidden(node: &FlatNode<'_>) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true") {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = truncate(s, 512)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// ARIA roles that mark furniture.
pub(crate) fn is_junk_role(node: &FlatNode<'_>) -> bool {
    matches!(
        node.attr("role"),
        Some(
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "menu"
                | "menubar"
                | "search"
                | "dialog"
                | "alert"
        )
    )
}

/// Lead-ins of teaser paragraphs inside an article body ("Also Read: …").
pub(crate) fn is_teaser_lead(text: &str) -> bool {
    const LEADS: &[&str] = &[
        "also read",
        "read also",
        "read more",
        "see also",
        "check also",
        "related:",
        "related article",
        "related story",
        "related news",
        "trending:",
        "recommended:",
        "more on this",
        "you may also like",
        "also see",
    ];
    let head: String = text
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_owned();
    LEADS.iter().any(|l| head.starts_with(l))
}

/// Whole paragraphs that are furniture wherever they appear.
pub(crate) fn is_boilerplate_line(text: &str) -> bool {
    const LINES: &[&str] = &[
        "advertisement",
        "advertisements",
        "sponsored",
        "sponsored content",
        "story continues below",
        "story continues below advertisement",
        "continue reading below",
        "article continues below",
        "scroll to continue with content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "tweet",
        "print",
        "email",
        "comments",
        "leave a reply",
        "loading...",
        "click to expand",
    ];
    let t = text.trim().trim_end_matches(['.', ':', '…']).to_lowercase();
    LINES.contains(&t.as_str())
}
