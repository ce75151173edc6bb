//! HTML nested past any real page's depth is flattened before it is
//! converted: the converter's work grows with depth × size (40,000 nested
//! `<div>` in 200 KB took 10 s, 6 MB of `<b><i>` 3 GB), so tags that open
//! past [`MAX_DEPTH`] open elements are left out, with their closing tags,
//! and the text inside stays where it was. One pass, linear in the input;
//! a page within the limit is passed on unchanged.

/// Deeper than any page a person reads (real pages stay under 40).
pub const MAX_DEPTH: usize = 200;

/// Elements that never hold anything: they open nothing.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to their closing tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// `html` with the tags past [`MAX_DEPTH`] left out; borrowed when none are.
pub fn flatten(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let (mut depth, mut dropped) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = memchr(b'<', &b[i..]) {
        let start = i + at;
        let rest = &html[start..];
        // Comments, doctypes and processing instructions hold no element.
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let end = tag_end(b, start + 1);
        let Some(end) = end else { break };
        let closing = b.get(start + 1) == Some(&b'/');
        let name_from = start + 1 + usize::from(closing);
        let name: String = html[name_from..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        i = end + 1;
        if name.is_empty() {
            continue;
        }
        let self_closing = b[end - 1] == b'/';
        let mut drop = false;
        if closing {
            if dropped > 0 {
                dropped -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            if depth >= MAX_DEPTH {
                dropped += 1;
                drop = true;
            } else {
                depth += 1;
            }
            if RAW.contains(&name.as_str()) {
                // Its text is not markup: on to its own closing tag.
                let close = format!("</{name}");
                i = find_ci(html, i, &close).unwrap_or(b.len());
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end + 1;
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// The `>` that ends the tag whose name starts at `from`, past quoted
/// attribute values.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (n, &c) in b.iter().enumerate().skip(from) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some(n),
            _ => {}
        }
    }
    None
}

/// Where `needle` (lower case ASCII) next starts in `s` from `from`, in any
/// case.
fn find_ci(s: &str, from: usize, needle: &str) -> Option<usize> {
    let b = s.as_bytes();
    let n = needle.as_bytes();
    (from..b.len().saturating_sub(n.len() - 1)).find(|&i| b[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A tag's attributes, as (lower-case name, value) pairs: `tag` is the text
/// between `<name` and `>`.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let b = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        if start == i {
            i += 1;
            continue;
        }
        let name = tag[start..i].to_ascii_lowercase();
        let mut value = String::new();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && matches!(b[i], b'"' | b'\'') {
                let q = b[i];
                let from = i + 1;
                i = from;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = tag[from..i.min(b.len())].to_string();
                i += 1;
            } else {
                let from = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = tag[from..i].to_string();
            }
        }
        out.push((name, value));
    }
    out
}

/// Why an element's text is not what a reader of the page sees, if it is not.
fn unseen(name: &str, attrs: &[(String, String)]) -> Option<&'static str> {
    if matches!(name, "template" | "noscript") {
        return Some("hidden text");
    }
    if name == "script" {
        let json = attrs
            .iter()
            .any(|(k, v)| k == "type" && v.to_ascii_lowercase().contains("json"));
        return Some(if json { "metadata" } else { "script" });
    }
    for (k, v) in attrs {
        let v = v.to_ascii_lowercase().replace(' ', "");
        if k == "hidden"
            || (k == "aria-hidden" && v == "true")
            || (k == "style" && (v.contains("display:none") || v.contains("visibility:hidden")))
        {
            return Some("hidden text");
        }
    }
    None
}

/// What a reader of the page never sees, taken out of `html`: `<script>`,
/// `<template>`, `<noscript>`, elements marked `hidden`, `aria-hidden` or
/// styled `display:none`/`visibility:hidden`, and `<meta>` content and
/// JSON-LD. The page without them, and their texts with why each is unseen.
pub fn split_hidden(html: &str) -> (String, Vec<(&'static str, String)>) {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut unseen_texts = Vec::new();
    let mut copied = 0;
    // The element being taken out: its depth, why, where its text starts.
    let mut skip: Option<(usize, &'static str, usize)> = None;
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = memchr(b'<', &b[i..]) {
        let start = i + at;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let Some(end) = tag_end(b, start + 1) else {
            break;
        };
        let closing = b.get(start + 1) == Some(&b'/');
        let name_from = start + 1 + usize::from(closing);
        let name_len = html[name_from..end]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(end - name_from);
        let name = html[name_from..name_from + name_len].to_ascii_lowercase();
        i = end + 1;
        if name.is_empty() {
            continue;
        }
        let void = VOID.contains(&name.as_str()) || b[end - 1] == b'/';
        if closing {
            depth = depth.saturating_sub(1);
            if let Some((d, why, from)) = skip
                && depth == d
            {
                let text = strip_tags(&html[from..start]);
                if !text.trim().is_empty() {
                    unseen_texts.push((why, text));
                }
                copied = end + 1;
                skip = None;
            }
            continue;
        }
        if skip.is_none() && name == "meta" {
            let attrs = attributes(&html[name_from + name_len..end]);
            if let Some((_, v)) = attrs.iter().find(|(k, _)| k == "content")
                && !v.trim().is_empty()
            {
                unseen_texts.push(("metadata", v.clone()));
            }
        }
        if void {
            continue;
        }
        if skip.is_none()
            && let Some(why) = unseen(&name, &attributes(&html[name_from + name_len..end]))
        {
            out.push_str(&html[copied..start]);
            skip = Some((depth, why, end + 1));
        }
        depth += 1;
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(html, i, &close).unwrap_or(b.len());
        }
    }
    if skip.is_none() {
        out.push_str(&html[copied..]);
    }
    (out, unseen_texts)
}

/// The text of a piece of markup: tags taken out, one space between.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_reader_never_sees_is_taken_out_and_kept_apart() {
        let page = r#"<html><head><meta name="description" content="Meta words here"><script type="application/ld+json">{"headline": "Ld words"}</script><script>var x = "Script words";</script></head><body><p>Seen words.</p><div hidden><p>Hidden words</p></div><p style="display: none">Styled away</p><span aria-hidden="true">Aria words</span><p class="hidden-xs">Seen too</p><template><p>Template words</p></template></body></html>"#;
        let (seen, unseen) = split_hidden(page);
        for w in [
            "Hidden words",
            "Styled away",
            "Aria words",
            "Template words",
        ] {
            assert!(!seen.contains(w), "{w}: {seen}");
            assert!(
                unseen
                    .iter()
                    .any(|(why, t)| *why == "hidden text" && t.contains(w)),
                "{w}"
            );
        }
        assert!(seen.contains("Seen words.") && seen.contains("Seen too"));
        assert!(
            unseen
                .iter()
                .any(|(why, t)| *why == "metadata" && t.contains("Meta words"))
        );
        assert!(
            unseen
                .iter()
                .any(|(why, t)| *why == "metadata" && t.contains("Ld words"))
        );
        assert!(
            unseen
                .iter()
                .any(|(why, t)| *why == "script" && t.contains("Script words"))
        );
    }

    #[test]
    fn a_page_within_the_limit_is_unchanged() {
        let page = "<html><body><div class=\"a>b\"><p>One <b>two</b><br>three</p><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(flatten(page), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_past_the_limit_keeps_its_text_and_drops_its_tags() {
        let n = 40_000;
        let page = format!("{}deep words{}", "<div>".repeat(n), "</div>".repeat(n));
        let flat = flatten(&page);
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(flat.contains("deep words"));
        let bi = "<b><i>".repeat(100_000) + "x";
        assert_eq!(flatten(&bi).matches('<').count(), MAX_DEPTH);
    }
}
