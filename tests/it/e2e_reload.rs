//! Live reload through the real binary: saves by rename and in place, a
//! broken save, and a fix.

use crate::common;
use common::{Pty, brief_bin};

const EXAMPLE: &str = include_str!("../../briefs/pakistan-afghanistan-ttp.yaml");

#[test]
fn saves_reload_within_the_loop_and_broken_saves_show_a_banner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.yaml");
    std::fs::write(&path, EXAMPLE).unwrap();
    common::copy_sources(dir.path());
    let file = path.to_str().unwrap();
    let mut t = Pty::spawn(brief_bin(), &[file], 120, 40);
    t.wait_for("1 Actors (11)");
    t.keys(&["4", "j"]);
    t.wait_for("issue · ttp-sanctuary");

    // Atomic rename, as vim does.
    let tmp = dir.path().join("live.yaml~");
    std::fs::write(
        &tmp,
        EXAMPLE.replace("TTP presence on Afghan soil", "TTP bases across the border"),
    )
    .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    let s = t.wait_for("TTP bases across the border");
    assert!(
        s.contains("issue · ttp-sanctuary"),
        "the selection is kept:\n{s}"
    );

    // A broken in-place write: the banner, and the old content stays.
    std::fs::write(
        &path,
        EXAMPLE.replace("status: watching", "status: [not, valid]"),
    )
    .unwrap();
    let s = t.wait_for("The last save has 1 error");
    assert!(s.contains("TTP bases across the border"), "{s}");
    t.keys(&["e"]);
    let s = t.wait_for("error[wrong-type]");
    assert!(s.contains("live.yaml:"), "{s}");
    t.keys(&["x"]);

    // The fix clears it.
    std::fs::write(&path, EXAMPLE).unwrap();
    let s = t.wait_for("TTP presence on Afghan soil");
    assert!(!s.contains("The last save has"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn editing_a_source_text_reloads_the_source_reader() {
    // Opened by a relative path, as from a shell in the project: the
    // watcher hears absolute paths and must still know the file.
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = tempfile::Builder::new()
        .prefix(".e2e-reload-")
        .tempdir_in(root)
        .unwrap();
    let path = dir.path().join("live.yaml");
    std::fs::write(&path, EXAMPLE).unwrap();
    common::copy_sources(dir.path());
    let text_path = dir.path().join("sources/pakistan-afghanistan-ttp.txt");
    let text = std::fs::read_to_string(&text_path).unwrap();
    let relative = path.strip_prefix(root).unwrap().to_str().unwrap();
    let mut t = Pty::spawn(brief_bin(), &[relative], 120, 40);
    t.wait_for("0 Overview");
    // Pakistan's position, then its first citation in the source reader.
    t.keys(&["2", "\r"]);
    t.wait_for("▶ 1 Pakistan");
    t.keys(&["4"]);
    let s = t.wait_for("Source text");
    assert!(s.contains("▶ ¶3 However, Pakistani officials"), "{s}");
    // The source text is edited outside brief, then put back.
    std::fs::write(
        &text_path,
        text.replace("However, Pakistani officials", "Yet Pakistani officials"),
    )
    .unwrap();
    let s = t.wait_for("Yet Pakistani officials");
    assert!(s.contains("Source text"), "still reading the source:\n{s}");
    std::fs::write(&text_path, &text).unwrap();
    t.wait_for("However, Pakistani officials");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}
