//! The library screen: one row per briefing in the folder.

use super::text::{fit_spans, truncate};
use super::theme::Theme;
use crate::input::keymap::{Act, Ctx, current, key};
use crate::library::{LAction, Library, Sort};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, lib: &Library, theme: &Theme) {
    let area = frame.area();
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        frame.render_widget(Paragraph::new("Window too small for the library."), area);
        return;
    }
    let [head, body, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let w = area.width as usize;
    let visible = lib.visible();
    let sort = if lib.sort == Sort::Title {
        "title"
    } else {
        "date, newest first"
    };
    let total = lib.entries.len();
    let count = if visible.len() == total {
        format!("{total} briefing{}", if total == 1 { "" } else { "s" })
    } else {
        format!(
            "{} of {total} briefing{}",
            visible.len(),
            if total == 1 { "" } else { "s" }
        )
    };
    let mut folder = crate::briefing::sanitize::path(&lib.dir);
    if !folder.ends_with('/') {
        folder.push('/');
    }
    let mut title = vec![
        Span::styled(format!("Library of {folder}"), theme.title()),
        Span::styled(format!("  {count} · sorted by {sort}"), theme.dim()),
    ];
    if lib.typing || !lib.query.is_empty() {
        title.push(Span::styled(
            format!("  / {}{}", lib.query, if lib.typing { "█" } else { "" }),
            theme.key(),
        ));
    }
    frame.render_widget(
        Paragraph::new(vec![fit_spans(title, w), Line::default()]),
        head,
    );

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let iw = inner.width as usize;
    let h = inner.height as usize;
    if visible.is_empty() {
        let msg = if lib.entries.is_empty() {
            "No *.yaml or *.yml briefings in this folder."
        } else {
            &*format!(
                "Nothing matches the filter ({} clears it).",
                key(Ctx::Library, "escape")
            )
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
    } else {
        // Each briefing takes two lines: title and facts.
        let per = 3;
        let rows = (h / per).max(1);
        let start = lib.selected.saturating_sub(rows - 1);
        let mut lines = Vec::new();
        for (n, &i) in visible.iter().enumerate().skip(start).take(rows) {
            let e = &lib.entries[i];
            let selected = n == lib.selected;
            let (mark, mark_style) = if !e.checked {
                (
                    format!(
                        "{} checking",
                        super::opening::SPINNER[lib.spin % super::opening::SPINNER.len()]
                    ),
                    theme.dim(),
                )
            } else if e.refused {
                (
                    format!(
                        "⊘ not for {}",
                        crate::briefing::marking::level().map_or("this audience", |l| l.label())
                    ),
                    theme.dim(),
                )
            } else if e.errors > 0 {
                (
                    format!(
                        "✗ {} error{}",
                        e.errors,
                        if e.errors == 1 { "" } else { "s" }
                    ),
                    theme.error(),
                )
            } else if e.warnings > 0 {
                (
                    format!(
                        "✓ clean, {} warning{}",
                        e.warnings,
                        if e.warnings == 1 { "" } else { "s" }
                    ),
                    theme.status(),
                )
            } else {
                ("✓ clean".to_string(), theme.status())
            };
            let mut top = vec![
                Span::raw(if selected { "▶ " } else { "  " }),
                Span::styled(e.title.clone(), theme.title()),
                Span::styled(format!("  {mark}"), mark_style),
            ];
            if selected {
                top = fit_spans(top, iw).patch_style(theme.selected(true)).spans;
            }
            lines.push(fit_spans(top, iw));
            // The marking first: it says who may read the file.
            let mut facts = vec![Span::styled(e.file.clone(), theme.dim())];
            if e.refused {
                // Its title is its file name already: nothing more is said.
                lines.extend([Line::default(), Line::default()]);
                continue;
            }
            if let Some(c) = &e.classification {
                facts.push(Span::styled(c.clone(), theme.label()));
            }
            if let Some(t) = e.marking {
                facts.push(Span::styled(t.to_string(), theme.tlp(t)));
            }
            if let Some(t) = e.strictest {
                facts.push(Span::styled(format!("items up to {t}"), theme.tlp(t)));
            }
            if let Some(d) = &e.as_of {
                facts.push(Span::styled(format!("as of {d}"), theme.text()));
            }
            if (e.checked || e.remembered) && e.errors == 0 {
                let n = |k: usize, one: &str, many: &str| {
                    format!("{k} {}", if k == 1 { one } else { many })
                };
                let counts = [
                    n(e.actors, "actor", "actors"),
                    n(e.issues, "issue", "issues"),
                    n(e.events, "event", "events"),
                ];
                facts.push(Span::styled(counts.join(", "), theme.text()));
            }
            // Facts that do not fit on one line take the blank line below.
            let mut facts = super::text::pack(facts, iw, "  · ", 4);
            if facts.len() > 2 {
                facts.truncate(2);
                let mut last = facts.pop().unwrap_or_default().spans;
                // A fact cut to fit already ends in `…`: one says enough.
                let cut = last.last().is_some_and(|s| s.content.ends_with('…'));
                if !cut {
                    last.push(Span::styled("  …", theme.dim()));
                }
                facts.push(fit_spans(last, iw));
            }
            let n = facts.len();
            lines.extend(facts);
            if n < 2 {
                lines.push(Line::default());
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    let hints = super::hint_line(
        crate::input::keymap::current().hints_for(crate::input::keymap::Ctx::Library),
        theme,
        w,
    );
    let msg = lib.status.clone().unwrap_or_default();
    frame.render_widget(
        Paragraph::new(vec![
            fit_spans(vec![Span::styled(msg, theme.status())], w),
            hints,
        ]),
        status,
    );
    if lib.show_help {
        help(frame, theme, body);
    }
    if lib.show_errors
        && let Some(e) = lib.selected_entry()
    {
        errors(frame, theme, body, e);
    }
}

fn help(frame: &mut Frame, theme: &Theme, area: Rect) {
    let entries = crate::input::keymap::current().help(|c| c == crate::input::keymap::Ctx::Library);
    let rect = super::panel::centered(area, 90, area.height);
    let lines = super::panel::help_text(&entries, theme, rect.width.saturating_sub(2) as usize);
    let rect = super::panel::centered(area, 90, lines.len() as u16 + 2);
    let inner = super::panel::panel(
        frame,
        rect,
        " Library keys (any key closes) ".into(),
        theme.border(true),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}

fn errors(frame: &mut Frame, theme: &Theme, area: Rect, e: &crate::library::Entry) {
    let title = if e.refused {
        format!(
            " {} is not for this audience (any key closes) ",
            truncate(&e.file, 40)
        )
    } else {
        format!(
            " {} does not open: fix these (any key closes) ",
            truncate(&e.file, 40)
        )
    };
    let inner = super::panel::panel(frame, area, title, theme.error());
    frame.render_widget(
        Paragraph::new(super::overlay::diagnostics_lines(
            &e.diagnostics,
            inner.width as usize,
            0,
        )),
        inner,
    );
}

/// The library's action for a key.
pub fn action(lib: &Library, key: KeyEvent) -> Option<LAction> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(LAction::Quit);
    }
    let km = current();
    if lib.show_errors || lib.show_help {
        let quit = km
            .find(Ctx::Library, "quit")
            .is_some_and(|e| e.matches(&key));
        return Some(if quit { LAction::Quit } else { LAction::Escape });
    }
    if lib.typing {
        return match key.code {
            KeyCode::Esc => Some(LAction::Escape),
            KeyCode::Enter | KeyCode::Down | KeyCode::Up => Some(LAction::EndFilter),
            KeyCode::Backspace => Some(LAction::FilterBackspace),
            KeyCode::Char(c) if !ctrl => Some(LAction::FilterInput(c)),
            _ => None,
        };
    }
    km.lookup(&key, |c| c == Ctx::Library)
        .and_then(|e| match e.binding.action {
            Act::Library(a) => Some(a),
            _ => None,
        })
}
