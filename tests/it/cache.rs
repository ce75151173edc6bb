//! The model cache: a cached load gives what a fresh load gives, and an
//! entry that is stale, corrupt, truncated, from another version or out of
//! date with a source text is never trusted.

use brief::briefing::{Briefing, cache, load_file};
use std::path::{Path, PathBuf};

/// Everything a reader sees of a briefing, to compare two loads.
fn shape(b: &Briefing) -> String {
    let mut s = brief::print::print(b, 100);
    for r in b.all_items() {
        s.push_str(&format!(
            "\n{} {:?} {:?} {:?}",
            b.id(r),
            b.links(r),
            b.backlinks(r),
            b.citations(r)
        ));
    }
    s.push_str(&format!(
        "\n{:?} {:?} {:?}",
        b.deck, b.timeline_frame, b.timeline_utc
    ));
    s
}

fn fresh(path: &Path) -> Briefing {
    let bytes = std::fs::read(path).unwrap();
    brief::briefing::load::load_bytes(&bytes, "x", path.to_path_buf())
        .briefing
        .unwrap()
}

/// A clean example with a source text, copied to a folder of its own.
fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = dir.path().join("b.yaml");
    std::fs::copy(root.join("briefs/pakistan-afghanistan-ttp.yaml"), &path).unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::copy(
        root.join("briefs/sources/pakistan-afghanistan-ttp.txt"),
        dir.path().join("sources/pakistan-afghanistan-ttp.txt"),
    )
    .unwrap();
    (dir, path)
}

/// The briefings in these folders of the project, sorted.
fn yaml_in(folders: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = folders
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_clean_fixture_loads_the_same_from_the_cache() {
    let cache_dir = tempfile::tempdir().unwrap();
    let files = yaml_in(&["briefs", "tests/fixtures/check", "tests/fixtures/cross"]);
    let mut cached = 0;
    for path in files {
        let report = load_file(&path).unwrap();
        let Some(b) = report.briefing.filter(|_| report.diagnostics.is_empty()) else {
            continue;
        };
        let bytes = std::fs::read(&path).unwrap();
        cache::write(cache_dir.path(), &path, bytes.clone(), &b, &[]);
        if let Some(c) = cache::read(cache_dir.path(), &path, &bytes) {
            cached += 1;
            let mut c = c;
            c.path = path.clone();
            assert_eq!(shape(&c), shape(&b), "{}", path.display());
        } else {
            assert!(
                !b.is_empty() && path.to_string_lossy().contains("cross"),
                "{} was not cached",
                path.display()
            );
        }
    }
    assert!(cached >= 2, "{cached}");
}

fn entry(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "bin"))
        .expect("an entry")
}

#[test]
fn a_damaged_or_stale_entry_is_never_trusted() {
    let (_d, path) = example();
    let cache_dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let b = fresh(&path);
    cache::write(cache_dir.path(), &path, bytes.clone(), &b, &[]);
    assert!(cache::read(cache_dir.path(), &path, &bytes).is_some());
    let file = entry(cache_dir.path());
    let good = std::fs::read(&file).unwrap();

    // Corrupt: one byte flipped in the middle.
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0xff;
    std::fs::write(&file, &bad).unwrap();
    assert!(
        cache::read(cache_dir.path(), &path, &bytes).is_none(),
        "corrupt"
    );

    // Truncated.
    std::fs::write(&file, &good[..good.len() / 3]).unwrap();
    assert!(
        cache::read(cache_dir.path(), &path, &bytes).is_none(),
        "truncated"
    );

    // From another version of brief: the version is written after the magic.
    let mut other = good.clone();
    let v = env!("CARGO_PKG_VERSION").as_bytes();
    let at = other.windows(v.len()).position(|w| w == v).unwrap();
    other[at] = b'9';
    let body = other.len() - 8;
    let sum = {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(&other[..body]);
        h.write_usize(body);
        h.finish()
    };
    other[body..].copy_from_slice(&sum.to_le_bytes());
    std::fs::write(&file, &other).unwrap();
    assert!(
        cache::read(cache_dir.path(), &path, &bytes).is_none(),
        "another version"
    );

    // A changed source text makes the entry stale.
    std::fs::write(&file, &good).unwrap();
    assert!(cache::read(cache_dir.path(), &path, &bytes).is_some());
    let text = path
        .parent()
        .unwrap()
        .join("sources/pakistan-afghanistan-ttp.txt");
    let mut t = std::fs::read_to_string(&text).unwrap();
    t.push_str("\nA new paragraph.\n");
    std::fs::write(&text, t).unwrap();
    assert!(
        cache::read(cache_dir.path(), &path, &bytes).is_none(),
        "changed source text"
    );

    // A changed briefing never finds the old entry.
    let mut changed = bytes.clone();
    changed.extend_from_slice(b"\n");
    assert!(cache::read(cache_dir.path(), &path, &changed).is_none());
}

#[test]
fn a_large_briefing_is_cached_by_check_and_the_output_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let cache_home = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.yaml");
    std::fs::write(&f, brief::synth::briefing_yaml(2000)).unwrap();
    assert!(std::fs::metadata(&f).unwrap().len() as usize >= brief::briefing::load::CACHE_FROM);
    let run = |extra: &[&str]| {
        let mut args = vec!["print"];
        args.extend_from_slice(extra);
        args.push(f.to_str().unwrap());
        std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(&args)
            .env("XDG_CACHE_HOME", cache_home.path())
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert!(first.status.success());
    // Entries, not the folder's key.
    let entries = || {
        std::fs::read_dir(cache_home.path().join("brief")).map_or(0, |d| {
            d.filter(|e| e.as_ref().is_ok_and(|e| e.file_name() != "key"))
                .count()
        })
    };
    assert_eq!(entries(), 1, "the first load wrote an entry");
    let second = run(&[]);
    assert_eq!(first.stdout, second.stdout, "a cached load prints the same");
    let uncached = run(&["--no-cache"]);
    assert_eq!(first.stdout, uncached.stdout);

    // A saved change is loaded afresh, and its entry takes the old one's
    // place: one entry a file, however often it is saved.
    let mut changed = std::fs::read_to_string(&f).unwrap();
    changed = changed.replacen("title: ", "title: Changed ", 1);
    std::fs::write(&f, changed).unwrap();
    let third = run(&[]);
    assert_ne!(third.stdout, first.stdout, "the change shows");
    assert_eq!(third.stdout, run(&["--no-cache"]).stdout);
    assert_eq!(entries(), 1, "the new version's entry replaced the old");
    assert_eq!(run(&[]).stdout, third.stdout, "and is read back");
}

/// A small, seeded generator (xorshift): `next(n)` is below `n`, the same
/// numbers every run.
fn seeded(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// An entry edited on disk — bytes flipped, cut, lengthened, or its old
/// checksum recomputed — is never decoded, and reading it never panics:
/// the seal is a keyed hash whose key only the cache folder holds.
#[test]
fn a_crafted_or_damaged_entry_is_never_decoded() {
    let cache_dir = tempfile::tempdir().unwrap();
    let (_dir, path) = example();
    let bytes = std::fs::read(&path).unwrap();
    let b = fresh(&path);
    cache::write(cache_dir.path(), &path, bytes.clone(), &b, &[]);
    let file = entry(cache_dir.path());
    let good = std::fs::read(&file).unwrap();
    assert!(cache::read(cache_dir.path(), &path, &bytes).is_some());
    // The same 300 edits every run.
    let mut next = seeded(0x2545_f491_4f6c_dd1d);
    for round in 0..300 {
        let mut bad = good.clone();
        match round % 4 {
            0 => {
                for _ in 0..=next(4) {
                    let i = next(bad.len());
                    bad[i] ^= 1 << next(8);
                }
            }
            1 => bad.truncate(next(bad.len())),
            2 => bad.extend((0..=next(64)).map(|_| next(256) as u8)),
            _ => {
                // The model changed and an unkeyed checksum (the old
                // format's) written over the last bytes.
                let i = 40 + next(bad.len() - 56);
                bad[i] = bad[i].wrapping_add(1);
                let n = bad.len() - 16;
                let mut h = rustc_hash::FxHasher::default();
                std::hash::Hasher::write(&mut h, &bad[..n]);
                let sum = std::hash::Hasher::finish(&h).to_le_bytes();
                bad[n..n + 8].copy_from_slice(&sum);
            }
        }
        if bad == good {
            continue;
        }
        std::fs::write(&file, &bad).unwrap();
        assert!(
            cache::read(cache_dir.path(), &path, &bytes).is_none(),
            "edit {round} was decoded"
        );
    }
    // Another folder's key does not open this folder's entries either.
    std::fs::write(&file, &good).unwrap();
    std::fs::write(cache_dir.path().join("key"), [7u8; 16]).unwrap();
    assert!(cache::read(cache_dir.path(), &path, &bytes).is_none());
}

/// A large entry is mapped, not read: the same model comes back, and an
/// entry edited on disk — bytes flipped, cut or lengthened — is never
/// decoded from the mapping either.
#[test]
fn a_large_entry_is_mapped_and_never_decoded_once_edited() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, brief::synth::briefing_yaml(3000)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let b = fresh(&path);
    cache::write(cache_dir.path(), &path, bytes.clone(), &b, &[]);
    let file = entry(cache_dir.path());
    let good = std::fs::read(&file).unwrap();
    assert!(good.len() >= 256 * 1024, "{} bytes: mapped", good.len());
    let back = cache::read(cache_dir.path(), &path, &bytes).expect("a hit");
    assert_eq!(shape(&back), shape(&b));
    let mut next = seeded(0x9e37_79b9_7f4a_7c15);
    for round in 0..30 {
        let mut bad = good.clone();
        match round % 3 {
            0 => {
                let i = next(bad.len());
                bad[i] ^= 1 << next(8);
            }
            1 => bad.truncate(next(bad.len())),
            _ => bad.extend((0..=next(64)).map(|_| next(256) as u8)),
        }
        std::fs::write(&file, &bad).unwrap();
        assert!(
            cache::read(cache_dir.path(), &path, &bytes).is_none(),
            "edit {round} was decoded"
        );
    }
}

/// What decides a hit is the file's hash, read a piece at a time: a file
/// changed in place under its old size and time of last write (which an
/// entry's header holds, to pass over stale entries quickly) is loaded
/// afresh, never served the old version's model.
#[test]
fn a_file_changed_under_its_old_stamp_is_loaded_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let cache_home = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.yaml");
    let text = brief::synth::briefing_yaml(2000);
    std::fs::write(&f, &text).unwrap();
    let print = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("print")
            .args(extra)
            .arg(&f)
            .env("XDG_CACHE_HOME", cache_home.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let first = print(&[]);
    assert_eq!(print(&[]), first, "read back from the entry");
    let stamp = std::fs::metadata(&f).unwrap().modified().unwrap();
    let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    let same_size = format!("title: {}", "Z".repeat(title.len() - 7));
    std::fs::write(&f, text.replacen(title, &same_size, 1)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(stamp)
        .unwrap();
    assert_eq!(std::fs::metadata(&f).unwrap().modified().unwrap(), stamp);
    let after = print(&[]);
    assert!(after.contains(&same_size[7..]), "the change shows");
    assert_eq!(after, print(&["--no-cache"]));
}

/// A cache folder that is a link, or that others may write in, is not
/// used, and brief says why.
#[test]
fn an_unsafe_cache_folder_is_not_used_and_brief_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, brief::synth::briefing_yaml(2000)).unwrap();
    assert!(std::fs::metadata(&big).unwrap().len() > 256 * 1024);
    let run = |home: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["check", big.to_str().unwrap()])
            .env("XDG_CACHE_HOME", home)
            .env_remove("BRIEF_CACHE")
            .output()
            .unwrap()
    };
    // Others may write in it.
    let open = tempfile::tempdir().unwrap();
    std::fs::create_dir(open.path().join("brief")).unwrap();
    std::fs::set_permissions(
        open.path().join("brief"),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    let o = run(open.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not used: others may write in it"), "{err}");
    assert_eq!(
        std::fs::read_dir(open.path().join("brief"))
            .unwrap()
            .count(),
        0
    );
    // A link to a folder elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let linked = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), linked.path().join("brief")).unwrap();
    let o = run(linked.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not used: it is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    // A private folder is used (the entry and its key are written).
    let private = tempfile::tempdir().unwrap();
    let o = run(private.path());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("not used"));
    assert!(private.path().join("brief/key").exists());
}

/// Even an entry sealed with the folder's own key (made by someone who can
/// read it) is held to what a fresh load gives: a string a load would have
/// cleaned — an escape sequence, a bidi override — and it is not used.
#[test]
fn a_sealed_entry_with_text_a_load_would_clean_is_not_used() {
    let cache_dir = tempfile::tempdir().unwrap();
    let (_dir, path) = example();
    let bytes = std::fs::read(&path).unwrap();
    for bad in ["\u{1b}]52;c;ZWNobyBoaQ==\u{7}", "Pak\u{202e}istan", "a\rb"] {
        let mut b = fresh(&path);
        b.actors[0].name = format!("Pakistan {bad}").into();
        cache::write(cache_dir.path(), &path, bytes.clone(), &b, &[]);
        assert!(
            cache::read(cache_dir.path(), &path, &bytes).is_none(),
            "{bad:?} was decoded"
        );
    }
    // The same entry with clean text is used.
    cache::write(cache_dir.path(), &path, bytes.clone(), &fresh(&path), &[]);
    assert!(cache::read(cache_dir.path(), &path, &bytes).is_some());
}

/// Each diagnostic as `brief check` prints it, and as JSON.
fn said(d: &[brief::briefing::Diagnostic]) -> String {
    d.iter()
        .map(|d| format!("{}\n{}", d.render(false), serde_json::to_string(d).unwrap()))
        .collect()
}

#[test]
fn a_file_with_warnings_reopens_with_the_same_warnings() {
    let cache_dir = tempfile::tempdir().unwrap();
    let mut files = yaml_in(&["briefs", "tests/fixtures/check"]);
    // With markings, and with a source text whose quotes draw warnings.
    let (_d, marked) = example();
    std::fs::write(&marked, crate::common::marked_example()).unwrap();
    let (_e, quoted) = example();
    let text = std::fs::read_to_string(&quoted).unwrap();
    std::fs::write(
        &quoted,
        text.replacen("locator: \"¶11\", quote", "locator: \"¶10\", quote", 1),
    )
    .unwrap();
    files.extend([marked, quoted]);
    let mut with_warnings = 0;
    for path in files {
        let report = load_file(&path).unwrap();
        let Some(b) = &report.briefing else { continue };
        let bytes = std::fs::read(&path).unwrap();
        cache::write(
            cache_dir.path(),
            &path,
            bytes.clone(),
            b,
            &report.diagnostics,
        );
        let entry = cache::find(cache_dir.path(), &path, &bytes)
            .unwrap_or_else(|| panic!("{} was not cached", path.display()));
        let (mut c, warnings) = entry.decode(&report.file).unwrap();
        c.path = path.clone();
        assert_eq!(shape(&c), shape(b), "{}", path.display());
        assert_eq!(
            said(&warnings),
            said(&report.diagnostics),
            "{}",
            path.display()
        );
        with_warnings += !warnings.is_empty() as usize;
    }
    assert!(with_warnings >= 4, "{with_warnings}");
}

#[test]
fn a_large_file_with_a_warning_is_reopened_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.yaml");
    // One warning: an unused source.
    let text = brief::synth::briefing_yaml(2_000) + "  - id: never-cited\n    title: Never cited\n";
    std::fs::write(&f, &text).unwrap();
    let run = || {
        let o = std::process::Command::new(crate::common::brief_bin())
            .args(["check", "--format", "json"])
            .arg(&f)
            .env("XDG_CACHE_HOME", home.path())
            .env_remove("BRIEF_CACHE")
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let first = run();
    assert!(first.contains("\"warnings\": 1"), "{first}");
    let entries = std::fs::read_dir(home.path().join("brief"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "bin")
        })
        .count();
    assert_eq!(entries, 1, "the file with a warning is cached");
    assert_eq!(run(), first, "reopened from the cache, it says the same");
}

/// The reader on `f`, with the cache in `home`.
fn reader_on(f: &Path, home: &Path) -> crate::common::Pty {
    crate::common::Pty::spawn_env(
        crate::common::brief_bin(),
        &[f.to_str().unwrap()],
        100,
        30,
        &[
            ("XDG_CACHE_HOME", home.to_str().unwrap()),
            ("BRIEF_CACHE", "on"),
        ],
    )
}

/// The reader's first frame once all of it is written: its top and its
/// last row (on a busy machine a frame can be read half written, and two
/// halves compare unequal).
fn whole_frame(t: &mut crate::common::Pty) -> String {
    t.wait_until("the whole first frame", |s| {
        s.contains("Overview") && s.contains("q quit")
    })
}

/// The entries in the cache in `home`.
fn entries_in(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("brief")).map_or(Vec::new(), |d| {
        d.map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "bin"))
            .collect()
    })
}

/// Waits, with a generous deadline, for the reader's first entry in `home`:
/// it is written off the screen's thread once the frame is drawn.
fn first_entry(home: &Path) -> Vec<PathBuf> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    while entries_in(home).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    entries_in(home)
}

/// The reader writes a large file's cache entry after its first frame
/// (never in front of it), and the next open reads it.
#[test]
fn the_reader_writes_the_entry_after_its_first_frame() {
    let dir = crate::common::private_dir();
    let home = crate::common::private_dir();
    let f = dir.path().join("big.yaml");
    std::fs::write(&f, brief::synth::briefing_yaml(2000)).unwrap();
    let mut t = reader_on(&f, home.path());
    t.wait_for("Overview");
    assert_eq!(
        first_entry(home.path()).len(),
        1,
        "the entry, after the frame"
    );
    t.send("q");
    t.wait_exit();
    // Opened again: from the entry, the same screen.
    let mut t = reader_on(&f, home.path());
    t.wait_for("Overview");
    t.send("q");
    t.wait_exit();
    assert_eq!(entries_in(home.path()).len(), 1);
}

/// An entry is read only by a build whose model is stored the same way:
/// a change to a type the cache stores (a field, a type, the id table)
/// comes with a new `cache::MODEL_SHAPE`, which names every entry, or an
/// older entry would be decoded into the new shape. The stored model of a
/// fixture that fills most fields is pinned here with the shape's name.
#[test]
fn a_new_shape_of_the_model_comes_with_a_new_cache_name() {
    use std::hash::Hasher;
    let path = Path::new("tests/fixtures/model-shape/every-field.yaml");
    let b = load_file(path).unwrap().briefing.unwrap();
    let bytes = cache::stored_model(&b).unwrap();
    let mut h = siphasher::sip::SipHasher13::new();
    h.write(&bytes);
    let pinned = (cache::MODEL_SHAPE, bytes.len(), h.finish());
    assert_eq!(
        pinned,
        ("model 5: the timeline in parts", 4660, 5931427679841836202),
        "the stored model changed: if its shape changed, give cache::MODEL_SHAPE a new \
         name; then pin the new name, length and hash here"
    );
}

/// The reader keeps a small briefing in the cache too (its first frame
/// waits for the load): the next open reads the entry and shows the same
/// screen, and once the article its quotes cite changes, the file is
/// checked afresh. `brief check` leaves a small file out of the cache.
#[test]
fn the_reader_reopens_a_small_briefing_from_the_cache_until_its_sources_change() {
    let dir = crate::common::private_dir();
    let home = crate::common::private_dir();
    let f = dir.path().join("b.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/pakistan-afghanistan-ttp.yaml"),
        &f,
    )
    .unwrap();
    crate::common::copy_sources(dir.path());
    assert!(std::fs::metadata(&f).unwrap().len() < brief::briefing::load::CACHE_FROM as u64);
    let o = std::process::Command::new(crate::common::brief_bin())
        .arg("check")
        .arg(&f)
        .env("XDG_CACHE_HOME", home.path())
        .env("BRIEF_CACHE", "on")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        entries_in(home.path()).is_empty(),
        "check keeps no entry for a small file"
    );

    let mut t = reader_on(&f, home.path());
    let first = whole_frame(&mut t);
    let kept = first_entry(home.path());
    t.send("q");
    t.wait_exit();
    assert_eq!(kept.len(), 1, "the reader kept the small file");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "only its owner may read the entry");

    // A hit touches its entry (eviction takes the least recently used)
    // where a miss would write a new one in its place: dated back, the
    // same file shows the next open read it.
    use std::os::unix::fs::MetadataExt;
    let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    let touched = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let inode = std::fs::metadata(&kept[0]).unwrap().ino();
    std::fs::File::options()
        .append(true)
        .open(&kept[0])
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let mut t = reader_on(&f, home.path());
    let again = whole_frame(&mut t);
    t.send("q");
    t.wait_exit();
    assert!(touched(&kept[0]) > long_ago, "reopened from the entry");
    assert_eq!(std::fs::metadata(&kept[0]).unwrap().ino(), inode);
    assert_eq!(again, first, "the same screen from the cache");

    // The article no longer holds a quote's words: not the stale entry,
    // but the file checked again, which now does not load.
    crate::common::drop_quoted_words(dir.path());
    let mut t = reader_on(&f, home.path());
    t.wait_for("does not load yet");
    t.send("q");
    t.wait_exit();
}

/// A full cache makes room for a new entry by evicting the one used least
/// recently: an entry just read stays, however old it is.
#[test]
fn a_full_cache_evicts_the_entry_used_least_recently() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let text = "title: Small\n";
    let n = cache::MAX_ENTRIES;
    let files: Vec<PathBuf> = (0..=n)
        .map(|i| {
            let f = dir.path().join(format!("b{i}.yaml"));
            std::fs::write(&f, text).unwrap();
            f
        })
        .collect();
    let b = fresh(&files[0]);
    let entries = || -> Vec<PathBuf> {
        std::fs::read_dir(&cache_dir).map_or(Vec::new(), |d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "bin"))
                .collect()
        })
    };
    // Written one after another, each dated a second after the last (the
    // clock may give several writes the same time).
    let start = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    for (i, f) in files[..n].iter().enumerate() {
        let before = entries();
        cache::write(&cache_dir, f, text.into(), &b, &[]);
        let new = (entries().into_iter())
            .find(|e| !before.contains(e))
            .expect("a new entry");
        std::fs::File::options()
            .append(true)
            .open(&new)
            .unwrap()
            .set_modified(start + std::time::Duration::from_secs(i as u64))
            .unwrap();
    }
    assert_eq!(entries().len(), n, "full, nothing evicted yet");
    let cached = |f: &Path| cache::read(&cache_dir, f, text.as_bytes()).is_some();
    // The oldest, read: now the most recently used.
    assert!(cached(&files[0]));
    cache::write(&cache_dir, &files[n], text.into(), &b, &[]);
    assert_eq!(entries().len(), n, "one in, one out");
    assert!(cached(&files[n]), "the new entry");
    assert!(cached(&files[0]), "the entry just read stays");
    assert!(!cached(&files[1]), "the least recently used went");
    assert!(files[2..n].iter().all(|f| cached(f)), "the rest stay");
}

/// A source text saved after the load read it, before the entry is written
/// (the reader writes it after its first frame): no entry is written, as
/// it would pair the model made from the old text with the new one.
#[test]
fn a_source_text_saved_after_the_load_is_never_paired_with_its_model() {
    let (_d, path) = example();
    let bytes = std::fs::read(&path).unwrap();
    let text = path
        .parent()
        .unwrap()
        .join("sources/pakistan-afghanistan-ttp.txt");
    for saved in [false, true] {
        let home = tempfile::tempdir().unwrap();
        let cache_dir = home.path().join("brief");
        let b = load_file(&path).unwrap().briefing.unwrap();
        if saved {
            let mut t = std::fs::read_to_string(&text).unwrap();
            t.push_str("\nA paragraph saved while the reader drew its first frame.\n");
            std::fs::write(&text, t).unwrap();
        }
        cache::write(&cache_dir, &path, bytes.clone(), &b, &[]);
        let entries = entries_in(home.path()).len();
        assert_eq!(entries, usize::from(!saved), "saved {saved}");
        assert_eq!(
            cache::read(&cache_dir, &path, &bytes).is_some(),
            !saved,
            "saved {saved}"
        );
    }
}
