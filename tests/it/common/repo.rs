//! A git repository in a temp folder whose history a test makes commit by
//! commit through gix (no `git` command), for `--since REV`.

use std::path::PathBuf;

/// A repository in a temp folder whose history is made commit by commit.
pub struct Repo {
    pub dir: tempfile::TempDir,
    repo: gix::Repository,
    head: Option<gix::ObjectId>,
    /// Seconds of the next commit's time: a day apart each.
    time: i64,
}

impl Repo {
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        super::copy_sources(dir.path());
        let repo = gix::init(dir.path()).unwrap();
        Repo {
            dir,
            repo,
            head: None,
            time: 1_795_000_000,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `files` to the working tree and commits them (with every
    /// file committed before) as the next commit on HEAD.
    pub fn commit(&mut self, message: &str, files: &[(&str, &str)]) {
        for (name, text) in files {
            std::fs::write(self.path(name), text).unwrap();
        }
        use gix::objs::tree::{Entry, EntryKind};
        let mut entries: Vec<Entry> = Vec::new();
        for e in std::fs::read_dir(self.dir.path()).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().to_string();
            if !e.file_type().unwrap().is_file() {
                continue;
            }
            let blob = self
                .repo
                .write_blob(std::fs::read(e.path()).unwrap())
                .unwrap()
                .detach();
            entries.push(Entry {
                mode: EntryKind::Blob.into(),
                filename: name.into(),
                oid: blob,
            });
        }
        entries.sort_by(|a, b| a.filename.cmp(&b.filename));
        let tree = self
            .repo
            .write_object(gix::objs::Tree { entries })
            .unwrap()
            .detach();
        let time = format!("{} +0000", self.time);
        self.time += 86_400;
        let sig = gix::actor::SignatureRef {
            name: "Analyst".into(),
            email: "analyst@example.org".into(),
            time: &time,
        };
        let id = self
            .repo
            .commit_as(sig, sig, "HEAD", message, tree, self.head)
            .unwrap()
            .detach();
        self.head = Some(id);
    }
}
