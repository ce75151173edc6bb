//! A source's own text: read from a file beside the briefing (`file:`) or
//! written inline (`text:`), and cut into numbered paragraphs.
//!
//! A file is read only when it resolves, after following symlinks, inside
//! the briefing's folder, is a regular file of an accepted kind and no
//! larger than [`MAX_TEXT_BYTES`]. Anything else is refused before a byte
//! of it is read, so a briefing can never make brief read (or a handout
//! carry) a file its author did not put beside it.

use super::quote;
use std::path::{Path, PathBuf};

pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;
/// Below this many bytes a text is searched whole for a quote, unindexed.
const SHORT_TEXT: usize = 16 * 1024;
/// The file kinds a source text may be, by extension.
pub const KINDS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct SourceText {
    /// Paragraph N is `paragraphs[N - 1]`.
    pub paragraphs: Vec<String>,
    /// The file as written in the briefing, when it came from one.
    pub file: Option<String>,
    /// Each paragraph normalised for matching quotes.
    pub normalised: Vec<String>,
    /// What a reader of a page never sees (its scripts, hidden elements and
    /// metadata), normalised, with why each is unseen: never source text,
    /// but a quote found only there is said to be.
    #[serde(default)]
    pub unseen: Vec<(String, String)>,
    /// Its words, indexed the first time a quote is not found in it.
    #[serde(skip)]
    index: Lazy,
    /// The bytes read, by size and hash, when it came from a file.
    #[serde(skip)]
    pub read_as: ReadAs,
}

/// What a source text's file held when the load read it, so that the
/// model cache, written after the reader's first frame, never pairs this
/// model with a later version of the file. Never stored or compared.
#[derive(Debug, Clone, Default)]
pub struct ReadAs(pub Option<(u64, [u8; 16])>);

impl PartialEq for ReadAs {
    fn eq(&self, _: &ReadAs) -> bool {
        true
    }
}

/// Built on first use, never stored or compared: the word index, and the
/// paragraphs run together.
#[derive(Debug, Clone, Default)]
struct Lazy(
    std::sync::OnceLock<std::sync::Arc<quote::WordIndex>>,
    std::sync::OnceLock<std::sync::Arc<(String, Vec<usize>)>>,
    std::sync::OnceLock<std::sync::Arc<quote::WordIndex>>,
);

impl PartialEq for Lazy {
    fn eq(&self, _: &Lazy) -> bool {
        true
    }
}

impl SourceText {
    pub fn new(paragraphs: Vec<String>, file: Option<String>) -> Self {
        let normalised = paragraphs.iter().map(|p| quote::normalise(p)).collect();
        SourceText {
            paragraphs,
            file,
            normalised,
            unseen: Vec::new(),
            index: Lazy::default(),
            read_as: ReadAs::default(),
        }
    }

    /// Why `quote`, not in the text, stands in what the page hides from
    /// its reader (a script, hidden text, metadata), if it does.
    pub fn unseen_find(&self, quote: &str) -> Option<&str> {
        let pieces = quote::pieces(quote);
        self.unseen
            .iter()
            .find(|(_, text)| quote::within_parts(text, &pieces).is_some())
            .map(|(why, _)| why.as_str())
    }

    /// Where `quote` is ([`quote::find`]), the paragraphs joined once.
    pub fn find(&self, quote: &str, hint: Option<(usize, usize)>) -> quote::Found {
        if let Some(found) = quote::find_hinted(&self.normalised, quote, hint) {
            return found;
        }
        let joined = self
            .index
            .1
            .get_or_init(|| std::sync::Arc::new(quote::joined(&self.normalised)));
        // A short text is searched whole: indexing its words costs more
        // than the few searches it would save.
        if joined.0.len() < SHORT_TEXT {
            return quote::find_in(&self.normalised, joined, quote, hint);
        }
        let ix = self
            .index
            .2
            .get_or_init(|| std::sync::Arc::new(quote::WordIndex::new(&self.normalised)));
        quote::find_indexed(&self.normalised, joined, ix, quote, hint)
    }

    /// The passage most like `quote` ([`quote::closest`]), through the
    /// text's word index, made once.
    pub fn closest(&self, quote: &str) -> Option<(usize, String, u32)> {
        self.index
            .0
            .get_or_init(|| std::sync::Arc::new(quote::WordIndex::new(&self.paragraphs)))
            .closest(&self.paragraphs, quote)
    }

    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// The kind of a file name, when brief reads that kind.
pub fn kind_of(name: &str) -> Option<&'static str> {
    let ext = Path::new(name).extension()?.to_str()?.to_lowercase();
    KINDS.iter().copied().find(|k| *k == ext)
}

/// Reads `written` (relative to the briefing's folder) as a source text, or
/// says in words why not.
pub fn read(briefing: &Path, written: &str) -> Result<SourceText, String> {
    let rel = Path::new(written);
    if rel.is_absolute() {
        return Err(
            "an absolute path is not allowed: `file:` is relative to the briefing's folder".into(),
        );
    }
    let Some(kind) = kind_of(written) else {
        return Err(format!(
            "brief reads source texts of these kinds: {}",
            KINDS
                .iter()
                .map(|k| format!(".{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    // Climbing out with `..` is refused before anything is looked up, so
    // not even whether a file exists out there is told.
    let mut depth = 0i32;
    for c in rel.components() {
        match c {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return Err("it leads outside the briefing's folder; it was not read".into());
        }
    }
    let dir = briefing
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).map_err(|e| format!("the briefing's folder: {e}"))?;
    let full = inside(&dir, rel)?;
    use crate::briefing::read::{Refused, regular_file};
    let bytes = regular_file(&full, MAX_TEXT_BYTES).map_err(|e| match e {
        Refused::NotRegular { .. } => {
            "it is not a regular file (a folder, device or pipe); it was not read".to_string()
        }
        Refused::TooLarge(n) => format!(
            "it is {:.1} MiB; a source text may be at most {} MiB",
            n as f64 / 1048576.0,
            MAX_TEXT_BYTES / 1048576
        ),
        other => format!("it {other}"),
    })?;
    let read_as = ReadAs(Some(crate::briefing::cache::plain_digest(&bytes)));
    let content = String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    // A page is split once: what its reader sees is its paragraphs, the
    // rest is kept apart, never source text.
    let (seen, unseen) = match kind {
        "html" | "htm" => {
            let (seen, unseen) = super::flatten::split_hidden(&content);
            (std::borrow::Cow::Owned(seen), unseen)
        }
        _ => (std::borrow::Cow::Borrowed(content.as_str()), Vec::new()),
    };
    let mut t = SourceText::new(paragraphs_seen(kind, &seen), Some(written.to_string()));
    t.unseen = unseen
        .into_iter()
        .map(|(why, text)| {
            let text = crate::briefing::sanitize::clean(text);
            (why.to_string(), quote::normalise(&text))
        })
        .collect();
    t.read_as = read_as;
    Ok(t)
}

/// `rel` resolved inside `dir` (canonical), one part at a time: the first
/// part that leads out of the folder through a link ends the walk, so
/// nothing beyond it is looked up and the message is the same whether what
/// it names exists or not.
fn inside(dir: &Path, rel: &Path) -> Result<PathBuf, String> {
    let mut at = dir.to_path_buf();
    for c in rel.components() {
        let next = at.join(c);
        if std::fs::symlink_metadata(&next).is_err() {
            return Err("no such file".into());
        }
        let real = std::fs::canonicalize(&next).map_err(|_| "no such file".to_string())?;
        if !real.starts_with(dir) {
            return Err(
                "it leads outside the briefing's folder through a link; it was not read".into(),
            );
        }
        at = real;
    }
    Ok(at)
}

/// The paragraphs of a text of a kind (`txt`, `md`, `html`…).
pub fn paragraphs(kind: &str, content: &str) -> Vec<String> {
    match kind {
        "html" | "htm" => paragraphs_seen(kind, &super::flatten::split_hidden(content).0),
        _ => paragraphs_seen(kind, content),
    }
}

/// [`paragraphs`] of a text whose hidden parts are already taken out.
fn paragraphs_seen(kind: &str, content: &str) -> Vec<String> {
    let raw = match kind {
        "html" | "htm" => html_paragraphs(content),
        "md" | "markdown" => markdown_paragraphs(content),
        _ => text_paragraphs(content),
    };
    raw.into_iter()
        .map(|p| {
            crate::briefing::sanitize::clean(p)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Blank-line-separated blocks, their lines joined.
pub fn text_paragraphs(content: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in content.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(line.trim());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Every block element's text, one paragraph each; scripts, styles and
/// comments are never text.
fn html_paragraphs(content: &str) -> Vec<String> {
    let content = &*super::flatten::flatten(content);
    // Wider than the whole text, no block wraps, so each line is one block
    // (a paragraph of a million characters too).
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .string_from_read(content.as_bytes(), content.len().max(80) + 1)
        .unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Paragraphs, headings and list items, each its own paragraph.
fn markdown_paragraphs(content: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let block = |ev: &Event| match ev {
        Event::Start(t) => matches!(
            t,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::TableCell
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::TableCell
        ),
        _ => false,
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    for ev in Parser::new(content) {
        match ev {
            ref e if block(e) => {
                if !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
            Event::Text(t) | Event::Code(t) => cur.push_str(&t),
            Event::SoftBreak | Event::HardBreak => cur.push(' '),
            _ => {}
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_paragraphs_are_blank_line_blocks() {
        let p = paragraphs("txt", "Headline\n\nFirst line\ncontinues.\n\n\nSecond.\n");
        assert_eq!(p, ["Headline", "First line continues.", "Second."]);
    }

    #[test]
    fn html_keeps_the_body_text_only() {
        let p = paragraphs(
            "html",
            "<html><head><style>p{}</style><script>var s='secret words';</script></head>\
             <body><!-- hidden --><h1>Title</h1><p>One <b>bold</b> line.</p><ul><li>a</li><li>b</li></ul></body></html>",
        );
        assert_eq!(p, ["Title", "One bold line.", "a", "b"]);
        assert!(
            p.iter()
                .all(|x| !x.contains("secret") && !x.contains("hidden"))
        );
    }

    #[test]
    fn markdown_blocks_are_paragraphs() {
        let p = paragraphs("md", "# Head\n\nSome *text*\nwrapped.\n\n- one\n- two\n");
        assert_eq!(p, ["Head", "Some text wrapped.", "one", "two"]);
    }
}
