//! The screen while a large briefing opens: which file, what the load is
//! doing (reading, parsing, checking n of m items) and how to stop it.

use super::theme::Theme;
use crate::briefing::progress::{Progress, Stage};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph};
use std::time::Duration;

pub const SPINNER: &[&str] = &["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// What the load is doing, in words.
pub fn doing(p: &Progress) -> String {
    let size = megabytes(p.bytes());
    match p.stage() {
        Stage::Reading => "reading the file".to_string(),
        Stage::Cache => format!("reading {size} from the cache"),
        Stage::Parsing => format!("parsing {size} of YAML"),
        Stage::Checking => {
            let (done, all) = p.items();
            format!(
                "checking {} of {} items",
                crate::ui::text::thousands(done as usize),
                crate::ui::text::thousands(all as usize)
            )
        }
        Stage::Linking => format!(
            "linking {} items",
            crate::ui::text::thousands(p.items().1 as usize)
        ),
    }
}

fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

pub fn draw(frame: &mut Frame, name: &str, p: &Progress, elapsed: Duration, theme: &Theme) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(60);
    let [_, mid, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Fill(1),
    ])
    .areas(area);
    let mid = Rect {
        x: area.x + (area.width - width.min(area.width)) / 2,
        width: width.min(area.width),
        ..mid
    };
    let [title, what, gauge, keys] = Layout::vertical([Constraint::Length(1); 4]).areas(mid);
    let frame_no = (elapsed.as_millis() / 100) as usize % SPINNER.len();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} ", SPINNER[frame_no]), theme.key()),
            Span::styled(format!("Opening {name}"), theme.title()),
        ]))
        .alignment(Alignment::Center),
        title,
    );
    frame.render_widget(
        Paragraph::new(format!("{} · {:.1} s", doing(p), elapsed.as_secs_f64()))
            .style(theme.text())
            .alignment(Alignment::Center),
        what,
    );
    let (done, all) = p.items();
    // Only checking counts items; before it there is no share to show.
    let (ratio, label) = match p.stage() {
        Stage::Linking => (1.0, "100%".into()),
        Stage::Checking if all > 0 => {
            let r = (done as f64 / all as f64).min(1.0);
            (r, format!("{:>3.0}%", r * 100.0))
        }
        _ => (0.0, String::new()),
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .label(label)
            .filled_style(theme.key())
            .unfilled_style(theme.dim()),
        gauge,
    );
    let quit = crate::input::keymap::current()
        .find(crate::input::keymap::Ctx::Global, "quit")
        .map_or("Esc".to_string(), |e| e.label());
    frame.render_widget(
        Paragraph::new(format!("{quit} stops"))
            .style(theme.dim())
            .alignment(Alignment::Center),
        keys,
    );
}

/// A file that does not load yet: its findings as `brief check` prints
/// them, scrolled by `scroll` lines (returned kept within them), and what
/// to do. Redrawn at each save until the file loads.
pub fn draw_broken(
    frame: &mut Frame,
    name: &str,
    failed: &crate::tui::Failed,
    scroll: usize,
    theme: &Theme,
) -> usize {
    let area = frame.area();
    let width = area.width.max(1) as usize;
    let (count, body): (String, Vec<String>) = match &**failed {
        Ok(r) => {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            let lines = r
                .diagnostics
                .iter()
                .take(200)
                .flat_map(|d| {
                    let text = d.render_fit(false, width);
                    let mut v: Vec<String> = text
                        .lines()
                        .map(|l| crate::briefing::sanitize::clean(l.to_string()))
                        .collect();
                    v.push(String::new());
                    v
                })
                .collect();
            (
                format!(
                    "{}, {}",
                    plural(r.errors(), "error"),
                    plural(r.warnings(), "warning")
                ),
                lines,
            )
        }
        Err(e) => (
            "it cannot be read".into(),
            vec![crate::briefing::sanitize::clean(e.0.clone())],
        ),
    };
    // Everything wraps to the screen: a finding's message and its quoted
    // line are long, and a narrow terminal must still show them whole.
    let wrap = |l: &str| -> Vec<String> {
        if l.is_empty() {
            return vec![String::new()];
        }
        textwrap::wrap(l, textwrap::Options::new(width).break_words(true))
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    let title = wrap(&format!("⚠ {name} does not load yet: {count}"));
    let what = wrap("Fix it in your editor and save: brief opens it as soon as it loads.");
    // A quoted line of the file and its caret keep their columns, never
    // wrapped: the line is cut to the screen around its mark.
    let quoted = |l: &str| {
        let t = l.trim_start();
        t.starts_with('|')
            || t.split_once(" |")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
    };
    let body: Vec<String> = body
        .iter()
        .flat_map(|l| if quoted(l) { vec![l.clone()] } else { wrap(l) })
        .collect();
    let [head, said, _, list, keys] = Layout::vertical([
        Constraint::Length(title.len() as u16),
        Constraint::Length(what.len() as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(title.into_iter().map(Line::from).collect::<Vec<_>>()).style(theme.title()),
        head,
    );
    frame.render_widget(
        Paragraph::new(what.into_iter().map(Line::from).collect::<Vec<_>>()).style(theme.text()),
        said,
    );
    let most = body.len().saturating_sub(list.height as usize);
    let scroll = scroll.min(most);
    frame.render_widget(
        Paragraph::new(
            body.iter()
                .skip(scroll)
                .take(list.height as usize)
                .map(|l| Line::from(l.as_str()))
                .collect::<Vec<_>>(),
        )
        .style(theme.text()),
        list,
    );
    let km = crate::input::keymap::current();
    let label = |name: &str, or: &str| {
        km.find(crate::input::keymap::Ctx::Global, name)
            .map_or(or.to_string(), |e| e.label())
    };
    let quit = label("quit", "Esc");
    let more = if most > 0 {
        // The down key's label names the pair (`j/k`).
        format!(" · {} scroll", label("down", "↓"))
    } else {
        String::new()
    };
    frame.render_widget(
        Paragraph::new(format!("{quit} quits{more}")).style(theme.dim()),
        keys,
    );
    scroll
}
