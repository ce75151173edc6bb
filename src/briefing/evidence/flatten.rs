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

/// One tag of a page: where it starts and ends (`<` to `>`, inclusive),
/// its name in lower case, and the text of its attributes.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    /// Opens nothing: a void element or `<x/>`.
    empty: bool,
    attrs: &'a str,
}

/// The tags of a page in order, one pass: comments, doctypes and the raw
/// text of `<script>`, `<style>` and their kind are passed over.
struct Tags<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let (html, b) = (self.html, self.html.as_bytes());
        loop {
            let start = self.at + memchr(b'<', &b[self.at..])?;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                self.at = rest.find("-->").map_or(b.len(), |e| start + e + 3);
                continue;
            }
            let Some(end) = tag_end(b, start + 1) else {
                self.at = b.len();
                return None;
            };
            self.at = end + 1;
            let closing = b.get(start + 1) == Some(&b'/');
            let name_from = start + 1 + usize::from(closing);
            let name_len = html[name_from..end]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(end - name_from);
            if name_len == 0 {
                continue;
            }
            let name = html[name_from..name_from + name_len].to_ascii_lowercase();
            let empty = VOID.contains(&name.as_str()) || b[end - 1] == b'/';
            if !closing && !empty && RAW.contains(&name.as_str()) {
                // Its text is not markup: on to its own closing tag.
                self.at = find_ci(html, self.at, &format!("</{name}")).unwrap_or(b.len());
            }
            return Some(Tag {
                start,
                end,
                name,
                closing,
                empty,
                attrs: &html[name_from + name_len..end],
            });
        }
    }
}

fn tags(html: &str) -> Tags<'_> {
    Tags { html, at: 0 }
}

/// `html` with the tags past [`MAX_DEPTH`] left out; borrowed when none are.
pub fn flatten(html: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let (mut depth, mut dropped) = (0usize, 0usize);
    for t in tags(html) {
        let drop = if t.closing {
            if dropped > 0 {
                dropped -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if t.empty {
            false
        } else if depth >= MAX_DEPTH {
            dropped += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..t.start]);
            copied = t.end + 1;
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
    let mut out = String::with_capacity(html.len());
    let mut unseen_texts = Vec::new();
    let mut copied = 0;
    // The element being taken out: its depth, why, where its text starts.
    let mut skip: Option<(usize, &'static str, usize)> = None;
    let mut depth = 0usize;
    for t in tags(html) {
        if t.closing {
            depth = depth.saturating_sub(1);
            if let Some((d, why, from)) = skip
                && depth == d
            {
                let text = strip_tags(&html[from..t.start]);
                if !text.trim().is_empty() {
                    unseen_texts.push((why, text));
                }
                copied = t.end + 1;
                skip = None;
            }
            continue;
        }
        if skip.is_none()
            && t.name == "meta"
            && let Some((_, v)) = attributes(t.attrs)
                .into_iter()
                .find(|(k, _)| k == "content")
            && !v.trim().is_empty()
        {
            unseen_texts.push(("metadata", v));
        }
        if t.empty {
            continue;
        }
        if skip.is_none()
            && let Some(why) = unseen(&t.name, &attributes(t.attrs))
        {
            out.push_str(&html[copied..t.start]);
            skip = Some((depth, why, t.end + 1));
        }
        depth += 1;
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
