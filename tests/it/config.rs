//! The user's config: parsing, patching the keymap, every error with its
//! place, `brief config`, and a remapped key in the real binary.

use crate::common;
use brief::config::{self, ThemeChoice};
use brief::input::keymap::Ctx;
use brief::input::keys;
use brief::ui::theme::Palette;
use common::{Pty, brief_bin};
use std::process::Command;

fn load(text: &str) -> config::Config {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("config.toml");
    std::fs::write(&f, text).unwrap();
    config::load(Some(&f))
}

fn errors(c: &config::Config) -> Vec<String> {
    c.diagnostics
        .iter()
        .map(|d| {
            let m = &d.marks[0];
            format!("{}:{}: {}: {}", m.line, m.column, d.code, d.message)
        })
        .collect()
}

#[test]
fn a_config_patches_the_defaults() {
    let c = load(
        "theme = \"light\"\n\n[keys.reader]\nquit = [\"x\", \"Ctrl-q\"]\ndown = \"J\"\n\n[keys.present]\nnext = [\"Space\", \"Right\"]\n",
    );
    assert!(c.diagnostics.is_empty(), "{:?}", errors(&c));
    assert_eq!(c.theme, ThemeChoice::Named(Palette::Light));
    let km = c.keymap();
    let quit = km.find(Ctx::Global, "quit").unwrap();
    assert_eq!(
        quit.keys,
        vec![keys::parse("x").unwrap(), keys::parse("Ctrl-q").unwrap()]
    );
    assert_eq!(quit.label(), "x", "hints show the new key");
    assert_eq!(
        km.find(Ctx::Global, "down").unwrap().keys,
        vec![keys::parse("J").unwrap()]
    );
    // Untouched bindings keep their defaults.
    assert_eq!(km.find(Ctx::Global, "up").unwrap().keys.len(), 2);
    assert_eq!(km.find(Ctx::Present, "next").unwrap().keys.len(), 2);
    // `brief config` writes the changed ones out, the rest commented.
    let out = c.effective();
    assert!(out.contains("\ntheme = \"light\"\n"), "{out}");
    assert!(out.contains("\nquit = [\"x\", \"Ctrl-q\"]\n"), "{out}");
    assert!(out.contains("\n# up = [\"k\", \"Up\"]\n"), "{out}");
}

#[test]
fn every_config_error_says_where_and_what() {
    let c = load(concat!(
        "theme = \"ligt\"\n",
        "colour = 1\n",
        "[keys.reeder]\n",
        "quit = \"q\"\n",
        "[keys.reader]\n",
        "qiut = \"q\"\n",
        "down = \"Entr\"\n",
        "pane = \"x\"\n",
        "top = 5\n",
        "search = \"k\"\n",
    ));
    let e = errors(&c);
    assert_eq!(
        e,
        [
            "1:9: config-value: `theme` must be one of auto, dark, light, high-contrast",
            "2:1: config-unknown: unknown setting `colour`",
            "3:7: config-unknown: there are no keys for `reeder`",
            "6:1: config-unknown: there is no action `qiut` in `keys.reader`",
            "7:8: config-key: `Entr` is not a key brief knows",
            "8:1: config-unknown: there is no action `pane` in `keys.reader`",
            "9:7: config-value: keys are text, e.g. \"q\" or [\"Ctrl-c\", \"q\"]",
            "10:10: config-duplicate: `k` is bound twice in keys.reader: to `search` and to `up`",
        ],
        "{e:#?}"
    );
    let help = |n: usize| {
        c.diagnostics[n]
            .help
            .as_ref()
            .map(|h| h.to_string())
            .unwrap_or_default()
    };
    assert!(help(0).contains("did you mean `light`?"), "{}", help(0));
    assert!(help(2).contains("did you mean `reader`?"), "{}", help(2));
    assert!(help(3).contains("did you mean `quit`?"), "{}", help(3));
    assert!(help(4).contains("did you mean `Enter`?"), "{}", help(4));
    let c = load("[keys.lists]\npane = \"x\"\n");
    assert_eq!(
        errors(&c),
        ["2:1: config-unknown: `pane` uses the digits and cannot be rebound"]
    );
    // With errors, the defaults are in force.
    let km = c.keymap();
    assert_eq!(
        km.find(Ctx::Global, "search").unwrap().keys,
        vec![keys::parse("/").unwrap()]
    );
}

#[test]
fn bad_toml_points_at_the_place() {
    let c = load("theme = \"dark\"\n[keys.reader\nquit = \"q\"\n");
    let e = errors(&c);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("2:") && e[0].contains("config-syntax"),
        "{e:?}"
    );
}

#[test]
fn brief_starts_with_the_defaults_after_saying_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("c.toml");
    std::fs::write(&f, "[keys.reader]\nqiut = \"x\"\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "--config",
            f.to_str().unwrap(),
            "briefs/payments-outage-exercise.yaml",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    // It goes on past the config's error (to say it needs a terminal).
    assert!(err.contains("brief needs a terminal"), "{err}");
    assert!(
        err.contains("error[config-unknown]: there is no action `qiut`"),
        "{err}"
    );
    assert!(err.contains(":2:1"), "{err}");
    assert!(
        err.contains("brief uses its default keys and theme"),
        "{err}"
    );
    // A command the config does not affect does not take --config.
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "--config", f.to_str().unwrap(), "briefs"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    // `brief --config X config` names X in its header.
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--config", f.to_str().unwrap(), "config"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.contains(f.to_str().unwrap())),
        "{out}"
    );
    // `brief config` prints it all and exits 1 on errors.
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["config"])
        .env("BRIEF_CONFIG", &f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("[keys.library]") && out.contains("[keys.present]"),
        "{out}"
    );
    // The printed config is itself a valid config.
    let printed = dir.path().join("printed.toml");
    std::fs::write(&printed, out.as_bytes()).unwrap();
    assert!(config::load(Some(&printed)).diagnostics.is_empty());
}

#[test]
fn a_remapped_key_works_in_the_reader_and_in_a_presentation() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("c.toml");
    std::fs::write(
        &f,
        "theme = \"dark\"\n[keys.reader]\ndown = [\"x\"]\nquit = [\"Q\"]\n[keys.present]\nnext = [\"w\"]\nleave = [\"Esc\"]\n",
    )
    .unwrap();
    let cfg = f.to_str().unwrap();
    let mut t = Pty::spawn(
        brief_bin(),
        &["--config", cfg, "briefs/pakistan-afghanistan-ttp.yaml"],
        120,
        40,
    );
    let s = t.wait_for("0 Overview");
    assert!(s.contains("Q quit"), "the hint bar shows the new key:\n{s}");
    t.keys(&["1", "x", "x"]);
    t.wait_for("actor · shehbaz-sharif");
    // The old key does nothing now.
    t.keys(&["j", "q"]);
    t.keys(&["?"]);
    let s = t.wait_for("Keys (");
    assert!(
        s.contains("x ") && !s.contains("j, ↓"),
        "help shows the new key:\n{s}"
    );
    t.keys(&["?", "0", "p"]);
    t.wait_for("1/");
    t.keys(&["w"]);
    let s = t.wait_for("2/");
    assert!(
        s.contains("Pakistan says assurances"),
        "the bottom line slide:\n{s}"
    );
    t.keys(&["\x1b"]);
    t.wait_for("0 Overview");
    t.keys(&["Q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_hint_bar_joins_keys_that_share_a_hint_and_follows_the_config() {
    let hints = load("").keymap().hints_for(Ctx::Global);
    assert!(
        hints.contains(&("m/t/M".to_string(), "pictures")),
        "{hints:?}"
    );
    // Each pane's title shows its number: the bar leaves them to it.
    assert!(!hints.iter().any(|(_, h)| *h == "overview"), "{hints:?}");
    let pictures_hint = |config: &str| {
        let c = load(config);
        assert!(c.diagnostics.is_empty(), "{:?}", errors(&c));
        let hints = c.keymap().hints_for(Ctx::Global);
        hints
            .into_iter()
            .find(|(_, h)| *h == "pictures")
            .map(|(k, _)| k)
    };
    assert_eq!(
        pictures_hint("[keys.reader]\nmatrix = \"x\"\n").as_deref(),
        Some("x/t/M")
    );
    // An action unbound is not hinted.
    assert_eq!(
        pictures_hint("[keys.reader]\nmatrix = []\n").as_deref(),
        Some("t/M")
    );
}
