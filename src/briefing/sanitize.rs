//! Removes what must never reach a terminal: C0 controls other than newline
//! and tab, DEL, C1 controls, and the bidi embedding, override and isolate
//! characters that can make text display as something else.

fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether the bytes could hold an unsafe character; a quick scan so the
/// common clean string is not copied.
fn may_need_cleaning(s: &str) -> bool {
    s.bytes()
        .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2 || b == 0xe2)
}

/// The string with unsafe characters removed; `\r\n` and lone `\r` become `\n`.
pub fn clean(s: String) -> String {
    if !may_need_cleaning(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else if !is_unsafe(c) {
            out.push(c);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
