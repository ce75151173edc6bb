//! A quick reader for the YAML briefings are written in: block mappings and
//! lists, plain scalars (over several lines too), one-line quoted scalars,
//! literal and folded block scalars, one-line flow lists and mappings,
//! comments.
//!
//! It drives the same serde visitors serde_yaml drives and hands them the
//! same values (plain scalars are resolved by serde_norway's own rules,
//! copied below), so whatever it reads comes out as serde_yaml would give
//! it. Anything else — anchors, tags, a quoted scalar or a flow list over
//! several lines, a tab where YAML counts indentation, a character libyaml refuses,
//! anything YAML calls an error — and it gives up (`None`) at once: the
//! caller then parses with serde_yaml, which reads it or reports it with
//! its line. libyaml and serde_yaml's event list read a briefing at 30–40
//! MB/s on a slow core; the YAML a briefing is written in needs far less.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Not read here; serde_yaml will read or report it.
#[derive(Debug)]
pub struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

type R<T> = Result<T, GiveUp>;

/// Deeper than this is not a briefing (serde_yaml's own limit is 128).
const DEPTH: u32 = 48;

/// `text` read as serde_yaml reads it, or `None` when it is not in the
/// plain YAML read here.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Option<T> {
    from_str_seed(text, std::marker::PhantomData::<T>)
}

/// [`from_str`] into what `seed` builds (the locator's tree of places).
pub fn from_str_seed<'de, S: DeserializeSeed<'de>>(text: &'de str, seed: S) -> Option<S::Value> {
    if !plain_characters(text) {
        return None;
    }
    let mut r = Reader {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        line: 0,
        depth: 0,
    };
    if text.starts_with("---\n") {
        r.pos = 4;
    }
    if r.next_line().ok()?? != 0 {
        return None;
    }
    let v = seed
        .deserialize(Node {
            r: &mut r,
            parent: -1,
            at: At::Line,
        })
        .ok()?;
    match r.next_line() {
        Ok(None) => Some(v),
        _ => None,
    }
}

/// No character libyaml refuses or reads as a line break of its own (NEL,
/// LS, PS), no carriage return, no byte-order mark, no directive and no
/// document marker past the first line.
fn plain_characters(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b'%')
        || b.starts_with(b"...")
        || text.contains("\n---")
        || text.contains("\n...")
        || text.contains("\n%")
    {
        return false;
    }
    let odd = |c: u8| (c < 0x20 && c != b'\n' && c != b'\t') || c >= 0x7f;
    // Whole chunks of printable ASCII at once (the compiler makes this a
    // few vector instructions); a chunk with anything else, byte by byte.
    const CHUNK: usize = 32;
    let mut from = 0;
    for chunk in b.chunks(CHUNK) {
        if chunk.iter().fold(false, |a, &c| a | odd(c)) && !printable(b, from, from + chunk.len()) {
            return false;
        }
        from += chunk.len();
    }
    true
}

/// `b[from..to]` byte by byte (a character may run past `to`).
fn printable(b: &[u8], from: usize, to: usize) -> bool {
    for i in from..to {
        match b[i] {
            b'\t' | b'\n' => {}
            0..=0x1f | 0x7f => return false,
            // U+0080–U+009F: C1 controls and NEL.
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            // U+2028, U+2029.
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => {
                return false;
            }
            // U+FEFF, U+FFFE, U+FFFF.
            0xef if matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ) =>
            {
                return false;
            }
            _ => {}
        }
    }
    true
}

/// Where a node starts: at the start of its line (the root), after `key:`
/// or after a list's `-`.
#[derive(Clone, Copy, PartialEq)]
enum At {
    Line,
    Key,
    Dash,
}

struct Reader<'de> {
    s: &'de str,
    b: &'de [u8],
    pos: usize,
    /// Where the line `pos` is on starts.
    line: usize,
    depth: u32,
}

/// The bytes a plain scalar in a flow collection stops at: its end (`,`,
/// a closing bracket), a `#` (text or a comment) and what is given up on.
static FLOW_PLAIN_STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let stops = b",]}#:\n\t[{\0";
    let mut i = 0;
    while i < stops.len() {
        t[stops[i] as usize] = true;
        i += 1;
    }
    t
};

fn is_indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

impl<'de> Reader<'de> {
    /// The byte at `i`, 0 past the end (a NUL never gets this far).
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.b[from..]).map_or(self.b.len(), |n| from + n)
    }

    fn skip_spaces(&mut self) -> usize {
        let from = self.pos;
        while self.peek() == b' ' {
            self.pos += 1;
        }
        self.pos - from
    }

    /// From the start of a line, past blank and comment lines: the
    /// indentation of the next line with content (`pos` left at its
    /// start), or `None` at the end.
    fn next_line(&mut self) -> R<Option<usize>> {
        loop {
            let start = self.pos;
            let mut i = start;
            while self.at(i) == b' ' {
                i += 1;
            }
            match self.at(i) {
                0 if i >= self.b.len() => {
                    self.pos = self.b.len();
                    return Ok(None);
                }
                b'\n' => self.pos = i + 1,
                b'#' => self.pos = (self.line_end(i) + 1).min(self.b.len()),
                b'\t' => return Err(GiveUp),
                _ => {
                    self.line = start;
                    return Ok(Some(i - start));
                }
            }
        }
    }

    /// Past the end of a value's line: spaces, then a comment or nothing.
    fn finish_line(&mut self) -> R<()> {
        let spaces = self.skip_spaces();
        match self.peek() {
            b'\n' => self.pos += 1,
            b'#' if spaces > 0 => self.pos = (self.line_end(self.pos) + 1).min(self.b.len()),
            0 if self.pos >= self.b.len() => {}
            _ => return Err(GiveUp),
        }
        self.line = self.pos;
        Ok(())
    }

    /// The next entry of a block mapping or list at `indent`: `true` with
    /// `pos` at it, `false` where the block ends (`pos` at that line).
    fn next_in_block(&mut self, indent: usize, list: bool) -> R<bool> {
        match self.next_line()? {
            None => Ok(false),
            Some(i) if i < indent => Ok(false),
            Some(i) if i > indent => Err(GiveUp),
            Some(i) if list && !self.is_dash(self.pos + i) => Ok(false),
            Some(i) => {
                self.pos += i;
                Ok(true)
            }
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        self.at(i) == b'-' && matches!(self.at(i + 1), b' ' | b'\n' | 0)
    }

    /// Where the key starting at `from` ends (its `:`), when the line is a
    /// plain `key: …`; `None` when it is not a key at all, an error when
    /// it is a key too unusual to read here.
    fn key_end(&self, from: usize) -> R<Option<usize>> {
        let first = self.at(from);
        if is_indicator(first) || first == b' ' {
            return Ok(None);
        }
        let mut odd = false;
        let mut i = from;
        loop {
            match self.at(i) {
                b':' if matches!(self.at(i + 1), b' ' | b'\n' | 0) => break,
                b'\n' | 0 => return Ok(None),
                b'#' if self.at(i - 1) == b' ' => return Ok(None),
                b':' | b'\t' | b'[' | b']' | b'{' | b'}' | b',' | b'#' => {
                    odd = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        if odd || self.at(i - 1) == b' ' || i - from > 1000 {
            return Err(GiveUp);
        }
        Ok(Some(i))
    }

    /// The plain key at `pos`; `pos` left after its `:`.
    fn key(&mut self) -> R<&'de str> {
        let Some(end) = self.key_end(self.pos)? else {
            return Err(GiveUp);
        };
        let key = &self.s[self.pos..end];
        self.pos = end + 1;
        Ok(key)
    }

    fn node<V: Visitor<'de>>(&mut self, v: V, parent: isize, at: At) -> R<V::Value> {
        if at == At::Line {
            return self.below(v, parent, at);
        }
        let spaces = self.skip_spaces();
        match self.peek() {
            b'\n' => {
                self.pos += 1;
                self.below(v, parent, at)
            }
            b'#' if spaces > 0 => {
                self.pos = (self.line_end(self.pos) + 1).min(self.b.len());
                self.below(v, parent, at)
            }
            0 if self.pos >= self.b.len() => v.visit_unit(),
            _ => self.inline(v, parent, at),
        }
    }

    /// A value on the lines below its key or dash (`pos` at a line start).
    fn below<V: Visitor<'de>>(&mut self, v: V, parent: isize, at: At) -> R<V::Value> {
        let Some(indent) = self.next_line()? else {
            return v.visit_unit();
        };
        let start = self.pos + indent;
        let dash = self.is_dash(start);
        let i = indent as isize;
        if i > parent || (dash && i == parent && at == At::Key) {
            self.pos = start;
            if dash {
                return v.visit_seq(BlockSeq {
                    r: self,
                    indent,
                    first: true,
                });
            }
            if self.key_end(start)?.is_some() {
                return v.visit_map(BlockMap {
                    r: self,
                    indent,
                    first: true,
                });
            }
            return Err(GiveUp);
        }
        v.visit_unit()
    }

    /// A value on the same line as its key or dash (`pos` at its start).
    fn inline<V: Visitor<'de>>(&mut self, v: V, parent: isize, at: At) -> R<V::Value> {
        match self.peek() {
            b'|' | b'>' => {
                let text = self.block_scalar(parent)?;
                v.visit_string(text)
            }
            b'"' | b'\'' => {
                let text = self.quoted()?;
                self.finish_line()?;
                visit_text(v, text)
            }
            b'[' | b'{' => {
                let out = self.flow(v)?;
                self.finish_line()?;
                Ok(out)
            }
            b'-' if !matches!(self.at(self.pos + 1), b' ' | b'\n' | b'\t' | 0) => {
                self.plain(v, parent, at)
            }
            c if is_indicator(c) => Err(GiveUp),
            b'\t' => Err(GiveUp),
            _ => self.plain(v, parent, at),
        }
    }

    /// A plain scalar to the end of its line, or the first key of a
    /// mapping that is a list's item.
    fn plain<V: Visitor<'de>>(&mut self, v: V, parent: isize, at: At) -> R<V::Value> {
        if at == At::Dash && self.key_end(self.pos)?.is_some() {
            let indent = self.pos - self.line;
            return v.visit_map(BlockMap {
                r: self,
                indent,
                first: true,
            });
        }
        let end = self.line_end(self.pos);
        let (text, comment) = plain_line(&self.s[self.pos..end]).ok_or(GiveUp)?;
        self.pos += text.len();
        self.finish_line()?;
        match self.continued(text, parent)? {
            None => visit_plain(v, text),
            // A comment ends a plain scalar: a line indented under it is
            // an error YAML reports.
            Some(_) if comment => Err(GiveUp),
            Some(folded) => match resolve::untagged(v, &folded) {
                Ok(out) => out,
                Err(v) => v.visit_string(folded),
            },
        }
    }

    /// The lines that continue a plain scalar (indented past its parent,
    /// after blank lines or none) folded onto its first, as YAML folds
    /// them: a space between lines, a line break for each blank line;
    /// `None` when the next line with content is not one. A comment, or
    /// what would end the scalar inside its continuation, gives up.
    fn continued(&mut self, first: &str, parent: isize) -> R<Option<String>> {
        let mut out: Option<String> = None;
        loop {
            let mut start = self.pos;
            let mut blanks = 0;
            let indent = loop {
                let mut n = 0;
                while self.at(start + n) == b' ' {
                    n += 1;
                }
                if self.at(start + n) == b'\n' {
                    blanks += 1;
                    start += n + 1;
                    continue;
                }
                break n;
            };
            let from = start + indent;
            let c = self.at(from);
            if from >= self.b.len() || c == b'#' || indent as isize <= parent {
                return Ok(out);
            }
            if c == b'\t' || is_indicator(c) {
                return Err(GiveUp);
            }
            let end = self.line_end(from);
            let text = match plain_line(&self.s[from..end]) {
                Some((text, false)) => text,
                _ => return Err(GiveUp),
            };
            let o = out.get_or_insert_with(|| first.to_string());
            if blanks == 0 {
                o.push(' ');
            }
            for _ in 0..blanks {
                o.push('\n');
            }
            o.push_str(text);
            self.pos = (end + 1).min(self.b.len());
            self.line = self.pos;
        }
    }

    /// A literal (`|`) or folded (`>`) scalar; `pos` at its indicator,
    /// left at the start of the first line after it.
    fn block_scalar(&mut self, parent: isize) -> R<String> {
        let folded = self.peek() == b'>';
        self.pos += 1;
        let chomp = self.peek();
        if matches!(chomp, b'-' | b'+') {
            self.pos += 1;
        }
        if self.peek().is_ascii_digit() || self.pos >= self.b.len() {
            return Err(GiveUp);
        }
        self.finish_line()?;
        let first = self.pos;
        let mut indent = 0;
        while self.at(first + indent) == b' ' {
            indent += 1;
        }
        // Leading blank lines, an empty scalar or one not indented past
        // its parent: rare, and YAML's rules for them are subtle.
        if matches!(self.at(first + indent), b'\n' | b'\t' | 0) || indent as isize <= parent {
            return Err(GiveUp);
        }
        let mut out = String::new();
        let mut any = false;
        let mut blanks = 0usize;
        while self.pos < self.b.len() {
            let start = self.pos;
            let mut n = 0;
            while self.at(start + n) == b' ' {
                n += 1;
            }
            if matches!(self.at(start + n), b'\n' | 0) {
                if n > indent || start + n >= self.b.len() {
                    return Err(GiveUp);
                }
                blanks += 1;
                self.pos = start + n + 1;
                continue;
            }
            if n < indent {
                break;
            }
            let end = self.line_end(start);
            if end >= self.b.len() {
                return Err(GiveUp);
            }
            let content = &self.s[start + indent..end];
            if folded && content.starts_with([' ', '\t']) {
                return Err(GiveUp);
            }
            if any {
                if !folded {
                    out.push('\n');
                }
                if folded && blanks == 0 {
                    out.push(' ');
                }
                for _ in 0..blanks {
                    out.push('\n');
                }
            }
            out.push_str(content);
            any = true;
            blanks = 0;
            self.pos = end + 1;
        }
        match chomp {
            b'-' => {}
            b'+' => {
                out.push('\n');
                for _ in 0..blanks {
                    out.push('\n');
                }
            }
            _ => out.push('\n'),
        }
        self.line = self.pos;
        Ok(out)
    }

    /// A single- or double-quoted scalar that ends on its line.
    fn quoted(&mut self) -> R<Cow<'de, str>> {
        let q = self.peek();
        let start = self.pos + 1;
        let mut i = start;
        let mut seg = start;
        let mut owned: Option<String> = None;
        loop {
            match self.at(i) {
                b'\n' | 0 => return Err(GiveUp),
                b'\'' if q == b'\'' => {
                    if self.at(i + 1) != b'\'' {
                        break;
                    }
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.s[seg..=i]);
                    i += 2;
                    seg = i;
                }
                b'"' if q == b'"' => break,
                b'\\' if q == b'"' => {
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.s[seg..i]);
                    i = self.escape(i + 1, o)?;
                    seg = i;
                }
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        Ok(match owned {
            None => Cow::Borrowed(&self.s[start..i]),
            Some(mut o) => {
                o.push_str(&self.s[seg..i]);
                Cow::Owned(o)
            }
        })
    }

    /// The escape after a backslash at `i`, pushed to `out`; where it ends.
    fn escape(&self, i: usize, out: &mut String) -> R<usize> {
        let c = match self.at(i) {
            b'0' => '\0',
            b'a' => '\x07',
            b'b' => '\x08',
            b't' | b'\t' => '\t',
            b'n' => '\n',
            b'v' => '\x0b',
            b'f' => '\x0c',
            b'r' => '\r',
            b'e' => '\x1b',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            x @ (b'x' | b'u' | b'U') => {
                let len = match x {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = self.s.get(i + 1..i + 1 + len).ok_or(GiveUp)?;
                if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                    return Err(GiveUp);
                }
                let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
                out.push(char::from_u32(code).ok_or(GiveUp)?);
                return Ok(i + 1 + len);
            }
            _ => return Err(GiveUp),
        };
        out.push(c);
        Ok(i + 1)
    }

    /// A flow list or mapping that ends on its line; `pos` at its bracket.
    fn flow<V: Visitor<'de>>(&mut self, v: V) -> R<V::Value> {
        self.depth += 1;
        if self.depth > DEPTH {
            return Err(GiveUp);
        }
        let open = self.peek();
        self.pos += 1;
        let mut access = Flow {
            r: self,
            close: if open == b'[' { b']' } else { b'}' },
            first: true,
            done: false,
        };
        let out = if open == b'[' {
            v.visit_seq(&mut access)?
        } else {
            v.visit_map(&mut access)?
        };
        if !access.done {
            return Err(GiveUp);
        }
        self.depth -= 1;
        Ok(out)
    }

    /// A plain scalar inside a flow collection, up to its `,` or bracket.
    fn flow_plain(&mut self) -> R<&'de str> {
        let start = self.pos;
        let first = self.peek();
        let dash = first == b'-' && !matches!(self.at(self.pos + 1), b' ' | b',' | b']' | b'}');
        if (is_indicator(first) && !dash) || first == b' ' {
            return Err(GiveUp);
        }
        loop {
            // A long line of references is most of a large flow list: its
            // bytes are passed over by a table, not matched one by one.
            let rest = self.b.get(self.pos..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&c| FLOW_PLAIN_STOPS[usize::from(c)])
                .unwrap_or(rest.len());
            match self.peek() {
                b',' | b']' | b'}' => break,
                // `file.yaml#id`: a `#` after no space is text.
                b'#' if self.at(self.pos - 1) != b' ' => self.pos += 1,
                _ => return Err(GiveUp),
            }
        }
        let text = self.s[start..self.pos].trim_end_matches(' ');
        Ok(text)
    }
}

/// A node read where it stands: the root, a value after `key:`, or an item
/// after `-`; `parent` is the indentation of the mapping or list holding it.
struct Node<'r, 'de> {
    r: &'r mut Reader<'de>,
    parent: isize,
    at: At,
}

impl<'de> Deserializer<'de> for Node<'_, 'de> {
    type Error = GiveUp;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.r.depth += 1;
        if self.r.depth > DEPTH {
            return Err(GiveUp);
        }
        let out = self.r.node(v, self.parent, self.at)?;
        self.r.depth -= 1;
        Ok(out)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct BlockMap<'r, 'de> {
    r: &'r mut Reader<'de>,
    indent: usize,
    /// `pos` is at the first key already.
    first: bool,
}

impl<'de> MapAccess<'de> for BlockMap<'_, 'de> {
    type Error = GiveUp;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> R<Option<K::Value>> {
        if !std::mem::take(&mut self.first) && !self.r.next_in_block(self.indent, false)? {
            return Ok(None);
        }
        let key = self.r.key()?;
        seed.deserialize(Plain(key)).map(Some)
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> R<S::Value> {
        seed.deserialize(Node {
            r: self.r,
            parent: self.indent as isize,
            at: At::Key,
        })
    }
}

struct BlockSeq<'r, 'de> {
    r: &'r mut Reader<'de>,
    indent: usize,
    /// `pos` is at the first dash already.
    first: bool,
}

impl<'de> SeqAccess<'de> for BlockSeq<'_, 'de> {
    type Error = GiveUp;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> R<Option<S::Value>> {
        if !std::mem::take(&mut self.first) && !self.r.next_in_block(self.indent, true)? {
            return Ok(None);
        }
        self.r.pos += 1;
        seed.deserialize(Node {
            r: self.r,
            parent: self.indent as isize,
            at: At::Dash,
        })
        .map(Some)
    }
}

struct Flow<'r, 'de> {
    r: &'r mut Reader<'de>,
    close: u8,
    first: bool,
    done: bool,
}

impl Flow<'_, '_> {
    /// Before an item or entry: `true` when the collection has ended.
    fn ended(&mut self) -> R<bool> {
        if self.done {
            return Ok(true);
        }
        self.r.skip_spaces();
        let c = self.r.peek();
        if c == self.close {
            self.r.pos += 1;
            self.done = true;
            return Ok(true);
        }
        if !self.first {
            if c != b',' {
                return Err(GiveUp);
            }
            self.r.pos += 1;
            self.r.skip_spaces();
            if self.r.peek() == self.close {
                return Err(GiveUp);
            }
        }
        self.first = false;
        Ok(false)
    }
}

impl<'de> SeqAccess<'de> for &mut Flow<'_, 'de> {
    type Error = GiveUp;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> R<Option<S::Value>> {
        if self.ended()? {
            return Ok(None);
        }
        seed.deserialize(FlowNode(self.r)).map(Some)
    }
}

impl<'de> MapAccess<'de> for &mut Flow<'_, 'de> {
    type Error = GiveUp;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> R<Option<K::Value>> {
        if self.ended()? {
            return Ok(None);
        }
        let start = self.r.pos;
        let first = self.r.peek();
        if is_indicator(first) {
            return Err(GiveUp);
        }
        loop {
            match self.r.peek() {
                b':' if self.r.at(self.r.pos + 1) == b' ' => break,
                b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'\n' | b'\t' | 0 => {
                    return Err(GiveUp);
                }
                _ => self.r.pos += 1,
            }
        }
        let key = &self.r.s[start..self.r.pos];
        if key.ends_with(' ') {
            return Err(GiveUp);
        }
        self.r.pos += 2;
        seed.deserialize(Plain(key)).map(Some)
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> R<S::Value> {
        seed.deserialize(FlowNode(self.r))
    }
}

/// An item or a value inside a flow collection.
struct FlowNode<'r, 'de>(&'r mut Reader<'de>);

impl<'de> Deserializer<'de> for FlowNode<'_, 'de> {
    type Error = GiveUp;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        let r = self.0;
        r.skip_spaces();
        match r.peek() {
            b'[' | b'{' => r.flow(v),
            b'"' | b'\'' => {
                let text = r.quoted()?;
                visit_text(v, text)
            }
            _ => {
                let text = r.flow_plain()?;
                visit_plain(v, text)
            }
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A plain scalar already cut out: a key.
struct Plain<'de>(&'de str);

impl<'de> Deserializer<'de> for Plain<'de> {
    type Error = GiveUp;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        visit_plain(v, self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

fn visit_text<'de, V: Visitor<'de>>(v: V, text: Cow<'de, str>) -> R<V::Value> {
    match text {
        Cow::Borrowed(s) => v.visit_borrowed_str(s),
        Cow::Owned(s) => v.visit_string(s),
    }
}

/// A plain scalar as serde_norway resolves it (`visit_untagged_scalar`):
/// null, a boolean, an integer, a float, else text. Only text that starts
/// with one of these characters can be anything but text.
fn visit_plain<'de, V: Visitor<'de>>(v: V, s: &'de str) -> R<V::Value> {
    match s.as_bytes().first() {
        None => v.visit_unit(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'~') => match resolve::untagged(v, s) {
            Ok(out) => out,
            Err(v) => v.visit_borrowed_str(s),
        },
        // `id`, `name`, `title`: most keys begin with one of these letters,
        // and every one was tried as each kind of number (860 instructions).
        Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'i' | b'I') => match resolve::word(v, s) {
            Ok(out) => out,
            Err(v) => v.visit_borrowed_str(s),
        },
        Some(_) => v.visit_borrowed_str(s),
    }
}

/// A plain scalar's text on `line` without its comment or trailing
/// spaces, and whether a comment (` #`) follows; `None` when the line is
/// more than a plain scalar (a `: ` or a final `:`, a key, or a tab). One
/// pass over the line: this runs for every plain value of a file.
fn plain_line(line: &str) -> Option<(&str, bool)> {
    let b = line.as_bytes();
    let mut end = b.len();
    for (i, &c) in b.iter().enumerate() {
        let next = b.get(i + 1).copied();
        match c {
            b' ' if next == Some(b'#') => {
                end = i;
                break;
            }
            b':' if next.is_none_or(|n| n == b' ') => return None,
            b'\t' => return None,
            _ => {}
        }
    }
    Some((line[..end].trim_end_matches(' '), end < b.len()))
}

/// serde_norway 0.9's resolution of plain scalars, copied (MIT or Apache
/// 2.0, as serde_norway) so a scalar read here is the value it gives.
mod resolve {
    use super::R;
    use serde::de::Visitor;
    use std::num::ParseIntError;

    fn parse_null(scalar: &[u8]) -> Option<()> {
        match scalar {
            b"null" | b"Null" | b"NULL" | b"~" => Some(()),
            _ => None,
        }
    }

    fn parse_bool(scalar: &str) -> Option<bool> {
        match scalar {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    fn parse_unsigned_int<T>(
        scalar: &str,
        from_str_radix: fn(&str, radix: u32) -> Result<T, ParseIntError>,
    ) -> Option<T> {
        let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(rest) = unpositive.strip_prefix(prefix) {
                if rest.starts_with(['+', '-']) {
                    return None;
                }
                if let Ok(int) = from_str_radix(rest, radix) {
                    return Some(int);
                }
            }
        }
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        if digits_but_not_number(scalar) {
            return None;
        }
        from_str_radix(unpositive, 10).ok()
    }

    fn parse_negative_int<T>(
        scalar: &str,
        from_str_radix: fn(&str, radix: u32) -> Result<T, ParseIntError>,
    ) -> Option<T> {
        for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
            if let Some(rest) = scalar.strip_prefix(prefix) {
                let negative = format!("-{rest}");
                if let Ok(int) = from_str_radix(&negative, radix) {
                    return Some(int);
                }
            }
        }
        if digits_but_not_number(scalar) {
            return None;
        }
        from_str_radix(scalar, 10).ok()
    }

    fn parse_f64(scalar: &str) -> Option<f64> {
        let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
            if unpositive.starts_with(['+', '-']) {
                return None;
            }
            unpositive
        } else {
            scalar
        };
        if let ".inf" | ".Inf" | ".INF" = unpositive {
            return Some(f64::INFINITY);
        }
        if let "-.inf" | "-.Inf" | "-.INF" = scalar {
            return Some(f64::NEG_INFINITY);
        }
        if let ".nan" | ".NaN" | ".NAN" = scalar {
            return Some(f64::NAN.copysign(1.0));
        }
        if let Ok(float) = unpositive.parse::<f64>()
            && float.is_finite()
        {
            return Some(float);
        }
        None
    }

    fn digits_but_not_number(scalar: &str) -> bool {
        let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
        scalar.len() > 1
            && scalar.starts_with('0')
            && scalar[1..].bytes().all(|b| b.is_ascii_digit())
    }

    /// [`untagged`] for a scalar that begins with a letter: only null and
    /// the booleans are not text there. No number begins with a letter, and
    /// the words Rust's float parser reads (`inf`, `infinity`, `nan`) are
    /// not finite, which `untagged` takes as text.
    pub(super) fn word<'de, V: Visitor<'de>>(v: V, s: &str) -> Result<R<V::Value>, V> {
        if parse_null(s.as_bytes()).is_some() {
            return Ok(v.visit_unit());
        }
        match parse_bool(s) {
            Some(b) => Ok(v.visit_bool(b)),
            None => Err(v),
        }
    }

    /// The value of a plain scalar that is not text, or the visitor back
    /// when it is text.
    pub(super) fn untagged<'de, V: Visitor<'de>>(v: V, s: &str) -> Result<R<V::Value>, V> {
        if s.is_empty() || parse_null(s.as_bytes()).is_some() {
            return Ok(v.visit_unit());
        }
        if let Some(b) = parse_bool(s) {
            return Ok(v.visit_bool(b));
        }
        if let Some(int) = parse_unsigned_int(s, u64::from_str_radix) {
            return Ok(v.visit_u64(int));
        }
        if let Some(int) = parse_negative_int(s, i64::from_str_radix) {
            return Ok(v.visit_i64(int));
        }
        if let Some(int) = parse_unsigned_int(s, u128::from_str_radix) {
            return Ok(v.visit_u128(int));
        }
        if let Some(int) = parse_negative_int(s, i128::from_str_radix) {
            return Ok(v.visit_i128(int));
        }
        if !digits_but_not_number(s)
            && let Some(float) = parse_f64(s)
        {
            return Ok(v.visit_f64(float));
        }
        Err(v)
    }
}

#[cfg(test)]
mod tests {
    use super::plain_line;

    /// The three searches [`plain_line`] replaced, as a plain scalar's
    /// first line read them.
    fn first_line_before(line: &str) -> Option<(&str, bool)> {
        let comment = line.find(" #");
        let text = comment.map_or(line, |n| &line[..n]).trim_end_matches(' ');
        if text.contains(": ") || text.ends_with(':') || text.contains('\t') {
            return None;
        }
        Some((text, comment.is_some()))
    }

    /// The four a continuation line was held to.
    fn continued_before(line: &str) -> Option<&str> {
        let text = line.trim_end_matches(' ');
        (!(text.contains(": ")
            || text.ends_with(':')
            || text.contains(" #")
            || text.contains('\t')))
        .then_some(text)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]
        /// One pass finds what the searches found, for a first line and
        /// for a continuation line, in lines made of the characters that
        /// matter and some that do not.
        #[test]
        fn one_pass_reads_a_line_as_the_searches_did(line in "[a #:\t\u{e9}-]{0,12}") {
            proptest::prop_assert_eq!(plain_line(&line), first_line_before(&line));
            let one = match plain_line(&line) {
                Some((text, false)) => Some(text),
                _ => None,
            };
            proptest::prop_assert_eq!(one, continued_before(&line));
        }
    }
}
