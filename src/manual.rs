//! `brief man`: the whole manual as one roff page — every command with its
//! arguments and options (from the same clap definition as `--help`), the
//! keys of the reader, the library and a presentation (from the one
//! keymap), configuration, environment, files, exit status and examples.
//! It names no other page of brief's: there is none.

use crate::input::keymap::{self, Ctx};

/// Text made safe for roff: a backslash printed as one, a line never read
/// as a request, a hyphen a hyphen.
fn esc(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    s.lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn section(out: &mut String, name: &str) {
    out.push_str(&format!(".SH {name}\n"));
}

fn para(out: &mut String, text: &str) {
    out.push_str(&format!(".PP\n{}\n", esc(text)));
}

/// A tagged paragraph: the tag in bold, then its text.
fn item(out: &mut String, tag: &str, text: &str) {
    out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(tag), esc(text)));
}

/// One argument or option as its help shows it: `--width <N>`, `<FILE>`.
fn arg_tag(a: &clap::Arg) -> String {
    let names = a
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    match (a.get_short(), a.get_long()) {
        (_, None) => names,
        (short, Some(long)) => {
            let mut t = short.map(|c| format!("-{c}, ")).unwrap_or_default();
            t.push_str(&format!("--{long}"));
            if a.get_action().takes_values() {
                t.push(' ');
                t.push_str(&names);
            }
            t
        }
    }
}

fn help_of(a: &clap::Arg) -> String {
    let mut h = a
        .get_long_help()
        .or(a.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && a.get_action().takes_values() && !h.contains(&values[0]) {
        h.push_str(&format!(" One of: {}.", values.join(", ")));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() {
        h.push_str(&format!(" Default: {}.", defaults.join(", ")));
    }
    h
}

fn args(out: &mut String, cmd: &clap::Command) {
    for a in cmd.get_arguments() {
        if a.is_hide_set() || matches!(a.get_id().as_str(), "help" | "version") {
            continue;
        }
        item(out, &arg_tag(a), &help_of(a));
    }
}

fn keys(out: &mut String, title: &str, ctx: impl Fn(Ctx) -> bool) {
    out.push_str(&format!(".SS {}\n", esc(title)));
    for (k, what) in keymap::current().help(ctx) {
        item(out, &k, what);
    }
}

/// The page, for `cmd` (brief's clap definition).
pub fn page(cmd: &mut clap::Command) -> String {
    cmd.build();
    let version = cmd.get_version().unwrap_or("").to_string();
    let mut out = format!(
        ".TH BRIEF 1 \"\" \"brief {}\" \"User Commands\"\n",
        esc(&version)
    );
    section(&mut out, "NAME");
    out.push_str(
        "brief \\- read a briefing fast, check where every claim comes from, present it\n",
    );
    section(&mut out, "SYNOPSIS");
    out.push_str(".nf\n");
    out.push_str("\\fBbrief\\fR [\\fIOPTIONS\\fR] [\\fIFILE\\fR|\\fIDIR\\fR]\n");
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let usage = sub.clone().render_usage().to_string();
        for line in usage.lines() {
            let line = line.trim().trim_start_matches("Usage:").trim();
            let line = line.strip_prefix("brief ").unwrap_or(line);
            out.push_str(&format!("\\fBbrief\\fR {}\n", esc(line)));
        }
    }
    out.push_str(".fi\n");
    section(&mut out, "DESCRIPTION");
    para(
        &mut out,
        "A briefing is one YAML file: the actors involved, their positions on the issues at stake, a timeline of events, and the sources behind each claim, all linked by id. brief checks it like a compiler (every problem with file:line:col, the line, a caret and a fix), holds every quote against its source's text, shows it as linked panes in the terminal, presents it as slides, compares versions and exports handouts. Items marked with a TLP level are withheld from an audience below it (--tlp). The format is described in docs/format.md beside the program's source, and `brief schema` prints it as a JSON Schema.",
    );
    para(
        &mut out,
        "With no command, brief opens FILE in the reader, or DIR (default: ./briefs when it exists, else the bundled examples) as a library of briefings. A file with errors is not opened: its diagnostics are printed and brief exits 1.",
    );
    section(&mut out, "OPTIONS");
    para(&mut out, "Of the reader (brief [OPTIONS] [FILE|DIR]):");
    args(&mut out, cmd);
    section(&mut out, "COMMANDS");
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        out.push_str(&format!(".SS \"brief {}\"\n", esc(sub.get_name())));
        para(&mut out, &about);
        args(&mut out, sub);
    }
    section(&mut out, "KEYS");
    para(
        &mut out,
        "The keys in force (a config file may change them; `brief config` lists every binding). `?` shows the same list on screen.",
    );
    keys(&mut out, "The reader", |c| {
        !matches!(c, Ctx::Library | Ctx::Present)
    });
    keys(&mut out, "The library", |c| c == Ctx::Library);
    keys(&mut out, "A presentation", |c| c == Ctx::Present);
    section(&mut out, "CONFIGURATION");
    para(
        &mut out,
        "An optional TOML file sets the theme and rebinds keys: --config FILE, else $BRIEF_CONFIG, else $XDG_CONFIG_HOME/brief/config.toml or ~/.config/brief/config.toml. `brief config` prints the config in force with every default (commented) to start one from; an error in it is reported with file:line:col, and brief then goes on with its defaults.",
    );
    section(&mut out, "ENVIRONMENT");
    for (name, what) in [
        (
            "BRIEF_CONFIG",
            "The config file, when --config is not given.",
        ),
        (
            "XDG_CONFIG_HOME",
            "Where the config is looked for (brief/config.toml); ~/.config without it.",
        ),
        (
            "XDG_CACHE_HOME",
            "Where loaded briefings and the library's rows are cached (brief/); ~/.cache without it.",
        ),
        (
            "BRIEF_CACHE",
            "off or 0: neither read nor write the cache (as --no-cache).",
        ),
        (
            "BRIEF_NOTES_DIR",
            "The folder of the speaker notes' socket; else $XDG_RUNTIME_DIR/brief, else /tmp/brief-UID.",
        ),
        (
            "BRIEF_PAGER, PAGER",
            "The pager for long output of print, check and diff on a terminal (default: less, with LESS=FRX unless LESS is set); empty or cat: none.",
        ),
        (
            "NO_COLOR",
            "When set and not empty, no colour (unless --color always).",
        ),
    ] {
        item(&mut out, name, what);
    }
    section(&mut out, "FILES");
    for (name, what) in [
        ("~/.config/brief/config.toml", "The config file."),
        (
            "~/.cache/brief/",
            "The model cache (large briefings reopen quickly) and what the library found last time, per folder. Safe to delete.",
        ),
        (
            "sources/",
            "Beside a briefing: the texts its sources cite (file:), read only from the briefing's folder and below.",
        ),
    ] {
        item(&mut out, name, what);
    }
    section(&mut out, "EXIT STATUS");
    for (code, what) in [
        (
            "0",
            "Success: the briefing loads (and, for check, has no errors; no warnings either with --deny-warnings); diff found no changes.",
        ),
        (
            "1",
            "A briefing has errors (or warnings under --deny-warnings), is refused under --tlp, or diff found changes; a config with errors under `brief config`.",
        ),
        (
            "2",
            "A usage error, a file that cannot be read, a revision that does not exist, no terminal where one is needed, or text that could not be written (a full disk; a reader that closes the pipe early, as `| head` does, is no error).",
        ),
        (
            "128+N",
            "Ended by signal N (SIGTERM, SIGINT, SIGQUIT, SIGHUP), with the terminal restored.",
        ),
    ] {
        item(&mut out, code, what);
    }
    section(&mut out, "EXAMPLES");
    for (ex, what) in [
        (
            "brief",
            "The library of ./briefs (or of the bundled examples).",
        ),
        (
            "brief briefs/payments-outage-exercise.yaml",
            "Read one briefing.",
        ),
        (
            "brief check --deny-warnings briefs/",
            "Check every briefing in a folder; warnings fail too.",
        ),
        (
            "brief print FILE --tlp green --width 72",
            "What a TLP:GREEN audience may see, as plain text.",
        ),
        (
            "brief export FILE --format html -o handout.html",
            "A handout: one self-contained page.",
        ),
        (
            "brief diff FILE --since HEAD~1",
            "What changed since the last commit.",
        ),
        (
            "brief present FILE",
            "Present it; in a second terminal, `brief notes FILE` follows with the speaker notes.",
        ),
        ("brief man | man -l -", "Read this page."),
    ] {
        item(&mut out, ex, what);
    }
    out
}
