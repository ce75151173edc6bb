//! The search box and its results, over the screen.

use crate::app::{Action, App, Overlay};
use crate::ui::panel::{large, panel};
use crate::ui::text::{fit_spans, thousands, truncate};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let inner = panel(frame, large(area), " Search ".into(), theme.border(true));
    let w = inner.width as usize;
    let s = &app.search;
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(s.query.clone()),
        Span::styled("█", theme.dim()),
        Span::styled(
            match (s.query.is_empty(), s.pending, s.hits.len()) {
                (true, _, _) => String::new(),
                (false, true, 0) => "   searching…".into(),
                (false, true, _) => format!("   searching… {} so far", thousands(s.items)),
                (false, false, n) if s.items > n => {
                    format!("   best {n} of {} results", thousands(s.items))
                }
                (false, false, n) => format!("   {n} result{}", if n == 1 { "" } else { "s" }),
            },
            theme.dim(),
        ),
    ])];
    let room = inner.height.saturating_sub(1) as usize;
    let start = s.cursor.saturating_sub(room.saturating_sub(1));
    for (n, hit) in s.hits.iter().enumerate().skip(start).take(room) {
        let selected = n == s.cursor;
        let (kind, name) = match hit.item {
            Some(item) => (item.kind.noun(), app.briefing.name(item)),
            None => ("overview", app.briefing.meta.title.to_string()),
        };
        let kind = format!("{kind:<8} ");
        let name = truncate(&name, w / 3);
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key()),
            Span::styled(kind, theme.dim()),
            Span::styled(name, theme.title()),
            Span::styled(format!("  {}: ", hit.field), theme.dim()),
        ];
        // The passage gets the rest of the row, its match in view.
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let rest = w.saturating_sub(used).max(8);
        spans.extend(highlighted(&hit.text, &hit.indices, theme, rest - 1));
        let mut line = fit_spans(spans, w);
        if selected {
            line = line.patch_style(theme.selected(true));
        }
        lines.push(line);
    }
    if !s.query.is_empty() && s.hits.is_empty() && !s.pending {
        lines.push(Line::from(Span::styled("  no match", theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A window of `text` at most `width` columns around its first matched
/// character, matches styled, `…` where it goes on.
fn highlighted(text: &str, indices: &[u32], theme: &Theme, width: usize) -> Vec<Span<'static>> {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = crate::ui::text::cell_safe(text).chars().collect();
    let cols = |c: &char| c.width().unwrap_or(0);
    let total: usize = chars.iter().map(cols).sum();
    let first = indices.first().copied().unwrap_or(0) as usize;
    // From the start when it all fits; else a little before the match, but
    // no later than where the text's end fills the window.
    let start = if total <= width {
        0
    } else {
        let mut tail = chars.len();
        let mut w = 1; // the leading `…`
        while tail > 0 && w + cols(&chars[tail - 1]) <= width {
            tail -= 1;
            w += cols(&chars[tail]);
        }
        first.saturating_sub(width / 4).min(tail)
    };
    let mut spans = Vec::new();
    let mut used = 0;
    if start > 0 {
        spans.push(Span::raw("…"));
        used += 1;
    }
    for (i, c) in chars.iter().enumerate().skip(start) {
        let rest: usize = if i + 1 < chars.len() { 1 } else { 0 };
        if used + cols(c) + rest > width && i + 1 < chars.len() {
            spans.push(Span::raw("…"));
            break;
        }
        if used + cols(c) > width {
            break;
        }
        used += cols(c);
        let style = if indices.binary_search(&(i as u32)).is_ok() {
            theme.matched()
        } else {
            theme.text()
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    spans
}

impl App {
    /// The search box: typed characters, moving between hits, Enter, Esc.
    pub(super) fn search_key(&mut self, action: Action) -> bool {
        match action {
            Action::SearchInput(c) => {
                self.search.query.push(c);
                self.run_search();
            }
            Action::SearchBackspace => {
                self.search.query.pop();
                self.run_search();
            }
            Action::SearchNext | Action::SearchPrev => {
                let n = self.search.hits.len();
                if n > 0 {
                    let d = if action == Action::SearchNext {
                        1
                    } else {
                        n - 1
                    };
                    self.search.cursor = (self.search.cursor + d) % n;
                }
            }
            Action::SearchSubmit => self.submit_search(),
            Action::Escape => {
                self.clear_search();
                self.close(|o| matches!(o, Overlay::Search));
            }
            Action::QuitAll | Action::Tick => return false,
            _ => {}
        }
        true
    }
}
