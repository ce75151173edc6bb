//! References into other briefings: `other.yaml#id`, the path relative to
//! the referring file. Each other file is read once per check, shallowly
//! (its ids, kinds and names), so briefings may link to each other in a
//! cycle.

use super::model::Kind;
use super::raw::{self, Val};
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

/// A reference to an item of another briefing, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalRef {
    /// Where it is listed in the reader's detail ("Actors", "Mentions"…).
    pub section: &'static str,
    /// The other file, canonical.
    pub file: PathBuf,
    /// The file as written in the reference.
    pub written: String,
    pub id: String,
    pub kind: Kind,
    pub name: String,
}

/// Each item's kind and name, and whether `--tlp` withholds it.
type Index = HashMap<String, (Kind, String, bool)>;

/// The other files read so far, by canonical path.
#[derive(Default)]
pub struct Externals {
    files: HashMap<PathBuf, Indexed>,
}

type Indexed = std::sync::Arc<Result<Index, String>>;

/// Every linked file indexed in this run, by path, size and modification
/// time: 200 briefings that cite one shared file of sources read it once,
/// and a changed file is read again.
static SEEN: std::sync::Mutex<Option<HashMap<PathBuf, Stamped>>> = std::sync::Mutex::new(None);

/// An index with the size and modification time of the file it came from.
type Stamped = (u64, Option<std::time::SystemTime>, Indexed);

fn indexed(canon: &Path) -> Indexed {
    let stamp = std::fs::metadata(canon)
        .map(|m| (m.len(), m.modified().ok()))
        .unwrap_or((0, None));
    if let Ok(seen) = SEEN.lock()
        && let Some((len, time, idx)) = seen.as_ref().and_then(|m| m.get(canon))
        && (*len, *time) == stamp
        && stamp.1.is_some()
    {
        return idx.clone();
    }
    let idx: Indexed = std::sync::Arc::new((|| {
        let bytes =
            super::read::regular_file(canon, super::MAX_BYTES).map_err(|e| format!("it {e}"))?;
        let text_ = String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
        index_of(&text_)
    })());
    if let Ok(mut seen) = SEEN.lock() {
        seen.get_or_insert_with(HashMap::default)
            .insert(canon.to_path_buf(), (stamp.0, stamp.1, idx.clone()));
    }
    idx
}

/// Splits `file.yaml#id`; `None` for a plain id.
pub fn split(reference: &str) -> Option<(&str, &str)> {
    // Byte by byte: an id is a few bytes, shorter than the char search's
    // set-up (every reference of a briefing asks).
    let at = reference.bytes().position(|b| b == b'#')?;
    Some((&reference[..at], &reference[at + 1..]))
}

fn text(v: &Option<Val<String>>) -> Option<String> {
    match v {
        Some(Val::Ok(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

fn items<T>(v: &Option<raw::List<T>>) -> impl Iterator<Item = &T> {
    let list = match v {
        Some(Val::Ok(list)) => list.as_slice(),
        _ => &[],
    };
    list.iter().filter_map(|x| x.as_ok())
}

fn index_of(text_: &str) -> Result<Index, String> {
    if !super::load::looks_like_briefing(text_) {
        return Err("it is not a briefing".into());
    }
    let r = match raw::parse(text_) {
        Ok(Val::Ok(r)) => r,
        Ok(_) => return Err("it is not a briefing (its top level is not a mapping)".into()),
        // Its own words are not quoted: the file may not be a briefing at all.
        Err(e) => {
            return Err(match e.location() {
                Some(l) => format!(
                    "it is not a readable briefing (a YAML error at line {})",
                    l.line()
                ),
                None => "it is not a readable briefing".into(),
            });
        }
    };
    // `--tlp`: what the audience may not see is only ever "[withheld]".
    let gone = match super::marking::level().map(|l| super::marking::withheld_ids(&r, l)) {
        Some(Err(_)) => None,
        Some(Ok(g)) => Some(g),
        None => Some(Default::default()),
    };
    let mut idx = Index::default();
    let mut idx = scope(&mut idx, gone);
    for a in items(&r.actors) {
        if let Some(id) = text(&a.id) {
            idx.insert(id.clone(), (Kind::Actor, text(&a.name).unwrap_or(id)));
        }
    }
    for x in items(&r.issues) {
        if let Some(id) = text(&x.id) {
            idx.insert(id.clone(), (Kind::Issue, text(&x.title).unwrap_or(id)));
        }
    }
    for p in items(&r.positions) {
        let id =
            text(&p.id).or_else(|| Some(format!("{}-on-{}", text(&p.actor)?, text(&p.issue)?)));
        if let Some(id) = id {
            idx.insert(id.clone(), (Kind::Position, text(&p.stance).unwrap_or(id)));
        }
    }
    for e in items(&r.timeline) {
        if let Some(id) = text(&e.id) {
            idx.insert(id.clone(), (Kind::Event, text(&e.title).unwrap_or(id)));
        }
    }
    for s in items(&r.sources) {
        if let Some(id) = text(&s.id) {
            idx.insert(id.clone(), (Kind::Source, text(&s.title).unwrap_or(id)));
        }
    }
    Ok(std::mem::take(idx.0))
}

/// An index that names every withheld item (all of them when the whole
/// file is above the audience) `[withheld]`.
struct Scoped<'a>(&'a mut Index, Option<rustc_hash::FxHashSet<String>>);

fn scope(idx: &mut Index, gone: Option<rustc_hash::FxHashSet<String>>) -> Scoped<'_> {
    Scoped(idx, gone)
}

impl Scoped<'_> {
    fn insert(&mut self, id: String, (kind, name): (Kind, String)) {
        let hidden = self.1.as_ref().is_none_or(|g| g.contains(&id));
        let name = if hidden {
            "[withheld]".to_string()
        } else {
            name
        };
        self.0.insert(id, (kind, name, hidden));
    }
}

/// What resolving a reference found.
pub enum Found {
    Item(Kind, String, PathBuf),
    NoFile(String),
    Broken(String),
    NoId(Vec<String>),
}

impl Externals {
    /// Looks `file#id` up, relative to the folder of `from`.
    pub fn resolve(&mut self, from: &Path, file: &str, id: &str) -> Found {
        let dir = from.parent().unwrap_or(Path::new("."));
        let path = dir.join(file);
        let Ok(canon) = std::fs::canonicalize(&path) else {
            return Found::NoFile(crate::briefing::sanitize::path(&path));
        };
        let entry = self
            .files
            .entry(canon.clone())
            .or_insert_with(|| indexed(&canon));
        match entry.as_ref() {
            Err(e) => Found::Broken(e.clone()),
            Ok(idx) => match idx.get(id) {
                Some((kind, name, _)) => {
                    Found::Item(*kind, super::sanitize::clean(name.clone()), canon)
                }
                // A withheld id is never offered as "did you mean".
                None => Found::NoId(
                    idx.iter()
                        .filter(|(_, (_, _, hidden))| !hidden)
                        .map(|(k, _)| k.clone())
                        .collect(),
                ),
            },
        }
    }
}

/// Whether `--tlp` withholds the item `file#id` named from the briefing at
/// `from`: marked above the audience in its own file, or in a file that is
/// above the audience whole.
pub fn withheld(from: &Path, reference: &str) -> bool {
    let Some((file, id)) = split(reference) else {
        return false;
    };
    let dir = from.parent().unwrap_or(Path::new("."));
    let Ok(canon) = std::fs::canonicalize(dir.join(file.trim())) else {
        return false;
    };
    match indexed(&canon).as_ref() {
        Ok(idx) => idx.get(id.trim()).is_some_and(|(_, _, hidden)| *hidden),
        Err(_) => false,
    }
}
