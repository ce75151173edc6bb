//! First-fit wrapping of printable ASCII without hyphens, the lines
//! `textwrap` makes of it with the options `print` uses, without making a
//! list of words first: most of a handout's text, and most of `print`'s own
//! time when textwrap did it.

use textwrap::core::display_width;

/// Whether [`wrap`] makes textwrap's lines of `text`: printable ASCII (so
/// a byte is a column) with no hyphen (where textwrap may also break).
pub fn applies(text: &str) -> bool {
    text.bytes()
        .all(|c| (b' '..=b'~').contains(&c) && c != b'-')
}

/// Appends `text` wrapped at `width` columns, the first line after
/// `indent` and the rest after `hanging`, each line with its trailing
/// whitespace trimmed: what `textwrap::wrap` with first fit, words split at
/// spaces and long words broken gives, line by line. `text` must be one
/// that [`applies`] to.
pub fn wrap(out: &mut String, text: &str, width: usize, indent: &str, hanging: &str) {
    if text.len() < width && indent.is_empty() {
        line(out, "", text);
        return;
    }
    let widths = [
        width.saturating_sub(display_width(indent)),
        width.saturating_sub(display_width(hanging)),
    ];
    let mut first = true;
    // The line being filled: where it starts in `text`, where its last
    // word ends, its width with the spaces after each word, and how many
    // pieces it holds (an indented first line starts with an empty one).
    let (mut start, mut end, mut filled, mut pieces) = (0, 0, 0, usize::from(!indent.is_empty()));
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A word and the spaces after it (the text's first may be spaces
        // alone).
        let word_end = at
            + bytes[at..]
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(bytes.len() - at);
        let space_end = word_end
            + bytes[word_end..]
                .iter()
                .position(|&b| b != b' ')
                .unwrap_or(bytes.len() - word_end);
        // A word wider than a later line is cut into pieces that fit one.
        let mut piece = at;
        loop {
            let cut = if word_end - piece > widths[1] {
                piece + widths[1].max(1)
            } else {
                word_end
            };
            let last = cut == word_end;
            let w = cut - piece;
            let room = widths[usize::from(!first)];
            if filled + w > room && pieces > 0 {
                line(out, if first { indent } else { hanging }, &text[start..end]);
                first = false;
                (start, filled, pieces) = (piece, 0, 0);
            }
            filled += w + if last { space_end - word_end } else { 0 };
            pieces += 1;
            end = cut;
            if last {
                break;
            }
            piece = cut;
        }
        at = space_end;
    }
    line(out, if first { indent } else { hanging }, &text[start..end]);
}

fn line(out: &mut String, prefix: &str, text: &str) {
    let begin = out.len();
    out.push_str(prefix);
    out.push_str(text);
    let kept = out[begin..].trim_end().len();
    out.truncate(begin + kept);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_textwrap(text: &str, width: usize, indent: &str, hanging: &str) -> String {
        let opts = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(hanging)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        let mut out = String::new();
        for l in textwrap::wrap(text, opts) {
            out.push_str(l.trim_end());
            out.push('\n');
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The lines are textwrap's, for any such text, width and indent.
        #[test]
        fn the_lines_are_textwraps(
            text in "( |  |[a-z]{1,3}|[A-Z.,;]{1,14}|[a-z0-9]{20,70}){0,30}",
            width in 1usize..50,
            indent in prop::sample::select(vec!["", " ", "  ", "• ", "    ", "[3] "]),
            hanging in prop::sample::select(vec!["", " ", "  ", "      ", "→ "]),
        ) {
            prop_assume!(applies(&text));
            let mut ours = String::new();
            wrap(&mut ours, &text, width, indent, hanging);
            prop_assert_eq!(ours, by_textwrap(&text, width, indent, hanging));
        }
    }

    #[test]
    fn hyphens_and_other_characters_are_left_to_textwrap() {
        assert!(applies("Pakistan says talks will go on."));
        assert!(!applies("well-known"));
        assert!(!applies("Khyber Pakhtunkhwa’s"));
        assert!(!applies("two\nlines"));
    }
}
