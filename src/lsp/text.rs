//! An open document's text and the one place LSP positions are read and
//! written: lines and columns counted in UTF-16 code units (the protocol's
//! default) or UTF-8 bytes (when the client offers it), never in `char`s,
//! so a wide or combining character never shifts a caret.

use lsp_types::{Position, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

pub struct Doc {
    pub text: String,
    pub version: i32,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
}

impl Doc {
    pub fn new(text: String, version: i32) -> Self {
        let starts = line_starts(&text);
        Doc {
            text,
            version,
            starts,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line `n` (0-based) without its line break.
    pub fn line(&self, n: usize) -> &str {
        let Some(&start) = self.starts.get(n) else {
            return "";
        };
        let end = self.starts.get(n + 1).map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset of a position; past a line's end is its end, past
    /// the last line is the end of the text.
    pub fn offset(&self, p: Position, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        start + byte_in_line(self.line(p.line as usize), p.character as usize, enc)
    }

    /// The position of a byte offset (inside a character: its start).
    pub fn position(&self, byte: usize, enc: Encoding) -> Position {
        let byte = byte.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let in_line = &self.text[self.starts[line]..byte];
        Position::new(line as u32, units(in_line, enc) as u32)
    }

    /// The position of a 1-based line and 1-based column in characters,
    /// as brief's own diagnostics count them.
    pub fn position_of_char(&self, line: usize, col: usize, enc: Encoding) -> Position {
        let n = line
            .saturating_sub(1)
            .min(self.line_count().saturating_sub(1));
        let text = self.line(n);
        let byte = text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(text.len(), |(b, _)| b);
        Position::new(n as u32, units(&text[..byte], enc) as u32)
    }

    /// A range of `len` characters from a 1-based line and column, kept
    /// on its line.
    pub fn range_of_chars(&self, line: usize, col: usize, len: usize, enc: Encoding) -> Range {
        let start = self.position_of_char(line, col, enc);
        let end = self.position_of_char(line, col + len.max(1), enc);
        Range::new(start, end)
    }

    pub fn range_of_bytes(&self, from: usize, to: usize, enc: Encoding) -> Range {
        Range::new(self.position(from, enc), self.position(to, enc))
    }

    /// Replaces a range (or everything, with none) by `with`.
    pub fn edit(&mut self, range: Option<Range>, with: &str, enc: Encoding) {
        match range {
            None => self.text = with.to_string(),
            Some(r) => {
                let from = self.offset(r.start, enc);
                let to = self.offset(r.end, enc).max(from);
                self.text.replace_range(from..to, with);
            }
        }
        self.starts = line_starts(&self.text);
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    v
}

/// Code units of `s` in the encoding.
pub fn units(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.encode_utf16().count(),
    }
}

/// The byte in `line` at `n` code units (the start of a character the
/// count falls inside; the line's end past it).
fn byte_in_line(line: &str, n: usize, enc: Encoding) -> usize {
    let mut seen = 0;
    for (b, c) in line.char_indices() {
        let w = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if seen + w > n {
            return b;
        }
        seen += w;
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_astral_characters_are_counted_in_the_clients_units() {
        // "é" is 2 bytes, 1 UTF-16 unit; "𝄞" is 4 bytes, 2 units.
        let d = Doc::new("a: é𝄞x\nb: y\n".into(), 1);
        let x = d.text.find('x').unwrap();
        assert_eq!(d.position(x, Encoding::Utf16), Position::new(0, 6));
        assert_eq!(d.position(x, Encoding::Utf8), Position::new(0, 9));
        assert_eq!(d.offset(Position::new(0, 6), Encoding::Utf16), x);
        assert_eq!(d.offset(Position::new(0, 9), Encoding::Utf8), x);
        // Inside a surrogate pair: the character's start, never a panic.
        assert_eq!(d.offset(Position::new(0, 5), Encoding::Utf16), x - 4);
        // Brief's columns count characters: `x` is the 6th.
        assert_eq!(
            d.position_of_char(1, 6, Encoding::Utf16),
            Position::new(0, 6)
        );
    }

    #[test]
    fn an_edit_replaces_its_range_and_clamps_what_lies_past_the_text() {
        let mut d = Doc::new("title: one\n".into(), 1);
        d.edit(
            Some(Range::new(Position::new(0, 7), Position::new(0, 10))),
            "two",
            Encoding::Utf16,
        );
        assert_eq!(d.text, "title: two\n");
        d.edit(
            Some(Range::new(Position::new(9, 0), Position::new(12, 4))),
            "x",
            Encoding::Utf16,
        );
        assert_eq!(d.text, "title: two\nx");
        assert_eq!(d.line(1), "x");
    }
}
