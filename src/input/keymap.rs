//! The one table from keys to actions. The help overlay, the hint bar and
//! the README's key list all come from it.

use crate::app::{Action, App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Anywhere while browsing.
    Global,
    /// A list pane is focused.
    List,
    /// The detail pane is focused.
    Detail,
    /// A source is selected.
    Source,
    /// The overview is shown.
    Overview,
    /// A source's text is open.
    SourceReader,
}

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub ctx: Ctx,
    /// Shown in the hint bar, with this short text.
    pub hint: Option<&'static str>,
}

const N: KeyModifiers = KeyModifiers::NONE;
const C: KeyModifiers = KeyModifiers::CONTROL;
const S: KeyModifiers = KeyModifiers::SHIFT;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), N)
}

/// Digits stand for themselves: `Action::Digit(0)` is a placeholder.
pub const DIGITS: &[(KeyCode, KeyModifiers)] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[ch('n')],
        label: "n/N",
        action: Action::NextResult,
        help: "in a source's text: next cited passage (or search match)",
        ctx: Ctx::SourceReader,
        hint: Some("passages"),
    },
    Binding {
        keys: &[ch('N'), (KeyCode::Char('N'), S)],
        label: "N",
        action: Action::PrevResult,
        help: "in a source's text: previous cited passage (or search match)",
        ctx: Ctx::SourceReader,
        hint: None,
    },
    Binding {
        keys: DIGITS,
        label: "1-9",
        action: Action::Digit(0),
        help: "in a source's text: follow the Nth item citing this passage",
        ctx: Ctx::SourceReader,
        hint: Some("follow citer"),
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        action: Action::Search,
        help: "in a source's text: search it (n/N walk the matches, Esc clears)",
        ctx: Ctx::SourceReader,
        hint: Some("search text"),
    },
    Binding {
        keys: &[(KeyCode::Esc, N)],
        label: "Esc",
        action: Action::Escape,
        help: "in a source's text: clear the search, else go back",
        ctx: Ctx::SourceReader,
        hint: Some("back"),
    },
    Binding {
        keys: &[ch('q')],
        label: "q",
        action: Action::Quit,
        help: "quit (in a briefing opened from the library: back to the library)",
        ctx: Ctx::Global,
        hint: Some("quit"),
    },
    Binding {
        keys: &[(KeyCode::Char('c'), C)],
        label: "C-c",
        action: Action::QuitAll,
        help: "quit brief",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        action: Action::Help,
        help: "help: every key",
        ctx: Ctx::Global,
        hint: Some("help"),
    },
    Binding {
        keys: &[(KeyCode::Esc, N)],
        label: "Esc",
        action: Action::Escape,
        help: "close overlay, leave detail, clear filter or search",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::Tab, N)],
        label: "Tab",
        action: Action::NextPane,
        help: "next pane",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::BackTab, S), (KeyCode::BackTab, N)],
        label: "S-Tab",
        action: Action::PrevPane,
        help: "previous pane",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('0')],
        label: "0",
        action: Action::Overview,
        help: "overview: the bottom line, key points and open issues",
        ctx: Ctx::Global,
        hint: Some("overview"),
    },
    Binding {
        keys: DIGITS,
        label: "1-5",
        action: Action::Digit(0),
        help: "go to pane: 1 Actors 2 Positions 3 Timeline 4 Issues 5 Sources",
        ctx: Ctx::List,
        hint: Some("panes"),
    },
    Binding {
        keys: DIGITS,
        label: "1-9",
        action: Action::Digit(0),
        help: "follow link number N",
        ctx: Ctx::Detail,
        hint: Some("follow link"),
    },
    Binding {
        keys: &[ch('j'), (KeyCode::Down, N)],
        label: "j/k",
        action: Action::Down,
        help: "move down (in the detail: next link)",
        ctx: Ctx::Global,
        hint: Some("move"),
    },
    Binding {
        keys: &[ch('k'), (KeyCode::Up, N)],
        label: "k/↑",
        action: Action::Up,
        help: "move up (in the detail: previous link)",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('g'), (KeyCode::Home, N)],
        label: "g/Home",
        action: Action::Top,
        help: "first item",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('G'), (KeyCode::Char('G'), S), (KeyCode::End, N)],
        label: "G/End",
        action: Action::Bottom,
        help: "last item",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::Char('d'), C), (KeyCode::PageDown, N)],
        label: "C-d/PgDn",
        action: Action::PageDown,
        help: "down a page",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::Char('u'), C), (KeyCode::PageUp, N)],
        label: "C-u/PgUp",
        action: Action::PageUp,
        help: "up a page",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::Enter, N)],
        label: "Enter",
        action: Action::Enter,
        help: "open the detail (of a source: its text); in the detail, follow the link (a citation: its passage)",
        ctx: Ctx::Global,
        hint: Some("open/follow"),
    },
    Binding {
        keys: &[(KeyCode::Backspace, N), (KeyCode::Char('o'), C)],
        label: "Bksp/C-o",
        action: Action::Back,
        help: "back along the jump list",
        ctx: Ctx::Global,
        hint: Some("back"),
    },
    Binding {
        keys: &[ch('L'), (KeyCode::Char('L'), S), (KeyCode::Char('i'), C)],
        label: "L/C-i",
        action: Action::Forward,
        help: "forward along the jump list",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        action: Action::Search,
        help: "search everything (fuzzy)",
        ctx: Ctx::Global,
        hint: Some("search"),
    },
    Binding {
        keys: &[ch('n')],
        label: "n/N",
        action: Action::NextResult,
        help: "next search result",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('N'), (KeyCode::Char('N'), S)],
        label: "N",
        action: Action::PrevResult,
        help: "previous search result",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        action: Action::Sources,
        help: "this item's sources",
        ctx: Ctx::Global,
        hint: Some("sources"),
    },
    Binding {
        keys: &[ch('f')],
        label: "f",
        action: Action::ToggleFilter,
        help: "filter other panes to linked items (or highlight only)",
        ctx: Ctx::Global,
        hint: Some("filter"),
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        action: Action::OpenUrl,
        help: "open the source's URL in the browser",
        ctx: Ctx::Source,
        hint: Some("open URL"),
    },
    Binding {
        keys: &[ch('y')],
        label: "y",
        action: Action::CopyUrl,
        help: "copy the source's URL (OSC 52)",
        ctx: Ctx::Source,
        hint: Some("copy URL"),
    },
    Binding {
        keys: &[ch('p')],
        label: "p",
        action: Action::Present,
        help: "present the briefing from this item",
        ctx: Ctx::Global,
        hint: Some("present"),
    },
    Binding {
        keys: &[ch('r')],
        label: "r",
        action: Action::Reload,
        help: "reload the file (it also reloads by itself on every save)",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('e')],
        label: "e",
        action: Action::ShowErrors,
        help: "show the errors of a save that did not load",
        ctx: Ctx::Global,
        hint: None,
    },
    Binding {
        keys: &[ch('z')],
        label: "z",
        action: Action::Zoom,
        help: "zoom the focused pane",
        ctx: Ctx::Global,
        hint: None,
    },
];

fn matches(b: &Binding, key: &KeyEvent) -> bool {
    b.keys.iter().any(|(code, mods)| {
        *code == key.code
            && (*mods == key.modifiers
                || (matches!(code, KeyCode::Char(_)) && *mods == N && key.modifiers == S))
    })
}

fn in_ctx(ctx: Ctx, app: &App) -> bool {
    match ctx {
        Ctx::Global => true,
        Ctx::List => !app.detail_focused && app.source_reader.is_none(),
        Ctx::Overview => app.overview.active,
        Ctx::SourceReader => app.source_reader.is_some(),
        Ctx::Detail => app.detail_focused && app.source_reader.is_none(),
        Ctx::Source => app
            .selected()
            .is_some_and(|s| s.kind == crate::briefing::Kind::Source),
    }
}

/// The action for a key in the app's current mode, if any.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    match app.mode {
        Mode::Errors => Some(match key.code {
            KeyCode::Char('q') if key.modifiers == N => Action::Quit,
            KeyCode::Char('c') if key.modifiers == C => Action::QuitAll,
            KeyCode::Char('j') | KeyCode::Down => Action::Down,
            KeyCode::Char('k') | KeyCode::Up => Action::Up,
            KeyCode::Char('r') => Action::Reload,
            _ => Action::Escape,
        }),
        Mode::Help => Some(match key.code {
            KeyCode::Char('q') if key.modifiers == N => Action::Quit,
            KeyCode::Char('c') if key.modifiers == C => Action::QuitAll,
            KeyCode::Char('j') | KeyCode::Down => Action::Down,
            KeyCode::Char('k') | KeyCode::Up => Action::Up,
            _ => Action::Escape,
        }),
        Mode::Search => match key.code {
            KeyCode::Esc => Some(Action::Escape),
            KeyCode::Char('c') if key.modifiers == C => Some(Action::QuitAll),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Down | KeyCode::Tab => Some(Action::SearchNext),
            KeyCode::Char('n') if key.modifiers == C => Some(Action::SearchNext),
            KeyCode::Up | KeyCode::BackTab => Some(Action::SearchPrev),
            KeyCode::Char('p') if key.modifiers == C => Some(Action::SearchPrev),
            KeyCode::Char(c) if !key.modifiers.intersects(C | KeyModifiers::ALT) => {
                Some(Action::SearchInput(c))
            }
            _ => None,
        },
        Mode::Present => None,
        Mode::Browse if app.source_reader.as_ref().is_some_and(|r| r.typing) => match key.code {
            KeyCode::Esc => Some(Action::Escape),
            KeyCode::Char('c') if key.modifiers == C => Some(Action::QuitAll),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !key.modifiers.intersects(C | KeyModifiers::ALT) => {
                Some(Action::SearchInput(c))
            }
            _ => None,
        },
        Mode::Browse => KEYMAP
            .iter()
            .filter(|b| in_ctx(b.ctx, app))
            .find(|b| matches(b, &key))
            .map(|b| match (b.action, key.code) {
                (Action::Digit(_), KeyCode::Char(c)) => Action::Digit(c as u8 - b'0'),
                (a, _) => a,
            }),
    }
}

/// The hint bar for the current state: `key help` pairs from the keymap.
pub fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    match app.mode {
        Mode::Help => vec![("j/k", "scroll"), ("any key", "close help"), ("q", "quit")],
        Mode::Search => vec![
            ("type", "search"),
            ("↑/↓", "pick"),
            ("Enter", "jump"),
            ("Esc", "cancel"),
        ],
        Mode::Present => vec![
            ("→/←", "slides"),
            ("Esc", "back to the reader"),
            ("?", "help"),
        ],
        Mode::Errors => vec![("j/k", "scroll"), ("r", "reload"), ("any key", "close")],
        Mode::Browse => KEYMAP
            .iter()
            .filter(|b| in_ctx(b.ctx, app))
            .filter_map(|b| {
                let hint = match (b.action, b.hint) {
                    (Action::Quit, Some(_)) if app.in_library => Some("library"),
                    (_, h) => h,
                };
                hint.map(|h| (b.label, h))
            })
            .collect(),
    }
}

/// Every binding, for the help overlay.
pub fn help_lines() -> Vec<(String, &'static str)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    // The source reader's keys come last: they apply in one view only.
    let reader_last = KEYMAP
        .iter()
        .filter(|b| b.ctx != Ctx::SourceReader)
        .chain(KEYMAP.iter().filter(|b| b.ctx == Ctx::SourceReader));
    for b in reader_last {
        if seen.contains(&b.help) {
            continue;
        }
        seen.push(b.help);
        let keys: Vec<String> = if std::ptr::eq(b.keys, DIGITS) {
            vec![b.label.to_string()]
        } else {
            b.keys
                .iter()
                .map(|(code, mods)| key_name(*code, *mods))
                .collect()
        };
        let mut uniq: Vec<String> = Vec::new();
        for k in keys {
            if !uniq.contains(&k) {
                uniq.push(k);
            }
        }
        out.push((uniq.join(", "), b.help));
    }
    out.push((
        "mouse".into(),
        "click selects or follows a link; the wheel scrolls the pane under the pointer",
    ));
    out
}

pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(C) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}
