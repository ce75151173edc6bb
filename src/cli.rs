//! The command line: parses arguments and hands off to the library.

use crate::briefing::{self, Diagnostic, Report};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum, ValueHint};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug, Default)]
#[command(
    name = "brief",
    version = VERSION,
    about = "Read a briefing fast, check every source, present it.",
    override_usage = "brief [OPTIONS] [FILE|DIR]\n       brief <COMMAND> [ARGS]",
    after_help = "Exit status: 0 success (diff: no changes); 1 a briefing with errors, refused under --tlp, or diff found changes; 2 a usage error, an unreadable file or no terminal.\n\n`brief man | man -l -` is the whole manual: every command, the keys, configuration and environment."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A briefing file to read, or a folder to open as a library
    /// (default: ./briefs when it exists, else the bundled examples).
    #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
    file: Option<PathBuf>,
    #[command(flatten)]
    screen: ScreenOpts,
    #[command(flatten)]
    cache: CacheOpt,
    /// Mark what changed since this git revision of FILE (HEAD~1, a tag,
    /// a branch, a commit id); `c` lists the changes.
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Withhold every item marked above this TLP level (CLEAR, GREEN,
    /// AMBER, AMBER+STRICT, RED), and all that hangs on it.
    #[arg(long, value_name = "LEVEL", value_parser = tlp_level)]
    tlp: Option<crate::briefing::marking::Tlp>,
    /// See the briefing as of this date: later events and positions dimmed.
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    as_of: Option<crate::app::asof::AsOf>,
}

/// What the screens take: the config (keys, theme) and the theme.
#[derive(clap::Args, Debug, Default, Clone)]
struct ScreenOpts {
    /// The config file: keys and theme (default: $BRIEF_CONFIG, else
    /// $XDG_CONFIG_HOME/brief/config.toml or ~/.config/brief/config.toml).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    config: Option<PathBuf>,
    /// Colours: auto (ask the terminal), dark, light or high-contrast.
    #[arg(long, value_name = "THEME", value_parser = crate::config::THEMES.to_vec())]
    theme: Option<String>,
}

/// What every command that loads a briefing takes.
#[derive(clap::Args, Debug, Default, Clone)]
struct CacheOpt {
    /// Neither read nor write the cache of loaded briefings for this run.
    #[arg(long)]
    no_cache: bool,
}

/// When text printed for a person is coloured.
#[derive(clap::Args, Debug, Default, Clone)]
struct ColorOpt {
    /// Colour the output: auto (on a terminal, unless NO_COLOR), always
    /// or never.
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

fn as_of_date(s: &str) -> Result<crate::app::asof::AsOf, String> {
    crate::app::asof::AsOf::parse(s)
}

fn tlp_level(s: &str) -> Result<crate::briefing::marking::Tlp, String> {
    crate::briefing::marking::Tlp::parse(s).ok_or_else(|| {
        "a TLP level: CLEAR, GREEN, AMBER, AMBER+STRICT or RED (TLP: prefix optional)".into()
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Html,
    Md,
}

/// The version, and the briefing format versions this build reads.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (reads briefing format 1)");

#[derive(Subcommand, Debug)]
enum Command {
    /// Check briefings and report every problem with file:line:col.
    Check {
        /// Briefing files, or folders whose *.yaml and *.yml files are
        /// checked (default: ./briefs, else the bundled examples).
        #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
        files: Vec<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also list, per source with a text, the paragraphs nothing cites.
        #[arg(long)]
        coverage: bool,
        /// Check again at every save of a briefing or of a text beside it,
        /// clearing the screen between runs (not when piped); Ctrl-C stops.
        #[arg(long)]
        watch: bool,
        /// human: file:line:col with the line and a caret; json: one
        /// object per file, for editors and CI.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        color: ColorOpt,
        #[command(flatten)]
        cache: CacheOpt,
        /// Refused with its reason: checking is for the author.
        #[arg(long, hide = true, value_name = "LEVEL")]
        tlp: Option<String>,
    },
    /// Print a briefing as wrapped plain text.
    Print {
        /// The briefing file.
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// Wrap to this many columns (at least 20).
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        /// See it as of this date (YYYY, YYYY-MM, YYYY-MM-DD…): events and
        /// positions dated later are left out; undated ones stay.
        #[arg(long, value_name = "DATE", value_parser = as_of_date)]
        as_of: Option<crate::app::asof::AsOf>,
        /// Withhold every item marked above this TLP level (CLEAR, GREEN,
        /// AMBER, AMBER+STRICT, RED), and all that hangs on it.
        #[arg(long, value_name = "LEVEL", value_parser = tlp_level)]
        tlp: Option<crate::briefing::marking::Tlp>,
        #[command(flatten)]
        cache: CacheOpt,
    },
    /// A handout: one self-contained HTML page, or Markdown.
    ///
    /// The briefing as one self-contained HTML page or as GitHub-flavoured
    /// Markdown, to stdout or to OUT.
    Export {
        /// The briefing file.
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// html: one page with its styles inside; md: GitHub-flavoured
        /// Markdown.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (never the briefing itself) instead of stdout.
        #[arg(short, long, value_name = "OUT", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        /// Include the speaker notes (left out unless asked for).
        #[arg(long)]
        with_notes: bool,
        /// Withhold every item marked above this TLP level (CLEAR, GREEN,
        /// AMBER, AMBER+STRICT, RED), and all that hangs on it.
        #[arg(long, value_name = "LEVEL", value_parser = tlp_level)]
        tlp: Option<crate::briefing::marking::Tlp>,
        #[command(flatten)]
        cache: CacheOpt,
    },
    /// What changed from OLD to NEW, or since a git revision.
    ///
    /// Judgments first, then added and removed items, links, text (word by
    /// word) and the briefing's own fields, its TLP marking included.
    /// Items are matched by id. Exit 0: no changes; 1: changes; 2: either
    /// side could not be loaded. `brief diff FILE --since REV` compares
    /// FILE with its version at a git revision.
    #[command(
        override_usage = "brief diff OLD NEW [--format json]\n       brief diff FILE --since REV [--format json]"
    )]
    Diff {
        /// The earlier briefing file (with --since: the briefing file).
        #[arg(value_name = "OLD", value_hint = ValueHint::FilePath)]
        old: PathBuf,
        /// The later briefing file.
        #[arg(
            value_name = "NEW",
            value_hint = ValueHint::FilePath,
            required_unless_present = "since",
            conflicts_with = "since"
        )]
        new: Option<PathBuf>,
        /// A git revision (HEAD~1, a tag, a branch, a commit id): compare
        /// FILE as it was there with FILE as it is now.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// human: a report to read; json: the changes as data.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Compare what an audience at this TLP level may see: both
        /// versions withheld by the stricter of their markings.
        #[arg(long, value_name = "LEVEL", value_parser = tlp_level)]
        tlp: Option<crate::briefing::marking::Tlp>,
        #[command(flatten)]
        color: ColorOpt,
        #[command(flatten)]
        cache: CacheOpt,
    },
    /// Print the JSON Schema of the briefing format.
    Schema,
    /// Present a briefing: slides built from its data.
    Present {
        /// The briefing file.
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// Add a "What changed" slide: the changes since this git revision.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// See it as of this date (YYYY, YYYY-MM, YYYY-MM-DD…): events and
        /// positions dated later are left out; undated ones stay.
        #[arg(long, value_name = "DATE", value_parser = as_of_date)]
        as_of: Option<crate::app::asof::AsOf>,
        /// Withhold every item marked above this TLP level (CLEAR, GREEN,
        /// AMBER, AMBER+STRICT, RED), and all that hangs on it.
        #[arg(long, value_name = "LEVEL", value_parser = tlp_level)]
        tlp: Option<crate::briefing::marking::Tlp>,
        #[command(flatten)]
        screen: ScreenOpts,
        #[command(flatten)]
        cache: CacheOpt,
    },
    /// Follow a presenter of FILE in this terminal: speaker notes, next slide, timer.
    Notes {
        /// The briefing file being presented.
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        #[command(flatten)]
        screen: ScreenOpts,
        /// Refused with its reason: the notes follow the presenter's --tlp.
        #[arg(long, hide = true, value_name = "LEVEL")]
        tlp: Option<String>,
    },
    /// Print the config in force, every default included.
    ///
    /// Every default is included (commented), to start a config file from;
    /// any error in the config is reported after it.
    Config {
        /// The config file (default: $BRIEF_CONFIG, else
        /// $XDG_CONFIG_HOME/brief/config.toml or ~/.config/brief/config.toml).
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `brief man > brief.1`, or
    /// `brief man | man -l -`.
    Man,
    /// Run the language server on stdin and stdout, for editors: the
    /// diagnostics of `check` as you type, completion, hover, go to
    /// definition, references, rename, fixes and symbols (README: set-up).
    Lsp,
    /// The baseline the first-frame bench measures brief against: an empty
    /// ratatui app (init, one frame with a hint row, a key, restore).
    #[command(hide = true)]
    BaselineFrame,
    /// Write a synthetic briefing of N events to stdout, for measuring:
    /// `brief gen-briefing 20000 > big.yaml` (no second build needed).
    #[command(hide = true)]
    GenBriefing {
        /// How many events.
        #[arg(default_value_t = 20_000)]
        events: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// The bundled examples, for `brief` with no argument outside a folder
/// that has its own `briefs/`.
pub const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/briefs");

fn default_target() -> PathBuf {
    let here = PathBuf::from("briefs");
    if here.is_dir() {
        here
    } else {
        PathBuf::from(EXAMPLES)
    }
}

/// Colour for diagnostics (on stderr).
pub fn use_color() -> bool {
    color_on(std::io::stderr().is_terminal())
}

/// Colour on a stream that is (or is not) a terminal: as `--color` says,
/// else on a terminal unless NO_COLOR.
fn color_on(terminal: bool) -> bool {
    match COLOR.get().copied().unwrap_or_default() {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

/// The reader, the library and presenting draw on a terminal: say so
/// plainly instead of failing in the middle of setting one up.
fn on_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

fn need_terminal() -> Result<(), ExitCode> {
    if on_terminal() {
        Ok(())
    } else {
        eprintln!(
            "error: brief needs a terminal to show the reader; for text use `brief print FILE`, \
             to check a file `brief check FILE`"
        );
        Err(ExitCode::from(2))
    }
}

/// The options in force for the command given: those it takes, from
/// after its name or (for the reader's) before it.
struct Opts {
    config: Option<PathBuf>,
    theme: Option<String>,
    no_cache: bool,
    color: ColorWhen,
}

/// When output is coloured: `--color`, set once.
static COLOR: std::sync::OnceLock<ColorWhen> = std::sync::OnceLock::new();

/// Each command's options; a reader's option given before a command that
/// does not take it is an error that says so, not silently ignored.
fn resolve(cli: &Cli) -> Result<Opts, String> {
    let top = (&cli.screen, cli.cache.no_cache);
    let (screen, cache, color, name) = match &cli.command {
        None => (Some(cli.screen.clone()), Some(cli.cache.no_cache), None, ""),
        Some(Command::Present { screen, cache, .. }) => {
            (Some(screen.clone()), Some(cache.no_cache), None, "present")
        }
        Some(Command::Notes { screen, .. }) => (Some(screen.clone()), None, None, "notes"),
        Some(Command::Config { config }) => (
            Some(ScreenOpts {
                config: config.clone(),
                theme: None,
            }),
            None,
            None,
            "config",
        ),
        Some(Command::Check { color, cache, .. }) | Some(Command::Diff { color, cache, .. }) => (
            None,
            Some(cache.no_cache),
            Some(color.color),
            "check and diff",
        ),
        Some(Command::Print { cache, .. }) | Some(Command::Export { cache, .. }) => {
            (None, Some(cache.no_cache), None, "print and export")
        }
        Some(
            Command::Schema
            | Command::Completions { .. }
            | Command::Man
            | Command::Lsp
            | Command::BaselineFrame
            | Command::GenBriefing { .. },
        ) => (None, None, None, "this command"),
    };
    let refuse = |flag: &str| {
        Err(format!(
            "{flag} is not for {}: it is an option of the reader, `brief present` and `brief notes`",
            if name.is_empty() { "the reader" } else { name }
        ))
    };
    let mut screen = match screen {
        Some(s) => s,
        None if top.0.config.is_some() => return refuse("--config"),
        None if top.0.theme.is_some() => return refuse("--theme"),
        None => ScreenOpts::default(),
    };
    screen.config = screen.config.or_else(|| top.0.config.clone());
    screen.theme = screen.theme.or_else(|| top.0.theme.clone());
    if cache.is_none() && top.1 {
        return Err("--no-cache is for commands that load a briefing".into());
    }
    Ok(Opts {
        config: screen.config,
        theme: screen.theme,
        no_cache: cache.unwrap_or(false) || top.1,
        color: color.unwrap_or_default(),
    })
}

/// The commands' names, and clap's own `help`: `brief NAME` runs one.
const COMMANDS: &[&str] = &[
    "check",
    "print",
    "export",
    "diff",
    "schema",
    "present",
    "notes",
    "config",
    "completions",
    "man",
    "lsp",
    "baseline-frame",
    "gen-briefing",
    "help",
];

/// `brief FILE`, the way most sessions start, read without building clap's
/// whole command tree (a quarter of a millisecond, most of it code run for
/// the first time, in front of the first frame): one argument that is not
/// an option and names no command. Anything else goes to clap.
fn just_a_file(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    let (_, arg, None) = (args.next()?, args.next()?, args.next()) else {
        return None;
    };
    let text = arg.to_str()?;
    (!text.is_empty() && !text.starts_with('-') && !COMMANDS.contains(&text))
        .then(|| PathBuf::from(arg))
}

pub fn run() -> ExitCode {
    crate::tui::install_panic_hook();
    let parsed = match just_a_file(std::env::args_os()) {
        Some(file) => Ok(Cli {
            file: Some(file),
            ..Cli::default()
        }),
        None => Cli::try_parse(),
    };
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if let (Some(f), Some(_)) = (&cli.file, &cli.command) {
        eprintln!(
            "error: give a briefing ({}) or a command, not both: brief COMMAND FILE",
            crate::briefing::sanitize::path(f)
        );
        return ExitCode::from(2);
    }
    let opts = match resolve(&cli) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if opts.no_cache {
        crate::briefing::cache::disable();
    }
    crate::briefing::cache::check_folder();
    if let Some(why) = crate::briefing::cache::REFUSED.get()
        && !needs_screen(&cli.command)
    {
        eprintln!("note: {why}");
    }
    let _ = COLOR.set(opts.color);
    let config = crate::config::load(opts.config.as_deref());
    if !matches!(cli.command, Some(Command::Config { .. })) {
        report_config(&config);
    }
    crate::input::keymap::set(config.keymap());
    let theme = match opts
        .theme
        .as_deref()
        .and_then(crate::config::ThemeChoice::parse)
    {
        Some(t) => t,
        None if config.diagnostics.is_empty() => config.theme,
        None => crate::config::ThemeChoice::Auto,
    };
    match cli.command {
        Some(Command::Config { .. }) => {
            let lost = unwritten(to_stdout(config.effective().as_bytes()));
            report_config(&config);
            return if lost {
                ExitCode::from(2)
            } else if config.diagnostics.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
        }
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "brief", &mut out);
            let script = briefing_files_only(shell, String::from_utf8_lossy(&out).into_owned());
            return ended(to_stdout(script.as_bytes()));
        }
        Some(Command::Man) => {
            return ended(to_stdout(
                crate::manual::page(&mut Cli::command()).as_bytes(),
            ));
        }
        _ => {}
    }
    // The reader and a presentation ask the terminal for its colours
    // while their file loads (tui::open); the notes screen now.
    if matches!(cli.command, Some(Command::Notes { .. })) {
        pick_theme(theme);
    }
    match cli.command {
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            ExitCode::SUCCESS
        }
        Some(Command::Check { tlp: Some(_), .. }) => {
            eprintln!(
                "error: `brief check` is for the briefing's author and takes no --tlp: its findings quote every item, withheld or not. To share, use --tlp with the reader, print, export, present or diff"
            );
            ExitCode::from(2)
        }
        Some(Command::Notes { tlp: Some(_), .. }) => {
            eprintln!(
                "error: `brief notes` takes no --tlp: it shows what the presenter sends, so start the presentation with `brief present FILE --tlp LEVEL`"
            );
            ExitCode::from(2)
        }
        Some(Command::Check {
            mut files,
            deny_warnings,
            coverage,
            format,
            watch,
            tlp: None,
            ..
        }) => {
            if files.is_empty() {
                files.push(default_target());
            }
            if watch {
                return check_watch(&files, deny_warnings, coverage, format);
            }
            check(&files, deny_warnings, coverage, format)
        }
        Some(Command::Print {
            file,
            width,
            tlp,
            as_of,
            ..
        }) => match load_or_report_for(&file, tlp) {
            Ok(b) => {
                let at = as_of.as_ref().map(|a| (a.cutoff, a.label.as_str()));
                let stdout = std::io::stdout();
                let terminal = stdout.is_terminal();
                let mut written = Ok(());
                crate::pager::page(terminal, &mut stdout.lock(), |w| {
                    written = crate::print::print_into(&b, width as usize, at, w)
                        .and_then(|()| w.flush());
                });
                exits_with(b);
                ended(written)
            }
            Err(code) => code,
        },
        Some(Command::Present {
            file,
            since,
            tlp,
            as_of,
            ..
        }) => {
            crate::briefing::marking::withhold_above(tlp);
            read(&file, true, since, as_of, theme)
        }
        Some(Command::Export {
            file,
            format,
            output,
            with_notes,
            tlp,
            ..
        }) => {
            crate::briefing::marking::withhold_above(tlp);
            export(&file, format, output.as_deref(), with_notes)
        }
        Some(Command::Notes {
            file, tlp: None, ..
        }) => {
            if !file.is_file() {
                eprintln!(
                    "error: {}: no such briefing file",
                    crate::briefing::sanitize::path(&file)
                );
                return ExitCode::from(2);
            }
            need_terminal().map_or_else(|c| c, |_| crate::tui::run_notes(&file))
        }
        Some(Command::Diff {
            old,
            new,
            since,
            format,
            tlp,
            ..
        }) => {
            crate::briefing::marking::withhold_above(tlp);
            diff(&old, new.as_deref(), since.as_deref(), format)
        }
        Some(Command::Lsp) => crate::lsp::run(),
        Some(Command::BaselineFrame) => crate::tui::baseline_frame(),
        Some(Command::GenBriefing { events }) => {
            ended(to_stdout(crate::synth::briefing_yaml(events).as_bytes()))
        }
        Some(Command::Schema) => {
            // A closed pipe (`brief schema | head -1`) ends the command quietly.
            ended(to_stdout(
                format!("{}\n", crate::schema::SCHEMA.trim_end()).as_bytes(),
            ))
        }
        None => {
            // Before anything is read: the library, and every briefing
            // opened from it, are for this audience too.
            crate::briefing::marking::withhold_above(cli.tlp);
            let given = cli.file.is_some();
            let target = cli.file.unwrap_or_else(default_target);
            if !given && !target.exists() {
                eprintln!(
                    "error: no briefs/ folder here; open one with `brief FILE` or `brief DIR` (see brief --help)"
                );
                return ExitCode::from(2);
            }
            if target.is_dir() {
                if cli.since.is_some() {
                    eprintln!(
                        "error: --since compares one briefing file with its earlier version; {} is a folder",
                        crate::briefing::sanitize::path(&target)
                    );
                    return ExitCode::from(2);
                }
                return need_terminal().map_or_else(
                    |c| c,
                    |_| {
                        pick_theme(theme);
                        crate::tui::run_library(&target)
                    },
                );
            }
            read(&target, false, cli.since, cli.as_of, theme)
        }
    }
}

/// `brief diff`: both sides loaded (each one's diagnostics printed when it
/// fails), then the changes.
fn diff(old: &Path, new: Option<&Path>, since: Option<&str>, format: Format) -> ExitCode {
    let (a, b) = match (new, since) {
        (Some(new), _) => (load_or_report(old), load_or_report(new)),
        (None, Some(rev)) => match crate::git::load_version(old, rev) {
            Ok((report, _)) => (reported(Ok(report)), load_or_report(old)),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        (None, None) => return ExitCode::from(2),
    };
    let (Ok(a), Ok(b)) = (a, b) else {
        return ExitCode::from(2);
    };
    let (a, b) = crate::briefing::load::withheld_alike(
        std::sync::Arc::new(a),
        std::sync::Arc::new(b),
        false,
    );
    let changes = crate::diff::compare(&a, &b);
    let color = color_on(std::io::stdout().is_terminal());
    let text = match format {
        Format::Human => crate::diff::render(&changes, color),
        Format::Json => {
            let mut j = json_safe(&serde_json::to_string_pretty(&changes).unwrap_or_default());
            j.push('\n');
            j
        }
    };
    let stdout = std::io::stdout();
    let terminal = format == Format::Human && stdout.is_terminal();
    let mut written = Ok(());
    crate::pager::page(terminal, &mut stdout.lock(), |w| {
        written = w.write_all(text.as_bytes()).and_then(|()| w.flush());
    });
    if unwritten(written) {
        ExitCode::from(2)
    } else if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `brief export`: the handout, to stdout or a file other than the briefing.
fn export(file: &Path, format: ExportFormat, out: Option<&Path>, notes: bool) -> ExitCode {
    if let Some(o) = out
        && let (Ok(a), Ok(b)) = (std::fs::canonicalize(o), std::fs::canonicalize(file))
        && a == b
    {
        eprintln!(
            "error: {} is the briefing itself: export to another file",
            crate::briefing::sanitize::path(o)
        );
        return ExitCode::from(2);
    }
    let b = match load_or_report(file) {
        Ok(b) => b,
        Err(code) => return code,
    };
    // The page is written as it is made, in pieces; Markdown whole.
    let write = |w: &mut dyn Write| match format {
        ExportFormat::Html => crate::export::html_into(&b, notes, w),
        ExportFormat::Md => w.write_all(crate::export::markdown(&b, notes).as_bytes()),
    };
    let code = match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            ended(write(&mut stdout).and_then(|()| stdout.flush()))
        }
        Some(o) => match write_output(o, file, write) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {}: {e}", crate::briefing::sanitize::path(o));
                ExitCode::from(2)
            }
        },
    };
    // Left to the process's exit, as [`exits_with`] does.
    std::mem::forget(b);
    code
}

/// A writer that keeps the first error it met, for output written in many
/// small writes whose results are not each looked at.
struct Noting<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Noting<W> {
    fn new(inner: W) -> Self {
        Noting { inner, error: None }
    }

    /// Everything written, or the first error.
    fn finish(mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }

    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && self.error.is_none()
        {
            self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

impl<W: Write> Write for Noting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

/// `bytes` written to stdout.
fn to_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush())
}

/// Whether a command's text failed to reach stdout, said on stderr: a
/// reader that stops early (`| head`, a pager quit) is no failure; a full
/// disk is, rather than a text cut short in silence.
fn unwritten(written: std::io::Result<()>) -> bool {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: writing to standard output: {e}");
            true
        }
        _ => false,
    }
}

/// How a command whose only output is its text ends: 2 when the text did
/// not get out (see [`unwritten`]).
fn ended(written: std::io::Result<()>) -> ExitCode {
    if unwritten(written) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The briefing of a command that ends here, left to the process's exit:
/// freeing a 20,000-item model one allocation at a time only delays it.
fn exits_with(b: briefing::Briefing) {
    std::mem::forget(b);
}

/// Writes `bytes` to `out`, a regular file (made if missing) that is not
/// the briefing `file` under another name: a hard link to it is refused as
/// the file itself is, and a FIFO or device is refused without waiting on
/// it. The checks are made on the opened file, before anything in it is
/// changed.
fn write_output(
    out: &Path,
    file: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true)
        .create(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    let mut f = opts.open(out).map_err(|e| match e.raw_os_error() {
        // A FIFO nobody reads: opening it to write says so at once.
        Some(libc::ENXIO) => "is a FIFO, not a file: export to a file".to_string(),
        _ => e.to_string(),
    })?;
    let meta = f.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("is not a regular file (a FIFO, socket or device): export to a file".into());
    }
    if let Ok(b) = std::fs::metadata(file)
        && (b.dev(), b.ino()) == (meta.dev(), meta.ino())
    {
        return Err("is the briefing itself (a link to it): export to another file".into());
    }
    f.set_len(0).map_err(|e| e.to_string())?;
    write(&mut f).map_err(|e| e.to_string())
}

/// The reader (or the presentation) of one file, loaded while the screen
/// shows progress. Without a terminal the file is still checked first, so
/// its errors are what is said.
fn read(
    file: &Path,
    present: bool,
    since: Option<String>,
    as_of: Option<crate::app::asof::AsOf>,
    theme: crate::config::ThemeChoice,
) -> ExitCode {
    // A revision that cannot be read is said before the screen is taken.
    if let Some(rev) = &since
        && let Err(e) = crate::git::at_revision(file, rev)
    {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    if on_terminal() {
        crate::tui::open(
            file,
            present,
            since,
            as_of,
            || pick_theme(theme),
            |r| reported(*r).err().unwrap_or(ExitCode::SUCCESS),
        )
    } else {
        match load_or_report(file) {
            Ok(_) => need_terminal().err().unwrap_or(ExitCode::SUCCESS),
            Err(code) => code,
        }
    }
}

/// How many problems of one kind are printed in full; JSON lists them all.
const PER_KIND: usize = crate::briefing::diagnostic::SHOWN_PER_KIND;

/// The diagnostics as text, at most [`PER_KIND`] of each kind, then a line
/// that counts the rest: a file with 100,000 findings prints a page, not
/// gigabytes. They are counted for the summary in the same walk: each
/// walk over 100,000 findings reads 17 MB again.
fn print_diagnostics(out: &mut (impl Write + ?Sized), r: &Report, color: bool) -> Tally {
    let mut per_kind = briefing::diagnostic::PerKind::default();
    let mut tally = Tally::default();
    for d in &r.diagnostics {
        tally.count(d);
        if per_kind.count(d.code) <= PER_KIND {
            let _ = writeln!(out, "{}", d.render(color));
        }
    }
    let mut more: Vec<(&str, usize)> = per_kind
        .into_counts()
        .into_iter()
        .filter(|(_, n)| *n > PER_KIND)
        .map(|(c, n)| (c, n - PER_KIND))
        .collect();
    more.sort();
    for (code, n) in more {
        let _ = writeln!(
            out,
            "… and {n} more [{code}] (brief check --format json lists every one)\n"
        );
    }
    tally.of_load(r)
}

/// JSON with every control, C1, DEL and bidi character written as a
/// `\uXXXX` escape: serde_json escapes only C0, and the rest would reach a
/// terminal that shows the output. They occur only inside strings, where
/// the escape means the same character.
fn json_safe(json: &str) -> String {
    let risky = |c: char| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}' | '\u{feff}')
    };
    if !json.chars().any(risky) {
        return json.to_string();
    }
    json.chars()
        .map(|c| {
            if risky(c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Config errors go to stderr; brief then goes on with the defaults.
fn report_config(c: &crate::config::Config) {
    if c.diagnostics.is_empty() {
        return;
    }
    let color = use_color();
    let mut err = std::io::stderr().lock();
    for d in &c.diagnostics {
        let _ = writeln!(err, "{}", d.render(color));
    }
    let n = c.diagnostics.len();
    let line = format!(
        "the config has {n} error{}: brief uses its default keys and theme (brief config shows them)",
        if n == 1 { "" } else { "s" }
    );
    let _ = writeln!(err, "{line}");
    let _ = crate::config::TROUBLE.set(line);
}

/// Whether a command draws on the terminal (and so needs a theme).
fn needs_screen(c: &Option<Command>) -> bool {
    matches!(
        c,
        None | Some(Command::Present { .. }) | Some(Command::Notes { .. })
    )
}

/// Puts a palette in force; `auto` asks the terminal for its background
/// colour (a quick query with a timeout) and takes dark when it does not
/// answer.
fn pick_theme(t: crate::config::ThemeChoice) {
    use crate::config::ThemeChoice;
    use crate::ui::theme::{Palette, choose};
    let palette = match t {
        ThemeChoice::Named(p) => p,
        ThemeChoice::Auto if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            let mut opts = terminal_colorsaurus::QueryOptions::default();
            opts.timeout = std::time::Duration::from_millis(150);
            match terminal_colorsaurus::theme_mode(opts) {
                Ok(terminal_colorsaurus::ThemeMode::Light) => Palette::Light,
                _ => Palette::Dark,
            }
        }
        ThemeChoice::Auto => Palette::Dark,
    };
    choose(palette);
}

/// Completion of a briefing argument offers `*.yaml` and `*.yml` files
/// (and folders) where the shell's script can say so.
fn briefing_files_only(shell: clap_complete::Shell, script: String) -> String {
    use clap_complete::Shell;
    // The commands whose argument is a briefing (or a folder of them).
    const TAKES_BRIEFING: &[&str] = &[
        "brief)",
        "brief__subcmd__check)",
        "brief__subcmd__print)",
        "brief__subcmd__present)",
        "brief__subcmd__notes)",
    ];
    let words = "COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )";
    let mut out = String::with_capacity(script.len() + 1024);
    let mut in_briefing_cmd = false;
    for line in script.lines() {
        let t = line.trim();
        if t.starts_with("brief") && t.ends_with(')') && !t.contains(',') {
            in_briefing_cmd = TAKES_BRIEFING.contains(&t);
        }
        let line = match shell {
            // `--config FILE` completes any file; a briefing, *.yaml/*.yml.
            Shell::Zsh if !line.contains("--config") => {
                line.replace(":_files", ":_files -g \"*.(yaml|yml)\"")
            }
            Shell::Bash if in_briefing_cmd && t == words => line.replace(
                words,
                "COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") $(compgen -f -X '!*.yaml' -- \"${cur}\") $(compgen -f -X '!*.yml' -- \"${cur}\") $(compgen -d -- \"${cur}\") )",
            ),
            _ => line.to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Loads a briefing for reading; on errors prints the diagnostics `check`
/// prints and gives the exit code to return.
/// [`load_or_report`] for an audience (`--tlp`): this run withholds what
/// is marked above it.
fn load_or_report_for(
    path: &Path,
    tlp: Option<crate::briefing::marking::Tlp>,
) -> Result<briefing::Briefing, ExitCode> {
    crate::briefing::marking::withhold_above(tlp);
    load_or_report(path)
}

pub fn load_or_report(path: &Path) -> Result<briefing::Briefing, ExitCode> {
    reported(briefing::load_file(path))
}

/// A load's briefing, or its diagnostics printed and the exit code.
fn reported(r: Result<Report, briefing::ReadError>) -> Result<briefing::Briefing, ExitCode> {
    match r {
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::from(2))
        }
        Ok(report) => {
            let color = use_color();
            if report.briefing.is_none() {
                let mut err = std::io::stderr().lock();
                let tally = print_diagnostics(&mut err, &report, color);
                let _ = writeln!(err, "{}", tally.summary(&report));
            }
            report.briefing.ok_or(ExitCode::from(1))
        }
    }
}

/// A report's findings counted in one pass: 100,000 findings took a pass
/// for each count.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
    /// A finding that is not in the file: the audience may not see it.
    refused: bool,
}

impl Tally {
    fn of(r: &Report) -> Tally {
        let mut t = Tally::default();
        for d in &r.diagnostics {
            t.count(d);
        }
        t.of_load(r)
    }

    fn count(&mut self, d: &Diagnostic) {
        if d.is_error() {
            self.errors += 1;
        } else {
            self.warnings += 1;
        }
        self.refused |= matches!(d.code, "above-tlp" | "withheld-findings");
    }

    /// Withheld findings refuse the load only when it made no briefing.
    fn of_load(mut self, r: &Report) -> Tally {
        self.refused &= r.briefing.is_none();
        self
    }

    /// [`Self::summary`], where warnings fail the check: never "ok" then.
    fn summary_denying(&self, r: &Report, deny_warnings: bool) -> String {
        if deny_warnings && self.warnings > 0 && self.errors == 0 && r.briefing.is_some() {
            return format!(
                "{}: failed, {} warning{} (warnings denied)",
                r.file,
                self.warnings,
                if self.warnings == 1 { "" } else { "s" }
            );
        }
        self.summary(r)
    }

    fn summary(&self, r: &Report) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        if self.refused {
            return format!("{}: refused under --tlp", r.file);
        }
        match (self.errors, self.warnings) {
            (0, 0) => format!("{}: ok", r.file),
            (0, w) => format!("{}: ok, {}", r.file, plural(w, "warning")),
            (e, w) => format!(
                "{}: {}, {}",
                r.file,
                plural(e, "error"),
                plural(w, "warning")
            ),
        }
    }
}

/// Files named, with folders expanded to their `*.yaml` / `*.yml` files.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", crate::briefing::sanitize::path(p)))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "{}: no *.yaml or *.yml briefings in this folder",
                    crate::briefing::sanitize::path(p)
                ));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The paragraphs of each source text that nothing cites, as text.
fn coverage_text(b: &briefing::Briefing) -> String {
    let mut out = String::new();
    for c in briefing::evidence::check::coverage(b) {
        let s = &b.sources[c.source];
        let t = s.text.as_ref().expect("coverage is of sources with text");
        let from = t
            .file
            .as_deref()
            .map(|f| format!(" ({f})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "coverage of `{}`{from}: {} of {} paragraphs cited\n",
            s.id,
            c.paragraphs - c.uncited.len(),
            c.paragraphs
        ));
        for p in &c.uncited {
            out.push_str(&format!(
                "  ¶{} not cited: {}\n",
                p + 1,
                briefing::sanitize::clip(&t.paragraphs[*p], 90)
            ));
        }
    }
    let unsure = estimates_without_confidence(b);
    if !unsure.is_empty() {
        out.push_str(&format!(
            "judgments with likelihood words but no `confidence`: {}\n",
            unsure.len()
        ));
        for (id, term) in unsure {
            out.push_str(&format!("  position `{id}` says “{term}”\n"));
        }
    }
    out
}

/// Positions whose stance uses an ICD 203 likelihood word but that say
/// nothing of how sure they are (`confidence`).
fn estimates_without_confidence(b: &briefing::Briefing) -> Vec<(String, &'static str)> {
    b.positions
        .iter()
        .filter(|p| p.confidence.is_none())
        .filter_map(|p| {
            let (_, term) = *briefing::evidence::likelihood::terms(&p.stance).first()?;
            Some((p.id.to_string(), term))
        })
        .collect()
}

fn coverage_json(b: &briefing::Briefing) -> Vec<serde_json::Value> {
    let unsure = estimates_without_confidence(b);
    let unsure = (!unsure.is_empty()).then(|| {
        serde_json::json!({
            "file": crate::briefing::sanitize::path(&b.path),
            "likelihood_without_confidence": unsure
                .iter()
                .map(|(id, term)| serde_json::json!({"position": id, "term": term}))
                .collect::<Vec<_>>(),
        })
    });
    briefing::evidence::check::coverage(b)
        .into_iter()
        .map(|c| {
            let s = &b.sources[c.source];
            let t = s.text.as_ref().expect("coverage is of sources with text");
            serde_json::json!({
                "file": crate::briefing::sanitize::path(&b.path),
                "source": s.id,
                "text": t.file,
                "paragraphs": c.paragraphs,
                "uncited": c.uncited.iter().map(|p| serde_json::json!({
                    "paragraph": p + 1,
                    "text": t.paragraphs[*p],
                })).collect::<Vec<_>>(),
            })
        })
        .chain(unsure)
        .collect()
}

fn check(paths: &[PathBuf], deny_warnings: bool, coverage: bool, format: Format) -> ExitCode {
    let files = match expand(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // A person's report (on stderr, as compilers do) goes through the pager
    // when both streams are a terminal; JSON never does.
    let terminal = format == Format::Human
        && std::io::stderr().is_terminal()
        && std::io::stdout().is_terminal();
    let mut code = ExitCode::SUCCESS;
    let mut stderr = std::io::stderr();
    crate::pager::page(terminal, &mut stderr, |err| {
        code = check_files(&files, deny_warnings, coverage, format, err, terminal, true);
    });
    code
}

/// `check --watch`: [`check_files`] now and after every save in the
/// folders of `paths` (and below, where source texts live), the screen
/// cleared between runs when both streams are a terminal, as `cargo watch`
/// and `bacon` do. Runs until stopped.
fn check_watch(paths: &[PathBuf], deny_warnings: bool, coverage: bool, format: Format) -> ExitCode {
    use notify::Watcher as _;
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = match notify::recommended_watcher(move |r: notify::Result<notify::Event>| {
        let Ok(ev) = r else { return };
        if matches!(ev.kind, notify::EventKind::Access(_)) {
            return;
        }
        const READ: &[&str] = &["yaml", "yml", "txt", "md", "markdown", "html", "htm"];
        if ev.paths.iter().any(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| READ.contains(&e.to_ascii_lowercase().as_str()))
        }) {
            let _ = tx.send(());
        }
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch for saves: {e}");
            return ExitCode::from(2);
        }
    };
    let mut dirs: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let p = std::path::absolute(p).unwrap_or(p.clone());
            if p.is_dir() {
                p
            } else {
                p.parent().map_or(p.clone(), Path::to_path_buf)
            }
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        if let Err(e) = watcher.watch(d, notify::RecursiveMode::Recursive) {
            eprintln!(
                "error: cannot watch {}: {e}",
                crate::briefing::sanitize::path(d)
            );
            return ExitCode::from(2);
        }
    }
    let clear = std::io::stderr().is_terminal() && std::io::stdout().is_terminal();
    loop {
        if clear {
            eprint!("\x1b[2J\x1b[3J\x1b[H");
        }
        match expand(paths) {
            Ok(files) => {
                let mut err = std::io::stderr().lock();
                check_files(
                    &files,
                    deny_warnings,
                    coverage,
                    format,
                    &mut err,
                    false,
                    false,
                );
            }
            Err(e) => eprintln!("error: {e}"),
        }
        eprintln!("\nWatching for saves (Ctrl-C stops)…");
        // A save is often several writes: wait for them to settle.
        if rx.recv().is_err() {
            return ExitCode::from(2);
        }
        while rx
            .recv_timeout(std::time::Duration::from_millis(100))
            .is_ok()
        {}
    }
}

/// [`check`] of `files`, findings for people to `err`; coverage to stdout
/// unless `paged` (then after the findings, in the pager). `exiting`:
/// brief ends once this returns (not so for `--watch`).
fn check_files(
    files: &[PathBuf],
    deny_warnings: bool,
    coverage: bool,
    format: Format,
    err: &mut dyn Write,
    paged: bool,
    exiting: bool,
) -> ExitCode {
    let color = use_color();
    let mut io_failed = false;
    let mut failed = false;
    let mut covered: Vec<serde_json::Value> = Vec::new();
    let mut covered_text = String::new();
    let mut out = Noting::new(std::io::stdout().lock());
    // JSON is written a diagnostic at a time: 100,000 findings are never
    // held as one document.
    let json = format == Format::Json;
    let (mut errors, mut warnings) = (0, 0);
    if json {
        let _ = write!(out, "{{\n  \"diagnostics\": [");
    }
    for (i, f) in files.iter().enumerate() {
        match briefing::load_file(f) {
            Err(e) => {
                io_failed = true;
                let _ = writeln!(err, "error: {e}");
            }
            Ok(report) => {
                // Counted once: 100,000 findings are not walked again.
                let t = match format {
                    Format::Human => {
                        let t = print_diagnostics(err, &report, color);
                        let _ = writeln!(err, "{}", t.summary_denying(&report, deny_warnings));
                        t
                    }
                    Format::Json => Tally::of(&report),
                };
                failed |= t.errors > 0 || (deny_warnings && t.warnings > 0);
                if coverage && let Some(b) = &report.briefing {
                    match format {
                        Format::Human if paged => covered_text.push_str(&coverage_text(b)),
                        Format::Human => {
                            let _ = write!(out, "{}", coverage_text(b));
                        }
                        Format::Json => covered.extend(coverage_json(b)),
                    }
                }
                if json {
                    for d in &report.diagnostics {
                        let sep = if errors + warnings > 0 { "," } else { "" };
                        let one = serde_json::to_string_pretty(d).unwrap_or_default();
                        let one = json_safe(&one).replace('\n', "\n    ");
                        let _ = write!(out, "{sep}\n    {one}");
                        if d.is_error() {
                            errors += 1;
                        } else {
                            warnings += 1;
                        }
                    }
                }
                // brief exits next: freeing a large model (and 100,000
                // findings) piece by piece is time the exit spends anyway.
                if exiting && i + 1 == files.len() {
                    std::mem::forget(report);
                }
            }
        }
    }
    let _ = err.write_all(covered_text.as_bytes());
    if json {
        let close = if errors + warnings > 0 { "\n  " } else { "" };
        let _ = write!(
            out,
            "{close}],\n  \"errors\": {errors},\n  \"warnings\": {warnings}"
        );
        if coverage {
            let c = serde_json::to_string_pretty(&covered).unwrap_or_default();
            let _ = write!(
                out,
                ",\n  \"coverage\": {}",
                json_safe(&c).replace('\n', "\n  ")
            );
        }
        let _ = writeln!(out, "\n}}");
    }
    if unwritten(out.finish()) || io_failed {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short cut knows every name clap would take for a command.
    #[test]
    fn the_short_cut_knows_every_command() {
        let mut clap_names: Vec<String> = Cli::command()
            .get_subcommands()
            .flat_map(|c| {
                std::iter::once(c.get_name().to_string())
                    .chain(c.get_all_aliases().map(str::to_string))
            })
            .chain(["help".to_string()])
            .collect();
        clap_names.sort();
        let mut ours: Vec<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        ours.sort();
        assert_eq!(ours, clap_names);
    }

    /// Where it answers, it answers as clap does; everything else is
    /// clap's.
    #[test]
    fn the_short_cut_reads_a_file_as_clap_does() {
        let argv = |a: &[&str]| -> Vec<std::ffi::OsString> {
            std::iter::once("brief")
                .chain(a.iter().copied())
                .map(Into::into)
                .collect()
        };
        for file in [
            "briefs/x.yaml",
            "briefs",
            "a b.yaml",
            "ünïcode.yml",
            ".",
            "x-y",
        ] {
            let ours = just_a_file(argv(&[file]).into_iter()).expect(file);
            let ours = Cli {
                file: Some(ours),
                ..Cli::default()
            };
            let clap = Cli::try_parse_from(argv(&[file])).unwrap();
            assert_eq!(format!("{ours:?}"), format!("{clap:?}"));
        }
        for args in [
            &[][..],
            &["check"],
            &["help"],
            &["--help"],
            &["-V"],
            &["-"],
            &[""],
            &["a.yaml", "--tlp", "GREEN"],
            &["--since", "HEAD", "a.yaml"],
            &["check", "a.yaml"],
        ] {
            assert_eq!(just_a_file(argv(args).into_iter()), None, "{args:?}");
        }
    }
}
