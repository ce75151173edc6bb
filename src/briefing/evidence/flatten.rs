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

#[cfg(test)]
mod tests {
    use super::*;

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
