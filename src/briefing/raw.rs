//! Serde structs that mirror the YAML one to one.
//!
//! Every leaf is read as text and every container leniently ([`Val`]), so that
//! one serde pass keeps going past a wrong type, an unknown key or a duplicate
//! key and validation can report all of them at once, with their paths.
//! The structs are strict the way `deny_unknown_fields` is, except that keys
//! starting with `x-` (extensions) are skipped at every level.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A value as found: the expected shape, nothing (`~` or an empty value),
/// or something of another shape (named for the message).
#[derive(Debug, Clone, PartialEq)]
pub enum Val<T> {
    Ok(T),
    Null,
    Wrong(&'static str),
}

impl<T> Val<T> {
    pub fn as_ok(&self) -> Option<&T> {
        match self {
            Val::Ok(v) => Some(v),
            _ => None,
        }
    }
}

pub type Text = Val<String>;
pub type List<T> = Val<Vec<Val<T>>>;

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Val::Ok(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Val::Ok(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Val::Ok(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Val::Ok(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Val::Ok(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Text, E> {
        Ok(Val::Ok(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Text, E> {
        Ok(Val::Ok(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Val::Ok(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Val::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        Ok(Val::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text, A::Error> {
        drain_seq(seq)?;
        Ok(Val::Wrong("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
        drain_map(map)?;
        Ok(Val::Wrong("a mapping"))
    }
}

/// Implemented by every struct the format knows, so lists and `Val` can hold
/// them. `from_map` reads the fields; `from_scalar` lets a type accept a
/// shorthand (a citation written as a bare source id).
pub trait Record: Sized {
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
    fn from_scalar(_text: String) -> Option<Self> {
        None
    }
}

/// Whether a `Val<T>` is read as a scalar or as a record; chosen per type.
pub trait Shape: Sized {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Val<Self>, D::Error>;
}

impl Shape for String {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

impl<T: Shape> Shape for Vec<Val<T>> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Val<Self>, D::Error> {
        d.deserialize_any(ListVisitor(std::marker::PhantomData))
    }
}

impl<'de, T: Shape> Deserialize<'de> for Val<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read(d)
    }
}

struct ListVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Shape> Visitor<'de> for ListVisitor<T> {
    type Value = Val<Vec<Val<T>>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element::<Val<T>>()? {
            out.push(v);
        }
        Ok(Val::Ok(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drain_map(map)?;
        Ok(Val::Wrong("a mapping"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Val::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Val::Null)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Val::Wrong("text"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a number"))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a number"))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a number"))
    }
}

pub(crate) struct RecordVisitor<T>(pub std::marker::PhantomData<T>);

impl<'de, T: Record> Visitor<'de> for RecordVisitor<T> {
    type Value = Val<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::from_map(map).map(Val::Ok)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq)?;
        Ok(Val::Wrong("a list"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Val::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Val::Null)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(T::from_scalar(v.to_owned()).map_or(Val::Wrong("text"), Val::Ok))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Val::Wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(T::from_scalar(v.to_string()).map_or(Val::Wrong("a number"), Val::Ok))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(T::from_scalar(v.to_string()).map_or(Val::Wrong("a number"), Val::Ok))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Ok(T::from_scalar(v.to_string()).map_or(Val::Wrong("a number"), Val::Ok))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Ok(T::from_scalar(v.to_string()).map_or(Val::Wrong("a number"), Val::Ok))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(T::from_scalar(v.to_string()).map_or(Val::Wrong("a number"), Val::Ok))
    }
}

/// A mapping key: one of the record's known keys (borrowed from its table,
/// so the common case allocates nothing), or any other key as text.
enum Key {
    Known(&'static str),
    Other(String),
}

struct KeySeed(&'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(match self.0.iter().find(|k| **k == v) {
            Some(k) => Key::Known(k),
            None => Key::Other(v.to_owned()),
        })
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
        Ok(Key::Other(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
        Ok(Key::Other(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
        Ok(Key::Other(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Key, E> {
        Ok(Key::Other(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Key, E> {
        Ok(Key::Other(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
        // As YAML writes them, so the key is found in the file.
        Ok(Key::Other(if v.is_nan() {
            ".nan".into()
        } else if v.is_infinite() {
            if v > 0.0 { ".inf" } else { "-.inf" }.into()
        } else {
            v.to_string()
        }))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
        Ok(Key::Other("~".into()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Key, A::Error> {
        drain_seq(seq)?;
        Ok(Key::Other("<a list>".into()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Key, A::Error> {
        drain_map(map)?;
        Ok(Key::Other("<a mapping>".into()))
    }
}

/// Keys a mapping had that the format does not know, and keys it had twice.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Extra {
    pub unknown: Vec<String>,
    pub duplicate: Vec<String>,
    /// Links to items withheld by `--tlp`, taken out of this one.
    pub withheld: u32,
    /// Written in its short form, a plain scalar (a place's bare name).
    pub scalar: bool,
}

macro_rules! record {
    ($(#[$m:meta])* $name:ident $(scalar $scalar:expr;)? { $($field:ident : $ty:ty = $key:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Default, Clone, PartialEq)]
        pub struct $name {
            $(pub $field: Option<Val<$ty>>,)*
            pub extra: Extra,
        }

        impl $name {
            pub const KEYS: &'static [&'static str] = &[$($key),*];
        }

        impl Record for $name {
            fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                let mut out = $name::default();
                // Past a few unknown keys, a set finds repeats: a mapping
                // of 50,000 unknown keys stays linear.
                let mut seen: Option<rustc_hash::FxHashSet<String>> = None;
                while let Some(key) = map.next_key_seed(KeySeed(Self::KEYS))? {
                    let key = match key {
                        $(Key::Known($key) => {
                            let v = map.next_value::<Val<$ty>>()?;
                            if out.$field.is_some() {
                                out.extra.duplicate.push($key.to_string());
                            } else {
                                out.$field = Some(v);
                            }
                            continue;
                        })*
                        Key::Known(k) => k.to_string(),
                        Key::Other(k) => k,
                    };
                    match key.as_str() {
                        k if k.starts_with("x-") => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            let unknown = &mut out.extra.unknown;
                            let again = if unknown.len() < 16 {
                                unknown.contains(&key)
                            } else {
                                let set = seen.get_or_insert_with(|| unknown.iter().cloned().collect());
                                !set.insert(key.clone())
                            };
                            if again {
                                out.extra.duplicate.push(key);
                            } else {
                                unknown.push(key);
                            }
                        }
                    }
                }
                Ok(out)
            }
            $(fn from_scalar(text: String) -> Option<Self> {
                Some(($scalar)(text))
            })?
        }

        impl Shape for $name {
            fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Val<Self>, D::Error> {
                d.deserialize_any(RecordVisitor::<$name>(std::marker::PhantomData))
            }
        }
    };
}

record!(
    /// The whole file.
    Briefing {
        format: String = "format",
        title: String = "title",
        subtitle: String = "subtitle",
        classification: String = "classification",
        marking: String = "marking",
        as_of: String = "as_of",
        authors: Vec<Val<String>> = "authors",
        summary: String = "summary",
        key_points: Vec<Val<KeyPoint>> = "key_points",
        deck: Vec<Val<String>> = "deck",
        actors: Vec<Val<Actor>> = "actors",
        issues: Vec<Val<Issue>> = "issues",
        positions: Vec<Val<Position>> = "positions",
        timeline: Vec<Val<Event>> = "timeline",
        sources: Vec<Val<Source>> = "sources",
    }
);

record!(
    /// A key point: its text, or a mapping with its likelihood.
    KeyPoint scalar KeyPoint::plain; {
        text: String = "text",
        likelihood: String = "likelihood",
    }
);

impl KeyPoint {
    pub fn plain(text: String) -> Self {
        KeyPoint {
            text: Some(Val::Ok(text)),
            extra: Extra {
                scalar: true,
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

record!(Actor {
    id: String = "id",
    name: String = "name",
    kind: String = "kind",
    aliases: Vec<Val<String>> = "aliases",
    part_of: Vec<Val<String>> = "part_of",
    relations: Vec<Val<Relation>> = "relations",
    location: Place = "location",
    summary: String = "summary",
    sources: Vec<Val<Citation>> = "sources",
    unhedged: String = "unhedged",
    notes: String = "notes",
    marking: String = "marking",
});

record!(Relation {
    to: String = "to",
    kind: String = "type",
    since: String = "since",
    until: String = "until",
    sources: Vec<Val<Citation>> = "sources",
});

record!(Issue {
    id: String = "id",
    title: String = "title",
    question: String = "question",
    status: String = "status",
    priority: String = "priority",
    summary: String = "summary",
    actors: Vec<Val<String>> = "actors",
    sources: Vec<Val<Citation>> = "sources",
    unhedged: String = "unhedged",
    notes: String = "notes",
    marking: String = "marking",
});

record!(Position {
    id: String = "id",
    actor: String = "actor",
    issue: String = "issue",
    stance: String = "stance",
    alignment: String = "alignment",
    quote: String = "quote",
    said_by: String = "said_by",
    date: String = "date",
    confidence: String = "confidence",
    likelihood: String = "likelihood",
    rationale: String = "rationale",
    detail: String = "detail",
    sources: Vec<Val<Citation>> = "sources",
    unhedged: String = "unhedged",
    notes: String = "notes",
    marking: String = "marking",
});

record!(
    /// Where: a place's name, or a mapping with its coordinates.
    Place scalar Place::named; {
        name: String = "name",
        lat: String = "lat",
        lon: String = "lon",
    }
);

impl Place {
    pub fn named(name: String) -> Self {
        Place {
            name: Some(Val::Ok(name)),
            extra: Extra {
                scalar: true,
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

record!(Event {
    id: String = "id",
    date: String = "date",
    when: String = "when",
    title: String = "title",
    summary: String = "summary",
    location: Place = "location",
    actors: Vec<Val<String>> = "actors",
    issues: Vec<Val<String>> = "issues",
    sources: Vec<Val<Citation>> = "sources",
    unhedged: String = "unhedged",
    notes: String = "notes",
    marking: String = "marking",
});

record!(Source {
    id: String = "id",
    title: String = "title",
    publisher: String = "publisher",
    author: String = "author",
    date: String = "date",
    url: String = "url",
    kind: String = "kind",
    reliability: String = "reliability",
    credibility: String = "credibility",
    via: String = "via",
    excerpt: String = "excerpt",
    file: String = "file",
    text: String = "text",
    notes: String = "notes",
    marking: String = "marking",
});

record!(
    /// A citation in its long form; the short form is a bare source id.
    Citation scalar Citation::short; {
        source: String = "source",
        locator: String = "locator",
        quote: String = "quote",
    }
);

impl Citation {
    pub fn short(id: String) -> Self {
        Citation {
            source: Some(Val::Ok(id)),
            ..Default::default()
        }
    }
}

/// Reads a whole briefing. Only YAML syntax errors and serde's own limits
/// (recursion, alias repetition) fail here; everything else is collected.
/// The quick reader when the YAML is plain enough for it, else serde_yaml;
/// each in pieces on every core when the file is large and can be cut (see
/// `pieces.rs`), else in one parse. Neither reads the file twice.
pub fn parse(text: &str) -> Result<Val<Briefing>, serde_yaml::Error> {
    match parse_quickly(text) {
        Some(b) => Ok(b),
        None => parse_slowly(text),
    }
}

/// The file read by the quick reader alone, or `None`: it is left to
/// [`parse_slowly`].
pub fn parse_quickly(text: &str) -> Option<Val<Briefing>> {
    match super::pieces::parse_quickly(text) {
        Some(cut) => cut.map(Val::Ok),
        None => super::quick_yaml::from_str::<Val<Briefing>>(text),
    }
}

/// The file read by serde_yaml alone.
pub fn parse_slowly(text: &str) -> Result<Val<Briefing>, serde_yaml::Error> {
    match super::pieces::parse_slowly(text) {
        Some(b) => Ok(Val::Ok(b)),
        None => serde_yaml::from_str::<Val<Briefing>>(text),
    }
}

/// The file in one parse: the quick reader when the YAML is plain enough
/// for it (the same values, see `quick_yaml`), else serde_yaml.
pub fn parse_whole(text: &str) -> Result<Val<Briefing>, serde_yaml::Error> {
    if let Some(b) = super::quick_yaml::from_str::<Val<Briefing>>(text) {
        return Ok(b);
    }
    serde_yaml::from_str::<Val<Briefing>>(text)
}
