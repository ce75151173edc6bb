//! Raw structs → the validated model, collecting every problem on the way.

use super::date::{self, Date};
use super::evidence::{self, SourceText};
use super::external::{ExternalRef, Externals, Found, split};
use super::ids::{self, Clash, Ids};
use super::marking::Tlp;
use super::model::*;
use super::problem::{Loc, Name, Path, Point, Problem, Seg, Severity, Shape, Words, nearest};
use super::raw::{self, Extra, Val};
use super::sanitize::clean_str;
use super::text::{self, Inline, Text};
use rustc_hash::FxHashMap as HashMap;

/// A path built on the stack as validation walks the file; it becomes a
/// heap `Vec<Seg>` only when a problem is reported, so the clean path
/// allocates nothing for it.
#[derive(Clone, Copy)]
struct P<'a> {
    parent: Option<&'a P<'a>>,
    seg: SegRef,
}

/// A key of the path is one of the format's own words (a key from the
/// file is never a segment here): kept as it is, with no look-up.
#[derive(Clone, Copy)]
enum SegRef {
    Root,
    Key(&'static str),
    Index(usize),
}

const ROOT: P<'static> = P {
    parent: None,
    seg: SegRef::Root,
};

impl<'a> P<'a> {
    fn key(&'a self, k: &'static str) -> P<'a> {
        P {
            parent: Some(self),
            seg: SegRef::Key(k),
        }
    }
    fn index(&'a self, i: usize) -> P<'a> {
        P {
            parent: Some(self),
            seg: SegRef::Index(i),
        }
    }
    fn to_path(self) -> Path {
        self.with(None)
    }
    /// The path, and `last` after it.
    fn with(self, last: Option<Seg>) -> Path {
        let mut out = Path::new();
        self.write(&mut out);
        out.extend(last);
        out
    }
    /// Root first: a path is a few steps deep.
    fn write(&self, out: &mut Path) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.seg {
            SegRef::Root => {}
            SegRef::Key(k) => out.push_static_key(k),
            SegRef::Index(i) => out.push_index(i),
        }
    }
    fn last_key(&self) -> Option<&'static str> {
        let mut cur = Some(self);
        while let Some(p) = cur {
            if let SegRef::Key(k) = p.seg {
                return Some(k);
            }
            cur = p.parent;
        }
        None
    }
}

/// The path of an item in one of the top-level lists, or of its `id`.
fn item_loc(list: &str, i: usize, id: bool) -> Path {
    let path = Path::new().key(list).index(i);
    if id { path.key("id") } else { path }
}

fn key(path: &P, k: &str) -> Path {
    let mut out = path.to_path();
    out.push_key(k);
    out
}

/// "The keys here are: …", written once per kind of record for the whole
/// run (there are nine), so 50,000 unknown keys do not copy it 50,000 times.
fn keys_help(known: &'static [&'static str]) -> &'static str {
    type Made = Vec<(&'static [&'static str], &'static str)>;
    static MADE: std::sync::Mutex<Made> = std::sync::Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    // The same list is most often the same place in memory: compared by
    // address first, not key by key for each of 33,000 unknown keys.
    if let Some((_, h)) = made
        .iter()
        .find(|(k, _)| std::ptr::eq(*k, known) || *k == known)
    {
        return h;
    }
    let h: &'static str = Box::leak(
        format!(
            "the keys here are: {}; keys starting with `x-` are extensions and are ignored",
            known.join(", ")
        )
        .into_boxed_str(),
    );
    made.push((known, h));
    h
}

pub fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// Where an item is written: its list, its place in it, and whether its
/// id is written (a position's may be made from its actor and issue).
type Origin = (&'static str, usize, bool);

struct V {
    problems: Vec<Problem>,
    /// Where the problems are, kept as they are found.
    shape: Shape,
    /// Shared with the helpers that check the timeline on other cores.
    ids: std::sync::Arc<Ids>,
    /// The file being checked, for references into other briefings.
    from: std::path::PathBuf,
    ext: Externals,
    /// The item being validated, to which external references belong.
    item: Option<ItemRef>,
    externals: HashMap<ItemRef, Vec<ExternalRef>>,
    /// One-line fields that hold `[[links]]`: rendered once every item's
    /// name is known.
    lines: Vec<(Option<ItemRef>, Field, Text)>,
    /// Looked up by the id as it is, with no copy: past the last
    /// suggestion every dangling reference still asks.
    suggestions: hashbrown::HashTable<(Box<str>, Option<Kind>, Option<String>)>,
    unknown_keys: usize,
    /// Unknown keys that look like a misspelt field, by mapping: a field
    /// missing there is not reported again.
    misspelt: Vec<(Path, &'static str)>,
    /// Items checked so far, for the progress of a large load.
    begun: usize,
    /// Every id, for did-you-mean; built at the first misspelling.
    id_index: Option<crate::briefing::problem::WordIndex<Kind>>,
    /// Called at the first problem (places can be looked for from then).
    at_first: Option<Box<dyn FnOnce()>>,
}

const MAX_SUGGESTIONS: usize = 200;
/// Suggesting an id compares with every id: only for the first few dozen.
const MAX_ID_SUGGESTIONS: usize = 20;

/// The one-line fields that may hold `[[links]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Subtitle,
    Question,
    Stance,
    When,
    Location,
}

fn field_mut(b: &mut Briefing, item: Option<ItemRef>, f: Field) -> Option<&mut Str> {
    let Some(r) = item else {
        return match f {
            Field::Title => Some(&mut b.meta.title),
            Field::Subtitle => b.meta.subtitle.as_mut(),
            _ => None,
        };
    };
    let i = r.index;
    match (r.kind, f) {
        (Kind::Actor, Field::Title) => Some(&mut b.actors[i].name),
        (Kind::Issue, Field::Title) => Some(&mut b.issues[i].title),
        (Kind::Issue, Field::Question) => b.issues[i].question.as_mut(),
        (Kind::Position, Field::Stance) => Some(&mut b.positions[i].stance),
        (Kind::Event, Field::Title) => Some(&mut b.events[i].title),
        (Kind::Event, Field::When) => b.events[i].when.as_mut(),
        (Kind::Event, Field::Location) => b.events[i].location.as_mut(),
        (Kind::Actor, Field::Location) => b.actors[i].location.as_mut(),
        (Kind::Source, Field::Title) => Some(&mut b.sources[i].title),
        _ => None,
    }
}

/// Writes each one-line field's links as prose. Names go first, twice, so
/// a title that links to an item whose name links again reads cleanly.
fn render_lines(b: &mut Briefing, lines: &[(Option<ItemRef>, Field, Text)]) {
    let names = || {
        lines
            .iter()
            .filter(|(r, f, _)| r.is_some() && *f == Field::Title)
    };
    for _ in 0..2 {
        for (r, f, t) in names() {
            let s = b.text_line(t);
            if let Some(slot) = field_mut(b, *r, *f) {
                *slot = s.into();
            }
        }
    }
    for (r, f, t) in lines {
        let s = b.text_line(t);
        if let Some(slot) = field_mut(b, *r, *f) {
            *slot = s.into();
        }
    }
}

impl V {
    fn new(from: std::path::PathBuf, at_first: Option<Box<dyn FnOnce()>>) -> V {
        V {
            at_first,
            problems: Vec::new(),
            shape: Shape::default(),
            ids: Default::default(),
            from,
            ext: Externals::default(),
            item: None,
            externals: HashMap::default(),
            lines: Vec::new(),
            suggestions: Default::default(),
            unknown_keys: 0,
            misspelt: Vec::new(),
            begun: 0,
            id_index: None,
        }
    }

    /// Problems from here on belong to `r`.
    fn begin(&mut self, r: ItemRef) {
        self.item = Some(r);
        self.begun += 1;
        super::progress::checking(self.begun);
    }

    fn push(&mut self, p: Problem) {
        if let Some(f) = self.at_first.take() {
            f();
        }
        self.shape.add(&p);
        self.problems.push(p);
    }

    fn error(
        &mut self,
        code: &'static str,
        at: Loc,
        message: impl Into<Words>,
        label: impl Into<Name>,
        help: Option<impl Into<Words>>,
    ) {
        self.push(Problem {
            severity: Severity::Error,
            code,
            message: message.into(),
            at,
            label: label.into(),
            help: help.map(Into::into),
            also: Vec::new(),
            data: None,
        });
    }

    fn warn(&mut self, code: &'static str, at: Loc, message: String, help: &'static str) {
        self.push(Problem {
            severity: Severity::Warning,
            code,
            message: message.into(),
            at,
            label: Name::Borrowed(""),
            help: Some(help.into()),
            also: Vec::new(),
            data: None,
        });
    }

    fn wrong_type(&mut self, path: &P, expected: &str, found: &str) {
        let field = path.last_key().unwrap_or("the top level");
        let help = match (expected, found) {
            ("text", "a mapping") => Some(
                "a `: ` inside unquoted text starts a mapping: put the whole text in quotes"
                    .to_string(),
            ),
            ("a list", "text" | "a number") => Some(format!(
                "a list even of one is written in brackets, `{field}: [{}]`, or with `- ` before each item on the lines below",
                if field == "sources" {
                    "source-id"
                } else {
                    "…"
                }
            )),
            _ => None,
        };
        self.error(
            "wrong-type",
            Loc::value(path.to_path()),
            format!("`{field}` should be {expected}, found {found}"),
            format!("expected {expected}"),
            help,
        );
    }

    fn extra(&mut self, path: &P, extra: &Extra, known: &'static [&'static str]) {
        // Made once a mapping, not once a key.
        let mut listed: Option<&'static str> = None;
        for k in &extra.unknown {
            // Did-you-mean for the first few hundred only: past that they
            // are noise, and a file of 50,000 unknown keys stays linear.
            self.unknown_keys += 1;
            let guess = if self.unknown_keys <= MAX_SUGGESTIONS {
                nearest(k, known.iter().copied())
            } else {
                None
            };
            let help: Name = match guess {
                Some(s) => {
                    self.misspelt.push((path.to_path(), s));
                    format!(
                        "did you mean `{s}`? (keys starting with `x-` are extensions and are ignored)"
                    )
                    .into()
                }
                None => (*listed.get_or_insert_with(|| keys_help(known))).into(),
            };
            self.error(
                "unknown-field",
                Loc::key(key(path, k)),
                Words::unknown_field(k),
                "not a field here",
                Some(help),
            );
        }
        // One finding per key, however often it is repeated: it points at
        // the repeats itself.
        let mut seen = rustc_hash::FxHashSet::default();
        for k in extra.duplicate.iter().filter(|k| seen.insert(k.as_str())) {
            self.error(
                "duplicate-key",
                Loc {
                    path: key(path, k),
                    point: Point::EveryKey,
                },
                format!("`{k}` is given more than once in this mapping"),
                "given again here",
                Some("keep one of them: YAML does not allow the same key twice"),
            );
        }
    }

    /// Optional text: absent, `~` or empty is `None`.
    fn opt(&mut self, v: &Option<Val<String>>, path: &P, k: &'static str) -> Option<Str> {
        match v {
            Some(Val::Ok(s)) if !s.trim().is_empty() => Some(clean_str(s)),
            Some(Val::Wrong(found)) => {
                self.wrong_type(&path.key(k), "text", found);
                None
            }
            _ => None,
        }
    }

    /// A one-line field: text whose `[[links]]` are checked like any text's
    /// and shown as prose, and followable from the item's detail.
    fn line(
        &mut self,
        v: &Option<Val<String>>,
        path: &P,
        k: &'static str,
        f: Field,
    ) -> Option<Str> {
        let s = self.opt(v, path, k)?;
        if s.contains("[[") {
            let mut t = text::parse(&s);
            if t.links().next().is_some() {
                self.resolve_text(&mut t, &path.key(k));
                self.lines.push((self.item, f, t));
            }
        }
        Some(s)
    }

    /// `location`: a place's name, or `{name, lat, lon}` with its
    /// coordinates in degrees (latitude −90…90, longitude −180…180).
    fn place(
        &mut self,
        v: &Option<Val<raw::Place>>,
        path: &P,
    ) -> (Option<Str>, Option<(f64, f64)>) {
        let k = "location";
        match v {
            None | Some(Val::Null) => (None, None),
            Some(Val::Wrong(found)) => {
                self.wrong_type(&path.key(k), "a place's name or {name, lat, lon}", found);
                (None, None)
            }
            Some(Val::Ok(pl)) if pl.extra.scalar => {
                (self.line(&pl.name, path, k, Field::Location), None)
            }
            Some(Val::Ok(pl)) => {
                let lp = path.key(k);
                self.extra(&lp, &pl.extra, raw::Place::KEYS);
                let name =
                    self.req_line(&pl.name, &lp, "name", "the place's name", Field::Location);
                let lat = self.degrees(&pl.lat, &lp, "lat", 90.0);
                let lon = self.degrees(&pl.lon, &lp, "lon", 180.0);
                (name, lat.zip(lon))
            }
        }
    }

    /// A latitude or longitude: a number within ±`limit` degrees.
    fn degrees(
        &mut self,
        v: &Option<Val<String>>,
        path: &P,
        k: &'static str,
        limit: f64,
    ) -> Option<f64> {
        // `lat: ~` is no coordinate either: both are needed, as numbers.
        if matches!(v, None | Some(Val::Null)) {
            self.missing(v, path, k, "degrees, e.g. 43.8");
            return None;
        }
        let s = self.opt(v, path, k)?;
        let n = s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
        match n {
            Some(n) if n.abs() <= limit => Some(n),
            _ => {
                let what = if k == "lat" {
                    "a latitude"
                } else {
                    "a longitude"
                };
                self.error(
                    "bad-value",
                    Loc::value(key(path, k)),
                    format!(
                        "`{}` is not {what}: degrees from −{limit} to {limit}",
                        super::sanitize::clip(&s, 40)
                    ),
                    if n.is_some() { "out of range" } else { "not a number" },
                    Some(format!(
                        "write decimal degrees, north and east positive (Urumqi is lat 43.8, lon 87.6); `{k}` must be within ±{limit}"
                    )),
                );
                None
            }
        }
    }

    fn req_line(
        &mut self,
        v: &Option<Val<String>>,
        path: &P,
        k: &'static str,
        what: &str,
        f: Field,
    ) -> Option<Str> {
        let out = self.line(v, path, k, f);
        if out.is_none() {
            self.missing(v, path, k, what);
        }
        out
    }

    fn req(
        &mut self,
        v: &Option<Val<String>>,
        path: &P,
        k: &'static str,
        what: &str,
    ) -> Option<Str> {
        let out = self.opt(v, path, k);
        if out.is_none() {
            self.missing(v, path, k, what);
        }
        out
    }

    /// Reports a required field that is absent or empty (a wrong type is
    /// reported where it is read).
    fn missing(&mut self, v: &Option<Val<String>>, path: &P, k: &str, what: &str) {
        // `titel:` is one mistake, said once: its did-you-mean names `title`.
        if v.is_none()
            && self
                .misspelt
                .iter()
                .any(|(p, m)| *m == k && *p == path.to_path())
        {
            return;
        }
        if !matches!(v, Some(Val::Wrong(_))) {
            let (loc, msg) = match v {
                Some(_) => (Loc::value(key(path, k)), format!("`{k}` is empty")),
                None => (
                    Loc::value(path.to_path()),
                    format!("missing required field `{k}`"),
                ),
            };
            self.error(
                "missing-field",
                loc,
                msg,
                format!("needs `{k}`"),
                Some(format!("add `{k}:` with {what}")),
            );
        }
    }

    fn date(&mut self, v: &Option<Val<String>>, path: &P, k: &'static str) -> Option<Date> {
        let s = self.opt(v, path, k)?;
        match date::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(
                    "bad-date",
                    Loc::value(key(path, k)),
                    format!(
                        "`{}` is not a valid date: {e}",
                        super::sanitize::clip(&s, 60)
                    ),
                    "not a date",
                    Some(format!(
                        "write {}; for a vague date like \"early April\" use `when:` on events",
                        date::ACCEPTED
                    )),
                );
                None
            }
        }
    }

    fn choice<T>(
        &mut self,
        v: &Option<Val<String>>,
        path: &P,
        k: &'static str,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Option<T> {
        let s = self.opt(v, path, k)?;
        let out = parse(s.trim());
        if out.is_none() {
            let mut help = format!("allowed: {}", names.join(", "));
            let lower = s.trim().to_lowercase();
            let near = SAME
                .iter()
                .find(|(w, n)| *w == lower && names.contains(n))
                .map(|(_, n)| *n);
            if let Some(n) = near.or_else(|| nearest(&lower, names.iter().copied())) {
                help = format!("did you mean `{n}`? {help}");
            }
            self.error(
                "bad-value",
                Loc::value(key(path, k)),
                format!(
                    "`{}` is not an allowed value for `{k}`",
                    super::sanitize::clip(&s, 40)
                ),
                "not allowed here",
                Some(help),
            );
        }
        out
    }

    /// The likelihood words of one judgment's text at `path`, by ICD 203:
    /// one band a sentence, kept apart from confidence, and (with the
    /// judgment's `confidence` and no `rationale`) not "almost certainly"
    /// held with low confidence nor "a remote chance" with high.
    /// `likelihood:` held to the words of the text it qualifies.
    fn likelihood_field(&mut self, field: Option<Likelihood>, text: &str, at: Path, what: &str) {
        if let (Some(field), Some(words)) = (field, evidence::likelihood::band(text))
            && field as usize != words
        {
            self.warn(
                "likelihood-field-mismatch",
                Loc::value(at),
                format!(
                    "`likelihood: {}`, but the {what} says “{}”",
                    field.as_str(),
                    evidence::likelihood::BANDS[words].0
                ),
                "make the words and the field say one likelihood",
            );
        }
    }

    fn likelihood(
        &mut self,
        text: Option<&str>,
        path: Path,
        confidence: Option<Confidence>,
        rationale: bool,
    ) {
        let Some(text) = text else { return };
        for (code, message, help) in evidence::likelihood::problems(text) {
            self.warn(code, Loc::value(path.clone()), message, help);
        }
        let stark = match (evidence::likelihood::band(text), confidence) {
            (Some(6), Some(Confidence::Low)) => Some(("almost certain", "low")),
            (Some(0), Some(Confidence::High)) => Some(("almost no chance", "high")),
            _ => None,
        };
        if let Some((band, conf)) = stark
            && !rationale
        {
            self.warn(
                "likelihood-confidence-mismatch",
                Loc::value(path),
                format!("a judgment of “{band}” held with `confidence: {conf}`, and no `rationale` says why"),
                "give the `rationale` that reconciles them, or check the words against the confidence",
            );
        }
    }

    /// A `marking:` read by the one rule withholding reads it by
    /// ([`super::marking::read_marking`]): what is checked is what `--tlp`
    /// will see, never a cleaned copy.
    fn tlp(&mut self, v: &Option<Val<String>>, path: &P) -> Option<Tlp> {
        match super::marking::read_marking(v) {
            Ok(t) => t,
            Err(super::marking::NotALevel) => {
                let Some(Val::Ok(s)) = v else {
                    return self.choice(v, path, "marking", Tlp::parse, Tlp::NAMES);
                };
                let odd: Vec<String> = s
                    .trim_matches([' ', '\t', '\n'])
                    .chars()
                    .filter(|c| !c.is_ascii_graphic())
                    .map(|c| format!("U+{:04X}", c as u32))
                    .collect();
                if odd.is_empty() {
                    return self.choice(v, path, "marking", Tlp::parse, Tlp::NAMES);
                }
                let shown = s.escape_default().to_string();
                self.error(
                    "bad-value",
                    Loc::value(key(path, "marking")),
                    format!(
                        "`{shown}` is not a TLP marking: it holds {}, a character no TLP label has",
                        odd.join(", ")
                    ),
                    "not a TLP level",
                    Some(format!(
                        "write the level in plain letters, e.g. `TLP:RED`; allowed: {}",
                        Tlp::NAMES.join(", ")
                    )),
                );
                None
            }
        }
    }

    fn text(&mut self, v: &Option<Val<String>>, path: &P, k: &'static str) -> Text {
        match self.opt(v, path, k) {
            Some(s) => {
                let mut t = text::parse_owned(s);
                self.resolve_text(&mut t, &path.key(k));
                t
            }
            None => Text::default(),
        }
    }

    fn resolve_text(&mut self, t: &mut Text, path: &P) {
        for l in t.links_mut() {
            if let Inline::Link(link) = l {
                let text::Link { id, target, label } = &mut **link;
                let at = || Loc {
                    path: path.to_path(),
                    point: Point::Needle(format!("[[{id}")),
                };
                if split(id).is_some() {
                    if let Some(e) = self.external(id, None, "Mentions", at) {
                        label.get_or_insert_with(|| e.name.as_str().into());
                    }
                } else {
                    *target = self.lookup(id, None, at);
                }
            }
        }
    }

    /// Resolves `file.yaml#id` and records it on the current item.
    fn external(
        &mut self,
        reference: &str,
        want: Option<Kind>,
        section: &'static str,
        at: impl FnOnce() -> Loc,
    ) -> Option<ExternalRef> {
        let (file, id) = split(reference)?;
        let (file, id) = (file.trim(), id.trim());
        let what = want.map_or("item", |w| w.noun());
        match self.ext.resolve(&self.from, file, id) {
            Found::NoFile(path) => {
                self.error(
                    "dangling-reference",
                    at(),
                    format!("no briefing file `{file}` (looked for {path})"),
                    "file not found",
                    Some("the path is relative to this file's folder"),
                );
                None
            }
            Found::Broken(why) => {
                self.error(
                    "dangling-reference",
                    at(),
                    format!("`{file}` cannot be read for links: {why}"),
                    "unreadable briefing",
                    Some(format!("run `brief check {file}` and fix it first")),
                );
                None
            }
            Found::NoId(ids) => {
                let help = nearest(id, ids.iter().map(|s| s.as_str()))
                    .map(|n| format!("did you mean `{file}#{n}`?"))
                    .unwrap_or_else(|| format!("check the ids in {file}"));
                self.error(
                    "dangling-reference",
                    at(),
                    format!("no {what} with id `{id}` in {file}"),
                    "not defined there",
                    Some(help),
                );
                None
            }
            Found::Item(kind, name, canon) => {
                if want.is_some_and(|w| w != kind) {
                    let w = want.unwrap_or(kind);
                    self.error(
                        "wrong-kind",
                        at(),
                        format!(
                            "`{reference}` is {}, but {} is needed here",
                            kind.with_article(),
                            w.with_article()
                        ),
                        format!("not {}", w.with_article()),
                        None::<Name>,
                    );
                    return None;
                }
                let e = ExternalRef {
                    section,
                    file: canon,
                    written: file.to_string(),
                    id: id.to_string(),
                    kind,
                    name,
                };
                if let Some(item) = self.item {
                    let list = self.externals.entry(item).or_default();
                    if !list.contains(&e) {
                        list.push(e.clone());
                    }
                }
                Some(e)
            }
        }
    }

    /// The list at `lp` (the path of the list itself): its elements with
    /// their indexes; wrong shapes reported.
    fn list<'a, T>(
        &mut self,
        v: &'a Option<raw::List<T>>,
        lp: &P,
        what: &str,
    ) -> Vec<(usize, &'a T)> {
        let items = self.items(v, lp);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(x) = self.item(item, lp, i, what) {
                out.push((i, x));
            }
        }
        out
    }

    /// A list's items as [`Self::list`] has them, one at a time.
    fn items<'a, T>(&mut self, v: &'a Option<raw::List<T>>, lp: &P) -> &'a [Val<T>] {
        match v {
            Some(Val::Ok(items)) => items,
            Some(Val::Wrong(found)) => {
                self.wrong_type(lp, "a list", found);
                &[]
            }
            None | Some(Val::Null) => &[],
        }
    }

    /// An item of a list, or a finding where it is no `what`.
    fn item<'a, T>(&mut self, item: &'a Val<T>, lp: &P, i: usize, what: &str) -> Option<&'a T> {
        match item {
            Val::Ok(x) => Some(x),
            Val::Null => {
                self.wrong_type(&lp.index(i), what, "nothing");
                None
            }
            Val::Wrong(found) => {
                self.wrong_type(&lp.index(i), what, found);
                None
            }
        }
    }

    fn texts(&mut self, v: &Option<raw::List<String>>, path: &P, k: &'static str) -> Vec<Str> {
        self.list(v, &path.key(k), "text")
            .into_iter()
            .map(|(_, s)| clean_str(s))
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    fn lookup(
        &mut self,
        id: &str,
        want: Option<Kind>,
        at: impl FnOnce() -> Loc,
    ) -> Option<ItemRef> {
        if split(id).is_some() {
            self.error(
                "external-not-allowed",
                at(),
                format!("`{id}` names an item of another briefing, which is not allowed here"),
                "only an id of this briefing",
                Some("lists of ids, `sources` and [[links]] may name other briefings; this field may not"),
            );
            return None;
        }
        match self.ids.get(id) {
            Some(r) if want.is_none_or(|w| w == r.kind) => Some(r),
            Some(r) => {
                let want = want.unwrap_or(r.kind);
                let (r_kind, help) = (r.kind, self.suggest(id, Some(want)));
                self.error(
                    "wrong-kind",
                    at(),
                    format!(
                        "`{id}` is {}, but {} is needed here",
                        r_kind.with_article(),
                        want.with_article()
                    ),
                    format!("not {}", want.with_article()),
                    help,
                );
                None
            }
            None => {
                let help = self.suggest(id, want);
                // The words around the id, joined when shown: a file of
                // 100,000 dangling references would hold 200,000 texts.
                let help = help.map_or_else(|| Words::define_id(want, id), Words::from);
                self.error(
                    "dangling-reference",
                    at(),
                    Words::no_such_id(want, id),
                    "not defined",
                    Some(help),
                );
                None
            }
        }
    }

    /// "Did you mean": the nearest id, remembered per misspelling; past
    /// [`MAX_SUGGESTIONS`] distinct misspellings no more are looked for, so
    /// a file of thousands of dangling ids stays linear.
    fn suggest(&mut self, id: &str, want: Option<Kind>) -> Option<String> {
        let hash = |id: &str, want: Option<Kind>| {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one((id, want))
        };
        if let Some((.., s)) = self
            .suggestions
            .find(hash(id, want), |(k, w, _)| **k == *id && *w == want)
        {
            return s.clone();
        }
        if self.suggestions.len() >= MAX_ID_SUGGESTIONS {
            return None;
        }
        let index = self.id_index.get_or_insert_with(|| {
            crate::briefing::problem::WordIndex::new(
                self.ids.iter().map(|(k, r)| (k.to_string(), r.kind)),
            )
        });
        let s = index
            .nearest(id, |kind| want.is_none_or(|w| w == kind))
            .map(|n| {
                if is_valid_id(n) {
                    format!("did you mean `{n}`?")
                } else {
                    // Suggesting an id that is itself an error would send
                    // the author from one mistake to another.
                    if is_valid_id(id) && n.to_lowercase() == id {
                        format!(
                            "it is defined as `{n}`, which is not a valid id (reported where it is defined): write that id `{id}` and this reference finds it"
                        )
                    } else {
                        format!(
                            "the nearest is `{n}`, which is not a valid id itself (reported where it is defined)"
                        )
                    }
                }
            });
        self.suggestions.insert_unique(
            hash(id, want),
            (id.into(), want, s.clone()),
            |(k, w, _)| hash(k, *w),
        );
        s
    }

    fn reference(
        &mut self,
        v: &Option<Val<String>>,
        path: &P,
        k: &'static str,
        want: Kind,
    ) -> Option<usize> {
        let id = self.opt(v, path, k)?;
        self.lookup(id.trim(), Some(want), || Loc::value(key(path, k)))
            .map(|r| r.index)
    }

    fn references(
        &mut self,
        v: &Option<raw::List<String>>,
        path: &P,
        k: &'static str,
        want: Kind,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        let lp = path.key(k);
        let section = match k {
            "part_of" => "Part of",
            "issues" => "Issues",
            _ => "Actors",
        };
        // Taken an item at a time, not listed first (1.6 MB for a line of
        // 100,000 references, beside their problems).
        let items = self.items(v, &lp);
        let (count, before) = (items.len(), self.problems.len());
        // The list's own path, written once: each finding's is it and an
        // index (100,000 dangling references wrote it out again each).
        let list_path = std::cell::OnceCell::new();
        for (i, item) in items.iter().enumerate() {
            // A list's first problem makes room for one per item left: a
            // list of dangling references grew the problems by doubling,
            // copying them and faulting in twice the memory.
            if self.problems.len() == before + 1 {
                self.problems.reserve(count - i);
            }
            let Some(id) = self.item(item, &lp, i, "an id") else {
                continue;
            };
            let at = || Loc::value(list_path.get_or_init(|| lp.to_path()).clone().index(i));
            if split(id).is_some() {
                self.external(id.trim(), Some(want), section, at);
            } else if let Some(r) = self.lookup(id.trim(), Some(want), at) {
                out.push(r.index);
            }
        }
        super::firsts(out)
    }

    fn citations(&mut self, v: &Option<raw::List<raw::Citation>>, path: &P) -> Vec<Citation> {
        let mut out = Vec::new();
        let lp = path.key("sources");
        for (i, c) in self.list(v, &lp, "a source id or {source, locator, quote}") {
            let p = lp.index(i);
            self.extra(&p, &c.extra, raw::Citation::KEYS);
            // The short form (a bare id) has no `source` key: the locator then
            // points at the element itself.
            let source = self
                .req(&c.source, &p, "source", "a source id")
                .and_then(|id| {
                    let at = || Loc::value(key(&p, "source"));
                    if split(&id).is_some() {
                        self.external(id.trim(), Some(Kind::Source), "Sources", at);
                        None
                    } else {
                        self.lookup(id.trim(), Some(Kind::Source), at)
                    }
                })
                .map(|r| r.index);
            let locator = self.opt(&c.locator, &p, "locator");
            let quote = self.opt(&c.quote, &p, "quote");
            if let Some(source) = source {
                out.push(Citation {
                    source,
                    locator,
                    quote,
                });
            }
        }
        out
    }

    /// A source's own text: `file:` read from beside the briefing, or
    /// `text:` inline; never both.
    fn source_text(&mut self, x: &raw::Source, p: &P) -> Option<SourceText> {
        let file = self.opt(&x.file, p, "file");
        let inline = self.opt(&x.text, p, "text");
        match (file, inline) {
            (Some(_), Some(_)) => {
                self.error(
                    "file-and-text",
                    Loc::key(key(p, "text")),
                    "a source has `file:` or `text:`, not both",
                    "given as well as `file:`",
                    Some("keep the one that holds the source's text"),
                );
                None
            }
            (Some(f), None) => match evidence::source_text::read(&self.from, f.trim()) {
                Ok(t) => Some(t),
                Err(why) => {
                    self.error(
                        "source-file",
                        Loc::value(key(p, "file")),
                        format!("the source text `{}` cannot be used: {why}", f.trim()),
                        "not read",
                        Some(format!(
                            "name a .txt, .md, .html or .htm file in the briefing's folder or below it, at most {} MiB",
                            evidence::source_text::MAX_TEXT_BYTES / 1048576
                        )),
                    );
                    None
                }
            },
            (None, Some(t)) => Some(SourceText::new(
                evidence::source_text::text_paragraphs(&t),
                None,
            )),
            (None, None) => None,
        }
    }

    /// Says what defining an id ran into: `at` is where the definition is
    /// written, `origin` where any item's is.
    fn clash(
        &mut self,
        id: &str,
        clash: Clash,
        at: Origin,
        origin: impl Fn(ItemRef) -> Option<Origin>,
    ) {
        let id_path = || item_loc(at.0, at.1, at.2);
        let first = match clash {
            Clash::Invalid => {
                let fixed: String = id
                    .trim()
                    .to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("-");
                let help = if is_valid_id(&fixed) {
                    format!("ids are lower case, with `-` for spaces: `{fixed}`")
                } else {
                    "ids use lowercase letters, digits, `.`, `_` and `-`, and start with a letter or digit".into()
                };
                self.error(
                    "bad-id",
                    Loc::value(id_path()),
                    format!("`{id}` is not a valid id"),
                    "invalid id",
                    Some(help),
                );
                return;
            }
            Clash::Again(first) => first,
        };
        let first_path = origin(first).map_or_else(Path::new, |o| item_loc(o.0, o.1, o.2));
        let also = vec![(
            Loc::value(first_path),
            // Borrowed: 33,000 duplicates would each copy it.
            match first.kind {
                Kind::Actor => "first defined here (actor)",
                Kind::Issue => "first defined here (issue)",
                Kind::Position => "first defined here (position)",
                Kind::Event => "first defined here (event)",
                Kind::Source => "first defined here (source)",
            }
            .into(),
        )];
        self.push(Problem {
            severity: Severity::Error,
            code: "duplicate-id",
            message: format!("the id `{id}` is defined twice").into(),
            at: Loc::value(id_path()),
            label: "defined again here".into(),
            help: Some("all ids share one namespace across the file: rename one of them".into()),
            also,
            data: None,
        });
    }
}

/// The id a raw item declares (for positions, the default `<actor>-on-<issue>`).
fn raw_id(v: &Option<Val<String>>) -> Option<Str> {
    raw_str(v).map(Str::from)
}

/// A raw text value, trimmed, when it says anything.
fn raw_str(v: &Option<Val<String>>) -> Option<&str> {
    match v {
        Some(Val::Ok(s)) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// An item's `marking`: a TLP level, never below the briefing's; and how
/// many of its links `--tlp` withheld.
fn marking(
    v: &mut V,
    b: &mut Briefing,
    kind: Kind,
    m: &Option<Val<String>>,
    extra: &raw::Extra,
    p: &P,
) {
    let r = ItemRef::new(kind, b.len(kind));
    let marks = Marks {
        briefing: b.meta.marking,
        markings: &mut b.markings,
        withheld: &mut b.withheld,
    };
    mark(v, r, marks, m, extra, p);
}

/// Where an item's marking goes: the briefing's own and the maps of
/// marked and withheld items (the model's, or a helper's own).
struct Marks<'a> {
    briefing: Option<Tlp>,
    markings: &'a mut HashMap<ItemRef, Tlp>,
    withheld: &'a mut HashMap<ItemRef, u32>,
}

fn mark(v: &mut V, r: ItemRef, b: Marks, m: &Option<Val<String>>, extra: &raw::Extra, p: &P) {
    if let Some(t) = v.tlp(m, p) {
        if let Some(d) = b.briefing
            && t < d
        {
            v.error(
                "marking-below-briefing",
                Loc::value(key(p, "marking")),
                format!("this item is marked {t}, less restrictive than the briefing's {d}"),
                "less restrictive than the briefing",
                Some(format!(
                    "an item may be marked more restrictive than the briefing, never less: mark it {d} or above, or lower the briefing's `marking`"
                )),
            );
        }
        if b.briefing.is_none() && b.markings.is_empty() {
            v.warn(
                "no-briefing-marking",
                Loc::value(key(p, "marking")),
                "items are marked, but the briefing has no `marking` of its own: unmarked items have none".into(),
                "add a top-level `marking:` (e.g. `marking: TLP:GREEN`), the default for every item",
            );
        }
        b.markings.insert(r, t);
    }
    if extra.withheld > 0 {
        b.withheld.insert(r, extra.withheld);
    }
}

/// A text field as written, when it is text.
fn ok_text(v: &Option<Val<String>>) -> Option<&str> {
    match v {
        Some(Val::Ok(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// A position's id, borrowed when it is written, and whether it is.
pub(crate) fn position_id(p: &raw::Position) -> (Option<std::borrow::Cow<'_, str>>, bool) {
    match raw_str(&p.id) {
        Some(id) => (Some(std::borrow::Cow::Borrowed(id)), true),
        // The default id needs local ids: an external actor or issue is
        // reported where it is written.
        None => match (raw_str(&p.actor), raw_str(&p.issue)) {
            (Some(a), Some(i)) if p.id.is_none() && !a.contains('#') && !i.contains('#') => {
                (Some(format!("{a}-on-{i}").into()), false)
            }
            _ => (None, p.id.is_some()),
        },
    }
}

fn list_len<T>(v: &Option<raw::List<T>>) -> usize {
    match v {
        Some(Val::Ok(items)) => items.len(),
        _ => 0,
    }
}

fn ok_items<T>(v: &Option<raw::List<T>>) -> Vec<(usize, &T)> {
    match v {
        Some(Val::Ok(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, x)| x.as_ok().map(|x| (i, x)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Timeline order: by the instant each date starts; an undated event stays
/// right after the event before it in the file; ties keep file order.
/// Each core reads the dates of a stretch and sorts it; the sorted
/// stretches are then merged on every core (`threads`).
fn timeline_order(events: &[(usize, &raw::Event)], threads: usize) -> Vec<usize> {
    let runs = crate::cores::stretches(events.len(), threads, |range| {
        let from = range.start;
        // Undated events before the stretch's first date take the last
        // date before the stretch, known only once every stretch is read:
        // until then the lowest key, so they sort first, in file order.
        let (mut last, mut leading) = (i64::MIN, 0);
        let mut run: Vec<(i64, usize)> = events[range]
            .iter()
            .enumerate()
            .map(|(i, (_, e))| {
                let key = raw_str(&e.date)
                    .and_then(|d| date::parse(d).ok())
                    .and_then(|d| d.sort_key());
                match key {
                    Some(k) => last = k,
                    None if last == i64::MIN => leading += 1,
                    None => {}
                }
                (key.unwrap_or(last), from + i)
            })
            .collect();
        // No two pairs are alike (each has its place in the file), so the
        // quicker unstable sort gives the stable order: ties in file order.
        run.sort_unstable();
        let last_date = (leading < run.len()).then_some(last);
        (run, leading, last_date)
    });
    let mut before = i64::MIN;
    let runs: Vec<Vec<(i64, usize)>> = runs
        .into_iter()
        .map(|(mut run, leading, last_date)| {
            if leading > 0 && before != i64::MIN {
                // The leading undated events, first in the run, take the
                // date before the stretch and move to where it sorts.
                run[..leading].iter_mut().for_each(|(k, _)| *k = before);
                let first = run[0];
                let to = leading + run[leading..].partition_point(|x| *x < first);
                run[..to].rotate_left(leading);
            }
            before = last_date.unwrap_or(before);
            run
        })
        .collect();
    crate::cores::merged(runs, threads, |(_, n)| n)
}

pub fn validate(raw: &raw::Briefing, path: std::path::PathBuf) -> (Option<Briefing>, Vec<Problem>) {
    let (b, problems, _) = validate_with(raw, path, None);
    (b, problems)
}

/// [`validate`], calling `at_first` when the first problem is found, and
/// where the problems are (see [`Shape`]).
pub fn validate_with(
    raw: &raw::Briefing,
    path: std::path::PathBuf,
    at_first: Option<Box<dyn FnOnce()>>,
) -> (Option<Briefing>, Vec<Problem>, Shape) {
    // Asking how many cores there are reads the cgroup's files (some 50 µs
    // in front of a small briefing's first frame); a briefing too short to
    // be checked in parts never needs to know.
    let items = list_len(&raw.actors)
        + list_len(&raw.issues)
        + list_len(&raw.positions)
        + list_len(&raw.timeline)
        + list_len(&raw.sources);
    let threads = if items < crate::cores::FROM {
        1
    } else {
        super::pieces::threads()
    };
    validate_on(raw, path, at_first, threads)
}

/// [`validate_with`] on at most `threads` cores (benchmarks and tests
/// compare one with every core).
pub fn validate_on(
    raw: &raw::Briefing,
    path: std::path::PathBuf,
    at_first: Option<Box<dyn FnOnce()>>,
    threads: usize,
) -> (Option<Briefing>, Vec<Problem>, Shape) {
    let mut v = V::new(path.clone(), at_first);
    let root = ROOT;
    v.extra(&root, &raw.extra, raw::Briefing::KEYS);

    let actors_raw = ok_items(&raw.actors);
    let issues_raw = ok_items(&raw.issues);
    let positions_raw = ok_items(&raw.positions);
    let events_file = ok_items(&raw.timeline);
    let order = timeline_order(&events_file, threads);
    let events_raw: Vec<(usize, &raw::Event)> = order.iter().map(|&n| events_file[n]).collect();
    let sources_raw = ok_items(&raw.sources);
    super::progress::stage(super::progress::Stage::Checking);
    let items = actors_raw.len()
        + issues_raw.len()
        + positions_raw.len()
        + events_raw.len()
        + sources_raw.len();
    super::progress::items(items);

    // Pass 1: every id, so references can point forward; a large file's
    // on every core (see `ids`).
    let counts = [
        actors_raw.len(),
        issues_raw.len(),
        positions_raw.len(),
        events_raw.len(),
        sources_raw.len(),
    ];
    let kinds = [
        Kind::Actor,
        Kind::Issue,
        Kind::Position,
        Kind::Event,
        Kind::Source,
    ];
    // The `k`th definition in the file's order of kinds.
    let nth = |mut k: usize| {
        for (kind, c) in kinds.iter().zip(counts) {
            if k < c {
                return Some(ItemRef::new(*kind, k));
            }
            k -= c;
        }
        None
    };
    // Events are defined in the file's order, not the timeline's, so an id
    // given twice is said where it comes again in the file.
    let mut in_timeline = vec![0; order.len()];
    for (n, &f) in order.iter().enumerate() {
        in_timeline[f] = n;
    }
    let def = |k: usize| -> Option<ids::Def> {
        let r = nth(k)?;
        let n = r.index;
        let id = match r.kind {
            Kind::Actor => &actors_raw[n].1.id,
            Kind::Issue => &issues_raw[n].1.id,
            Kind::Position => {
                let (id, written) = position_id(positions_raw[n].1);
                return id.map(|id| (id, r, written));
            }
            Kind::Event => {
                let r = ItemRef::new(Kind::Event, in_timeline[n]);
                let id = raw_str(&events_file[n].1.id)?;
                return Some((std::borrow::Cow::Borrowed(id), r, true));
            }
            Kind::Source => &sources_raw[n].1.id,
        };
        raw_str(id).map(|s| (std::borrow::Cow::Borrowed(s), r, true))
    };
    let origin = |r: ItemRef| -> Option<Origin> {
        let n = r.index;
        Some(match r.kind {
            Kind::Actor => ("actors", actors_raw.get(n)?.0, true),
            Kind::Issue => ("issues", issues_raw.get(n)?.0, true),
            Kind::Position => {
                let (i, p) = positions_raw.get(n)?;
                ("positions", *i, position_id(p).1)
            }
            Kind::Event => ("timeline", events_raw.get(n)?.0, true),
            Kind::Source => ("sources", sources_raw.get(n)?.0, true),
        })
    };
    let (table, clashes) = Ids::define(items, threads, is_valid_id, def);
    v.ids = std::sync::Arc::new(table);
    for (k, clash) in clashes {
        if let Some((id, r, _)) = def(k)
            && let Some(at) = origin(r)
        {
            v.clash(&id, clash, at, origin);
        }
    }

    // Pass 2: each item, with its references resolved.
    let format = v.opt(&raw.format, &root, "format");
    if let Some(f) = format
        && f.trim() != "1"
    {
        v.error(
            "bad-format",
            Loc::value(key(&root, "format")),
            format!(
                "format `{}` is not supported",
                super::sanitize::clip(&f, 40)
            ),
            "unknown format version",
            Some("this version of brief reads `format: 1`"),
        );
    }
    let mut meta = Meta {
        title: v
            .req_line(
                &raw.title,
                &root,
                "title",
                "the briefing's title",
                Field::Title,
            )
            .unwrap_or_default(),
        subtitle: v.line(&raw.subtitle, &root, "subtitle", Field::Subtitle),
        classification: v.opt(&raw.classification, &root, "classification"),
        marking: v.tlp(&raw.marking, &root),
        as_of: v.date(&raw.as_of, &root, "as_of"),
        authors: v.texts(&raw.authors, &root, "authors"),
        summary: v.text(&raw.summary, &root, "summary"),
        key_points: Vec::new(),
    };
    v.likelihood(ok_text(&raw.summary), key(&root, "summary"), None, false);
    let kp = root.key("key_points");
    for (i, x) in v.list(&raw.key_points, &kp, "a text or {text, likelihood}") {
        let p = kp.index(i);
        // Unquoted text with a `: ` in it parses as a mapping of neither
        // key, its words before the colon a key no field is spelt like
        // (capitals, spaces): said as the text it was meant to be.
        let prose = |k: &String| k.contains(' ') || k.chars().any(char::is_uppercase);
        if !x.extra.scalar
            && x.text.is_none()
            && x.likelihood.is_none()
            && x.extra.unknown.iter().all(prose)
        {
            v.wrong_type(&p, "text", "a mapping");
            continue;
        }
        v.extra(&p, &x.extra, raw::KeyPoint::KEYS);
        // The plain form is the text itself: findings point at it.
        let text_path = (!x.extra.scalar).then(|| p.key("text"));
        let tp = text_path.as_ref().unwrap_or(&p);
        let s = if x.extra.scalar {
            Str::from(ok_text(&x.text).unwrap_or_default())
        } else {
            v.req(&x.text, &p, "text", "the key point's text")
                .unwrap_or_default()
        };
        v.likelihood(Some(s.as_str()), tp.to_path(), None, false);
        let likelihood = v.choice(
            &x.likelihood,
            &p,
            "likelihood",
            Likelihood::parse,
            Likelihood::NAMES,
        );
        v.likelihood_field(likelihood, &s, key(&p, "likelihood"), "key point");
        let mut t = text::parse(&clean_str(&s));
        v.resolve_text(&mut t, tp);
        meta.key_points.push(KeyPoint {
            text: t,
            likelihood,
        });
    }

    // Each list is as long as the file's: no room to spare.
    let mut b = Briefing {
        path,
        meta,
        actors: Vec::with_capacity(actors_raw.len()),
        issues: Vec::with_capacity(issues_raw.len()),
        positions: Vec::with_capacity(positions_raw.len()),
        events: Vec::with_capacity(events_raw.len()),
        sources: Vec::with_capacity(sources_raw.len()),
        ..Default::default()
    };

    check_lists(&mut v, raw);

    let list_path = root.key("actors");
    for (i, a) in &actors_raw {
        v.begin(ItemRef::new(Kind::Actor, b.actors.len()));
        let p = list_path.index(*i);
        v.extra(&p, &a.extra, raw::Actor::KEYS);
        if a.id.is_none() {
            v.req(&a.id, &p, "id", "a unique id such as `pakistan`");
        }
        v.opt(&a.unhedged, &p, "unhedged");
        let mut relations = Vec::new();
        let rels = p.key("relations");
        for (ri, r) in v.list(&a.relations, &rels, "a relation {to, type}") {
            let rp = rels.index(ri);
            v.extra(&rp, &r.extra, raw::Relation::KEYS);
            let to = if r.to.is_none() {
                v.req(&r.to, &rp, "to", "an actor id");
                None
            } else {
                v.reference(&r.to, &rp, "to", Kind::Actor)
            };
            let kind = v.req(&r.kind, &rp, "type", "the relation, e.g. \"hosts\"");
            let since = v.date(&r.since, &rp, "since");
            let until = v.date(&r.until, &rp, "until");
            let sources = v.citations(&r.sources, &rp);
            if let (Some(to), Some(kind)) = (to, kind) {
                relations.push(Relation {
                    to,
                    kind,
                    since,
                    until,
                    sources,
                });
            }
        }
        marking(&mut v, &mut b, Kind::Actor, &a.marking, &a.extra, &p);
        let (location, coords) = v.place(&a.location, &p);
        b.actors.push(Actor {
            id: raw_id(&a.id).unwrap_or_default(),
            name: v
                .req_line(&a.name, &p, "name", "the actor's name", Field::Title)
                .unwrap_or_default(),
            kind: v.opt(&a.kind, &p, "kind"),
            aliases: v.texts(&a.aliases, &p, "aliases"),
            part_of: v.references(&a.part_of, &p, "part_of", Kind::Actor),
            relations,
            location,
            coords,
            summary: v.text(&a.summary, &p, "summary"),
            sources: v.citations(&a.sources, &p),
            notes: v.text(&a.notes, &p, "notes"),
        });
    }

    let list_path = root.key("issues");
    for (i, x) in &issues_raw {
        v.begin(ItemRef::new(Kind::Issue, b.issues.len()));
        let p = list_path.index(*i);
        v.extra(&p, &x.extra, raw::Issue::KEYS);
        if x.id.is_none() {
            v.req(&x.id, &p, "id", "a unique id");
        }
        v.opt(&x.unhedged, &p, "unhedged");
        marking(&mut v, &mut b, Kind::Issue, &x.marking, &x.extra, &p);
        b.issues.push(Issue {
            id: raw_id(&x.id).unwrap_or_default(),
            title: v
                .req_line(&x.title, &p, "title", "the issue's title", Field::Title)
                .unwrap_or_default(),
            question: v.line(&x.question, &p, "question", Field::Question),
            status: v
                .choice(&x.status, &p, "status", Status::parse, Status::NAMES)
                .unwrap_or(Status::Open),
            priority: v.choice(
                &x.priority,
                &p,
                "priority",
                Priority::parse,
                Priority::NAMES,
            ),
            summary: v.text(&x.summary, &p, "summary"),
            actors: v.references(&x.actors, &p, "actors", Kind::Actor),
            sources: v.citations(&x.sources, &p),
            notes: v.text(&x.notes, &p, "notes"),
        });
    }

    let list_path = root.key("positions");
    for (i, x) in &positions_raw {
        v.begin(ItemRef::new(Kind::Position, b.positions.len()));
        let p = list_path.index(*i);
        v.extra(&p, &x.extra, raw::Position::KEYS);
        let actor = if x.actor.is_none() {
            v.req(&x.actor, &p, "actor", "the actor id");
            None
        } else {
            v.reference(&x.actor, &p, "actor", Kind::Actor)
        };
        let issue = if x.issue.is_none() {
            v.req(&x.issue, &p, "issue", "the issue id");
            None
        } else {
            v.reference(&x.issue, &p, "issue", Kind::Issue)
        };
        v.opt(&x.unhedged, &p, "unhedged");
        let stance = v.req_line(
            &x.stance,
            &p,
            "stance",
            "the stance in one line",
            Field::Stance,
        );
        let pos = Position {
            id: position_id(x)
                .0
                .map(|id| Str::from(id.as_ref()))
                .unwrap_or_default(),
            actor: actor.unwrap_or(0),
            issue: issue.unwrap_or(0),
            stance: stance.unwrap_or_default(),
            alignment: v.choice(
                &x.alignment,
                &p,
                "alignment",
                Alignment::parse,
                Alignment::NAMES,
            ),
            quote: v.opt(&x.quote, &p, "quote"),
            said_by: v.reference(&x.said_by, &p, "said_by", Kind::Actor),
            date: v.date(&x.date, &p, "date"),
            confidence: v.choice(
                &x.confidence,
                &p,
                "confidence",
                Confidence::parse,
                Confidence::NAMES,
            ),
            likelihood: v.choice(
                &x.likelihood,
                &p,
                "likelihood",
                Likelihood::parse,
                Likelihood::NAMES,
            ),
            rationale: v.text(&x.rationale, &p, "rationale"),
            detail: v.text(&x.detail, &p, "detail"),
            sources: v.citations(&x.sources, &p),
            notes: v.text(&x.notes, &p, "notes"),
        };
        v.likelihood(
            Some(pos.stance.as_str()),
            key(&p, "stance"),
            pos.confidence,
            !pos.rationale.is_empty(),
        );
        v.likelihood_field(pos.likelihood, &pos.stance, key(&p, "likelihood"), "stance");
        marking(&mut v, &mut b, Kind::Position, &x.marking, &x.extra, &p);
        b.positions.push(pos);
    }

    match events_on_cores(&v, b.meta.marking, &events_raw, threads) {
        Some(pieces) => {
            STRETCHES.with(|s| s.set(pieces.len()));
            for piece in pieces {
                v.begun += piece.events.len();
                b.events.extend(piece.events);
                v.lines.extend(piece.lines);
                v.externals.extend(piece.externals);
                b.markings.extend(piece.markings);
                b.withheld.extend(piece.withheld);
            }
        }
        None => {
            STRETCHES.with(|s| s.set(1));
            for (n, (i, x)) in events_raw.iter().enumerate() {
                let marks = Marks {
                    briefing: b.meta.marking,
                    markings: &mut b.markings,
                    withheld: &mut b.withheld,
                };
                let e = event(&mut v, marks, n, *i, x);
                b.events.push(e);
            }
        }
    }

    let list_path = root.key("sources");
    for (i, x) in &sources_raw {
        v.begin(ItemRef::new(Kind::Source, b.sources.len()));
        let p = list_path.index(*i);
        v.extra(&p, &x.extra, raw::Source::KEYS);
        if x.id.is_none() {
            v.req(&x.id, &p, "id", "a unique id");
        }
        let reliability = v.choice(
            &x.reliability,
            &p,
            "reliability",
            |s| {
                let c = s.chars().next()?;
                (s.len() == 1 && ('A'..='F').contains(&c)).then_some(c)
            },
            &["A", "B", "C", "D", "E", "F"],
        );
        let credibility = v.choice(
            &x.credibility,
            &p,
            "credibility",
            |s| s.parse::<u8>().ok().filter(|n| (1..=6).contains(n)),
            &["1", "2", "3", "4", "5", "6"],
        );
        marking(&mut v, &mut b, Kind::Source, &x.marking, &x.extra, &p);
        let via = v.opt(&x.via, &p, "via").map(|s| {
            let s = Str::from(s.trim());
            match v.ids.get(&s) {
                Some(r) if r.kind == Kind::Source => Via::Source(r.index),
                _ => Via::Text(s),
            }
        });
        b.sources.push(Source {
            id: raw_id(&x.id).unwrap_or_default(),
            title: v
                .req_line(&x.title, &p, "title", "the source's title", Field::Title)
                .unwrap_or_default(),
            publisher: v.opt(&x.publisher, &p, "publisher"),
            author: v.opt(&x.author, &p, "author"),
            date: v.date(&x.date, &p, "date"),
            url: v.opt(&x.url, &p, "url"),
            kind: v.opt(&x.kind, &p, "kind"),
            reliability,
            credibility,
            excerpt: v.text(&x.excerpt, &p, "excerpt"),
            notes: v.text(&x.notes, &p, "notes"),
            text: v.source_text(x, &p),
            via,
        });
        if let Some((form, outlet)) = b.sources.last().and_then(evidence::check::relays) {
            v.warn(
                "via-suggested",
                Loc::value(key(&p, "id")),
                format!("its text says “{form}”: it may relay another's report"),
                "if it does, name the originator with `via:` (a source id, or words such as \"Reuters\"), so two outlets relaying one report count as one source",
            );
            if let Some(p) = v.problems.last_mut() {
                p.data = Some(Box::new(serde_json::json!({"via": outlet})));
            }
        }
    }

    v.item = None;
    let dp = root.key("deck");
    for (i, id) in v.list(&raw.deck, &dp, "an id") {
        if let Some(r) = v.lookup(id.trim(), None, || Loc::value(dp.index(i).to_path())) {
            b.deck.push(r);
        }
    }

    if v.problems.iter().any(|p| p.severity == Severity::Error) {
        return (None, v.problems, v.shape);
    }
    super::progress::stage(super::progress::Stage::Linking);
    if v.problems.is_empty() {
        super::progress::linking();
    }
    b.ids = std::sync::Arc::unwrap_or_clone(std::mem::take(&mut v.ids));
    b.externals = std::mem::take(&mut v.externals);
    b.timeline_frame = date::Frame::of(b.events.iter().filter_map(|e| e.date.as_ref()));
    b.timeline_utc = date::mixed_zones(b.events.iter().filter_map(|e| e.date.as_ref()));
    let lines = std::mem::take(&mut v.lines);
    render_lines(&mut b, &lines);
    for (r, _, t) in lines {
        if let Some(r) = r {
            let targets = t.links().filter_map(|l| match l {
                Inline::Link(l) => l.target,
                _ => None,
            });
            b.line_links.entry(r).or_default().extend(targets);
        }
    }
    link(&mut b, threads);
    let mut found = Vec::new();
    // Without a source text only positions are checked (single-source):
    // the quotes and hedges need a text to compare with.
    let texts = b.sources.iter().any(|s| s.text.is_some());
    let cited = cited_items(
        &b,
        if texts { &actors_raw } else { &[] },
        if texts { &issues_raw } else { &[] },
        &positions_raw,
        if texts { &events_raw } else { &[] },
    );
    if v.problems.is_empty() {
        super::progress::linked(&b);
    }
    evidence::check::run(&b, &cited, &mut found);
    drop(cited);
    let failed = found.iter().any(|p| p.severity == Severity::Error);
    found.iter().for_each(|p| v.shape.add(p));
    v.problems.extend(found);
    if failed {
        return (None, v.problems, v.shape);
    }
    warnings(
        &mut v,
        &b,
        &actors_raw,
        &issues_raw,
        &positions_raw,
        &sources_raw,
    );
    (Some(b), v.problems, v.shape)
}

/// Event `n` of the timeline, written `i`th in the file.
fn event(v: &mut V, marks: Marks, n: usize, i: usize, x: &raw::Event) -> Event {
    let r = ItemRef::new(Kind::Event, n);
    v.begin(r);
    let list_path = ROOT.key("timeline");
    let p = list_path.index(i);
    v.extra(&p, &x.extra, raw::Event::KEYS);
    if x.id.is_none() {
        v.req(&x.id, &p, "id", "a unique id");
    }
    v.opt(&x.unhedged, &p, "unhedged");
    let date = v.date(&x.date, &p, "date");
    let when = v.line(&x.when, &p, "when", Field::When);
    if x.date.is_none() && when.is_none() && !matches!(x.when, Some(Val::Wrong(_))) {
        v.error(
            "missing-field",
            Loc::value(p.to_path()),
            "an event needs `date` or `when`",
            "needs `date` or `when`",
            Some("add `date: 2026-04` (see the accepted forms) or `when: \"first week of April\"`"),
        );
    }
    mark(v, r, marks, &x.marking, &x.extra, &p);
    let (location, coords) = v.place(&x.location, &p);
    Event {
        id: raw_id(&x.id).unwrap_or_default(),
        date,
        when,
        title: v
            .req_line(&x.title, &p, "title", "the event's title", Field::Title)
            .unwrap_or_default(),
        summary: {
            v.likelihood(ok_text(&x.summary), key(&p, "summary"), None, false);
            v.text(&x.summary, &p, "summary")
        },
        location,
        coords,
        actors: v.references(&x.actors, &p, "actors", Kind::Actor),
        issues: v.references(&x.issues, &p, "issues", Kind::Issue),
        sources: v.citations(&x.sources, &p),
        notes: v.text(&x.notes, &p, "notes"),
    }
}

/// Below this many events the timeline is checked on one thread.
pub const EVENTS_ON_CORES: usize = 4096;

thread_local! {
    static STRETCHES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// In how many stretches the last validation on this thread checked the
/// timeline (1: on this thread alone), so tests know which way was taken.
#[doc(hidden)]
pub fn stretches_checked() -> usize {
    STRETCHES.with(|s| s.get())
}

/// What a helper made of its stretch of the timeline.
struct Piece {
    events: Vec<Event>,
    lines: Vec<(Option<ItemRef>, Field, Text)>,
    externals: HashMap<ItemRef, Vec<ExternalRef>>,
    markings: HashMap<ItemRef, Tlp>,
    withheld: HashMap<ItemRef, u32>,
}

/// A long timeline checked in a stretch per core, once every id is known.
/// `None` when the timeline is short, or when any stretch met a problem:
/// the caller then checks it on one thread, so a file's findings (their
/// order, the did-you-mean budget, the warning for the first marked item)
/// are always those of one walk through the file. A clean file — the
/// large ones are — is checked on every core.
fn events_on_cores(
    v: &V,
    briefing: Option<Tlp>,
    events: &[(usize, &raw::Event)],
    threads: usize,
) -> Option<Vec<Piece>> {
    if events.len() < EVENTS_ON_CORES || threads < 2 {
        return None;
    }
    let failed = std::sync::atomic::AtomicBool::new(false);
    let progress = super::progress::current();
    let (ids, from, begun) = (&v.ids, &v.from, v.begun);
    let pieces = crate::cores::stretches(events.len(), threads, |range| {
        if let Some(p) = progress.clone() {
            super::progress::report_to(p);
        }
        let mut w = V::new(from.clone(), None);
        w.ids = ids.clone();
        w.begun = begun + range.start;
        let mut markings = HashMap::default();
        let mut withheld = HashMap::default();
        let mut out = Vec::with_capacity(range.len());
        for n in range {
            if failed.load(std::sync::atomic::Ordering::Relaxed) {
                return None;
            }
            let marks = Marks {
                briefing,
                markings: &mut markings,
                withheld: &mut withheld,
            };
            let (i, x) = events[n];
            out.push(event(&mut w, marks, n, i, x));
            if !w.problems.is_empty() {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
                return None;
            }
        }
        Some(Piece {
            events: out,
            lines: w.lines,
            externals: w.externals,
            markings,
            withheld,
        })
    });
    pieces.into_iter().collect()
}

/// Each item with its citations as written, for the evidence checks.
fn cited_items<'a>(
    b: &Briefing,
    actors: &[(usize, &'a raw::Actor)],
    issues: &[(usize, &'a raw::Issue)],
    positions: &[(usize, &'a raw::Position)],
    events: &[(usize, &'a raw::Event)],
) -> Vec<evidence::check::Cited<'a>> {
    use evidence::check::{Cited, cites};
    let mut out = Vec::new();
    for (n, (i, a)) in actors.iter().enumerate() {
        let path = item_loc("actors", *i, false);
        let mut c = cites(b, &path, &a.sources);
        if let Some(Val::Ok(rels)) = &a.relations {
            for (k, r) in rels.iter().enumerate() {
                if let Some(r) = r.as_ok() {
                    let rp = path.clone().key("relations").index(k);
                    c.extend(cites(b, &rp, &r.sources));
                }
            }
        }
        out.push(Cited {
            item: ItemRef::new(Kind::Actor, n),
            cites: c,
            path,
            unhedged: raw_id(&a.unhedged).is_some(),
        });
    }
    macro_rules! each {
        ($items:expr, $list:literal, $kind:expr) => {
            for (n, (i, x)) in $items.iter().enumerate() {
                let path = item_loc($list, *i, false);
                out.push(Cited {
                    item: ItemRef::new($kind, n),
                    cites: cites(b, &path, &x.sources),
                    path,
                    unhedged: raw_id(&x.unhedged).is_some(),
                });
            }
        };
    }
    each!(issues, "issues", Kind::Issue);
    each!(positions, "positions", Kind::Position);
    each!(events, "timeline", Kind::Event);
    out
}

/// Top-level lists of the wrong shape, and elements that are not mappings.
fn check_lists(v: &mut V, raw: &raw::Briefing) {
    v.list(&raw.actors, &ROOT.key("actors"), "an actor (a mapping)");
    v.list(&raw.issues, &ROOT.key("issues"), "an issue (a mapping)");
    v.list(
        &raw.positions,
        &ROOT.key("positions"),
        "a position (a mapping)",
    );
    v.list(&raw.timeline, &ROOT.key("timeline"), "an event (a mapping)");
    v.list(&raw.sources, &ROOT.key("sources"), "a source (a mapping)");
}

fn link(b: &mut Briefing, threads: usize) {
    b.backlinks = [
        vec![Vec::new(); b.actors.len()],
        vec![Vec::new(); b.issues.len()],
        vec![Vec::new(); b.positions.len()],
        vec![Vec::new(); b.events.len()],
        vec![Vec::new(); b.sources.len()],
    ];
    let all: Vec<ItemRef> = b.all_items().collect();
    // What each item points at is read in a stretch per core, cut by the
    // item pointed at; each core then adds one part's links, in order.
    let parts = if all.len() < crate::cores::FROM {
        1
    } else {
        threads.max(1)
    };
    let size = b.link_parts(parts);
    let found = crate::cores::stretches(all.len(), threads, |range| {
        let mut out: Vec<Vec<_>> = (0..parts)
            .map(|_| Vec::with_capacity(range.len() * 4 / parts))
            .collect();
        let part = |to| Briefing::link_part(&size, parts, to);
        for &from in &all[range] {
            for (label, to) in b.links(from) {
                let role = match (from.kind, label) {
                    (_, "Mentions") => Role::Mentions,
                    (Kind::Position, "Said by") => Role::SaidBy,
                    (Kind::Position, _) => Role::Subject,
                    (Kind::Actor, "Part of") => Role::PartOf,
                    (Kind::Actor, "Relations") => Role::Relation,
                    _ => Role::Involves,
                };
                out[part(to)].push((to, from, role));
            }
            if from.kind != Kind::Source {
                for s in b.sources_of(from) {
                    let to = ItemRef::new(Kind::Source, s);
                    out[part(to)].push((to, from, Role::Cites));
                }
            }
        }
        out
    });
    b.add_backlinks(&found, size);
}

fn warnings(
    v: &mut V,
    b: &Briefing,
    actors: &[(usize, &raw::Actor)],
    issues: &[(usize, &raw::Issue)],
    positions: &[(usize, &raw::Position)],
    sources: &[(usize, &raw::Source)],
) {
    for (n, (i, _)) in sources.iter().enumerate() {
        if b.backlinks(ItemRef::new(Kind::Source, n)).is_empty() {
            v.warn(
                "unused-source",
                Loc::value(item_loc("sources", *i, true)),
                format!("the source `{}` is not cited by anything", b.sources[n].id),
                "cite it from a claim (`sources: [id]`) or remove it",
            );
        }
    }
    for (n, (i, _)) in actors.iter().enumerate() {
        let r = ItemRef::new(Kind::Actor, n);
        let involved = b
            .backlinks(r)
            .iter()
            .any(|bl| matches!(bl.from().kind, Kind::Position | Kind::Event));
        if !involved {
            v.warn(
                "idle-actor",
                Loc::value(item_loc("actors", *i, true)),
                format!(
                    "the actor `{}` has no position and is in no event",
                    b.actors[n].id
                ),
                "give it a position or name it in an event's `actors`",
            );
        }
    }
    for (n, (i, _)) in issues.iter().enumerate() {
        let r = ItemRef::new(Kind::Issue, n);
        if !b
            .backlinks(r)
            .iter()
            .any(|bl| bl.from().kind == Kind::Position)
        {
            v.warn(
                "issue-without-position",
                Loc::value(item_loc("issues", *i, true)),
                format!("no actor has a position on the issue `{}`", b.issues[n].id),
                "add a position with `issue: ` this id",
            );
        }
    }
    for (n, (i, _)) in positions.iter().enumerate() {
        let r = ItemRef::new(Kind::Position, n);
        if b.positions[n].sources.is_empty()
            && !b.externals(r).iter().any(|e| e.kind == Kind::Source)
        {
            v.warn(
                "unsourced-position",
                Loc::value(item_loc("positions", *i, false)),
                format!("the position `{}` cites no source", b.positions[n].id),
                "add `sources:` so every claim can be checked",
            );
        }
    }
}
/// Words people write for an allowed value that are not spelt like it,
/// so "did you mean" finds them: priority says `medium`, confidence
/// `moderate`; an issue is `resolved`, not `closed`.
const SAME: &[(&str, &str)] = &[
    ("medium", "moderate"),
    ("mid", "moderate"),
    ("moderate", "medium"),
    ("mid", "medium"),
    ("for", "support"),
    ("pro", "support"),
    ("supports", "support"),
    ("against", "oppose"),
    ("con", "oppose"),
    ("opposed", "oppose"),
    ("closed", "resolved"),
    ("done", "resolved"),
    ("fixed", "resolved"),
    ("monitoring", "watching"),
    ("unknown", "unclear"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// An unknown key is kept in the words the same way, and says the
    /// same words, at the longest short key and one byte over.
    #[test]
    fn an_unknown_key_says_what_it_said_when_its_words_were_joined_at_once() {
        let short = "k".repeat(crate::briefing::problem::ShortId::MAX);
        for key in [short.as_str(), &format!("{short}x"), "", "clé"] {
            assert_eq!(
                Words::unknown_field(key).text(),
                format!("unknown field `{key}`")
            );
        }
        assert!(matches!(
            Words::unknown_field(&short),
            Words::UnknownField(..)
        ));
        assert!(matches!(
            Words::unknown_field(&format!("{short}x")),
            Words::Text(..)
        ));
    }

    #[test]
    fn a_dangling_reference_says_what_it_said_when_its_words_were_joined_at_once() {
        for want in std::iter::once(None).chain(Kind::ALL.map(Some)) {
            let what = want.map_or("item", |w| w.noun());
            let a = want.map_or("an item", |w| w.with_article());
            // A short id is kept in the words, a long one boxed: the same
            // text either way, at the longest short id and one byte over.
            let short = "t".repeat(crate::briefing::problem::ShortId::MAX);
            for id in ["tpp", "", &short, &format!("{short}é"), "ttp-ü"] {
                assert_eq!(
                    Words::no_such_id(want, id).text(),
                    ["no ", what, " with id `", id, "` in this briefing"].concat()
                );
                assert_eq!(
                    Words::define_id(want, id).text(),
                    ["define ", a, " with `id: ", id, "`, or fix the id"].concat()
                );
            }
            assert!(matches!(
                Words::no_such_id(want, &short),
                Words::NoSuchShortId(..)
            ));
            assert!(matches!(
                Words::define_id(want, &format!("{short}x")),
                Words::DefineId(..)
            ));
        }
    }
}
