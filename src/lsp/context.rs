//! Where the caret is, read from the lines around it by indentation, not
//! from a parse: while a briefing is being typed it is seldom valid YAML,
//! and completion is asked for exactly then.

use super::text::Doc;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    /// The keys of the mappings and lists the caret is in, outermost first:
    /// `["positions", "sources"]` inside a position's citation.
    pub path: Vec<String>,
    /// The key whose value the caret is in, when the line has one before it.
    pub key: Option<String>,
    /// The caret is in a list item's value (`- pa|`) of the last key in `path`.
    pub item: bool,
    /// The caret is where a key goes (the line holds only a word so far).
    pub at_key: bool,
    /// What is typed before the caret in the current word.
    pub prefix: String,
    /// Column in bytes of the prefix's start on the line.
    pub prefix_from: usize,
    /// An open `[[` before the caret: the text typed after it.
    pub link: Option<String>,
}

struct Shape<'a> {
    /// Column of the key (after any `- `).
    key_col: usize,
    dash_col: Option<usize>,
    key: Option<&'a str>,
    /// The value after `key:`, trimmed.
    value: &'a str,
}

fn shape(line: &str) -> Option<Shape<'_>> {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    let indent = line.len() - t.len();
    let (dash_col, rest, key_col) = match t.strip_prefix('-') {
        Some(r) if r.is_empty() || r.starts_with([' ', '\t']) => {
            let r2 = r.trim_start();
            (Some(indent), r2, indent + 1 + (r.len() - r2.len()))
        }
        _ => (None, t, indent),
    };
    let (key, value) = match split_key(rest) {
        Some((k, v)) => (Some(k), v.trim()),
        None => (None, rest.trim()),
    };
    Some(Shape {
        key_col,
        dash_col,
        key,
        value,
    })
}

/// `key: value` or `key:` at the start of `s`, for a plain key.
fn split_key(s: &str) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))?;
    let rest = &s[end..];
    if end == 0 || !(rest.starts_with(": ") || rest.starts_with(":\t") || rest == ":") {
        return None;
    }
    Some((&s[..end], &rest[1..]))
}

/// The context at byte column `col` of 0-based `line`.
pub fn at(doc: &Doc, line: usize, col: usize) -> Context {
    let text = doc.line(line);
    let col = floor(text, col.min(text.len()));
    let before = &text[..col];
    let mut cx = Context::default();
    // The word being typed: ids, keys, a file name with `#`.
    let from = before
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '#' | '/')))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    cx.prefix = before[from..].to_string();
    cx.prefix_from = from;
    if let Some(open) = before.rfind("[[")
        && !before[open..].contains("]]")
    {
        let typed = &before[open + 2..];
        if !typed.contains('|') {
            cx.link = Some(typed.to_string());
        }
    }
    // The caret's own line: a key before it, a dash before it, or neither.
    let (mut c, mut in_list) = match shape(before) {
        Some(s) => {
            match s.key {
                Some(k) => cx.key = Some(k.to_string()),
                None => {
                    cx.item = s.dash_col.is_some() && !s.value.contains(' ');
                    cx.at_key =
                        s.dash_col.is_none() && !s.value.contains(' ') || s.value.is_empty();
                }
            }
            if cx.item && s.value.starts_with('{') {
                cx.item = false;
            }
            match (s.dash_col, s.key) {
                // `- key: …` or `- wo|`: an item of the list above.
                (Some(d), Some(_)) => (d, true),
                (Some(d), None) if cx.item => (d, true),
                _ => (s.key_col, false),
            }
        }
        None => (before.len(), false),
    };
    if cx.key.is_some() || cx.item {
        cx.at_key = false;
    }
    // Inline `{source: wire, locator: ¶|` : the key nearest before the caret,
    // in a mapping of the list the line's key holds.
    let mut flow_parent = None;
    if let Some(open) = before.rfind('{')
        && !before[open..].contains('}')
    {
        flow_parent = cx.key.take();
        let inside = &before[open + 1..];
        let last = inside.rsplit(',').next().unwrap_or("").trim_start();
        cx.key = split_key(last).map(|(k, _)| k.to_string());
        cx.at_key = cx.key.is_none() && !last.contains(':');
        cx.item = false;
    }
    let mut n = line;
    let mut path_rev: Vec<String> = Vec::new();
    while n > 0 {
        n -= 1;
        let Some(s) = shape(doc.line(n)) else {
            continue;
        };
        if in_list {
            if let Some(k) = s.key
                && s.key_col <= c
                && s.dash_col.is_none_or(|d| d < c)
            {
                if s.value.is_empty() {
                    path_rev.push(k.to_string());
                }
                c = s.dash_col.unwrap_or(s.key_col);
                in_list = s.dash_col.is_some();
                if s.key_col == 0 && s.dash_col.is_none() {
                    break;
                }
            }
            continue;
        }
        if let Some(d) = s.dash_col
            && d < c
            && s.key_col >= c
        {
            // The first key of the item the caret's mapping is.
            c = d;
            in_list = true;
            continue;
        }
        if s.key_col < c
            && let Some(k) = s.key
        {
            if s.value.is_empty() {
                path_rev.push(k.to_string());
            }
            c = s.dash_col.unwrap_or(s.key_col);
            in_list = s.dash_col.is_some();
            if c == 0 && !in_list {
                break;
            }
        }
    }
    path_rev.reverse();
    cx.path = path_rev;
    cx.path.extend(flow_parent);
    cx
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The kind of record a context's mapping is, by its path.
pub fn record(path: &[String]) -> Option<&'static str> {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    Some(match p.as_slice() {
        [] => "briefing",
        ["key_points"] => "key_point",
        ["actors"] => "actor",
        ["actors", "relations"] => "relation",
        [_, "location"] => "place",
        ["issues"] => "issue",
        ["positions"] => "position",
        ["timeline"] => "event",
        ["sources"] => "source",
        [_, "sources"] | [_, "relations", "sources"] => "citation",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(text: &str) -> Context {
        // The caret is at `|`.
        let at_ = text.find('|').unwrap();
        let t = text.replace('|', "");
        let line = t[..at_].matches('\n').count();
        let col = at_ - t[..at_].rfind('\n').map_or(0, |i| i + 1);
        at(&Doc::new(t, 1), line, col)
    }

    #[test]
    fn the_caret_is_placed_by_the_keys_above_it() {
        let c = cx("positions:\n  - id: p\n    actor: pa|\n");
        assert_eq!(
            (c.path.clone(), c.key.as_deref(), c.prefix.as_str()),
            (vec!["positions".to_string()], Some("actor"), "pa")
        );
        let c =
            cx("positions:\n  - id: p\n    sources:\n      - source: wire\n        locator: |\n");
        assert_eq!(c.path, vec!["positions", "sources"]);
        assert_eq!(c.key.as_deref(), Some("locator"));
        let c = cx("actors:\n- id: a\n  part_of:\n    - p|\n");
        assert_eq!(
            (c.path.clone(), c.item),
            (vec!["actors".to_string(), "part_of".to_string()], true)
        );
        let c = cx("timeline:\n  - id: e\n    ti|\n");
        assert_eq!(
            (c.path.clone(), c.at_key),
            (vec!["timeline".to_string()], true)
        );
        let c = cx("title: T\nsum|");
        assert!(c.path.is_empty() && c.at_key);
        let c = cx("issues:\n  - id: i\n    summary: see [[pa|\n");
        assert_eq!(c.link.as_deref(), Some("pa"));
        let c = cx("positions:\n  - sources: [{source: wire, locator: ¶|}]\n");
        assert_eq!(c.key.as_deref(), Some("locator"));
    }
}
