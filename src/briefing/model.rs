//! The validated briefing: every reference resolved to an [`ItemRef`],
//! backlinks computed, text parsed and cleaned. No terminal code here.

use super::date::Date;
use super::text::Text;
/// The model's strings: most are short (ids, dates, places, locators) and
/// kept inline, with no allocation of their own, which is most of what a
/// load and a cache hit spend on building the model.
pub use compact_str::CompactString as Str;

/// Ids come from a local file the user opened: no hash flooding to fear,
/// so the faster hasher.
use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;

#[derive(
    serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
pub enum Kind {
    Actor,
    Issue,
    Position,
    Event,
    Source,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Actor,
        Kind::Position,
        Kind::Event,
        Kind::Issue,
        Kind::Source,
    ];

    pub fn noun(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Issue => "issue",
            Kind::Position => "position",
            Kind::Event => "event",
            Kind::Source => "source",
        }
    }

    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Actor => "an actor",
            Kind::Issue => "an issue",
            Kind::Position => "a position",
            Kind::Event => "an event",
            Kind::Source => "a source",
        }
    }
}

/// One item of the briefing: its kind and its index in that kind's list.
#[derive(
    serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
pub struct ItemRef {
    pub kind: Kind,
    pub index: usize,
}

impl ItemRef {
    pub fn new(kind: Kind, index: usize) -> Self {
        ItemRef { kind, index }
    }
}

/// An Admiralty source reliability grade (`A`–`F`) in words.
pub fn reliability_words(c: char) -> &'static str {
    match c {
        'A' => "completely reliable",
        'B' => "usually reliable",
        'C' => "fairly reliable",
        'D' => "not usually reliable",
        'E' => "unreliable",
        _ => "reliability cannot be judged",
    }
}

/// An Admiralty information credibility grade (`1`–`6`) in words.
pub fn credibility_words(n: u8) -> &'static str {
    match n {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

macro_rules! choice {
    ($name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        #[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }
        impl $name {
            pub const NAMES: &'static [&'static str] = &[$($text),*];
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }
    };
}

choice!(Status { Open = "open", Watching = "watching", Resolved = "resolved" });
choice!(Priority { High = "high", Medium = "medium", Low = "low" });
choice!(Alignment {
    Support = "support",
    Oppose = "oppose",
    Mixed = "mixed",
    Neutral = "neutral",
    Unclear = "unclear",
});
choice!(Confidence { Low = "low", Moderate = "moderate", High = "high" });
// The seven likelihood bands of ICD 203, least likely first.
choice!(Likelihood {
    AlmostNoChance = "almost no chance",
    VeryUnlikely = "very unlikely",
    Unlikely = "unlikely",
    RoughlyEven = "roughly even chance",
    Likely = "likely",
    VeryLikely = "very likely",
    AlmostCertain = "almost certain",
});

/// One of the key points: its text, and how likely it judges what it says
/// (an ICD 203 band) when the author says so.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Default)]
pub struct KeyPoint {
    pub text: Text,
    pub likelihood: Option<Likelihood>,
}

impl KeyPoint {
    /// What follows the point's text where it is shown: ` (likely)`.
    pub fn likelihood_note(&self) -> String {
        self.likelihood
            .map_or(String::new(), |l| format!(" ({})", l.as_str()))
    }
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Citation {
    pub source: usize,
    pub locator: Option<Str>,
    pub quote: Option<Str>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Relation {
    pub to: usize,
    pub kind: Str,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub sources: Vec<Citation>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: Str,
    pub name: Str,
    pub kind: Option<Str>,
    pub aliases: Vec<Str>,
    pub part_of: Vec<usize>,
    pub relations: Vec<Relation>,
    /// Where it is based, as written.
    pub location: Option<Str>,
    /// Its place on a map: latitude and longitude in degrees.
    pub coords: Option<(f64, f64)>,
    pub summary: Text,
    pub sources: Vec<Citation>,
    pub notes: Text,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Issue {
    pub id: Str,
    pub title: Str,
    pub question: Option<Str>,
    pub status: Status,
    pub priority: Option<Priority>,
    pub summary: Text,
    pub actors: Vec<usize>,
    pub sources: Vec<Citation>,
    pub notes: Text,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Position {
    pub id: Str,
    pub actor: usize,
    pub issue: usize,
    pub stance: Str,
    pub alignment: Option<Alignment>,
    pub quote: Option<Str>,
    pub said_by: Option<usize>,
    pub date: Option<Date>,
    pub confidence: Option<Confidence>,
    /// How likely the stance judges it, in an ICD 203 band.
    pub likelihood: Option<Likelihood>,
    /// Why the briefing is as sure as `confidence` says.
    pub rationale: Text,
    pub detail: Text,
    pub sources: Vec<Citation>,
    pub notes: Text,
}

impl Position {
    /// How the position judges: its alignment, likelihood and confidence,
    /// as the detail and the slides write them (`oppose`, `likely`,
    /// `high confidence`).
    pub fn judgment(&self) -> Vec<String> {
        let mut tags = Vec::new();
        if let Some(a) = self.alignment {
            tags.push(a.as_str().to_string());
        }
        if let Some(l) = self.likelihood {
            tags.push(l.as_str().to_string());
        }
        if let Some(c) = self.confidence {
            tags.push(format!("{} confidence", c.as_str()));
        }
        tags
    }
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Event {
    pub id: Str,
    pub date: Option<Date>,
    pub when: Option<Str>,
    pub title: Str,
    pub summary: Text,
    pub location: Option<Str>,
    /// Its place on a map: latitude and longitude in degrees.
    pub coords: Option<(f64, f64)>,
    pub actors: Vec<usize>,
    pub issues: Vec<usize>,
    pub sources: Vec<Citation>,
    pub notes: Text,
}

impl Event {
    /// The date as a list shows it to people: `when` when given, else the
    /// date without what every date of the timeline shares (`frame`).
    pub fn list_label(&self, frame: super::date::Frame, utc: bool) -> String {
        match (&self.when, &self.date) {
            (Some(w), _) => w.to_string(),
            (None, Some(d)) => d.human_in(frame, utc),
            (None, None) => String::new(),
        }
    }

    /// The date as written: `when` when given, else the date's text (what
    /// search finds and a diff compares; people are shown `list_label`).
    pub fn date_label(&self) -> String {
        match (&self.when, &self.date) {
            (Some(w), _) => w.to_string(),
            (None, Some(d)) => d.text.to_string(),
            (None, None) => String::new(),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Source {
    pub id: Str,
    pub title: Str,
    pub publisher: Option<Str>,
    pub author: Option<Str>,
    pub date: Option<Date>,
    pub url: Option<Str>,
    pub kind: Option<Str>,
    pub reliability: Option<char>,
    pub credibility: Option<u8>,
    pub excerpt: Text,
    pub notes: Text,
    /// The source's own text, from `file:` or `text:`.
    pub text: Option<super::evidence::SourceText>,
    /// Whose report it relays: another source, or words naming one
    /// ("three anonymous Russian sources"). Two outlets relaying one
    /// report are one originator.
    pub via: Option<Via>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub enum Via {
    Source(usize),
    Text(Str),
}

impl Briefing {
    /// Who a source's report comes from in the end: a source followed
    /// through its `via` (a chain at most 16 long), or the words naming the
    /// originator, as one key.
    pub fn originator(&self, source: usize) -> String {
        let mut s = source;
        for _ in 0..16 {
            match &self.sources[s].via {
                Some(Via::Source(next)) if *next != s => s = *next,
                Some(Via::Text(t)) => return format!("text:{}", t.trim().to_lowercase()),
                _ => break,
            }
        }
        format!("source:{}", self.sources[s].id)
    }
}

impl Source {
    /// The Admiralty grade, e.g. `B2`; `?` stands for a part not given.
    pub fn grade(&self) -> Option<std::borrow::Cow<'static, str>> {
        // Every grade validation lets through is written out once, here:
        // a handout or a printed timeline shows one per citation.
        const GRADES: [[&str; 7]; 7] = [
            ["A1", "A2", "A3", "A4", "A5", "A6", "A?"],
            ["B1", "B2", "B3", "B4", "B5", "B6", "B?"],
            ["C1", "C2", "C3", "C4", "C5", "C6", "C?"],
            ["D1", "D2", "D3", "D4", "D5", "D6", "D?"],
            ["E1", "E2", "E3", "E4", "E5", "E6", "E?"],
            ["F1", "F2", "F3", "F4", "F5", "F6", "F?"],
            ["?1", "?2", "?3", "?4", "?5", "?6", "??"],
        ];
        if self.reliability.is_none() && self.credibility.is_none() {
            return None;
        }
        let row = match self.reliability {
            Some(r @ 'A'..='F') => Some(r as usize - 'A' as usize),
            None => Some(6),
            Some(_) => None,
        };
        let column = match self.credibility {
            Some(c @ 1..=6) => Some(usize::from(c) - 1),
            None => Some(6),
            Some(_) => None,
        };
        Some(match (row, column) {
            (Some(row), Some(column)) => GRADES[row][column].into(),
            _ => format!(
                "{}{}",
                self.reliability.unwrap_or('?'),
                self.credibility.map_or("?".to_string(), |c| c.to_string())
            )
            .into(),
        })
    }
}

/// Why one item points at another; the label groups backlinks in the reader.
#[derive(
    serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
pub enum Role {
    /// The actor or issue of a position.
    Subject,
    SaidBy,
    PartOf,
    Relation,
    Involves,
    Cites,
    Mentions,
    Deck,
}

/// Who points at an item, and why. Eight bytes, not an `ItemRef` and a
/// role's 24: a 100,000-event briefing keeps half a million of them.
/// Stored as an `ItemRef` and a role are (its fields in that order).
#[derive(
    serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
pub struct Backlink {
    kind: Kind,
    index: u32,
    pub role: Role,
}

impl Backlink {
    pub fn new(from: ItemRef, role: Role) -> Self {
        Backlink {
            kind: from.kind,
            // A briefing is at most 64 MiB: never near 4 billion items.
            index: u32::try_from(from.index).unwrap_or(u32::MAX),
            role,
        }
    }

    /// The item that points.
    pub fn from(&self) -> ItemRef {
        ItemRef::new(self.kind, self.index as usize)
    }
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: Str,
    pub subtitle: Option<Str>,
    pub classification: Option<Str>,
    pub as_of: Option<Date>,
    pub authors: Vec<Str>,
    pub summary: Text,
    pub key_points: Vec<KeyPoint>,
    /// The TLP marking of the whole briefing: every item's unless marked.
    pub marking: Option<super::marking::Tlp>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Default)]
pub struct Briefing {
    pub path: PathBuf,
    pub meta: Meta,
    pub actors: Vec<Actor>,
    pub issues: Vec<Issue>,
    pub positions: Vec<Position>,
    /// In timeline order. The cache stores it apart, in parts decoded on
    /// every core (`cache::parts`).
    #[serde(skip)]
    pub events: Vec<Event>,
    pub sources: Vec<Source>,
    pub deck: Vec<ItemRef>,
    pub(crate) ids: super::ids::Ids,
    /// Per kind (in `Kind` order), per item: who points at it.
    pub(crate) backlinks: [Vec<Vec<Backlink>>; 5],
    /// Items of other briefings each item points at. (A briefing with
    /// such links is never cached, so this is never stored.)
    #[serde(skip)]
    pub(crate) externals: HashMap<ItemRef, Vec<super::external::ExternalRef>>,
    /// What every date of the timeline shares, for lists to leave out.
    pub timeline_frame: super::date::Frame,
    /// The timeline's times are in several zones: lists show them in UTC.
    pub timeline_utc: bool,
    /// Items that `[[links]]` in an item's one-line fields (name, title,
    /// stance, question, when, location) point at.
    pub(crate) line_links: HashMap<ItemRef, Vec<ItemRef>>,
    /// Items with a `marking` of their own.
    pub(crate) markings: HashMap<ItemRef, super::marking::Tlp>,
    /// Per item, how many of its links `--tlp` withheld.
    pub(crate) withheld: HashMap<ItemRef, u32>,
    /// Loaded for an audience (`--tlp`): what was withheld, and the text it
    /// was withheld from, so another version can be compared with this one
    /// withheld alike ([`super::load::withheld_alike`]). Never shown.
    #[serde(skip)]
    pub(crate) audience: Option<std::sync::Arc<super::marking::Audience>>,
    /// The file's size and time of last write just before it was read:
    /// the reader compares them once it watches the file, so a save made
    /// while the file loaded is not missed. Never stored.
    #[serde(skip)]
    pub read_stamp: Option<super::read::Stamp>,
}

/// Whether two runs of words are the same, case aside: ASCII words are
/// compared in place, others lowered as `str::to_lowercase` lowers them.
fn same_words(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            if x.is_ascii() && y.is_ascii() {
                x.eq_ignore_ascii_case(y)
            } else {
                x.to_lowercase() == y.to_lowercase()
            }
        })
}

/// How many words at the start of `after` repeat the last words of `name`
/// (case-insensitive, the longest such run).
fn repeated_words(name: &str, after: &str) -> usize {
    if !after.starts_with(' ') {
        return 0;
    }
    // A repeat starts at the text's first word, which is then one of the
    // name's: most texts go on with other words, told without a list.
    let first = after.split_whitespace().next().unwrap_or_default();
    let first = first.trim_end_matches(|c: char| c.is_ascii_punctuation());
    if !name.split_whitespace().any(|w| same_words(&[w], &[first])) {
        return 0;
    }
    repeat_after(name, after)
}

/// [`repeated_words`], looked for at every length.
fn repeat_after(name: &str, after: &str) -> usize {
    let name: Vec<&str> = name.split_whitespace().collect();
    // Only as many words as the name has can repeat it.
    let next: Vec<&str> = after
        .split_whitespace()
        .take(name.len())
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_punctuation()))
        .collect();
    (1..=name.len().min(next.len()))
        .rev()
        .find(|&n| same_words(&name[name.len() - n..], &next[..n]))
        .unwrap_or(0)
}

/// How many words at the start of `name` repeat the last words of `before`
/// (case-insensitive, the longest such run, never the whole name).
fn leading_repeat(before: &str, name: &str) -> usize {
    if !before.ends_with(' ') {
        return 0;
    }
    // A repeat ends at the text's last word, which is then one of the
    // name's but its last: most texts end in other words.
    let last = before.split_whitespace().next_back().unwrap_or_default();
    if !name
        .split_whitespace()
        .rev()
        .skip(1)
        .any(|w| same_words(&[w], &[last]))
    {
        return 0;
    }
    repeat_before(before, name)
}

/// [`leading_repeat`], looked for at every length.
fn repeat_before(before: &str, name: &str) -> usize {
    let name_words: Vec<&str> = name.split_whitespace().collect();
    // Only the text's last few words can repeat the name's first ones.
    let mut prev: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(name_words.len())
        .collect();
    prev.reverse();
    (1..name_words.len().min(prev.len() + 1))
        .rev()
        .find(|&n| n <= prev.len() && same_words(&prev[prev.len() - n..], &name_words[..n]))
        .unwrap_or(0)
}

/// `s` without its first `n` words (the space before them dropped, the
/// punctuation after them kept).
fn skip_leading_words(s: &str, n: usize) -> &str {
    let mut rest = s;
    for _ in 0..n {
        let t = rest.trim_start();
        let end = t
            .find(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-'))
            .unwrap_or(t.len());
        rest = &t[end..];
    }
    rest
}

/// A link as validation finds it: to, from, and why.
pub(crate) type Link = (ItemRef, ItemRef, Role);

/// Adds a link to a list. Links are added item by item, so a repeat can
/// only be among the last ones, from the same item: a source cited by
/// 100,000 events is not searched 100,000 times.
fn push_backlink(list: &mut Vec<Backlink>, from: ItemRef, role: Role) {
    let b = Backlink::new(from, role);
    let repeat = list
        .iter()
        .rev()
        .take_while(|x| x.from() == from)
        .any(|x| *x == b);
    if !repeat {
        list.push(b);
    }
}

fn slot(kind: Kind) -> usize {
    match kind {
        Kind::Actor => 0,
        Kind::Issue => 1,
        Kind::Position => 2,
        Kind::Event => 3,
        Kind::Source => 4,
    }
}

impl Briefing {
    /// An item's TLP marking: its own, else the briefing's.
    pub fn marking(&self, r: ItemRef) -> Option<super::marking::Tlp> {
        self.markings.get(&r).copied().or(self.meta.marking)
    }

    /// Whether any item is marked (the briefing's own marking aside).
    pub fn has_item_markings(&self) -> bool {
        !self.markings.is_empty()
    }

    /// How many of the item's links `--tlp` withheld.
    pub fn withheld(&self, r: ItemRef) -> u32 {
        self.withheld.get(&r).copied().unwrap_or(0)
    }

    /// The most restrictive marking among these items and the briefing.
    pub fn strictest(
        &self,
        items: impl IntoIterator<Item = ItemRef>,
    ) -> Option<super::marking::Tlp> {
        items
            .into_iter()
            .filter_map(|r| self.markings.get(&r).copied())
            .chain(self.meta.marking)
            .max()
    }

    /// The date an item is dated by: an event's, a position's, a source's.
    pub fn date_of(&self, r: ItemRef) -> Option<&super::date::Date> {
        match r.kind {
            Kind::Event => self.events[r.index].date.as_ref(),
            Kind::Position => self.positions[r.index].date.as_ref(),
            Kind::Source => self.sources[r.index].date.as_ref(),
            _ => None,
        }
    }

    /// Whether an event or a position starts at `cutoff` or later; an
    /// undated one never does.
    pub fn after(&self, r: ItemRef, cutoff: i64) -> bool {
        matches!(r.kind, Kind::Event | Kind::Position)
            && self
                .date_of(r)
                .and_then(|d| d.sort_key())
                .is_some_and(|t| t >= cutoff)
    }

    /// Where an actor or an event is on a map, when the briefing says.
    pub fn coords(&self, r: ItemRef) -> Option<(f64, f64)> {
        match r.kind {
            Kind::Actor => self.actors[r.index].coords,
            Kind::Event => self.events[r.index].coords,
            _ => None,
        }
    }

    /// The banner over what shows `items`: the classification and the
    /// strictest marking among them, `PUBLIC // OPEN SOURCES · TLP:AMBER`.
    pub fn banner(&self, items: impl IntoIterator<Item = ItemRef>) -> Option<String> {
        match (&self.meta.classification, self.strictest(items)) {
            (Some(c), Some(t)) => Some(format!("{c} · {t}")),
            (Some(c), None) => Some(c.to_string()),
            (None, Some(t)) => Some(t.to_string()),
            (None, None) => None,
        }
    }

    pub fn lookup(&self, id: &str) -> Option<ItemRef> {
        self.ids.get(id)
    }

    pub fn len(&self, kind: Kind) -> usize {
        match kind {
            Kind::Actor => self.actors.len(),
            Kind::Issue => self.issues.len(),
            Kind::Position => self.positions.len(),
            Kind::Event => self.events.len(),
            Kind::Source => self.sources.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        Kind::ALL.iter().all(|k| self.len(*k) == 0)
    }

    /// Asks for `r`'s record ahead of its use: a list of links to items far
    /// apart (a source's "linked from" names events all over the timeline)
    /// otherwise waits on memory for each.
    pub fn fetch_ahead(&self, r: ItemRef) {
        match r.kind {
            Kind::Actor => fetch_ahead(self.actors.as_ptr().wrapping_add(r.index)),
            Kind::Issue => fetch_ahead(self.issues.as_ptr().wrapping_add(r.index)),
            Kind::Position => fetch_ahead(self.positions.as_ptr().wrapping_add(r.index)),
            Kind::Event => fetch_ahead(self.events.as_ptr().wrapping_add(r.index)),
            Kind::Source => fetch_ahead(self.sources.as_ptr().wrapping_add(r.index)),
        }
    }

    /// Asks for the text of `r`'s name ahead of its use; its record is read
    /// now, so it is best asked for with [`Briefing::fetch_ahead`] first.
    pub fn fetch_name_ahead(&self, r: ItemRef) {
        let name = match r.kind {
            Kind::Actor => self.actors.get(r.index).map(|a| &a.name),
            Kind::Issue => self.issues.get(r.index).map(|i| &i.title),
            Kind::Event => self.events.get(r.index).map(|e| &e.title),
            Kind::Source => self.sources.get(r.index).map(|s| &s.title),
            Kind::Position => None,
        };
        if let Some(name) = name {
            fetch_ahead(name.as_ptr());
        }
    }

    pub fn id(&self, r: ItemRef) -> &str {
        match r.kind {
            Kind::Actor => &self.actors[r.index].id,
            Kind::Issue => &self.issues[r.index].id,
            Kind::Position => &self.positions[r.index].id,
            Kind::Event => &self.events[r.index].id,
            Kind::Source => &self.sources[r.index].id,
        }
    }

    /// A short human name: the actor's name, the issue's, event's and
    /// source's title, and "Actor → Issue" for a position.
    pub fn name(&self, r: ItemRef) -> String {
        self.name_ref(r).into_owned()
    }

    /// [`Briefing::name`], borrowed where the briefing holds it whole.
    pub fn name_ref(&self, r: ItemRef) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match r.kind {
            Kind::Actor => Cow::Borrowed(&self.actors[r.index].name),
            Kind::Issue => Cow::Borrowed(&self.issues[r.index].title),
            Kind::Position => {
                let p = &self.positions[r.index];
                Cow::Owned(format!(
                    "{} → {}",
                    self.actors[p.actor].name, self.issues[p.issue].title
                ))
            }
            Kind::Event => Cow::Borrowed(&self.events[r.index].title),
            Kind::Source => Cow::Borrowed(&self.sources[r.index].title),
        }
    }

    pub fn notes(&self, r: ItemRef) -> &Text {
        match r.kind {
            Kind::Actor => &self.actors[r.index].notes,
            Kind::Issue => &self.issues[r.index].notes,
            Kind::Position => &self.positions[r.index].notes,
            Kind::Event => &self.events[r.index].notes,
            Kind::Source => &self.sources[r.index].notes,
        }
    }

    /// The item's own citations (a relation's are its actor's too), each
    /// distinct citation once.
    pub fn citations(&self, r: ItemRef) -> Vec<&Citation> {
        let all: Vec<&Citation> = match r.kind {
            Kind::Actor => {
                let a = &self.actors[r.index];
                a.sources
                    .iter()
                    .chain(a.relations.iter().flat_map(|rel| rel.sources.iter()))
                    .collect()
            }
            Kind::Issue => self.issues[r.index].sources.iter().collect(),
            Kind::Position => self.positions[r.index].sources.iter().collect(),
            Kind::Event => self.events[r.index].sources.iter().collect(),
            Kind::Source => Vec::new(),
        };
        super::firsts(all)
    }

    /// The sources an item cites, each once, in order of first citation.
    pub fn sources_of(&self, r: ItemRef) -> Vec<usize> {
        if r.kind == Kind::Source {
            return vec![r.index];
        }
        super::firsts(self.citations(r).into_iter().map(|c| c.source).collect())
    }

    /// Inline text as plain prose: a link shows its label, or the name of
    /// the item it points at. Words right after an unlabelled link that
    /// repeat the end of the name are not written twice, so
    /// `the [[gateway]] cluster` reads "the Card gateway cluster".
    pub fn inline_text(&self, inlines: &[super::text::Inline]) -> String {
        let mut out = String::new();
        self.inline_text_into(&mut out, inlines);
        out
    }

    /// [`Briefing::inline_text`], written onto `out`.
    pub fn inline_text_into(&self, out: &mut String, inlines: &[super::text::Inline]) {
        self.each_segment(inlines, |s, _| out.push_str(&s));
    }

    /// A block's words as read, and where each of its sentences that names
    /// an event or position after `cutoff` starts: seen as of a date, such
    /// a sentence was written later than the reader is looking.
    pub fn later_sentences(
        &self,
        inlines: &[super::text::Inline],
        cutoff: i64,
    ) -> (String, Vec<usize>) {
        let mut s = String::new();
        let mut later = Vec::new();
        self.each_segment(inlines, |piece, link| {
            let start = s.len();
            s.push_str(&piece);
            if let Some(Some(r)) = link
                && self.after(r, cutoff)
            {
                later.push(start);
            }
        });
        let marks = sentences_holding(&s, &later);
        (s, marks)
    }

    /// The prose of inline text in pieces: plain runs, and links with the
    /// item they lead to (`None` for a plain run or a link elsewhere).
    pub fn inline_segments(
        &self,
        inlines: &[super::text::Inline],
    ) -> Vec<(String, Option<Option<ItemRef>>)> {
        let mut out = Vec::with_capacity(inlines.len());
        self.each_segment(inlines, |s, link| out.push((s.into_owned(), link)));
        out
    }

    /// [`Briefing::inline_segments`], each piece handed to `f` as it is
    /// read, borrowed from the briefing (a handout of 20,000 events made a
    /// string of each piece before writing it).
    pub fn each_segment<'a>(
        &'a self,
        inlines: &'a [super::text::Inline],
        mut f: impl FnMut(std::borrow::Cow<'a, str>, Option<Option<ItemRef>>),
    ) {
        use super::text::Inline;
        use std::borrow::Cow;
        let mut prev_name: Option<Cow<'a, str>> = None;
        // The piece just handed over when it was plain text.
        let mut before: &'a str = "";
        for i in inlines {
            match i {
                Inline::Plain(t) => {
                    let n = prev_name.take().map_or(0, |name| repeated_words(&name, t));
                    let piece = skip_leading_words(t, n);
                    f(Cow::Borrowed(piece), None);
                    before = piece;
                }
                Inline::Link(link) => {
                    match (&link.label, link.target) {
                        (Some(label), target) => {
                            prev_name = None;
                            f(Cow::Borrowed(label), Some(target));
                        }
                        (None, Some(t)) => {
                            let full = self.name_ref(t);
                            // "the [[canal]]" with a canal named "The canal":
                            // the words the text just said are not said again.
                            let n = leading_repeat(before, &full);
                            let name = match &full {
                                Cow::Borrowed(all) => {
                                    Cow::Borrowed(skip_leading_words(all, n).trim_start())
                                }
                                Cow::Owned(all) => {
                                    skip_leading_words(all, n).trim_start().to_string().into()
                                }
                            };
                            f(name, Some(Some(t)));
                            prev_name = Some(full);
                        }
                        (None, None) => {
                            prev_name = None;
                            f(Cow::Borrowed(&link.id), Some(None));
                        }
                    }
                    before = "";
                }
            }
        }
    }

    /// A one-line field's text as prose: its blocks joined by spaces.
    pub fn text_line(&self, t: &Text) -> String {
        let parts: Vec<String> = t
            .blocks
            .iter()
            .map(|b| self.inline_text(&b.inlines))
            .collect();
        parts.join(" ")
    }

    /// What an item points at in other briefings.
    pub fn externals(&self, r: ItemRef) -> &[super::external::ExternalRef] {
        self.externals.get(&r).map_or(&[], |v| v.as_slice())
    }

    /// The file's full path, to tell it from another briefing's.
    pub fn canonical_path(&self) -> std::path::PathBuf {
        std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone())
    }

    pub fn backlinks(&self, r: ItemRef) -> &[Backlink] {
        &self.backlinks[slot(r.kind)][r.index]
    }

    /// How many items of each kind one core adds links to when `threads`
    /// cores do: the links to item `i` of kind `k` go to part `i / size[k]`.
    pub(crate) fn link_parts(&self, threads: usize) -> [usize; 5] {
        let t = threads.max(1);
        self.backlinks
            .each_ref()
            .map(|v| v.len().div_ceil(t).max(1))
    }

    /// The part (see [`Self::link_parts`]) the links to `to` go to.
    pub(crate) fn link_part(size: &[usize; 5], parts: usize, to: ItemRef) -> usize {
        (to.index / size[slot(to.kind)]).min(parts.saturating_sub(1))
    }

    /// Adds the links `(to, from, role)` to what points at `to`: `links`
    /// holds, stretch by stretch in order, each part's links (see
    /// [`Self::link_parts`]), and each part is added on a core of its own,
    /// so every list gets its links in the order one walk gives them.
    pub(crate) fn add_backlinks(&mut self, links: &[Vec<Vec<Link>>], size: [usize; 5]) {
        let parts = links.first().map_or(1, Vec::len);
        let add = |part: usize, mut lists: [&mut [Vec<Backlink>]; 5]| {
            for &(to, from, role) in links.iter().filter_map(|s| s.get(part)).flatten() {
                let k = slot(to.kind);
                if let Some(list) =
                    (to.index.checked_sub(part * size[k])).and_then(|i| lists[k].get_mut(i))
                {
                    push_backlink(list, from, role);
                }
            }
        };
        // Each part's stretch of every kind's lists, taken by the core
        // that adds the part's links.
        let mut mine: Vec<[&mut [Vec<Backlink>]; 5]> =
            (0..parts).map(|_| Default::default()).collect();
        for (k, lists) in self.backlinks.iter_mut().enumerate() {
            for (p, chunk) in lists.chunks_mut(size[k]).enumerate() {
                if let Some(m) = mine.get_mut(p) {
                    m[k] = chunk;
                }
            }
        }
        let mine: Vec<std::sync::Mutex<Option<_>>> = mine
            .into_iter()
            .map(|m| std::sync::Mutex::new(Some(m)))
            .collect();
        crate::cores::split(parts, parts, |range| {
            for p in range {
                if let Some(lists) = mine[p].lock().ok().and_then(|mut m| m.take()) {
                    add(p, lists);
                }
            }
        });
    }

    /// What an item points at, labelled and in the order fields are written.
    pub fn links(&self, r: ItemRef) -> Vec<(&'static str, ItemRef)> {
        let actor = |i| ItemRef::new(Kind::Actor, i);
        let issue = |i| ItemRef::new(Kind::Issue, i);
        let mut out = Vec::new();
        match r.kind {
            Kind::Actor => {
                let a = &self.actors[r.index];
                out.extend(a.part_of.iter().map(|&i| ("Part of", actor(i))));
                out.extend(a.relations.iter().map(|rel| ("Relations", actor(rel.to))));
            }
            Kind::Issue => {
                out.extend(
                    self.issues[r.index]
                        .actors
                        .iter()
                        .map(|&i| ("Actors", actor(i))),
                );
            }
            Kind::Position => {
                let p = &self.positions[r.index];
                out.push(("Actor", actor(p.actor)));
                out.push(("Issue", issue(p.issue)));
                if let Some(s) = p.said_by {
                    out.push(("Said by", actor(s)));
                }
            }
            Kind::Event => {
                let e = &self.events[r.index];
                out.extend(e.actors.iter().map(|&i| ("Actors", actor(i))));
                out.extend(e.issues.iter().map(|&i| ("Issues", issue(i))));
            }
            Kind::Source => {}
        }
        if let Some(v) = self.line_links.get(&r) {
            out.extend(v.iter().map(|t| ("Mentions", *t)));
        }
        for t in self.texts(r) {
            for l in t.links() {
                if let super::text::Inline::Link(l) = l
                    && let Some(t) = l.target
                {
                    out.push(("Mentions", t));
                }
            }
        }
        out
    }

    /// The item's text fields, for link scanning and search.
    pub fn texts(&self, r: ItemRef) -> Vec<&Text> {
        match r.kind {
            Kind::Actor => vec![&self.actors[r.index].summary, &self.actors[r.index].notes],
            Kind::Issue => vec![&self.issues[r.index].summary, &self.issues[r.index].notes],
            Kind::Position => vec![
                &self.positions[r.index].detail,
                &self.positions[r.index].rationale,
                &self.positions[r.index].notes,
            ],
            Kind::Event => vec![&self.events[r.index].summary, &self.events[r.index].notes],
            Kind::Source => vec![&self.sources[r.index].excerpt, &self.sources[r.index].notes],
        }
    }

    /// Every item linked to `r` either way: the reader lights these up.
    pub fn related(&self, r: ItemRef) -> Vec<ItemRef> {
        let mut out: Vec<ItemRef> = self.links(r).into_iter().map(|(_, t)| t).collect();
        out.extend(self.backlinks(r).iter().map(|b| b.from()));
        match r.kind {
            // An actor reaches the issues it holds positions on or acts in.
            Kind::Actor => {
                for b in self.backlinks(r) {
                    match b.from().kind {
                        Kind::Position => out.push(ItemRef::new(
                            Kind::Issue,
                            self.positions[b.from().index].issue,
                        )),
                        Kind::Event => out.extend(
                            self.events[b.from().index]
                                .issues
                                .iter()
                                .map(|&i| ItemRef::new(Kind::Issue, i)),
                        ),
                        _ => {}
                    }
                }
            }
            // An issue reaches the actors that hold positions on it.
            Kind::Issue => {
                for b in self.backlinks(r) {
                    if b.from().kind == Kind::Position {
                        out.push(ItemRef::new(
                            Kind::Actor,
                            self.positions[b.from().index].actor,
                        ));
                    }
                }
            }
            _ => {}
        }
        out.extend(
            self.sources_of(r)
                .into_iter()
                .map(|i| ItemRef::new(Kind::Source, i)),
        );
        out.retain(|x| *x != r);
        out.sort();
        out.dedup();
        out
    }

    /// Issue indexes open first, then watching, then resolved; by priority
    /// within each; file order last.
    pub fn issues_by_priority(&self) -> Vec<usize> {
        let status = |s: Status| match s {
            Status::Open => 0,
            Status::Watching => 1,
            Status::Resolved => 2,
        };
        let priority = |p: Option<Priority>| match p {
            Some(Priority::High) => 0,
            Some(Priority::Medium) => 1,
            Some(Priority::Low) => 2,
            None => 3,
        };
        let mut v: Vec<usize> = (0..self.issues.len()).collect();
        v.sort_by_key(|&i| {
            (
                status(self.issues[i].status),
                priority(self.issues[i].priority),
            )
        });
        v
    }

    pub fn all_items(&self) -> impl Iterator<Item = ItemRef> + '_ {
        Kind::ALL
            .into_iter()
            .flat_map(move |k| (0..self.len(k)).map(move |i| ItemRef::new(k, i)))
    }
}

/// Where each sentence of `s` that holds one of the byte offsets `at`
/// (sorted) begins, at its first word.
pub fn sentences_holding(s: &str, at: &[usize]) -> Vec<usize> {
    let starts = super::evidence::sentence_starts(s);
    let mut marks: Vec<usize> = at
        .iter()
        .map(|&a| starts[starts.partition_point(|&st| st <= a).saturating_sub(1)])
        .collect();
    marks.dedup();
    // At a word, not the space a sentence boundary leaves before it.
    marks
        .into_iter()
        .map(|m| m + (s[m..].len() - s[m..].trim_start().len()))
        .collect()
}

/// A hint to the processor to bring the memory at `p` into its cache; it
/// never reads through `p` (any address will do), and does nothing off x86.
#[inline]
fn fetch_ahead<T>(p: *const T) {
    // SAFETY: a prefetch reads nothing and cannot fault, whatever `p` is;
    // SSE is part of every x86-64 processor.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast())
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// Texts and names of a few words, some the same but for case or a
    /// trailing comma, so repeats of every length turn up.
    fn words(n: std::ops::Range<usize>) -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec!["the", "The", "canal", "Canal,", "old", "é", "É."]),
            n,
        )
        .prop_map(|w| w.join(" "))
    }

    /// Every grade, written out or not, is the letter (or `?`) and the
    /// number (or `?`).
    #[test]
    fn a_grade_is_its_letter_and_number() {
        let loaded = crate::briefing::load_str(
            &crate::synth::briefing_yaml(1),
            "g.yaml",
            Default::default(),
        );
        let mut s = loaded
            .briefing
            .expect("the synthetic briefing loads")
            .sources[0]
            .clone();
        let letters = [None, Some('A'), Some('C'), Some('F'), Some('G'), Some('é')];
        for reliability in letters {
            for credibility in [None, Some(0), Some(1), Some(4), Some(6), Some(7), Some(200)] {
                (s.reliability, s.credibility) = (reliability, credibility);
                let want = (reliability.is_some() || credibility.is_some()).then(|| {
                    format!(
                        "{}{}",
                        reliability.unwrap_or('?'),
                        credibility.map_or("?".to_string(), |c| c.to_string())
                    )
                });
                assert_eq!(s.grade().map(|g| g.into_owned()), want);
            }
        }
    }

    proptest::proptest! {
        /// The quick look at one word never turns away a repeat the full
        /// search finds.
        #[test]
        fn a_repeat_is_found_as_by_looking_at_every_length(
            name in words(0..4), text in words(0..6), lead in "[ ]?", end in "[ ]?",
        ) {
            let after = format!("{lead}{text}");
            let full = if lead.is_empty() { 0 } else { repeat_after(&name, &after) };
            proptest::prop_assert_eq!(repeated_words(&name, &after), full);
            let before = format!("{text}{end}");
            let full = if end.is_empty() { 0 } else { repeat_before(&before, &name) };
            proptest::prop_assert_eq!(leading_repeat(&before, &name), full);
        }
    }
}
