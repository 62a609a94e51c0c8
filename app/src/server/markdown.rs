//! Markdown written by staff, turned into HTML that is safe to put into any page: pulldown-cmark
//! renders it, ammonia keeps only an allowlist of tags and attributes. Raw HTML in the source is
//! rendered as text by pulldown-cmark's own rules and then sanitised again, scripts, event
//! handlers, styles and `javascript:` links never survive.

use ammonia::Builder;
use pulldown_cmark::{html, Options, Parser};
use std::collections::HashSet;

pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitiser().clean(&raw).to_string()
}

fn sanitiser() -> Builder<'static> {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "blockquote",
        "code",
        "pre",
        "a",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    let mut builder = Builder::default();
    builder
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes([("a", ["href"].into_iter().collect())].into_iter().collect())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        // Links to other sites open as normal links but give away nothing about our page.
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markdown_keeps_its_structure() {
        let html = to_safe_html(
            "## Het plan\n\nEen **nieuw** plein met [meer informatie](https://duinwijk.nl).\n\n- bomen\n- bankjes",
        );
        assert!(html.contains("<h2>Het plan</h2>"), "{html}");
        assert!(html.contains("<strong>nieuw</strong>"));
        assert!(
            html.contains(r#"<a href="https://duinwijk.nl" rel="noopener noreferrer nofollow">meer informatie</a>"#),
            "{html}"
        );
        assert!(html.contains("<li>bomen</li>"));
    }

    /// A small XSS corpus: each of these must come out without anything that can run.
    pub const XSS_CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](&#106;avascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "![x](javascript:alert(1))",
        "<details open ontoggle=alert(1)>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<form action=\"https://evil.example\"><button>x</button></form>",
    ];

    #[test]
    fn nothing_that_can_run_survives() {
        for attack in XSS_CORPUS {
            let html = to_safe_html(attack).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "ontoggle",
                "javascript:",
                "<iframe",
                "style=",
                "<svg",
                "data:",
                "<form",
                "<img",
            ] {
                assert!(!html.contains(bad), "{attack:?} left {bad:?} in {html:?}");
            }
        }
    }
}
