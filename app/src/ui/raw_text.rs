//! The places where Leptos writes text into the page without escaping it, and the one way this
//! app fills them.
//!
//! Leptos escapes text everywhere in the body, except inside the "raw text" elements: tachys 0.2
//! writes the children of `<textarea>`, `<style>`, `<script>` and `<noscript>` as they are, and
//! leptos_meta 0.8 writes the page `<title>` as it is. A title or a textarea holding a person's
//! text could then close its element and add markup of its own (`</title><meta http-equiv=…>`).
//!
//! The browser decodes character references inside `<title>` and `<textarea>`, so escaping `&`,
//! `<` and `>` on the server shows exactly the text that was stored. In the browser the same text
//! is set through the DOM (`document.title`, a text node), which never parses markup, so it is
//! passed on as it is there: escaping it would show `&lt;` to the reader.
//!
//! `tests::no_raw_text_sink_bypasses_this_module` reads the source of the app and fails when a
//! `<Title>` or `<textarea>` is written anywhere else, or without going through these functions;
//! the hostile-text tests in `server/tests` check the pages themselves.

use leptos::prelude::*;
use leptos_meta::Title;

/// The text of a page's `<title>` as the document head gets it: on the server escaped, in the
/// browser as it is.
pub fn title_text(text: String) -> String {
    for_the_document(text)
}

/// The contents of a `<textarea>`: what goes between its tags, escaped on the server.
pub fn textarea_text(text: String) -> String {
    for_the_document(text)
}

#[cfg(feature = "ssr")]
fn for_the_document(text: String) -> String {
    html_escape::encode_text(&text).into_owned()
}

#[cfg(not(feature = "ssr"))]
fn for_the_document(text: String) -> String {
    text
}

/// The one inline script of a page (the islands loader, `layout::front_end`). A script's contents
/// are written as they are, so `</` (which could close the element early) is written `<\/`: the
/// same text inside a JavaScript string, and never needed elsewhere in the loader's code.
#[component]
pub fn InlineModuleScript(code: String) -> impl IntoView {
    let code = code.replace("</", "<\\/");
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{code}</script> }
}

/// The page's title; the site's name is added by the shell (see `title_with_site_name`). Every
/// page sets its title with this component, never with leptos_meta's `<Title>` directly, so no
/// page can bring a formatter of its own that forgets the escaping.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text/> }
}

/// The shell's title formatter: "Page – Samenspraak", escaped for the head on the server.
pub fn title_with_site_name(title: String) -> String {
    let full = if title.is_empty() { "Samenspraak".to_owned() } else { format!("{title} – Samenspraak") };
    title_text(full)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn markup_in_a_title_or_textarea_stays_text() {
        let hostile = "Speeltuin</title><meta http-equiv=\"refresh\" content=\"0;url=//x\"> & <b>";
        let title = title_with_site_name(hostile.to_owned());
        assert!(!title.contains('<') && !title.contains('>'), "{title}");
        assert!(title.starts_with("Speeltuin&lt;/title&gt;&lt;meta"));
        assert!(title.contains("&amp; &lt;b&gt; – Samenspraak"));
        let area = textarea_text("</textarea><script>alert(1)</script>".to_owned());
        assert_eq!(area, "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(title_with_site_name(String::new()), "Samenspraak");
    }

    #[test]
    fn an_inline_script_cannot_be_closed_by_what_it_carries() {
        let html = view! { <InlineModuleScript code="f(\"</script><b>x</b>\")".to_owned()/> }.to_html();
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(html.contains(r#"f("<\/script><b>x<\/b>")"#), "{html}");
    }

    /// Every way to put text into a raw-text element, found in the source: a `<Title` outside this
    /// module, a `<textarea>` whose contents do not come from `textarea_text`, a `<style>`,
    /// `<script>` or `<noscript>` element with children, or `inner_html` given anything but
    /// HTML the server sanitised (the fields named `*_html`, made by `server::markdown`).
    #[test]
    fn no_raw_text_sink_bypasses_this_module() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = crate::source_rules::rust_files(&root);
        assert!(files.len() > 50, "the app's source was not found");
        let mut problems = Vec::new();
        for file in files {
            if file.ends_with("ui/raw_text.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let name = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
            for (i, line) in source.lines().enumerate() {
                let at = format!("{name}:{}", i + 1);
                let code = line.split("//").next().unwrap_or_default();
                if code.contains("<Title") && !name.ends_with("layout/shell.rs") {
                    problems.push(format!("{at}: use PageTitle instead of leptos_meta's Title"));
                }
                if code.contains("Title formatter") && !code.contains("title_with_site_name") {
                    problems.push(format!("{at}: the title formatter must be title_with_site_name"));
                }
                let outside_strings: String = code.replace("\\\"", "").split('"').step_by(2).collect();
                for tag in ["<style", "<script", "<noscript"] {
                    if outside_strings.contains(tag) {
                        problems.push(format!("{at}: {tag}> writes its contents raw"));
                    }
                }
                if let Some(rest) = code.split("inner_html=").nth(1) {
                    let value = rest.split_whitespace().next().unwrap_or_default();
                    if !value.contains("_html") {
                        problems.push(format!("{at}: inner_html must be given sanitised HTML (a *_html field)"));
                    }
                }
            }
            let mut rest = source.as_str();
            while let Some(start) = rest.find("<textarea") {
                let after = &rest[start..];
                let end = after.find("</textarea>").unwrap_or(after.len());
                let element = &after[..end];
                let contents = element.rsplit('>').next().unwrap_or_default();
                if !contents.trim().is_empty() && !contents.contains("textarea_text(") {
                    problems.push(format!("{name}: a <textarea> filled without textarea_text: {}", contents.trim()));
                }
                rest = &after[end.min(after.len())..];
                if end == after.len() {
                    break;
                }
            }
        }
        assert!(problems.is_empty(), "raw-text sinks written by hand:\n{}", problems.join("\n"));
    }
}
