//! Key names: how a key is written in the config file and shown in help.
//! `Ctrl-c`, `Alt-x`, `Shift-Tab`, `Enter`, `Esc`, `PgDn`, `F5`, `Space`,
//! or the character itself (`q`, `G`, `?`). Names are case-insensitive;
//! single characters are not (`g` and `G` are two keys).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub type Key = (KeyCode, KeyModifiers);

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Backspace", KeyCode::Backspace),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Insert", KeyCode::Insert),
    ("Delete", KeyCode::Delete),
];

const ALIASES: &[(&str, &str)] = &[
    ("return", "Enter"),
    ("escape", "Esc"),
    ("bksp", "Backspace"),
    ("pageup", "PgUp"),
    ("pagedown", "PgDn"),
    ("del", "Delete"),
    ("↑", "Up"),
    ("↓", "Down"),
    ("←", "Left"),
    ("→", "Right"),
];

/// Every name a key may be written with, for "did you mean".
pub fn known_names() -> Vec<String> {
    let mut v: Vec<String> = NAMED.iter().map(|(n, _)| n.to_string()).collect();
    v.extend((1..=12).map(|n| format!("F{n}")));
    v.extend(["Ctrl-", "Alt-", "Shift-Tab"].iter().map(|s| s.to_string()));
    v
}

/// Parses a key as written in the config; the error says what is wrong.
pub fn parse(s: &str) -> Result<Key, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("an empty key".into());
    }
    let mut mods = KeyModifiers::NONE;
    let mut rest = t;
    loop {
        let lower = rest.to_lowercase();
        let cut = [
            "ctrl-", "ctrl+", "c-", "alt-", "alt+", "m-", "shift-", "shift+", "s-",
        ]
        .iter()
        .find(|p| lower.starts_with(**p) && rest.len() > p.len());
        let Some(p) = cut else { break };
        mods |= match p.chars().next() {
            Some('c') => KeyModifiers::CONTROL,
            Some('a') | Some('m') => KeyModifiers::ALT,
            _ => KeyModifiers::SHIFT,
        };
        rest = &rest[p.len()..];
    }
    let lower = rest.to_lowercase();
    let name = ALIASES
        .iter()
        .find(|(a, _)| *a == lower)
        .map_or(rest, |(_, n)| n);
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        if *code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            return Ok((KeyCode::BackTab, KeyModifiers::SHIFT));
        }
        return Ok((*code, mods));
    }
    if lower == "backtab" {
        return Ok((KeyCode::BackTab, KeyModifiers::SHIFT));
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
    {
        return Ok((KeyCode::F(n), mods));
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
            return Err(format!("`{}` is a control character", c.escape_default()));
        }
        // Shift is in the character itself (`G`, `?`).
        let mods = mods - KeyModifiers::SHIFT;
        let c = if mods.contains(KeyModifiers::CONTROL) {
            c.to_ascii_lowercase()
        } else {
            c
        };
        return Ok((KeyCode::Char(c), mods));
    }
    Err(format!("`{t}` is not a key brief knows"))
}

/// How a key is written in the config file (parses back to itself).
pub fn name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => return "Shift-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => NAMED
            .iter()
            .find(|(_, c)| *c == other)
            .map_or_else(|| format!("{other:?}"), |(n, _)| n.to_string()),
    };
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&base);
    out
}

/// How a key is shown in help: arrows as arrows, the rest as in the config.
pub fn display(code: KeyCode, mods: KeyModifiers) -> String {
    let n = name(code, mods);
    match n.as_str() {
        "Up" => "↑".into(),
        "Down" => "↓".into(),
        "Left" => "←".into(),
        "Right" => "→".into(),
        _ => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in [
            "q",
            "G",
            "?",
            "/",
            "Ctrl-c",
            "Alt-x",
            "Enter",
            "Esc",
            "Tab",
            "Shift-Tab",
            "Backspace",
            "Space",
            "Up",
            "PgDn",
            "Home",
            "F5",
            "Delete",
        ] {
            let (c, m) = parse(s).unwrap();
            assert_eq!(name(c, m), s, "{s}");
        }
    }

    #[test]
    fn spellings_and_errors() {
        assert_eq!(parse("C-c").unwrap(), parse("Ctrl-c").unwrap());
        assert_eq!(parse("ctrl+C").unwrap(), parse("Ctrl-c").unwrap());
        assert_eq!(parse("escape").unwrap(), parse("Esc").unwrap());
        assert_eq!(
            parse("S-Tab").unwrap(),
            (KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(parse("↓").unwrap(), parse("Down").unwrap());
        assert!(parse("Entr").is_err());
        assert!(parse("").is_err());
        assert!(parse("F13").is_err());
    }
}
