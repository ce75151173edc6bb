//! The user's config file: the theme and key bindings, read from
//! `--config FILE`, else `$BRIEF_CONFIG`, else
//! `$XDG_CONFIG_HOME/brief/config.toml` (or `~/.config/brief/config.toml`).
//! A config with errors is reported like a briefing (file:line:col, caret,
//! did-you-mean) and brief goes on with the defaults. brief never writes it.

use crate::briefing::Diagnostic;
use crate::briefing::locate::Pos;
use crate::briefing::problem::{Severity, nearest};
use crate::input::keymap::{Ctx, Entry, KEYMAP, Keymap};
use crate::input::keys::{self, Key};
use crate::ui::theme::Palette;
use std::path::{Path, PathBuf};

/// Set when the config had errors: the screens say so on their status
/// line, since what went to stderr is behind the alternate screen.
pub static TROUBLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The most a config file may hold.
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Ask the terminal for its background, dark when it does not say.
    #[default]
    Auto,
    Named(Palette),
}

impl ThemeChoice {
    pub fn parse(s: &str) -> Option<ThemeChoice> {
        if s == "auto" {
            Some(ThemeChoice::Auto)
        } else {
            Palette::from_name(s).map(ThemeChoice::Named)
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Named(p) => p.name(),
        }
    }
}

pub const THEMES: &[&str] = &["auto", "dark", "light", "high-contrast"];

/// A config as read: its settings, and what was wrong with it.
pub struct Config {
    pub file: Option<PathBuf>,
    /// Where the config is looked for (`--config`, BRIEF_CONFIG, the
    /// default place), read or not.
    pub place: Option<PathBuf>,
    pub theme: ThemeChoice,
    /// Bindings the user changed: context, action name, keys.
    pub keys: Vec<(Ctx, &'static str, Vec<Key>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the config is looked for, in order of precedence.
pub fn path(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = given {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("BRIEF_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("brief").join("config.toml"))
}

/// Reads the config; a missing file is no config, and only a file named on
/// purpose (`--config`, `BRIEF_CONFIG`) must exist.
pub fn load(given: Option<&Path>) -> Config {
    let explicit =
        given.is_some() || std::env::var_os("BRIEF_CONFIG").is_some_and(|v| !v.is_empty());
    let mut c = Config {
        file: None,
        place: path(given),
        theme: ThemeChoice::Auto,
        keys: Vec::new(),
        diagnostics: Vec::new(),
    };
    let Some(p) = path(given) else { return c };
    let shown = crate::briefing::sanitize::path(&p);
    match read(&p) {
        Ok(None) if !explicit => c,
        Ok(None) => {
            c.diagnostics.push(
                Diagnostic::new(Severity::Error, "config", &shown, "no such config file")
                    .with_help("brief config prints a complete config to start from"),
            );
            c
        }
        Ok(Some(text)) => {
            c.file = Some(p);
            parse(&text, &shown, &mut c);
            c
        }
        Err(why) => {
            c.diagnostics
                .push(Diagnostic::new(Severity::Error, "config", &shown, why));
            c
        }
    }
}

/// The file's text; `None` when it does not exist.
fn read(p: &Path) -> Result<Option<String>, String> {
    use crate::briefing::read::{Refused, regular_file};
    let bytes = match regular_file(p, MAX_BYTES) {
        Ok(b) => b,
        Err(Refused::NotFound) => return Ok(None),
        Err(Refused::TooLarge(_)) => return Err("is larger than 1 MiB".into()),
        Err(e) => return Err(e.to_string()),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| "is not UTF-8 text".into())
}

/// Line, column and width of a byte span; `newlines` are where the text's
/// lines end, found once, so a config with thousands of errors is located
/// in one pass (a scan per error made a 1 MB config take seconds).
fn pos(text: &str, newlines: &[usize], span: Option<std::ops::Range<usize>>) -> Pos {
    let span = span.unwrap_or(0..0);
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line = newlines.partition_point(|&n| n < start);
    let line_start = if line == 0 { 0 } else { newlines[line - 1] + 1 };
    let col = text[line_start..start].chars().count() + 1;
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // A mark is as wide as the span on its line, at most a line's.
    let len = text[start..end.min(start + 200)].chars().count().max(1);
    Pos::new(line + 1, col, len)
}

struct Reporter<'a> {
    text: &'a str,
    newlines: Vec<usize>,
    file: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn error(
        &mut self,
        code: &'static str,
        span: Option<std::ops::Range<usize>>,
        message: String,
        label: &'static str,
        help: Option<String>,
    ) {
        let at = pos(self.text, &self.newlines, span);
        let from = match at.line as usize {
            1 => 0,
            n => self.newlines[n - 2] + 1,
        };
        let to = self
            .newlines
            .get(at.line as usize - 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text[from..to].trim_end_matches('\r');
        let mut d = Diagnostic::new(Severity::Error, code, self.file, message)
            .with_mark_on(line, at, label);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.out.push(d);
    }
}

fn did_you_mean<'a>(s: &str, options: impl Iterator<Item = &'a str> + Clone) -> String {
    match nearest(s, options.clone()) {
        Some(n) => format!("did you mean `{n}`?"),
        None => format!("one of: {}", options.collect::<Vec<_>>().join(", ")),
    }
}

/// A binding the user wrote: its keys, each with where it was written.
type UserKeys = (
    Ctx,
    &'static str,
    Vec<(Key, Option<std::ops::Range<usize>>)>,
);

fn parse(text: &str, file: &str, c: &mut Config) {
    let mut r = Reporter {
        text,
        newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
        file,
        out: &mut c.diagnostics,
    };
    let doc = match toml_edit::Document::parse(text.to_string()) {
        Ok(d) => d,
        Err(e) => {
            r.error(
                "config-syntax",
                e.span(),
                format!("not valid TOML: {}", e.message()),
                "here",
                Some("the config is TOML: `theme = \"light\"`, and `[keys.reader]` with `quit = [\"q\"]`".into()),
            );
            return;
        }
    };
    let top = doc.as_table();
    let mut spans_of: Vec<UserKeys> = Vec::new();
    for (k, item) in top.iter() {
        let kspan = top.key(k).and_then(|k| k.span());
        match k {
            "theme" => match item.as_str().and_then(ThemeChoice::parse) {
                Some(t) => c.theme = t,
                None => {
                    let given = item.as_str().unwrap_or("");
                    r.error(
                        "config-value",
                        item.span(),
                        "`theme` must be one of auto, dark, light, high-contrast".into(),
                        "not a theme",
                        Some(did_you_mean(given, THEMES.iter().copied())),
                    );
                }
            },
            "keys" => {
                let Some(t) = item.as_table() else {
                    r.error(
                        "config-value",
                        item.span().or(kspan),
                        "`keys` must be a table of contexts, e.g. [keys.reader]".into(),
                        "not a table",
                        None,
                    );
                    continue;
                };
                for (ctx_name, ctx_item) in t.iter() {
                    let cspan = t.key(ctx_name).and_then(|k| k.span());
                    let Some(ctx) = Ctx::from_name(ctx_name) else {
                        r.error(
                            "config-unknown",
                            cspan,
                            format!("there are no keys for `{ctx_name}`"),
                            "unknown context",
                            Some(did_you_mean(ctx_name, Ctx::NAMES.iter().map(|(_, n)| *n))),
                        );
                        continue;
                    };
                    let Some(actions) = ctx_item.as_table_like() else {
                        r.error(
                            "config-value",
                            ctx_item.span().or(cspan),
                            format!("`keys.{ctx_name}` must be a table of action = keys"),
                            "not a table",
                            None,
                        );
                        continue;
                    };
                    for (action, value) in actions.iter() {
                        let aspan = actions.key(action).and_then(|k| k.span());
                        let names = || {
                            KEYMAP
                                .iter()
                                .filter(move |b| b.ctx == ctx && !b.fixed())
                                .map(|b| b.name)
                        };
                        let Some(b) = KEYMAP
                            .iter()
                            .find(|b| b.ctx == ctx && b.name == action && !b.fixed())
                        else {
                            let fixed = KEYMAP
                                .iter()
                                .any(|b| b.ctx == ctx && b.name == action && b.fixed());
                            r.error(
                                "config-unknown",
                                aspan,
                                if fixed {
                                    format!("`{action}` uses the digits and cannot be rebound")
                                } else {
                                    format!("there is no action `{action}` in `keys.{ctx_name}`")
                                },
                                "unknown action",
                                Some(did_you_mean(action, names())),
                            );
                            continue;
                        };
                        let list: Vec<(Option<&str>, Option<std::ops::Range<usize>>)> =
                            if let Some(s) = value.as_str() {
                                vec![(Some(s), value.span())]
                            } else if let Some(a) = value.as_array() {
                                a.iter().map(|v| (v.as_str(), v.span())).collect()
                            } else {
                                vec![(None, value.span())]
                            };
                        let mut parsed = Vec::new();
                        for (s, span) in list {
                            let Some(s) = s else {
                                r.error(
                                    "config-value",
                                    span,
                                    "keys are text, e.g. \"q\" or [\"Ctrl-c\", \"q\"]".into(),
                                    "not a key",
                                    None,
                                );
                                continue;
                            };
                            match keys::parse(s) {
                                Ok(k) => parsed.push((k, span)),
                                Err(why) => {
                                    let names = keys::known_names();
                                    r.error(
                                        "config-key",
                                        span,
                                        why,
                                        "unknown key",
                                        Some(did_you_mean(s, names.iter().map(String::as_str))),
                                    );
                                }
                            }
                        }
                        c.keys
                            .push((ctx, b.name, parsed.iter().map(|(k, _)| *k).collect()));
                        spans_of.push((ctx, b.name, parsed));
                    }
                }
            }
            other => r.error(
                "config-unknown",
                kspan,
                format!("unknown setting `{other}`"),
                "not a setting",
                Some(did_you_mean(other, ["theme", "keys"].into_iter())),
            ),
        }
    }
    // A key the user binds must not also mean something else on that screen.
    let km = keymap_with(&c.keys);
    for (ctx, name, keys) in &spans_of {
        for (k, span) in keys {
            let other = km
                .entries
                .iter()
                .find(|e| e.binding.ctx == *ctx && e.binding.name != *name && e.keys.contains(k));
            if let Some(o) = other {
                r.error(
                    "config-duplicate",
                    span.clone(),
                    format!(
                        "`{}` is bound twice in keys.{}: to `{name}` and to `{}`",
                        keys::name(k.0, k.1),
                        ctx.name(),
                        o.binding.name
                    ),
                    "bound twice",
                    Some(format!(
                        "give `{}` other keys too, or choose another key here",
                        o.binding.name
                    )),
                );
            }
        }
    }
}

/// The default keymap with the user's bindings in place of the defaults.
pub fn keymap_with(user: &[(Ctx, &'static str, Vec<Key>)]) -> Keymap {
    let mut km = Keymap::default();
    for (ctx, name, keys) in user {
        if let Some(e) = km
            .entries
            .iter_mut()
            .find(|e| e.binding.ctx == *ctx && e.binding.name == *name)
        {
            *e = Entry {
                binding: e.binding,
                keys: keys.clone(),
            };
        }
    }
    km
}

impl Config {
    /// Puts the config in force: its keys and theme, or the defaults when
    /// it has errors.
    pub fn keymap(&self) -> Keymap {
        if self.diagnostics.is_empty() {
            keymap_with(&self.keys)
        } else {
            Keymap::default()
        }
    }

    /// The config as TOML with every setting: the ones in force written
    /// out, the defaults commented, each with its help.
    pub fn effective(&self) -> String {
        let ok = self.diagnostics.is_empty();
        let mut out = String::new();
        let place = self.place.clone().map_or_else(
            || "~/.config/brief/config.toml".into(),
            |p| crate::briefing::sanitize::path(&p),
        );
        out.push_str(&format!(
            "# brief's config: {place} (or BRIEF_CONFIG, or --config FILE).\n\
             # Every setting with its default; uncomment a line to change it.\n\
             # Keys: a character (\"q\", \"G\", \"?\"), or Ctrl-x, Alt-x, Enter, Esc, Tab, Shift-Tab,\n\
             # Backspace, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, Insert, Delete, F1-F12.\n\n"
        ));
        out.push_str(
            "# Colours: auto (ask the terminal), dark, light or high-contrast. NO_COLOR wins.\n",
        );
        if ok && self.theme != ThemeChoice::Auto {
            out.push_str(&format!("theme = \"{}\"\n", self.theme.name()));
        } else {
            out.push_str("# theme = \"auto\"\n");
        }
        let km = self.keymap();
        for (ctx, ctx_name) in Ctx::NAMES {
            let entries: Vec<&Entry> = km
                .entries
                .iter()
                .filter(|e| e.binding.ctx == *ctx && !e.binding.fixed())
                .collect();
            if entries.is_empty() {
                continue;
            }
            out.push_str(&format!("\n[keys.{ctx_name}]\n"));
            for e in entries {
                let mut list: Vec<String> = Vec::new();
                for (c, m) in &e.keys {
                    let n = format!("{:?}", keys::name(*c, *m));
                    if !list.contains(&n) {
                        list.push(n);
                    }
                }
                let changed = e.keys.as_slice() != e.binding.keys;
                out.push_str(&format!("# {}\n", e.binding.help));
                out.push_str(&format!(
                    "{}{} = [{}]\n",
                    if changed { "" } else { "# " },
                    e.binding.name,
                    list.join(", ")
                ));
            }
        }
        out
    }
}
