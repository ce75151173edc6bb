//! Width-aware text helpers: truncation with an ellipsis that never splits
//! a glyph, and wrapping of styled text through textwrap.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Tabs as spaces and no control characters: what a terminal cell can show.
pub fn cell_safe(s: &str) -> String {
    if s.chars().any(|c| c.is_control()) {
        s.chars()
            .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect()
    } else {
        s.to_string()
    }
}

/// At most `width` columns; an ellipsis marks a cut, made between
/// grapheme clusters.
pub fn truncate(s: &str, width: usize) -> String {
    crate::briefing::sanitize::clip_width(&cell_safe(s), width)
}

/// Spans cut to `width` columns in total, with an ellipsis.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    let mut out = Vec::new();
    let mut left = width;
    for s in spans {
        let w = s.content.width();
        if w < left {
            left -= w;
            out.push(s);
        } else {
            out.push(Span::styled(truncate(&s.content, left), s.style));
            break;
        }
    }
    Line::from(out)
}

/// Wraps text whose byte ranges carry styles to `width` columns. Words and
/// widths come from textwrap (Unicode line breaking and widths: CJK, emoji,
/// Arabic); words wider than a line are broken.
pub fn wrap_styled(
    text: &str,
    styles: &[(std::ops::Range<usize>, Style)],
    base: Style,
    width: usize,
    indent: &str,
) -> Vec<Line<'static>> {
    use textwrap::core::{Fragment, break_words};
    let text = cell_safe(text);
    let avail = width.saturating_sub(indent.width()).max(1);
    let words: Vec<_> = textwrap::WordSeparator::UnicodeBreakProperties
        .find_words(&text)
        .collect();
    let words = break_words(words, avail);
    let lines = textwrap::wrap_algorithms::wrap_first_fit(&words, &[avail as f64]);
    let style_at = |at: usize| {
        styles
            .iter()
            .find(|(r, _)| r.contains(&at))
            .map_or(base, |(_, s)| *s)
    };
    let start_of = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = Vec::new();
    for line in lines {
        let mut spans = vec![Span::raw(indent.to_string())];
        for (i, w) in line.iter().enumerate() {
            let start = start_of(w.word);
            // Split the word where the style changes.
            let mut seg_start = start;
            let mut cur = style_at(start);
            for (off, _) in w.word.char_indices() {
                let st = style_at(start + off);
                if st != cur {
                    spans.push(Span::styled(text[seg_start..start + off].to_string(), cur));
                    seg_start = start + off;
                    cur = st;
                }
            }
            spans.push(Span::styled(
                text[seg_start..start + w.word.len()].to_string(),
                cur,
            ));
            if i + 1 < line.len() && w.whitespace_width() > 0.0 {
                let ws_style = if style_at(start + w.word.len()) == cur && cur != base {
                    cur
                } else {
                    base
                };
                spans.push(Span::styled(w.whitespace.to_string(), ws_style));
            }
        }
        out.push(Line::from(spans));
    }
    out
}

/// `text` wrapped to `width` in at most `most` lines (at least one), the
/// last cut with an ellipsis when more would follow.
pub fn wrap_at_most(text: &str, style: Style, width: usize, most: usize) -> Vec<Line<'static>> {
    let mut lines = wrap_styled(text, &[], style, width, "");
    let most = most.max(1);
    if lines.len() > most {
        let rest: Vec<String> = lines[most - 1..].iter().map(|l| l.to_string()).collect();
        lines.truncate(most - 1);
        lines.push(Line::from(Span::styled(
            truncate(&rest.join(" "), width),
            style,
        )));
    }
    lines
}

/// Styled spans wrapped to `width` columns, continuation lines indented.
pub fn wrap_spans(spans: &[Span<'static>], width: usize, indent: &str) -> Vec<Line<'static>> {
    let mut text = String::new();
    let mut styles = Vec::new();
    for s in spans {
        let start = text.len();
        text.push_str(&s.content);
        styles.push((start..text.len(), s.style));
    }
    let first = wrap_styled(&text, &styles, Style::new(), width, "");
    if first.len() <= 1 {
        return first;
    }
    // The first line keeps its full width; the rest wrap inside the indent.
    let first_line = first[0].clone();
    let used: usize = first_line
        .spans
        .iter()
        .map(|s| s.content.len())
        .sum::<usize>();
    let mut cut = used.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = text[cut..].trim_start();
    let offset = text.len() - rest.len();
    let shifted: Vec<_> = styles
        .iter()
        .filter(|(r, _)| r.end > offset)
        .map(|(r, st)| (r.start.saturating_sub(offset)..r.end - offset, *st))
        .collect();
    let mut out = vec![first_line];
    out.extend(wrap_styled(rest, &shifted, Style::new(), width, indent));
    out
}

/// `pieces` laid out `sep` apart on as few lines of `width` as they need,
/// each line after `indent` spaces, a piece never split across lines (one
/// wider than a line is cut): a legend, a library row's facts.
pub fn pack(
    pieces: Vec<Span<'static>>,
    width: usize,
    sep: &'static str,
    indent: usize,
) -> Vec<Line<'static>> {
    let gap = sep.width();
    let mut out: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    for p in pieces {
        let w = p.width();
        match out.last_mut() {
            Some(line) if used + gap + w <= width => {
                line.push(Span::raw(sep));
                line.push(p);
                used += gap + w;
            }
            _ => {
                used = indent + w;
                let lead = (indent > 0).then(|| Span::raw(" ".repeat(indent)));
                out.push(lead.into_iter().chain([p]).collect());
            }
        }
    }
    out.into_iter().map(|l| fit_spans(l, width)).collect()
}

/// `104000` as `104,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legend_packs_whole_entries_into_the_lines_it_needs() {
        let pack = |e: &[&'static str], w: usize| -> Vec<String> {
            let spans = e.iter().map(|e| Span::raw(*e)).collect();
            pack(spans, w, "  ", 0)
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        let e = ["+ support", "− oppose", "H/M/L confidence"];
        assert_eq!(pack(&e, 80), vec!["+ support  − oppose  H/M/L confidence"]);
        assert_eq!(
            pack(&e, 20),
            vec!["+ support  − oppose", "H/M/L confidence"]
        );
        // Wider than the line: the entry alone, cut.
        assert_eq!(pack(&e, 8), vec!["+ suppo…", "− oppose", "H/M/L c…"]);
        assert!(pack(&e, 0).iter().all(|l| l.is_empty()));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(104000), "104,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn truncation_never_splits_a_glyph() {
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("中国中国", 5), "中国…");
        assert_eq!(truncate("中国中国", 4), "中…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("👩‍👩‍👧 family", 3), "👩‍👩‍👧…");
        assert!(truncate("a\u{1b}[2Jb", 10).chars().all(|c| !c.is_control()));
    }

    #[test]
    fn wrapping_respects_display_width() {
        let lines = wrap_styled(
            "中国 和 巴基斯坦 举行 会谈 在 乌鲁木齐",
            &[],
            Style::new(),
            10,
            "",
        );
        for l in &lines {
            assert!(l.width() <= 10, "{l:?}");
        }
        let arabic = wrap_styled(
            "باكستان وأفغانستان والصين في محادثات",
            &[],
            Style::new(),
            12,
            "  ",
        );
        assert!(arabic.len() > 1 && arabic.iter().all(|l| l.width() <= 12));
    }

    #[test]
    fn styles_follow_their_ranges_across_wraps() {
        let s = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        let lines = wrap_styled(
            "see Tehreek-e-Taliban Pakistan now",
            &[(4..30, s)],
            Style::new(),
            20,
            "",
        );
        let styled: String = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|sp| sp.style == s)
            .map(|sp| sp.content.to_string())
            .collect();
        assert!(
            styled.replace(' ', "").starts_with("Tehreek-e-Taliban"),
            "{lines:?}"
        );
    }
}
