//! A problem found in a briefing, located by its path in the YAML; the
//! path is turned into line:col only when the problem is reported.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl fmt::Display for Seg {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Seg::Key(k) => write!(f, ".{k}"),
            Seg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// What part of the node at a path to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    /// The value at the path.
    Value,
    /// The key of the last path segment (which is a key).
    Key,
    /// Every occurrence of the last key in its mapping (duplicate keys).
    EveryKey,
    /// A piece of text inside the scalar at the path, e.g. `[[id`.
    Needle(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub path: Vec<Seg>,
    pub point: Point,
}

impl Loc {
    pub fn value(path: Vec<Seg>) -> Self {
        Loc {
            path,
            point: Point::Value,
        }
    }
    pub fn key(path: Vec<Seg>) -> Self {
        Loc {
            path,
            point: Point::Key,
        }
    }
    pub fn dotted(&self) -> String {
        let s: String = self.path.iter().map(|s| s.to_string()).collect();
        s.trim_start_matches('.').to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub at: Loc,
    /// Text under the caret.
    pub label: String,
    pub help: Option<String>,
    /// Other places that belong to the problem (e.g. the first definition).
    pub also: Vec<(Loc, String)>,
}

/// The closest candidate by edit distance, if it is close enough to be a
/// plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it.
        .filter(|c| {
            c.len().abs_diff(word.len()) <= limit * 4
                && if c.is_ascii() {
                    c.len().abs_diff(len) <= limit
                } else {
                    c.chars().count().abs_diff(len) <= limit
                }
        })
        .map(|c| (levenshtein(word, c, limit), c))
        .filter(|(d, _)| *d <= limit && *d < len)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// The edit distance, or more than `limit` as soon as every way is over
/// it: most candidates are rejected after a row or two.
fn levenshtein(a: &str, b: &str, limit: usize) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            best = best.min(row[j + 1]);
            prev = cur;
        }
        if best > limit {
            return limit + 1;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let ids = ["pakistan", "china", "ttp"];
        assert_eq!(nearest("pakistn", ids), Some("pakistan"));
        assert_eq!(nearest("chian", ids), Some("china"));
        assert_eq!(nearest("zzzzzzzz", ids), None);
        assert_eq!(
            nearest("G", ["A", "B"]),
            None,
            "one letter is never a typo of another"
        );
        assert_eq!(levenshtein("kitten", "sitting", 10), 3);
        assert!(
            levenshtein("kitten", "zzzzzzzzzz", 2) > 2,
            "stops early past the limit"
        );
    }
}
