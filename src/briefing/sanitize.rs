//! Removes what must never reach a terminal: C0 controls other than newline
//! and tab, DEL, C1 controls, and the bidi embedding, override and isolate
//! characters that can make text display as something else.

fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Characters whose width terminals and ratatui disagree on (zero-width
/// joiners and spaces, variation selectors, soft hyphens, prepended
/// concatenation marks): dropped, so borders never shift.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}')
}

/// Whether the bytes could hold a character to clean; a quick scan so the
/// common clean string is not copied.
fn may_need_cleaning(s: &str) -> bool {
    // Every string of every load (and of every cache hit, checked again)
    // passes here, most are short (ids, names, dates) and most are
    // printable ASCII: eight bytes are passed at once when they all are,
    // and only a word holding another byte is looked at byte by byte (a
    // block of 32 left a short string's bytes to a byte loop).
    has_suspicious(s.as_bytes())
}

fn has_suspicious(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    let suspicious_in = |word: &[u8]| word.iter().any(|&b| suspicious(b));
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        if !printable_ascii(w) && suspicious_in(word) {
            return true;
        }
    }
    let rest = words.remainder();
    let mut last = [b' '; 8];
    last[..rest.len()].copy_from_slice(rest);
    !printable_ascii(u64::from_le_bytes(last)) && suspicious_in(rest)
}

/// Whether all eight bytes of `w` are printable ASCII (space to `~`): no
/// byte from 0x80, none below 0x20 (subtracting 0x20 borrows) and none
/// 0x7f (xor 0x7f leaves zero, and subtracting one borrows). A borrow
/// into the next byte comes only from a byte that is already not
/// printable, so the answer for the word is exact.
fn printable_ascii(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = w.wrapping_sub(ONES * 0x20) | (w ^ (ONES * 0x7f)).wrapping_sub(ONES);
    (low & !w | w) & HIGH == 0
}

/// A control byte, or the first byte of a character [`clean`] may change.
fn suspicious(b: u8) -> bool {
    (b < 0x20) & (b != b'\n') & (b != b'\t')
        | (b == 0x7f)
        | (b == 0xc2)
        | (b == 0xd8)
        | (b == 0xdb)
        | (b == 0xdc)
        | (b == 0xe1)
        | (b == 0xe2)
        | (b == 0xef)
        | (b == 0xf0)
}

/// The string with unsafe and invisible characters removed; `\r\n` and
/// lone `\r` become `\n`, line and paragraph separators a space, and a
/// flag's regional indicators their letters (🇵🇰 becomes PK), so what a
/// terminal draws is as wide as brief thinks.
pub fn clean(s: String) -> String {
    if !may_need_cleaning(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{1f1e6}'..='\u{1f1ff}' => {
                out.push(char::from(b'A' + (c as u32 - 0x1f1e6) as u8));
            }
            c if is_unsafe(c) || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`clean`] for a borrowed string, as the model keeps it: a short string
/// needs no allocation at all.
pub fn clean_str(s: &str) -> crate::briefing::model::Str {
    if may_need_cleaning(s) {
        clean(s.to_string()).into()
    } else {
        s.into()
    }
}

/// A character [`clean`] changes (drops or replaces).
fn cleaned(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{2028}' | '\u{2029}' | '\u{1f1e6}'..='\u{1f1ff}'
    ) || is_unsafe(c)
        || is_invisible(c)
}

/// Whether [`clean`] would leave `s` as it is. Only the characters that
/// start with a [`suspicious`] byte are decoded (each such byte starts a
/// character): a text of typographic quotes is mostly ASCII between them.
pub fn is_clean(s: &str) -> bool {
    if !may_need_cleaning(s) {
        return true;
    }
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(off) = bytes[at..].iter().position(|&b| suspicious(b)) {
        at += off;
        let c = s[at..].chars().next().unwrap_or_default();
        if cleaned(c) {
            return false;
        }
        at += c.len_utf8();
    }
    true
}

/// A path as messages show it: a control, C1 or bidi character in a file
/// name is written as an escape (`\u{1b}`), never sent to the terminal.
pub fn path(p: &std::path::Path) -> String {
    let s = p.display().to_string();
    // A newline or tab in a file name would forge a line of a message.
    let odd = |c: char| is_unsafe(c) || is_invisible(c) || c == '\n' || c == '\t';
    if !s.chars().any(odd) {
        return s;
    }
    s.chars()
        .map(|c| {
            if odd(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// At most `n` characters of `s`, an ellipsis marking a cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// At most `width` columns of `s`; an ellipsis marks a cut, made between
/// grapheme clusters (never between a letter and its accent).
pub fn clip_width(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// The URL when it is an http or https URL, normalised; anything else
/// (file:, javascript:, a bare word) is never opened.
pub fn web_url(s: &str) -> Option<String> {
    let u = url::Url::parse(s.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The block scan finds what a byte-by-byte scan finds.
        #[test]
        fn the_block_scan_is_the_byte_scan(s in "(?s).{0,100}", at in 0usize..100, b in 0u8..0x80) {
            let mut text = s.clone();
            if at <= text.len() && text.is_char_boundary(at) {
                text.insert(at, b as char);
            }
            let bytewise = text.bytes().any(|b| {
                (b < 0x20 && b != b'\n' && b != b'\t')
                    || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xdb | 0xdc | 0xe1 | 0xe2 | 0xef | 0xf0)
            });
            prop_assert_eq!(may_need_cleaning(&text), bytewise);
        }

        /// The same for text that is mostly printable ASCII, the common
        /// case the word scan passes eight bytes at a time.
        #[test]
        fn the_word_scan_is_the_byte_scan(s in "[ -~]{0,70}", at in 0usize..70, b in any::<u8>()) {
            let mut bytes = s.into_bytes();
            bytes.insert(at.min(bytes.len()), b);
            let bytewise = bytes.iter().any(|&b| suspicious(b));
            prop_assert_eq!(has_suspicious(&bytes), bytewise);
        }
    }

    /// Every word of eight bytes with one byte of each value, at each
    /// place: the word test says printable exactly when every byte is.
    #[test]
    fn a_word_is_printable_ascii_exactly_when_each_byte_is() {
        for at in 0..8 {
            for b in 0..=255u8 {
                for fill in [b' ', b'a', b'~', b'\n', 0x80, 0x1f] {
                    let mut word = [fill; 8];
                    word[at] = b;
                    let each = word.iter().all(|c| (b' '..=b'~').contains(c));
                    assert_eq!(printable_ascii(u64::from_le_bytes(word)), each, "{word:?}");
                }
            }
        }
    }

    /// The quick scans skip what starts with no suspicious byte: every
    /// character that cleaning changes must start with one.
    #[test]
    fn every_character_cleaning_changes_starts_with_a_suspicious_byte() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            if cleaned(c) {
                assert!(suspicious(s.as_bytes()[0]), "{:?}", c);
            }
            assert_eq!(is_clean(s), clean(s.to_string()) == *s, "{:?}", c);
        }
    }

    proptest! {
        /// Whether a string is clean is whether cleaning leaves it as it is.
        #[test]
        fn is_clean_is_what_clean_leaves(s in "(?s)(.|\u{2019}|\u{200b}|\u{202e}|\r|\u{1b}){0,60}") {
            prop_assert_eq!(is_clean(&s), clean(s.clone()) == s);
        }

        /// The model's strings are cleaned as owned strings are.
        #[test]
        fn clean_str_is_clean(s in "(?s)(.|\u{2019}|\u{200b}|\u{202e}|\r|\u{1b}){0,60}") {
            prop_assert_eq!(clean_str(&s).to_string(), clean(s.clone()));
        }
    }

    #[test]
    fn only_web_urls_are_opened() {
        assert_eq!(
            web_url("https://example.com/a b").as_deref(),
            Some("https://example.com/a%20b")
        );
        assert!(web_url("http://x.org").is_some());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "example.com",
            "$(rm -rf ~)",
            "ftp://x",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn strips_escape_sequences_and_bidi_overrides() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}".into()), "a[31mred");
        assert_eq!(clean("x\u{202e}y\u{2066}z".into()), "xyz");
        assert_eq!(clean("c1\u{9b}2J".into()), "c12J");
        assert_eq!(clean("del\u{7f}".into()), "del");
    }

    #[test]
    fn keeps_text_newlines_tabs_and_non_latin_script() {
        let s = "line\n\tindent — باكستان 中国 é".to_string();
        assert_eq!(clean(s.clone()), s);
        assert_eq!(clean("a\r\nb\rc".into()), "a\nb\nc");
    }

    #[test]
    fn characters_of_disputed_width_are_normalised() {
        assert_eq!(clean("a\u{200d}b\u{ad}c\u{fe0f}d\u{600}e".into()), "abcde");
        assert_eq!(clean("x\u{2028}y".into()), "x y");
        assert_eq!(clean("\u{1f1f5}\u{1f1f0} flag".into()), "PK flag");
        assert_eq!(
            path(std::path::Path::new("a\u{1b}]52;c;x\u{7}.yaml")),
            "a\\u{1b}]52;c;x\\u{7}.yaml"
        );
    }
}
