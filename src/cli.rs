//! The command line: parses arguments and hands off to the library.

use crate::briefing::{self, Diagnostic, Report};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "brief",
    version,
    about = "Read a briefing fast, check every source, present it.",
    override_usage = "brief [FILE|DIR]\n       brief <COMMAND> [ARGS]",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A briefing file to read, or a folder to open as a library
    /// (default: ./briefs when it exists, else the bundled examples).
    file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check briefings and report every problem with file:line:col.
    Check {
        /// Files, or folders whose *.yaml and *.yml files are checked
        /// (default: ./briefs, else the bundled examples).
        files: Vec<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also list, per source with a text, the paragraphs nothing cites.
        #[arg(long)]
        coverage: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print a briefing as wrapped plain text.
    Print {
        file: PathBuf,
        /// Wrap to this many columns.
        #[arg(long, default_value_t = 80)]
        width: usize,
    },
    /// Print the JSON Schema of the briefing format.
    Schema,
    /// Present a briefing: slides built from its data.
    Present { file: PathBuf },
    /// Follow a presenter of FILE in this terminal: speaker notes, next slide, timer.
    Notes { file: PathBuf },
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

pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// The reader, the library and presenting draw on a terminal: say so
/// plainly instead of failing in the middle of setting one up.
fn need_terminal() -> Result<(), ExitCode> {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        Ok(())
    } else {
        eprintln!(
            "error: brief needs a terminal to show the reader; for text use `brief print FILE`, \
             to check a file `brief check FILE`"
        );
        Err(ExitCode::from(2))
    }
}

pub fn run() -> ExitCode {
    crate::tui::install_panic_hook();
    let cli = match Cli::try_parse() {
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
    match cli.command {
        Some(Command::Check {
            mut files,
            deny_warnings,
            coverage,
            format,
        }) => {
            if files.is_empty() {
                files.push(default_target());
            }
            check(&files, deny_warnings, coverage, format)
        }
        Some(Command::Print { file, width }) => match load_or_report(&file) {
            Ok(b) => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(crate::print::print(&b, width.max(20)).as_bytes());
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Some(Command::Present { file }) => match load_or_report(&file) {
            Ok(b) => need_terminal().map_or_else(|c| c, |_| crate::tui::run_present(b)),
            Err(code) => code,
        },
        Some(Command::Notes { file }) => {
            if !file.is_file() {
                eprintln!("error: {}: no such briefing file", file.display());
                return ExitCode::from(2);
            }
            need_terminal().map_or_else(|c| c, |_| crate::tui::run_notes(&file))
        }
        Some(Command::Schema) => {
            // A closed pipe (`brief schema | head -1`) ends the command quietly.
            let _ = writeln!(
                std::io::stdout().lock(),
                "{}",
                crate::schema::SCHEMA.trim_end()
            );
            ExitCode::SUCCESS
        }
        None => {
            let given = cli.file.is_some();
            let target = cli.file.unwrap_or_else(default_target);
            if !given && !target.exists() {
                eprintln!(
                    "error: no briefs/ folder here; open one with `brief FILE` or `brief DIR` (see brief --help)"
                );
                return ExitCode::from(2);
            }
            if target.is_dir() {
                return need_terminal().map_or_else(|c| c, |_| crate::tui::run_library(&target));
            }
            match load_or_report(&target) {
                Ok(b) => need_terminal().map_or_else(|c| c, |_| crate::tui::run(b)),
                Err(code) => code,
            }
        }
    }
}

/// Loads a briefing for reading; on errors prints the diagnostics `check`
/// prints and gives the exit code to return.
pub fn load_or_report(path: &Path) -> Result<briefing::Briefing, ExitCode> {
    match briefing::load_file(path) {
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::from(2))
        }
        Ok(report) => {
            let color = use_color();
            if report.briefing.is_none() {
                let mut err = std::io::stderr().lock();
                for d in &report.diagnostics {
                    let _ = writeln!(err, "{}", d.render(color));
                }
                let _ = writeln!(err, "{}", summary_line(&report));
            }
            report.briefing.ok_or(ExitCode::from(1))
        }
    }
}

fn summary_line(r: &Report) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (r.errors(), r.warnings()) {
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

/// Files named, with folders expanded to their `*.yaml` / `*.yml` files.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "{}: no *.yaml or *.yml briefings in this folder",
                    p.display()
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
    out
}

fn coverage_json(b: &briefing::Briefing) -> Vec<serde_json::Value> {
    briefing::evidence::check::coverage(b)
        .into_iter()
        .map(|c| {
            let s = &b.sources[c.source];
            let t = s.text.as_ref().expect("coverage is of sources with text");
            serde_json::json!({
                "file": b.path.display().to_string(),
                "source": s.id,
                "text": t.file,
                "paragraphs": c.paragraphs,
                "uncited": c.uncited.iter().map(|p| serde_json::json!({
                    "paragraph": p + 1,
                    "text": t.paragraphs[*p],
                })).collect::<Vec<_>>(),
            })
        })
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
    let color = use_color();
    let mut io_failed = false;
    let mut failed = false;
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut covered: Vec<serde_json::Value> = Vec::new();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for f in &files {
        match briefing::load_file(f) {
            Err(e) => {
                io_failed = true;
                let _ = writeln!(err, "error: {e}");
            }
            Ok(report) => {
                failed |= report.errors() > 0 || (deny_warnings && report.warnings() > 0);
                if format == Format::Human {
                    for d in &report.diagnostics {
                        let _ = writeln!(err, "{}", d.render(color));
                    }
                    let _ = writeln!(err, "{}", summary_line(&report));
                }
                if coverage && let Some(b) = &report.briefing {
                    match format {
                        Format::Human => {
                            let _ = write!(out, "{}", coverage_text(b));
                        }
                        Format::Json => covered.extend(coverage_json(b)),
                    }
                }
                all.extend(report.diagnostics);
            }
        }
    }
    if format == Format::Json {
        let errors = all.iter().filter(|d| d.is_error()).count();
        let mut json = serde_json::json!({
            "diagnostics": all,
            "errors": errors,
            "warnings": all.len() - errors,
        });
        if coverage {
            json["coverage"] = serde_json::Value::Array(covered);
        }
        let _ = writeln!(out, "{json:#}");
    }
    if io_failed {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
