//! Finding a quote in a source text. Both are compared after normalising:
//! Unicode NFKC, curly and straight quotes and apostrophes alike, every
//! dash a hyphen, runs of white space one space. Inside a quote, `…` (or
//! `...`) stands for words left out within one paragraph and
//! `[bracketed words]` for an editor's insertion.

use unicode_normalization::UnicodeNormalization;

/// The form quotes and texts are compared in.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc() {
        let c = match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The literal pieces of a quote, in order: what is left after cutting at
/// ellipses and editorial brackets. Quote marks around the whole quote
/// are not part of it.
pub fn pieces(quote: &str) -> Vec<String> {
    let n = normalise(quote);
    let n = n.trim_matches(|c| c == '"' || c == '\'' || c == ' ');
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        // Punctuation at a piece's edges is the quoting author's: "action."
        // quotes "action," as written.
        let t = cur
            .trim()
            .trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ':' | '"' | '\''))
            .trim();
        if !t.is_empty() {
            out.push(t.to_string());
        }
        cur.clear();
    };
    let text = n.replace("...", "…");
    for c in text.chars() {
        match c {
            '[' => {
                depth += 1;
                flush(&mut cur, &mut out);
            }
            ']' if depth > 0 => depth -= 1,
            '…' if depth == 0 => flush(&mut cur, &mut out),
            _ if depth == 0 => cur.push(c),
            _ => {}
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// In paragraph `n` (0-based), from the first piece's start to the
    /// last piece's end (byte offsets in the normalised paragraph).
    In(usize, std::ops::Range<usize>),
    /// Only across a paragraph break, starting in paragraph `n`.
    Across(usize),
    NotFound,
}

/// The pieces in order within one paragraph.
fn within(para: &str, pieces: &[String]) -> Option<std::ops::Range<usize>> {
    let first = pieces.first()?;
    let mut from = 0;
    while let Some(at) = para[from..].find(first.as_str()) {
        let start = from + at;
        let mut end = start + first.len();
        let mut ok = true;
        for p in &pieces[1..] {
            match para[end..].find(p.as_str()) {
                Some(i) => end += i + p.len(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(start..end);
        }
        from = start + first.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Finds a quote in normalised paragraphs, trying `hint` (0-based, from
/// the locator) first.
pub fn find(paras: &[String], quote: &str, hint: Option<(usize, usize)>) -> Found {
    let pieces = pieces(quote);
    if pieces.is_empty() {
        return Found::NotFound;
    }
    if let Some((a, b)) = hint {
        for (n, p) in paras.iter().enumerate().take(b + 1).skip(a) {
            if let Some(r) = within(p, &pieces) {
                return Found::In(n, r);
            }
        }
    }
    for (n, p) in paras.iter().enumerate() {
        if let Some(r) = within(p, &pieces) {
            return Found::In(n, r);
        }
    }
    // Stitched: found once the paragraphs run together.
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(paras.len());
    for p in paras {
        if !joined.is_empty() {
            joined.push(' ');
        }
        starts.push(joined.len());
        joined.push_str(p);
    }
    match within(&joined, &pieces) {
        Some(r) => Found::Across(starts.partition_point(|&s| s <= r.start).saturating_sub(1)),
        None => Found::NotFound,
    }
}

/// The passage most like the quote: its paragraph (0-based), its words and
/// how alike they are (0–100, by shared words).
pub fn closest(paras: &[String], quote: &str) -> Option<(usize, String, u32)> {
    let q: Vec<String> = words(&pieces(quote).join(" "));
    if q.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize, usize, u32)> = None;
    for (n, p) in paras.iter().enumerate() {
        let w = words(p);
        if w.is_empty() {
            continue;
        }
        let len = q.len().min(w.len());
        for start in 0..=w.len() - len {
            let window = &w[start..start + len];
            let score = dice(&q, window);
            if best.is_none_or(|b| score > b.3) {
                best = Some((n, start, len, score));
            }
        }
    }
    let (n, start, len, score) = best?;
    let original: Vec<&str> = paras[n].split(' ').collect();
    let end = (start + len).min(original.len());
    Some((n, original[start.min(end)..end].join(" "), score))
}

fn words(s: &str) -> Vec<String> {
    s.split(' ')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
}

/// Shared words as a percentage of both (Sørensen–Dice on word bags).
fn dice(a: &[String], b: &[String]) -> u32 {
    let mut rest: Vec<&String> = b.iter().collect();
    let mut shared = 0;
    for w in a {
        if let Some(i) = rest.iter().position(|x| *x == w) {
            rest.swap_remove(i);
            shared += 1;
        }
    }
    (200 * shared / (a.len() + b.len()).max(1)) as u32
}

/// Where a range of [`normalise`]d text lies in the original: normalising
/// each character alone gives the map (NFKC composes across characters
/// only in rare scripts, where the mark may then be a little off).
pub fn original_range(
    original: &str,
    span: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let mut norm_len = 0usize;
    let mut start = None;
    let mut space = false;
    let mut started = false;
    for (at, c) in original.char_indices() {
        let piece = normalise(&c.to_string());
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            norm_len += 1;
            space = false;
        }
        started = true;
        if start.is_none() && norm_len + piece.len() > span.start {
            start = Some(at);
        }
        norm_len += piece.len();
        if norm_len >= span.end {
            return Some(start.unwrap_or(at)..at + c.len_utf8());
        }
    }
    start.map(|s| s..original.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(v: &[&str]) -> Vec<String> {
        v.iter().map(|p| normalise(p)).collect()
    }

    #[test]
    fn quotes_dashes_and_spaces_are_folded() {
        assert_eq!(
            normalise("Pakistan’s  “concern” — here"),
            "Pakistan's \"concern\" - here"
        );
        assert_eq!(normalise("ﬁne\u{a0}day"), "fine day");
    }

    #[test]
    fn ellipses_and_brackets_cut_the_quote() {
        assert_eq!(pieces("“a b … c d”"), ["a b", "c d"]);
        assert_eq!(pieces("[The] talks ... were held"), ["talks", "were held"]);
    }

    #[test]
    fn found_in_its_paragraph_across_or_not() {
        let p = paras(&[
            "Pakistan’s concern has never been the absence of assurances.",
            "The talks were held in Urumqi. They were constructive.",
        ]);
        assert_eq!(
            find(&p, "Pakistan's concern has never been", None),
            Found::In(0, 0..33)
        );
        assert!(matches!(
            find(&p, "The talks … constructive", Some((1, 1))),
            Found::In(1, _)
        ));
        assert_eq!(
            find(&p, "absence of assurances. The talks", None),
            Found::Across(0)
        );
        assert_eq!(find(&p, "held in Kabul", None), Found::NotFound);
        let (n, text, score) = closest(&p, "held in Kabul").unwrap();
        assert_eq!(n, 1);
        assert!(text.contains("held in") && score > 50, "{text} {score}");
    }
}
