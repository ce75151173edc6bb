//! Finding a quote in a source text. Both are compared after normalising:
//! Unicode NFKC, curly and straight quotes and apostrophes alike, every
//! dash a hyphen, runs of white space one space. Inside a quote, `…` (or
//! `...`) stands for words left out within one paragraph and
//! `[bracketed words]` for an editor's insertion.

use unicode_normalization::UnicodeNormalization;

/// The form quotes and texts are compared in.
pub fn normalise(s: &str) -> String {
    // Most text is in NFKC already (ASCII always is), and then is taken as
    // it is: NFKC decomposes and recomposes every character otherwise, a
    // tenth of loading the example with its article.
    match unicode_normalization::is_nfkc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => fold(s.chars(), s.len()),
        _ => fold(s.nfkc(), s.len()),
    }
}

/// Typographic quotes and dashes as plain ones, and each run of white
/// space as one space (none at the ends).
fn fold(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
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

/// Whether `para[start..end]` starts and ends on word boundaries: a quote
/// ending "March 1" is not "March 12", "successful" not "unsuccessful".
fn whole_words(para: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let first = para[start..end].chars().next();
    let last = para[start..end].chars().next_back();
    let before = para[..start].chars().next_back();
    let after = para[end..].chars().next();
    let cut_at_start = first.is_some_and(word) && before.is_some_and(word);
    let cut_at_end = last.is_some_and(word) && after.is_some_and(word);
    !cut_at_start && !cut_at_end
}

/// Where `piece` next stands in `para` at or after `from`, on word
/// boundaries.
fn next_whole(para: &str, piece: &str, mut from: usize) -> Option<usize> {
    while let Some(at) = para[from..].find(piece) {
        let start = from + at;
        if whole_words(para, start, start + piece.len()) {
            return Some(start);
        }
        from = start + piece.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Each piece's place, in order within one paragraph, on word boundaries.
pub fn within_parts(para: &str, pieces: &[String]) -> Option<Vec<std::ops::Range<usize>>> {
    let first = pieces.first()?;
    let mut from = 0;
    while let Some(start) = next_whole(para, first, from) {
        let mut parts = Vec::with_capacity(pieces.len());
        parts.push(start..start + first.len());
        let mut ok = true;
        for p in &pieces[1..] {
            let end = parts.last().map_or(0, |r| r.end);
            match next_whole(para, p, end) {
                Some(i) => parts.push(i..i + p.len()),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(parts);
        }
        from = start + first.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The pieces in order within one paragraph.
fn within(para: &str, pieces: &[String]) -> Option<std::ops::Range<usize>> {
    let parts = within_parts(para, pieces)?;
    Some(parts.first()?.start..parts.last()?.end)
}

/// Finds a quote in normalised paragraphs, trying `hint` (0-based, from
/// the locator) first.
pub fn find(paras: &[String], quote: &str, hint: Option<(usize, usize)>) -> Found {
    find_in(paras, &joined(paras), quote, hint)
}

/// The paragraphs run together (one space between), with where each
/// starts: made once per text, for quotes stitched across paragraphs.
pub fn joined(paras: &[String]) -> (String, Vec<usize>) {
    let mut joined = String::with_capacity(paras.iter().map(|p| p.len() + 1).sum());
    let mut starts = Vec::with_capacity(paras.len());
    for p in paras {
        if !joined.is_empty() {
            joined.push(' ');
        }
        starts.push(joined.len());
        joined.push_str(p);
    }
    (joined, starts)
}

/// The quote in the paragraphs `hint` names (its locator), if it is there:
/// the common case, which needs no index.
pub fn find_hinted(paras: &[String], quote: &str, hint: Option<(usize, usize)>) -> Option<Found> {
    let (a, b) = hint?;
    let pieces = pieces(quote);
    if pieces.is_empty() {
        return None;
    }
    (a..=b.min(paras.len().saturating_sub(1)))
        .find_map(|n| within(&paras[n], &pieces).map(|r| Found::In(n, r)))
}

/// [`find`] through `ix`, a [`WordIndex`] of the same paragraphs: only the
/// paragraphs that hold the quote's rarest inner word are searched (a word
/// with a space on each side in the quote stands whole wherever the quote
/// does), and a quote with an inner word the text never has is not found
/// at once. The answer is [`find_in`]'s; the work grows with the quote,
/// not with the text.
pub fn find_indexed(
    paras: &[String],
    joined: &(String, Vec<usize>),
    ix: &WordIndex,
    quote: &str,
    hint: Option<(usize, usize)>,
) -> Found {
    let pieces = pieces(quote);
    let mut rarest: Option<u32> = None;
    for piece in &pieces {
        let w = words(piece);
        for t in w.iter().skip(1).take(w.len().saturating_sub(2)) {
            if t.is_empty() {
                continue;
            }
            let Some(&id) = ix.ids.get(t) else {
                return Found::NotFound;
            };
            if rarest.is_none_or(|r| ix.postings[id as usize].len() < ix.postings[r as usize].len())
            {
                rarest = Some(id);
            }
        }
    }
    let Some(id) = rarest else {
        return find_in(paras, joined, quote, hint);
    };
    let mut candidates: Vec<usize> = ix.postings[id as usize]
        .iter()
        .map(|&(n, _)| n as usize)
        .collect();
    candidates.dedup();
    if let Some((a, b)) = hint {
        for &n in candidates.iter().filter(|&&n| (a..=b).contains(&n)) {
            if let Some(r) = within(&paras[n], &pieces) {
                return Found::In(n, r);
            }
        }
    }
    for &n in &candidates {
        if let Some(r) = within(&paras[n], &pieces) {
            return Found::In(n, r);
        }
    }
    // Stitched: around each paragraph that holds the word, as far as the
    // quote (and a gap's worth) could reach.
    let (text, starts) = joined;
    let reach = pieces.iter().map(String::len).sum::<usize>() + 2000;
    for &n in &candidates {
        let mut from = starts[n].saturating_sub(reach);
        let mut to = (starts[n] + paras[n].len() + reach).min(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        if let Some(r) = within(&text[from..to], &pieces) {
            let at = from + r.start;
            return Found::Across(starts.partition_point(|&s| s <= at).saturating_sub(1));
        }
    }
    Found::NotFound
}

/// [`find`] with the paragraphs already [`joined`].
pub fn find_in(
    paras: &[String],
    (joined, starts): &(String, Vec<usize>),
    quote: &str,
    hint: Option<(usize, usize)>,
) -> Found {
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
    match within(joined, &pieces) {
        Some(r) => Found::Across(starts.partition_point(|&s| s <= r.start).saturating_sub(1)),
        None => Found::NotFound,
    }
}

/// The passage most like the quote: its paragraph (0-based), its words and
/// how alike they are (0–100, by shared words).
pub fn closest(paras: &[String], quote: &str) -> Option<(usize, String, u32)> {
    WordIndex::new(paras).closest(paras, quote)
}

/// A text's words, indexed once: where each stands. A quote that is not
/// found is compared only with the passages that share one of its rarer
/// words, so 1,000 such quotes cost 1,000 small looks, not 1,000 passes
/// over the whole text.
#[derive(Debug, Default)]
pub struct WordIndex {
    ids: rustc_hash::FxHashMap<String, u32>,
    /// Each paragraph's words, as ids.
    paras: Vec<Vec<u32>>,
    /// Per word id: (paragraph, position) of each time it stands.
    postings: Vec<Vec<(u32, u32)>>,
}

/// How many of a quote's rarest words are looked up, and how many places
/// each may offer: bounds the work per quote whatever the text.
const RARE_WORDS: usize = 4;
const PLACES_PER_WORD: usize = 400;

impl WordIndex {
    pub fn new(paras: &[String]) -> WordIndex {
        let mut ix = WordIndex::default();
        for (n, p) in paras.iter().enumerate() {
            let mut row = Vec::new();
            for (pos, w) in words(p).into_iter().enumerate() {
                let next = ix.ids.len() as u32;
                let id = *ix.ids.entry(w).or_insert(next);
                if id as usize == ix.postings.len() {
                    ix.postings.push(Vec::new());
                }
                ix.postings[id as usize].push((n as u32, pos as u32));
                row.push(id);
            }
            ix.paras.push(row);
        }
        ix
    }

    /// [`closest`] through the index; `paras` are the texts it was built
    /// from (the words returned are theirs).
    pub fn closest(&self, paras: &[String], quote: &str) -> Option<(usize, String, u32)> {
        let q: Vec<String> = words(&pieces(quote).join(" "));
        if q.is_empty() {
            return None;
        }
        // Unknown words still count against the match, as no id.
        let qids: Vec<Option<u32>> = q.iter().map(|w| self.ids.get(w).copied()).collect();
        let mut rare: Vec<(usize, u32)> = qids
            .iter()
            .enumerate()
            .filter_map(|(o, id)| id.map(|id| (o, id)))
            .collect();
        rare.sort_by_key(|&(o, id)| (self.postings[id as usize].len(), o));
        let mut seen = rustc_hash::FxHashSet::default();
        let mut words_used = Vec::new();
        let mut candidates = Vec::new();
        for &(offset, id) in &rare {
            if !words_used.contains(&id) {
                if words_used.len() == RARE_WORDS {
                    continue;
                }
                words_used.push(id);
            }
            for &(n, pos) in self.postings[id as usize].iter().take(PLACES_PER_WORD) {
                let para = &self.paras[n as usize];
                let len = q.len().min(para.len());
                let start = (pos as usize).saturating_sub(offset).min(para.len() - len);
                if seen.insert((n, start)) {
                    candidates.push((n as usize, start, len));
                }
            }
        }
        candidates.sort_unstable();
        let mut best: Option<(usize, usize, usize, u32)> = None;
        for (n, start, len) in candidates {
            let score = dice_ids(&qids, &self.paras[n][start..start + len]);
            if best.is_none_or(|b| score > b.3) {
                best = Some((n, start, len, score));
            }
        }
        let (n, start, len, score) = best?;
        let original: Vec<&str> = paras[n].split(' ').collect();
        let end = (start + len).min(original.len());
        Some((n, original[start.min(end)..end].join(" "), score))
    }
}

/// [`dice`] on word ids (a word the text does not have matches nothing).
fn dice_ids(a: &[Option<u32>], b: &[u32]) -> u32 {
    let mut rest: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
    for &w in b {
        *rest.entry(w).or_default() += 1;
    }
    let mut shared = 0;
    for w in a.iter().flatten() {
        if let Some(c) = rest.get_mut(w)
            && *c > 0
        {
            *c -= 1;
            shared += 1;
        }
    }
    (200 * shared / (a.len() + b.len()).max(1)) as u32
}

fn words(s: &str) -> Vec<String> {
    s.split(' ')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
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

    proptest::proptest! {
        /// Text taken as it is, when NFKC's quick check says it is in
        /// NFKC, folds as it does through NFKC itself: ligatures, wide
        /// letters, combining marks in either order, Hangul, quotes.
        #[test]
        fn the_short_cut_is_nfkc(s in "[a Aé\u{301}\u{327}e\u{fb01}\u{ff21}\u{2019}\u{201c}\u{2014}\u{2026}\u{a0}\u{1100}\u{1161}\u{ac00}\u{212b}\n]{0,30}") {
            proptest::prop_assert_eq!(normalise(&s), fold(s.nfkc(), s.len()));
        }
    }

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

    /// The index only narrows where to look: every quote taken from the
    /// text (whole words, parts of words, across paragraphs, with a gap)
    /// and every edited one is found, or not, exactly as a full search.
    #[test]
    fn the_indexed_search_answers_as_the_full_one() {
        let text = include_str!("../../../briefs/sources/pakistan-afghanistan-ttp.txt");
        let paras: Vec<String> = crate::briefing::evidence::source_text::text_paragraphs(text)
            .iter()
            .map(|p| normalise(p))
            .collect();
        let joined_text = joined(&paras);
        let ix = WordIndex::new(&paras);
        let all = joined_text.0.as_str();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for round in 0..2000 {
            let mut a = next(all.len());
            while !all.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (a + 10 + next(120)).min(all.len());
            while !all.is_char_boundary(b) {
                b -= 1;
            }
            let mut q = all[a..b].to_string();
            match round % 4 {
                1 => q = q.replacen(' ', " … ", 1),
                2 => q.push_str(" unheard-of-word"),
                3 => q = q.replace("the", "a"),
                _ => {}
            }
            let hint = (round % 3 == 0).then(|| (next(paras.len()), paras.len() - 1));
            let (fast, full) = (
                find_indexed(&paras, &joined_text, &ix, &q, hint),
                find_in(&paras, &joined_text, &q, hint),
            );
            // Stitched across paragraphs is reported either way; a gap may
            // let the full search start it further back, or (past the
            // indexed search's reach) it is an error as not found.
            let stitched_far = q.contains('…') && matches!(full, Found::Across(_));
            if !matches!((&fast, &full), (Found::Across(_), Found::Across(_))) && !stitched_far {
                assert_eq!(fast, full, "{q:?}");
            }
        }
    }
}
